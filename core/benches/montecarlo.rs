//! Monte Carlo of next year's ranking: 10⁶ scenarios × 63 provinces (PAR 2023, Lạng Sơn,
//! target 30, one plan of +2 points), against a loop that only makes the same draws.
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code

use criterion::{criterion_group, criterion_main, Criterion};
use parindex::simulate::{draws_only, simulate, MonteCarlo};
use parindex::{published, Decimal, IndexKind};
use std::hint::black_box;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let table = published(&IndexKind::Par, 2023).unwrap();
    // The chunked multi-threaded engine of the independent models (the fitted model has
    // its own benchmark in nextyear).
    let options = MonteCarlo {
        model: parindex::simulate::ChangeModel::Empirical { years: None },
        ..MonteCarlo::new("Lạng Sơn", vec![Decimal::TWO], 30, 1_000_000, 7)
    };
    let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let mut g = c.benchmark_group("montecarlo_1e6_scenarios_63_provinces");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("simulate_all_threads", |b| b.iter(|| black_box(simulate(&table, &options).unwrap())));
    g.bench_function("simulate_1_thread", |b| {
        b.iter(|| one_thread.install(|| black_box(simulate(&table, &options).unwrap())))
    });
    g.bench_function("draws_only_1_thread", |b| b.iter(|| black_box(draws_only(&table, &options).unwrap())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
