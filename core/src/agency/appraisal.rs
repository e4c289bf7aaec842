//! Self-assessment (tự đánh giá) against appraisal (thẩm định), with the evidence
//! (tài liệu kiểm chứng) behind each claim.

use super::assignments::Assignments;
use crate::band::Band;
use crate::decimal::percent;
use crate::error::{Error, Location, Result};
use crate::framework::NodeRef;
use crate::league::{LeagueTable, RankBounds};
use crate::scorecard::Scorecard;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What a unit claimed at a node and what the appraisal accepted. Framework points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Node code.
    pub code: String,
    /// Self-assessed points (điểm tự đánh giá).
    #[serde(default, with = "crate::decimal::serde_opt_dec")]
    pub self_assessed: Option<Decimal>,
    /// Appraised points (điểm thẩm định); when absent, the scorecard's points at the node.
    #[serde(default, with = "crate::decimal::serde_opt_dec")]
    pub appraised: Option<Decimal>,
    /// Evidence references: document numbers, file names or URLs.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Row in the input (spreadsheet numbering), when read from a file.
    #[serde(default)]
    pub row: Option<usize>,
}

/// One node's cut (điểm bị cắt giảm khi thẩm định).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct NodeCut {
    /// Node code.
    pub code: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// Self-assessed points.
    pub self_assessed: Option<Decimal>,
    /// Appraised points.
    pub appraised: Option<Decimal>,
    /// self_assessed − appraised (negative when the appraisal gave more), when both known.
    pub cut: Option<Decimal>,
    /// The evidence references.
    pub evidence: Vec<String>,
    /// A claim without evidence (self-assessed points above 0 and no reference).
    pub unsupported: bool,
    /// Whether the node counts in the totals (no claimed ancestor: a node and its
    /// children are never both counted).
    pub counted: bool,
    /// The lead agency answerable for the node, with assignments.
    pub agency: Option<String>,
}

/// One agency's cuts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct AgencyCut {
    /// The lead agency.
    pub agency: String,
    /// Sum of the counted cuts of the nodes it answers for.
    pub cut: Decimal,
    /// Those nodes.
    pub codes: Vec<String>,
    /// Those of its claims that have no evidence.
    pub unsupported: Vec<String>,
}

/// The what-if "the appraisal accepted every claim backed by evidence".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct WhatIfAccepted {
    /// Points the accepted claims add (the counted positive cuts with evidence).
    pub points_added: Decimal,
    /// Total points before (appraised) and after.
    pub points_before: Decimal,
    /// Total points after.
    pub points_after: Decimal,
    /// Index before (percent, unrounded).
    pub index_before: Decimal,
    /// Index after (percent, unrounded).
    pub index_after: Decimal,
    /// Rank before, with a table (estimate; ranks as numbers with `_best` / `_worst`, the
    /// convention of every table-shaped output).
    pub rank_before: Option<u32>,
    /// Best rank before the data allow.
    pub rank_before_best: Option<u32>,
    /// Worst rank before the data allow.
    pub rank_before_worst: Option<u32>,
    /// Rank after, with a table (others as published; estimate).
    pub rank_after: Option<u32>,
    /// Best rank after.
    pub rank_after_best: Option<u32>,
    /// Worst rank after.
    pub rank_after_worst: Option<u32>,
    /// Band before.
    pub band_before: Band,
    /// Band after.
    pub band_after: Band,
}

/// Self-assessment against appraisal for one scorecard.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Appraisal {
    /// The unit.
    pub province: String,
    /// One row per claim, in framework order.
    pub nodes: Vec<NodeCut>,
    /// One row per lead agency with a claim (with assignments), largest cut first.
    pub agencies: Vec<AgencyCut>,
    /// Codes of claims without evidence.
    pub unsupported: Vec<String>,
    /// Sum of the counted cuts.
    pub total_cut: Decimal,
    /// If every counted claim with evidence had been accepted.
    pub what_if: WhatIfAccepted,
}

impl Scorecard {
    /// The claims (self-assessed, appraised, evidence) held per node, in the order given.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// Record a claim at a node (replacing an earlier one there). The scorecard's points
    /// are not changed: give the appraised points with [`Scorecard::set`].
    ///
    /// Errors: [`Error::UnknownCode`] (claims sit on the framework's hierarchy);
    /// [`Error::Negative`]; [`Error::AboveMax`] when self-assessed or appraised points
    /// exceed the node's max. On error the scorecard is unchanged.
    pub fn set_claim(&mut self, claim: Claim) -> Result<()> {
        let claim = self.checked_claim(claim)?;
        match self.claims.iter_mut().find(|c| c.code == claim.code) {
            Some(c) => *c = claim,
            None => self.claims.push(claim),
        }
        Ok(())
    }

    /// [`Scorecard::set_claim`] for a node known to hold no claim yet (many units read at
    /// once): the same checks, no search for an earlier claim.
    pub(super) fn add_new_claim(&mut self, claim: Claim) -> Result<()> {
        let claim = self.checked_claim(claim)?;
        self.claims.push(claim);
        Ok(())
    }

    /// The claim checked against the framework, at its canonical code, evidence without
    /// blank references.
    fn checked_claim(&self, mut claim: Claim) -> Result<Claim> {
        let row = claim.row;
        let at = |code: &str| match row {
            Some(r) => Location::default().at_row(r).with_code(code.trim()),
            None => Location::code(code.trim()),
        };
        let fw = self.framework();
        let node = match fw.resolve(&claim.code) {
            Ok(NodeRef::Node(n)) => n,
            _ => {
                return Err(Error::UnknownCode {
                    at: at(&claim.code),
                    code: claim.code.trim().to_string(),
                    within: format!("the hierarchy of framework {}", fw.id),
                })
            }
        };
        if claim.code != node.code {
            claim.code = node.code.clone();
        }
        for (name, v) in [("self_assessed", claim.self_assessed), ("appraised", claim.appraised)] {
            let Some(v) = v else { continue };
            if v < Decimal::ZERO {
                return Err(Error::Negative { at: at(&claim.code).with_column(name), value: v });
            }
            if let Some(max) = node.max_points {
                if v > max {
                    return Err(Error::AboveMax { at: at(&claim.code).with_column(name), points: v, max });
                }
            }
        }
        claim.evidence.retain(|e| !e.trim().is_empty());
        Ok(claim)
    }
}

/// The cut per node and per agency, the claims without evidence, and the what-if "the
/// appraisal accepted every claim backed by evidence" (score, rank against `table`, band).
///
/// A claim's appraised points are its own, else the scorecard's at the node. Totals count
/// each claim with no claimed ancestor once. Methodology: the self-assessment is appraised
/// by the Ministry (thẩm định); what it accepts is the province's own question, not a rule.
///
/// Errors: [`Error::InvalidArgument`] when the scorecard has no total or the assignments
/// are on another framework; [`Error::AboveMax`] when the accepted claims would take the
/// total above the max; the table's errors for the unit.
pub fn appraisal(
    card: &Scorecard,
    assignments: Option<&Assignments>,
    table: Option<&LeagueTable>,
) -> Result<Appraisal> {
    let fw = card.framework();
    if let Some(a) = assignments {
        if a.framework != fw.id {
            return Err(Error::invalid_argument(
                "assignments",
                format!("made for framework {}, the scorecard is on {}", a.framework, fw.id),
            ));
        }
    }
    // Claims by code, and the scorecard resolved once (appraised points default to it).
    let by_code: HashMap<&str, &Claim> = card.claims().iter().map(|c| (c.code.as_str(), c)).collect();
    let points = card.resolved_points();
    let claimed = |code: &str| by_code.contains_key(code);
    let has_claimed_ancestor = |code: &str| {
        let mut here = code.rsplit_once('.').map(|(p, _)| p);
        while let Some(c) = here {
            if claimed(c) {
                return true;
            }
            here = c.rsplit_once('.').map(|(p, _)| p);
        }
        false
    };
    let mut nodes = Vec::new();
    for n in fw.nodes() {
        let Some(claim) = by_code.get(n.code.as_str()) else { continue };
        let appraised = claim.appraised.or_else(|| points.get(&n.code).copied());
        let cut = claim.self_assessed.zip(appraised).map(|(s, a)| s - a);
        nodes.push(NodeCut {
            code: n.code.clone(),
            name_vi: n.name_vi.clone(),
            self_assessed: claim.self_assessed,
            appraised,
            cut,
            evidence: claim.evidence.clone(),
            unsupported: claim.self_assessed.is_some_and(|s| s > Decimal::ZERO) && claim.evidence.is_empty(),
            counted: !has_claimed_ancestor(&n.code),
            agency: assignments.and_then(|a| a.lead_of(&n.code)).map(str::to_string),
        });
    }
    let counted = || nodes.iter().filter(|n| n.counted);
    let total_cut: Decimal = counted().filter_map(|n| n.cut).sum();
    let mut agencies: Vec<AgencyCut> = Vec::new();
    for n in counted() {
        let Some(agency) = &n.agency else { continue };
        let i = match agencies.iter().position(|a| &a.agency == agency) {
            Some(i) => i,
            None => {
                agencies.push(AgencyCut {
                    agency: agency.clone(),
                    cut: Decimal::ZERO,
                    codes: Vec::new(),
                    unsupported: Vec::new(),
                });
                agencies.len() - 1
            }
        };
        if let Some(a) = agencies.get_mut(i) {
            a.cut += n.cut.unwrap_or_default();
            a.codes.push(n.code.clone());
            if n.unsupported {
                a.unsupported.push(n.code.clone());
            }
        }
    }
    agencies.sort_by(|a, b| b.cut.cmp(&a.cut).then(a.agency.cmp(&b.agency)));
    // Accepting a claim adds its cut at the node (the claim's self-assessed points were
    // checked against the node's max when recorded); the total moves by the same amount,
    // ranked as what-if ranks (everyone else as published).
    let points_added: Decimal =
        counted().filter(|n| !n.evidence.is_empty()).filter_map(|n| n.cut.filter(|c| *c > Decimal::ZERO)).sum();
    let (points_before, total_max) = card.total_and_max_in(&points)?;
    let points_after = points_before + points_added;
    if points_after > total_max {
        return Err(Error::AboveMax {
            at: Location::code(crate::framework::TOTAL),
            points: points_after,
            max: total_max,
        });
    }
    let index_before = percent(points_before, total_max)?;
    let index_after = percent(points_after, total_max)?;
    let field = table.map(|t| t.competitors(card.province())).transpose()?;
    let rank = |index| field.as_ref().map(|f| f.rank_if(index)).transpose();
    let (before, after): (Option<RankBounds>, Option<RankBounds>) = (rank(index_before)?, rank(index_after)?);
    let w = WhatIfAccepted {
        points_added,
        points_before,
        points_after,
        index_before,
        index_after,
        rank_before: before.map(|b| b.estimate),
        rank_before_best: before.map(|b| b.best),
        rank_before_worst: before.map(|b| b.worst),
        rank_after: after.map(|b| b.estimate),
        rank_after_best: after.map(|b| b.best),
        rank_after_worst: after.map(|b| b.worst),
        band_before: Band::of(index_before),
        band_after: Band::of(index_after),
    };
    Ok(Appraisal {
        province: card.province().to_string(),
        unsupported: nodes.iter().filter(|n| n.unsupported).map(|n| n.code.clone()).collect(),
        nodes,
        agencies,
        total_cut,
        what_if: w,
    })
}
