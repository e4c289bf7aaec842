//! How sure is "how sure": fit the next-year model on data up to year t, forecast t + 1,
//! and score the forecast against the published t + 1 ranks, next to a naive baseline.

use super::forecast::{exact_ranks, rank_quantile, rows as forecast_rows, Prepared};
use super::nextyear::{fit, FittedModel, NextYearModel};
use crate::error::{Error, Result};
use crate::index_kind::IndexKind;
use crate::league::{published, published_years, year_over_year};
use serde::Serialize;

/// One province with a published rank in the tested year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct BacktestRow {
    /// Canonical name.
    pub province: String,
    /// Published rank in year t + 1.
    pub actual_rank: u32,
    /// Forecast rank quantiles.
    pub rank_p05: u32,
    /// 25% quantile.
    pub rank_p25: u32,
    /// Median.
    pub rank_p50: u32,
    /// 75% quantile.
    pub rank_p75: u32,
    /// 95% quantile.
    pub rank_p95: u32,
    /// Actual rank within [rank_p25, rank_p75].
    pub inside_50: bool,
    /// Actual rank within [rank_p05, rank_p95].
    pub inside_90: bool,
    /// Ranked probability score of the forecast (0 best, 1 worst).
    pub rps: f64,
    /// The baseline's 5% and 95% quantiles.
    pub baseline_p05: u32,
    /// Baseline 95% quantile.
    pub baseline_p95: u32,
    /// Baseline ranked probability score.
    pub baseline_rps: f64,
    /// Actual rank within the baseline's 50% interval.
    pub baseline_inside_50: bool,
    /// Actual rank within the baseline's 90% interval.
    pub baseline_inside_90: bool,
    /// Whether the province had a published score or rank in year t.
    pub published: bool,
}

/// Summary figures of a backtest (coverages are shares 0–1).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct BacktestSummary {
    /// Published ranks scored.
    pub n: usize,
    /// Ranks inside the 50% intervals.
    pub inside_50: usize,
    /// Ranks inside the 90% intervals.
    pub inside_90: usize,
    /// Share inside the 50% intervals.
    pub coverage_50: f64,
    /// Share inside the 90% intervals.
    pub coverage_90: f64,
    /// Wilson 95% interval of `coverage_50`.
    pub coverage_50_interval: (f64, f64),
    /// Wilson 95% interval of `coverage_90`.
    pub coverage_90_interval: (f64, f64),
    /// Mean ranked probability score.
    pub rps: f64,
    /// Median width of the 90% rank intervals (ranks, inclusive).
    pub median_band_90: f64,
    /// The same over provinces published (score or rank) in year t only; the others can
    /// be any of the free ranks, and their bands say so.
    pub median_band_90_published: f64,
    /// Provinces published in year t among the `n`.
    pub n_published: usize,
    /// Baseline share inside its 50% intervals.
    pub baseline_coverage_50: f64,
    /// Baseline share inside its 90% intervals.
    pub baseline_coverage_90: f64,
    /// Baseline mean ranked probability score.
    pub baseline_rps: f64,
}

/// A backtest of one year pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "BacktestResult"))]
pub struct Backtest {
    /// Index.
    pub index: String,
    /// Year t (data up to t).
    pub year: u16,
    /// Year t + 1 (scored).
    pub next_year: u16,
    /// The figures.
    pub summary: BacktestSummary,
    /// Per province.
    pub rows: Vec<BacktestRow>,
    /// The model fitted on data up to t.
    pub model: FittedModel,
    /// The baseline in words.
    pub baseline: String,
}

/// Wilson score 95% interval for k of n.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n, z) = (k as f64, n as f64, 1.959_963_984_540_054);
    let p = k / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Ranked probability score of a rank distribution against the actual rank, normalised to 0–1.
pub fn rps(probs: &[f64], actual: u32) -> f64 {
    let n = probs.len();
    if n < 2 {
        return 0.0;
    }
    let mut cum = 0.0;
    let mut s = 0.0;
    for (i, p) in probs.iter().enumerate().take(n - 1) {
        cum += p;
        let obs = if (i as u32) + 1 >= actual { 1.0 } else { 0.0 };
        s += (cum - obs).powi(2);
    }
    s / (n - 1) as f64
}

/// Fit on published data up to `year`, forecast `next_year`, and score against the
/// published ranks of `next_year`. The baseline: last year's rank (its rank-bounds
/// estimate when unpublished) plus a rank change drawn from the published rank changes of
/// every other year pair of both indices.
///
/// Errors: [`Error::InvalidArgument`] unless `next_year == year + 1`; [`Error::NotFound`]
/// for a year without a published table; those of [`fit`].
pub fn backtest(index: &IndexKind, year: u16, next_year: u16, model: &NextYearModel) -> Result<Backtest> {
    if year.checked_add(1) != Some(next_year) {
        return Err(Error::invalid_argument("next_year", format!("{next_year} is not {year} + 1")));
    }
    let table = published(index, year)?;
    let actual = published(index, next_year)?;
    let fitted = fit(&table, model)?;
    let prep = Prepared::new(&fitted);
    let ranks = exact_ranks(&prep);
    let n = fitted.starts.len();
    let forecast = forecast_rows(&fitted, &prep, &ranks, 1)?;
    // Baseline rank changes: every other published pair, both indices.
    let mut changes = Vec::new();
    for other in [IndexKind::Par, IndexKind::Sipas] {
        let years = published_years(&other)?;
        for &y in &years {
            if !years.contains(&(y + 1)) || (&other == index && y == year) {
                continue;
            }
            for row in year_over_year(&published(&other, y)?, &published(&other, y + 1)?)? {
                if let Some(c) = row.rank_change {
                    changes.push(c);
                }
            }
        }
    }
    let mut rows = Vec::new();
    for f in &forecast {
        let dist = &f.rank_probabilities;
        let Some(a) = actual.rank(&f.province)? else { continue };
        let now = match f.rank_now {
            Some(r) => r,
            None => table.rank_bounds(&f.province)?.estimate,
        };
        let mut base = vec![0.0; n];
        for &c in &changes {
            // rank_change is before − after (positive: climbed).
            let r = (i64::from(now) - c).clamp(1, n as i64) as usize;
            if let Some(b) = base.get_mut(r - 1) {
                *b += 1.0 / changes.len() as f64;
            }
        }
        if changes.is_empty() {
            base.iter_mut().for_each(|b| *b = 1.0 / n as f64);
        }
        let (p05, p25, p50, p75, p95) = (
            rank_quantile(dist, 0.05),
            rank_quantile(dist, 0.25),
            rank_quantile(dist, 0.50),
            rank_quantile(dist, 0.75),
            rank_quantile(dist, 0.95),
        );
        rows.push(BacktestRow {
            province: f.province.clone(),
            actual_rank: a,
            rank_p05: p05,
            rank_p25: p25,
            rank_p50: p50,
            rank_p75: p75,
            rank_p95: p95,
            inside_50: (p25..=p75).contains(&a),
            inside_90: (p05..=p95).contains(&a),
            rps: rps(dist, a),
            baseline_p05: rank_quantile(&base, 0.05),
            baseline_p95: rank_quantile(&base, 0.95),
            baseline_rps: rps(&base, a),
            baseline_inside_50: (rank_quantile(&base, 0.25)..=rank_quantile(&base, 0.75)).contains(&a),
            baseline_inside_90: (rank_quantile(&base, 0.05)..=rank_quantile(&base, 0.95)).contains(&a),
            published: f.published,
        });
    }
    let summary = summarise(&rows);
    Ok(Backtest {
        index: index.as_str().to_string(),
        year,
        next_year,
        summary,
        rows,
        model: fitted,
        baseline: format!(
            "last year's rank (rank-bounds estimate when unpublished) + a published rank change drawn uniformly from {} changes of the other year pairs of both indices",
            changes.len()
        ),
    })
}

/// The summary of backtest rows (one pair, or several pooled).
pub fn summarise(rows: &[BacktestRow]) -> BacktestSummary {
    let n = rows.len();
    let count = |f: &dyn Fn(&BacktestRow) -> bool| rows.iter().filter(|r| f(r)).count();
    let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let mean = |f: &dyn Fn(&BacktestRow) -> f64| if n == 0 { 0.0 } else { rows.iter().map(f).sum::<f64>() / n as f64 };
    let (i50, i90) = (count(&|r| r.inside_50), count(&|r| r.inside_90));
    let median = |only_published: bool| {
        let mut widths: Vec<f64> = rows
            .iter()
            .filter(|r| r.published || !only_published)
            .map(|r| f64::from(r.rank_p95.saturating_sub(r.rank_p05) + 1))
            .collect();
        widths.sort_by(f64::total_cmp);
        match widths.len() {
            0 => 0.0,
            len if len % 2 == 1 => widths.get(len / 2).copied().unwrap_or(0.0),
            len => {
                0.5 * (widths.get(len / 2 - 1).copied().unwrap_or(0.0) + widths.get(len / 2).copied().unwrap_or(0.0))
            }
        }
    };
    BacktestSummary {
        n,
        inside_50: i50,
        inside_90: i90,
        coverage_50: share(i50),
        coverage_90: share(i90),
        coverage_50_interval: wilson(i50, n),
        coverage_90_interval: wilson(i90, n),
        rps: mean(&|r| r.rps),
        median_band_90: median(false),
        median_band_90_published: median(true),
        n_published: count(&|r| r.published),
        baseline_coverage_50: share(count(&|r| r.baseline_inside_50)),
        baseline_coverage_90: share(count(&|r| r.baseline_inside_90)),
        baseline_rps: mean(&|r| r.baseline_rps),
    }
}
