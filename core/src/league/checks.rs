//! Contradictions in a league table, reported as problems.

use super::rank::TiePolicy;
use super::{Entry, LeagueTable};
use crate::decimal::round_publish;
use crate::problem::{Problem, ProblemKind};

impl LeagueTable {
    pub(super) fn find_problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let both: Vec<&Entry> = self.entries.iter().filter(|e| e.rank.is_some() && e.score.is_some()).collect();
        let (pairs, more) = contradicting_pairs(&both, self.policy);
        for (i, j, kind) in pairs {
            let (Some(a), Some(b)) = (both.get(i), both.get(j)) else { continue };
            let (Some(ra), Some(rb), Some(sa), Some(sb)) = (a.rank, b.rank, a.score, b.score) else { continue };
            let (hi, lo) = if ra <= rb { (a, b) } else { (b, a) };
            let (r_hi, r_lo) = (ra.min(rb), ra.max(rb));
            let (s_hi, s_lo) = if ra <= rb { (sa, sb) } else { (sb, sa) };
            let message = match kind {
                ProblemKind::SharedRankDifferentScores => format!(
                    "{} ({s_hi}) and {} ({s_lo}) share rank {r_hi} with different scores",
                    hi.province, lo.province
                ),
                ProblemKind::RankOrder => format!(
                    "{} is ranked #{r_hi} with {s_hi} but {} is ranked lower, #{r_lo}, with a higher {s_lo}",
                    hi.province, lo.province
                ),
                _ => format!(
                    "{} (#{r_hi}) and {} (#{r_lo}) have the same published score {}: the ranking used unrounded values (consider the `unrounded` tie policy)",
                    hi.province, lo.province, round_publish(s_hi)
                ),
            };
            out.push(self.problem(kind, message, &[hi, lo]));
        }
        if more {
            out.push(Problem {
                kind: ProblemKind::RankOrder,
                message: format!(
                    "more than {MAX_PAIR_PROBLEMS} pairs of ranks and scores contradict each other: only the first {MAX_PAIR_PROBLEMS} are listed"
                ),
                codes: Vec::new(),
                provinces: Vec::new(),
                rows: Vec::new(),
                file: self.label.clone(),
            });
        }
        for issue in &self.slots.problems {
            if let Some(e) = self.entries.get(issue.entry) {
                out.push(self.problem(issue.kind, format!("{}: {}", e.province, issue.message), &[e]));
            }
        }
        for e in &self.entries {
            if let Some(note) = e.note.as_deref().filter(|n| n.contains("CONFLICT")) {
                out.push(self.problem(
                    ProblemKind::SourceConflict,
                    format!("{}: sources disagree: {note}", e.province),
                    &[e],
                ));
            }
        }
        out
    }

    fn problem(&self, kind: ProblemKind, message: String, entries: &[&Entry]) -> Problem {
        Problem {
            kind,
            message,
            codes: Vec::new(),
            provinces: entries.iter().map(|e| e.province.clone()).collect(),
            rows: entries.iter().filter_map(|e| e.row).collect(),
            file: self.label.clone(),
        }
    }
}

/// Most pairs of entries listed as contradictions (a table in reverse order would give
/// every pair); beyond it one problem says that more exist.
pub(crate) const MAX_PAIR_PROBLEMS: usize = 10_000;

/// The pairs `(i, j)` (`i < j`, positions in `both`, every entry with a rank and a score)
/// whose ranks and scores contradict, with the kind of contradiction, in the order of
/// `i` then `j`; and whether more than [`MAX_PAIR_PROBLEMS`] exist. Pairs are enumerated
/// from entries sorted by rank and by published score, so the cost follows the number of
/// contradictions, not the square of the table's size:
/// - the same rank, different published scores (`SharedRankDifferentScores`);
/// - a better rank with a lower score (`RankOrder`);
/// - different ranks, the same published score, the better-ranked not lower (unless the
///   tie policy is `unrounded`: `EqualScoresDifferentRanks`).
fn contradicting_pairs(both: &[&Entry], policy: TiePolicy) -> (Vec<(usize, usize, ProblemKind)>, bool) {
    let mut pairs: Vec<(usize, usize, ProblemKind)> = Vec::new();
    // (rank, score, published score) of each entry, computed once.
    let keys: Vec<(u32, rust_decimal::Decimal, rust_decimal::Decimal)> = both
        .iter()
        .map(|e| {
            let score = e.score.unwrap_or_default();
            (e.rank.unwrap_or(0), score, round_publish(score))
        })
        .collect();
    let key = |i: usize| keys.get(i).map(|&(r, s, _)| (r, s));
    let mut push = |a: usize, b: usize, kind| {
        if pairs.len() >= MAX_PAIR_PROBLEMS {
            return false;
        }
        pairs.push((a.min(b), a.max(b), kind));
        true
    };
    let rank_of = |i: usize| key(i).map(|k| k.0);
    let published_of = |i: usize| keys.get(i).map(|k| k.2);
    let mut by_rank: Vec<usize> = (0..both.len()).collect();
    by_rank.sort_by_key(|&i| (rank_of(i), published_of(i)));
    let mut full = false;
    // Same rank, different published scores: across the published-score subgroups of each
    // rank group (every such pair is one).
    'shared: for group in by_rank.chunk_by(|&a, &b| rank_of(a) == rank_of(b)) {
        let subgroups: Vec<&[usize]> = group.chunk_by(|&a, &b| published_of(a) == published_of(b)).collect();
        for (x, first) in subgroups.iter().enumerate() {
            for second in subgroups.iter().skip(x + 1) {
                for (&a, &b) in first.iter().flat_map(|a| second.iter().map(move |b| (a, b))) {
                    if !push(a, b, ProblemKind::SharedRankDifferentScores) {
                        full = true;
                        break 'shared;
                    }
                }
            }
        }
    }
    // A better rank with a lower score: for each entry, the better-ranked entries (earlier
    // rank groups) that score less, from an ordered index of their scores.
    let mut scores: std::collections::BTreeMap<rust_decimal::Decimal, Vec<usize>> = std::collections::BTreeMap::new();
    'order: for group in by_rank.chunk_by(|&a, &b| key(a).map(|k| k.0) == key(b).map(|k| k.0)) {
        if !full {
            for &lo in group {
                let Some((_, s_lo)) = key(lo) else { continue };
                for &hi in scores.range(..s_lo).flat_map(|(_, v)| v) {
                    if !push(hi, lo, ProblemKind::RankOrder) {
                        full = true;
                        break 'order;
                    }
                }
            }
        }
        for &i in group {
            if let Some((_, s)) = key(i) {
                scores.entry(s).or_default().push(i);
            }
        }
    }
    // The same published score at different ranks (the better-ranked not lower: a lower
    // one is a rank-order contradiction already): within each group of one published score.
    if !full && policy != TiePolicy::Unrounded {
        let mut by_score: Vec<usize> = (0..both.len()).collect();
        by_score.sort_by_key(|&i| (published_of(i), rank_of(i)));
        // Across the rank subgroups of each published-score group: every pair is either
        // this contradiction or a rank-order one already listed.
        'equal: for group in by_score.chunk_by(|&a, &b| published_of(a) == published_of(b)) {
            let subgroups: Vec<&[usize]> = group.chunk_by(|&a, &b| rank_of(a) == rank_of(b)).collect();
            for (x, first) in subgroups.iter().enumerate() {
                for second in subgroups.iter().skip(x + 1) {
                    for (&a, &b) in first.iter().flat_map(|a| second.iter().map(move |b| (a, b))) {
                        let (Some((ra, sa)), Some((rb, sb))) = (key(a), key(b)) else { continue };
                        let better_not_lower = if ra < rb { sa >= sb } else { sb >= sa };
                        if better_not_lower && !push(a, b, ProblemKind::EqualScoresDifferentRanks) {
                            full = true;
                            break 'equal;
                        }
                    }
                }
            }
        }
    }
    pairs.sort_by_key(|&(a, b, _)| (a, b));
    (pairs, full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// Every pair compared: the definition the fast enumeration must match.
    fn all_pairs(both: &[&Entry], policy: TiePolicy) -> Vec<(usize, usize, ProblemKind)> {
        let mut out = Vec::new();
        for i in 0..both.len() {
            for j in i + 1..both.len() {
                let (a, b) = (both[i], both[j]);
                let (ra, rb, sa, sb) = (a.rank.unwrap(), b.rank.unwrap(), a.score.unwrap(), b.score.unwrap());
                let (s_hi, s_lo) = if ra <= rb { (sa, sb) } else { (sb, sa) };
                if ra == rb {
                    if round_publish(s_hi) != round_publish(s_lo) {
                        out.push((i, j, ProblemKind::SharedRankDifferentScores));
                    }
                } else if s_hi < s_lo {
                    out.push((i, j, ProblemKind::RankOrder));
                } else if round_publish(s_hi) == round_publish(s_lo) && policy != TiePolicy::Unrounded {
                    out.push((i, j, ProblemKind::EqualScoresDifferentRanks));
                }
            }
        }
        out
    }

    proptest! {
        #[test]
        fn contradictions_are_every_contradicting_pair(
            cells in proptest::collection::vec((1u32..6, 0i64..40), 0..24),
            unrounded in any::<bool>(),
        ) {
            let entries: Vec<Entry> = cells
                .iter()
                .enumerate()
                .map(|(i, &(rank, s))| Entry {
                    province: format!("u{i}"),
                    // Three decimals, so that different scores can share a published value.
                    score: Some(Decimal::new(80_000 + s * 3, 3)),
                    rank: Some(rank),
                    rank_basis: None,
                    source: None,
                    note: None,
                    row: None,
                })
                .collect();
            let both: Vec<&Entry> = entries.iter().collect();
            let policy = if unrounded { TiePolicy::Unrounded } else { TiePolicy::default() };
            let (pairs, more) = contradicting_pairs(&both, policy);
            prop_assert!(!more);
            prop_assert_eq!(pairs, all_pairs(&both, policy));
        }
    }
}
