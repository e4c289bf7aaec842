//! CPU-time figures of the performance targets, robust to a busy machine (criterion's
//! wall-clock times grow with the load; the CPU time of the thread that does the work does
//! not): the agency year (63 units × 100 leaves × 2 years, the `agency` bench's input and
//! path), the exact forecast of the 63 provinces, the fit, and the Monte Carlo of the
//! fitted model (10⁵ scenarios) on one thread and on all.
//!
//! `cargo run --release -p parindex --example perf_figures -- [repeats]`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // example code

#[path = "../benches/common/agency_fixture.rs"]
mod agency_fixture;

use agency_fixture::{inputs as agency_inputs, whole_path as agency_path, UNITS};
use parindex::agency::Units;
use parindex::simulate::{fit, forecast_monte_carlo_with, forecast_with, ForecastOptions, NextYearModel};
use parindex::{published, IndexKind};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

/// CPU time of the calling thread, seconds (Linux `/proc/thread-self/schedstat`).
fn thread_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    stat.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()).unwrap_or(0.0) / 1e9
}

/// (best, median) CPU milliseconds of `f` on the calling thread.
fn cpu_ms(repeats: usize, mut f: impl FnMut()) -> (f64, f64) {
    f();
    let mut t: Vec<f64> = (0..repeats)
        .map(|_| {
            let c = thread_cpu();
            f();
            (thread_cpu() - c) * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (t[0], t[t.len() / 2])
}

/// (best, median) wall-clock milliseconds.
fn wall_ms(repeats: usize, mut f: impl FnMut()) -> (f64, f64) {
    f();
    let mut t: Vec<f64> = (0..repeats)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (t[0], t[t.len() / 2])
}

fn main() {
    let repeats: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(15);
    let show = |name: &str, unit: &str, (best, median): (f64, f64)| {
        println!("{name:<44} {unit:<9} best {best:9.2} ms   median {median:9.2} ms");
    };
    let (fw, annex, long) = agency_inputs();
    assert_eq!(agency_path(&fw, &annex, &long), UNITS * (12 + 100));
    show(
        "agency: 63 units x 100 leaves x 2 years",
        "cpu",
        cpu_ms(repeats, || {
            black_box(agency_path(&fw, &annex, &long));
        }),
    );
    show(
        "agency: read the long table (one year)",
        "cpu",
        cpu_ms(repeats, || {
            black_box(Units::from_csv(&long, "long.csv", Arc::clone(&fw), Some(2024)).unwrap());
        }),
    );

    let table = published(&IndexKind::Par, 2023).unwrap();
    let threads = rayon::current_num_threads();
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    // The first fit of the process is the uncached one.
    let (s, c) = (Instant::now(), thread_cpu());
    let model = one.install(|| fit(&table, &NextYearModel::default()).unwrap());
    println!(
        "{:<44} {:<9} {:9.2} ms (wall {:.2} ms)",
        "fit PAR 2023 (uncached, 1 thread)",
        "cpu",
        (thread_cpu() - c) * 1e3,
        s.elapsed().as_secs_f64() * 1e3
    );
    let sipas = published(&IndexKind::Sipas, 2023).unwrap();
    let s = Instant::now();
    black_box(fit(&sipas, &NextYearModel::default()).unwrap());
    println!(
        "{:<44} {:<9} {:9.2} ms",
        format!("fit SIPAS 2023 (uncached, {threads} threads)"),
        "wall",
        s.elapsed().as_secs_f64() * 1e3
    );

    show(
        "exact forecast, 63 provinces (1 thread)",
        "cpu",
        one.install(|| {
            cpu_ms(repeats, || {
                black_box(forecast_with(&table, &model, 30).unwrap());
            })
        }),
    );
    show(
        &format!("exact forecast, 63 provinces ({threads} threads)"),
        "wall",
        wall_ms(repeats, || {
            black_box(forecast_with(&table, &model, 30).unwrap());
        }),
    );
    let options = ForecastOptions { scenarios: 100_000, seed: 7, ..ForecastOptions::default() };
    let few = repeats.clamp(1, 5);
    show(
        "Monte Carlo 1e5 scenarios (1 thread)",
        "cpu",
        one.install(|| {
            cpu_ms(few, || {
                black_box(forecast_monte_carlo_with(&table, &model, &options).unwrap());
            })
        }),
    );
    show(
        &format!("Monte Carlo 1e5 scenarios ({threads} threads)"),
        "wall",
        wall_ms(few, || {
            black_box(forecast_monte_carlo_with(&table, &model, &options).unwrap());
        }),
    );
}
