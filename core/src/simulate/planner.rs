//! The target planner: the least-effort plan to reach a target rank.
//!
//! Given the points needed and, per node, a cost per point and a cap (by default the
//! points lost), find the gains with the least total cost whose sum reaches the need.
//! Leaves scored by levels, booleans or bands gain in steps (a band is reached or not);
//! other nodes gain continuously. The solution is exact: a dynamic programme over the
//! need in units of the finest decimal involved (0.01 points for published values), with
//! a sliding-window minimum for continuous nodes. Tested against brute force.

use crate::decimal::{percent, LIMIT};
use crate::error::{Error, Location, Result};
use crate::framework::NodeRef;
use crate::league::{LeagueTable, PointsNeeded, RankBounds};
use crate::scorecard::Scorecard;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::VecDeque;

/// Largest need, in units, the planner will take on (with 0.01 units: 100,000 points).
const MAX_UNITS: u64 = 10_000_000;
/// Largest table of choices (nodes × units) it will build.
const MAX_CELLS: u64 = 20_000_000;

/// What one node may contribute, for [`least_cost`].
#[derive(Debug, Clone, PartialEq)]
pub enum Gains {
    /// Any gain from 0 to the cap.
    Continuous {
        /// Most points the node can gain.
        cap: Decimal,
    },
    /// Only these gains (0 is always allowed too).
    Steps(Vec<Decimal>),
}

/// A node's options and price for [`least_cost`].
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOption {
    /// What it may gain.
    pub gains: Gains,
    /// Cost per point gained (≥ 0).
    pub cost_per_point: Decimal,
}

/// The least total cost of gains (one per option) adding up to at least `required`:
/// `Some((gain per option, total cost))`, or `None` when the options cannot reach it.
/// Ties in cost go to the smaller total gain, then to earlier options.
///
/// Units: whatever the caller's options are in (the planner passes framework points);
/// `required`, gains and caps must share that unit.
///
/// Errors: [`Error::InvalidArgument`] for negative costs, caps or steps, or a need too
/// fine or too large to plan exactly (more than 10⁷ units of the finest decimal).
pub fn least_cost(options: &[PlanOption], required: Decimal) -> Result<Option<(Vec<Decimal>, Decimal)>> {
    // Every amount within ±10⁹ (see `decimal::LIMIT`), so that no cost can overflow.
    let bounded = |name: &str, v: Decimal| -> Result<()> {
        if v < Decimal::ZERO {
            return Err(Error::invalid_argument(name, format!("{v} is negative")));
        }
        if v > LIMIT {
            return Err(Error::invalid_argument(name, format!("{v} is above the limit of {LIMIT}")));
        }
        Ok(())
    };
    if required > LIMIT {
        return Err(Error::invalid_argument("required", format!("{required} is above the limit of {LIMIT}")));
    }
    if required <= Decimal::ZERO {
        return Ok(Some((vec![Decimal::ZERO; options.len()], Decimal::ZERO)));
    }
    // The unit: the finest decimal among the need, caps and steps.
    let mut scale = required.normalize().scale();
    for o in options {
        bounded("cost_per_point", o.cost_per_point)?;
        match &o.gains {
            Gains::Continuous { cap } => {
                bounded("cap", *cap)?;
                scale = scale.max(cap.normalize().scale());
            }
            Gains::Steps(steps) => {
                for s in steps {
                    bounded("steps", *s)?;
                    scale = scale.max(s.normalize().scale());
                }
            }
        }
    }
    let scale = scale.max(2);
    let unit = Decimal::new(1, scale);
    let to_units = |d: Decimal| -> Result<u64> {
        let too_fine = || {
            Error::invalid_argument(
                "required",
                format!("{d} points in units of {unit} is too fine or too large to plan exactly"),
            )
        };
        let u = d.checked_div(unit).ok_or_else(too_fine)?.round();
        u64::try_from(u).map_err(|_| too_fine())
    };
    let need = to_units(required.normalize())?;
    if need > MAX_UNITS || need.saturating_mul(options.len() as u64) > MAX_CELLS {
        return Err(Error::invalid_argument(
            "required",
            format!("{required} points in units of {unit} is too fine or too large to plan exactly"),
        ));
    }
    let r = usize::try_from(need).unwrap_or(usize::MAX);
    // best[s]: (least cost, total gain) to reach min(gain, need) = s units.
    let mut best: Vec<Option<(Decimal, u64)>> = vec![None; r + 1];
    if let Some(b) = best.get_mut(0) {
        *b = Some((Decimal::ZERO, 0));
    }
    // choice[i][s] = (state before option i, units option i gained) on the best path to s.
    let mut choices: Vec<Vec<(u32, u32)>> = Vec::with_capacity(options.len());
    for o in options {
        let mut next = best.clone();
        let mut choice: Vec<(u32, u32)> = (0..=r).map(|s| (s as u32, 0)).collect();
        let c = o.cost_per_point * unit; // cost of one unit
        let mut offer = |from: usize, to: usize, g: u64, cand: (Decimal, u64)| {
            if better(cand, next.get(to).copied().flatten()) {
                if let (Some(n), Some(ch)) = (next.get_mut(to), choice.get_mut(to)) {
                    *n = Some(cand);
                    *ch = (from as u32, g as u32);
                }
            }
        };
        match &o.gains {
            Gains::Steps(steps) => {
                let mut gains: Vec<u64> = steps
                    .iter()
                    .map(|s| {
                        to_units(*s).and_then(|u| {
                            if u > u64::from(u32::MAX) {
                                Err(Error::invalid_argument("steps", format!("{s} is too large")))
                            } else {
                                Ok(u)
                            }
                        })
                    })
                    .collect::<Result<_>>()?;
                gains.sort_unstable();
                gains.dedup();
                for (s, prev) in best.iter().enumerate() {
                    let Some((cost, total)) = *prev else { continue };
                    for &g in gains.iter().filter(|g| **g > 0) {
                        let to = (s as u64 + g).min(need) as usize;
                        offer(s, to, g, (cost + c * Decimal::from(g), total + g));
                    }
                }
            }
            Gains::Continuous { cap } => {
                // next[s] = min over t in [s − cap, s] of best[t] + c·(s − t): a sliding
                // minimum of best[t] − c·t. Gaining beyond the need is never cheaper.
                let cap = usize::try_from(to_units(*cap)?).unwrap_or(usize::MAX);
                // Window entries: (state, cost − c·state, total gain − state), increasing.
                let mut window: VecDeque<(usize, Decimal, i64)> = VecDeque::new();
                for s in 0..=r {
                    if let Some(Some((cost, total))) = best.get(s) {
                        let key = (*cost - c * Decimal::from(s as u64), *total as i64 - s as i64);
                        while window.back().is_some_and(|(_, k, t)| (*k, *t) >= key) {
                            window.pop_back();
                        }
                        window.push_back((s, key.0, key.1));
                    }
                    while window.front().is_some_and(|(t, _, _)| t.saturating_add(cap) < s) {
                        window.pop_front();
                    }
                    if let Some(&(t, key, rest)) = window.front() {
                        let g = (s - t) as u64;
                        if g > 0 {
                            let total = u64::try_from(rest + s as i64).unwrap_or(u64::MAX);
                            offer(t, s, g, (key + c * Decimal::from(s as u64), total));
                        }
                    }
                }
            }
        }
        best = next;
        choices.push(choice);
    }
    let Some(Some((cost, _))) = best.get(r).copied() else { return Ok(None) };
    let mut gains = vec![Decimal::ZERO; options.len()];
    let mut s = r;
    for (i, choice) in choices.iter().enumerate().rev() {
        let (from, g) = choice.get(s).copied().unwrap_or((s as u32, 0));
        if let Some(slot) = gains.get_mut(i) {
            *slot = (unit * Decimal::from(g)).normalize();
        }
        s = from as usize;
    }
    Ok(Some((gains, cost.normalize())))
}

/// Cost comparison: lower cost, then lower total gain.
fn better(cand: (Decimal, u64), current: Option<(Decimal, u64)>) -> bool {
    match current {
        None => true,
        Some((cost, total)) => cand.0 < cost || (cand.0 == cost && cand.1 < total),
    }
}

/// Which bound of the points needed a plan must cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The least points, if unknown competitors are as weak as the data allow.
    Low,
    /// The estimate.
    Estimate,
    /// Enough whatever the unknown scores are (the default).
    #[default]
    High,
}

impl Basis {
    /// Parse `"low"`, `"estimate"` or `"high"`. Errors: [`Error::InvalidArgument`].
    pub fn parse(text: &str) -> Result<Basis> {
        match text.trim().to_ascii_lowercase().as_str() {
            "low" => Ok(Basis::Low),
            "estimate" => Ok(Basis::Estimate),
            "high" | "sure" => Ok(Basis::High),
            other => Err(Error::invalid_argument("basis", format!("`{other}` is not one of low, estimate, high"))),
        }
    }

    fn pick(self, p: &PointsNeeded) -> Decimal {
        match self {
            Basis::Low => p.low,
            Basis::Estimate => p.estimate,
            Basis::High => p.high,
        }
    }
}

/// The price of improving one node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeCost {
    /// Node code.
    pub code: String,
    /// Cost per point gained (any unit: money, staff-days, difficulty; ≥ 0).
    pub cost_per_point: Decimal,
    /// Most points the node may gain (default: its points lost).
    pub cap: Option<Decimal>,
}

impl NodeCost {
    /// The cost per point of a node whose cost is not given (1: every point costs the same).
    pub const DEFAULT_COST_PER_POINT: Decimal = Decimal::ONE;
}

/// One node's part of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct PlanStep {
    /// Node code.
    pub code: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// Points now.
    pub from: Decimal,
    /// Points after the plan.
    pub to: Decimal,
    /// Points gained.
    pub gain: Decimal,
    /// Cost of the gain.
    pub cost: Decimal,
    /// Whether the node gains in steps (levels, boolean or bands).
    pub stepped: bool,
}

/// A least-effort plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "PlanResult"))]
pub struct Plan {
    /// Province.
    pub province: String,
    /// Target rank.
    pub target_rank: u32,
    /// Which bound of the need the plan covers.
    pub basis: Basis,
    /// Points needed (framework points) for the target, as bounds.
    pub needed: PointsNeeded,
    /// The need the plan covers (the chosen bound).
    pub required: Decimal,
    /// Whether the nodes' caps can cover it (when not, `steps` is empty and the totals 0).
    pub feasible: bool,
    /// Points gained by the plan (≥ required when feasible; may exceed it by a step).
    pub total_gain: Decimal,
    /// Total cost.
    pub total_cost: Decimal,
    /// The nodes to improve, in framework order (nodes with no gain left out).
    pub steps: Vec<PlanStep>,
    /// Rank after the plan, others as published.
    pub rank_after: RankBounds,
    /// Nodes left out of planning, with why (unknown max or points).
    pub skipped: Vec<(String, String)>,
}

/// The least-cost plan for `card`'s province to reach rank ≤ `target_rank` in `table`.
/// With `costs` empty, every node of the finest level with known points and max is a
/// candidate at cost 1 per point (so the plan is the least points, with steps respected),
/// capped at its points lost. Nodes in `costs` must not overlap (no node with its
/// ancestor) and must belong to one hierarchy.
///
/// Units: costs are per **framework point**, and the points required and gained are
/// framework points (the scorecard's scale); the rank is read from the table in
/// percentage points of the index (converted by [`crate::decimal::framework_points`]).
///
/// Errors: [`Error::UnknownCode`]; [`Error::InvalidArgument`] (overlapping or mixed
/// nodes, a cap above the points lost, negative costs, target outside 1..=of, no total);
/// the table's errors for the province; those of
/// [`LeagueTable::check_fits`] (a scorecard of another index, year or methodology period).
pub fn plan(card: &Scorecard, table: &LeagueTable, target_rank: u32, costs: &[NodeCost], basis: Basis) -> Result<Plan> {
    table.check_fits(card)?;
    let fw = card.framework();
    let (total, total_max) = card.total_and_max()?;
    let province = card.province().to_string();
    // The gap is taken at the table's decimals, as LeagueTable::points_to_rank takes it.
    let index = table.compared(percent(total, total_max)?);
    let score = table.score_to_rank(&province, target_rank)?;
    let to_points = |pct: Decimal| {
        crate::decimal::framework_points((pct - index).max(Decimal::ZERO), total_max).map(|d| d.normalize())
    };
    let needed =
        PointsNeeded { low: to_points(score.low)?, high: to_points(score.high)?, estimate: to_points(score.estimate)? };
    let required = basis.pick(&needed);

    let mut skipped = Vec::new();
    let costs: Vec<NodeCost> = if costs.is_empty() { default_candidates(card, &mut skipped) } else { costs.to_vec() };
    check_disjoint(card, &costs)?;
    let mut options = Vec::new();
    let mut nodes = Vec::new();
    for nc in &costs {
        let code = fw.resolve(&nc.code)?.code().to_string();
        let at = Location::code(code.clone());
        let max = fw.max_points(&code)?;
        let points = card.points(&code)?.map(|p| p.points);
        let (Some(max), Some(points)) = (max, points) else {
            return Err(Error::invalid_argument(
                "costs",
                format!("`{code}` needs known points and max points to be planned"),
            ));
        };
        let lost = max - points;
        let cap = match nc.cap {
            Some(c) if c > lost => return Err(Error::AboveMax { at: at.with_column("cap"), points: c, max: lost }),
            Some(c) if c < Decimal::ZERO => return Err(Error::Negative { at: at.with_column("cap"), value: c }),
            Some(c) => c,
            None => lost,
        };
        let rule = fw.node(&code).filter(|_| fw.is_leaf(&code)).and_then(|n| n.rule.as_ref());
        let gains = match rule.and_then(|r| r.steps(max)) {
            Some(steps) => Gains::Steps(
                steps.into_iter().filter(|s| *s > points && *s - points <= cap).map(|s| s - points).collect(),
            ),
            None => Gains::Continuous { cap },
        };
        let name = match fw.resolve(&code)? {
            NodeRef::Total => fw.name_vi.clone(),
            NodeRef::Node(n) => n.name_vi.clone(),
            NodeRef::Group(_, g) => g.name_vi.clone(),
        };
        nodes.push((code, name, points, matches!(gains, Gains::Steps(_))));
        options.push(PlanOption { gains, cost_per_point: nc.cost_per_point });
    }
    let solution = least_cost(&options, required)?;
    let feasible = solution.is_some();
    let (gains, total_cost) = solution.unwrap_or((vec![Decimal::ZERO; options.len()], Decimal::ZERO));
    let steps: Vec<PlanStep> = nodes
        .into_iter()
        .zip(&gains)
        .zip(&options)
        .filter(|((_, g), _)| **g > Decimal::ZERO)
        .map(|(((code, name_vi, from, stepped), g), o)| PlanStep {
            code,
            name_vi,
            from,
            to: from + *g,
            gain: *g,
            cost: o.cost_per_point * *g,
            stepped,
        })
        .collect();
    let total_gain: Decimal = gains.iter().sum();
    let after = percent(total + total_gain, total_max)?.min(Decimal::ONE_HUNDRED);
    Ok(Plan {
        province: province.clone(),
        target_rank,
        basis,
        needed,
        required,
        feasible,
        total_gain,
        total_cost,
        steps,
        rank_after: table.rank_if(&province, after)?,
        skipped,
    })
}

/// The finest nodes of one hierarchy with known points and max, at cost 1.
fn default_candidates(card: &Scorecard, skipped: &mut Vec<(String, String)>) -> Vec<NodeCost> {
    let fw = card.framework();
    let known = |code: &str| card.points(code).ok().flatten().is_some();
    let primary: Vec<&str> = fw
        .nodes()
        .iter()
        .map(|n| n.code.as_str())
        .filter(|c| known(c) && !fw.nodes().iter().any(|d| d.code.starts_with(&format!("{c}.")) && known(&d.code)))
        .collect();
    let codes: Vec<String> = if primary.is_empty() {
        fw.groupings()
            .first()
            .map(|g| g.nodes.iter().map(|n| n.code.clone()).filter(|c| known(c)).collect())
            .unwrap_or_default()
    } else {
        primary.into_iter().map(str::to_string).collect()
    };
    codes
        .into_iter()
        .filter(|c| {
            let ok = fw.max_points(c).ok().flatten().is_some();
            if !ok {
                skipped.push((c.clone(), "max points unknown".into()));
            }
            ok
        })
        .map(|code| NodeCost { code, cost_per_point: NodeCost::DEFAULT_COST_PER_POINT, cap: None })
        .collect()
}

fn check_disjoint(card: &Scorecard, costs: &[NodeCost]) -> Result<()> {
    let fw = card.framework();
    let mut primary = 0;
    let mut group = 0;
    for (i, a) in costs.iter().enumerate() {
        match fw.resolve(&a.code)? {
            NodeRef::Total => return Err(Error::invalid_argument("costs", "plan nodes, not the total")),
            NodeRef::Node(_) => primary += 1,
            NodeRef::Group(..) => group += 1,
        }
        for b in costs.iter().skip(i + 1) {
            if a.code == b.code
                || a.code.starts_with(&format!("{}.", b.code))
                || b.code.starts_with(&format!("{}.", a.code))
            {
                return Err(Error::invalid_argument("costs", format!("`{}` and `{}` overlap", a.code, b.code)));
            }
        }
    }
    if primary > 0 && group > 0 {
        return Err(Error::invalid_argument(
            "costs",
            "plan nodes of one hierarchy: fields/criteria or components, not both",
        ));
    }
    Ok(())
}
