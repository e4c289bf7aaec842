//! The random draws and the ranking of the Monte Carlo loops, built so that every platform
//! gives the same bits: a standard normal by the ziggurat method (Marsaglia & Tsang 2000,
//! 256 layers) whose tables, wedge and tail use libm's `exp` and `log` (not the platform's,
//! which differ between native and WebAssembly builds), and an exact sort of packed keys that
//! is fast on the nearly known order of a league table.

use rand::Rng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// Layers of the ziggurat.
const LAYERS: usize = 256;
/// Right edge of the base layer, where the tail begins.
const R: f64 = 3.654_152_885_361_009;
/// Area of every layer under exp(−x²/2) (the base layer's includes the tail).
const V: f64 = 0.004_928_673_233_99;

/// 2⁻⁵³: a 53-bit integer to a float in [0, 1).
const TWO_M53: f64 = 1.0 / (1u64 << 53) as f64;

/// Uniform in [0, 1) with 53 random bits.
#[inline]
pub(crate) fn unit(rng: &mut Xoshiro256PlusPlus) -> f64 {
    (rng.next_u64() >> 11) as f64 * TWO_M53
}

/// Uniform in (0, 1) with 53 random bits (never 0, for a logarithm).
#[inline]
fn open_unit(rng: &mut Xoshiro256PlusPlus) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) * TWO_M53
}

/// exp(−x²/2), the unnormalised normal density.
fn density(x: f64) -> f64 {
    libm::exp(-0.5 * x * x)
}

/// The ziggurat's layer edges `x` (x[0] = V / f(R), x[1] = R, …, x[256] = 0) and the
/// density there, computed once with libm (the same recursion as the published
/// tables: x[i+1] = f⁻¹(V / x[i] + f(x[i]))).
pub(crate) struct Ziggurat {
    x: [f64; LAYERS + 1],
    f: [f64; LAYERS + 1],
}

impl Ziggurat {
    /// The tables, computed on first use (the same bits on every platform).
    pub(crate) fn shared() -> &'static Ziggurat {
        static TABLES: std::sync::OnceLock<Ziggurat> = std::sync::OnceLock::new();
        TABLES.get_or_init(Ziggurat::new)
    }

    fn new() -> Ziggurat {
        let mut x = [0.0; LAYERS + 1];
        let mut f = [0.0; LAYERS + 1];
        let mut prev = R;
        for (i, slot) in x.iter_mut().enumerate().take(LAYERS) {
            *slot = match i {
                0 => V / density(R),
                1 => R,
                _ => {
                    let next = libm::sqrt(-2.0 * libm::log(V / prev + density(prev)));
                    prev = next;
                    next
                }
            };
        }
        // x[LAYERS] stays 0: the top layer's edge.
        for (fi, &xi) in f.iter_mut().zip(&x) {
            *fi = density(xi);
        }
        Ziggurat { x, f }
    }

    /// A standard normal draw: one 64-bit word in about 99% of draws (its low 8 bits choose
    /// the layer, its high 52 bits the signed position), more words in the wedges and the
    /// tail.
    #[inline]
    pub(crate) fn normal(&self, rng: &mut Xoshiro256PlusPlus) -> f64 {
        let bits = rng.next_u64();
        // A float in [2, 4) from the high 52 bits, less 3: uniform in [−1, 1).
        let u = f64::from_bits(0x4000_0000_0000_0000 | (bits >> 12)) - 3.0;
        self.layered((bits & 0xFF) as usize, u, rng)
    }

    /// A standard normal draw whose first try takes only the low 32 bits of `bits` (the low
    /// 8 choose the layer, the next 24 the signed position), so that one word also serves
    /// another draw; the wedges and the tail take more words from `rng`.
    #[inline]
    pub(crate) fn normal_low(&self, bits: u64, rng: &mut Xoshiro256PlusPlus) -> f64 {
        let u = f64::from_bits(0x4000_0000_0000_0000 | ((bits & 0xFFFF_FF00) << 20)) - 3.0;
        self.layered((bits & 0xFF) as usize, u, rng)
    }

    /// The draw from layer `i` and position `u` in [−1, 1): accepted inside the layer's
    /// inner rectangle (about 99%), else the cold path.
    #[inline]
    fn layered(&self, i: usize, u: f64, rng: &mut Xoshiro256PlusPlus) -> f64 {
        let (xi, xn) = match (self.x.get(i), self.x.get(i + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0.0, 0.0),
        };
        let x = u * xi;
        if x.abs() < xn {
            return x;
        }
        // The stream's state goes to the cold path by value: a reference there would keep
        // it in memory (not registers) through every draw of the caller's loop.
        let (v, state) = self.slow(rng.clone(), i, u, x);
        *rng = state;
        v
    }

    /// The rest of a draw outside the layers' inner rectangles: the base layer's tail
    /// (Marsaglia's method) or a wedge (accepted under the density), else a fresh draw.
    #[cold]
    #[inline(never)]
    fn slow(&self, mut rng: Xoshiro256PlusPlus, i: usize, u: f64, x: f64) -> (f64, Xoshiro256PlusPlus) {
        let v = self.slow_draw(&mut rng, i, u, x);
        (v, rng)
    }

    fn slow_draw(&self, rng: &mut Xoshiro256PlusPlus, mut i: usize, mut u: f64, mut x: f64) -> f64 {
        loop {
            if i == 0 {
                loop {
                    let t = libm::log(open_unit(rng)) / R;
                    let y = libm::log(open_unit(rng));
                    if -2.0 * y >= t * t {
                        return if u < 0.0 { t - R } else { R - t };
                    }
                }
            }
            let (fi, fn_) = match (self.f.get(i), self.f.get(i + 1)) {
                (Some(&a), Some(&b)) => (a, b),
                _ => (0.0, 1.0),
            };
            if fn_ + (fi - fn_) * unit(rng) < density(x) {
                return x;
            }
            let bits = rng.next_u64();
            i = (bits & 0xFF) as usize;
            u = f64::from_bits(0x4000_0000_0000_0000 | (bits >> 12)) - 3.0;
            let (xi, xn) = match (self.x.get(i), self.x.get(i + 1)) {
                (Some(&a), Some(&b)) => (a, b),
                _ => (0.0, 0.0),
            };
            x = u * xi;
            if x.abs() < xn {
                return x;
            }
        }
    }
}

/// 2⁻³²: a 32-bit integer to a float in [0, 1).
const TWO_M32: f64 = 1.0 / 4_294_967_296.0;

/// The next-year model's draw of every unit's next score (before any common shock): start
/// uniform in [low, high], catch-up, and a change from the two-component normal mixture.
/// The start is a uniform on a grid of 2⁻³² of its range (the high 32 bits of a word). With
/// a tail, that word's low 32 bits choose it (P(tail) is the tail weight to within 2⁻³²) and
/// the normal is [`Ziggurat::normal`] on the next word; without, the same word's low 32 bits
/// start the normal ([`Ziggurat::normal_low`]), and a published start takes no word of its
/// own.
#[derive(Clone)]
pub(crate) struct NextScores {
    /// Per unit: a·low + c0 and a·(high − low).
    pub units: Vec<(f64, f64)>,
    /// Spread of the main component and of the tail.
    s0: f64,
    s1: f64,
    /// The low 32 bits at or above this choose the tail (never when there is none).
    tail_from: u64,
    /// Per unit: whether its start has a range (a word of its own, without a tail).
    worded: Vec<bool>,
}

impl NextScores {
    pub(crate) fn new(prep: &super::forecast::Prepared) -> NextScores {
        let (w0, s0) = prep.comps.first().copied().unwrap_or((1.0, 1.0));
        let (tail_from, s1) = match prep.comps.get(1) {
            // Saturating: a main weight of 1 never chooses the tail.
            Some(&(_, s1)) => ((w0.clamp(0.0, 1.0) * 4_294_967_296.0) as u64, s1),
            None => (u64::MAX, s0),
        };
        let units: Vec<(f64, f64)> =
            prep.lo.iter().zip(&prep.hi).map(|(&lo, &hi)| (prep.a * lo + prep.c0, prep.a * (hi - lo))).collect();
        let worded = units.iter().map(|&(_, span)| span != 0.0).collect();
        NextScores { units, s0, s1, tail_from, worded }
    }

    /// Every unit's next score of one scenario (the same words in the same order as
    /// [`NextScores::draw`] unit by unit, so the same bits), keyed and counted into `sorter`
    /// for [`BucketSort::sort_counted`].
    #[inline]
    pub(crate) fn scenario(&self, zig: &Ziggurat, rng: &mut Xoshiro256PlusPlus, sorter: &mut BucketSort) {
        // Without a tail every spread is s0: the choice is compiled out.
        if self.tail_from == u64::MAX {
            self.scenario_with::<false>(zig, rng, sorter);
        } else {
            self.scenario_with::<true>(zig, rng, sorter);
        }
    }

    #[inline(always)]
    fn scenario_with<const TAIL: bool>(&self, zig: &Ziggurat, rng: &mut Xoshiro256PlusPlus, sorter: &mut BucketSort) {
        sorter.counts = [0; 256];
        let grid = &sorter.grid;
        let keyed = sorter.keys.iter_mut().zip(sorter.buckets.iter_mut());
        for (j, ((&unit, &worded), (key, bucket))) in self.units.iter().zip(&self.worded).zip(keyed).enumerate() {
            let y = if TAIL { self.draw_tailed(unit, zig, rng) } else { self.draw_plain(unit, worded, zig, rng) };
            let k = packed_key(y, j);
            let b = grid.bucket(k);
            *key = k;
            *bucket = b;
            if let Some(c) = sorter.counts.get_mut(usize::from(b)) {
                *c = c.wrapping_add(1);
            }
        }
    }

    /// One unit's next score.
    #[inline]
    pub(crate) fn draw(&self, unit: (f64, f64), zig: &Ziggurat, rng: &mut Xoshiro256PlusPlus) -> f64 {
        if self.tail_from == u64::MAX {
            self.draw_plain(unit, unit.1 != 0.0, zig, rng)
        } else {
            self.draw_tailed(unit, zig, rng)
        }
    }

    /// A unit's next score without a tail: one word for a start and the normal's first try
    /// (`worded`: the start has a range), else the normal's own word (the same for every
    /// scenario, so the branch is predicted).
    #[inline(always)]
    fn draw_plain(&self, (base, span): (f64, f64), worded: bool, zig: &Ziggurat, rng: &mut Xoshiro256PlusPlus) -> f64 {
        if worded {
            let w = rng.next_u64();
            let start = (w >> 32) as f64 * TWO_M32;
            base + span * start + self.s0 * zig.normal_low(w, rng)
        } else {
            base + self.s0 * zig.normal(rng)
        }
    }

    /// A unit's next score with a tail: one word for the start and the tail choice, then
    /// the normal.
    #[inline(always)]
    fn draw_tailed(&self, (base, span): (f64, f64), zig: &Ziggurat, rng: &mut Xoshiro256PlusPlus) -> f64 {
        let w = rng.next_u64();
        let start = (w >> 32) as f64 * TWO_M32;
        let s = if (w & 0xFFFF_FFFF) >= self.tail_from { self.s1 } else { self.s0 };
        base + span * start + s * zig.normal(rng)
    }

    /// Next scores of a few scenarios on a stream of their own: the pilot of [`BucketSort`].
    pub(crate) fn pilot(&self) -> Vec<f64> {
        let zig = Ziggurat::shared();
        let mut rng = <Xoshiro256PlusPlus as rand::SeedableRng>::seed_from_u64(0x0b0c_4e75_0a7e);
        let mut out = Vec::with_capacity(PILOT_SCENARIOS * self.units.len());
        for _ in 0..PILOT_SCENARIOS {
            for &u in &self.units {
                out.push(self.draw(u, zig, &mut rng));
            }
        }
        out
    }
}

/// Scenarios of the pilot that places [`BucketSort`]'s buckets.
const PILOT_SCENARIOS: usize = 16;

/// Units ranked with their index in the low bits of one sort key (at most this many; the
/// bucket counts of [`BucketSort`] fit in a byte).
pub(crate) const PACKED_UNITS: usize = 255;

/// A sort key that orders scores from the highest down, the unit's index in its low 8 bits
/// (scores closer than 2⁻⁴⁴ of their size, which a continuous model draws with
/// probability ~0, tie by index).
#[inline]
pub(crate) fn packed_key(y: f64, j: usize) -> u64 {
    let b = y.to_bits();
    let ascending = if b >> 63 == 1 { !b } else { b | (1 << 63) };
    (!ascending & !0xFF) | (j as u64 & 0xFF)
}

/// Fine cells of a key's position, each mapped to a bucket.
const CELLS: usize = 2048;

/// An exact sort of the packed keys of one scenario (at most [`PACKED_UNITS`]), fast when
/// scores fall where a pilot put them: each key goes to the bucket of its score (buckets in
/// descending order of score, about four per unit, each about equally likely to be hit), a
/// counting sort places the buckets, and an insertion sort orders the few keys that share
/// one. The buckets only speed the sort: its result is the keys in order, whatever they are.
#[derive(Clone)]
pub(crate) struct BucketSort {
    grid: Grid,
    /// Buckets in use (a power of two, 16..=256).
    in_use: usize,
    /// Keys and buckets of the scenario being sorted, one per unit.
    keys: Vec<u64>,
    buckets: Vec<u8>,
    /// Keys per bucket of the scenario, then each bucket's next position (arrays that a
    /// byte indexes, so no bound is checked).
    counts: [u8; 256],
    /// The keys in order (the first `units`).
    sorted: Box<[u64; 256]>,
    units: usize,
}

/// Where a key falls: its fine cell (the key's offset from the grid's top, in steps of a
/// power of two: monotone in the key, a few integer operations), and the cell's bucket.
#[derive(Clone)]
struct Grid {
    /// The key at the top of cell 0, and log2 of a cell's width in key units.
    top: u64,
    shift: u32,
    /// Bucket of each cell (non-decreasing).
    cells: Box<[u8; CELLS]>,
}

impl Grid {
    /// The bucket of key `k` (keys before the top go to cell 0, after the end to the last).
    #[inline]
    fn bucket(&self, k: u64) -> u8 {
        let cell = (k.saturating_sub(self.top) >> self.shift).min(CELLS as u64 - 1) as usize;
        self.cells.get(cell).copied().unwrap_or(0)
    }
}

impl BucketSort {
    /// Buckets for `units` keys per scenario from a pilot sample of their scores (any order;
    /// only speed depends on it).
    pub(crate) fn new(units: usize, pilot: &[f64]) -> BucketSort {
        let buckets = (4 * units).next_power_of_two().clamp(16, 256);
        let finite = || pilot.iter().copied().filter(|v| v.is_finite());
        let high = finite().fold(f64::NEG_INFINITY, f64::max);
        let low = finite().fold(f64::INFINITY, f64::min);
        // The keys of the pilot's range and a margin; cells as fine as fit in CELLS.
        let (top, shift) = if high > low {
            let margin = 0.05 * (high - low);
            let top = packed_key(high + margin, 0);
            let range = packed_key(low - margin, 0xFF).saturating_sub(top);
            (top, (0..64).find(|&s| range >> s < CELLS as u64).unwrap_or(63))
        } else {
            (0, 63)
        };
        let mut keys: Vec<u64> = pilot.iter().map(|&p| packed_key(p, 0)).collect();
        keys.sort_unstable();
        let len = keys.len().max(1);
        let mut cells = Box::new([0u8; CELLS]);
        for (c, slot) in (0u64..).zip(cells.iter_mut()) {
            // The pilot's keys before the cell's middle.
            let middle = top.saturating_add(c << shift).saturating_add((1u64 << shift) / 2);
            let above = keys.partition_point(|&k| k < middle);
            *slot = u8::try_from((above * buckets / len).min(buckets - 1)).unwrap_or(u8::MAX);
        }
        let units = units.min(PACKED_UNITS);
        BucketSort {
            grid: Grid { top, shift, cells },
            in_use: buckets,
            keys: vec![0; units],
            buckets: vec![0; units],
            counts: [0; 256],
            sorted: Box::new([0; 256]),
            units,
        }
    }

    /// The counts per bucket from the units' buckets.
    fn recount(&mut self) {
        self.counts = [0; 256];
        for &b in &self.buckets {
            if let Some(c) = self.counts.get_mut(usize::from(b)) {
                *c = c.wrapping_add(1);
            }
        }
    }

    /// Sets unit `j`'s score (and its key) for the scenario being sorted.
    #[inline]
    pub(crate) fn set(&mut self, j: usize, y: f64) {
        let key = packed_key(y, j);
        let bucket = self.grid.bucket(key);
        if let (Some(k), Some(b)) = (self.keys.get_mut(j), self.buckets.get_mut(j)) {
            *k = key;
            *b = bucket;
        }
    }

    /// The keys of the scenario in order (highest score first), after [`BucketSort::set`].
    #[cfg(test)]
    pub(crate) fn sort(&mut self) -> &[u64] {
        self.recount();
        self.sort_counted()
    }

    /// [`BucketSort::sort`] when the counts per bucket are already made (by
    /// [`NextScores::scenario`]).
    pub(crate) fn sort_counted(&mut self) -> &[u64] {
        if let Some(counts) = self.counts.get_mut(..self.in_use) {
            starts(counts);
        }
        for (&k, &b) in self.keys.iter().zip(&self.buckets) {
            if let Some(c) = self.counts.get_mut(usize::from(b)) {
                if let Some(s) = self.sorted.get_mut(usize::from(*c)) {
                    *s = k;
                }
                *c = c.wrapping_add(1);
            }
        }
        let sorted = self.sorted.get_mut(..self.units).unwrap_or_default();
        // Keys sharing a bucket sit side by side in unit order: two branch-free passes of
        // odd-even transposition put nearly every such run in order (the second also tells
        // whether all is), and the insertion sort (one well-predicted test per key)
        // finishes whatever they leave.
        transpose_pairs(sorted);
        if !transpose_pairs_after_first(sorted) {
            insertion_sort(sorted);
        }
        sorted
    }
}

/// Counts per bucket to each bucket's first position, eight buckets per 64-bit word: the
/// product by 0x0101…01 sums every byte with those below it (no carry: the total of all
/// counts, at most [`PACKED_UNITS`] = 255, fits in a byte).
fn starts(counts: &mut [u8]) {
    let mut before = 0u64;
    for word in counts.chunks_exact_mut(8) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let x = u64::from_le_bytes(bytes);
        let inclusive = x.wrapping_mul(0x0101_0101_0101_0101);
        let exclusive = (inclusive << 8).wrapping_add(before.wrapping_mul(0x0101_0101_0101_0101));
        word.copy_from_slice(&exclusive.to_le_bytes());
        before = before.wrapping_add(inclusive >> 56);
    }
}

impl BucketSort {
    /// The unit whose key is `t`-th in order (0-based: `t` = 0 is the highest score), by
    /// counting the buckets and ordering only the keys in the bucket that holds it.
    pub(crate) fn nth(&mut self, t: usize) -> Option<usize> {
        self.recount();
        let mut before = 0usize;
        let mut holding = None;
        for (b, &c) in self.counts.iter().enumerate() {
            if before + usize::from(c) > t {
                holding = Some(b);
                break;
            }
            before += usize::from(c);
        }
        let holding = holding?;
        let mut m = 0;
        for (&k, &b) in self.keys.iter().zip(&self.buckets) {
            if usize::from(b) == holding {
                if let Some(s) = self.sorted.get_mut(m) {
                    *s = k;
                }
                m += 1;
            }
        }
        let picked = self.sorted.get_mut(..m)?;
        insertion_sort(picked);
        picked.get(t - before).map(|&k| (k & 0xFF) as usize)
    }
}

/// One pass of odd-even transposition: each pair (0, 1), (2, 3), … put in order, without a
/// branch.
fn transpose_pairs(keys: &mut [u64]) {
    for pair in keys.chunks_exact_mut(2) {
        if let [a, b] = pair {
            let (x, y) = (*a, *b);
            *a = x.min(y);
            *b = x.max(y);
        }
    }
}

/// The second pass of odd-even transposition, pairs (1, 2), (3, 4), …, without a branch;
/// true when the keys are then all in order (each pair's lower key checked against the key
/// before it).
fn transpose_pairs_after_first(keys: &mut [u64]) -> bool {
    let Some((&mut first, rest)) = keys.split_first_mut() else { return true };
    let mut before = first;
    let mut in_order = true;
    let mut pairs = rest.chunks_exact_mut(2);
    for pair in &mut pairs {
        if let [a, b] = pair {
            let (x, y) = (*a, *b);
            *a = x.min(y);
            *b = x.max(y);
            in_order &= before <= *a;
            before = *b;
        }
    }
    if let [last] = pairs.into_remainder() {
        in_order &= before <= *last;
    }
    in_order
}

/// Insertion sort: linear on keys that are nearly in order, with one well-predicted test
/// per key in order.
fn insertion_sort(keys: &mut [u64]) {
    for i in 1..keys.len() {
        if let (Some(&prev), Some(&k)) = (keys.get(i - 1), keys.get(i)) {
            if prev > k {
                sink(keys, i, k);
            }
        }
    }
}

/// Moves key `k`, at position `i`, down past the larger keys before it.
fn sink(keys: &mut [u64], i: usize, k: u64) {
    let mut p = i;
    while let Some(&prev) = keys.get(p.wrapping_sub(1)) {
        if prev <= k {
            break;
        }
        if let Some(slot) = keys.get_mut(p) {
            *slot = prev;
        }
        p -= 1;
    }
    if let Some(slot) = keys.get_mut(p) {
        *slot = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn tables_match_the_published_ones() {
        // Values of the published 256-layer tables (Marsaglia & Tsang; as in rand_distr).
        let z = Ziggurat::new();
        let want = [(0, 3.910_757_959_537_09), (1, 3.654_152_885_361_009), (2, 3.449_278_298_560_964_5)];
        for (i, v) in want {
            assert!((z.x[i] - v).abs() < 1e-14, "x[{i}] = {}", z.x[i]);
        }
        assert!((z.x[255] - 0.215_241_895_913_273_8).abs() < 1e-12, "x[255] = {}", z.x[255]);
        assert!((z.f[0] - 0.000_477_467_764_586_655).abs() < 1e-16);
        assert_eq!(z.x[256], 0.0);
        assert_eq!(z.f[256], 1.0);
    }

    #[test]
    fn normal_draws_have_the_normal_distribution() {
        let z = Ziggurat::shared();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
        let n = 2_000_000;
        let full: Vec<f64> = (0..n).map(|_| z.normal(&mut rng)).collect();
        // The first try from a word's low 32 bits (its high 32 bits left for a start).
        let low: Vec<f64> = (0..n)
            .map(|_| {
                let w = rng.next_u64();
                z.normal_low(w, &mut rng)
            })
            .collect();
        for draws in [full, low] {
            is_standard_normal(&draws);
        }
    }

    fn is_standard_normal(draws: &[f64]) {
        let n = draws.len();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let var = draws.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
        let kurt = draws.iter().map(|x| (x - mean).powi(4)).sum::<f64>() / n as f64 / (var * var);
        // Standard errors: mean 0.0007, variance 0.001, kurtosis 0.0035.
        assert!(mean.abs() < 0.004, "mean {mean}");
        assert!((var - 1.0).abs() < 0.005, "variance {var}");
        assert!((kurt - 3.0).abs() < 0.02, "kurtosis {kurt}");
        // The cdf at several points, tails (the ziggurat's tail and wedges) included.
        for (x, p) in [
            (-3.0, 0.001_349_898),
            (-1.96, 0.024_997_895),
            (-0.5, 0.308_537_539),
            (0.0, 0.5),
            (1.0, 0.841_344_746),
            (2.5, 0.993_790_335),
            (3.7, 0.999_892_200),
        ] {
            let share = draws.iter().filter(|&&d| d <= x).count() as f64 / n as f64;
            let se = (p * (1.0 - p) / n as f64).sqrt();
            assert!((share - p).abs() < 5.0 * se + 1e-6, "P(Z ≤ {x}) = {share}, want {p}");
        }
        assert!(draws.iter().any(|&d| d > R) && draws.iter().any(|&d| d < -R), "the tail is drawn");
    }

    #[test]
    fn a_scenario_draws_what_unit_draws_do() {
        // Published starts (span 0) and ranges, with and without a tail: the fused scenario
        // must take the same words and give the same bits as `draw` unit by unit.
        let units: Vec<(f64, f64)> =
            (0..63).map(|j| (70.0 + 0.37 * j as f64, if j % 3 == 0 { 0.0 } else { 4.5 })).collect();
        for (tail_from, s1) in [(u64::MAX, 1.3), (3_000_000_000, 3.9), (0, 2.0)] {
            let worded = units.iter().map(|&(_, span)| span != 0.0).collect();
            let draws = NextScores { units: units.clone(), s0: 1.3, s1, tail_from, worded };
            let zig = Ziggurat::shared();
            let mut sorter = BucketSort::new(units.len(), &draws.pilot());
            let (mut a, mut b) = (Xoshiro256PlusPlus::seed_from_u64(5), Xoshiro256PlusPlus::seed_from_u64(5));
            for _ in 0..500 {
                draws.scenario(zig, &mut a, &mut sorter);
                let got = sorter.sort_counted().to_vec();
                let mut want: Vec<u64> =
                    draws.units.iter().enumerate().map(|(j, &u)| packed_key(draws.draw(u, zig, &mut b), j)).collect();
                want.sort_unstable();
                assert_eq!(got, want);
            }
            assert_eq!(a, b, "the same words drawn");
        }
    }

    #[test]
    fn bucket_sort_sorts_any_scores() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        // A pilot that does not look like the scores: the sort must still be exact.
        for (units, pilot_scale) in [(63usize, 1.0), (63, 0.01), (34, 50.0), (1, 1.0), (255, 1.0)] {
            let pilot: Vec<f64> = (0..units * 8).map(|k| 80.0 + pilot_scale * (k % 17) as f64).collect();
            let mut sorter = BucketSort::new(units, &pilot);
            for round in 0..200 {
                let ys: Vec<f64> = (0..units)
                    .map(|j| match (round + j) % 29 {
                        0 => f64::NAN,
                        1 => 1e6,
                        2 => -1e6,
                        3 => 85.0,
                        _ => 70.0 + 30.0 * unit(&mut rng),
                    })
                    .collect();
                let mut want: Vec<u64> = ys.iter().enumerate().map(|(j, &y)| packed_key(y, j)).collect();
                want.sort_unstable();
                for t in [0, units / 3, units - 1, units] {
                    for (j, &y) in ys.iter().enumerate() {
                        sorter.set(j, y);
                    }
                    assert_eq!(sorter.nth(t), want.get(t).map(|&k| (k & 0xFF) as usize), "t = {t}");
                }
                for (j, &y) in ys.iter().enumerate() {
                    sorter.set(j, y);
                }
                assert_eq!(sorter.sort(), want);
                // A unit set twice still sorts exactly.
                sorter.set(0, ys.first().copied().unwrap_or(0.0));
                assert_eq!(sorter.sort(), want);
            }
            // Every unit in one bucket (its count is the most a byte holds).
            for j in 0..units {
                sorter.set(j, 85.0);
            }
            let want: Vec<u64> = (0..units).map(|j| packed_key(85.0, j)).collect();
            assert_eq!(sorter.sort(), want);
        }
    }
}
