//! The slot model of a partial league table: ranks 1..=N as slots, some holding a known
//! score, the others bounded by their nearest known neighbours.
//!
//! Bounds are inclusive and valid under every tie policy: #30 with #29 = 87.32 and
//! #32 = 87.04 lies in [87.04, 87.32]. A province with a score and no rank constrains the
//! free slots it could occupy (every slot above it scores at least as much, every slot
//! below at most as much). The point estimate interpolates linearly on rank between the
//! nearest known scores, rounded to 2 decimals and clamped to the bounds; it is labelled
//! as an estimate wherever it is reported.

use super::rank::{Ranking, TiePolicy};
use crate::decimal::round_publish;
use crate::error::{Error, Result};
use crate::problem::ProblemKind;
use rust_decimal::Decimal;

/// A competitor as the slot model sees it.
#[derive(Debug, Clone)]
pub(crate) struct Competitor {
    pub rank: Option<u32>,
    pub score: Option<Decimal>,
    /// Index of the entry in the table.
    pub entry: usize,
}

/// One rank position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slot {
    /// The entry at this rank, when known.
    pub holder: Option<usize>,
    /// The score at this rank, when known.
    pub value: Option<Decimal>,
    pub lo: Decimal,
    pub hi: Decimal,
    pub est: Decimal,
}

#[derive(Debug, Clone)]
pub(crate) struct Slots {
    pub slots: Vec<Slot>,
    /// Entries with a score but no determined slot (score only, or displaced).
    pub floating: Vec<(usize, Decimal)>,
    pub problems: Vec<SlotIssue>,
    /// (last slot at or above, first slot at or below, score): slots up to the first
    /// index score at least the score, slots from the second at most.
    constraints: Vec<(Option<usize>, Option<usize>, Decimal)>,
    /// Every known score, highest first: the k-th highest bounds the k-th slot from below,
    /// the k-th lowest the k-th slot from the bottom from above.
    known: Vec<Decimal>,
    floor: Decimal,
    ceiling: Decimal,
}

impl Slots {
    /// Build the slot model of `n` ranks on the scale `floor..=ceiling` (0–100 for percent).
    /// Problems (rank collisions, a score with no free rank) are collected, not raised.
    pub fn build(competitors: &[Competitor], n: usize, floor: Decimal, ceiling: Decimal) -> Slots {
        let mut slots = vec![Slot { holder: None, value: None, lo: floor, hi: ceiling, est: floor }; n];
        let mut problems = Vec::new();
        let mut floating: Vec<(usize, Decimal)> = Vec::new();

        // 1. Ranked competitors take their rank; a tie at rank r fills r, r+1, ….
        let mut ranked: Vec<&Competitor> = competitors.iter().filter(|c| c.rank.is_some()).collect();
        ranked.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| b.score.cmp(&a.score)));
        let mut group_start: Option<(u32, usize)> = None;
        for c in ranked {
            let rank = c.rank.unwrap_or(0);
            let offset = match group_start {
                Some((r, count)) if r == rank => count,
                _ => 0,
            };
            group_start = Some((rank, offset + 1));
            let pos = (rank as usize).saturating_sub(1) + offset;
            match slots.get_mut(pos) {
                Some(slot) if slot.holder.is_none() => {
                    slot.holder = Some(c.entry);
                    slot.value = c.score;
                }
                _ => {
                    problems.push(SlotIssue {
                        entry: c.entry,
                        kind: ProblemKind::RankCollision,
                        message: format!("rank {rank} is already taken (a tie at a rank fills the ranks below it)"),
                    });
                    if let Some(s) = c.score {
                        floating.push((c.entry, s));
                    }
                }
            }
        }
        floating.extend(competitors.iter().filter(|c| c.rank.is_none()).filter_map(|c| c.score.map(|s| (c.entry, s))));
        floating.sort_by_key(|f| std::cmp::Reverse(f.1));

        let mut known: Vec<Decimal> = competitors.iter().filter_map(|c| c.score).collect();
        known.sort_by(|a, b| b.cmp(a));
        let mut model = Slots { slots, floating: Vec::new(), problems, constraints: Vec::new(), known, floor, ceiling };

        // 2. Scores without a rank: bound the free slots they could take.
        model.bound(floor, ceiling);
        for (entry, v) in floating {
            match model.free_range(v) {
                Some((a, b)) if a == b => {
                    if let Some(slot) = model.slots.get_mut(a) {
                        slot.holder = Some(entry);
                        slot.value = Some(v);
                    }
                    model.bound(floor, ceiling);
                }
                Some((a, b)) => {
                    model.constraints.push((Some(a), Some(b), v));
                    model.apply_constraint(Some(a), Some(b), v);
                    model.floating.push((entry, v));
                }
                None => {
                    model.problems.push(SlotIssue {
                        entry,
                        kind: ProblemKind::NoFreeRank,
                        message: format!("a score of {v} with no rank fits no free rank between the known ranks"),
                    });
                    model.floating.push((entry, v));
                }
            }
        }
        model.bound(floor, ceiling);
        model.estimate();
        model
    }

    /// The first and last free slots whose bounds admit the score `v`.
    pub fn free_range(&self, v: Decimal) -> Option<(usize, usize)> {
        let fits = |s: &&Slot| s.holder.is_none() && s.lo <= v && v <= s.hi;
        let first = self.slots.iter().position(|s| fits(&s))?;
        let last = self.slots.iter().rposition(|s| fits(&s))?;
        Some((first, last))
    }

    /// Bounds from the known values, then from the floating scores' constraints.
    fn bound(&mut self, floor: Decimal, ceiling: Decimal) {
        self.bound_from_values(floor, ceiling);
        for (a, b, v) in self.constraints.clone() {
            self.apply_constraint(a, b, v);
        }
    }

    fn apply_constraint(&mut self, a: Option<usize>, b: Option<usize>, v: Decimal) {
        for (k, slot) in self.slots.iter_mut().enumerate() {
            if slot.value.is_none() {
                if a.is_some_and(|a| k <= a) {
                    slot.lo = slot.lo.max(v).min(slot.hi);
                }
                if b.is_some_and(|b| k >= b) {
                    slot.hi = slot.hi.min(v).max(slot.lo);
                }
            }
        }
    }

    /// Add what a removed province's score says of the others: the `above` slots before
    /// index `split` score at least `v`, the rest at most `v`.
    pub fn constrain_around(&mut self, above_end: usize, below_start: usize, v: Decimal) {
        self.constraints.push((above_end.checked_sub(1), Some(below_start), v));
        let (floor, ceiling) = (self.floor, self.ceiling);
        self.bound(floor, ceiling);
        self.estimate();
    }

    /// Bounds from the known values: each free slot lies between the lowest known value
    /// above it and the highest known value below it.
    fn bound_from_values(&mut self, floor: Decimal, ceiling: Decimal) {
        let mut running = ceiling;
        let his: Vec<Decimal> = self
            .slots
            .iter()
            .map(|s| {
                if let Some(v) = s.value {
                    running = running.min(v);
                }
                running
            })
            .collect();
        let mut running = floor;
        let mut los: Vec<Decimal> = self
            .slots
            .iter()
            .rev()
            .map(|s| {
                if let Some(v) = s.value {
                    running = running.max(v);
                }
                running
            })
            .collect();
        los.reverse();
        let (n, m) = (self.slots.len(), self.known.len());
        for (i, ((slot, hi), lo)) in self.slots.iter_mut().zip(his).zip(los).enumerate() {
            match slot.value {
                Some(v) => {
                    slot.lo = v;
                    slot.hi = v;
                }
                None => {
                    // Inverted neighbours (a reported rank-order problem) would give lo > hi:
                    // the slot then spans both.
                    slot.lo = lo.min(hi);
                    slot.hi = hi.max(lo);
                    // Order statistics (competition rule: scores fall as ranks grow): the slot
                    // at index i scores at least the (i+1)-th highest known score and at most
                    // the (n−i)-th lowest, ranked or not. Ignored where the data contradict.
                    let at_least = self.known.get(i).copied().unwrap_or(floor);
                    let below = n - 1 - i;
                    let at_most = m.checked_sub(below + 1).and_then(|j| self.known.get(j)).copied().unwrap_or(ceiling);
                    let (l, h) = (slot.lo.max(at_least), slot.hi.min(at_most));
                    if l <= h {
                        slot.lo = l;
                        slot.hi = h;
                    }
                }
            }
        }
    }

    /// Linear interpolation on rank between the nearest known values, rounded to 2
    /// decimals and clamped into the bounds; flat beyond the outermost known values.
    fn estimate(&mut self) {
        let known: Vec<(usize, Decimal)> =
            self.slots.iter().enumerate().filter_map(|(k, s)| s.value.map(|v| (k, v))).collect();
        for (k, slot) in self.slots.iter_mut().enumerate() {
            if let Some(v) = slot.value {
                slot.est = v;
                continue;
            }
            let above = known.iter().rev().find(|(j, _)| *j < k);
            let below = known.iter().find(|(j, _)| *j > k);
            let raw = match (above, below) {
                (Some(&(j1, v1)), Some(&(j2, v2))) => {
                    let t = Decimal::from(k - j1) / Decimal::from(j2 - j1);
                    v1 + (v2 - v1) * t
                }
                (Some(&(_, v)), None) | (None, Some(&(_, v))) => v,
                (None, None) => (slot.lo + slot.hi) / Decimal::TWO,
            };
            slot.est = round_publish(raw).clamp(slot.lo, slot.hi.max(slot.lo));
        }
    }

    /// How many slots score above `x` under `rule` (the candidate and the slots compared
    /// at the rule's decimals): (certainly, possibly, by the estimate). Unrounded policy: an
    /// equal compared value possibly ranks above.
    pub fn count_above(&self, x: Decimal, rule: &Ranking) -> Result<(u32, u32, u32)> {
        let k = rule.key(x);
        let count = |f: &dyn Fn(&Slot) -> bool| -> u32 {
            u32::try_from(self.slots.iter().filter(|s| f(s)).count()).unwrap_or(u32::MAX)
        };
        match rule.policy {
            TiePolicy::Competition => {
                Ok((count(&|s| rule.key(s.lo) > k), count(&|s| rule.key(s.hi) > k), count(&|s| rule.key(s.est) > k)))
            }
            TiePolicy::Unrounded => {
                Ok((count(&|s| rule.key(s.lo) > k), count(&|s| rule.key(s.hi) >= k), count(&|s| rule.key(s.est) > k)))
            }
            TiePolicy::Dense => {
                let c = u32::try_from(self.distinct_keys(rule)?.iter().filter(|v| **v > k).count()).unwrap_or(u32::MAX);
                Ok((c, c, c))
            }
        }
    }

    /// The least compared value (a multiple of the rule's unit, at least 0) that ranks
    /// ≤ `target` among these slots: (if the unknowns are as weak as the data allow, if
    /// as strong, by the estimate). The inverse of [`Slots::count_above`]: the `target`-th
    /// largest bound (plus one unit under the unrounded policy, where a tie may fall
    /// below), whatever the order of the bounds (a table with a reported inversion).
    pub fn score_needed(&self, target: u32, rule: &Ranking) -> Result<(Decimal, Decimal, Decimal)> {
        let Some(i) = (target as usize).checked_sub(1) else {
            return Err(Error::invalid_argument("target_rank", "must be at least 1"));
        };
        let nth = |f: &dyn Fn(&Slot) -> Decimal| -> Option<Decimal> {
            let mut keys: Vec<Decimal> = self.slots.iter().map(|s| rule.key(f(s))).collect();
            keys.sort_by(|a, b| b.cmp(a));
            keys.get(i).copied()
        };
        let zero = rule.key(Decimal::ZERO);
        match rule.policy {
            TiePolicy::Competition | TiePolicy::Unrounded => {
                let extra = if rule.policy == TiePolicy::Unrounded { rule.unit() } else { Decimal::ZERO };
                let low = nth(&|s| s.lo).unwrap_or(zero);
                let high = nth(&|s| s.hi).map_or(zero, |h| h + extra);
                let est = nth(&|s| s.est).unwrap_or(zero);
                Ok((low, high, est))
            }
            TiePolicy::Dense => {
                let v = self.distinct_keys(rule)?.get(i).copied().unwrap_or(zero);
                Ok((v, v, v))
            }
        }
    }

    /// The distinct compared values, highest first (dense ranking needs every score).
    fn distinct_keys(&self, rule: &Ranking) -> Result<Vec<Decimal>> {
        let mut values: Vec<Decimal> = self.complete_values()?.into_iter().map(|v| rule.key(v)).collect();
        values.sort_by(|a, b| b.cmp(a));
        values.dedup();
        Ok(values)
    }

    fn complete_values(&self) -> Result<Vec<Decimal>> {
        let unknown = self.slots.iter().filter(|s| s.value.is_none()).count();
        if unknown > 0 {
            return Err(Error::Unsupported {
                message: format!(
                    "dense ranking needs every score; {unknown} of {} are unknown (use the competition or unrounded policy)",
                    self.slots.len()
                ),
            });
        }
        Ok(self.slots.iter().filter_map(|s| s.value).collect())
    }
}

/// A problem found while building slots, tied to an entry; the table adds names and rows.
#[derive(Debug, Clone)]
pub(crate) struct SlotIssue {
    pub entry: usize,
    pub kind: ProblemKind,
    pub message: String,
}
