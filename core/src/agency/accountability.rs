//! Points lost per lead agency (cơ quan chủ trì), and the ranks they would buy back.

use super::assignments::Assignments;
use crate::decimal::percent;
use crate::error::{Error, Result};
use crate::framework::TOTAL;
use crate::league::LeagueTable;
use crate::scorecard::Scorecard;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// A node whose lost points are charged to an agency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ChargedNode {
    /// Node code.
    pub code: String,
    /// Points lost there (max − points), framework points.
    pub lost: Decimal,
}

/// One lead agency's row. Points are framework points.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct AgencyLoss {
    /// The lead agency (cơ quan chủ trì), in the annex's first spelling.
    pub agency: String,
    /// Points lost in the nodes it answers for.
    pub lost: Decimal,
    /// Points lost in the same nodes in the previous scorecard, when given.
    pub lost_previous: Option<Decimal>,
    /// `lost − lost_previous`: positive when the agency lost more points than the year
    /// before, negative when it regained points.
    pub change: Option<Decimal>,
    /// Ranks the lost points would buy if recovered, everyone else as published
    /// (estimate; the rank-gain table's semantics). Ranks here are numbers with `_best` /
    /// `_worst`, as in every table-shaped output; `None` without a table.
    pub ranks_at_stake: Option<u32>,
    /// The most ranks they could buy.
    pub ranks_at_stake_best: Option<u32>,
    /// The fewest ranks they could buy.
    pub ranks_at_stake_worst: Option<u32>,
    /// The rank if they were recovered (estimate).
    pub rank_if_recovered: Option<u32>,
    /// Best rank the data allow if recovered.
    pub rank_if_recovered_best: Option<u32>,
    /// Worst rank the data allow if recovered.
    pub rank_if_recovered_worst: Option<u32>,
    /// Whether recovering them alone reaches the target rank (by the estimate), when asked.
    pub reaches_target: Option<bool>,
    /// The codes assigned to the agency in the annex.
    pub codes: Vec<String>,
    /// The nodes its lost points come from (each counted once: the deepest level at which
    /// the scorecard knows every part).
    pub charged: Vec<ChargedNode>,
    /// Agencies coordinating on its codes (cơ quan phối hợp): shown, not charged.
    pub coordinating: Vec<String>,
}

/// Points lost per lead agency for one scorecard.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Accountability {
    /// The unit (province, district, department).
    pub province: String,
    /// Total points lost (framework total max − total).
    pub total_lost: Decimal,
    /// One row per lead agency, sorted by ranks at stake, then points lost, then name.
    pub rows: Vec<AgencyLoss>,
    /// Points lost in nodes no agency leads.
    pub unassigned_lost: Decimal,
    /// Those nodes.
    pub unassigned: Vec<ChargedNode>,
    /// The target rank, when asked.
    pub target_rank: Option<u32>,
}

/// Where each lost point is: walk down from the total, descending into a node only when
/// every child's points and max are known, so each point is counted exactly once whether
/// the scorecard holds leaves, criteria or fields (a node and its children never both).
/// `points` are the scorecard's resolved points (resolved once by the caller).
fn charges(card: &Scorecard, points: &HashMap<String, Decimal>) -> Vec<ChargedNode> {
    let fw = card.framework();
    let lost = |code: &str| -> Option<Decimal> {
        let max = if code == TOTAL { fw.total_max_points } else { fw.node(code)?.max_points };
        Some(max? - *points.get(code)?)
    };
    let mut out = Vec::new();
    let mut stack = vec![TOTAL.to_string()];
    while let Some(code) = stack.pop() {
        let kids = fw.children(&code);
        if !kids.is_empty() && kids.iter().all(|k| lost(&k.code).is_some()) {
            stack.extend(kids.iter().rev().map(|k| k.code.clone()));
        } else if let Some(l) = lost(&code) {
            out.push(ChargedNode { code, lost: l });
        }
    }
    out
}

/// Points lost per lead agency on `card`, with the ranks they would buy against `table`
/// (everyone else as published) and, with `previous` (the same unit's scorecard of an
/// earlier year, on the same framework), the change per agency.
///
/// A node's lost points go to the agency that leads it or its nearest assigned ancestor;
/// coordinating agencies are listed, never charged. Every agency of the annex has a row
/// (0 when it lost nothing). The rows plus `unassigned_lost` add up to `total_lost`.
///
/// Units: points lost are **framework points** (the scorecard's scale); ranks bought are
/// read from the table in percentage points of the index, converted by
/// [`crate::decimal::percentage_points`].
///
/// Errors: [`Error::InvalidArgument`] when the scorecard has no total (or the framework no
/// total max), when the assignments or `previous` are on another framework, or the target
/// is outside 1..=of; the table's errors for the unit.
pub fn accountability(
    card: &Scorecard,
    assignments: &Assignments,
    table: Option<&LeagueTable>,
    previous: Option<&Scorecard>,
    target_rank: Option<u32>,
) -> Result<Accountability> {
    let fw = card.framework();
    if assignments.framework != fw.id {
        return Err(Error::invalid_argument(
            "assignments",
            format!("made for framework {}, the scorecard is on {}", assignments.framework, fw.id),
        ));
    }
    // Each scorecard is resolved once: its total and every node's lost points come from it.
    let points = card.resolved_points();
    let (total, total_max) = card.total_and_max_in(&points)?;
    let previous_points = match previous {
        Some(p) => {
            if p.framework().id != fw.id {
                return Err(Error::invalid_argument(
                    "previous",
                    format!("on framework {}, the scorecard is on {}", p.framework().id, fw.id),
                ));
            }
            let pts = p.resolved_points();
            p.total_and_max_in(&pts)?;
            Some((p, pts))
        }
        None => None,
    };
    if let (Some(t), Some(table)) = (target_rank, table) {
        table.check_target(t)?;
    }
    let ranking = match table {
        Some(t) => {
            let field = t.competitors(card.province())?;
            let rank = field.rank_if(percent(total, total_max)?)?;
            Some((field, rank))
        }
        None => None,
    };
    let group =
        |c: &Scorecard, pts: &HashMap<String, Decimal>| -> (HashMap<String, Vec<ChargedNode>>, Vec<ChargedNode>) {
            let mut by: HashMap<String, Vec<ChargedNode>> = HashMap::new();
            let mut none = Vec::new();
            for node in charges(c, pts) {
                match assignments.lead_of(&node.code) {
                    Some(a) => by.entry(a.to_string()).or_default().push(node),
                    None => none.push(node),
                }
            }
            (by, none)
        };
    let (mut now, unassigned) = group(card, &points);
    let before = previous_points.map(|(p, pts)| group(p, &pts).0);
    let mut rows = Vec::new();
    for agency in assignments.agencies() {
        let charged = now.remove(agency).unwrap_or_default();
        let lost: Decimal = charged.iter().map(|c| c.lost).sum();
        let lost_previous =
            before.as_ref().map(|b| b.get(agency).map_or(Decimal::ZERO, |v| v.iter().map(|c| c.lost).sum()));
        let (after, gained) = match &ranking {
            Some((field, rank)) => {
                let (after, gained) = crate::simulate::recovery(field, *rank, total, total_max, lost)?;
                (Some(after), Some(gained))
            }
            None => (None, None),
        };
        let mine = assignments.items.iter().filter(|a| a.lead == agency);
        let codes: Vec<String> = mine.clone().map(|a| a.code.clone()).collect();
        let mut coordinating: Vec<String> = Vec::new();
        for c in mine.flat_map(|a| a.coordinating.iter()) {
            if !coordinating.contains(c) {
                coordinating.push(c.clone());
            }
        }
        rows.push(AgencyLoss {
            agency: agency.to_string(),
            lost,
            lost_previous,
            change: lost_previous.map(|p| lost - p),
            ranks_at_stake: gained.map(|g| g.estimate),
            ranks_at_stake_best: gained.map(|g| g.best),
            ranks_at_stake_worst: gained.map(|g| g.worst),
            rank_if_recovered: after.map(|a| a.estimate),
            rank_if_recovered_best: after.map(|a| a.best),
            rank_if_recovered_worst: after.map(|a| a.worst),
            reaches_target: target_rank.zip(after).map(|(t, a)| a.estimate <= t),
            codes,
            charged,
            coordinating,
        });
    }
    rows.sort_by(|a, b| {
        b.ranks_at_stake.cmp(&a.ranks_at_stake).then(b.lost.cmp(&a.lost)).then(a.agency.cmp(&b.agency))
    });
    Ok(Accountability {
        province: card.province().to_string(),
        total_lost: total_max - total,
        unassigned_lost: unassigned.iter().map(|c| c.lost).sum(),
        unassigned,
        rows,
        target_rank,
    })
}
