//! Problems: inconsistencies found in data that loaded (warnings), reported with the codes,
//! provinces and rows involved. Published data contain slips; they are reported, never
//! resolved silently.

use serde::Serialize;
use std::fmt;

/// What kind of inconsistency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Given points at a parent disagree with the sum of its children beyond rounding.
    SumMismatch,
    /// A value in the input disagrees with the framework (e.g. a different max points).
    FrameworkMismatch,
    /// A value implied by arithmetic (parent − known children) is impossible.
    ImpliedOutOfRange,
    /// Two provinces' scores are in the opposite order to their ranks.
    RankOrder,
    /// Two provinces share a rank but have different scores.
    SharedRankDifferentScores,
    /// Two provinces have the same published score but different ranks (the Ministry may
    /// rank on unrounded values).
    EqualScoresDifferentRanks,
    /// More provinces claim a run of ranks than it holds.
    RankCollision,
    /// A province with a score and no rank fits no free rank.
    NoFreeRank,
    /// A source note flags a conflict between sources.
    SourceConflict,
    /// A scorecard's index disagrees with the league table's published score.
    TableMismatch,
    /// Anything else worth knowing.
    Other,
}

impl ProblemKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::SumMismatch => "sum_mismatch",
            ProblemKind::FrameworkMismatch => "framework_mismatch",
            ProblemKind::ImpliedOutOfRange => "implied_out_of_range",
            ProblemKind::RankOrder => "rank_order",
            ProblemKind::SharedRankDifferentScores => "shared_rank_different_scores",
            ProblemKind::EqualScoresDifferentRanks => "equal_scores_different_ranks",
            ProblemKind::RankCollision => "rank_collision",
            ProblemKind::NoFreeRank => "no_free_rank",
            ProblemKind::SourceConflict => "source_conflict",
            ProblemKind::TableMismatch => "table_mismatch",
            ProblemKind::Other => "other",
        }
    }
}

/// One inconsistency, with everything needed to find it in the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Problem {
    /// What kind.
    pub kind: ProblemKind,
    /// A sentence a user can act on.
    pub message: String,
    /// Criterion or node codes involved.
    pub codes: Vec<String>,
    /// Provinces involved.
    pub provinces: Vec<String>,
    /// Rows involved (spreadsheet numbering: header = row 1).
    pub rows: Vec<usize>,
    /// The file (or input label), when known.
    pub file: Option<String>,
}

impl Problem {
    /// A problem with only a kind and a message.
    pub fn new(kind: ProblemKind, message: impl Into<String>) -> Self {
        Problem { kind, message: message.into(), codes: vec![], provinces: vec![], rows: vec![], file: None }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.kind.as_str(), self.message)?;
        if let Some(file) = &self.file {
            write!(f, " (file `{file}`")?;
            if !self.rows.is_empty() {
                let rows: Vec<String> = self.rows.iter().map(ToString::to_string).collect();
                let word = if rows.len() == 1 { "row" } else { "rows" };
                write!(f, ", {word} {}", rows.join(", "))?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}
