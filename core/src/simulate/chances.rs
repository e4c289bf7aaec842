//! One province's plan under the fitted next-year model: P(rank ≤ N) for planned gains,
//! and the gain needed for 50% and 80%, exactly.
//!
//! The province's next score is its current score + the planned gain (+ its own
//! uncertainty, `own_sd`); every competitor moves by the common shock, catch-up and its own
//! change. Conditional on the shock (a discretised normal: [`SHOCK_NODES`] cells dense in
//! the tails) competitors finish above independently, so the count above is a
//! Poisson-binomial; the rank distribution is the mixture over shock nodes (and over the
//! province's own start when its score is unpublished). [`chances_monte_carlo`] samples
//! the same model, the check.

use super::forecast::{poisson_binomial, rank_quantile, Prepared, Tables};
use super::nextyear::{fit, phi_cdf, FittedModel, NextYearModel};
use super::sampler::{unit, BucketSort, NextScores, Ziggurat, PACKED_UNITS};
use crate::decimal::{from_hundredths, to_f64};
use crate::error::{Error, Result};
use crate::league::LeagueTable;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::Decimal;
use serde::Serialize;

/// Cells of the discretised common shock.
pub const SHOCK_NODES: usize = 24;

/// The outcome of one planned gain.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ChancePlan {
    /// Planned gain (percentage points of the index).
    #[serde(with = "crate::decimal::serde_dec")]
    pub gain: Decimal,
    /// P(rank ≤ target).
    pub p_target: f64,
    /// 5% rank quantile.
    pub rank_p05: u32,
    /// Median rank.
    pub rank_p50: u32,
    /// 95% rank quantile.
    pub rank_p95: u32,
    /// P(rank = r) at index r − 1.
    pub rank_probabilities: Vec<f64>,
}

/// A province's chances next year under the fitted model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Chances {
    /// Canonical province name.
    pub province: String,
    /// Target rank.
    pub target_rank: u32,
    /// `exact` or `monte_carlo`.
    pub method: String,
    /// One outcome per planned gain, in the order given.
    pub plans: Vec<ChancePlan>,
    /// Least gain (0.01 steps, percentage points) with P(rank ≤ target) ≥ 50%, from the exact
    /// solution (`None`: not reachable below 100; always `None` from the Monte Carlo, whose
    /// gains needed are in `simulate`'s result).
    #[serde(with = "crate::decimal::serde_opt_dec")]
    pub gain_for_p50: Option<Decimal>,
    /// Least gain with P(rank ≤ target) ≥ 80% (`None` as for `gain_for_p50`).
    #[serde(with = "crate::decimal::serde_opt_dec")]
    pub gain_for_p80: Option<Decimal>,
    /// The model, stated in full.
    pub model: FittedModel,
}

/// Inverse standard normal cdf by bisection (|z| ≤ 10).
fn phi_inv(p: f64) -> f64 {
    let (mut lo, mut hi) = (-10.0, 10.0);
    for _ in 0..70 {
        let mid = 0.5 * (lo + hi);
        if phi_cdf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// Cells in probability with cosine-spaced edges: (midpoint, weight).
fn cells(k: usize) -> Vec<(f64, f64)> {
    let edge = |i: usize| 0.5 * (1.0 - libm::cos(std::f64::consts::PI * i as f64 / k as f64));
    (0..k).map(|i| (0.5 * (edge(i) + edge(i + 1)), edge(i + 1) - edge(i))).collect()
}

/// The solver of one province's plan.
struct Solver {
    prep: Prepared,
    /// (own unit excluded, own start low, high, weight): one entry per start it may hold.
    owns: Vec<(usize, f64, f64, f64)>,
    shocks: Vec<(f64, f64)>,
    own_nodes: Vec<(f64, f64)>,
    n: usize,
    /// For a province with no published data (one of many starts): the competitors'
    /// survival tabulated as in the exact forecast, whose rows it then matches; a province
    /// with one start is computed without the table's interpolation.
    tables: Option<Tables>,
}

impl Solver {
    fn new(model: &FittedModel, province: &str) -> Result<Solver> {
        let prep = Prepared::new(model);
        let units: Vec<usize> = if model.free_provinces.iter().any(|p| p == province) {
            model.starts.iter().enumerate().filter(|(_, s)| s.free_rank.is_some()).map(|(i, _)| i).collect()
        } else {
            model.starts.iter().position(|s| s.province == province).into_iter().collect()
        };
        if units.is_empty() {
            return Err(Error::NotFound {
                what: "province in the model".into(),
                name: province.into(),
                hint: String::new(),
            });
        }
        let w = 1.0 / units.len() as f64;
        let owns = units.iter().filter_map(|&u| model.starts.get(u).map(|s| (u, s.low, s.high, w))).collect();
        let shocks = if model.shock_sd > 0.0 {
            cells(SHOCK_NODES).into_iter().map(|(u, w)| (model.shock_mean + model.shock_sd * phi_inv(u), w)).collect()
        } else {
            vec![(model.shock_mean, 1.0)]
        };
        // The province's own uncertainty about its gain: Normal(0, own_sd) in cells.
        let own_nodes: Vec<(f64, f64)> = if model.own_sd > 0.0 {
            cells(16).into_iter().map(|(u, w)| (model.own_sd * phi_inv(u), w)).collect()
        } else {
            vec![(0.0, 1.0)]
        };
        let tables = (units.len() > 1).then(|| Tables::new(&prep));
        Ok(Solver { n: prep.lo.len(), prep, owns, shocks, own_nodes, tables })
    }

    /// The rank distribution with a planned gain (points).
    fn ranks(&self, gain: f64) -> Vec<f64> {
        let mut dist = vec![0.0; self.n];
        let mut buf = Vec::with_capacity(self.n + 1);
        for &(own, lo, hi, w_own) in &self.owns {
            let fractions: &[f64] =
                if hi > lo { &[0.0625, 0.1875, 0.3125, 0.4375, 0.5625, 0.6875, 0.8125, 0.9375] } else { &[0.5] };
            let wf = 1.0 / fractions.len() as f64;
            for &f in fractions {
                let x = lo + (hi - lo) * f;
                for &(e, we) in &self.own_nodes {
                    let y = x + gain + e;
                    for &(s, ws) in &self.shocks {
                        // P(next + s > y) = P(next > y − s): the shock shifts the table.
                        let above = |j: usize| match &self.tables {
                            Some(t) => t.at(j, y - s),
                            None => self.prep.survival(j, y, s, 0.0),
                        };
                        poisson_binomial((0..self.n).filter(|&j| j != own).map(above), self.n - 1, &mut buf);
                        let w = w_own * wf * we * ws;
                        for (d, b) in dist.iter_mut().zip(&buf) {
                            *d += w * b;
                        }
                    }
                }
            }
        }
        dist
    }
}

fn p_at(solver: &Solver, target: u32, gain: f64) -> f64 {
    solver.ranks(gain).iter().take(target as usize).sum::<f64>().clamp(0.0, 1.0)
}

fn plan_of(gain: Decimal, dist: Vec<f64>, target: u32) -> ChancePlan {
    ChancePlan {
        gain,
        p_target: dist.iter().take(target as usize).sum::<f64>().clamp(0.0, 1.0),
        rank_p05: rank_quantile(&dist, 0.05),
        rank_p50: rank_quantile(&dist, 0.50),
        rank_p95: rank_quantile(&dist, 0.95),
        rank_probabilities: dist,
    }
}

fn check_gains(gains: &[Decimal]) -> Result<()> {
    if gains.is_empty() {
        // As the Monte Carlo: an empty answer would read as "no chance"; the least gains
        // for 50% and 80% come with any plan (a gain of 0 included).
        return Err(Error::invalid_argument(
            "gains",
            "give at least one planned gain (0 asks only for the gains needed)",
        ));
    }
    for g in gains {
        if g.abs() > Decimal::ONE_HUNDRED {
            return Err(Error::invalid_argument("gains", format!("{g} is beyond ±100 points")));
        }
    }
    Ok(())
}

/// A province's chances of reaching `target_rank` next year with each planned gain
/// (percentage points), exactly, under the fitted model with `model`'s overrides.
///
/// Errors: [`Error::UnknownProvince`]; [`Error::InvalidArgument`] (target outside 1..=of,
/// no gains, a gain beyond ±100, an override out of range); those of [`fit`].
pub fn chances(
    table: &LeagueTable,
    province: &str,
    gains: &[Decimal],
    target_rank: u32,
    model: &NextYearModel,
) -> Result<Chances> {
    super::nextyear::check_national(table)?;
    table.check_target(target_rank)?;
    check_gains(gains)?;
    let name = table.canonical(province)?;
    let fitted = fit(table, model)?;
    let solver = Solver::new(&fitted, &name)?;
    let plans = gains.iter().map(|&g| plan_of(g, solver.ranks(to_f64(g)), target_rank)).collect();
    // P(rank ≤ target) never falls with the gain: bisect on hundredths.
    let top = solver.owns.iter().map(|o| o.1).fold(f64::INFINITY, f64::min);
    let max_h = ((100.0 - top) * 100.0).ceil().max(0.0) as i64;
    let gain_for = |p: f64| -> Option<Decimal> {
        if p_at(&solver, target_rank, max_h as f64 / 100.0) < p {
            return None;
        }
        let (mut lo, mut hi) = (0i64, max_h);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if p_at(&solver, target_rank, mid as f64 / 100.0) >= p {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Some(from_hundredths(lo))
    };
    Ok(Chances {
        province: name,
        target_rank,
        method: "exact".into(),
        plans,
        gain_for_p50: gain_for(0.5),
        gain_for_p80: gain_for(0.8),
        model: fitted,
    })
}

/// [`chances`] by seeded Monte Carlo of the same model (the check of the exact answer;
/// `gain_for_*` are left `None`).
///
/// Errors: those of [`chances`]; [`Error::InvalidArgument`] for scenarios outside 1..=10⁸.
pub fn chances_monte_carlo(
    table: &LeagueTable,
    province: &str,
    gains: &[Decimal],
    target_rank: u32,
    model: &NextYearModel,
    scenarios: u64,
    seed: u64,
) -> Result<Chances> {
    super::nextyear::check_national(table)?;
    if scenarios == 0 || scenarios > super::MAX_SCENARIOS {
        return Err(Error::invalid_argument("scenarios", format!("{scenarios} is outside 1..=100000000")));
    }
    table.check_target(target_rank)?;
    check_gains(gains)?;
    let name = table.canonical(province)?;
    let fitted = fit(table, model)?;
    let solver = Solver::new(&fitted, &name)?;
    let gains_f: Vec<f64> = gains.iter().map(|&g| to_f64(g)).collect();
    let counts = monte_carlo(&fitted, &solver, &gains_f, target_rank, scenarios, seed).ranks;
    let plans = gains
        .iter()
        .zip(counts)
        .map(|(&g, c)| {
            let mut plan = plan_of(g, c.iter().map(|&x| x as f64 / scenarios as f64).collect(), target_rank);
            plan.p_target = share_within(&c, target_rank, scenarios);
            plan
        })
        .collect();
    Ok(Chances {
        province: name,
        target_rank,
        method: "monte_carlo".into(),
        plans,
        gain_for_p50: None,
        gain_for_p80: None,
        model: fitted,
    })
}

/// P(rank ≤ `target`) from the counts of `scenarios` draws: the whole count over the
/// scenarios (one division), not a sum of per-rank shares, so the figure is the same on
/// every platform whatever the order of the additions.
fn share_within(counts: &[u64], target: u32, scenarios: u64) -> f64 {
    counts.iter().take(target as usize).sum::<u64>() as f64 / scenarios as f64
}

/// What the seeded Monte Carlo of the fitted model counts.
struct Counts {
    /// Per planned gain, scenarios ending at each rank (index r − 1).
    ranks: Vec<Vec<u64>>,
    /// Scenarios by the least gain (hundredths of a point) that reaches the target.
    gains: Vec<u64>,
    /// Scenarios where even a score of 100 misses the target.
    unreachable: u64,
}

/// Scenarios per random stream of the fitted Monte Carlo: chunk `c` draws from the seed's
/// xoshiro256++ stream after `c` jumps of 2^128, so the counts are the same with any number
/// of threads (and up to one chunk, the same as one stream).
const MC_CHUNK: u64 = 4_096;

/// The seeded Monte Carlo of the fitted model: chunks of [`MC_CHUNK`] scenarios, each on
/// its own stream, in parallel; each chunk drawn in a fixed order, so the same seed gives
/// the same counts on every platform and with any number of threads.
fn monte_carlo(fitted: &FittedModel, solver: &Solver, gains: &[f64], target: u32, scenarios: u64, seed: u64) -> Counts {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut work = Vec::new();
    for c in 0..scenarios.div_ceil(MC_CHUNK) {
        work.push((MC_CHUNK.min(scenarios - c * MC_CHUNK), rng.clone()));
        rng.jump();
    }
    let draws = NextScores::new(&solver.prep);
    let sorter = BucketSort::new(solver.n, &draws.pilot());
    let run = |(size, rng): (u64, Xoshiro256PlusPlus)| {
        monte_carlo_chunk(fitted, solver, &draws, &sorter, gains, target, size, rng)
    };
    #[cfg(feature = "parallel")]
    let parts: Vec<Counts> = {
        use rayon::prelude::*;
        work.into_par_iter().map(run).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let parts: Vec<Counts> = work.into_iter().map(run).collect();
    let mut total = Counts { ranks: vec![vec![0u64; solver.n]; gains.len()], gains: Vec::new(), unreachable: 0 };
    for part in parts {
        for (t, p) in total.ranks.iter_mut().zip(part.ranks) {
            for (a, b) in t.iter_mut().zip(p) {
                *a += b;
            }
        }
        if total.gains.len() < part.gains.len() {
            total.gains.resize(part.gains.len(), 0);
        }
        for (a, b) in total.gains.iter_mut().zip(part.gains) {
            *a += b;
        }
        total.unreachable += part.unreachable;
    }
    total
}

/// One chunk of [`monte_carlo`]: `scenarios` drawn from `rng`. Per scenario: the common
/// shock (a ziggurat normal), every unit's next score ([`NextScores::draw`]), then the
/// province's start (which of its starts, where in it, its own uncertainty: each drawn only
/// when the model has a choice there); the least gain from the target-th highest competitor
/// ([`BucketSort::nth`]).
#[allow(clippy::too_many_arguments)]
fn monte_carlo_chunk(
    fitted: &FittedModel,
    solver: &Solver,
    draws: &NextScores,
    sorter: &BucketSort,
    gains: &[f64],
    target: u32,
    scenarios: u64,
    mut rng: Xoshiro256PlusPlus,
) -> Counts {
    let zig = Ziggurat::shared();
    let n = solver.n;
    let mut out = Counts { ranks: vec![vec![0u64; n]; gains.len()], gains: Vec::new(), unreachable: 0 };
    let mut ys = vec![0.0; n];
    let mut others: Vec<f64> = Vec::new();
    let mut sorter = sorter.clone();
    let t = target as usize;
    let owns = solver.owns.len();
    for _ in 0..scenarios {
        let shock = if fitted.shock_sd > 0.0 {
            fitted.shock_mean + fitted.shock_sd * zig.normal(&mut rng)
        } else {
            fitted.shock_mean
        };
        for (y, &u) in ys.iter_mut().zip(&draws.units) {
            *y = draws.draw(u, zig, &mut rng) + shock;
        }
        // The province takes one of its starts with equal probability.
        let k = if owns > 1 { ((unit(&mut rng) * owns as f64) as usize).min(owns - 1) } else { 0 };
        let Some(&(own, lo, hi, _)) = solver.owns.get(k) else { continue };
        let start = if hi > lo { lo + (hi - lo) * unit(&mut rng) } else { lo };
        let x = if fitted.own_sd > 0.0 { start + fitted.own_sd * zig.normal(&mut rng) } else { start };
        for (g, c) in gains.iter().zip(out.ranks.iter_mut()) {
            let y = x + g;
            let above = ys.iter().enumerate().filter(|&(j, &v)| j != own && v > y).count();
            if let Some(slot) = c.get_mut(above) {
                *slot += 1;
            }
        }
        // The least gain: reach the target-th highest competitor (scores are continuous);
        // the province itself is ranked last among the keys.
        let needed = if t >= 1 && t < n && n <= PACKED_UNITS {
            for (j, &y) in ys.iter().enumerate() {
                sorter.set(j, if j == own { f64::NEG_INFINITY } else { y });
            }
            sorter.nth(t - 1).and_then(|j| ys.get(j)).map_or(0.0, |&v| v - x)
        } else if t >= 1 && t < n {
            others.clear();
            others.extend(ys.iter().enumerate().filter(|&(j, _)| j != own).map(|(_, &v)| v));
            others.select_nth_unstable_by(t - 1, |a, b| b.total_cmp(a));
            others.get(t - 1).map_or(0.0, |&v| v - x)
        } else {
            0.0
        };
        let h = (needed * 100.0).ceil().max(0.0);
        if h > ((100.0 - start) * 100.0).ceil().max(0.0) {
            out.unreachable += 1;
        } else {
            let h = h as usize;
            if out.gains.len() <= h {
                out.gains.resize(h + 1, 0);
            }
            if let Some(slot) = out.gains.get_mut(h) {
                *slot += 1;
            }
        }
    }
    out
}

/// Planned gains in hundredths-exact decimals, checked as the Monte Carlo checks them.
fn checked_gains(options: &super::MonteCarlo) -> Result<()> {
    if options.scenarios == 0 || options.scenarios > super::MAX_SCENARIOS {
        return Err(Error::invalid_argument(
            "scenarios",
            format!("{} is outside 1..={}", options.scenarios, super::MAX_SCENARIOS),
        ));
    }
    if options.gains.is_empty() {
        return Err(Error::invalid_argument("gains", "give at least one planned gain"));
    }
    for g in &options.gains {
        if g.abs() > Decimal::ONE_HUNDRED {
            return Err(Error::invalid_argument("gain", format!("{g} is beyond ±100 points")));
        }
    }
    Ok(())
}

/// [`super::simulate`] under the fitted model: the seeded Monte Carlo of [`chances_monte_carlo`]
/// in the shape of a [`super::Simulation`].
pub(crate) fn simulate_fitted(
    table: &LeagueTable,
    options: &super::MonteCarlo,
    overrides: &NextYearModel,
) -> Result<super::Simulation> {
    super::nextyear::check_national(table)?;
    checked_gains(options)?;
    table.check_target(options.target_rank)?;
    let name = table.canonical(&options.province)?;
    let fitted = fit(table, overrides)?;
    let solver = Solver::new(&fitted, &name)?;
    let gains_f: Vec<f64> = options.gains.iter().map(|&g| to_f64(g)).collect();
    let counts = monte_carlo(&fitted, &solver, &gains_f, options.target_rank, options.scenarios, options.seed);
    let n = options.scenarios;
    let plans = options
        .gains
        .iter()
        .zip(counts.ranks)
        .map(|(&gain, c)| {
            let plan = plan_of(gain, c.iter().map(|&x| x as f64 / n as f64).collect(), options.target_rank);
            super::PlanOutcome {
                gain,
                // As chances_monte_carlo computes it, so both give the same figure bit for bit.
                p_target: share_within(&c, options.target_rank, n),
                rank_p05: plan.rank_p05,
                rank_p50: plan.rank_p50,
                rank_p95: plan.rank_p95,
                rank_counts: c,
            }
        })
        .collect();
    let bounds = table.score_bounds(&name).ok();
    Ok(super::Simulation {
        province: name,
        index: table.index().to_string(),
        year: table.year(),
        of: table.of(),
        target_rank: options.target_rank,
        scenarios: n,
        seed: options.seed,
        tie_policy: table.tie_policy(),
        model: super::ModelInfo::of_fitted(&fitted),
        current: bounds.filter(|b| b.low == b.high).map(|b| b.low),
        unknown_competitors: solver
            .owns
            .first()
            .map_or(0, |o| fitted.starts.iter().enumerate().filter(|(j, s)| *j != o.0 && s.high > s.low).count()),
        plans,
        gain_counts: counts.gains,
        unreachable: counts.unreachable,
    })
}

/// [`super::exact`] under the fitted model: [`chances`] in the shape of a
/// [`super::ExactOutcome`].
pub(crate) fn exact_fitted(
    table: &LeagueTable,
    options: &super::MonteCarlo,
    overrides: &NextYearModel,
) -> Result<super::ExactOutcome> {
    checked_gains(options)?;
    let c = chances(table, &options.province, &options.gains, options.target_rank, overrides)?;
    Ok(super::ExactOutcome {
        plans: c
            .plans
            .into_iter()
            .map(|p| super::ExactPlan { gain: p.gain, p_target: p.p_target, rank_probabilities: p.rank_probabilities })
            .collect(),
        gain_for_p50: c.gain_for_p50,
        gain_for_p80: c.gain_for_p80,
        model: super::ModelInfo::of_fitted(&c.model),
    })
}
