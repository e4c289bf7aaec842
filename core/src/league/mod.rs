//! League tables (bảng xếp hạng): many provinces, one index, one year — usually partial.
//!
//! Published results are partial: some provinces have a rank and no score, some a score
//! and no rank, most are missing. A [`LeagueTable`] works with that: ranks are bounded
//! (best, worst) with a labelled estimate, the scores of provinces known only by rank are
//! bounded by their nearest known neighbours, and contradictions are reported as
//! [`Problem`]s.

mod checks;
mod compare;
mod load;
mod rank;
mod slots;

pub use compare::{year_over_year, RegionalAverage, YearOverYear, MEAN_DECIMALS};
pub use load::{published, published_years, CsvTableOptions, EntryInput};
pub use rank::{ranks_from_scores, Ranking, TiePolicy, MAX_DECIMALS, MAX_RANKED};

use crate::band::Band;
use crate::decimal::{round_publish, HUNDRED, PUBLISH_DP};
use crate::error::{Error, Location, Result};
use crate::index_kind::IndexKind;
use crate::problem::Problem;
use rust_decimal::Decimal;
use serde::Serialize;
use slots::{Competitor, Slots};

/// Who is ranked: the 63 provinces (until 2024), the 34 units formed in July 2025 (from
/// the 2025 assessment), or any list of names (departments, districts, survey units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Roster {
    /// The 63 provinces; names are matched to the registry.
    Provinces,
    /// The 34 provincial units from 1 July 2025; names are matched to the registry.
    #[serde(rename = "units_2025")]
    Units2025,
    /// Free names (matched ignoring case and diacritics).
    Open,
}

impl Roster {
    /// The roster a national table of `year` ranks: provinces until 2024, units from 2025.
    pub fn for_year(year: u16) -> Roster {
        if year >= 2025 {
            Roster::Units2025
        } else {
            Roster::Provinces
        }
    }
}

/// One province's published result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Entry {
    /// Canonical name.
    pub province: String,
    /// Index in percent (0–100), as published (2 decimals) or unrounded when the caller has it.
    pub score: Option<Decimal>,
    /// Published rank (1 = best).
    pub rank: Option<u32>,
    /// How the rank was read (`stated`, `list_order`), when the source says.
    pub rank_basis: Option<String>,
    /// Source (URL or document).
    pub source: Option<String>,
    /// Remarks, including conflicts between sources.
    pub note: Option<String>,
    /// Row in the input (spreadsheet numbering), when read from a file.
    pub row: Option<usize>,
}

/// Bounds on a rank: `best` ≤ `worst` (1 = top), and a point estimate from the
/// interpolated scores of provinces whose score is unknown (labelled as an estimate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct RankBounds {
    /// Best possible rank given the data.
    pub best: u32,
    /// Worst possible rank given the data.
    pub worst: u32,
    /// Estimate (interpolated unknown scores).
    pub estimate: u32,
}

impl RankBounds {
    /// Whether the rank is known exactly.
    pub fn is_exact(&self) -> bool {
        self.best == self.worst
    }
}

/// Bounds on a score in percent (0–100), with a labelled estimate; `known` when published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ScoreBounds {
    /// Lowest score consistent with the data.
    pub low: Decimal,
    /// Highest score consistent with the data.
    pub high: Decimal,
    /// Estimate by monotone interpolation on rank (equal to the score when known).
    pub estimate: Decimal,
    /// Whether the score is published.
    pub known: bool,
}

/// Points needed (percentage points of the index; for the PAR INDEX, out of 100 points):
/// `low` if unknown competitors are as weak as the data allow, `high` if they are as strong,
/// `estimate` from interpolated scores. Never negative: 0 means the target is already met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct PointsNeeded {
    /// Least points needed in the most favourable case.
    pub low: Decimal,
    /// Points needed in the least favourable case (enough whatever the unknowns are).
    pub high: Decimal,
    /// Points needed by the estimate.
    pub estimate: Decimal,
}

/// One row per province of the roster (see [`LeagueTable::rows`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct TableRow {
    /// Canonical name.
    pub province: String,
    /// Socio-economic region (provinces only).
    pub region: Option<String>,
    /// Published score, percent.
    pub score: Option<Decimal>,
    /// Published rank.
    pub rank: Option<u32>,
    /// Lowest score consistent with the data (percent).
    pub score_low: Option<Decimal>,
    /// Highest score consistent with the data (percent).
    pub score_high: Option<Decimal>,
    /// Estimated score, when the province's rank is known (percent).
    pub score_estimate: Option<Decimal>,
    /// Best rank consistent with the data.
    pub rank_best: Option<u32>,
    /// Worst rank consistent with the data.
    pub rank_worst: Option<u32>,
    /// Band of the published score.
    pub band: Option<Band>,
    /// Source.
    pub source: Option<String>,
    /// Remarks.
    pub note: Option<String>,
}

/// A league table: one index, one year, `of` provinces ranked, usually with partial data.
/// Scores are percent (0–100). Ranking follows the table's [`TiePolicy`].
#[derive(Debug, Clone)]
pub struct LeagueTable {
    index: IndexKind,
    year: u16,
    of: u32,
    roster: Roster,
    policy: TiePolicy,
    /// Decimal places compared (see [`Ranking`]).
    decimals: u32,
    label: Option<String>,
    entries: Vec<Entry>,
    problems: Vec<Problem>,
    slots: Slots,
}

impl LeagueTable {
    /// Build a table from entries already checked by a loader.
    fn assemble(
        index: IndexKind,
        year: u16,
        of: u32,
        roster: Roster,
        label: Option<String>,
        mut entries: Vec<Entry>,
        decimals: Option<u32>,
    ) -> LeagueTable {
        // The values as given: the most decimals any score has (at least the published 2).
        let decimals = decimals.unwrap_or_else(|| {
            entries.iter().filter_map(|e| e.score).map(|s| s.normalize().scale()).max().unwrap_or(0).max(PUBLISH_DP)
        });
        let rule = Ranking { decimals, policy: TiePolicy::default() };
        compute_missing_ranks(&mut entries, of, &rule);
        let slots = build_slots(&entries, of, &rule, None);
        let mut table = LeagueTable {
            index,
            year,
            of,
            roster,
            policy: TiePolicy::default(),
            decimals,
            label,
            entries,
            problems: Vec::new(),
            slots,
        };
        table.problems = table.find_problems();
        table
    }

    /// The index.
    pub fn index(&self) -> &IndexKind {
        &self.index
    }

    /// The assessment year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// How many provinces (or units) are ranked: 63 until 2024, 34 from 2025.
    pub fn of(&self) -> u32 {
        self.of
    }

    /// Who is ranked.
    pub fn roster(&self) -> Roster {
        self.roster
    }

    /// The tie policy used by every rank computation on this table.
    pub fn tie_policy(&self) -> TiePolicy {
        self.policy
    }

    /// The same table under another tie policy.
    #[must_use]
    pub fn with_tie_policy(&self, policy: TiePolicy) -> LeagueTable {
        let mut t = self.clone();
        t.policy = policy;
        t.recompute();
        t
    }

    /// Decimal places compared: 2 for published tables; for a table built from values,
    /// the most decimals among them unless set (see [`Ranking`]).
    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// The same table compared at `decimals` places (0–28): scores are kept as given, and
    /// every comparison rounds the candidate's and the competitors' scores to `decimals`.
    ///
    /// Errors: [`Error::InvalidArgument`] above 28.
    pub fn with_decimals(&self, decimals: u32) -> Result<LeagueTable> {
        check_decimals(decimals)?;
        let mut t = self.clone();
        t.decimals = decimals;
        t.recompute();
        Ok(t)
    }

    /// The table's ranking rule: its decimals and tie policy. Every rank this table gives
    /// follows it.
    pub fn ranking(&self) -> Ranking {
        Ranking { decimals: self.decimals, policy: self.policy }
    }

    /// The value compared for `score` (percent): rounded to the table's decimals.
    pub fn compared(&self, score: Decimal) -> Decimal {
        self.ranking().key(score)
    }

    /// Ranks computed from scores, slots and problems again, after a change of rule.
    fn recompute(&mut self) {
        for e in self.entries.iter_mut().filter(|e| e.rank_basis.as_deref() == Some(COMPUTED)) {
            e.rank = None;
        }
        let rule = self.ranking();
        compute_missing_ranks(&mut self.entries, self.of, &rule);
        self.slots = build_slots(&self.entries, self.of, &rule, None);
        self.problems = self.find_problems();
    }

    /// The file (or label) the table was read from.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The published entries, in input order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Inconsistencies found in the data: scores in the opposite order to ranks, shared
    /// ranks with different scores, equal scores with different ranks, rank collisions,
    /// scores that fit no free rank, and conflicts flagged in the sources' notes.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The entry of a province (any spelling).
    ///
    /// Errors: [`Error::UnknownProvince`] if the name is not one of the roster's; `Ok(None)`
    /// if it is but the table has no entry for it.
    pub fn entry(&self, name: &str) -> Result<Option<&Entry>> {
        let canonical = self.canonical(name)?;
        Ok(self.entries.iter().find(|e| e.province == canonical))
    }

    fn entry_index(&self, name: &str) -> Result<usize> {
        let canonical = self.canonical(name)?;
        self.entries.iter().position(|e| e.province == canonical).ok_or_else(|| Error::NotFound {
            what: format!("{} {} result for", self.index, self.year),
            name: canonical,
            hint: " (the table has neither a score nor a rank for it)".into(),
        })
    }

    /// The canonical name of a province under this table's roster.
    ///
    /// Errors: [`Error::UnknownProvince`].
    pub fn canonical(&self, name: &str) -> Result<String> {
        // A name given to a query: the error is about the argument, not the table's file.
        let names = || self.entries.iter().map(|e| e.province.as_str());
        let canonical = load::canonical_name(self.roster, name, &Location::default(), names())?;
        // An open roster knows only its entries.
        if self.roster == Roster::Open && !self.entries.iter().any(|e| e.province == canonical) {
            return Err(Error::UnknownProvince {
                at: Location::default(),
                name: crate::error::quote(name.trim()),
                closest: crate::province::closest(name, names()),
            });
        }
        Ok(canonical)
    }

    /// Error unless `card` can be ranked in this table: the same index (PAR, SIPAS or the
    /// same custom index id), the same year when the scorecard has one, a methodology whose
    /// period covers the table's year (unless the scorecard's year is set to the table's:
    /// then the choice is explicit, and [`LeagueTable::check_scorecard`] reports it as a
    /// problem), and a province the table knows. The planner, the rank-gain table and the
    /// what-if call it.
    ///
    /// Errors: [`Error::Mismatch`] naming both sides; [`Error::UnknownProvince`] with the
    /// closest names.
    pub fn check_fits(&self, card: &crate::Scorecard) -> Result<()> {
        let fw = card.framework();
        if fw.index != self.index {
            return Err(Error::Mismatch {
                what: "indices".into(),
                left: format!("the scorecard's framework `{}` is for {}", fw.id, fw.index),
                right: format!("the table is {} {}", self.index, self.year),
            });
        }
        if let Some(y) = card.year().filter(|y| *y != self.year) {
            return Err(Error::Mismatch {
                what: "years".into(),
                left: format!("the scorecard is for {y}"),
                right: format!("the table is {} {}", self.index, self.year),
            });
        }
        if card.year().is_none() {
            if let Some(period) = self.period_conflict(fw) {
                return Err(Error::Mismatch {
                    what: "methodology and year".into(),
                    left: period,
                    right: format!(
                        "the table is {} {} (set the scorecard's year to {} to use it anyway)",
                        self.index, self.year, self.year
                    ),
                });
            }
        }
        self.canonical(card.province())?;
        Ok(())
    }

    /// `Some(description)` when the framework's period does not cover the table's year.
    pub(crate) fn period_conflict(&self, fw: &crate::Framework) -> Option<String> {
        let years = fw.years.filter(|y| !y.contains(self.year))?;
        let last = years.last.map_or("in force".to_string(), |l| l.to_string());
        Some(format!("framework `{}` ({}) covers {}–{last}", fw.id, fw.decision, years.first))
    }

    /// The published rank of a province; `Ok(None)` when not published (see
    /// [`LeagueTable::rank_bounds`]). Errors: [`Error::UnknownProvince`].
    pub fn rank(&self, name: &str) -> Result<Option<u32>> {
        Ok(self.entry(name)?.and_then(|e| e.rank))
    }

    /// The published score of a province (percent); `Ok(None)` when not published (see
    /// [`LeagueTable::score_bounds`]). Errors: [`Error::UnknownProvince`].
    pub fn score(&self, name: &str) -> Result<Option<Decimal>> {
        Ok(self.entry(name)?.and_then(|e| e.score))
    }

    /// The band of a province's published score. Errors: [`Error::UnknownProvince`].
    pub fn band(&self, name: &str) -> Result<Option<Band>> {
        Ok(self.score(name)?.map(Band::of))
    }

    /// Bounds on a province's score (percent): exact when published; for a province with
    /// a rank and no score, between its nearest known neighbours (PAR 2023 #30: between
    /// #32's 87.04 and #29's 87.32), with an interpolated estimate; for a province with
    /// neither, the widest range of the free ranks.
    ///
    /// Errors: [`Error::UnknownProvince`].
    pub fn score_bounds(&self, name: &str) -> Result<ScoreBounds> {
        let canonical = self.canonical(name)?;
        let idx = self.entries.iter().position(|e| e.province == canonical);
        if let Some(score) = idx.and_then(|i| self.entries.get(i)).and_then(|e| e.score) {
            return Ok(ScoreBounds { low: score, high: score, estimate: score, known: true });
        }
        if let Some(slot) = idx.and_then(|i| self.slots.slots.iter().find(|s| s.holder == Some(i))) {
            return Ok(ScoreBounds { low: slot.lo, high: slot.hi, estimate: slot.est, known: false });
        }
        let free: Vec<&slots::Slot> = self.slots.slots.iter().filter(|s| s.holder.is_none()).collect();
        let low = free.iter().map(|s| s.lo).min().unwrap_or(Decimal::ZERO);
        let high = free.iter().map(|s| s.hi).max().unwrap_or(HUNDRED);
        Ok(ScoreBounds { low, high, estimate: round_publish((low + high) / Decimal::TWO), known: false })
    }

    /// Bounds on a province's rank: exact when published; otherwise the ranks its score
    /// (or, with no score, any free rank) allows.
    ///
    /// Errors: [`Error::UnknownProvince`].
    pub fn rank_bounds(&self, name: &str) -> Result<RankBounds> {
        let canonical = self.canonical(name)?;
        let entry = self.entries.iter().enumerate().find(|(_, e)| e.province == canonical);
        if let Some((idx, e)) = entry {
            if let Some(r) = e.rank {
                return Ok(RankBounds { best: r, worst: r, estimate: r });
            }
            if let Some(score) = e.score {
                // A score that fits exactly one free rank has that rank.
                if let Some(k) = self.slots.slots.iter().position(|s| s.holder == Some(idx)) {
                    let r = u32::try_from(k + 1).unwrap_or(u32::MAX);
                    return Ok(RankBounds { best: r, worst: r, estimate: r });
                }
                return self.rank_if(name, score);
            }
        }
        let free: Vec<u32> = self
            .slots
            .slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.holder.is_none())
            .filter_map(|(k, _)| u32::try_from(k + 1).ok())
            .collect();
        let best = free.first().copied().unwrap_or(1);
        let worst = free.last().copied().unwrap_or(self.of);
        Ok(RankBounds { best, worst, estimate: best.midpoint(worst) })
    }

    /// The rank a province would have with `score` (percent), every other province as
    /// published. The score and the competitors' are compared at the table's decimals
    /// (see [`Ranking`]); at its own published score a province has its published rank.
    ///
    /// Errors: [`Error::UnknownProvince`], [`Error::NotFound`] (no entry for it),
    /// [`Error::InvalidArgument`] (score outside 0–100), [`Error::Unsupported`] (dense
    /// ranking on a partial table).
    pub fn rank_if(&self, name: &str, score: Decimal) -> Result<RankBounds> {
        self.competitors(name)?.rank_if(score)
    }

    /// Everyone but `name`, ready for repeated what-if queries (see [`Competitors`]).
    ///
    /// Errors: [`Error::UnknownProvince`]; [`Error::NotFound`] when the table has neither
    /// score nor rank for the province.
    pub fn competitors(&self, name: &str) -> Result<Competitors> {
        let own = self.entry(name)?.and_then(|e| e.rank.zip(e.score));
        Ok(Competitors { own, others: self.others(name)?, rule: self.ranking(), of: self.of })
    }

    /// The rank after gaining `gain` **percentage points** of the index (negative: losing),
    /// the score capped to 0–100, then compared as [`LeagueTable::rank_if`] compares it.
    ///
    /// Errors: as [`LeagueTable::rank_if`]; [`Error::NotFound`] if the province's score is
    /// not published (its rank is known, but not where it starts from: use
    /// [`LeagueTable::score_bounds`]).
    pub fn rank_with_gain(&self, name: &str, gain: Decimal) -> Result<RankBounds> {
        if gain.abs() > HUNDRED {
            return Err(Error::invalid_argument("gain", format!("{gain} is beyond ±100 percentage points")));
        }
        let current = self.current_score(name)?;
        let next = (current + gain).clamp(Decimal::ZERO, HUNDRED);
        self.rank_if(name, next)
    }

    /// The least **percentage points** of the index a province must gain to rank ≤
    /// `target`, everyone else as published: `[low, high]` over the unknown scores, and the
    /// estimate, in whole units of the table's decimals (see [`Ranking`]). `high` is the
    /// least gain with `rank_with_gain(gain).worst ≤ target` (one unit less does not
    /// guarantee it); `low` the least with `best ≤ target`. Competition policy: reaching a
    /// competitor's score ties it and shares its rank; unrounded policy: a tie may fall
    /// either way, so `high` is one unit above. Never grows with the target. For Lạng Sơn
    /// 2023 (85.94, #47) and target 30: [1.10, 1.38]. For framework points, see
    /// [`crate::decimal::framework_points`].
    ///
    /// Errors: [`Error::InvalidArgument`] for a target outside 1..=of;
    /// [`Error::UnknownProvince`]; [`Error::NotFound`] when the province has neither score
    /// nor rank; [`Error::Unsupported`] for dense ranking on a partial table.
    pub fn points_to_rank(&self, name: &str, target: u32) -> Result<PointsNeeded> {
        let own = self.score_bounds(name)?;
        let needed = self.score_to_rank(name, target)?;
        // Both sides at the table's decimals: the gain is a whole number of units.
        let key = |d: Decimal| self.compared(d);
        let clamp = |d: Decimal| d.max(Decimal::ZERO);
        Ok(PointsNeeded {
            low: clamp(needed.low - key(own.high)),
            high: clamp(needed.high - key(own.low)),
            estimate: clamp(needed.estimate - key(own.estimate)),
        })
    }

    /// The score (percent) a province must reach to rank ≤ `target`, everyone else as
    /// published: `low` if the unknown scores are as weak as the data allow, `high` if as
    /// strong, and the estimate (0 when every score reaches it). See
    /// [`LeagueTable::points_to_rank`] for the tie rules.
    ///
    /// Errors: as [`LeagueTable::points_to_rank`].
    pub fn score_to_rank(&self, name: &str, target: u32) -> Result<ScoreBounds> {
        self.check_target(target)?;
        self.competitors(name)?.score_to_rank(target)
    }

    /// Error unless `1 <= target <= of`.
    pub fn check_target(&self, target: u32) -> Result<()> {
        check_target(target, self.of)
    }

    /// The published score of a province (percent), or an error saying it is not published.
    ///
    /// Errors: [`Error::UnknownProvince`]; [`Error::NotFound`].
    pub fn current_score(&self, name: &str) -> Result<Decimal> {
        let canonical = self.canonical(name)?;
        self.score(name)?.ok_or_else(|| Error::NotFound {
            what: format!("published {} {} score for", self.index, self.year),
            name: canonical,
            hint: " (its rank may be known: see score_bounds)".into(),
        })
    }

    /// One row per province of the roster (63 or 34; for an open roster, per entry), in
    /// rank order where known: published values, bounds and estimates.
    pub fn rows(&self) -> Vec<TableRow> {
        let registry = crate::province::registry().ok();
        let names: Vec<String> = match (self.roster, registry) {
            (Roster::Provinces, Some(r)) => r.provinces().iter().map(|p| p.name.clone()).collect(),
            (Roster::Units2025, Some(r)) => r.units_2025().iter().map(|u| u.name.clone()).collect(),
            _ => self.entries.iter().map(|e| e.province.clone()).collect(),
        };
        let mut rows: Vec<TableRow> = names
            .into_iter()
            .map(|name| {
                let entry = self.entries.iter().find(|e| e.province == name);
                let sb = self.score_bounds(&name).ok();
                let rb = self.rank_bounds(&name).ok();
                let has_rank = entry.is_some_and(|e| e.rank.is_some());
                TableRow {
                    region: match self.roster {
                        Roster::Provinces => registry.and_then(|r| r.region_of(&name)).map(str::to_string),
                        _ => None,
                    },
                    score: entry.and_then(|e| e.score),
                    rank: entry.and_then(|e| e.rank),
                    score_low: sb.map(|b| b.low),
                    score_high: sb.map(|b| b.high),
                    score_estimate: sb.filter(|b| b.known || has_rank).map(|b| b.estimate),
                    rank_best: rb.map(|b| b.best),
                    rank_worst: rb.map(|b| b.worst),
                    band: entry.and_then(|e| e.score).map(Band::of),
                    source: entry.and_then(|e| e.source.clone()),
                    note: entry.and_then(|e| e.note.clone()),
                    province: name,
                }
            })
            .collect();
        // Provinces with a published rank or score by rank (or best possible rank); the
        // others after, in registry order.
        rows.sort_by_key(|r| {
            if self.entries.iter().any(|e| e.province == r.province && (e.rank.is_some() || e.score.is_some())) {
                (0, r.rank.or(r.rank_best).unwrap_or(u32::MAX), r.rank_worst.unwrap_or(u32::MAX))
            } else {
                (1, 0, 0)
            }
        });
        rows
    }

    /// The slot model of everyone but `name`: the competition a province faces.
    fn others(&self, name: &str) -> Result<Slots> {
        let idx = self.entry_index(name)?;
        let me = self.entries.get(idx).ok_or_else(|| Error::invalid_argument("name", name))?;
        if me.rank.is_none() && me.score.is_none() {
            return Err(Error::NotFound {
                what: format!("{} {} score or rank for", self.index, self.year),
                name: me.province.clone(),
                hint: String::new(),
            });
        }
        Ok(build_slots(&self.entries, self.of, &self.ranking(), Some((idx, me, &self.slots))))
    }

    /// The competitors of a province for the simulations: one (low, high) score range per
    /// competitor (low = high when published), best rank first. A competitor with a score
    /// and no rank takes the first free rank its score fits.
    pub(crate) fn competitors_for_simulation(&self, name: &str) -> Result<Vec<(Decimal, Decimal)>> {
        let mut others = self.others(name)?;
        for &(_, v) in &others.floating {
            if let Some(slot) = others.slots.iter_mut().find(|s| s.value.is_none() && s.lo <= v && v <= s.hi) {
                slot.value = Some(v);
                slot.lo = v;
                slot.hi = v;
            }
        }
        Ok(others.slots.iter().map(|s| (s.lo, s.hi)).collect())
    }
}

/// The competition one province faces: everyone else as published. Built once by
/// [`LeagueTable::competitors`] and queried many times (rank-gain tables, planners, sliders).
#[derive(Debug, Clone)]
pub struct Competitors {
    own: Option<(u32, Decimal)>,
    others: Slots,
    rule: Ranking,
    of: u32,
}

impl Competitors {
    /// The rank with `score` (percent); see [`LeagueTable::rank_if`].
    ///
    /// Errors: [`Error::InvalidArgument`] for a score outside 0–100; [`Error::Unsupported`]
    /// for dense ranking on a partial table.
    pub fn rank_if(&self, score: Decimal) -> Result<RankBounds> {
        check_percent(score, "score")?;
        let (must, may, est) = self.others.count_above(score, &self.rule)?;
        let counted = RankBounds { best: must + 1, worst: may + 1, estimate: est + 1 };
        Ok(self.with_own_rank(self.rule.key(score), counted))
    }

    /// A province with a published rank and score has that rank at that score; with more
    /// it ranks no worse, with less no better (everyone else fixed). The counts alone could
    /// say otherwise where the table holds a reported inversion.
    fn with_own_rank(&self, key: Decimal, b: RankBounds) -> RankBounds {
        let Some((r, v)) = self.own else { return b };
        let own = self.rule.key(v);
        let f = |x: u32| match key.cmp(&own) {
            std::cmp::Ordering::Equal => r,
            std::cmp::Ordering::Greater => x.min(r),
            std::cmp::Ordering::Less => x.max(r),
        };
        RankBounds { best: f(b.best), worst: f(b.worst), estimate: f(b.estimate) }
    }

    /// The least score for the same rule that [`Competitors::rank_if`] applies: the
    /// counted threshold, moved to the province's own published score where its published
    /// rank decides.
    fn threshold(&self, counted: Decimal, target: u32) -> Decimal {
        let Some((r, v)) = self.own else { return counted };
        let own = self.rule.key(v);
        if r <= target {
            counted.min(own)
        } else {
            counted.max(own + self.rule.unit())
        }
    }

    /// The score (percent, at the table's decimals) needed for rank ≤ `target`; see
    /// [`LeagueTable::score_to_rank`]. By construction, `rank_if(high).worst ≤ target` and
    /// `rank_if(high − unit).worst > target` (when `high` > 0); the same for `low` and
    /// `best`, and for the estimate.
    ///
    /// Errors: [`Error::InvalidArgument`] for a target outside 1..=of; [`Error::Unsupported`].
    pub fn score_to_rank(&self, target: u32) -> Result<ScoreBounds> {
        check_target(target, self.of)?;
        let (low, high, estimate) = self.others.score_needed(target, &self.rule)?;
        Ok(ScoreBounds {
            low: self.threshold(low, target),
            high: self.threshold(high, target),
            estimate: self.threshold(estimate, target),
            known: false,
        })
    }

    /// The table's ranking rule.
    pub fn ranking(&self) -> Ranking {
        self.rule
    }
}

/// The `rank_basis` of ranks computed from a complete set of scores.
pub const COMPUTED: &str = "computed";

/// When every ranked province has a score, ranks missing from the input follow exactly
/// from the scores (under the tie policy); they are marked `rank_basis = "computed"`.
fn compute_missing_ranks(entries: &mut [Entry], of: u32, rule: &Ranking) {
    if entries.len() != of as usize || entries.iter().all(|e| e.rank.is_some()) {
        return;
    }
    let Some(scores) = entries.iter().map(|e| e.score).collect::<Option<Vec<Decimal>>>() else { return };
    for (e, r) in entries.iter_mut().zip(rule.ranks(&scores)) {
        if e.rank.is_none() {
            e.rank = Some(r);
            e.rank_basis = Some(COMPUTED.to_string());
        }
    }
}

/// The slot (position) of each entry where its rank is not one: under dense ranking
/// (1, 2, 2, 3) ranks computed from scores are the competition ranks of the same compared
/// values (1, 2, 2, 4). `None` where every rank is a position.
fn positions(entries: &[Entry], rule: &Ranking) -> Option<Vec<u32>> {
    let computed = entries.iter().any(|e| e.rank_basis.as_deref() == Some(COMPUTED));
    if rule.policy != TiePolicy::Dense || !computed {
        return None;
    }
    // Computed ranks exist only when every score is known.
    let scores: Vec<Decimal> = entries.iter().map(|e| e.score.unwrap_or(Decimal::ZERO)).collect();
    Some(Ranking { decimals: rule.decimals, policy: TiePolicy::Competition }.ranks(&scores))
}

/// Slot model of a table, or of everyone but one entry (`without`), whose removal moves
/// every rank below it up by one. Slots are positions (a tie at rank r fills r, r+1, …),
/// whatever the table's tie policy ([`positions`]).
fn build_slots(entries: &[Entry], of: u32, rule: &Ranking, without: Option<(usize, &Entry, &Slots)>) -> Slots {
    let positions = positions(entries, rule);
    let at = |i: usize, e: &Entry| match (&positions, e.rank_basis.as_deref() == Some(COMPUTED)) {
        (Some(p), true) => p.get(i).copied(),
        _ => e.rank,
    };
    let mut competitors: Vec<Competitor> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let mut rank = at(i, e);
        if let Some((skip, me, full)) = without {
            if i == skip {
                continue;
            }
            rank = match (at(skip, me), rank) {
                (_, None) => None,
                (Some(my), Some(r)) => Some(if r > my { r - 1 } else { r }),
                (None, Some(r)) => {
                    // My rank is unknown: compare with the free ranks my score allows.
                    let my_score = me.score.unwrap_or(Decimal::ZERO);
                    let ranks = full.free_range(my_score).map(|(a, b)| (a as u32 + 1, b as u32 + 1));
                    match (ranks, e.score) {
                        (Some((a, _)), _) if r < a => Some(r),
                        (Some((_, b)), _) if r > b => Some(r - 1),
                        (_, Some(s)) if s < my_score => Some(r - 1),
                        (_, Some(_)) => Some(r),
                        _ => None,
                    }
                }
            };
        }
        competitors.push(Competitor { rank, score: e.score, entry: i });
    }
    let n = if without.is_some() { of.saturating_sub(1) } else { of } as usize;
    let mut slots = Slots::build(&competitors, n, Decimal::ZERO, HUNDRED);
    // The removed province's score still bounds the others: those ranked above it score
    // at least as much, those below at most as much.
    if let Some((skip, me, full)) = without {
        if let Some(v) = me.score {
            let range = match at(skip, me) {
                Some(r) => Some((r as usize - 1, r as usize - 1)),
                None => full.free_range(v),
            };
            if let Some((first, last)) = range {
                slots.constrain_around(first, last, v);
            }
        }
        // Estimates are the full table's (the province's own score among the anchors), so
        // that every query agrees with the table's own estimates.
        let mine = full.slots.iter().position(|s| s.holder == Some(skip));
        if let Some(p) = mine.or_else(|| at(skip, me).map(|r| (r as usize).saturating_sub(1))) {
            for (k, slot) in slots.slots.iter_mut().enumerate() {
                let from = if k < p { k } else { k + 1 };
                if let (None, Some(f)) = (slot.value, full.slots.get(from)) {
                    slot.est = f.est.clamp(slot.lo, slot.hi.max(slot.lo));
                }
            }
        }
    }
    slots
}

/// Error unless `1 <= target <= of`.
fn check_target(target: u32, of: u32) -> Result<()> {
    if target == 0 || target > of {
        return Err(Error::invalid_argument("target_rank", format!("{target} is outside 1..={of} for this table")));
    }
    Ok(())
}

/// Error unless `decimals` ≤ 28 (what a decimal holds).
pub(crate) fn check_decimals(decimals: u32) -> Result<()> {
    if decimals > MAX_DECIMALS {
        return Err(Error::invalid_argument("decimals", format!("{decimals} is above {MAX_DECIMALS}")));
    }
    Ok(())
}

/// Error unless 0 ≤ value ≤ 100.
pub(crate) fn check_percent(value: Decimal, name: &str) -> Result<()> {
    if value < Decimal::ZERO || value > HUNDRED {
        return Err(Error::invalid_argument(name, format!("{value} is outside 0–100 percent")));
    }
    Ok(())
}
