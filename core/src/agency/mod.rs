//! Agencies (cơ quan) and the province's own year: who leads each criterion, the points
//! each lead agency lost, self-assessment against appraisal, many units at once and the
//! progress of the plan.
//!
//! - [`Assignments`]: the plan annex (phụ lục kế hoạch) as data — for each field,
//!   criterion or sub-criterion, the tasks, product, deadline, lead agency (cơ quan chủ
//!   trì) and coordinating agencies (cơ quan phối hợp).
//! - [`accountability`]: points lost per lead agency and the ranks they would buy.
//! - [`appraisal`]: self-assessed (tự đánh giá) against appraised (thẩm định) points,
//!   with evidence (tài liệu kiểm chứng).
//! - [`Units`]: one long table → a scorecard per unit, a league table of the units.
//! - [`progress`]: plan items with a status at a reporting date → projected score and rank.

mod accountability;
mod appraisal;
mod assignments;
mod progress;
mod units;

pub use accountability::{accountability, Accountability, AgencyLoss, ChargedNode};
pub use appraisal::{appraisal, AgencyCut, Appraisal, Claim, NodeCut, WhatIfAccepted};
pub use assignments::{agency_key, Assignment, Assignments};
pub use progress::{progress, progress_summary, PlanItem, PlanStatus, Progress};
pub use units::{LongRow, Units};
