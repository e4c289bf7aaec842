//! The next-year forecast of the whole table (PAR 2023, 63 provinces): the exact rank
//! distribution of every province under a fitted model, the fit itself, and the seeded
//! Monte Carlo of the same model (10⁵ scenarios).
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code

use criterion::{criterion_group, criterion_main, Criterion};
use parindex::simulate::{fit, forecast_monte_carlo_with, forecast_with, ForecastOptions, NextYearModel};
use parindex::{published, IndexKind};
use std::hint::black_box;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let table = published(&IndexKind::Par, 2023).unwrap();
    let model = fit(&table, &NextYearModel::default()).unwrap();
    let mut g = c.benchmark_group("forecast_63_provinces");
    g.sample_size(20).measurement_time(Duration::from_secs(6));
    g.bench_function("exact_fitted_model", |b| b.iter(|| black_box(forecast_with(&table, &model, 30).unwrap())));
    g.bench_function("fit", |b| b.iter(|| black_box(fit(&table, &NextYearModel::default()).unwrap())));
    let options = ForecastOptions { scenarios: 100_000, seed: 7, ..ForecastOptions::default() };
    g.bench_function("monte_carlo_1e5_scenarios", |b| {
        b.iter(|| black_box(forecast_monte_carlo_with(&table, &model, &options).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
