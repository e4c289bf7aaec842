//! Progress of the plan at a reporting date (6-month, 9-month and yearly PAR reports):
//! what done items would bring, the projected rank and the chance of the target.

use crate::band::Band;
use crate::error::{Error, Location, Result};
use crate::league::{LeagueTable, RankBounds};
use crate::scorecard::Scorecard;
use crate::simulate::{exact, what_if, Change, ChangeModel, MonteCarlo, Scenario};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where a plan item stands at a reporting date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Done (đã hoàn thành): its expected points count in the projection.
    Done,
    /// Under way (đang thực hiện): not counted.
    InProgress,
    /// Not started (chưa thực hiện): not counted.
    #[default]
    Pending,
}

/// One plan item (a row of the annex) with its status and the points expected when done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    /// Node code the item improves.
    pub code: String,
    /// Status at the reporting date.
    #[serde(default)]
    pub status: PlanStatus,
    /// Framework points the item should recover when done (added to the baseline's points
    /// at the node).
    #[serde(with = "crate::decimal::serde_dec")]
    pub expected_points: Decimal,
    /// Row in the input, when read from a file.
    #[serde(default)]
    pub row: Option<usize>,
}

/// The projection at one reporting date. Points: framework points; index: percent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Progress {
    /// The report (e.g. `6 tháng`, `9 tháng`, `năm`).
    pub report: String,
    /// Items done / all items.
    pub done: usize,
    /// All items.
    pub items: usize,
    /// Points the done items bring.
    pub points_done: Decimal,
    /// Points the other items would still bring.
    pub points_pending: Decimal,
    /// Baseline total (the last appraised scorecard).
    pub points_before: Decimal,
    /// Projected total: done items deliver, the others do not.
    pub projected_points: Decimal,
    /// Projected index (percent, unrounded).
    pub projected_index: Decimal,
    /// Projected rank against the published table (others as published).
    pub projected_rank: RankBounds,
    /// Projected band.
    pub projected_band: Band,
    /// P(rank ≤ target) when everyone moves as the default change model says (exact
    /// solution of the Monte Carlo model); `None` without a target.
    pub p_target: Option<f64>,
}

/// Project one report: `baseline` (the unit's last scorecard, with a total) plus the
/// expected points of the done items, ranked against `table` (the published table the
/// unit is in), with P(target) from [`crate::simulate::exact`] under `model` (`None`: the
/// default change model, the published year-over-year changes of the PAR INDEX or SIPAS;
/// a province's own units need their own, e.g. [`ChangeModel::Sample`] of
/// [`crate::agency::Units::changes`]).
///
/// Errors: [`Error::UnknownCode`]; [`Error::AboveMax`] when an item's points take its node
/// above the max; [`Error::Negative`]; [`Error::InvalidArgument`] for a scorecard without a
/// total or a target outside 1..=of; those of [`crate::simulate::exact`] (e.g. the unit's
/// own score not published).
pub fn progress(
    baseline: &Scorecard,
    report: &str,
    items: &[PlanItem],
    table: &LeagueTable,
    target_rank: Option<u32>,
    model: Option<&ChangeModel>,
) -> Result<Progress> {
    for item in items {
        if item.expected_points < Decimal::ZERO {
            let at = item
                .row
                .map_or_else(|| Location::code(&item.code), |r| Location::default().at_row(r).with_code(&item.code));
            return Err(Error::Negative { at: at.with_column("expected_points"), value: item.expected_points });
        }
    }
    let done: Vec<&PlanItem> = items.iter().filter(|i| i.status == PlanStatus::Done).collect();
    let changes = done.iter().map(|i| Change::Add { code: i.code.clone(), points: i.expected_points }).collect();
    let scenario = Scenario { name: report.to_string(), changes };
    let w = what_if(baseline, Some(table), std::slice::from_ref(&scenario))?
        .pop()
        .ok_or_else(|| Error::Unsupported { message: "the what-if returned no result".into() })?;
    let projected_rank =
        w.rank_after.ok_or_else(|| Error::Unsupported { message: "no rank without a table".into() })?;
    let p_target = match target_rank {
        Some(t) => {
            table.check_target(t)?;
            let mut options = MonteCarlo::new(baseline.province(), vec![w.index_after - w.index_before], t, 1, 0);
            if let Some(m) = model {
                options.model = m.clone();
            }
            exact(table, &options)?.plans.first().map(|p| p.p_target)
        }
        None => None,
    };
    Ok(Progress {
        report: report.to_string(),
        done: done.len(),
        items: items.len(),
        points_done: done.iter().map(|i| i.expected_points).sum(),
        points_pending: items.iter().filter(|i| i.status != PlanStatus::Done).map(|i| i.expected_points).sum(),
        points_before: w.points_before,
        projected_points: w.points_after,
        projected_index: w.index_after,
        projected_rank,
        projected_band: w.band_after,
        p_target,
    })
}

/// The summary table of several reports (e.g. 6-month, 9-month, yearly), one row each,
/// in the order given. Errors: as [`progress`].
pub fn progress_summary(
    baseline: &Scorecard,
    reports: &[(String, Vec<PlanItem>)],
    table: &LeagueTable,
    target_rank: Option<u32>,
    model: Option<&ChangeModel>,
) -> Result<Vec<Progress>> {
    reports.iter().map(|(name, items)| progress(baseline, name, items, table, target_rank, model)).collect()
}
