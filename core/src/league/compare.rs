//! Comparisons: year over year, and regional averages.

use super::{LeagueTable, Roster};
use crate::error::Result;
use crate::province::registry;
use rust_decimal::Decimal;
use serde::Serialize;

/// A province's change between two tables of the same index.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct YearOverYear {
    /// Canonical name (in the later table's roster).
    pub province: String,
    /// Score in the earlier year (percent).
    pub score_before: Option<Decimal>,
    /// Score in the later year (percent).
    pub score_after: Option<Decimal>,
    /// after − before, percentage points.
    pub score_change: Option<Decimal>,
    /// Rank in the earlier year.
    pub rank_before: Option<u32>,
    /// Rank in the later year.
    pub rank_after: Option<u32>,
    /// Places moved up (before − after): +7 is "tăng 7 bậc".
    pub rank_change: Option<i64>,
}

/// Join two tables of the same index by province: score and rank change for every
/// province present in either. Across the July 2025 rearrangement (provinces → units),
/// only units that continue a single province are joined (a merged unit has no comparable
/// predecessor); the rest appear with one side empty.
///
/// Errors: [`crate::Error::InvalidArgument`] if the indices differ or `before` is not the
/// earlier year.
pub fn year_over_year(before: &LeagueTable, after: &LeagueTable) -> Result<Vec<YearOverYear>> {
    if before.index() != after.index() {
        return Err(crate::Error::invalid_argument(
            "after",
            format!("cannot compare {} with {}", before.index(), after.index()),
        ));
    }
    if before.year() >= after.year() {
        return Err(crate::Error::invalid_argument(
            "after",
            format!("the first table ({}) must be earlier than the second ({})", before.year(), after.year()),
        ));
    }
    let reg = registry()?;
    // Name of a `before` entry in the `after` roster, when comparable.
    let carried = |name: &str| -> Option<String> {
        match (before.roster(), after.roster()) {
            (Roster::Provinces, Roster::Units2025) => {
                let unit = reg.unit_2025(name)?;
                (unit.members.len() == 1).then(|| unit.name.clone())
            }
            _ => Some(name.to_string()),
        }
    };
    let mut out: Vec<YearOverYear> = Vec::new();
    for e in before.entries() {
        let Some(name) = carried(&e.province) else {
            out.push(row(e.province.clone(), Some(e), None));
            continue;
        };
        let later = after.entries().iter().find(|a| a.province == name);
        out.push(row(name, Some(e), later));
    }
    for a in after.entries() {
        if !out.iter().any(|r| r.province == a.province) {
            out.push(row(a.province.clone(), None, Some(a)));
        }
    }
    Ok(out)
}

fn row(province: String, before: Option<&super::Entry>, after: Option<&super::Entry>) -> YearOverYear {
    let score_before = before.and_then(|e| e.score);
    let score_after = after.and_then(|e| e.score);
    let rank_before = before.and_then(|e| e.rank);
    let rank_after = after.and_then(|e| e.rank);
    YearOverYear {
        province,
        score_before,
        score_after,
        score_change: score_before.zip(score_after).map(|(b, a)| a - b),
        rank_before,
        rank_after,
        rank_change: rank_before.zip(rank_after).map(|(b, a)| i64::from(b) - i64::from(a)),
    }
}

/// The mean published score of a socio-economic region, over the provinces whose score
/// is known (the Ministry's regional averages cover all provinces: compare with care).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct RegionalAverage {
    /// Region name.
    pub region: String,
    /// Mean of the known scores (percent), when any is known: computed exactly, stated at
    /// [`MEAN_DECIMALS`] places (or those asked of [`LeagueTable::regional_averages_at`]),
    /// halves away from zero.
    pub mean: Option<Decimal>,
    /// How many scores are known.
    pub known: usize,
    /// How many provinces the region has.
    pub provinces: usize,
}

/// The stated precision of means in percent (regional averages): 4 decimals.
pub const MEAN_DECIMALS: u32 = 4;

impl LeagueTable {
    /// Regional averages over the known scores (provinces rosters only; others: empty),
    /// means at [`MEAN_DECIMALS`] places.
    pub fn regional_averages(&self) -> Vec<RegionalAverage> {
        self.regional_averages_at(MEAN_DECIMALS)
    }

    /// Regional averages with means at `decimals` places (at most 28).
    pub fn regional_averages_at(&self, decimals: u32) -> Vec<RegionalAverage> {
        let Ok(reg) = registry() else { return Vec::new() };
        if self.roster() != Roster::Provinces {
            return Vec::new();
        }
        reg.regions()
            .iter()
            .map(|region| {
                let members: Vec<&str> =
                    reg.provinces().iter().filter(|p| &p.region == region).map(|p| p.name.as_str()).collect();
                let scores: Vec<Decimal> = self
                    .entries()
                    .iter()
                    .filter(|e| members.contains(&e.province.as_str()))
                    .filter_map(|e| e.score)
                    .collect();
                let mean = (!scores.is_empty()).then(|| {
                    let exact = scores.iter().sum::<Decimal>() / Decimal::from(scores.len());
                    exact.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                });
                RegionalAverage { region: region.clone(), mean, known: scores.len(), provinces: members.len() }
            })
            .collect()
    }
}

impl LeagueTable {
    /// Compare a scorecard's index with this table's published score for the same
    /// province: a difference at the table's decimals is reported (e.g. Hòa Bình 2023: a total of
    /// 86.89 in one article, 86.76 in another source). Units: percent. A framework used
    /// outside its period (see [`LeagueTable::check_fits`]) is reported too.
    ///
    /// Errors: [`crate::Error::UnknownProvince`] if the scorecard's province is not in the roster.
    pub fn check_scorecard(&self, card: &crate::Scorecard) -> Result<Vec<crate::Problem>> {
        let name = self.canonical(card.province())?;
        // A methodology used outside its period on purpose: a warning, not an error.
        let mut out: Vec<crate::Problem> = Vec::new();
        if let Some(period) = self.period_conflict(card.framework()) {
            out.push(crate::Problem {
                kind: crate::ProblemKind::TableMismatch,
                message: format!("{period}, but the table is {} {}", self.index(), self.year()),
                codes: Vec::new(),
                provinces: vec![name.clone()],
                rows: Vec::new(),
                file: self.label().map(str::to_string),
            });
        }
        let (Some(published), Some(index)) = (self.score(&name)?, card.index()) else { return Ok(out) };
        let index = self.compared(index);
        if index == self.compared(published) {
            return Ok(out);
        }
        let entry = self.entry(&name)?;
        out.push(crate::Problem {
            kind: crate::ProblemKind::TableMismatch,
            message: format!(
                "{name}: the scorecard gives {index}% but the {} {} table has {published}%{}",
                self.index(),
                self.year(),
                entry.and_then(|e| e.source.as_ref()).map(|s| format!(" (source: {s})")).unwrap_or_default()
            ),
            codes: vec![crate::framework::TOTAL.to_string()],
            provinces: vec![name.clone()],
            rows: entry.and_then(|e| e.row).into_iter().collect(),
            file: self.label().map(str::to_string),
        });
        Ok(out)
    }
}
