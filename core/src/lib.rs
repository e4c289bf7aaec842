//! # parindex
//!
//! Scoring, ranking and simulation of Vietnam's provincial public-administration indices:
//! the **PAR INDEX** (Chỉ số cải cách hành chính, Ministry of Home Affairs — Bộ Nội vụ) and
//! **SIPAS** (Chỉ số hài lòng về sự phục vụ hành chính).
//!
//! - [`framework`]: methodologies as data (876/QĐ-BNV, 892/QĐ-BNV, 1001/QĐ-BNV, …).
//! - [`Scorecard`]: one province's points, aggregated and checked.
//! - [`LeagueTable`]: published results (usually partial), ranks under a [`TiePolicy`],
//!   bounds, contradictions.
//! - [`province`]: the 63 provinces, their regions and the 34 units of 2025.
//!
//! Points and percentages are exact decimals ([`rust_decimal::Decimal`]); percent is 0–100.
//! Library code never panics: every failure is an [`Error`] naming the file, row and code.
//!
//! ```
//! use parindex::{published, IndexKind};
//! let t = published(&IndexKind::Par, 2023)?;
//! assert_eq!(t.rank("Lạng Sơn")?, Some(47));
//! let need = t.points_to_rank("Lạng Sơn", 30)?;
//! assert_eq!((need.low.to_string(), need.high.to_string()), ("1.10".into(), "1.38".into()));
//! # Ok::<(), parindex::Error>(())
//! ```

pub mod band;
pub mod columns;
pub mod decimal;
pub mod error;
pub mod export;
pub mod framework;
pub mod index_kind;
pub mod io;
pub mod league;
pub mod problem;
pub mod province;
pub mod report;
pub mod scorecard;
pub mod simulate;
pub mod sipas;
pub mod table;

pub use band::Band;
pub use error::{Error, Location, Result};
pub use framework::Framework;
pub use index_kind::IndexKind;
pub use league::{
    published, published_years, ranks_from_scores, year_over_year, Competitors, CsvTableOptions, Entry, EntryInput,
    LeagueTable, PointsNeeded, RankBounds, Roster, ScoreBounds, TiePolicy,
};
pub use problem::{Problem, ProblemKind};
pub use rust_decimal::Decimal;
pub use scorecard::{NodePoints, PointsSource, Scorecard};
pub use sipas::{SipasOptions, SipasResult, Survey};
pub use table::{Sheet, Table, TableOptions};

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
