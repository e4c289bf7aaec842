//! The ordered rows of the table-shaped outputs: one `Serialize` type per table, whose
//! field order is the column order (Python: a DataFrame's columns in this order; JS: plain
//! objects with the same keys in camelCase). Decimals serialize as exact strings, counts
//! and ranks as numbers, unknowns as `null`.
//!
//! Rank ranges follow one convention: bounds (what the data allow) are `rank_best` /
//! `rank_worst` (suffixes `_best` / `_worst`), quantiles of a distribution are `rank_p05`,
//! `rank_p50`, `rank_p95`.
//!
//! | table | row type | built by |
//! |---|---|---|
//! | rank gain (flat) | [`RankGainRow`] | [`GainTable::flat_rows`] |
//! | what-if on a scorecard | [`WhatIfRow`] | [`what_if_rows`] (columns: [`what_if_columns`]) |
//! | Monte Carlo summary | [`SimulationRow`] | [`Simulation::summary_rows`] |
//! | exact solution summary | [`ExactRow`] | [`ExactOutcome::summary_rows`] |
//! | forecast | [`ForecastTableRow`] | [`Forecast::table_rows`] |
//! | plan steps | [`PlanStep`](crate::simulate::PlanStep) | [`Plan::steps`](crate::simulate::Plan) |
//! | least cost | [`LeastCost`] | [`LeastCost::solve`] |
//! | SIPAS per unit | [`SipasUnitRow`] | [`SipasResult::unit_rows`] (columns: [`SipasResult::unit_columns`]) |
//! | SIPAS bootstrap per unit | [`BootstrapUnitRow`] | [`Bootstrap::unit_rows`] |
//! | SIPAS what-if | [`SipasWhatIfRow`] | [`sipas::WhatIf::row`] |
//! | one SIPAS unit in full | [`SipasUnitDetail`] | [`SipasUnitDetail::of`] |
//! | league table, scorecard | [`TableRow`](crate::league::TableRow), [`ScorecardRow`](crate::scorecard::ScorecardRow) | [`LeagueTable::rows`](crate::LeagueTable::rows), [`Scorecard::rows`](crate::Scorecard::rows) |

use crate::band::Band;
use crate::scorecard::PointsSource;
use crate::simulate::{ExactOutcome, Forecast, GainTable, Simulation, WhatIf};
use crate::sipas::{self, Bootstrap, SipasResult};
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

// ---------------------------------------------------------------------------------------
// Rank gain

/// One node of the rank-gain table, flat: what the node lost and the ranks recovering it
/// would buy back (everyone else as published), and the points needed for +1, +5, +10
/// ranks and the target. Points are framework points; ranks 1 = best.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "GainRow"))]
pub struct RankGainRow {
    /// Node code.
    pub code: String,
    /// Level (`field`, `criterion`, …).
    pub level: String,
    /// Name in Vietnamese.
    pub name_vi: String,
    /// Name in English.
    pub name_en: String,
    /// Maximum points of the node.
    pub max_points: Decimal,
    /// The node's points.
    pub points: Decimal,
    /// Where the points come from (`given`, `sum`, …), when known.
    pub source: Option<PointsSource>,
    /// Points lost (max − points).
    pub lost: Decimal,
    /// Rank if the lost points were recovered (estimate).
    pub rank_if_recovered: u32,
    /// Best rank the data allow if recovered.
    pub rank_if_recovered_best: u32,
    /// Worst rank the data allow if recovered.
    pub rank_if_recovered_worst: u32,
    /// Ranks gained (estimate).
    pub ranks_gained: u32,
    /// Ranks gained at best.
    pub ranks_gained_best: u32,
    /// Ranks gained at worst.
    pub ranks_gained_worst: u32,
    /// Ranks gained per point recovered.
    pub ranks_per_point: Option<Decimal>,
    /// Least points for +1 rank (low end: if unknown competitors are weak).
    pub for_plus_1_low: Option<Decimal>,
    /// Points for +1 rank whatever the unknown scores.
    pub for_plus_1_high: Option<Decimal>,
    /// Least points for +5 ranks.
    pub for_plus_5_low: Option<Decimal>,
    /// Points for +5 ranks whatever the unknown scores.
    pub for_plus_5_high: Option<Decimal>,
    /// Least points for +10 ranks.
    pub for_plus_10_low: Option<Decimal>,
    /// Points for +10 ranks whatever the unknown scores.
    pub for_plus_10_high: Option<Decimal>,
    /// Least points for the target rank.
    pub for_target_low: Option<Decimal>,
    /// Points for the target rank whatever the unknown scores.
    pub for_target_high: Option<Decimal>,
}

impl GainTable {
    /// The table's rows flat ([`RankGainRow`]), in the table's order.
    pub fn flat_rows(&self) -> Vec<RankGainRow> {
        self.rows
            .iter()
            .map(|r| RankGainRow {
                code: r.code.clone(),
                level: r.level.clone(),
                name_vi: r.name_vi.clone(),
                name_en: r.name_en.clone(),
                max_points: r.max_points,
                points: r.points,
                source: r.source,
                lost: r.lost,
                rank_if_recovered: r.rank_if_recovered.estimate,
                rank_if_recovered_best: r.rank_if_recovered.best,
                rank_if_recovered_worst: r.rank_if_recovered.worst,
                ranks_gained: r.ranks_gained.estimate,
                ranks_gained_best: r.ranks_gained.best,
                ranks_gained_worst: r.ranks_gained.worst,
                ranks_per_point: r.ranks_per_point,
                for_plus_1_low: r.for_plus_1.map(|p| p.low),
                for_plus_1_high: r.for_plus_1.map(|p| p.high),
                for_plus_5_low: r.for_plus_5.map(|p| p.low),
                for_plus_5_high: r.for_plus_5.map(|p| p.high),
                for_plus_10_low: r.for_plus_10.map(|p| p.low),
                for_plus_10_high: r.for_plus_10.map(|p| p.high),
                for_target_low: r.for_target.map(|p| p.low),
                for_target_high: r.for_target.map(|p| p.high),
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------
// What-if on a scorecard

/// One scenario of a what-if on a scorecard: points (framework points), index (percent),
/// rank (estimate and bounds after), band, then one `change_<code>` column per field and
/// component any scenario touches (points; `null` where the change cannot be attributed or
/// this scenario has no such node).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct WhatIfRow {
    /// Scenario name.
    pub scenario: String,
    /// Total points before.
    pub points_before: Decimal,
    /// Total points after.
    pub points_after: Decimal,
    /// Index before, percent.
    pub index_before: Decimal,
    /// Index after, percent.
    pub index_after: Decimal,
    /// Rank before (estimate), without a table `None`.
    pub rank_before: Option<u32>,
    /// Rank after (estimate).
    pub rank_after: Option<u32>,
    /// Best rank after that the data allow.
    pub rank_after_best: Option<u32>,
    /// Worst rank after that the data allow.
    pub rank_after_worst: Option<u32>,
    /// Band before.
    pub band_before: Band,
    /// Band after.
    pub band_after: Band,
    /// `(column, change)`: `change_<code>` and the node's change in points, for every
    /// column of [`what_if_columns`] after the fixed ones, in that order.
    #[cfg_attr(feature = "ts", serde(flatten), tsify(type = "Record<`change${string}`, Decimal | null>"))]
    pub changes: Vec<(String, Option<Decimal>)>,
}

/// The fixed columns of [`WhatIfRow`], before the `change_<code>` columns.
pub const WHAT_IF_COLUMNS: &[&str] = &[
    "scenario",
    "points_before",
    "points_after",
    "index_before",
    "index_after",
    "rank_before",
    "rank_after",
    "rank_after_best",
    "rank_after_worst",
    "band_before",
    "band_after",
];

impl Serialize for WhatIfRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(WHAT_IF_COLUMNS.len() + self.changes.len()))?;
        m.serialize_entry("scenario", &self.scenario)?;
        m.serialize_entry("points_before", &self.points_before)?;
        m.serialize_entry("points_after", &self.points_after)?;
        m.serialize_entry("index_before", &self.index_before)?;
        m.serialize_entry("index_after", &self.index_after)?;
        m.serialize_entry("rank_before", &self.rank_before)?;
        m.serialize_entry("rank_after", &self.rank_after)?;
        m.serialize_entry("rank_after_best", &self.rank_after_best)?;
        m.serialize_entry("rank_after_worst", &self.rank_after_worst)?;
        m.serialize_entry("band_before", &self.band_before)?;
        m.serialize_entry("band_after", &self.band_after)?;
        for (column, change) in &self.changes {
            m.serialize_entry(column, change)?;
        }
        m.end()
    }
}

/// The `change_<code>` columns of what-if results: every field and component any scenario
/// touches, in order of first appearance.
fn change_columns(results: &[WhatIf]) -> Vec<(String, String)> {
    let mut columns: Vec<(String, String)> = Vec::new();
    for r in results {
        for c in r.fields.iter().chain(&r.components) {
            if !columns.iter().any(|(code, _)| *code == c.code) {
                columns.push((c.code.clone(), format!("change_{}", c.code)));
            }
        }
    }
    columns
}

/// Every column of [`what_if_rows`] for these results, in order: [`WHAT_IF_COLUMNS`] then
/// the `change_<code>` columns.
pub fn what_if_columns(results: &[WhatIf]) -> Vec<String> {
    WHAT_IF_COLUMNS
        .iter()
        .map(|c| (*c).to_string())
        .chain(change_columns(results).into_iter().map(|(_, column)| column))
        .collect()
}

/// One row per scenario, every row with the same columns ([`what_if_columns`]).
pub fn what_if_rows(results: &[WhatIf]) -> Vec<WhatIfRow> {
    let columns = change_columns(results);
    results
        .iter()
        .map(|r| WhatIfRow {
            scenario: r.scenario.clone(),
            points_before: r.points_before,
            points_after: r.points_after,
            index_before: r.index_before,
            index_after: r.index_after,
            rank_before: r.rank_before.map(|b| b.estimate),
            rank_after: r.rank_after.map(|b| b.estimate),
            rank_after_best: r.rank_after.map(|b| b.best),
            rank_after_worst: r.rank_after.map(|b| b.worst),
            band_before: r.band_before,
            band_after: r.band_after,
            changes: columns
                .iter()
                .map(|(code, column)| {
                    let change = r.fields.iter().chain(&r.components).find(|c| c.code == *code).and_then(|c| c.change);
                    (column.clone(), change)
                })
                .collect(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Simulations

/// One planned gain of a Monte Carlo: the gain (percentage points), P(rank ≤ target)
/// (0–1) and the rank's 5%, 50% and 95% quantiles.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SimulationRow {
    /// Planned gain, percentage points.
    pub gain: Decimal,
    /// P(rank ≤ target), 0–1.
    pub p_target: f64,
    /// 5% quantile of the rank.
    pub rank_p05: u32,
    /// Median rank.
    pub rank_p50: u32,
    /// 95% quantile of the rank.
    pub rank_p95: u32,
}

impl Simulation {
    /// One row per planned gain, in the order given.
    pub fn summary_rows(&self) -> Vec<SimulationRow> {
        self.plans
            .iter()
            .map(|p| SimulationRow {
                gain: p.gain,
                p_target: p.p_target,
                rank_p05: p.rank_p05,
                rank_p50: p.rank_p50,
                rank_p95: p.rank_p95,
            })
            .collect()
    }
}

/// One planned gain of the exact solution: the gain (percentage points) and P(rank ≤
/// target) (0–1).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ExactRow {
    /// Planned gain, percentage points.
    pub gain: Decimal,
    /// P(rank ≤ target), 0–1.
    pub p_target: f64,
}

impl ExactOutcome {
    /// One row per planned gain, in the order given.
    pub fn summary_rows(&self) -> Vec<ExactRow> {
        self.plans.iter().map(|p| ExactRow { gain: p.gain, p_target: p.p_target }).collect()
    }
}

/// One province of a forecast: its rank and score now, the rank's quantiles next year,
/// P(rank ≤ target) (0–1), the expected score and its 5%–95% range (percent), and whether
/// anything about it was published (`false`: it is any of the free ranks).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ForecastTableRow {
    /// Province.
    pub province: String,
    /// Rank now, when published.
    pub rank_now: Option<u32>,
    /// Score now (percent), when published.
    pub score_now: Option<f64>,
    /// 5% quantile of next year's rank.
    pub rank_p05: u32,
    /// 25% quantile.
    pub rank_p25: u32,
    /// Median.
    pub rank_p50: u32,
    /// 75% quantile.
    pub rank_p75: u32,
    /// 95% quantile.
    pub rank_p95: u32,
    /// P(rank ≤ target), 0–1.
    pub p_target: f64,
    /// Expected score next year, percent.
    pub expected_score: f64,
    /// 5% quantile of the score, percent.
    pub score_p05: f64,
    /// 95% quantile of the score, percent.
    pub score_p95: f64,
    /// Whether the province has published data.
    pub published: bool,
}

impl Forecast {
    /// One row per province (the forecast's order), without the per-rank probabilities.
    pub fn table_rows(&self) -> Vec<ForecastTableRow> {
        self.rows
            .iter()
            .map(|r| ForecastTableRow {
                province: r.province.clone(),
                rank_now: r.rank_now,
                score_now: r.score_now,
                rank_p05: r.rank_p05,
                rank_p25: r.rank_p25,
                rank_p50: r.rank_p50,
                rank_p75: r.rank_p75,
                rank_p95: r.rank_p95,
                p_target: r.p_target,
                expected_score: r.expected_score,
                score_p05: r.score_p05,
                score_p95: r.score_p95,
                published: r.published,
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------
// SIPAS

/// One unit of a SIPAS result: `unit`, `sipas`, the node columns (keyed by column key:
/// domains first, then contents and elements in framework order — `policy`, `service`,
/// …), items with a key of their own (the 5 elements of `sipas-2017`), `n`
/// (respondents), `rank`, `weight_total` (weighted surveys only) and, when asked for,
/// every item (`<code>`, percent) with its count of valid answers (`<code>_n`). Percent
/// at the result's stated precision; `null` where a node has no valid answer.
#[derive(Debug, Clone, PartialEq)]
pub struct SipasUnitRow {
    /// Unit name.
    pub unit: String,
    /// SIPAS, percent.
    pub sipas: Decimal,
    /// `(column key, percent)` of every node column and named item, in column order.
    pub nodes: Vec<(String, Option<Decimal>)>,
    /// Respondents.
    pub n: u32,
    /// Rank (1 = best).
    pub rank: u32,
    /// Sum of design weights, a column of weighted results only.
    pub weight_total: Option<Option<Decimal>>,
    /// `(item code, percent, valid answers)`, when the items were asked for.
    pub items: Vec<(String, Option<Decimal>, u32)>,
}

impl Serialize for SipasUnitRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("unit", &self.unit)?;
        m.serialize_entry("sipas", &self.sipas)?;
        for (key, value) in &self.nodes {
            m.serialize_entry(key, value)?;
        }
        m.serialize_entry("n", &self.n)?;
        m.serialize_entry("rank", &self.rank)?;
        if let Some(w) = &self.weight_total {
            m.serialize_entry("weight_total", w)?;
        }
        for (code, value, valid) in &self.items {
            m.serialize_entry(code, value)?;
            m.serialize_entry(&format!("{code}_n"), valid)?;
        }
        m.end()
    }
}

/// One unit of a SIPAS result in full (the bindings' `unit_detail`): `unit, sipas, rank,
/// respondents, weight_total`, `nodes` (column key → percent, framework order), `items`
/// (each item's `code, key, satisfaction, valid, satisfied, missing, dont_know,
/// valid_weight`), `items_without_answers`, `row` (the unit's first row in the input).
/// Percent 0–100 as exact decimals; `null` where a node has no valid answer.
#[derive(Debug, Clone, Copy)]
pub struct SipasUnitDetail<'a>(pub &'a sipas::UnitIndex);

impl<'a> SipasUnitDetail<'a> {
    /// The detail of `unit` (shown at the precision it was made at).
    pub fn of(unit: &'a sipas::UnitIndex) -> SipasUnitDetail<'a> {
        SipasUnitDetail(unit)
    }
}

/// Node values as a mapping column key → percent, in framework order.
struct KeyedValues<'a>(&'a [sipas::NodeValue]);

impl Serialize for KeyedValues<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for n in self.0 {
            m.serialize_entry(&n.key, &n.value)?;
        }
        m.end()
    }
}

impl Serialize for SipasUnitDetail<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let u = self.0;
        let mut m = s.serialize_map(Some(9))?;
        m.serialize_entry("unit", &u.unit)?;
        m.serialize_entry("sipas", &u.sipas)?;
        m.serialize_entry("rank", &u.rank)?;
        m.serialize_entry("respondents", &u.respondents)?;
        m.serialize_entry("weight_total", &u.weight_total)?;
        m.serialize_entry("nodes", &KeyedValues(&u.nodes))?;
        m.serialize_entry("items", &u.items)?;
        m.serialize_entry("items_without_answers", &u.items_without_answers)?;
        m.serialize_entry("row", &u.row)?;
        m.end()
    }
}

impl SipasResult {
    /// The node columns' indices in column order: by depth (domains first), then
    /// framework order.
    fn column_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by_key(|&i| (self.nodes.get(i).map_or(0, |n| n.depth), i));
        order
    }

    /// The columns of [`SipasResult::unit_rows`], in order.
    pub fn unit_columns(&self, with_items: bool) -> Vec<String> {
        let mut columns = vec!["unit".to_string(), "sipas".to_string()];
        columns.extend(self.column_order().into_iter().filter_map(|i| self.nodes.get(i).map(|n| n.key.clone())));
        if let Some(u) = self.units.first() {
            columns.extend(u.items.iter().filter(|i| i.key != i.code).map(|i| i.key.clone()));
        }
        columns.push("n".to_string());
        columns.push("rank".to_string());
        if self.weighted {
            columns.push("weight_total".to_string());
        }
        if with_items {
            for code in &self.items {
                columns.push(code.clone());
                columns.push(format!("{code}_n"));
            }
        }
        columns
    }

    /// One row per unit (input order) at the stated precision ([`SipasResult::shown_units`]);
    /// `with_items`: every item's percent and count of valid answers too.
    pub fn unit_rows(&self, with_items: bool) -> Vec<SipasUnitRow> {
        let order = self.column_order();
        self.shown_units()
            .into_iter()
            .map(|u| {
                let mut nodes: Vec<(String, Option<Decimal>)> = order
                    .iter()
                    .filter_map(|&i| self.nodes.get(i).map(|info| (info, u.nodes.get(i))))
                    .map(|(info, value)| (info.key.clone(), value.and_then(|v| v.value)))
                    .collect();
                nodes.extend(u.items.iter().filter(|i| i.key != i.code).map(|i| (i.key.clone(), i.satisfaction)));
                SipasUnitRow {
                    unit: u.unit.clone(),
                    sipas: u.sipas,
                    nodes,
                    n: u.respondents,
                    rank: u.rank,
                    weight_total: self.weighted.then_some(u.weight_total),
                    items: if with_items {
                        u.items.iter().map(|i| (i.code.clone(), i.satisfaction, i.valid)).collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }
}

/// One unit of a SIPAS bootstrap: SIPAS (percent) with its percentile interval and
/// standard error, the rank from all answers and the ends of the rank's percentile interval
/// (`rank_best`, `rank_worst`) at the bootstrap's level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "SipasBootstrapRow"))]
pub struct BootstrapUnitRow {
    /// Unit name.
    pub unit: String,
    /// SIPAS from all answers, percent.
    pub sipas: Decimal,
    /// Lower end of the SIPAS interval, percent.
    pub sipas_low: Decimal,
    /// Upper end of the SIPAS interval, percent.
    pub sipas_high: Decimal,
    /// Bootstrap standard error, percentage points.
    pub sipas_se: Decimal,
    /// Rank from all answers.
    pub rank: u32,
    /// Best end of the rank's interval.
    pub rank_best: u32,
    /// Worst end of the rank's interval.
    pub rank_worst: u32,
}

impl Bootstrap {
    /// One row per unit (input order), values as held (call on [`Bootstrap::shown`] for
    /// the stated precision, as the bindings show them).
    pub fn unit_rows(&self) -> Vec<BootstrapUnitRow> {
        self.units
            .iter()
            .map(|u| BootstrapUnitRow {
                unit: u.unit.clone(),
                sipas: u.sipas.estimate,
                sipas_low: u.sipas.low,
                sipas_high: u.sipas.high,
                sipas_se: u.sipas.std_error,
                rank: u.rank.rank,
                rank_best: u.rank.low,
                rank_worst: u.rank.high,
            })
            .collect()
    }
}

/// A SIPAS what-if as one row: the unit, SIPAS (percent) and rank before and after, the
/// number ranked, every node after the changes (keyed by column key, percent) and the
/// items capped at 0 or 100.
#[derive(Debug, Clone, PartialEq)]
pub struct SipasWhatIfRow {
    /// The unit.
    pub unit: String,
    /// SIPAS before, percent.
    pub sipas_before: Decimal,
    /// SIPAS after, percent.
    pub sipas_after: Decimal,
    /// Rank before.
    pub rank_before: u32,
    /// Rank after.
    pub rank_after: u32,
    /// Units ranked.
    pub of: u32,
    /// `(column key, percent after)` of every node, framework order.
    pub nodes_after: Vec<(String, Option<Decimal>)>,
    /// Items capped at 0 or 100.
    pub capped_items: Vec<String>,
}

impl Serialize for SipasWhatIfRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("unit", &self.unit)?;
        m.serialize_entry("sipas_before", &self.sipas_before)?;
        m.serialize_entry("sipas_after", &self.sipas_after)?;
        m.serialize_entry("rank_before", &self.rank_before)?;
        m.serialize_entry("rank_after", &self.rank_after)?;
        m.serialize_entry("of", &self.of)?;
        for (key, value) in &self.nodes_after {
            m.serialize_entry(&format!("{key}_after"), value)?;
        }
        m.serialize_entry("capped_items", &self.capped_items)?;
        m.end()
    }
}

impl sipas::WhatIf {
    /// The what-if as one row ([`SipasWhatIfRow`]; node columns `<key>_after`), values as
    /// held (call on [`sipas::WhatIf::shown`] for the stated precision).
    pub fn row(&self) -> SipasWhatIfRow {
        SipasWhatIfRow {
            unit: self.unit.clone(),
            sipas_before: self.sipas_before,
            sipas_after: self.sipas_after,
            rank_before: self.rank_before,
            rank_after: self.rank_after,
            of: self.of,
            nodes_after: self.nodes_after.iter().map(|n| (n.key.clone(), n.value)).collect(),
            capped_items: self.capped_items.clone(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Least cost

/// The least-cost solution: one gain per option (in the options' order) and the total
/// cost (units of the options' costs).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "LeastCostResult"))]
pub struct LeastCost {
    /// Gain of each option, in the options' order (0 where unused).
    pub gains: Vec<Decimal>,
    /// Total cost.
    pub total_cost: Decimal,
}

impl LeastCost {
    /// [`least_cost`](crate::simulate::least_cost) as a record: `None` when the options
    /// cannot reach `required`.
    ///
    /// Errors: as [`least_cost`](crate::simulate::least_cost).
    pub fn solve(options: &[crate::simulate::PlanOption], required: Decimal) -> crate::Result<Option<LeastCost>> {
        Ok(crate::simulate::least_cost(options, required)?.map(|(gains, total_cost)| LeastCost { gains, total_cost }))
    }
}
