//! The next-year model (mô hình năm sau), fitted to every published fact the library holds.
//!
//! A province's next score, in percent:
//!
//! ```text
//! next = current + shock + catch_up × (current − national average) + e
//! ```
//!
//! - `shock` (one per year, shared by all provinces) ~ Normal(`shock_mean`, `shock_sd`),
//!   from the national averages (`national_context.csv`): the mean and root mean square of
//!   the past changes of the average under the same methodology (all changes when the next
//!   year brings a new methodology).
//! - `catch_up` (< 0: provinces below the mean gain more) and the spread of `e` are fitted
//!   together by maximum likelihood on every pair of published years up to the table's
//!   year: score pairs; rank-only pairs, read through each table's score–rank curve with
//!   the width of their score bounds as measurement error; and the published counts of
//!   provinces up and down. A weak Normal(−0.5, 0.5) prior on `catch_up` keeps it defined
//!   when only counts are available.
//! - `e` ~ Normal(0, `spread`), or, when the Bayesian information criterion prefers it, a
//!   heavy-tailed mixture: with probability `tail_weight` the spread is `tail_scale` times wider.
//! - Pairs that cross a change of methodology get `methodology_factor` × the spread; the
//!   factor is fitted when both kinds of pairs exist (else 1, and said so), and the
//!   forecast into a year under a new methodology uses the widened spread and warns.
//! - With no pair at all (nothing published before the table's year) the model falls back
//!   to a stated prior: `catch_up` −0.5 and the spread that keeps the cross-section's
//!   variance stable, `spread² = V × (1 − (1 + catch_up)²)`.
//! - Competitors whose score is unpublished start uniform within their rank-implied bounds,
//!   narrowed by the published lowest and highest scores, band counts, and national and
//!   regional averages ([`BoundsEffect`] says what each did; contradictions are problems).
//!
//! Every parameter can be overridden ([`NextYearModel`]); the result says where each value
//! came from ([`Parameter::source`]). Ranks ignore the cap at 100 and treat scores as
//! continuous (ties have probability zero).

use super::context::{national_facts, national_problems, regional_averages, NationalFacts};
use crate::error::{Error, Result};
use crate::framework::period_for;
use crate::index_kind::IndexKind;
use crate::league::{published, published_years, LeagueTable};
use crate::problem::{Problem, ProblemKind};
use crate::province::registry;
use serde::{Deserialize, Serialize};

/// Overrides of the fitted next-year model: every `None` is fitted from the published data.
/// Units: percentage points of the index (0–100 scale).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, default)]
pub struct NextYearModel {
    /// Mean of the common year shock.
    pub shock_mean: Option<f64>,
    /// Standard deviation of the common year shock (≥ 0).
    pub shock_sd: Option<f64>,
    /// Catch-up: change per point of distance from the national average (−1 < x ≤ 0.5).
    pub catch_up: Option<f64>,
    /// Spread (sd) of each province's own change under an unchanged methodology (> 0).
    pub spread: Option<f64>,
    /// Probability of a heavy-tail change (0 ≤ x < 1).
    pub tail_weight: Option<f64>,
    /// How many times wider a heavy-tail change is (≥ 1).
    pub tail_scale: Option<f64>,
    /// Spread multiplier for a year under a new methodology (≥ 1).
    pub methodology_factor: Option<f64>,
    /// The planning province's own uncertainty about its planned gain (sd, ≥ 0; default 0).
    pub own_sd: Option<f64>,
}

impl NextYearModel {
    /// The override keys, the fields in order: the one list every binding names errors by.
    pub const KEYS: &'static [&'static str] =
        &["shock_mean", "shock_sd", "catch_up", "spread", "tail_weight", "tail_scale", "methodology_factor", "own_sd"];
}

/// One parameter of the model, with its value and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Parameter {
    /// Name, as in [`NextYearModel`].
    pub name: String,
    /// Value (points, or a ratio).
    pub value: f64,
    /// `fitted`, `prior`, `override` or `derived`, with a short explanation.
    pub source: String,
}

/// What one published fact did to the bounds of the unpublished scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct BoundsEffect {
    /// The fact, e.g. `lowest 80.35`, `band counts A 2 / B 56 / C 5`, `national average 84.79`.
    pub fact: String,
    /// Provinces whose bounds it narrowed.
    pub narrowed: usize,
    /// Total width removed (points, summed over provinces).
    pub width_removed: f64,
}

/// How a province starts: its current score, exact or uniform within bounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Start {
    /// Canonical name.
    pub province: String,
    /// Socio-economic region.
    pub region: String,
    /// Published rank, if any.
    pub rank: Option<u32>,
    /// Published score (percent), if any.
    pub score: Option<f64>,
    /// Lower bound of the current score (percent).
    pub low: f64,
    /// Upper bound of the current score (percent).
    pub high: f64,
    /// `false` for a free rank (a rank no published province holds).
    pub published: bool,
    /// The free rank this start stands for (`province` is then `free rank N`): the
    /// provinces with no published data fill the free ranks one each, so each free rank
    /// is one competitor with its own narrow bounds, and such a province is any of them
    /// with equal probability.
    pub free_rank: Option<u32>,
}

/// Every competitor's start in a table: the published provinces and the free ranks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Starts {
    /// Published provinces (registry order), then the free ranks (rank order).
    pub units: Vec<Start>,
    /// Provinces with neither score nor rank: each is one of the free ranks.
    pub free_provinces: Vec<String>,
    /// What each published fact did to the bounds.
    pub bounds: Vec<BoundsEffect>,
    /// Contradictions between the facts.
    pub problems: Vec<Problem>,
}

impl Start {
    fn mid(&self) -> f64 {
        0.5 * (self.low + self.high)
    }
    fn width(&self) -> f64 {
        (self.high - self.low).max(0.0)
    }
}

/// The evidence the model was fitted on.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Evidence {
    /// Year pairs used.
    pub years: Vec<(u16, u16)>,
    /// Pairs with both scores published.
    pub score_pairs: usize,
    /// Pairs with at least one year known only by rank (interval-censored).
    pub rank_pairs: usize,
    /// Years with published counts of provinces up and down.
    pub count_years: usize,
    /// Changes of the national average used for the shock (points), by later year.
    pub national_changes: Vec<(u16, f64)>,
    /// Log-likelihood at the fit.
    pub log_likelihood: f64,
}

/// The fitted next-year model for one table, stated in full.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct FittedModel {
    /// Always `fitted`.
    pub kind: String,
    /// Index (`par`, `sipas`).
    pub index: String,
    /// The table's year.
    pub year: u16,
    /// The forecast year (`year + 1`).
    pub next_year: u16,
    /// Mean of the common shock (points).
    pub shock_mean: f64,
    /// Sd of the common shock (points).
    pub shock_sd: f64,
    /// Catch-up per point of distance from the average.
    pub catch_up: f64,
    /// Spread of a province's own change under an unchanged methodology (points).
    pub spread: f64,
    /// Spread used for the next year (× `methodology_factor` when the methodology changes).
    pub spread_next: f64,
    /// Heavy-tail probability.
    pub tail_weight: f64,
    /// Heavy-tail width multiplier.
    pub tail_scale: f64,
    /// Spread multiplier across a change of methodology.
    pub methodology_factor: f64,
    /// Whether the next year falls under a new methodology.
    pub methodology_change: bool,
    /// The planning province's own sd about its gain.
    pub own_sd: f64,
    /// The table year's national average used for catch-up (percent).
    pub national_average: f64,
    /// Every parameter with its source.
    pub parameters: Vec<Parameter>,
    /// What the fit used.
    pub evidence: Evidence,
    /// What each published fact did to the unknown scores' bounds.
    pub bounds: Vec<BoundsEffect>,
    /// The model in one paragraph.
    pub description: String,
    /// What the user should weigh.
    pub warnings: Vec<String>,
    /// Contradictions found in the facts.
    pub problems: Vec<Problem>,
    /// Every competitor's start: published provinces, then the free ranks.
    pub starts: Vec<Start>,
    /// Provinces with no published data, each one of the free ranks.
    pub free_provinces: Vec<String>,
}

impl FittedModel {
    /// The mixture of the idiosyncratic change for the next year: (weight, sd) pairs.
    pub(crate) fn components(&self) -> Vec<(f64, f64)> {
        components(self.spread_next, self.tail_weight, self.tail_scale)
    }
}

pub(crate) fn components(spread: f64, tail_weight: f64, tail_scale: f64) -> Vec<(f64, f64)> {
    if tail_weight > 0.0 {
        vec![(1.0 - tail_weight, spread), (tail_weight, spread * tail_scale)]
    } else {
        vec![(1.0, spread)]
    }
}

/// Standard normal cdf.
pub(crate) fn phi_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

fn phi_pdf(z: f64) -> f64 {
    libm::exp(-0.5 * z * z) / (2.0 * std::f64::consts::PI).sqrt()
}

/// ∫Φ: Ψ(z) = zΦ(z) + φ(z).
fn psi(z: f64) -> f64 {
    z * phi_cdf(z) + phi_pdf(z)
}

/// E[Φ((a·U + c)/s)] for U uniform on [lo, hi], a > 0.
pub(crate) fn mean_phi_uniform(a: f64, lo: f64, hi: f64, c: f64, s: f64) -> f64 {
    let w = hi - lo;
    if a * w <= 1e-9 * s {
        return phi_cdf((a * 0.5 * (lo + hi) + c) / s);
    }
    (s / (a * w)) * (psi((a * hi + c) / s) - psi((a * lo + c) / s))
}

fn f64_of(d: rust_decimal::Decimal) -> f64 {
    crate::decimal::to_f64(d)
}

/// Errors: [`Error::Unsupported`] unless `table` ranks the 63 provinces: checked first by
/// every next-year call, so that a custom table is told why before any of its arguments.
pub(crate) fn check_national(table: &LeagueTable) -> Result<()> {
    let provinces = registry()?.provinces().len();
    if table.of() as usize != provinces {
        return Err(Error::Unsupported {
            message: format!(
                "the next-year model needs a table of the {provinces} provinces; this `{}` table ranks {} units",
                table.index(),
                table.of()
            ),
        });
    }
    Ok(())
}

/// Bounds of every competitor's current score in a table, narrowed by the year's national
/// facts: published provinces, and one start per free rank for the provinces with no
/// published data.
///
/// Errors: [`Error::Unsupported`] for a table that does not rank the 63 provinces.
pub fn starts(table: &LeagueTable) -> Result<Starts> {
    check_national(table)?;
    let reg = registry()?;
    let of = table.of();
    let mut out = Vec::new();
    for p in reg.provinces() {
        let entry = table.entry(&p.name)?;
        let sb = table.score_bounds(&p.name)?;
        out.push(Start {
            province: p.name.clone(),
            region: p.region.clone(),
            rank: entry.and_then(|e| e.rank),
            score: entry.and_then(|e| e.score).map(f64_of),
            low: f64_of(sb.low),
            high: f64_of(sb.high),
            published: entry.is_some_and(|e| e.rank.is_some() || e.score.is_some()),
            free_rank: None,
        });
    }
    let mut effects = Vec::new();
    let mut problems = Vec::new();
    let index = table.index();
    let facts = national_facts(index)?;
    let fact = facts.iter().find(|f| f.year == table.year());
    let ranks: Vec<(u32, u32)> =
        reg.provinces().iter().map(|p| table.rank_bounds(&p.name).map(|r| (r.best, r.worst))).collect::<Result<_>>()?;
    if let Some(f) = fact {
        narrow_by_extremes(&mut out, f, &mut effects, &mut problems);
        narrow_by_bands(&mut out, &ranks, f, of, &mut effects, &mut problems);
    }
    let n = out.len() as f64;
    let regional = regional_averages(index, table.year())?;
    // Sums are iterated: one group's narrowing can tighten another's.
    for round in 0..3 {
        if let Some(avg) = fact.and_then(|f| f.national_average) {
            let members: Vec<usize> = (0..out.len()).collect();
            let label = format!("national average {avg:.2} (sum of {n} scores, ±0.005 each for rounding)");
            narrow_by_sum(&mut out, &members, avg, label, round == 0, &mut effects, &mut problems);
        }
        for r in &regional {
            let members: Vec<usize> =
                out.iter().enumerate().filter(|(_, s)| s.region == r.region).map(|(i, _)| i).collect();
            let label = format!("regional average {:.2} of {} ({} provinces)", r.average, r.region, members.len());
            narrow_by_sum(&mut out, &members, r.average, label, round == 0, &mut effects, &mut problems);
        }
    }
    for r in &regional {
        let members: Vec<usize> =
            out.iter().enumerate().filter(|(_, s)| s.region == r.region).map(|(i, _)| i).collect();
        let label = format!("regional average {:.2} of {}", r.average, r.region);
        match_mean(&mut out, &members, r.average, label, &mut effects);
    }
    // The free ranks: those no published province holds or fits.
    let mut taken = vec![false; of as usize];
    for (s, &(best, worst)) in out.iter().zip(&ranks) {
        if !s.published {
            continue;
        }
        let r = (best..=worst).find(|r| !taken.get(*r as usize - 1).copied().unwrap_or(true)).unwrap_or(best);
        if let Some(t) = taken.get_mut(r as usize - 1) {
            *t = true;
        }
    }
    let free_ranks: Vec<u32> =
        taken.iter().enumerate().filter(|(_, t)| !**t).filter_map(|(i, _)| u32::try_from(i + 1).ok()).collect();
    let free_provinces: Vec<String> = out.iter().filter(|s| !s.published).map(|s| s.province.clone()).collect();
    let mut units: Vec<Start>;
    let mut free = Vec::new();
    if free_ranks.len() == free_provinces.len() && !free_ranks.is_empty() {
        units = out.iter().filter(|s| s.published).cloned().collect();
        let published: Vec<(Start, (u32, u32))> =
            out.iter().zip(&ranks).filter(|(s, _)| s.published).map(|(s, r)| (s.clone(), *r)).collect();
        let (floor, ceiling) = out
            .iter()
            .filter(|s| !s.published)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), s| (l.min(s.low), h.max(s.high)));
        let mut slots: Vec<Start> = free_ranks
            .iter()
            .map(|&r| {
                let hi = published.iter().filter(|(_, (_, w))| *w < r).map(|(s, _)| s.high).fold(ceiling, f64::min);
                let lo = published.iter().filter(|(_, (b, _))| *b > r).map(|(s, _)| s.low).fold(floor, f64::max);
                Start {
                    province: format!("free rank {r}"),
                    region: String::new(),
                    rank: None,
                    score: None,
                    low: lo.min(hi),
                    high: hi,
                    published: false,
                    free_rank: Some(r),
                }
            })
            .collect();
        if let Some(f) = fact {
            let slot_ranks: Vec<(u32, u32)> = free_ranks.iter().map(|&r| (r, r)).collect();
            narrow_by_extremes(&mut slots, f, &mut effects, &mut problems);
            narrow_by_bands(&mut slots, &slot_ranks, f, of, &mut effects, &mut problems);
        }
        units.extend(slots);
        free = free_provinces;
    } else {
        // Published ranks and scores that do not leave one free rank per silent province:
        // each silent province ranges over the whole free range on its own.
        units = out;
    }
    if let Some(avg) = fact.and_then(|f| f.national_average) {
        let members: Vec<usize> = (0..units.len()).collect();
        match_mean(&mut units, &members, avg, format!("national average {avg:.2}"), &mut effects);
    }
    Ok(Starts { units, free_provinces: free, bounds: effects, problems })
}

fn apply(s: &mut Start, low: f64, high: f64) -> f64 {
    let (l, h) = (s.low.max(low), s.high.min(high));
    if l > h {
        return 0.0;
    }
    let removed = s.width() - (h - l);
    s.low = l;
    s.high = h;
    removed.max(0.0)
}

fn record(effects: &mut Vec<BoundsEffect>, fact: String, narrowed: usize, removed: f64) {
    if let Some(e) = effects.iter_mut().find(|e| e.fact == fact) {
        e.narrowed = e.narrowed.max(narrowed);
        e.width_removed += removed;
    } else {
        effects.push(BoundsEffect { fact, narrowed, width_removed: removed });
    }
}

fn narrow_by_extremes(
    out: &mut [Start],
    f: &NationalFacts,
    effects: &mut Vec<BoundsEffect>,
    problems: &mut Vec<Problem>,
) {
    for (label, low, high) in [("lowest", f.lowest, None::<f64>), ("highest", None, f.highest)] {
        let (lo, hi) = (low.unwrap_or(f64::NEG_INFINITY), high.unwrap_or(f64::INFINITY));
        if low.is_none() && high.is_none() {
            continue;
        }
        let value = low.or(high).unwrap_or(0.0);
        let (mut narrowed, mut removed) = (0, 0.0);
        for s in out.iter_mut() {
            if let Some(x) = s.score {
                if x < lo - 0.005 || x > hi + 0.005 {
                    problems.push(Problem::new(
                        ProblemKind::SourceConflict,
                        format!(
                            "{} {}: {} {x:.2} is beyond the published {label} {value:.2}",
                            f.index, f.year, s.province
                        ),
                    ));
                }
                continue;
            }
            let r = apply(s, lo, hi);
            if r > 0.0 {
                narrowed += 1;
                removed += r;
            }
        }
        record(effects, format!("{label} {value:.2}"), narrowed, removed);
    }
}

fn narrow_by_bands(
    out: &mut [Start],
    ranks: &[(u32, u32)],
    f: &NationalFacts,
    of: u32,
    effects: &mut Vec<BoundsEffect>,
    problems: &mut Vec<Problem>,
) {
    // Cumulative counts: the top `cum` ranks are at or above `min`, the rest below it.
    let mut cum = 0u32;
    let mut steps = Vec::new();
    for (count, min) in [(f.band_a, 90.0), (f.band_b, 80.0), (f.band_c, 70.0)] {
        let Some(c) = count else { break };
        cum += c;
        steps.push((cum, min));
    }
    if steps.is_empty() {
        return;
    }
    if cum > of {
        problems.push(Problem::new(
            ProblemKind::SourceConflict,
            format!("{} {}: band counts add to {cum}, more than the {of} ranked", f.index, f.year),
        ));
        return;
    }
    let text: Vec<String> = [("A", f.band_a), ("B", f.band_b), ("C", f.band_c)]
        .iter()
        .filter_map(|(b, c)| c.map(|c| format!("{b} {c}")))
        .collect();
    let label = format!("band counts {}", text.join(" / "));
    let (mut narrowed, mut removed) = (0, 0.0);
    for (s, &(best, worst)) in out.iter_mut().zip(ranks) {
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        for &(c, min) in &steps {
            if worst <= c {
                lo = lo.max(min);
            }
            if best > c {
                hi = hi.min(min - 0.01);
            }
        }
        if let Some(x) = s.score {
            if x < lo - 0.005 || x > hi + 0.005 {
                problems.push(Problem::new(
                    ProblemKind::SourceConflict,
                    format!("{} {}: {} {x:.2} disagrees with the published {label}", f.index, f.year, s.province),
                ));
            }
            continue;
        }
        let r = apply(s, lo, hi);
        if r > 0.0 {
            narrowed += 1;
            removed += r;
        }
    }
    record(effects, label, narrowed, removed);
}

#[allow(clippy::too_many_arguments)]
fn narrow_by_sum(
    out: &mut [Start],
    members: &[usize],
    average: f64,
    label: String,
    report: bool,
    effects: &mut Vec<BoundsEffect>,
    problems: &mut Vec<Problem>,
) {
    if members.is_empty() {
        return;
    }
    let k = members.len() as f64;
    let (target_lo, target_hi) = ((average - 0.005) * k, (average + 0.005) * k);
    let sum_lo: f64 = members.iter().filter_map(|&i| out.get(i)).map(|s| s.low).sum();
    let sum_hi: f64 = members.iter().filter_map(|&i| out.get(i)).map(|s| s.high).sum();
    if target_hi < sum_lo - 1e-9 || target_lo > sum_hi + 1e-9 {
        if report {
            problems.push(Problem::new(
                ProblemKind::SourceConflict,
                format!(
                    "{label}: the scores' bounds allow an average of {:.2}–{:.2} only; the average is not used",
                    sum_lo / k,
                    sum_hi / k
                ),
            ));
        }
        return;
    }
    let (mut narrowed, mut removed) = (0, 0.0);
    for &i in members {
        let Some(s) = out.get(i) else { continue };
        if s.score.is_some() {
            continue;
        }
        // The others at their extremes bound this one.
        let lo = target_lo - (sum_hi - s.high);
        let hi = target_hi - (sum_lo - s.low);
        if let Some(s) = out.get_mut(i) {
            let r = apply(s, lo, hi);
            if r > 1e-12 {
                narrowed += 1;
                removed += r;
            }
        }
    }
    record(effects, label, narrowed, removed);
}

/// Match the mean: raise a common floor (or lower a common ceiling) of the unpublished
/// scores of a group until the midpoints of their bounds average to what the published
/// average leaves for them. Without it, unknowns far below every published score (a floor
/// of 0) would let the known provinces climb artificially.
fn match_mean(out: &mut [Start], members: &[usize], average: f64, label: String, effects: &mut Vec<BoundsEffect>) {
    let unknown: Vec<usize> =
        members.iter().copied().filter(|&i| out.get(i).is_some_and(|s| s.score.is_none())).collect();
    if unknown.is_empty() {
        return;
    }
    let known: f64 = members.iter().filter_map(|&i| out.get(i)).filter_map(|s| s.score).sum();
    let target = average * members.len() as f64 - known;
    let at = |out: &[Start], floor: f64, ceil: f64| -> f64 {
        unknown
            .iter()
            .filter_map(|&i| out.get(i))
            .map(|s| {
                let lo = s.low.max(floor.min(s.high));
                let hi = s.high.min(ceil.max(s.low));
                0.5 * (lo + hi)
            })
            .sum()
    };
    let now = at(out, f64::NEG_INFINITY, f64::INFINITY);
    let min_lo = unknown.iter().filter_map(|&i| out.get(i)).map(|s| s.low).fold(f64::INFINITY, f64::min);
    let max_hi = unknown.iter().filter_map(|&i| out.get(i)).map(|s| s.high).fold(f64::NEG_INFINITY, f64::max);
    let (mut l, mut h) = (min_lo, max_hi);
    let raise = now < target;
    for _ in 0..60 {
        let mid = 0.5 * (l + h);
        let v = if raise { at(out, mid, f64::INFINITY) } else { at(out, f64::NEG_INFINITY, mid) };
        if (v < target) == raise {
            if raise {
                l = mid
            } else {
                h = mid
            }
        } else if raise {
            h = mid
        } else {
            l = mid
        }
    }
    let x = 0.5 * (l + h);
    let (mut narrowed, mut removed) = (0, 0.0);
    // Starts the common floor (ceiling) passes entirely: held at their own rank-implied
    // ceiling (floor), a single value; named, since their forecasts then start alike.
    let mut held: Vec<String> = Vec::new();
    for &i in &unknown {
        if let Some(s) = out.get_mut(i) {
            if (raise && x > s.high) || (!raise && x < s.low) {
                held.push(s.province.clone());
            }
            let r =
                if raise { apply(s, x.min(s.high), f64::INFINITY) } else { apply(s, f64::NEG_INFINITY, x.max(s.low)) };
            if r > 1e-9 {
                narrowed += 1;
                removed += r;
            }
        }
    }
    let mut how = if raise {
        format!("floor of unpublished scores raised to {x:.2}")
    } else {
        format!("ceiling of unpublished scores lowered to {x:.2}")
    };
    if !held.is_empty() {
        let side = if raise { "ceiling" } else { "floor" };
        how.push_str(&format!(" ({} held at the {side} their rank allows: {})", held.len(), held.join(", ")));
    }
    record(effects, format!("{label}: mean matched, {how}"), narrowed, removed);
}

/// One observed change, for the likelihood.
struct PairObs {
    /// Change minus the national change (points).
    r: f64,
    /// Distance of the earlier score from the earlier national average.
    d: f64,
    /// Measurement variance from the earlier score's bounds (times (1 + catch_up)²).
    vx: f64,
    /// Measurement variance from the later score's bounds.
    vy: f64,
    crossing: bool,
}

struct CountObs {
    up: f64,
    down: f64,
    delta: f64,
    /// (distance from the mean, measurement variance) of every province.
    provinces: Vec<(f64, f64)>,
    crossing: bool,
}

struct Data {
    pairs: Vec<PairObs>,
    counts: Vec<CountObs>,
}

#[derive(Clone, Copy, Debug)]
struct Theta {
    beta: f64,
    sigma: f64,
    tail_weight: f64,
    tail_scale: f64,
    factor: f64,
}

fn normal_logpdf(x: f64, var: f64) -> f64 {
    -0.5 * (x * x / var + libm::log(2.0 * std::f64::consts::PI * var))
}

fn log_likelihood(data: &Data, t: &Theta) -> f64 {
    let comps = components(t.sigma, t.tail_weight, t.tail_scale);
    let mut ll = 0.0;
    for p in &data.pairs {
        let f = if p.crossing { t.factor } else { 1.0 };
        let a = 1.0 + t.beta;
        let resid = p.r - t.beta * p.d;
        let meas = a * a * p.vx + p.vy;
        let dens: f64 = comps.iter().map(|&(w, s)| w * libm::exp(normal_logpdf(resid, (f * s).powi(2) + meas))).sum();
        ll += libm::log(dens.max(1e-300));
    }
    for c in &data.counts {
        let f = if c.crossing { t.factor } else { 1.0 };
        let n = c.provinces.len().max(1) as f64;
        let p_up: f64 = c
            .provinces
            .iter()
            .map(|&(d, v)| {
                comps
                    .iter()
                    .map(|&(w, s)| w * phi_cdf((c.delta + t.beta * d) / ((f * s).powi(2) + t.beta * t.beta * v).sqrt()))
                    .sum::<f64>()
            })
            .sum::<f64>()
            / n;
        let p_up = p_up.clamp(1e-12, 1.0 - 1e-12);
        ll += c.up * libm::log(p_up) + c.down * libm::log(1.0 - p_up);
    }
    // Weak prior on catch-up: Normal(−0.5, 0.5).
    ll + normal_logpdf(t.beta + 0.5, 0.25)
}

/// Maximise over (catch-up, log spread) by a coarse grid then a finer one around the best.
fn fit_beta_sigma(data: &Data, base: Theta, fixed_beta: Option<f64>, fixed_sigma: Option<f64>) -> (Theta, f64) {
    let mut best = (base, f64::NEG_INFINITY);
    let betas = |c: f64, h: f64, n: i32| -> Vec<f64> {
        match fixed_beta {
            Some(b) => vec![b],
            // Every grid point is a multiple of 0.001: rounded there so that drift in the
            // sums does not show as -0.11399999999999998 in results.
            None => {
                (-n..=n).map(|k| (libm::round((c + h * f64::from(k)) * 1000.0) / 1000.0).clamp(-0.95, 0.5)).collect()
            }
        }
    };
    let sigmas = |c: f64, h: f64, n: i32| -> Vec<f64> {
        match fixed_sigma {
            Some(s) => vec![s],
            None => {
                (-n..=n).map(|k| libm::exp((c + h * f64::from(k)).clamp(libm::log(0.05), libm::log(15.0)))).collect()
            }
        }
    };
    let mut centre = (-0.4, libm::log(1.5));
    for (hb, hs, n) in [(0.05, 0.1, 14), (0.01, 0.02, 6), (0.002, 0.004, 5)] {
        let grid: Vec<Theta> = betas(centre.0, hb, n)
            .into_iter()
            .flat_map(|b| sigmas(centre.1, hs, n).into_iter().map(move |s| Theta { beta: b, sigma: s, ..base }))
            .collect();
        // The likelihoods in parallel, the best then taken in grid order as one loop would.
        #[cfg(feature = "parallel")]
        let lls: Vec<f64> = {
            use rayon::prelude::*;
            grid.par_iter().map(|t| log_likelihood(data, t)).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let lls: Vec<f64> = grid.iter().map(|t| log_likelihood(data, t)).collect();
        for (t, ll) in grid.into_iter().zip(lls) {
            if ll > best.1 {
                best = (t, ll);
            }
        }
        centre = (best.0.beta, libm::log(best.0.sigma));
    }
    best
}

/// The national changes of an index up to `year`: (later year, change, crosses a methodology).
fn national_changes(index: &IndexKind, year: u16) -> Result<Vec<(u16, f64, bool)>> {
    let facts = national_facts(index)?;
    let mut out = Vec::new();
    for w in facts.windows(2) {
        if let [a, b] = w {
            if b.year == a.year + 1 && b.year <= year {
                if let (Some(x), Some(y)) = (a.national_average, b.national_average) {
                    // Rounded to 1e-9, far below any published precision, so that float
                    // drift does not show as 2.6500000000000057 in results.
                    out.push((b.year, libm::round((y - x) * 1e9) / 1e9, crosses(index, a.year, b.year)));
                }
            }
        }
    }
    Ok(out)
}

fn crosses(index: &IndexKind, a: u16, b: u16) -> bool {
    match (period_for(index, a), period_for(index, b)) {
        (Ok(p), Ok(q)) => p != q,
        _ => false,
    }
}

fn gather(index: &IndexKind, year: u16, evidence: &mut Evidence) -> Result<Data> {
    let mut data = Data { pairs: vec![], counts: vec![] };
    let years = published_years(index)?;
    let facts = national_facts(index)?;
    let avg = |y: u16| facts.iter().find(|f| f.year == y).and_then(|f| f.national_average);
    for &y in years.iter().filter(|&&y| y <= year) {
        let Some(prev) = y.checked_sub(1) else { continue };
        if !years.contains(&prev) {
            continue;
        }
        let (Some(m0), Some(m1)) = (avg(prev), avg(y)) else { continue };
        let delta = m1 - m0;
        let crossing = crosses(index, prev, y);
        let before = starts(&published(index, prev)?)?.units;
        let after = starts(&published(index, y)?)?.units;
        evidence.years.push((prev, y));
        for b in before.iter().filter(|s| s.free_rank.is_none() && s.published) {
            let Some(a) = after.iter().find(|a| a.province == b.province && a.published) else { continue };
            if b.score.is_some() && a.score.is_some() {
                evidence.score_pairs += 1;
            } else {
                evidence.rank_pairs += 1;
            }
            data.pairs.push(PairObs {
                r: a.mid() - b.mid() - delta,
                d: b.mid() - m0,
                vx: b.width().powi(2) / 12.0,
                vy: a.width().powi(2) / 12.0,
                crossing,
            });
        }
        if let Some(f) = facts.iter().find(|f| f.year == y) {
            if let (Some(up), Some(down)) = (f.provinces_up, f.provinces_down) {
                evidence.count_years += 1;
                data.counts.push(CountObs {
                    up: f64::from(up),
                    down: f64::from(down),
                    delta,
                    provinces: before.iter().map(|s| (s.mid() - m0, s.width().powi(2) / 12.0)).collect(),
                    crossing,
                });
            }
        }
    }
    Ok(data)
}

fn check(name: &str, value: Option<f64>, ok: impl Fn(f64) -> bool, range: &str) -> Result<()> {
    match value {
        Some(v) if !(v.is_finite() && ok(v)) => Err(Error::invalid_argument(name, format!("{v} is outside {range}"))),
        _ => Ok(()),
    }
}

impl NextYearModel {
    /// Refuse overrides outside their ranges.
    ///
    /// Errors: [`Error::InvalidArgument`] naming the parameter.
    pub fn validate(&self) -> Result<()> {
        check("shock_mean", self.shock_mean, |v| v.abs() <= 100.0, "−100..=100")?;
        check("shock_sd", self.shock_sd, |v| (0.0..=100.0).contains(&v), "0..=100")?;
        check("catch_up", self.catch_up, |v| v > -1.0 && v <= 0.5, "(−1, 0.5]")?;
        check("spread", self.spread, |v| v > 0.0 && v <= 100.0, "(0, 100]")?;
        check("tail_weight", self.tail_weight, |v| (0.0..1.0).contains(&v), "[0, 1)")?;
        check("tail_scale", self.tail_scale, |v| (1.0..=100.0).contains(&v), "[1, 100]")?;
        check("methodology_factor", self.methodology_factor, |v| (1.0..=100.0).contains(&v), "[1, 100]")?;
        check("own_sd", self.own_sd, |v| (0.0..=100.0).contains(&v), "0..=100")
    }
}

/// Fit the next-year model for a table, using only published data up to the table's year.
///
/// Errors: [`Error::InvalidArgument`] for an override out of range; [`Error::Unsupported`]
/// for a table that does not rank the 63 provinces; errors of the embedded data.
pub fn fit(table: &LeagueTable, overrides: &NextYearModel) -> Result<FittedModel> {
    overrides.validate()?;
    // The fit takes most of a second and depends only on the table and the overrides:
    // the last few are kept, so a planner's repeated questions on one table fit once.
    let key = format!("{overrides:?}|{table:?}");
    if let Some(hit) = FITS.lock().ok().and_then(|c| c.iter().find(|(k, _)| *k == key).map(|(_, m)| m.clone())) {
        return Ok(hit);
    }
    let fitted = fit_uncached(table, overrides)?;
    if let Ok(mut cache) = FITS.lock() {
        if cache.len() >= FITS_KEPT {
            cache.remove(0);
        }
        cache.push((key, fitted.clone()));
    }
    Ok(fitted)
}

/// Fits kept by [`fit`]: (overrides and table, the fit), oldest first.
static FITS: std::sync::Mutex<Vec<(String, FittedModel)>> = std::sync::Mutex::new(Vec::new());
const FITS_KEPT: usize = 8;

fn fit_uncached(table: &LeagueTable, overrides: &NextYearModel) -> Result<FittedModel> {
    let index = table.index().clone();
    let year = table.year();
    let next = year.saturating_add(1);
    let Starts { units: starts_now, free_provinces, bounds, mut problems } = starts(table)?;
    problems.extend(national_problems(&index)?);
    let mut warnings = Vec::new();
    let methodology_change = match (period_for(&index, year), period_for(&index, next)) {
        (Ok(p), Ok(q)) if p != q => {
            warnings.push(format!(
                "{next} falls under a new methodology ({} → {}): scores may move differently from past years; the spread is widened by the methodology factor",
                p.decision, q.decision
            ));
            true
        }
        _ => false,
    };
    for y in [year, next] {
        if let Ok(p) = period_for(&index, y) {
            if p.status == crate::framework::Status::Inferred {
                let w = format!("{y} is taken to follow {} by inference: {}", p.decision, p.note);
                if !warnings.contains(&w) {
                    warnings.push(w);
                }
            }
        }
    }
    let mut evidence = Evidence::default();
    let data = gather(&index, year, &mut evidence)?;
    let mut params = Vec::new();

    // Common shock.
    let changes = national_changes(&index, year)?;
    let relevant: Vec<f64> = changes.iter().filter(|(_, _, c)| methodology_change || !c).map(|(_, d, _)| *d).collect();
    evidence.national_changes = changes.iter().map(|(y, d, _)| (*y, *d)).collect();
    let (fitted_mean, mean_source) = if relevant.is_empty() {
        (0.0, "prior: no change of the national average published up to the table's year".to_string())
    } else {
        (
            relevant.iter().sum::<f64>() / relevant.len() as f64,
            format!("fitted: mean of {} change(s) of the national average", relevant.len()),
        )
    };
    let pooled: Vec<f64> = if relevant.is_empty() {
        let mut all = Vec::new();
        for other in [IndexKind::Par, IndexKind::Sipas] {
            all.extend(
                national_changes(&other, year)?
                    .into_iter()
                    .filter(|(_, _, c)| methodology_change || !c)
                    .map(|(_, d, _)| d),
            );
        }
        all
    } else {
        relevant.clone()
    };
    let (fitted_sd, sd_source) = if pooled.is_empty() {
        (2.0, "prior: no change of any national average published; 2 points assumed".to_string())
    } else {
        let rms = (pooled.iter().map(|d| d * d).sum::<f64>() / pooled.len() as f64).sqrt();
        let whose = if relevant.is_empty() { "of both indices (none of this one)" } else { "of this index" };
        (rms, format!("fitted: root mean square of {} change(s) of the national average {whose}", pooled.len()))
    };
    let (shock_mean, src) = pick(overrides.shock_mean, fitted_mean, mean_source);
    params.push(Parameter { name: "shock_mean".into(), value: shock_mean, source: src });
    let (shock_sd, src) = pick(overrides.shock_sd, fitted_sd, sd_source);
    params.push(Parameter { name: "shock_sd".into(), value: shock_sd, source: src });

    // Idiosyncratic change.
    let facts = national_facts(&index)?;
    let m_now = facts
        .iter()
        .find(|f| f.year == year)
        .and_then(|f| f.national_average)
        .unwrap_or_else(|| starts_now.iter().map(Start::mid).sum::<f64>() / starts_now.len().max(1) as f64);
    if !facts.iter().any(|f| f.year == year && f.national_average.is_some()) {
        // Without the year's published average nothing bounds the provinces the table does
        // not list: said, not hidden behind a number.
        warnings.push(format!(
            "no national average is published for {year}: it is taken as the mean of the starts' midpoints ({}), and provinces the table does not list start anywhere below the scores it lists, so their bands and the ranks of the others against them are wide",
            crate::decimal::fmt_publish(rust_decimal::Decimal::from_f64_retain(m_now).unwrap_or_default())
        ));
    }
    let has_data = !data.pairs.is_empty() || !data.counts.is_empty();
    let kinds = (data.pairs.iter().any(|p| p.crossing) || data.counts.iter().any(|c| c.crossing))
        && (data.pairs.iter().any(|p| !p.crossing) || data.counts.iter().any(|c| !c.crossing));
    let (theta, ll, how) = if has_data {
        let n_obs = data.pairs.len() as f64 + data.counts.iter().map(|c| c.up + c.down).sum::<f64>();
        let base = Theta {
            beta: -0.4,
            sigma: 1.5,
            tail_weight: overrides.tail_weight.unwrap_or(0.0),
            tail_scale: overrides.tail_scale.unwrap_or(3.0),
            factor: overrides.methodology_factor.unwrap_or(1.0),
        };
        let tails: Vec<(f64, f64)> = match (overrides.tail_weight, overrides.tail_scale) {
            (Some(w), Some(s)) => vec![(w, s)],
            (Some(w), None) => [2.0, 3.0, 4.0].iter().map(|&s| (w, s)).collect(),
            (None, Some(s)) => [0.0, 0.05, 0.1, 0.2].iter().map(|&w| (w, s)).collect(),
            (None, None) => {
                let mut v = vec![(0.0, 3.0)];
                for w in [0.05, 0.1, 0.2] {
                    for s in [2.0, 3.0, 4.0] {
                        v.push((w, s));
                    }
                }
                v
            }
        };
        let mut best: Option<(Theta, f64, f64)> = None;
        for (w, s) in tails {
            let (t, ll) = fit_beta_sigma(
                &data,
                Theta { tail_weight: w, tail_scale: s, ..base },
                overrides.catch_up,
                overrides.spread,
            );
            let k = 2.0 + if w > 0.0 && overrides.tail_weight.is_none() { 2.0 } else { 0.0 };
            let bic = -2.0 * ll + k * libm::log(n_obs.max(1.0));
            if best.as_ref().is_none_or(|b| bic < b.2) {
                best = Some((t, ll, bic));
            }
        }
        let (mut t, mut ll, _) = best.unwrap_or((base, f64::NEG_INFINITY, 0.0));
        if kinds && overrides.methodology_factor.is_none() {
            for k in 0..=20 {
                let f = 1.0 + 0.1 * f64::from(k);
                let (tt, l) = fit_beta_sigma(&data, Theta { factor: f, ..t }, overrides.catch_up, overrides.spread);
                if l > ll {
                    t = tt;
                    ll = l;
                }
            }
        }
        (t, ll, "fitted")
    } else {
        // Stationarity prior: the cross-section's variance is kept.
        let n = starts_now.len().max(1) as f64;
        let mean = starts_now.iter().map(Start::mid).sum::<f64>() / n;
        let var = starts_now.iter().map(|s| (s.mid() - mean).powi(2) + s.width().powi(2) / 12.0).sum::<f64>() / n;
        let beta = overrides.catch_up.unwrap_or(-0.5);
        let sigma = overrides.spread.unwrap_or((var * (1.0 - (1.0 + beta).powi(2))).max(0.01).sqrt());
        warnings.push(format!(
            "no pair of published years up to {year}: catch-up and spread come from a stated prior (catch-up −0.5; spread {sigma:.2} keeps the {year} cross-section's variance {var:.2} stable), not from data"
        ));
        (
            Theta {
                beta,
                sigma,
                tail_weight: overrides.tail_weight.unwrap_or(0.0),
                tail_scale: overrides.tail_scale.unwrap_or(3.0),
                factor: overrides.methodology_factor.unwrap_or(1.0),
            },
            0.0,
            "prior",
        )
    };
    evidence.log_likelihood = ll;
    let n_text = format!(
        "{} on {} score pair(s), {} rank-only pair(s) and {} year(s) of up/down counts",
        how, evidence.score_pairs, evidence.rank_pairs, evidence.count_years
    );
    let src = |o: Option<f64>| if o.is_some() { "override".to_string() } else { n_text.clone() };
    params.push(Parameter { name: "catch_up".into(), value: theta.beta, source: src(overrides.catch_up) });
    params.push(Parameter { name: "spread".into(), value: theta.sigma, source: src(overrides.spread) });
    let tail_src = |o: Option<f64>| {
        if o.is_some() {
            "override".to_string()
        } else if theta.tail_weight > 0.0 {
            format!("{how}: the information criterion prefers heavy tails")
        } else {
            format!("{how}: the information criterion prefers normal tails")
        }
    };
    params.push(Parameter {
        name: "tail_weight".into(),
        value: theta.tail_weight,
        source: tail_src(overrides.tail_weight),
    });
    params.push(Parameter {
        name: "tail_scale".into(),
        value: theta.tail_scale,
        source: tail_src(overrides.tail_scale),
    });
    let factor_src = if overrides.methodology_factor.is_some() {
        "override".to_string()
    } else if kinds && has_data {
        "fitted: pairs within and across a change of methodology".to_string()
    } else {
        "not identifiable (no pairs of both kinds): 1, no widening".to_string()
    };
    params.push(Parameter { name: "methodology_factor".into(), value: theta.factor, source: factor_src });
    let own_sd = overrides.own_sd.unwrap_or(0.0);
    params.push(Parameter {
        name: "own_sd".into(),
        value: own_sd,
        source: if overrides.own_sd.is_some() {
            "override".into()
        } else {
            "default: the plan's gain is taken as certain".into()
        },
    });
    if methodology_change && theta.factor <= 1.0 {
        warnings.push(if kinds && has_data && overrides.methodology_factor.is_none() {
            "past pairs across a change of methodology were not more spread than the others: no widening applied (set methodology_factor to widen)".into()
        } else {
            "the data cannot say how much wider changes are across a change of methodology: no widening applied (set methodology_factor)".into()
        });
    }
    if evidence.years.iter().any(|&(a, b)| crosses(&index, a, b)) {
        warnings.push("some fitted year pairs cross a change of methodology".into());
    }
    let spread_next = theta.sigma * if methodology_change { theta.factor } else { 1.0 };
    let unknown = starts_now.iter().filter(|s| s.score.is_none()).count();
    let free_text = if free_provinces.is_empty() {
        String::new()
    } else {
        format!(" The {} provinces with no published data fill the free ranks, one each.", free_provinces.len())
    };
    let description = format!(
        "Next year ({next}) each {index} score = current + common shock + catch-up × (current − {m_now:.2}) + own change. \
Common shock ~ Normal({shock_mean:+.2}, {shock_sd:.2}) points (national averages). Catch-up {:.3} per point ({}). \
Own change: Normal(0, {spread_next:.2}){}. {unknown} of {} current scores are unpublished and start uniform within bounds narrowed by the published lowest/highest, band counts and averages.{free_text}",
        theta.beta,
        n_text,
        if theta.tail_weight > 0.0 {
            format!(", with probability {:.2} {:.1}× wider", theta.tail_weight, theta.tail_scale)
        } else {
            String::new()
        },
        starts_now.len()
    );
    Ok(FittedModel {
        kind: "fitted".into(),
        index: index.as_str().to_string(),
        year,
        next_year: next,
        shock_mean,
        shock_sd,
        catch_up: theta.beta,
        spread: theta.sigma,
        spread_next,
        tail_weight: theta.tail_weight,
        tail_scale: theta.tail_scale,
        methodology_factor: theta.factor,
        methodology_change,
        own_sd,
        national_average: m_now,
        parameters: params,
        evidence,
        bounds,
        description,
        warnings,
        problems,
        starts: starts_now,
        free_provinces,
    })
}

fn pick(over: Option<f64>, fitted: f64, source: String) -> (f64, String) {
    match over {
        Some(v) => (v, "override".into()),
        None => (fitted, source),
    }
}
