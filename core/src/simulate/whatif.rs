//! What-if: scenarios of changes to one province's scorecard, and what they do to its
//! points, index, rank and band.

use crate::band::Band;
use crate::decimal::percent;
use crate::error::{Error, Location, Result};
use crate::framework::{Measure, NodeRef, TOTAL};
use crate::league::{LeagueTable, RankBounds};
use crate::scorecard::Scorecard;
use rust_decimal::Decimal;
use serde::Serialize;

/// One change to a scorecard.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set the points at a node (its current points must be known).
    Set {
        /// Node code.
        code: String,
        /// New points.
        points: Decimal,
    },
    /// Add points at a node (negative: points lost). Works even where the node's current
    /// points are unknown: the total moves by the same amount.
    Add {
        /// Node code.
        code: String,
        /// Points to add.
        points: Decimal,
    },
    /// Set a leaf's measured input and let its scoring rule give the points.
    Measure {
        /// Leaf code.
        code: String,
        /// The measured input.
        measure: Measure,
    },
}

impl Change {
    /// The node the change is about.
    pub fn code(&self) -> &str {
        match self {
            Change::Set { code, .. } | Change::Add { code, .. } | Change::Measure { code, .. } => code,
        }
    }
}

/// A named set of changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Name shown in results.
    pub name: String,
    /// The changes, applied in order.
    pub changes: Vec<Change>,
}

/// How a field or component moves in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct NodeChange {
    /// Node code.
    pub code: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// Points before, when known.
    pub before: Option<Decimal>,
    /// Points after, when known.
    pub after: Option<Decimal>,
    /// after − before; `None` when the scenario's changes cannot be attributed to it
    /// (e.g. a change at a component does not say which field it falls in).
    pub change: Option<Decimal>,
}

/// The result of one scenario. Points in the framework's points; index in percent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct WhatIf {
    /// Scenario name.
    pub scenario: String,
    /// Total points before.
    pub points_before: Decimal,
    /// Total points after (before + the sum of the changes).
    pub points_after: Decimal,
    /// Index before (percent, unrounded).
    pub index_before: Decimal,
    /// Index after (percent, unrounded).
    pub index_after: Decimal,
    /// Rank before, as bounds (with a table).
    pub rank_before: Option<RankBounds>,
    /// Rank after, as bounds (with a table; others as published).
    pub rank_after: Option<RankBounds>,
    /// Band before.
    pub band_before: Band,
    /// Band after.
    pub band_after: Band,
    /// Change per field (lĩnh vực).
    pub fields: Vec<NodeChange>,
    /// Change per component of each grouping (e.g. appraised, survey).
    pub components: Vec<NodeChange>,
}

/// Evaluate scenarios on a scorecard (never modified), ranking against `table` when given
/// (everyone else as published).
///
/// Units: changes and node points are **framework points** (the scorecard's scale); the
/// index compared with the table is in percent (0–100), by
/// [`crate::decimal::percentage_points`].
///
/// Errors: [`Error::UnknownCode`]; [`Error::AboveMax`] / [`Error::Negative`] when a change
/// takes a node or the total outside 0..=max; [`Error::InvalidArgument`] for a `Set` or
/// `Measure` on a node whose current points are unknown, or a scorecard without a total;
/// [`Error::Rule`] for a measure that does not fit the leaf's rule; the table's errors for
/// the province.
pub fn what_if(card: &Scorecard, table: Option<&LeagueTable>, scenarios: &[Scenario]) -> Result<Vec<WhatIf>> {
    if let Some(t) = table {
        t.check_fits(card)?;
    }
    let (points_before, total_max) = card.total_and_max()?;
    let index_before = percent(points_before, total_max)?;
    let rank_before = table.map(|t| t.rank_if(card.province(), index_before)).transpose()?;
    scenarios
        .iter()
        .map(|scenario| {
            let mut after = card.clone();
            let mut deltas: Vec<(String, Decimal)> = Vec::new();
            for change in &scenario.changes {
                deltas.push(apply(&mut after, change)?);
            }
            let delta: Decimal = deltas.iter().map(|(_, d)| d).sum();
            let points_after = points_before + delta;
            let at = Location::code(TOTAL).with_column(format!("scenario {}", scenario.name));
            if points_after > total_max {
                return Err(Error::AboveMax { at, points: points_after, max: total_max });
            }
            if points_after < Decimal::ZERO {
                return Err(Error::Negative { at, value: points_after });
            }
            let index_after = percent(points_after, total_max)?;
            Ok(WhatIf {
                scenario: scenario.name.clone(),
                points_before,
                points_after,
                index_before,
                index_after,
                rank_before,
                rank_after: table.map(|t| t.rank_if(card.province(), index_after)).transpose()?,
                band_before: Band::of(index_before),
                band_after: Band::of(index_after),
                fields: field_changes(card, &after, &deltas),
                components: component_changes(card, &after, &deltas),
            })
        })
        .collect()
}

/// Apply one change to `card`; returns (code, points added).
fn apply(card: &mut Scorecard, change: &Change) -> Result<(String, Decimal)> {
    let fw = card.framework_arc();
    let code = fw.resolve(change.code())?.code().to_string();
    let before = card.points(&code)?.map(|p| p.points);
    let unknown = || {
        Error::invalid_argument(
            "scenarios",
            format!("`{code}` has no points in {}'s scorecard: give them first, or use an add", card.province()),
        )
    };
    let (after, delta) = match change {
        Change::Add { points, .. } => (before.map(|b| b + points), *points),
        Change::Set { points, .. } => {
            let b = before.ok_or_else(unknown)?;
            (Some(*points), *points - b)
        }
        Change::Measure { measure, .. } => {
            let b = before.ok_or_else(unknown)?;
            let mut probe = card.clone();
            let p = probe.set_measure(&code, measure)?;
            (Some(p), p - b)
        }
    };
    let max = fw.max_points(&code)?;
    let at = Location::code(code.clone());
    match after {
        Some(a) => {
            if a < Decimal::ZERO {
                return Err(Error::Negative { at, value: a });
            }
            card.set(&code, a)?;
            // The node now stands for everything below it.
            let below: Vec<String> = card
                .given()
                .iter()
                .map(|(c, _)| c.to_string())
                .filter(|c| c.starts_with(&format!("{code}.")))
                .collect();
            for c in below {
                card.unset(&c)?;
            }
        }
        None => {
            // The node's points are unknown: the change cannot exceed its max (or the total's).
            let m = max.or(fw.total_max_points).unwrap_or(crate::decimal::LIMIT);
            if delta.abs() > m {
                return Err(Error::AboveMax { at, points: delta.abs(), max: m });
            }
        }
    }
    // Given ancestors move with it.
    let mut ancestors: Vec<String> = Vec::new();
    if let NodeRef::Node(n) = fw.resolve(&code)? {
        let mut parent = n.parent_code().map(str::to_string);
        while let Some(p) = parent {
            parent = fw.node(&p).and_then(|n| n.parent_code()).map(str::to_string);
            ancestors.push(p);
        }
    }
    // The total is the change's own node when the change is at the total: it was set above.
    if code != TOTAL {
        ancestors.push(TOTAL.to_string());
    }
    for a in ancestors {
        if let Some((_, old)) = card.given().into_iter().find(|(c, _)| *c == a) {
            card.set(&a, old + delta)?;
        }
    }
    Ok((code, delta))
}

fn field_changes(before: &Scorecard, after: &Scorecard, deltas: &[(String, Decimal)]) -> Vec<NodeChange> {
    let fw = before.framework();
    // A change at a component says nothing about which field it falls in.
    let attributable = deltas.iter().all(|(c, _)| fw.node(c).is_some() || c == TOTAL);
    fw.children(TOTAL)
        .into_iter()
        .map(|field| {
            let change = attributable.then(|| {
                deltas
                    .iter()
                    .filter(|(c, _)| *c == field.code || c.starts_with(&format!("{}.", field.code)))
                    .map(|(_, d)| d)
                    .sum()
            });
            node_change(&field.code, &field.name_vi, before, after, change)
        })
        .collect()
}

fn component_changes(before: &Scorecard, after: &Scorecard, deltas: &[(String, Decimal)]) -> Vec<NodeChange> {
    let fw = before.framework();
    let mut out = Vec::new();
    for g in fw.groupings() {
        // Which group node each change falls in: the node itself, or the group whose
        // members (or method) cover it; otherwise unattributable.
        let owner = |code: &str| -> Option<&str> {
            g.nodes.iter().find(|n| n.code == code).map(|n| n.code.as_str()).or_else(|| {
                g.nodes
                    .iter()
                    .find(|n| {
                        let members = fw.group_members(n);
                        members.iter().any(|m| m.code == code || code.starts_with(&format!("{}.", m.code)))
                            || (!members.is_empty()
                                && fw
                                    .leaves()
                                    .iter()
                                    .filter(|l| l.code == code || l.code.starts_with(&format!("{code}.")))
                                    .all(|l| members.iter().any(|m| m.code == l.code)))
                    })
                    .map(|n| n.code.as_str())
            })
        };
        let owners: Vec<Option<&str>> = deltas.iter().map(|(c, _)| owner(c)).collect();
        let attributable = owners.iter().all(Option::is_some);
        for n in &g.nodes {
            let change = attributable.then(|| {
                deltas.iter().zip(&owners).filter(|(_, o)| **o == Some(n.code.as_str())).map(|((_, d), _)| d).sum()
            });
            out.push(node_change(&n.code, &n.name_vi, before, after, change));
        }
    }
    out
}

fn node_change(code: &str, name: &str, before: &Scorecard, after: &Scorecard, change: Option<Decimal>) -> NodeChange {
    let b = before.points(code).ok().flatten().map(|p| p.points);
    let a = match (b, change) {
        (Some(b), Some(c)) => Some(b + c),
        _ => after.points(code).ok().flatten().map(|p| p.points),
    };
    NodeChange { code: code.to_string(), name_vi: name.to_string(), before: b, after: a, change }
}
