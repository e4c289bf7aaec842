//! Monte Carlo of next year's ranking: every competitor moves by a drawn change, the
//! province by its planned gain.
//!
//! Model, per scenario: each competitor's next score = its current score (drawn uniformly
//! within its rank-implied bounds when unknown) + a change drawn from the [`ChangeModel`],
//! capped to 0–100; the province's next score = its current score + the planned gain,
//! capped to 100. Ranks follow the table's tie policy (competition: ties share the rank;
//! unrounded: a tie at 0.01 counts against the province).
//!
//! Reproducible: the same seed gives the same result bit for bit, whatever the number of
//! threads and on every platform. Scenarios run in fixed chunks; chunk `c` draws from a
//! xoshiro256++ stream seeded by `seed` and advanced by `c` jumps of 2^128, so chunks never
//! overlap and their order of execution does not matter. The hot loop counts in integer
//! hundredths of a point, so every comparison is exact.

use super::changes::{ChangeModel, Drawable, ModelInfo};
use crate::decimal::{from_hundredths, to_hundredths};
use crate::error::{Error, Result};
use crate::league::{LeagueTable, TiePolicy};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::Decimal;
use serde::Serialize;

/// Draw one change in hundredths, specialised per model so the loops have no dispatch.
macro_rules! with_change {
    ($changes:expr, |$change:ident| $body:expr) => {
        match $changes {
            Drawable::Values(values) => {
                let len = u32::try_from(values.len()).unwrap_or(u32::MAX).max(1);
                let $change = |s: &mut Stream, w: u32| values.get(s.bounded(w, len) as usize).copied().unwrap_or(0);
                $body
            }
            Drawable::Normal { mean, sd } => {
                // Rounded to the publication step: IEEE arithmetic and libm give the same
                // integer on every platform.
                let $change =
                    |s: &mut Stream, _: u32| (mean + sd * s.normal()).round().clamp(-20_000.0, 20_000.0) as i32;
                $body
            }
        }
    };
}

/// Scenarios per chunk: the unit of parallel work and of random streams. Changing it
/// changes results, so it is fixed.
pub const CHUNK: u64 = 16_384;

/// Most scenarios one call may run.
pub const MAX_SCENARIOS: u64 = 100_000_000;

/// Options of a Monte Carlo run.
#[derive(Debug, Clone, PartialEq)]
pub struct MonteCarlo {
    /// The province (any spelling).
    pub province: String,
    /// Planned gains to evaluate, in percentage points of the index (negative: losses).
    pub gains: Vec<Decimal>,
    /// Target rank N: the question is P(rank ≤ N).
    pub target_rank: u32,
    /// Number of scenarios (1 ..= 10⁸).
    pub scenarios: u64,
    /// Seed of the random streams.
    pub seed: u64,
    /// How competitors move.
    pub model: ChangeModel,
}

/// The defaults, stated once for every language: no province or gains (the caller's),
/// target rank 0 (the caller's), 100,000 scenarios, seed 7, the fitted next-year model.
impl Default for MonteCarlo {
    fn default() -> MonteCarlo {
        MonteCarlo {
            province: String::new(),
            gains: Vec::new(),
            target_rank: 0,
            scenarios: 100_000,
            seed: 7,
            model: ChangeModel::default(),
        }
    }
}

impl MonteCarlo {
    /// Options with the defaults: the planned `gains`, the fitted next-year model.
    pub fn new(province: &str, gains: Vec<Decimal>, target_rank: u32, scenarios: u64, seed: u64) -> MonteCarlo {
        MonteCarlo {
            province: province.to_string(),
            gains,
            target_rank,
            scenarios,
            seed,
            model: ChangeModel::default(),
        }
    }
}

/// The outcome of one plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct PlanOutcome {
    /// The planned gain (percentage points).
    pub gain: Decimal,
    /// P(rank ≤ target), 0–1.
    pub p_target: f64,
    /// 5% quantile of the rank (nearest rank: the smallest r with P(rank ≤ r) ≥ 5%).
    pub rank_p05: u32,
    /// Median rank.
    pub rank_p50: u32,
    /// 95% quantile of the rank.
    pub rank_p95: u32,
    /// Scenarios ending at each rank: `rank_counts[r - 1]` for rank r.
    pub rank_counts: Vec<u64>,
}

/// The result of a Monte Carlo run, stating the model used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Simulation {
    /// Canonical province name.
    pub province: String,
    /// Index (`par`, `sipas`, …).
    pub index: String,
    /// Year of the table the simulation starts from.
    pub year: u16,
    /// Number of provinces ranked.
    pub of: u32,
    /// Target rank.
    pub target_rank: u32,
    /// Scenarios run.
    pub scenarios: u64,
    /// Seed.
    pub seed: u64,
    /// Tie policy of the ranking.
    pub tie_policy: TiePolicy,
    /// The change model, in words and figures.
    pub model: ModelInfo,
    /// The province's current score (percent), or `None` when it was drawn within its bounds.
    pub current: Option<Decimal>,
    /// Competitors whose current score is unknown and was drawn within its bounds.
    pub unknown_competitors: usize,
    /// One outcome per planned gain, in the order given.
    pub plans: Vec<PlanOutcome>,
    /// Scenarios by the least gain that reaches the target: `gain_counts[h]` for a gain of
    /// h hundredths of a point (index 0: no gain needed).
    pub gain_counts: Vec<u64>,
    /// Scenarios where even a score of 100 misses the target.
    pub unreachable: u64,
}

impl Simulation {
    /// The least gain (percentage points) with P(rank ≤ target) ≥ `p` under the same
    /// scenarios; `None` when no gain up to a score of 100 reaches it. `p` in (0, 1].
    ///
    /// Errors: [`Error::InvalidArgument`] for `p` outside (0, 1].
    pub fn gain_for(&self, p: f64) -> Result<Option<Decimal>> {
        if !(p > 0.0 && p <= 1.0) {
            return Err(Error::invalid_argument("p", format!("{p} is outside (0, 1]")));
        }
        let needed = required_count(p, self.scenarios);
        let mut cumulative = 0u64;
        for (h, count) in self.gain_counts.iter().enumerate() {
            cumulative += count;
            if cumulative >= needed {
                return Ok(Some(from_hundredths(i64::try_from(h).unwrap_or(i64::MAX))));
            }
        }
        Ok(None)
    }

    /// [`Simulation::gain_for`] at 50%.
    pub fn gain_for_p50(&self) -> Option<Decimal> {
        self.gain_for(0.5).ok().flatten()
    }

    /// [`Simulation::gain_for`] at 80%.
    pub fn gain_for_p80(&self) -> Option<Decimal> {
        self.gain_for(0.8).ok().flatten()
    }
}

/// ceil(p × n), computed exactly from p's shortest decimal form.
fn required_count(p: f64, n: u64) -> u64 {
    let p_dec: Decimal = p.to_string().parse().unwrap_or(Decimal::ONE);
    let k = (p_dec * Decimal::from(n)).ceil();
    u64::try_from(k).unwrap_or(n).clamp(1, n.max(1))
}

/// Nearest-rank quantile of a histogram: the smallest r with cumulative count ≥ ceil(q·n).
fn quantile(counts: &[u64], q_percent: u64, n: u64) -> u32 {
    let needed = (q_percent * n).div_ceil(100).max(1);
    let mut cumulative = 0u64;
    for (i, c) in counts.iter().enumerate() {
        cumulative += c;
        if cumulative >= needed {
            return u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
    }
    u32::try_from(counts.len()).unwrap_or(u32::MAX)
}

/// The prepared input of the hot loop, in hundredths.
#[derive(Debug, Clone)]
pub(crate) struct Setup {
    /// Competitors: (low, span) — current = low + uniform(0..=span); span 0 = known.
    pub competitors: Vec<(i32, u32)>,
    /// The province's current score: (low, span).
    pub own: (i32, u32),
    pub gains: Vec<i32>,
    pub target: usize,
    pub of: u32,
    pub ties_against: bool,
    pub changes: Drawable,
    /// (low, high]: where the target-th highest competitor usually falls (hundredths).
    pub window: (i32, i32),
}

/// Run the Monte Carlo for a province of `table`.
///
/// Errors: [`Error::InvalidArgument`] (scenarios 0 or above 10⁸, no gains, a gain beyond
/// ±100, target outside 1..=of), [`Error::UnknownProvince`], [`Error::NotFound`] (no
/// entry for the province, or no empirical changes), [`Error::Unsupported`] (dense ties,
/// or a table compared at more than 2 decimals: the model counts in hundredths of a
/// percentage point and refuses finer tables rather than compare them at 2).
pub fn simulate(table: &LeagueTable, options: &MonteCarlo) -> Result<Simulation> {
    if let ChangeModel::Fitted(overrides) = &options.model {
        return super::chances::simulate_fitted(table, options, overrides);
    }
    let (setup, model) = prepare(table, options)?;
    let chunks = run_chunks(&setup, options.scenarios, options.seed);
    let mut rank_counts = vec![vec![0u64; setup.of as usize]; setup.gains.len()];
    let mut gain_counts = vec![0u64; (10_000 - setup.own.0.max(0)) as usize + 1];
    let mut unreachable = 0;
    for chunk in chunks {
        for (total, part) in rank_counts.iter_mut().zip(&chunk.rank_counts) {
            for (t, p) in total.iter_mut().zip(part) {
                *t += p;
            }
        }
        for (t, p) in gain_counts.iter_mut().zip(&chunk.gain_counts) {
            *t += p;
        }
        unreachable += chunk.unreachable;
    }
    let n = options.scenarios;
    let target = options.target_rank as usize;
    let plans = options
        .gains
        .iter()
        .zip(rank_counts)
        .map(|(gain, counts)| {
            let hits: u64 = counts.iter().take(target).sum();
            PlanOutcome {
                gain: *gain,
                p_target: hits as f64 / n as f64,
                rank_p05: quantile(&counts, 5, n),
                rank_p50: quantile(&counts, 50, n),
                rank_p95: quantile(&counts, 95, n),
                rank_counts: counts,
            }
        })
        .collect();
    Ok(Simulation {
        province: table.canonical(&options.province)?,
        index: table.index().to_string(),
        year: table.year(),
        of: table.of(),
        target_rank: options.target_rank,
        scenarios: n,
        seed: options.seed,
        tie_policy: table.tie_policy(),
        model,
        current: if setup.own.1 == 0 { Some(from_hundredths(i64::from(setup.own.0))) } else { None },
        unknown_competitors: setup.competitors.iter().filter(|c| c.1 > 0).count(),
        plans,
        gain_counts,
        unreachable,
    })
}

pub(crate) fn prepare(table: &LeagueTable, options: &MonteCarlo) -> Result<(Setup, ModelInfo)> {
    if options.scenarios == 0 || options.scenarios > MAX_SCENARIOS {
        return Err(Error::invalid_argument(
            "scenarios",
            format!("{} is outside 1..={MAX_SCENARIOS}", options.scenarios),
        ));
    }
    if options.gains.is_empty() {
        return Err(Error::invalid_argument("gains", "give at least one planned gain"));
    }
    table.check_target(options.target_rank)?;
    // The hot loop counts in whole hundredths, and the change models draw in hundredths:
    // a table compared at finer precision would be compared at 2 decimals here, against
    // its own rule, so it is refused rather than silently coarsened.
    if table.decimals() > crate::decimal::PUBLISH_DP {
        return Err(Error::Unsupported {
            message: format!(
                "the {} change model compares scores in hundredths (2 decimals); this {} {} \
                 table is compared at {} decimals: build it with 2 decimals (`decimals=2`; Rust: \
                 `with_decimals(2)`) to use this model, or use the fitted model, which works at \
                 any precision",
                match options.model {
                    ChangeModel::Empirical { .. } => "empirical",
                    ChangeModel::Normal { .. } => "normal",
                    ChangeModel::Sample(_) => "sample",
                    ChangeModel::Fitted(_) => "fitted",
                },
                table.index(),
                table.year(),
                table.decimals()
            ),
        });
    }
    let ties_against = match table.tie_policy() {
        TiePolicy::Competition => false,
        TiePolicy::Unrounded => true,
        TiePolicy::Dense => {
            return Err(Error::Unsupported {
                message: "the Monte Carlo ranks with competition or unrounded ties, not dense".into(),
            })
        }
    };
    let gains = options
        .gains
        .iter()
        .map(|g| {
            if g.abs() > Decimal::ONE_HUNDRED {
                return Err(Error::invalid_argument("gain", format!("{g} is beyond ±100 points")));
            }
            to_hundredths(*g).and_then(|h| i32::try_from(h).map_err(|_| Error::invalid_argument("gain", g.to_string())))
        })
        .collect::<Result<Vec<i32>>>()?;
    let (changes, model) = options.model.resolve(table.index(), table.year())?;
    let own_bounds = table.score_bounds(&options.province)?;
    let own = span(own_bounds.low, own_bounds.high)?;
    let competitors = table
        .competitors_for_simulation(&options.province)?
        .into_iter()
        .map(|(lo, hi)| span(lo, hi))
        .collect::<Result<Vec<_>>>()?;
    Ok((
        Setup {
            window: search_window(&competitors, &changes, options.target_rank as usize),
            competitors,
            own,
            gains,
            target: options.target_rank as usize,
            of: table.of(),
            ties_against,
            changes,
        },
        model,
    ))
}

/// Where the target-th highest next score usually falls: the range seen in a pilot of
/// 512 scenarios on a stream of its own, widened a little. Only speed depends on it (the
/// hot loop orders the few values inside the window, or all values when the target-th
/// falls outside); results do not.
fn search_window(competitors: &[(i32, u32)], changes: &Drawable, target: usize) -> (i32, i32) {
    if target == 0 || target > competitors.len() {
        return (0, 0);
    }
    let pilot = Xoshiro256PlusPlus::seed_from_u64(0x05ee_d0f5_ca1e);
    let mut s = Stream::new(pilot);
    let mut next = vec![0i32; competitors.len()];
    let (mut low, mut high) = (i32::MAX, i32::MIN);
    with_change!(changes, |change| {
        for _ in 0..512 {
            for (slot, &c) in next.iter_mut().zip(competitors) {
                let (current, bits) = s.step(c);
                *slot = (current + change(&mut s, bits)).clamp(0, 10_000);
            }
            let kth = *next.select_nth_unstable_by(target - 1, |a, b| b.cmp(a)).1;
            low = low.min(kth);
            high = high.max(kth);
        }
    });
    (low - 10, high + 10)
}

fn span(lo: Decimal, hi: Decimal) -> Result<(i32, u32)> {
    let lo = i32::try_from(to_hundredths(lo)?).unwrap_or(0);
    let hi = i32::try_from(to_hundredths(hi)?).unwrap_or(lo);
    Ok((lo.min(hi), u32::try_from((hi - lo).max(0)).unwrap_or(0)))
}

/// Partial counts of one chunk.
pub(crate) struct ChunkResult {
    pub rank_counts: Vec<Vec<u64>>,
    pub gain_counts: Vec<u64>,
    pub unreachable: u64,
}

/// The random stream of each chunk: the seed's stream advanced by `c` jumps.
pub(crate) fn chunk_streams(seed: u64, chunks: u64) -> Vec<Xoshiro256PlusPlus> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    (0..chunks)
        .map(|_| {
            let here = rng.clone();
            rng.jump();
            here
        })
        .collect()
}

fn run_chunks(setup: &Setup, scenarios: u64, seed: u64) -> Vec<ChunkResult> {
    let chunks = scenarios.div_ceil(CHUNK);
    let work: Vec<(u64, Xoshiro256PlusPlus)> = chunk_streams(seed, chunks)
        .into_iter()
        .enumerate()
        .map(|(c, rng)| {
            let start = c as u64 * CHUNK;
            ((scenarios - start).min(CHUNK), rng)
        })
        .collect();
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        work.into_par_iter().map(|(n, rng)| run_chunk(setup, n, rng)).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        work.into_iter().map(|(n, rng)| run_chunk(setup, n, rng)).collect()
    }
}

/// The random stream of one chunk: one xoshiro256++ word per competitor and scenario,
/// its high half for the current score of a competitor whose score is unknown, its low
/// half for the change; exact uniform integers by Lemire's multiply-shift with rejection
/// (a rejected half is replaced by a fresh word). Pure integer arithmetic, so every
/// platform draws the same numbers.
pub(crate) struct Stream {
    rng: Xoshiro256PlusPlus,
}

impl Stream {
    pub(crate) fn new(rng: Xoshiro256PlusPlus) -> Stream {
        Stream { rng }
    }

    /// Uniform in 0..n (n ≥ 1) from the 32-bit word `w`, without bias.
    #[inline]
    fn bounded(&mut self, w: u32, n: u32) -> u32 {
        let mut m = u64::from(w) * u64::from(n);
        if (m as u32) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u32) < threshold {
                m = u64::from(self.rng.next_u64() as u32) * u64::from(n);
            }
        }
        (m >> 32) as u32
    }

    /// One competitor's current score (low + uniform(0..=span)) and the 32 random bits
    /// left for its change.
    #[inline]
    fn step(&mut self, (low, span): (i32, u32)) -> (i32, u32) {
        let x = self.rng.next_u64();
        let current = if span == 0 { low } else { low + self.bounded((x >> 32) as u32, span.saturating_add(1)) as i32 };
        (current, x as u32)
    }

    /// A standard normal draw by the ziggurat method, whose wedges and tail use libm's `exp`
    /// and `log` (portable, unlike the platform's own) so that native and WebAssembly
    /// builds agree.
    #[inline]
    fn normal(&mut self) -> f64 {
        super::sampler::Ziggurat::shared().normal(&mut self.rng)
    }
}

fn run_chunk(setup: &Setup, n: u64, rng: Xoshiro256PlusPlus) -> ChunkResult {
    with_change!(&setup.changes, |change| run_chunk_with(setup, n, rng, change))
}

fn run_chunk_with(
    setup: &Setup,
    n: u64,
    rng: Xoshiro256PlusPlus,
    change: impl Fn(&mut Stream, u32) -> i32,
) -> ChunkResult {
    let of = setup.of as usize;
    let mut rank_counts = vec![vec![0u64; of]; setup.gains.len()];
    let mut gain_counts = vec![0u64; (10_000 - setup.own.0.max(0)) as usize + 1];
    let mut unreachable = 0u64;
    let mut next: Vec<i32> = vec![0; setup.competitors.len()];
    let mut scratch: Vec<i32> = vec![0; setup.competitors.len()];
    let (low, high) = setup.window;
    let mut s = Stream::new(rng);
    for _ in 0..n {
        let own = s.step(setup.own).0;
        // Gathering the values inside the search window (see `least_gain`) rides along
        // the draws, whose random-number chain sets the pace: no branches, a fixed buffer.
        let mut window = [0i32; 64];
        let (mut above, mut inside) = (0usize, 0usize);
        for (slot, &c) in next.iter_mut().zip(&setup.competitors) {
            let (current, bits) = s.step(c);
            let v = (current + change(&mut s, bits)).clamp(0, 10_000);
            *slot = v;
            if let Some(w) = window.get_mut(inside & 63) {
                *w = v;
            }
            above += usize::from(v > high);
            // low < v <= high, in one unsigned comparison.
            inside += usize::from((v.wrapping_sub(low).wrapping_sub(1) as u32) < (high - low) as u32);
        }
        for (histogram, gain) in rank_counts.iter_mut().zip(&setup.gains) {
            // Competitors at or above `mine` count against it (competition ties: strictly
            // above, hence the +1).
            let mine = (own + gain).clamp(0, 10_000) + i32::from(!setup.ties_against);
            let count = next.iter().map(|&v| u32::from(v >= mine)).sum::<u32>() as usize;
            if let Some(h) = histogram.get_mut(count.min(of.saturating_sub(1))) {
                *h += 1;
            }
        }
        let gathered = if next.len() <= window.len() { window.get(..inside) } else { None };
        let needed = least_gain(&next, &mut scratch, own, setup, above, gathered);
        match usize::try_from(needed).ok().and_then(|h| gain_counts.get_mut(h)).filter(|_| own + needed <= 10_000) {
            Some(c) => *c += 1,
            None => unreachable += 1,
        }
    }
    ChunkResult { rank_counts, gain_counts, unreachable }
}

/// The least gain (hundredths) that brings `own` to rank ≤ t: reach the t-th highest
/// competitor (competition ties) or pass it (ties against). The t-th highest is looked
/// for first among the few values inside a window around where it usually falls (`above`
/// of them are above the window); otherwise among all.
#[inline]
fn least_gain(next: &[i32], scratch: &mut [i32], own: i32, setup: &Setup, above: usize, window: Option<&[i32]>) -> i32 {
    let t = setup.target;
    if t > next.len() {
        return 0;
    }
    let kth = window
        .filter(|w| above < t && t <= above + w.len())
        .and_then(|w| nth_highest_small(w, t - above))
        .unwrap_or_else(|| {
            scratch.copy_from_slice(next);
            *scratch.select_nth_unstable_by(t - 1, |a, b| b.cmp(a)).1
        });
    (kth + i32::from(setup.ties_against) - own).max(0)
}

/// The r-th highest (1-based) of a few values by counting, without branches to
/// mispredict: the value with fewer than r values above it and at least r at or above.
/// `None` for more than 24 values (the caller then selects among all).
#[inline]
fn nth_highest_small(values: &[i32], r: usize) -> Option<i32> {
    if values.len() > 24 {
        return None;
    }
    values.iter().copied().find(|&v| {
        let (gt, ge) =
            values.iter().fold((0usize, 0usize), |(gt, ge), &w| (gt + usize::from(w > v), ge + usize::from(w >= v)));
        gt < r && r <= ge
    })
}

/// The draws alone, as the hot loop makes them (current scores of unknown competitors and
/// every change), summed so that nothing is optimised away: the floor the Monte Carlo is
/// measured against in the benchmarks.
pub fn draws_only(table: &LeagueTable, options: &MonteCarlo) -> Result<i64> {
    let (setup, _) = prepare(table, options)?;
    let mut total = 0i64;
    for (c, rng) in chunk_streams(options.seed, options.scenarios.div_ceil(CHUNK)).into_iter().enumerate() {
        let n = (options.scenarios - c as u64 * CHUNK).min(CHUNK);
        total += with_change!(&setup.changes, |change| draws_chunk(&setup, n, rng, change));
    }
    Ok(total)
}

fn draws_chunk(setup: &Setup, n: u64, rng: Xoshiro256PlusPlus, change: impl Fn(&mut Stream, u32) -> i32) -> i64 {
    let mut s = Stream::new(rng);
    let mut sum = 0i64;
    for _ in 0..n {
        sum += i64::from(s.step(setup.own).0);
        for &comp in &setup.competitors {
            let (current, bits) = s.step(comp);
            sum += i64::from(current + change(&mut s, bits));
        }
    }
    sum
}

/// The competitors' current score ranges (percent; low = high when published) the Monte
/// Carlo starts from, best rank first: for benchmarks and cross-checks.
///
/// Errors: as [`simulate`].
pub fn competitor_ranges(table: &LeagueTable, province: &str) -> Result<Vec<(Decimal, Decimal)>> {
    table.competitors_for_simulation(province)
}
