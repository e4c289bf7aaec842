//! Input and timing for `core/benches/python/forecast.py`: prints the fitted next-year
//! model of PAR 2023 as JSON (starts, catch-up, components) and the library's Monte Carlo
//! time for the same number of scenarios (wall clock on all threads, and CPU time on one),
//! each the best of `repeats` runs after one untimed run (the numpy side is timed the same
//! way, in rounds alternating with this program's).
//!
//! `cargo run --release -p parindex --example forecast_timing -- [scenarios] [seed] [repeats]`
#![allow(clippy::unwrap_used, clippy::expect_used)] // example code

use parindex::simulate::{fit, forecast_monte_carlo_with, ForecastOptions, NextYearModel};
use parindex::{published, IndexKind};
use std::time::Instant;

/// CPU time of the calling thread, seconds (Linux `/proc/thread-self/schedstat`; 0 elsewhere).
fn thread_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    stat.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()).unwrap_or(0.0) / 1e9
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let scenarios: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(7);
    let repeats: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(5).max(1);
    let table = published(&IndexKind::Par, 2023).unwrap();
    let model = fit(&table, &NextYearModel::default()).unwrap();
    let options = ForecastOptions { scenarios, seed, ..ForecastOptions::default() };
    // One untimed call first: the thread pool's start and the first touch of memory are a
    // process's, not the method's.
    forecast_monte_carlo_with(&table, &model, &options).unwrap();
    let mut seconds = f64::INFINITY;
    let mut f = None;
    for _ in 0..repeats {
        let start = Instant::now();
        f = Some(forecast_monte_carlo_with(&table, &model, &options).unwrap());
        seconds = seconds.min(start.elapsed().as_secs_f64());
    }
    let f = f.unwrap();
    // The same on one thread, in CPU time of that thread: a figure the machine's other load
    // inflates far less than the wall clock of two threads.
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let cpu_seconds_1_thread = (0..repeats)
        .map(|_| {
            one.install(|| {
                let c = thread_cpu();
                forecast_monte_carlo_with(&table, &model, &options).unwrap();
                thread_cpu() - c
            })
        })
        .fold(f64::INFINITY, f64::min);
    let lo: Vec<f64> = model.starts.iter().map(|s| s.low).collect();
    let hi: Vec<f64> = model.starts.iter().map(|s| s.high).collect();
    let out = serde_json::json!({
        "a": 1.0 + model.catch_up,
        "c0": -model.catch_up * model.national_average,
        "spread": model.spread_next,
        "tail_weight": model.tail_weight,
        "tail_scale": model.tail_scale,
        "lo": lo,
        "hi": hi,
        "scenarios": scenarios,
        "repeats": repeats,
        "seconds": seconds,
        "cpu_seconds_1_thread": cpu_seconds_1_thread,
        "threads": rayon::current_num_threads(),
        "median_ranks": f.rows.iter().map(|r| r.rank_p50).collect::<Vec<_>>(),
    });
    println!("{out}");
}
