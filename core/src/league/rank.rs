//! Ranking a complete list of scores under an explicit tie policy.

use crate::decimal::round_publish;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How equal scores are ranked. The Ministry's rule is not published (methodology primer
/// §2.3): a published pair 89.13 / 89.13 was ranked #22 and #23, so it may rank on
/// unrounded values. All three policies are offered; the default is the safe one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TiePolicy {
    /// Competition ranking on the published 2-decimal value: rank = 1 + number of
    /// provinces strictly higher (1, 2, 2, 4).
    #[default]
    Competition,
    /// Dense ranking on the published 2-decimal value (1, 2, 2, 3).
    Dense,
    /// Competition ranking on unrounded values where the caller has them; when only
    /// published values are known, equal published values may fall either way.
    Unrounded,
}

impl TiePolicy {
    /// Parse `"competition"`, `"dense"` or `"unrounded"`.
    ///
    /// Errors: [`crate::Error::InvalidArgument`].
    pub fn parse(name: &str) -> crate::Result<TiePolicy> {
        match name.trim().to_ascii_lowercase().as_str() {
            "competition" | "min" | "standard" => Ok(TiePolicy::Competition),
            "dense" => Ok(TiePolicy::Dense),
            "unrounded" => Ok(TiePolicy::Unrounded),
            other => Err(crate::Error::invalid_argument(
                "tie_policy",
                format!("`{other}` is not one of competition, dense, unrounded"),
            )),
        }
    }

    /// `"competition"`, `"dense"` or `"unrounded"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TiePolicy::Competition => "competition",
            TiePolicy::Dense => "dense",
            TiePolicy::Unrounded => "unrounded",
        }
    }

    /// The value compared under this policy.
    pub(crate) fn key(self, score: Decimal) -> Decimal {
        match self {
            TiePolicy::Unrounded => score,
            TiePolicy::Competition | TiePolicy::Dense => round_publish(score),
        }
    }
}

/// Ranks of a complete list of scores (percent or points; higher is better), in input
/// order. Competition and unrounded: 1 + the number strictly higher; dense: 1 + the
/// number of distinct higher values.
pub fn ranks_from_scores(scores: &[Decimal], policy: TiePolicy) -> Vec<u32> {
    let keys: Vec<Decimal> = scores.iter().map(|s| policy.key(*s)).collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    if policy == TiePolicy::Dense {
        sorted.dedup();
    }
    keys.iter()
        .map(|k| {
            // Number of (distinct, for dense) values strictly above k.
            let above = sorted.partition_point(|v| v > k);
            u32::try_from(above).unwrap_or(u32::MAX).saturating_add(1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn tie_policies() {
        let s = [d("90"), d("89.13"), d("89.134"), d("88"), d("89.126")];
        assert_eq!(ranks_from_scores(&s, TiePolicy::Competition), vec![1, 2, 2, 5, 2]);
        assert_eq!(ranks_from_scores(&s, TiePolicy::Dense), vec![1, 2, 2, 3, 2]);
        assert_eq!(ranks_from_scores(&s, TiePolicy::Unrounded), vec![1, 3, 2, 5, 4]);
        assert!(ranks_from_scores(&[], TiePolicy::Dense).is_empty());
    }
}
