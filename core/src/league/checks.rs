//! Contradictions in a league table, reported as problems.

use super::rank::TiePolicy;
use super::{Entry, LeagueTable};
use crate::problem::{Problem, ProblemKind};

impl LeagueTable {
    pub(super) fn find_problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let both: Vec<&Entry> = self.entries.iter().filter(|e| e.rank.is_some() && e.score.is_some()).collect();
        for (i, a) in both.iter().enumerate() {
            for b in both.iter().skip(i + 1) {
                let (Some(ra), Some(rb), Some(sa), Some(sb)) = (a.rank, b.rank, a.score, b.score) else { continue };
                let (hi, lo) = if ra <= rb { (a, b) } else { (b, a) };
                let (r_hi, r_lo) = (ra.min(rb), ra.max(rb));
                let (s_hi, s_lo) = if ra <= rb { (sa, sb) } else { (sb, sa) };
                let pair = |kind, message: String| self.problem(kind, message, &[hi, lo]);
                let key = |v| self.compared(v);
                if r_hi == r_lo {
                    if key(s_hi) != key(s_lo) {
                        out.push(pair(
                            ProblemKind::SharedRankDifferentScores,
                            format!(
                                "{} ({s_hi}) and {} ({s_lo}) share rank {r_hi} with different scores",
                                hi.province, lo.province
                            ),
                        ));
                    }
                } else if key(s_hi) < key(s_lo) {
                    out.push(pair(
                        ProblemKind::RankOrder,
                        format!(
                            "{} is ranked #{r_hi} with {s_hi} but {} is ranked lower, #{r_lo}, with a higher {s_lo}",
                            hi.province, lo.province
                        ),
                    ));
                } else if key(s_hi) == key(s_lo) && self.policy != TiePolicy::Unrounded {
                    out.push(pair(
                        ProblemKind::EqualScoresDifferentRanks,
                        format!(
                            "{} (#{r_hi}) and {} (#{r_lo}) have the same score {} at {} decimals: the ranking used more digits (consider the `unrounded` tie policy)",
                            hi.province, lo.province, key(s_hi), self.decimals
                        ),
                    ));
                }
            }
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
