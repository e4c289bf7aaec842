//! Times the Monte Carlo and prints its exact input as JSON, so that the numpy baseline
//! (`core/benches/python/montecarlo.py`) runs the same computation on the same input.
//!
//! `cargo run --release -p parindex --example montecarlo_timing -- [scenarios] [seed]`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a measurement script

use parindex::simulate::{draws_only, simulate, MonteCarlo};
use parindex::{published, Decimal, IndexKind};
use serde_json::json;
use std::time::Instant;

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed().as_secs_f64());
        out = Some(r);
    }
    (best, out.unwrap())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let scenarios: u64 = args.next().map_or(1_000_000, |a| a.parse().expect("scenarios"));
    let seed: u64 = args.next().map_or(7, |a| a.parse().expect("seed"));
    let table = published(&IndexKind::Par, 2023).unwrap();
    // The chunked engine of the independent models.
    let options = MonteCarlo {
        model: parindex::simulate::ChangeModel::Empirical { years: None },
        ..MonteCarlo::new("Lạng Sơn", vec![Decimal::TWO], 30, scenarios, seed)
    };
    let threads = rayon::current_num_threads();
    let (all, sim) = best_of(3, || simulate(&table, &options).unwrap());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let (one, _) = best_of(3, || pool.install(|| simulate(&table, &options).unwrap()));
    let (draws, _) = best_of(3, || draws_only(&table, &options).unwrap());
    let competitors = parindex::simulate::competitor_ranges(&table, "Lạng Sơn").unwrap();
    let (changes, _) = parindex::simulate::empirical_changes(&IndexKind::Par, &[(2022, 2023)]).unwrap();
    let h = |d: Decimal| (d * Decimal::ONE_HUNDRED).round().to_string().parse::<i64>().unwrap();
    let out = json!({
        "input": {
            "province": "Lạng Sơn",
            "own_hundredths": h(table.score("Lạng Sơn").unwrap().unwrap()),
            "gain_hundredths": 200,
            "target_rank": 30,
            "of": table.of(),
            "competitors_hundredths": competitors.iter().map(|(lo, hi)| [h(*lo), h(*hi)]).collect::<Vec<_>>(),
            "changes_hundredths": changes.iter().map(|c| h(*c)).collect::<Vec<_>>(),
        },
        "scenarios": scenarios,
        "seed": seed,
        "rust": {
            "threads": threads,
            "seconds_all_threads": all,
            "seconds_1_thread": one,
            "seconds_draws_only_1_thread": draws,
            "p_target": sim.plans[0].p_target,
            "rank_p50": sim.plans[0].rank_p50,
            "gain_for_p50": sim.gain_for_p50().map(|g| g.to_string()),
        }
    });
    println!("{out}");
}
