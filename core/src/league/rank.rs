//! Ranking a complete list of scores under an explicit tie policy.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// How equal scores are ranked. The Ministry's rule is not published (methodology primer
/// §2.3): a published pair 89.13 / 89.13 was ranked #22 and #23, so it may rank on
/// unrounded values. All three policies are offered; the default is the safe one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
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
}

/// The one ranking rule of a table (quy tắc xếp hạng): scores are compared at `decimals`
/// places (rounded half away from zero, the candidate's and the competitors' alike), and
/// equal compared values follow the [`TiePolicy`].
///
/// - `decimals`: 2 for published tables (the Ministry publishes 2 decimals); for a table
///   built from unrounded values, the most decimals among them (the values as given), or
///   what the caller sets.
/// - Competition: rank = 1 + the number of others whose compared value is strictly higher.
/// - Dense: 1 + the number of distinct higher compared values (complete tables only).
/// - Unrounded: equal compared values are ordered by digits the table does not hold, so a
///   tie may fall either way: best = 1 + strictly higher, worst = 1 + higher or equal.
///
/// Every method that ranks (rank, rank_if, rank_with_gain, points_to_rank, score_to_rank,
/// the what-if, rank-gain and planner results, the simulations' ties, SIPAS tables and
/// what-if) goes through this rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Ranking {
    /// Decimal places compared (0–28).
    pub decimals: u32,
    /// What equal compared values mean.
    pub policy: TiePolicy,
}

/// The most decimal places a [`Decimal`] holds.
pub const MAX_DECIMALS: u32 = 28;

/// The most units a table ranks (`of`; an open roster's size is its largest rank or its
/// number of entries). Far above the 10,599 communes of the largest roster Vietnam has had,
/// it bounds the memory of tables and simulations, which grows with `of`.
pub const MAX_RANKED: u32 = 100_000;

impl Ranking {
    /// The rule of published tables: 2 decimals.
    pub fn published(policy: TiePolicy) -> Ranking {
        Ranking { decimals: crate::decimal::PUBLISH_DP, policy }
    }

    /// The value compared: `score` rounded to the rule's decimals, halves away from zero.
    pub fn key(&self, score: Decimal) -> Decimal {
        let mut k = score.round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointAwayFromZero);
        // One spelling per value (84.6 and 84.60 are the same key).
        k.rescale(self.decimals.min(MAX_DECIMALS));
        k
    }

    /// One unit of the compared precision: 10^−decimals (0.01 for published tables).
    pub fn unit(&self) -> Decimal {
        Decimal::new(1, self.decimals.min(MAX_DECIMALS))
    }

    /// Ranks of a complete list of scores (higher is better), in input order.
    pub fn ranks(&self, scores: &[Decimal]) -> Vec<u32> {
        let keys: Vec<Decimal> = scores.iter().map(|s| self.key(*s)).collect();
        ranks_of_keys(&keys, self.policy)
    }
}

/// Ranks of a complete list of scores (percent or points; higher is better), in input
/// order. Competition and dense compare the published 2-decimal values; unrounded compares
/// the values as given. Competition and unrounded: 1 + the number strictly higher; dense:
/// 1 + the number of distinct higher values. Tables use their own [`Ranking`].
pub fn ranks_from_scores(scores: &[Decimal], policy: TiePolicy) -> Vec<u32> {
    let decimals = if policy == TiePolicy::Unrounded { MAX_DECIMALS } else { crate::decimal::PUBLISH_DP };
    Ranking { decimals, policy }.ranks(scores)
}

fn ranks_of_keys(keys: &[Decimal], policy: TiePolicy) -> Vec<u32> {
    let mut sorted = keys.to_vec();
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
