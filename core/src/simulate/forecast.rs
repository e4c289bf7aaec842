//! The whole table next year under the fitted model ([`super::fit`]): one row per province
//! with its rank distribution, P(rank ≤ target) and its expected score.
//!
//! Exact: every province's change is drawn like everyone else's, so the common shock moves
//! all scores together and leaves ranks unchanged; given a province's next score `y`, each
//! competitor finishes above it independently, so its rank is 1 + a Poisson-binomial count.
//! The province's own next score is integrated over [`NODES`] quantile nodes, dense in
//! the tails; competitors' probabilities are closed forms (normal mixture ×
//! uniform start). [`forecast_monte_carlo`] samples the same model (seeded), the check.

use super::nextyear::{fit, mean_phi_uniform, FittedModel, NextYearModel};
use super::sampler::{BucketSort, NextScores, Ziggurat, PACKED_UNITS};
use crate::error::{Error, Result};
use crate::league::LeagueTable;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};

/// Quantile nodes of a province's own next score in the exact forecast.
pub const NODES: usize = 32;

/// Options of [`forecast`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ForecastOptions {
    /// Target rank N: `p_target` is P(rank ≤ N). Default 30.
    pub target_rank: u32,
    /// Scenarios of [`forecast_monte_carlo`] (1 ..= 10⁸; the exact forecast ignores it). Default 20,000.
    pub scenarios: u64,
    /// Seed of [`forecast_monte_carlo`]. Default 7, the seed of [`super::MonteCarlo::default`].
    pub seed: u64,
    /// Overrides of the fitted model.
    pub model: NextYearModel,
}

impl Default for ForecastOptions {
    fn default() -> Self {
        let seed = super::MonteCarlo::default().seed;
        ForecastOptions { target_rank: 30, scenarios: 20_000, seed, model: NextYearModel::default() }
    }
}

/// One province next year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ForecastRow {
    /// Canonical name.
    pub province: String,
    /// Published rank in the table's year.
    pub rank_now: Option<u32>,
    /// Published score in the table's year (percent).
    pub score_now: Option<f64>,
    /// Rank quantiles (nearest rank: the smallest r with P(rank ≤ r) ≥ q).
    pub rank_p05: u32,
    /// 25% rank quantile.
    pub rank_p25: u32,
    /// Median rank.
    pub rank_p50: u32,
    /// 75% rank quantile.
    pub rank_p75: u32,
    /// 95% rank quantile.
    pub rank_p95: u32,
    /// P(rank ≤ target_rank).
    pub p_target: f64,
    /// Expected next score (percent, capped at 100).
    pub expected_score: f64,
    /// 5% quantile of the next score (with the common shock).
    pub score_p05: f64,
    /// 95% quantile of the next score.
    pub score_p95: f64,
    /// `false`: the table has neither score nor rank for it (it starts in the free slots).
    pub published: bool,
    /// P(rank = r) at index r − 1.
    pub rank_probabilities: Vec<f64>,
}

/// The forecast of a whole table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Forecast {
    /// Index (`par`, `sipas`).
    pub index: String,
    /// The table's year.
    pub year: u16,
    /// The forecast year.
    pub next_year: u16,
    /// Target rank.
    pub target_rank: u32,
    /// `exact` or `monte_carlo`.
    pub method: String,
    /// Scenarios (0 for exact).
    pub scenarios: u64,
    /// Seed (0 for exact).
    pub seed: u64,
    /// The model, stated in full.
    pub model: FittedModel,
    /// One row per province, in the registry's order.
    pub rows: Vec<ForecastRow>,
}

/// The model in the form the computations use.
pub(crate) struct Prepared {
    pub a: f64,
    pub c0: f64,
    pub comps: Vec<(f64, f64)>,
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
}

impl Prepared {
    pub(crate) fn new(m: &FittedModel) -> Prepared {
        Prepared {
            a: 1.0 + m.catch_up,
            c0: -m.catch_up * m.national_average,
            comps: m.components(),
            lo: m.starts.iter().map(|s| s.low).collect(),
            hi: m.starts.iter().map(|s| s.high).collect(),
        }
    }

    /// P(next score of `j` + `shift` > v), with the component sds widened by `extra_sd`.
    pub(crate) fn survival(&self, j: usize, v: f64, shift: f64, extra_sd: f64) -> f64 {
        let (lo, hi) = (self.lo.get(j).copied().unwrap_or(0.0), self.hi.get(j).copied().unwrap_or(0.0));
        self.comps
            .iter()
            .map(|&(w, s)| {
                let s = if extra_sd > 0.0 { (s * s + extra_sd * extra_sd).sqrt() } else { s };
                w * mean_phi_uniform(self.a, lo, hi, self.c0 + shift - v, s)
            })
            .sum()
    }

    /// The v with P(next + shift > v) = p for a province equally likely to be any of `units`.
    pub(crate) fn quantile_mixture(&self, units: &[usize], p: f64, shift: f64, extra_sd: f64) -> f64 {
        let smax = self.comps.iter().map(|c| c.1).fold(0.0, f64::max) + extra_sd;
        let low = units.iter().filter_map(|&j| self.lo.get(j)).fold(f64::INFINITY, |a, &b| a.min(b));
        let high = units.iter().filter_map(|&j| self.hi.get(j)).fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        let k = units.len().max(1) as f64;
        let (mut l, mut h) =
            (self.a * low + self.c0 + shift - 12.0 * smax, self.a * high + self.c0 + shift + 12.0 * smax);
        for _ in 0..44 {
            let mid = 0.5 * (l + h);
            let surv: f64 = units.iter().map(|&j| self.survival(j, mid, shift, extra_sd)).sum::<f64>() / k;
            if surv > p {
                l = mid;
            } else {
                h = mid;
            }
        }
        0.5 * (l + h)
    }
}

/// P(exactly k of the independent events), k = 0..=n.
pub(crate) fn poisson_binomial(probabilities: impl Iterator<Item = f64>, n: usize, out: &mut Vec<f64>) {
    // Two buffers in turn: each step reads one and writes the other, a loop without a
    // carried value (vectorised); the same operations, in the same order, as updating one
    // buffer in place.
    let mut src = std::mem::take(out);
    src.clear();
    src.resize(n + 1, 0.0);
    if let Some(first) = src.first_mut() {
        *first = 1.0;
    }
    let mut dst = vec![0.0; n + 1];
    for (len, p) in (1..).zip(probabilities) {
        let q = 1.0 - p;
        let top = (len + 1).min(n + 1);
        if let (Some(d), Some(s)) = (dst.get_mut(..top), src.get(..top)) {
            if let (Some((d0, rest)), Some(&s0)) = (d.split_first_mut(), s.first()) {
                *d0 = s0 * q + 0.0;
                for ((d, &hi), &lo) in rest.iter_mut().zip(s.get(1..).unwrap_or_default()).zip(s) {
                    *d = hi * q + lo * p;
                }
            }
        }
        std::mem::swap(&mut src, &mut dst);
    }
    *out = src;
}

/// Nearest-rank quantile of a probability vector (ranks 1-based).
pub(crate) fn rank_quantile(probs: &[f64], q: f64) -> u32 {
    let mut c = 0.0;
    for (i, p) in probs.iter().enumerate() {
        c += p;
        if c >= q - 1e-9 {
            return u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
    }
    u32::try_from(probs.len()).unwrap_or(u32::MAX)
}

/// Nodes in probability (u, weight): cells with cosine-spaced edges, dense near both tails
/// where the ranks at the ends of the table are decided; each cell is represented by the
/// quantile at its midpoint.
fn probability_nodes() -> Vec<(f64, f64)> {
    let edge = |k: usize| 0.5 * (1.0 - libm::cos(std::f64::consts::PI * k as f64 / NODES as f64));
    (0..NODES).map(|k| (0.5 * (edge(k) + edge(k + 1)), edge(k + 1) - edge(k))).collect()
}

/// Grid step (points) of the tabulated survival functions of the exact forecast; linear
/// interpolation between grid points errs by less than 2·10⁻⁴ in probability for spreads
/// of a point or more.
const GRID_STEP: f64 = 0.1;

/// Every unit's P(next > v) tabulated on one grid of v.
pub(crate) struct Tables {
    start: f64,
    len: usize,
    values: Vec<f64>,
}

impl Tables {
    pub(crate) fn new(prep: &Prepared) -> Tables {
        let n = prep.lo.len();
        let smax = prep.comps.iter().map(|c| c.1).fold(0.0, f64::max);
        let low = prep.lo.iter().fold(f64::INFINITY, |m, &x| m.min(x)) * prep.a + prep.c0 - 9.0 * smax;
        let high = prep.hi.iter().fold(f64::NEG_INFINITY, |m, &x| m.max(x)) * prep.a + prep.c0 + 9.0 * smax;
        let len = (((high - low) / GRID_STEP).ceil() as usize + 2).min(200_000);
        let row = |j: usize| (0..len).map(|k| prep.survival(j, low + k as f64 * GRID_STEP, 0.0, 0.0)).collect();
        #[cfg(feature = "parallel")]
        let rows: Vec<Vec<f64>> = {
            use rayon::prelude::*;
            (0..n).into_par_iter().map(row).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let rows: Vec<Vec<f64>> = (0..n).map(row).collect();
        Tables { start: low, len, values: rows.concat() }
    }

    fn row(&self, j: usize) -> &[f64] {
        self.values.get(j * self.len..(j + 1) * self.len).unwrap_or(&[])
    }

    #[inline]
    pub(crate) fn at(&self, j: usize, v: f64) -> f64 {
        let t = (v - self.start) / GRID_STEP;
        if t <= 0.0 {
            return self.values.get(j * self.len).copied().unwrap_or(1.0);
        }
        let k = t.floor() as usize;
        if k + 1 >= self.len {
            return 0.0;
        }
        let f = t - k as f64;
        let base = j * self.len + k;
        match (self.values.get(base), self.values.get(base + 1)) {
            (Some(x), Some(y)) => x + (y - x) * f,
            _ => 0.0,
        }
    }

    /// The v with P(next of `j` > v) = p, from the table (monotone: binary search, then linear).
    fn quantile_above(&self, j: usize, p: f64) -> f64 {
        let row = self.row(j);
        // First k with row[k] <= p.
        let k = row.partition_point(|&x| x > p);
        if k == 0 {
            return self.start;
        }
        let (x0, x1) = (row.get(k - 1).copied().unwrap_or(1.0), row.get(k).copied().unwrap_or(0.0));
        let f = if x0 > x1 { (x0 - p) / (x0 - x1) } else { 0.0 };
        self.start + ((k - 1) as f64 + f) * GRID_STEP
    }
}

/// The exact rank distribution of every unit (index r − 1 = rank r); units in parallel
/// (each unit's distribution is computed alone, so the threads change no figure).
pub(crate) fn exact_ranks(prep: &Prepared) -> Vec<Vec<f64>> {
    let n = prep.lo.len();
    let tables = Tables::new(prep);
    let nodes = &probability_nodes();
    let one = |i: usize| {
        let mut buf = Vec::with_capacity(n + 1);
        let mut probs = Vec::with_capacity(n);
        let mut dist = vec![0.0; n];
        for &(u, weight) in nodes {
            let y = tables.quantile_above(i, 1.0 - u);
            probs.clear();
            probs.extend((0..n).filter(|&j| j != i).map(|j| tables.at(j, y)));
            poisson_binomial(probs.iter().copied(), n - 1, &mut buf);
            for (d, b) in dist.iter_mut().zip(&buf) {
                *d += b * weight;
            }
        }
        dist
    };
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        (0..n).into_par_iter().map(one).collect()
    }
    #[cfg(not(feature = "parallel"))]
    (0..n).map(one).collect()
}

/// The units each province stands for: its own start, or any of the free ranks.
fn province_units(model: &FittedModel) -> Result<Vec<(String, Vec<usize>)>> {
    let free: Vec<usize> =
        model.starts.iter().enumerate().filter(|(_, s)| s.free_rank.is_some()).map(|(i, _)| i).collect();
    let mut out = Vec::new();
    for p in crate::province::registry()?.provinces() {
        let units = if model.free_provinces.contains(&p.name) {
            free.clone()
        } else {
            model.starts.iter().position(|s| s.province == p.name).into_iter().collect()
        };
        out.push((p.name.clone(), units));
    }
    Ok(out)
}

pub(crate) fn rows(model: &FittedModel, prep: &Prepared, ranks: &[Vec<f64>], target: u32) -> Result<Vec<ForecastRow>> {
    let n = prep.lo.len();
    let mut out = Vec::new();
    let mut cache: Vec<(Vec<usize>, (f64, f64))> = Vec::new();
    for (province, units) in province_units(model)? {
        let k = units.len().max(1) as f64;
        let mut dist = vec![0.0; n];
        for &u in &units {
            for (d, r) in dist.iter_mut().zip(ranks.get(u).map(Vec::as_slice).unwrap_or(&[])) {
                *d += r / k;
            }
        }
        let start = units.first().and_then(|&u| model.starts.get(u)).filter(|_| units.len() == 1);
        let expected: f64 = units
            .iter()
            .filter_map(|&u| model.starts.get(u))
            .map(|s| prep.a * 0.5 * (s.low + s.high) + prep.c0 + model.shock_mean)
            .sum::<f64>()
            / k;
        // Every silent province is the same mixture of the free ranks: computed once.
        let (q05, q95) = match cache.iter().find(|(u, _)| *u == units) {
            Some((_, q)) => *q,
            None => {
                let q = |p: f64| prep.quantile_mixture(&units, 1.0 - p, model.shock_mean, model.shock_sd).min(100.0);
                let v = (q(0.05), q(0.95));
                cache.push((units.clone(), v));
                v
            }
        };
        out.push(ForecastRow {
            province,
            rank_now: start.and_then(|s| s.rank),
            score_now: start.and_then(|s| s.score),
            rank_p05: rank_quantile(&dist, 0.05),
            rank_p25: rank_quantile(&dist, 0.25),
            rank_p50: rank_quantile(&dist, 0.50),
            rank_p75: rank_quantile(&dist, 0.75),
            rank_p95: rank_quantile(&dist, 0.95),
            p_target: dist.iter().take(target as usize).sum::<f64>().clamp(0.0, 1.0),
            expected_score: expected.min(100.0),
            score_p05: q05,
            score_p95: q95,
            published: start.is_some_and(|s| s.published),
            rank_probabilities: dist,
        });
    }
    Ok(out)
}

/// The exact forecast of the whole table next year under the fitted model. Scores, gains
/// and model parameters are in **percentage points** of the index (0–100 scale).
///
/// Errors: [`Error::InvalidArgument`] (target rank outside 1..=of, an override out of
/// range); those of [`fit`].
pub fn forecast(table: &LeagueTable, options: &ForecastOptions) -> Result<Forecast> {
    super::nextyear::check_national(table)?;
    table.check_target(options.target_rank)?;
    let model = fit(table, &options.model)?;
    forecast_with(table, &model, options.target_rank)
}

/// [`forecast`] with a model already fitted.
///
/// Errors: [`Error::InvalidArgument`] for a target rank outside 1..=of.
pub fn forecast_with(table: &LeagueTable, model: &FittedModel, target_rank: u32) -> Result<Forecast> {
    table.check_target(target_rank)?;
    let prep = Prepared::new(model);
    let ranks = exact_ranks(&prep);
    Ok(Forecast {
        index: model.index.clone(),
        year: model.year,
        next_year: model.next_year,
        target_rank,
        method: "exact".into(),
        scenarios: 0,
        seed: 0,
        rows: rows(model, &prep, &ranks, target_rank)?,
        model: model.clone(),
    })
}

/// Scenarios per random stream; stream `c` is the seed's stream after `c` jumps of 2^128.
const MC_CHUNK: u64 = 2_048;

/// Rank counts of one chunk: `counts[i * n + r]` for province i at rank r + 1. Every
/// scenario draws each unit's next score (one word for the start and the tail choice, a
/// ziggurat normal; [`NextScores::scenario`], which also keys and buckets them) and sorts
/// the packed keys exactly.
fn mc_chunk(draws: &NextScores, sorter: &BucketSort, scenarios: u64, mut rng: Xoshiro256PlusPlus) -> Vec<u64> {
    let n = draws.units.len();
    let zig = Ziggurat::shared();
    if n <= PACKED_UNITS {
        // By rank, then unit (a byte indexes a row, so no bound is checked); u32 counts: a
        // chunk has at most MC_CHUNK scenarios.
        let mut by_rank = vec![[0u32; 256]; n];
        let mut sorter = sorter.clone();
        for _ in 0..scenarios {
            draws.scenario(zig, &mut rng, &mut sorter);
            for (row, &key) in by_rank.iter_mut().zip(sorter.sort_counted()) {
                if let Some(c) = row.get_mut((key & 0xFF) as usize) {
                    *c += 1;
                }
            }
        }
        let mut counts = vec![0u64; n * n];
        for (r, row) in by_rank.iter().enumerate() {
            for (i, &c) in row.iter().take(n).enumerate() {
                if let Some(slot) = counts.get_mut(i * n + r) {
                    *slot = u64::from(c);
                }
            }
        }
        return counts;
    }
    let mut counts = vec![0u64; n * n];
    let mut ys: Vec<(f64, usize)> = (0..n).map(|j| (0.0, j)).collect();
    for _ in 0..scenarios {
        // Draws in unit order; the pairs are rewritten whatever the last sort left.
        for ((j, slot), &unit) in ys.iter_mut().enumerate().zip(&draws.units) {
            *slot = (draws.draw(unit, zig, &mut rng), j);
        }
        ys.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
        for (r, &(_, i)) in ys.iter().enumerate() {
            if let Some(c) = counts.get_mut(i * n + r) {
                *c += 1;
            }
        }
    }
    counts
}

/// The same forecast by seeded Monte Carlo: the same seed gives the same numbers on every
/// platform and with any number of threads.
///
/// Errors: those of [`forecast`]; [`Error::InvalidArgument`] for scenarios outside 1..=10⁸.
pub fn forecast_monte_carlo(table: &LeagueTable, options: &ForecastOptions) -> Result<Forecast> {
    super::nextyear::check_national(table)?;
    if options.scenarios == 0 || options.scenarios > super::MAX_SCENARIOS {
        return Err(Error::invalid_argument("scenarios", format!("{} is outside 1..=100000000", options.scenarios)));
    }
    table.check_target(options.target_rank)?;
    let model = fit(table, &options.model)?;
    forecast_monte_carlo_with(table, &model, options)
}

/// [`forecast_monte_carlo`] with a model already fitted (`options.model` is not used).
///
/// Errors: [`Error::InvalidArgument`] for scenarios outside 1..=10⁸ or a target rank
/// outside 1..=of.
pub fn forecast_monte_carlo_with(
    table: &LeagueTable,
    model: &FittedModel,
    options: &ForecastOptions,
) -> Result<Forecast> {
    if options.scenarios == 0 || options.scenarios > super::MAX_SCENARIOS {
        return Err(Error::invalid_argument("scenarios", format!("{} is outside 1..=100000000", options.scenarios)));
    }
    table.check_target(options.target_rank)?;
    let model = model.clone();
    let prep = Prepared::new(&model);
    let n = prep.lo.len();
    let chunks = options.scenarios.div_ceil(MC_CHUNK);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(options.seed);
    let mut work = Vec::new();
    for c in 0..chunks {
        let size = MC_CHUNK.min(options.scenarios - c * MC_CHUNK);
        work.push((size, rng.clone()));
        rng.jump();
    }
    let draws = NextScores::new(&prep);
    let sorter = BucketSort::new(n, &draws.pilot());
    let run = |(s, r): (u64, Xoshiro256PlusPlus)| mc_chunk(&draws, &sorter, s, r);
    #[cfg(feature = "parallel")]
    let parts: Vec<Vec<u64>> = {
        use rayon::prelude::*;
        work.into_par_iter().map(run).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let parts: Vec<Vec<u64>> = work.into_iter().map(run).collect();
    let mut total = vec![0u64; n * n];
    for p in parts {
        for (t, c) in total.iter_mut().zip(p) {
            *t += c;
        }
    }
    let scale = 1.0 / options.scenarios as f64;
    let ranks: Vec<Vec<f64>> = total.chunks(n.max(1)).map(|c| c.iter().map(|&x| x as f64 * scale).collect()).collect();
    Ok(Forecast {
        index: model.index.clone(),
        year: model.year,
        next_year: model.next_year,
        target_rank: options.target_rank,
        method: "monte_carlo".into(),
        scenarios: options.scenarios,
        seed: options.seed,
        rows: rows(&model, &prep, &ranks, options.target_rank)?,
        model,
    })
}

#[cfg(test)]
mod tests {
    use super::poisson_binomial;

    /// The recursion in one buffer, as first written: the two-buffer form must give the
    /// same bits.
    fn one_buffer(probabilities: &[f64], n: usize) -> Vec<f64> {
        let mut out = vec![0.0; n + 1];
        out[0] = 1.0;
        for (len, &p) in (1..).zip(probabilities) {
            let q = 1.0 - p;
            let mut carry = 0.0;
            for slot in out.iter_mut().take(len + 1) {
                let v = *slot;
                *slot = v * q + carry;
                carry = v * p;
            }
        }
        out
    }

    #[test]
    #[allow(clippy::indexing_slicing)]
    fn two_buffers_give_the_same_bits_as_one() {
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut buf = Vec::new();
        for n in [0usize, 1, 2, 7, 62] {
            for _ in 0..20 {
                // Extremes included: exact 0 and 1, and one just above 1 (a mixture's rounding).
                let ps: Vec<f64> = (0..n)
                    .map(|k| match k % 9 {
                        0 => 0.0,
                        1 => 1.0,
                        2 => 1.0 + f64::EPSILON,
                        _ => next(),
                    })
                    .collect();
                poisson_binomial(ps.iter().copied(), n, &mut buf);
                let want = one_buffer(&ps, n);
                assert_eq!(buf.len(), want.len());
                for (a, b) in buf.iter().zip(&want) {
                    assert_eq!(a.to_bits(), b.to_bits(), "n = {n}");
                }
            }
        }
    }
}
