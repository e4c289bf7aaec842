//! Bootstrap confidence intervals (khoảng tin cậy): resample respondents within each unit,
//! recompute every index and rank, report percentile intervals and rank distributions.
//!
//! Reproducible bit for bit: replicate `r` of unit `u` draws from a xoshiro256++ generator
//! seeded only from (seed, r, the unit's name), with `u32` ranges; replicates are computed
//! independently (in parallel with the `parallel` feature) and written to fixed slots, so the
//! result does not depend on the number of threads, the platform (wasm32 included), or the
//! order of the input rows (respondents are sorted by id when the survey is read).
//!
//! Speed: each respondent is stored once as a row of small integers (numerator and valid
//! flag per item); a replicate adds the rows of the drawn respondents (integer sums), then
//! forms item values in `f64`. Weighted surveys add `f64` rows (weight × numerator, weight).

use super::aggregate::Aggregator;
use super::answers::is_valid;
use super::{SipasOptions, SipasResult, Survey};
use crate::error::{Error, Result};
use crate::league::TiePolicy;
use crate::province::fold;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use serde::Serialize;

/// Bootstrap settings.
#[derive(Debug, Clone, PartialEq)]
pub struct BootstrapOptions {
    /// Number of replicates R (default 1,000).
    pub replicates: u32,
    /// Seed: the same seed gives the same result bit for bit.
    pub seed: u64,
    /// Confidence level of the percentile intervals, in (0, 1) (default 0.95).
    pub level: Decimal,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions { replicates: 1000, seed: 20_231_211, level: Decimal::new(95, 2) }
    }
}

/// A percentile interval around an exact point estimate (percent 0–100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// The point estimate from all answers (exact).
    pub estimate: Decimal,
    /// Lower percentile of the replicates.
    pub low: Decimal,
    /// Upper percentile of the replicates.
    pub high: Decimal,
    /// Standard deviation of the replicates (bootstrap standard error).
    pub std_error: Decimal,
    /// Replicates in which the value existed (an item may lack valid answers in a replicate).
    pub replicates: u32,
}

impl Interval {
    /// Whether `low <= estimate <= high`.
    pub fn contains_estimate(&self) -> bool {
        self.low <= self.estimate && self.estimate <= self.high
    }
}

/// An interval for one node or item of a unit (`None` when it has no value).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeInterval {
    /// Framework code.
    pub code: String,
    /// Column key (`procedures`; the code for items).
    pub key: String,
    /// The interval.
    pub interval: Option<Interval>,
}

/// The distribution of a unit's rank over the replicates (every unit resampled at once).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankDistribution {
    /// Rank from all answers.
    pub rank: u32,
    /// `counts[k]`: replicates in which the unit ranked `k + 1`.
    pub counts: Vec<u32>,
    /// Lower percentile rank (best end of the interval).
    pub low: u32,
    /// Upper percentile rank (worst end).
    pub high: u32,
}

impl RankDistribution {
    /// Share of replicates (0–1, exact) in which the unit ranked `target` or better.
    pub fn probability_at_most(&self, target: u32) -> Decimal {
        let total: u32 = self.counts.iter().sum();
        if total == 0 {
            return Decimal::ZERO;
        }
        let hits: u32 = self.counts.iter().take(target as usize).sum();
        Decimal::from(hits) / Decimal::from(total)
    }
}

/// One unit's bootstrap results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitBootstrap {
    /// Unit name.
    pub unit: String,
    /// SIPAS interval.
    pub sipas: Interval,
    /// Every node (domains, contents, elements), framework order.
    pub nodes: Vec<NodeInterval>,
    /// Every item, framework order.
    pub items: Vec<NodeInterval>,
    /// Rank distribution.
    pub rank: RankDistribution,
}

/// Bootstrap results for every unit, with every choice that produced them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bootstrap {
    /// Replicates R.
    pub replicates: u32,
    /// Seed.
    pub seed: u64,
    /// Confidence level.
    pub level: Decimal,
    /// Satisfaction rule.
    pub rule: super::SatisfactionRule,
    /// Aggregation.
    pub aggregation: super::Aggregation,
    /// Tie policy of the replicate ranks.
    pub tie_policy: TiePolicy,
    /// Whether design weights were applied.
    pub weighted: bool,
    /// One per unit, input order.
    pub units: Vec<UnitBootstrap>,
}

impl Bootstrap {
    /// A unit's results by name (exact, else ignoring case and diacritics).
    ///
    /// Errors: [`Error::NotFound`].
    pub fn unit(&self, name: &str) -> Result<&UnitBootstrap> {
        let t = name.trim();
        self.units
            .iter()
            .find(|u| u.unit == t)
            .or_else(|| self.units.iter().find(|u| fold(&u.unit) == fold(t)))
            .ok_or_else(|| Error::NotFound { what: "unit".into(), name: t.to_string(), hint: String::new() })
    }
}

impl Survey {
    /// Bootstrap every unit: `options.replicates` replicates, each resampling every unit's
    /// respondents with replacement (n draws out of n), recomputing items, nodes, SIPAS and
    /// the ranks of all units. Intervals are percentile intervals at `options.level`
    /// (linear interpolation between order statistics, as numpy's default); rank intervals
    /// use the nearest order statistics. Values in percent 0–100.
    ///
    /// Errors: [`Error::InvalidArgument`] for zero replicates or a level outside (0, 1);
    /// the errors of [`Survey::compute`].
    pub fn bootstrap(&self, sipas: &SipasOptions, options: &BootstrapOptions) -> Result<Bootstrap> {
        if options.replicates == 0 {
            return Err(Error::invalid_argument("replicates", "at least one replicate is needed"));
        }
        if options.level <= Decimal::ZERO || options.level >= Decimal::ONE {
            return Err(Error::invalid_argument("level", format!("{} is outside (0, 1)", options.level)));
        }
        let point = self.compute(sipas)?;
        let engine = Engine::new(self, sipas, point.aggregator(), options.seed);
        let r = options.replicates as usize;
        let (u, k) = (engine.units.len(), engine.width());
        let mut values = vec![f64::NAN; r * u * k];
        let mut ranks = vec![0u32; r * u];
        engine.run(&mut values, &mut ranks);
        Ok(summarize(&point, options, sipas, &values, &ranks, k))
    }
}

/// One unit's resampling data.
struct UnitData {
    n: u32,
    /// Unweighted: respondents × (2 × items): numerators, then valid flags.
    counts: Vec<u16>,
    /// Weighted: respondents × (2 × items): weight × numerator, then weight (0 if invalid).
    weighted: Vec<f64>,
    key: u64,
}

struct Engine<'a> {
    aggregator: &'a Aggregator,
    rule: super::SatisfactionRule,
    policy: TiePolicy,
    seed: u64,
    items: usize,
    units: Vec<UnitData>,
    weighted: bool,
}

/// Per-thread scratch buffers.
struct Scratch {
    acc: Vec<u32>,
    acc_f: Vec<f64>,
    items: Vec<Option<f64>>,
    bases: Vec<Option<f64>>,
    nodes: Vec<Option<f64>>,
    keys: Vec<f64>,
}

impl<'a> Engine<'a> {
    fn new(survey: &Survey, options: &SipasOptions, aggregator: &'a Aggregator, seed: u64) -> Engine<'a> {
        let j = survey.items.len();
        let units = survey
            .units
            .iter()
            .map(|u| {
                let n = u.respondents.len();
                let mut counts = Vec::new();
                let mut weighted = Vec::new();
                for r in 0..n {
                    let row = u.answers.get(r * j..(r + 1) * j).unwrap_or_default();
                    let num = row.iter().map(|&c| if is_valid(c) { options.rule.numerator(c) } else { 0 });
                    let valid = row.iter().map(|&c| u8::from(is_valid(c)));
                    match u.weights.get(r) {
                        Some(w) => {
                            let w = w.to_f64().unwrap_or(0.0);
                            weighted.extend(num.map(|x| w * f64::from(x)));
                            weighted.extend(valid.map(|x| w * f64::from(x)));
                        }
                        None => {
                            counts.extend(num.map(u16::from));
                            counts.extend(valid.map(u16::from));
                        }
                    }
                }
                UnitData { n: u32::try_from(n).unwrap_or(u32::MAX), counts, weighted, key: fnv1a(&u.name) }
            })
            .collect();
        Engine {
            aggregator,
            rule: options.rule,
            policy: options.tie_policy,
            seed,
            items: j,
            units,
            weighted: survey.weighted,
        }
    }

    /// Values per unit and replicate: SIPAS, the nodes, the items.
    fn width(&self) -> usize {
        1 + self.aggregator.nodes().len() + self.items
    }

    fn scratch(&self) -> Scratch {
        Scratch {
            acc: vec![0; 2 * self.items],
            acc_f: vec![0.0; 2 * self.items],
            items: vec![None; self.items],
            bases: vec![None; self.aggregator.base_count()],
            nodes: vec![None; self.aggregator.nodes().len()],
            keys: vec![0.0; self.units.len()],
        }
    }

    fn run(&self, values: &mut [f64], ranks: &mut [u32]) {
        let block = self.units.len() * self.width();
        let units = self.units.len();
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            values
                .par_chunks_mut(block)
                .zip(ranks.par_chunks_mut(units))
                .enumerate()
                .for_each_init(|| self.scratch(), |s, (r, (v, rk))| self.replicate(r as u64, v, rk, s));
        }
        #[cfg(not(feature = "parallel"))]
        {
            let mut s = self.scratch();
            for (r, (v, rk)) in values.chunks_mut(block).zip(ranks.chunks_mut(units)).enumerate() {
                self.replicate(r as u64, v, rk, &mut s);
            }
        }
    }

    /// Replicate `r`: every unit resampled, values into `out` (units × width), ranks into `ranks`.
    fn replicate(&self, r: u64, out: &mut [f64], ranks: &mut [u32], s: &mut Scratch) {
        let width = self.width();
        let w2 = 2 * self.items;
        for (u, unit) in self.units.iter().enumerate() {
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(mix(mix(self.seed ^ mix(r)) ^ unit.key));
            if self.weighted {
                s.acc_f.fill(0.0);
                for _ in 0..unit.n {
                    let i = rng.random_range(0..unit.n) as usize;
                    if let Some(row) = unit.weighted.get(i * w2..(i + 1) * w2) {
                        for (a, x) in s.acc_f.iter_mut().zip(row) {
                            *a += *x;
                        }
                    }
                }
                let (num, den) = s.acc_f.split_at(self.items);
                for ((slot, n), d) in s.items.iter_mut().zip(num).zip(den) {
                    *slot = (*d > 0.0).then(|| self.rule.value_f64(*n, *d));
                }
            } else {
                s.acc.fill(0);
                for _ in 0..unit.n {
                    let i = rng.random_range(0..unit.n) as usize;
                    if let Some(row) = unit.counts.get(i * w2..(i + 1) * w2) {
                        for (a, x) in s.acc.iter_mut().zip(row) {
                            *a += u32::from(*x);
                        }
                    }
                }
                let (num, den) = s.acc.split_at(self.items);
                for ((slot, n), d) in s.items.iter_mut().zip(num).zip(den) {
                    *slot = (*d > 0).then(|| self.rule.value_f64(f64::from(*n), f64::from(*d)));
                }
            }
            let total = self.aggregator.evaluate(&s.items, &mut s.bases, &mut s.nodes);
            if let Some(row) = out.get_mut(u * width..(u + 1) * width) {
                let values = std::iter::once(total).chain(s.nodes.iter().copied()).chain(s.items.iter().copied());
                for (slot, v) in row.iter_mut().zip(values) {
                    *slot = v.unwrap_or(f64::NAN);
                }
            }
            if let Some(key) = s.keys.get_mut(u) {
                *key = match (total, self.policy) {
                    (None, _) => f64::NEG_INFINITY,
                    (Some(t), TiePolicy::Unrounded) => t,
                    // The published 2-decimal value, in hundredths (round half away from zero).
                    (Some(t), _) => (t * 100.0).round(),
                };
            }
        }
        rank_keys(&s.keys, self.policy, ranks);
    }
}

/// Ranks (1 = best) of `keys` under the tie policy: competition (1 + number strictly
/// higher) or dense (1 + number of distinct higher values).
fn rank_keys(keys: &[f64], policy: TiePolicy, ranks: &mut [u32]) {
    for (slot, k) in ranks.iter_mut().zip(keys) {
        let above = match policy {
            TiePolicy::Dense => {
                let mut higher: Vec<f64> = keys.iter().copied().filter(|x| x > k).collect();
                higher.sort_by(f64::total_cmp);
                higher.dedup();
                higher.len()
            }
            TiePolicy::Competition | TiePolicy::Unrounded => keys.iter().filter(|x| *x > k).count(),
        };
        *slot = u32::try_from(above).unwrap_or(u32::MAX).saturating_add(1);
    }
}

fn summarize(
    point: &SipasResult,
    options: &BootstrapOptions,
    sipas: &SipasOptions,
    values: &[f64],
    ranks: &[u32],
    width: usize,
) -> Bootstrap {
    let units = point.units.len();
    let r = options.replicates as usize;
    let alpha = (Decimal::ONE - options.level).to_f64().unwrap_or(0.05) / 2.0;
    let column = |u: usize, k: usize| -> Vec<f64> {
        (0..r).filter_map(|rep| values.get((rep * units + u) * width + k).copied()).filter(|v| !v.is_nan()).collect()
    };
    let interval = |estimate: Option<Decimal>, mut xs: Vec<f64>| -> Option<Interval> {
        let estimate = estimate?;
        if xs.is_empty() {
            return None;
        }
        xs.sort_by(f64::total_cmp);
        let m = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / m;
        let var = if xs.len() > 1 { xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (m - 1.0) } else { 0.0 };
        Some(Interval {
            estimate,
            low: to_dec(quantile(&xs, alpha)),
            high: to_dec(quantile(&xs, 1.0 - alpha)),
            std_error: to_dec(var.sqrt()),
            replicates: u32::try_from(xs.len()).unwrap_or(u32::MAX),
        })
    };
    let out = point
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            let nodes = unit
                .nodes
                .iter()
                .enumerate()
                .map(|(i, n)| NodeInterval {
                    code: n.code.clone(),
                    key: n.key.clone(),
                    interval: interval(n.value, column(u, 1 + i)),
                })
                .collect();
            let offset = 1 + unit.nodes.len();
            let items = unit
                .items
                .iter()
                .enumerate()
                .map(|(i, it)| NodeInterval {
                    code: it.code.clone(),
                    key: it.code.clone(),
                    interval: interval(it.satisfaction, column(u, offset + i)),
                })
                .collect();
            let sipas_interval = interval(Some(unit.sipas), column(u, 0)).unwrap_or(Interval {
                estimate: unit.sipas,
                low: unit.sipas,
                high: unit.sipas,
                std_error: Decimal::ZERO,
                replicates: 0,
            });
            let mut rank_list: Vec<u32> = (0..r).filter_map(|rep| ranks.get(rep * units + u).copied()).collect();
            let mut counts = vec![0u32; units];
            for &k in &rank_list {
                if let Some(c) = counts.get_mut((k as usize).saturating_sub(1)) {
                    *c += 1;
                }
            }
            rank_list.sort_unstable();
            let last = rank_list.len().saturating_sub(1) as f64;
            let at = |q: f64| rank_list.get(q as usize).copied().unwrap_or(unit.rank);
            UnitBootstrap {
                unit: unit.unit.clone(),
                sipas: sipas_interval,
                nodes,
                items,
                rank: RankDistribution {
                    rank: unit.rank,
                    counts,
                    low: at((alpha * last).floor()),
                    high: at(((1.0 - alpha) * last).ceil()),
                },
            }
        })
        .collect();
    Bootstrap {
        replicates: options.replicates,
        seed: options.seed,
        level: options.level,
        rule: sipas.rule,
        aggregation: sipas.aggregation,
        tie_policy: sipas.tie_policy,
        weighted: point.weighted,
        units: out,
    }
}

/// Quantile of sorted values by linear interpolation between order statistics (numpy's
/// default, Hyndman–Fan type 7).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let last = sorted.len().saturating_sub(1);
    let h = last as f64 * q;
    let lo = h.floor();
    let i = lo as usize;
    let a = sorted.get(i).copied().unwrap_or(f64::NAN);
    let b = sorted.get((i + 1).min(last)).copied().unwrap_or(a);
    a + (h - lo) * (b - a)
}

/// An `f64` from the bootstrap as a decimal (12 places: far below any published digit).
fn to_dec(x: f64) -> Decimal {
    Decimal::from_f64(x).map(|d| d.round_dp(12)).unwrap_or(Decimal::ZERO)
}

/// SplitMix64 finaliser: spreads (seed, replicate, unit) into independent generator seeds.
pub(crate) fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a hash of a unit name: a stable key, whatever the unit's position in the input.
fn fnv1a(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
