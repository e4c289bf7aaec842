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
//!
//! ## Ranking semantics
//!
//! Every method that ranks follows one rule, a table's [`Ranking`]: scores are compared at
//! the table's decimals ([`LeagueTable::decimals`]: 2 for published tables, the values as
//! given for tables built from values, or what the caller sets), the candidate's and the
//! competitors' alike, and equal compared values follow the [`TiePolicy`].
//! [`LeagueTable::points_to_rank`] is the exact inverse of [`LeagueTable::rank_with_gain`]:
//! its `high` is the least gain (a whole number of units of the table's decimals) whose
//! worst rank is the target. Points are **percentage points** of the index in league
//! tables and **framework points** in scorecards, what-if, rank-gain and the planner; one
//! function converts ([`decimal::framework_points`]). A scorecard ranked in a table must
//! match it ([`LeagueTable::check_fits`]).
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

pub mod agency;
pub mod band;
mod collect;
pub mod columns;
pub mod contract;
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
pub mod text;

pub use agency::{Assignment, Assignments, Units};
pub use band::Band;
pub use error::{Error, ErrorKind, Location, Result};
pub use framework::Framework;
pub use index_kind::IndexKind;
pub use league::{
    published, published_years, ranks_from_scores, year_over_year, Competitors, CsvTableOptions, Entry, EntryInput,
    LeagueTable, PointsNeeded, RankBounds, Roster, ScoreBounds, TiePolicy,
};
pub use league::{Ranking, MAX_DECIMALS, MAX_RANKED};
pub use problem::{Problem, ProblemKind};
pub use rust_decimal::Decimal;
pub use scorecard::{NodePoints, PointsSource, Scorecard};
pub use sipas::{SipasOptions, SipasResult, Survey};
pub use table::{Sheet, Table, TableOptions};

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
