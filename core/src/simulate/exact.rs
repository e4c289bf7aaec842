//! The Monte Carlo's model solved exactly: competitors move independently, so the number
//! that end above the province follows a Poisson-binomial distribution, computed here by
//! dynamic programming with no sampling error. It answers the same questions as
//! [`simulate`](super::simulate) (P(rank ≤ N), the rank distribution, the gain for a
//! probability) and serves as its check.

use super::changes::{ChangeModel, Drawable, ModelInfo};
use super::montecarlo::{prepare, MonteCarlo};
use crate::decimal::from_hundredths;
use crate::error::{Error, Result};
use crate::league::LeagueTable;
use rust_decimal::Decimal;
use serde::Serialize;

/// The exact outcome of one plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ExactPlan {
    /// The planned gain (percentage points).
    pub gain: Decimal,
    /// P(rank ≤ target).
    pub p_target: f64,
    /// P(rank = r) at index r − 1.
    pub rank_probabilities: Vec<f64>,
}

/// The exact solution of a Monte Carlo's model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ExactOutcome {
    /// One outcome per planned gain.
    pub plans: Vec<ExactPlan>,
    /// The least gain with P(rank ≤ target) ≥ 50% (`None`: not reachable).
    pub gain_for_p50: Option<Decimal>,
    /// The least gain with P(rank ≤ target) ≥ 80%.
    pub gain_for_p80: Option<Decimal>,
    /// The change model, in words and figures.
    pub model: ModelInfo,
}

/// A competitor's next score: current uniform on `low..=low+span`, plus a change with the
/// given probabilities (hundredths), capped to 0–10,000.
struct Competitor {
    low: i64,
    span: i64,
}

/// Solve the model of `options` exactly. The fitted model (the default) is solved by
/// [`super::chances`] (a mixture over the common shock of Poisson-binomials); the
/// independent models need the province's own current score published (competitors'
/// unknown scores are uniform within their bounds, as in the Monte Carlo). Gains and the
/// gains for 50% / 80% are **percentage points** of the index (0–100 scale), compared in
/// hundredths: a table compared at more than 2 decimals is refused (see [`super::simulate`]).
///
/// Errors: those of [`super::simulate`]; [`Error::Unsupported`] when the province's own
/// score is unknown.
pub fn exact(table: &LeagueTable, options: &MonteCarlo) -> Result<ExactOutcome> {
    if let ChangeModel::Fitted(overrides) = &options.model {
        return super::chances::exact_fitted(table, options, overrides);
    }
    let (setup, model) = prepare(table, options)?;
    if setup.own.1 != 0 {
        return Err(Error::Unsupported {
            message: "the exact solution needs the province's own score to be published".into(),
        });
    }
    let own = i64::from(setup.own.0);
    let changes = change_distribution(&setup.changes);
    let competitors: Vec<Competitor> =
        setup.competitors.iter().map(|&(lo, span)| Competitor { low: i64::from(lo), span: i64::from(span) }).collect();
    let tie = i64::from(!setup.ties_against);
    let of = setup.of as usize;
    let target = setup.target;
    // P(competitor i counts against a score x): at or above x + tie.
    let against = |x: i64| -> Vec<f64> {
        competitors.iter().map(|c| prob_at_least(c, &changes, x.clamp(0, 10_000) + tie)).collect()
    };
    let plans = options
        .gains
        .iter()
        .zip(&setup.gains)
        .map(|(gain, g)| {
            let counts = poisson_binomial(&against(own + i64::from(*g)), of);
            ExactPlan {
                gain: *gain,
                p_target: counts.iter().take(target).sum::<f64>().clamp(0.0, 1.0),
                rank_probabilities: counts,
            }
        })
        .collect();
    // P(rank ≤ target) grows with the gain: bisect on hundredths for each probability.
    let p_at = |h: i64| -> f64 { poisson_binomial(&against(own + h), target + 1).iter().take(target).sum() };
    let gain_for = |p: f64| -> Option<Decimal> {
        let max = 10_000 - own;
        if p_at(max) < p {
            return None;
        }
        let (mut lo, mut hi) = (0i64, max);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if p_at(mid) >= p {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Some(from_hundredths(lo))
    };
    Ok(ExactOutcome { plans, gain_for_p50: gain_for(0.5), gain_for_p80: gain_for(0.8), model })
}

/// The change distribution as (value in hundredths, probability).
fn change_distribution(changes: &Drawable) -> Vec<(i64, f64)> {
    match changes {
        Drawable::Values(values) => {
            let p = 1.0 / values.len().max(1) as f64;
            values.iter().map(|&v| (i64::from(v), p)).collect()
        }
        Drawable::Normal { mean, sd } => {
            if *sd == 0.0 {
                return vec![(mean.round() as i64, 1.0)];
            }
            // Draws are rounded to whole hundredths: P(d) = Φ((d + ½ − μ)/σ) − Φ((d − ½ − μ)/σ).
            let cdf = |x: f64| 0.5 * (1.0 + libm::erf((x - mean) / (sd * std::f64::consts::SQRT_2)));
            let lo = (mean - 8.0 * sd).floor() as i64;
            let hi = (mean + 8.0 * sd).ceil() as i64;
            (lo..=hi).map(|d| (d, cdf(d as f64 + 0.5) - cdf(d as f64 - 0.5))).filter(|(_, p)| *p > 0.0).collect()
        }
    }
}

/// P(next ≥ x) for x in 0..=10,001.
fn prob_at_least(c: &Competitor, changes: &[(i64, f64)], x: i64) -> f64 {
    if x <= 0 {
        return 1.0;
    }
    if x > 10_000 {
        return 0.0;
    }
    let n = (c.span + 1) as f64;
    changes
        .iter()
        .map(|&(d, p)| {
            // current + d ≥ x (the cap at 0 and 10,000 does not move x within 1..=10,000).
            let need = x - d;
            let count = (c.low + c.span - need + 1).clamp(0, c.span + 1);
            p * count as f64 / n
        })
        .sum()
}

/// P(exactly k of the independent events happen), k = 0..len (truncated to `len`; the
/// last entry collects k ≥ len − 1).
fn poisson_binomial(probabilities: &[f64], len: usize) -> Vec<f64> {
    let mut dist = vec![0.0; probabilities.len() + 1];
    if let Some(first) = dist.first_mut() {
        *first = 1.0;
    }
    for (i, &p) in probabilities.iter().enumerate() {
        for k in (0..=i + 1).rev() {
            let stay = dist.get(k).copied().unwrap_or(0.0) * (1.0 - p);
            let moved = if k > 0 { dist.get(k - 1).copied().unwrap_or(0.0) * p } else { 0.0 };
            if let Some(slot) = dist.get_mut(k) {
                *slot = stay + moved;
            }
        }
    }
    let len = len.max(1);
    let mut out: Vec<f64> = dist.iter().take(len).copied().collect();
    let tail: f64 = dist.iter().skip(len).sum();
    if let Some(last) = out.last_mut() {
        *last += tail;
    }
    out.resize(len, 0.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_binomial_of_fair_coins_is_binomial() {
        let d = poisson_binomial(&[0.5, 0.5, 0.5], 4);
        assert_eq!(d, vec![0.125, 0.375, 0.375, 0.125]);
        let truncated = poisson_binomial(&[0.5, 0.5, 0.5], 2);
        assert_eq!(truncated, vec![0.125, 0.875]);
    }

    #[test]
    fn uniform_current_plus_change() {
        // Current uniform on 100..=103, change +10 or +20 with equal odds.
        let c = Competitor { low: 100, span: 3 };
        let changes = vec![(10, 0.5), (20, 0.5)];
        assert_eq!(prob_at_least(&c, &changes, 110), 1.0);
        assert_eq!(prob_at_least(&c, &changes, 112), 0.5 * 0.5 + 0.5);
        assert_eq!(prob_at_least(&c, &changes, 124), 0.0);
    }
}
