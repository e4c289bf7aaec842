//! The rank-gain table: for every node of a scorecard, the points lost and the ranks they
//! would buy back.

use crate::decimal::{framework_points, percent};
use crate::error::Result;
use crate::league::{Competitors, LeagueTable, PointsNeeded, RankBounds};
use crate::scorecard::Scorecard;
use rust_decimal::Decimal;
use serde::Serialize;

/// One node's row of the rank-gain table. Points in the framework's points.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "GainNode"))]
pub struct GainRow {
    /// Node code.
    pub code: String,
    /// `total`, the level (`field`, `criterion`, …) or the grouping (`component`).
    pub level: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Maximum points.
    pub max_points: Decimal,
    /// Points achieved.
    pub points: Decimal,
    /// Where the points come from (given, summed or implied by arithmetic).
    pub source: Option<crate::scorecard::PointsSource>,
    /// Points lost (max − points).
    pub lost: Decimal,
    /// Rank if the lost points were recovered, others as published.
    pub rank_if_recovered: RankBounds,
    /// Ranks gained by recovering them (current − recovered; best, worst, estimate).
    pub ranks_gained: RankBounds,
    /// Ranks gained per point recovered, by the estimate (`None` when nothing is lost).
    pub ranks_per_point: Option<Decimal>,
    /// Points needed for +1 rank, when this node alone can supply them (`low` ≤ lost).
    pub for_plus_1: Option<PointsNeeded>,
    /// Points needed for +5 ranks, when this node alone can supply them.
    pub for_plus_5: Option<PointsNeeded>,
    /// Points needed for +10 ranks, when this node alone can supply them.
    pub for_plus_10: Option<PointsNeeded>,
    /// Points needed for the target rank, when this node alone can supply them.
    pub for_target: Option<PointsNeeded>,
}

/// The rank-gain table of a province.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct GainTable {
    /// Province.
    pub province: String,
    /// Index now (percent, unrounded).
    pub index: Decimal,
    /// Rank now, as bounds.
    pub rank: RankBounds,
    /// Target rank, when asked.
    pub target_rank: Option<u32>,
    /// Points needed for +1 rank (framework points), whatever node they come from.
    pub plus_1: PointsNeeded,
    /// Points needed for +5 ranks.
    pub plus_5: PointsNeeded,
    /// Points needed for +10 ranks.
    pub plus_10: PointsNeeded,
    /// Points needed for the target rank.
    pub target: Option<PointsNeeded>,
    /// One row per node with known points and max, total first, in framework order; then
    /// one row per constraint on unknown maxima whose codes all have points (code
    /// `2+6+7`, level `constraint`: their joint points lost).
    pub rows: Vec<GainRow>,
    /// Codes with points but an unknown max (left out of the rows).
    pub unknown_max: Vec<String>,
}

/// Build the rank-gain table of `card` against `table` (everyone else as published).
/// "+k ranks" means reaching rank ≤ (estimated current rank − k), at least 1.
///
/// Units: every points value is in **framework points** (the scorecard's scale, out of
/// the framework's total max); the table's percentage points of the index are converted
/// once, by [`crate::decimal::framework_points`].
///
/// Errors: [`crate::Error::InvalidArgument`] when the scorecard has no total or the framework no
/// total max, or the target is outside 1..=of; the table's errors for the province; those of
/// [`LeagueTable::check_fits`] (a scorecard of another index, year or methodology period).
pub fn rank_gain(card: &Scorecard, table: &LeagueTable, target_rank: Option<u32>) -> Result<GainTable> {
    table.check_fits(card)?;
    let fw = card.framework();
    let (total, total_max) = card.total_and_max()?;
    if let Some(t) = target_rank {
        table.check_target(t)?;
    }
    let province = card.province().to_string();
    let index = percent(total, total_max)?;
    let field = table.competitors(&province)?;
    let rank = field.rank_if(index)?;
    // Percentage points of the index → framework points.
    let to_points = |p: PointsNeeded| -> Result<PointsNeeded> {
        Ok(PointsNeeded {
            low: framework_points(p.low, total_max)?,
            high: framework_points(p.high, total_max)?,
            estimate: framework_points(p.estimate, total_max)?,
        })
    };
    let needed_for = |target: u32| -> Result<PointsNeeded> { to_points(needed_from(&field, index, target.max(1))?) };
    let up = |k: u32| rank.estimate.saturating_sub(k).max(1);
    let plus_1 = needed_for(up(1))?;
    let plus_5 = needed_for(up(5))?;
    let plus_10 = needed_for(up(10))?;
    let target = target_rank.map(needed_for).transpose()?;
    let mut rows = Vec::new();
    let mut unknown_max = Vec::new();
    type Entry =
        (String, String, String, String, Option<Decimal>, Option<Decimal>, Option<crate::scorecard::PointsSource>);
    let mut entries: Vec<Entry> = card
        .rows()
        .into_iter()
        .map(|r| (r.code, r.level, r.name_vi, r.name_en, r.max_points, r.points, r.source))
        .collect();
    for c in fw.constraints() {
        let points: Option<Decimal> = c.codes.iter().map(|k| card.points(k).ok().flatten().map(|p| p.points)).sum();
        let code = c.codes.join("+");
        let names = c.codes.iter().map(|k| fw.node(k).map_or(k.clone(), |n| n.name_vi.clone())).collect::<Vec<_>>();
        entries.push((code, "constraint".into(), names.join(" + "), String::new(), Some(c.sum), points, None));
    }
    for (code, level, name_vi, name_en, max, points, source) in entries {
        if max.is_none() && points.is_some() {
            unknown_max.push(code.clone());
        }
        let (Some(max), Some(points)) = (max, points) else { continue };
        let lost = max - points;
        let (after, gained) = recovery(&field, rank, total, total_max, lost)?;
        let within = |p: PointsNeeded| (p.low <= lost && lost > Decimal::ZERO).then_some(p);
        rows.push(GainRow {
            code,
            level,
            name_vi,
            name_en,
            max_points: max,
            points,
            source,
            lost,
            rank_if_recovered: after,
            ranks_gained: gained,
            ranks_per_point: (lost > Decimal::ZERO).then(|| Decimal::from(gained.estimate) / lost),
            for_plus_1: within(plus_1),
            for_plus_5: within(plus_5),
            for_plus_10: within(plus_10),
            for_target: target.and_then(within),
        });
    }
    Ok(GainTable { province, index, rank, target_rank, plus_1, plus_5, plus_10, target, rows, unknown_max })
}

/// The rank if `lost` framework points were recovered on a total of `total` (of
/// `total_max`), others as published, and the ranks that buys (best, worst, estimate):
/// the one rank semantics of the rank-gain table, shared by every "points → ranks" answer.
pub(crate) fn recovery(
    field: &Competitors,
    rank: RankBounds,
    total: Decimal,
    total_max: Decimal,
    lost: Decimal,
) -> Result<(RankBounds, RankBounds)> {
    let recovered = percent(total + lost, total_max)?.min(Decimal::ONE_HUNDRED);
    let after = field.rank_if(recovered)?;
    let gained = RankBounds {
        best: rank.worst.saturating_sub(after.best),
        worst: rank.best.saturating_sub(after.worst),
        estimate: rank.estimate.saturating_sub(after.estimate),
    };
    let gained = RankBounds {
        best: gained.best.max(gained.worst),
        worst: gained.worst.min(gained.best),
        estimate: gained.estimate,
    };
    Ok((after, gained))
}

/// Percentage points from `index` to rank ≤ target, against everyone else as published.
fn needed_from(field: &Competitors, index: Decimal, target: u32) -> Result<PointsNeeded> {
    let score = field.score_to_rank(target)?;
    // At the table's decimals, as LeagueTable::points_to_rank.
    let index = field.ranking().key(index);
    let gap = |s: Decimal| (s - index).max(Decimal::ZERO);
    Ok(PointsNeeded { low: gap(score.low), high: gap(score.high), estimate: gap(score.estimate) })
}
