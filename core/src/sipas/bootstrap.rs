//! Bootstrap confidence intervals (khoảng tin cậy): resample respondents within each unit,
//! recompute every index and rank, report percentile intervals and rank distributions.
//!
//! Reproducible bit for bit: replicate `r` of unit `u` draws from a xoshiro256++ generator
//! seeded only from (seed, r, the unit's name), mapped to indices with integer arithmetic
//! only ([`Draws`]); the (replicate, unit) pairs are computed independently (in parallel with
//! the `parallel` feature, unit by unit) and written to fixed slots, so the result does not
//! depend on the number of threads, the platform (wasm32 included), or the order of the input
//! rows (respondents are sorted by id when the survey is read). The `f64` arithmetic after
//! the integer sums is the same sequence of IEEE operations everywhere.
//!
//! Speed: each respondent is stored once as a row of small integers packed in bytes (top-2:
//! satisfied and valid flags in the two nibbles of one byte per item; mean: numerator and
//! valid flag bytes); a replicate adds the rows of the drawn respondents as 64-bit words
//! (each byte an independent counter, carried out before it can overflow), then forms item
//! values in `f64`. Weighted surveys add `f64` rows (weight × numerator, weight).

use super::aggregate::Aggregator;
use super::answers::is_valid;
use super::{SipasOptions, SipasResult, Survey};
use crate::error::{Error, Result};
use crate::league::TiePolicy;
use crate::province::fold;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use serde::Serialize;

/// Bootstrap settings.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct BootstrapOptions {
    /// Number of replicates R (default 1,000).
    pub replicates: u32,
    /// Seed: the same seed gives the same result bit for bit.
    pub seed: u64,
    /// Confidence level of the percentile intervals, in (0, 1) (default 0.95).
    #[serde(with = "crate::contract::decimal")]
    #[cfg_attr(feature = "ts", tsify(type = "DecimalInput"))]
    pub level: Decimal,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions { replicates: 1000, seed: 20_231_211, level: Decimal::new(95, 2) }
    }
}

/// A percentile interval around an exact point estimate (percent 0–100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
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
    /// The interval at `decimals` places of percent (halves away from zero; the count of
    /// replicates unchanged).
    pub fn shown(&self, decimals: u32) -> Interval {
        Interval {
            estimate: super::at_precision(self.estimate, decimals),
            low: super::at_precision(self.low, decimals),
            high: super::at_precision(self.high, decimals),
            std_error: super::at_precision(self.std_error, decimals),
            replicates: self.replicates,
        }
    }

    /// Whether `low <= estimate <= high`.
    pub fn contains_estimate(&self) -> bool {
        self.low <= self.estimate && self.estimate <= self.high
    }
}

/// An interval for one node or item of a unit (`None` when it has no value).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
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
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
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
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
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
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
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
    /// The stated precision of the SIPAS computation (decimal places of percent): the
    /// statistics are exact here and shown at it by [`Bootstrap::shown`].
    pub decimals: u32,
    /// One per unit, input order.
    pub units: Vec<UnitBootstrap>,
}

impl Bootstrap {
    /// The same results with every statistic at the stated precision
    /// ([`Bootstrap::decimals`] places of percent): what the bindings show. Ranks and
    /// counts are unchanged.
    pub fn shown(&self) -> Bootstrap {
        let dp = self.decimals;
        let nodes = |v: &[NodeInterval]| -> Vec<NodeInterval> {
            v.iter()
                .map(|n| NodeInterval {
                    code: n.code.clone(),
                    key: n.key.clone(),
                    interval: n.interval.map(|i| i.shown(dp)),
                })
                .collect()
        };
        Bootstrap {
            units: self
                .units
                .iter()
                .map(|u| UnitBootstrap {
                    unit: u.unit.clone(),
                    sipas: u.sipas.shown(dp),
                    nodes: nodes(&u.nodes),
                    items: nodes(&u.items),
                    rank: u.rank.clone(),
                })
                .collect(),
            ..self.clone()
        }
    }

    /// A share (0–1, such as [`RankDistribution::probability_at_most`]) at the stated
    /// precision of percent: `decimals + 2` places of the share.
    pub fn shown_share(&self, share: Decimal) -> Decimal {
        super::at_precision(share, self.decimals.saturating_add(2))
    }

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
    /// Errors: [`Error::InvalidArgument`] for zero replicates, more replicate values than
    /// [`MAX_BOOTSTRAP_VALUES`] (replicates × units × nodes and items), or a level outside (0, 1);
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
        // Every replicate's values are kept for the percentiles: bound the memory.
        let cells = (r as u64).saturating_mul(u as u64).saturating_mul(k as u64);
        if cells > MAX_BOOTSTRAP_VALUES {
            return Err(Error::invalid_argument(
                "replicates",
                format!(
                    "{r} replicates × {u} units × {k} values = {cells} values to keep, above the limit of {MAX_BOOTSTRAP_VALUES} (about 400 MB): use fewer replicates"
                ),
            ));
        }
        let mut values = vec![f64::NAN; r * u * k];
        let mut ranks = vec![0u32; r * u];
        engine.run(r, &mut values, &mut ranks);
        Ok(summarize(&point, options, sipas, &values, &ranks, k))
    }
}

/// Most replicate values one bootstrap keeps (8 bytes each).
pub const MAX_BOOTSTRAP_VALUES: u64 = 50_000_000;

/// One unit's resampling data.
struct UnitData {
    n: u32,
    /// Unweighted: respondents × `stride` bytes (see [`Packing`]), zero-padded to a multiple
    /// of 16 and held as little-endian `u64` words: adding words adds the bytes (SWAR), as
    /// long as no byte sum exceeds 255, which the periodic carry guarantees.
    counts: Vec<u64>,
    /// Weighted: respondents × (2 × items): weight × numerator, then weight (0 if invalid).
    weighted: Vec<f64>,
    key: u64,
}

/// Bytes per SIMD block of the byte rows.
const LANES: usize = 16;

/// How a respondent's answers are stored as bytes for the unweighted hot loop.
#[derive(Clone, Copy)]
enum Packing {
    /// Top-2 rule: one byte per item, satisfied flag in the low nibble, valid flag in the
    /// high nibble (half the bytes, so a unit's rows stay in the L1 cache); nibble sums
    /// are carried out every 15 draws.
    Nibbles,
    /// Mean rule: the numerators (answer 1–5) of the items, then their valid flags, one
    /// byte each; byte sums are carried out every 51 draws.
    Bytes,
}

struct Engine<'a> {
    aggregator: &'a Aggregator,
    /// Bytes per respondent row (unweighted).
    stride: usize,
    /// Byte layout of the rows.
    packing: Packing,
    /// Draws summed in bytes before they are carried into `u32` sums.
    flush_every: u32,
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
    acc8: Vec<u64>,
    lo: Vec<u64>,
    hi: Vec<u64>,
    acc_f: Vec<f64>,
    items: Vec<Option<f64>>,
    bases: Vec<Option<f64>>,
    nodes: Vec<Option<f64>>,
}

impl<'a> Engine<'a> {
    fn new(survey: &Survey, options: &SipasOptions, aggregator: &'a Aggregator, seed: u64) -> Engine<'a> {
        let j = survey.items.len();
        let packing = match options.rule {
            super::SatisfactionRule::Top2 => Packing::Nibbles,
            super::SatisfactionRule::Mean => Packing::Bytes,
        };
        let used = match packing {
            Packing::Nibbles => j,
            Packing::Bytes => 2 * j,
        };
        let stride = used.div_ceil(LANES) * LANES;
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
                            let mut bytes: Vec<u8> = Vec::with_capacity(stride);
                            match packing {
                                Packing::Nibbles => bytes.extend(num.zip(valid).map(|(x, v)| x | (v << 4))),
                                Packing::Bytes => {
                                    bytes.extend(num);
                                    bytes.extend(valid);
                                }
                            }
                            bytes.resize(stride, 0);
                            counts.extend(bytes.chunks_exact(8).map(|c| {
                                let mut w = [0u8; 8];
                                w.copy_from_slice(c);
                                u64::from_le_bytes(w)
                            }));
                        }
                    }
                }
                UnitData { n: u32::try_from(n).unwrap_or(u32::MAX), counts, weighted, key: fnv1a(&u.name) }
            })
            .collect();
        Engine {
            aggregator,
            stride,
            packing,
            // Sums of this many rows cannot overflow a nibble (15) or a byte (255 / 5).
            flush_every: match packing {
                Packing::Nibbles => 15,
                Packing::Bytes => u32::from(u8::MAX / options.rule.numerator(5).max(1)),
            },
            rule: options.rule,
            policy: options.tie_policy,
            seed,
            items: j,
            units,
            weighted: survey.weighted,
        }
    }

    /// Draw `unit.n` respondents with replacement and add up their byte rows into `s.acc`.
    /// Rows up to 256 bytes (124 items) take a path whose width is a compile-time constant,
    /// so that the byte sums stay in SIMD registers.
    fn resample(&self, rng: &mut Draws, unit: &UnitData, s: &mut Scratch) {
        s.acc.fill(0);
        s.lo.fill(0);
        s.hi.fill(0);
        let items = self.items;
        let packing = self.packing;
        let (acc, lo, hi) = (&mut s.acc, &mut s.lo, &mut s.hi);
        let mut blocks = 0u32;
        // A block's word sums go on: bytes (mean rule) straight into the u32 sums; nibbles
        // (top-2 rule) first into byte sums of the low and high nibbles, which 17 blocks of 15
        // draws cannot overflow, and from there into the u32 sums.
        let carry = |words: &[u64]| match packing {
            Packing::Bytes => add_bytes(words, acc, 0),
            Packing::Nibbles => {
                for ((l, h), w) in lo.iter_mut().zip(hi.iter_mut()).zip(words) {
                    *l += w & LOW_NIBBLES;
                    *h += (w >> 4) & LOW_NIBBLES;
                }
                blocks += 1;
                if blocks == 17 {
                    add_bytes(lo, acc, 0);
                    add_bytes(hi, acc, items);
                    lo.fill(0);
                    hi.fill(0);
                    blocks = 0;
                }
            }
        };
        macro_rules! fixed {
            ($($w:literal),*) => {
                match self.stride / 8 {
                    $($w => resample_fixed::<$w, _>(rng, unit.n, &unit.counts, self.flush_every, carry),)*
                    words => resample_any(rng, unit.n, &unit.counts, words, &mut s.acc8, self.flush_every, carry),
                }
            };
        }
        fixed!(2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32);
        if let Packing::Nibbles = packing {
            add_bytes(&s.lo, &mut s.acc, 0);
            add_bytes(&s.hi, &mut s.acc, items);
        }
    }

    /// Item values from summed numerators and valid counts.
    fn item_values<A: Copy + Into<f64>>(&self, acc: &[A], items: &mut [Option<f64>]) {
        let (num, den) = acc.split_at(self.items);
        for ((slot, n), d) in items.iter_mut().zip(num).zip(den) {
            let d: f64 = (*d).into();
            *slot = (d > 0.0).then(|| self.rule.value_f64((*n).into(), d));
        }
    }

    /// Values per unit and replicate: SIPAS, the nodes, the items.
    fn width(&self) -> usize {
        1 + self.aggregator.nodes().len() + self.items
    }

    fn scratch(&self) -> Scratch {
        Scratch {
            acc: vec![0; self.stride.max(2 * self.items)],
            acc8: vec![0; self.stride / 8],
            lo: vec![0; self.stride / 8],
            hi: vec![0; self.stride / 8],
            acc_f: vec![0.0; 2 * self.items],
            items: vec![None; self.items],
            bases: vec![None; self.aggregator.base_count()],
            nodes: vec![None; self.aggregator.nodes().len()],
        }
    }

    /// All replicates: values unit-major (units × replicates × width), so that one unit's
    /// rows stay in cache through all its replicates; then the ranks of each replicate
    /// (replicates × units). Every (replicate, unit) pair draws from its own generator, so
    /// the order of work, and the number of threads, change nothing.
    fn run(&self, replicates: usize, values: &mut [f64], ranks: &mut [u32]) {
        let width = self.width();
        let units = self.units.len();
        let block = replicates * width;
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            values
                .par_chunks_mut(block)
                .zip(self.units.par_iter())
                .for_each_init(|| self.scratch(), |s, (v, unit)| self.replicates_of(unit, v, s));
            let values: &[f64] = values;
            ranks.par_chunks_mut(units).enumerate().for_each_init(
                || vec![0.0; units],
                |keys, (r, rk)| self.rank_replicate(values, replicates, r, keys, rk),
            );
        }
        #[cfg(not(feature = "parallel"))]
        {
            let mut s = self.scratch();
            for (v, unit) in values.chunks_mut(block).zip(&self.units) {
                self.replicates_of(unit, v, &mut s);
            }
            let mut keys = vec![0.0; units];
            for (r, rk) in ranks.chunks_mut(units).enumerate() {
                self.rank_replicate(values, replicates, r, &mut keys, rk);
            }
        }
    }

    /// Every replicate of one unit: SIPAS, nodes and items into `out` (replicates × width).
    fn replicates_of(&self, unit: &UnitData, out: &mut [f64], s: &mut Scratch) {
        let w2 = 2 * self.items;
        for (r, row) in out.chunks_mut(self.width()).enumerate() {
            let mut rng = Draws::new(mix(mix(self.seed ^ mix(r as u64)) ^ unit.key));
            if self.weighted {
                s.acc_f.fill(0.0);
                for _ in 0..unit.n {
                    let i = rng.below(unit.n) as usize;
                    if let Some(x) = unit.weighted.get(i * w2..(i + 1) * w2) {
                        for (a, x) in s.acc_f.iter_mut().zip(x) {
                            *a += *x;
                        }
                    }
                }
                let (num, den) = s.acc_f.split_at(self.items);
                for ((slot, n), d) in s.items.iter_mut().zip(num).zip(den) {
                    *slot = (*d > 0.0).then(|| self.rule.value_f64(*n, *d));
                }
            } else {
                self.resample(&mut rng, unit, s);
                self.item_values(&s.acc, &mut s.items);
            }
            let total = self.aggregator.evaluate(&s.items, &mut s.bases, &mut s.nodes);
            let values = std::iter::once(total).chain(s.nodes.iter().copied()).chain(s.items.iter().copied());
            for (slot, v) in row.iter_mut().zip(values) {
                *slot = v.unwrap_or(f64::NAN);
            }
        }
    }

    /// The ranks of the units in replicate `r`, from their SIPAS values.
    fn rank_replicate(&self, values: &[f64], replicates: usize, r: usize, keys: &mut [f64], ranks: &mut [u32]) {
        let width = self.width();
        for (u, key) in keys.iter_mut().enumerate() {
            let total = values.get((u * replicates + r) * width).copied().unwrap_or(f64::NAN);
            *key = match self.policy {
                _ if total.is_nan() => f64::NEG_INFINITY,
                TiePolicy::Unrounded => total,
                // The published 2-decimal value, in hundredths (round half away from zero).
                TiePolicy::Competition | TiePolicy::Dense => (total * 100.0).round(),
            };
        }
        rank_keys(keys, self.policy, ranks);
    }
}

/// [`Engine::resample`] for rows of `W` words: the sums of a block of `flush_every` draws
/// live in a local array (registers), then go to `carry`, before any byte can overflow.
fn resample_fixed<const W: usize, F: FnMut(&[u64])>(
    rng: &mut Draws,
    n: u32,
    counts: &[u64],
    flush_every: u32,
    mut carry: F,
) {
    let mut left = n;
    while left > 0 {
        let block = left.min(flush_every);
        let mut sums = [0u64; W];
        for _ in 0..block {
            let i = rng.below(n) as usize;
            if let Some(row) = counts.get(i * W..(i + 1) * W).and_then(|r| <&[u64; W]>::try_from(r).ok()) {
                for (a, x) in sums.iter_mut().zip(row) {
                    *a = a.wrapping_add(*x);
                }
            }
        }
        carry(&sums);
        left -= block;
    }
}

/// [`Engine::resample`] for any row width (`words` per row; sums in `sums`).
fn resample_any<F: FnMut(&[u64])>(
    rng: &mut Draws,
    n: u32,
    counts: &[u64],
    words: usize,
    sums: &mut [u64],
    flush_every: u32,
    mut carry: F,
) {
    let mut left = n;
    while left > 0 {
        let block = left.min(flush_every);
        sums.fill(0);
        for _ in 0..block {
            let i = rng.below(n) as usize;
            if let Some(row) = counts.get(i * words..(i + 1) * words) {
                for (a, x) in sums.iter_mut().zip(row) {
                    *a = a.wrapping_add(*x);
                }
            }
        }
        carry(sums);
        left -= block;
    }
}

/// Uniform draws of respondent indices: 32-bit halves of xoshiro256++ outputs, mapped to
/// `0..n` by Lemire's multiply-and-shift with rejection (exactly uniform, integer only, so
/// the same on every platform).
pub(crate) struct Draws {
    rng: Xoshiro256PlusPlus,
    spare: u32,
    has_spare: bool,
}

impl Draws {
    /// A generator seeded from one `u64`.
    pub(crate) fn new(seed: u64) -> Draws {
        Draws { rng: Xoshiro256PlusPlus::seed_from_u64(seed), spare: 0, has_spare: false }
    }

    fn next_u32(&mut self) -> u32 {
        if self.has_spare {
            self.has_spare = false;
            return self.spare;
        }
        let x = self.rng.next_u64();
        self.spare = (x >> 32) as u32;
        self.has_spare = true;
        x as u32
    }

    /// A uniform draw in `0..n` (`n` ≥ 1).
    pub(crate) fn below(&mut self, n: u32) -> u32 {
        let mut m = u64::from(self.next_u32()) * u64::from(n);
        if (m as u32) < n {
            // Reject the few low products that would make some results likelier.
            let threshold = n.wrapping_neg() % n.max(1);
            while (m as u32) < threshold {
                m = u64::from(self.next_u32()) * u64::from(n);
            }
        }
        (m >> 32) as u32
    }
}

/// `0x0f` in every byte.
const LOW_NIBBLES: u64 = 0x0f0f_0f0f_0f0f_0f0f;

/// Add the bytes of little-endian words into `acc[offset..]`.
fn add_bytes(words: &[u64], acc: &mut [u32], offset: usize) {
    let bytes = words.iter().flat_map(|w| w.to_le_bytes());
    for (t, b) in acc.iter_mut().skip(offset).zip(bytes) {
        *t += u32::from(b);
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
    let alpha = (Decimal::ONE - options.level).to_f64().unwrap_or(0.05) / 2.0;
    let summary = |(u, unit): (usize, &super::UnitIndex)| summarize_unit(u, unit, units, values, ranks, width, alpha);
    // Each unit's summary is a pure function of the replicate values: parallel or not, the
    // same result.
    #[cfg(feature = "parallel")]
    let out: Vec<UnitBootstrap> = {
        use rayon::prelude::*;
        point.units.par_iter().enumerate().map(summary).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let out: Vec<UnitBootstrap> = point.units.iter().enumerate().map(summary).collect();
    Bootstrap {
        replicates: options.replicates,
        seed: options.seed,
        level: options.level,
        rule: sipas.rule,
        aggregation: sipas.aggregation,
        tie_policy: sipas.tie_policy,
        weighted: point.weighted,
        decimals: point.decimals,
        units: out,
    }
}

/// Intervals and rank distribution of unit `u` from the replicate values (units ×
/// replicates × width) and ranks (replicates × units).
fn summarize_unit(
    u: usize,
    unit: &super::UnitIndex,
    units: usize,
    values: &[f64],
    ranks: &[u32],
    width: usize,
    alpha: f64,
) -> UnitBootstrap {
    // The unit's replicates of each value (SIPAS, nodes, items), NaN (no value) left out.
    let replicates = ranks.len() / units.max(1);
    let mut columns: Vec<Vec<f64>> = vec![Vec::with_capacity(replicates); width];
    let mine = values.get(u * replicates * width..(u + 1) * replicates * width).unwrap_or_default();
    for row in mine.chunks(width) {
        for (col, v) in columns.iter_mut().zip(row) {
            if !v.is_nan() {
                col.push(*v);
            }
        }
    }
    let mut column = |k: usize| -> Vec<f64> { columns.get_mut(k).map(std::mem::take).unwrap_or_default() };
    let interval = |estimate: Option<Decimal>, mut xs: Vec<f64>| -> Option<Interval> {
        let estimate = estimate?;
        if xs.is_empty() {
            return None;
        }
        let m = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / m;
        let var = if xs.len() > 1 { xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (m - 1.0) } else { 0.0 };
        Some(Interval {
            estimate,
            low: to_dec(quantile(&mut xs, alpha)),
            high: to_dec(quantile(&mut xs, 1.0 - alpha)),
            std_error: to_dec(var.sqrt()),
            replicates: u32::try_from(xs.len()).unwrap_or(u32::MAX),
        })
    };
    let sipas = interval(Some(unit.sipas), column(0)).unwrap_or(Interval {
        estimate: unit.sipas,
        low: unit.sipas,
        high: unit.sipas,
        std_error: Decimal::ZERO,
        replicates: 0,
    });
    let nodes = unit
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| NodeInterval {
            code: n.code.clone(),
            key: n.key.clone(),
            interval: interval(n.value, column(1 + i)),
        })
        .collect();
    let offset = 1 + unit.nodes.len();
    let items = unit
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| NodeInterval {
            code: it.code.clone(),
            key: it.key.clone(),
            interval: interval(it.satisfaction, column(offset + i)),
        })
        .collect();
    let mut rank_list: Vec<u32> = ranks.chunks(units).filter_map(|rk| rk.get(u).copied()).collect();
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
        sipas,
        nodes,
        items,
        rank: RankDistribution {
            rank: unit.rank,
            counts,
            low: at((alpha * last).floor()),
            high: at(((1.0 - alpha) * last).ceil()),
        },
    }
}

/// Quantile by linear interpolation between order statistics (numpy's default,
/// Hyndman–Fan type 7), found by selection rather than a full sort. Reorders `xs`.
fn quantile(xs: &mut [f64], q: f64) -> f64 {
    let last = xs.len().saturating_sub(1);
    let h = last as f64 * q;
    let lo = h.floor();
    let i = (lo as usize).min(last);
    if xs.is_empty() {
        return f64::NAN;
    }
    let (_, a, above) = xs.select_nth_unstable_by(i, f64::total_cmp);
    let a = *a;
    let b = above.iter().copied().min_by(f64::total_cmp).unwrap_or(a);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Framework;
    use crate::sipas::{SatisfactionRule, SyntheticSpec};

    /// A framework of `k` items under one domain and element.
    fn flat(k: usize) -> Framework {
        let items: Vec<String> = (1..=k).map(|i| format!(r#"{{"code": "D.1.{i}", "name_vi": "câu {i}"}}"#)).collect();
        let json = format!(
            r#"{{"id": "flat", "index": "sipas", "name_vi": "flat", "level_names": ["domain", "element", "item"],
                "nodes": [{{"code": "D", "name_vi": "D"}}, {{"code": "D.1", "name_vi": "D.1"}}, {}]}}"#,
            items.join(", ")
        );
        Framework::from_json(&json, "flat").unwrap()
    }

    /// The packed sums equal a plain sum over the same draws, for both packings, for the
    /// fixed-width and any-width paths.
    #[test]
    fn packed_sums_equal_plain_sums() {
        for (k, rule) in [
            (39, SatisfactionRule::Top2),
            (39, SatisfactionRule::Mean),
            (130, SatisfactionRule::Top2),
            (130, SatisfactionRule::Mean),
            (300, SatisfactionRule::Top2),
        ] {
            let fw = flat(k);
            let spec = SyntheticSpec { units: 2, respondents: 700, seed: 9, ..SyntheticSpec::default() };
            let survey = Survey::synthetic(&fw, &spec).unwrap();
            let options = SipasOptions { rule, ..SipasOptions::default() };
            let agg = Aggregator::new(&fw, options.aggregation).unwrap();
            let engine = Engine::new(&survey, &options, &agg, 1);
            let mut s = engine.scratch();
            for (unit, data) in engine.units.iter().zip(&survey.units) {
                let mut rng = Draws::new(42);
                engine.resample(&mut rng, unit, &mut s);
                let mut rng = Draws::new(42);
                let mut plain = vec![0u32; 2 * k];
                for _ in 0..unit.n {
                    let i = rng.below(unit.n) as usize;
                    for (j, &c) in data.answers[i * k..(i + 1) * k].iter().enumerate() {
                        if is_valid(c) {
                            plain[j] += u32::from(rule.numerator(c));
                            plain[k + j] += 1;
                        }
                    }
                }
                assert_eq!(&s.acc[..2 * k], &plain[..], "{k} items, {rule}");
            }
        }
    }
}

#[cfg(test)]
mod draw_tests {
    use super::Draws;

    /// Every index of a small range is drawn about equally often, and nothing falls outside.
    #[test]
    fn draws_are_uniform_and_in_range() {
        for n in [1u32, 2, 3, 7, 600] {
            let mut d = Draws::new(5);
            let mut counts = vec![0u32; n as usize];
            let total = 6000 * n;
            for _ in 0..total {
                counts[d.below(n) as usize] += 1;
            }
            for c in counts {
                assert!((5500..6500).contains(&c), "n = {n}: {c}");
            }
        }
    }
}
