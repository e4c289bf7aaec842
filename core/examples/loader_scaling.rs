//! The loaders' scaling check: each loader timed on n and 4n rows (best of 3; CPU time of
//! the thread, so that a busy machine does not blur it, and wall-clock time), with the
//! ratio of CPU times (linear: about 4; the bar is at most ~5). Inputs are SYNTHETIC
//! (`benches/loader_inputs.rs`).
//!
//! `cargo run --release -p parindex --example loader_scaling -- [scale] [name]` (scale 1:
//! the 4n sizes are 10^6 survey answers and 10^5 table or framework rows; 0.1 for a quick
//! run; `name` keeps the loaders whose name contains it, e.g. `table`).
//!
//! `… --example loader_scaling -- write <answers> <path>` writes a long-form answers CSV;
//! `… -- load <path>` loads it once from the file and prints the time (for peak memory:
//! `/usr/bin/time -v`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout, clippy::indexing_slicing)] // a measurement script

#[path = "../benches/loader_inputs.rs"]
mod inputs;

use parindex::league::CsvTableOptions;
use parindex::sipas::{Survey, SurveyOptions};
use parindex::{Framework, IndexKind, LeagueTable, Scorecard};
use std::time::Instant;

/// CPU time of this thread in seconds (Linux: `/proc/thread-self/schedstat`), so that the
/// figures hold on a busy machine; wall-clock time elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Best of 3: (wall-clock seconds, CPU seconds).
fn best_of_3(f: &mut dyn FnMut()) -> (f64, f64) {
    (0..3)
        .map(|_| {
            let (t, c) = (Instant::now(), cpu_seconds());
            f();
            let wall = t.elapsed().as_secs_f64();
            (wall, c.zip(cpu_seconds()).map_or(wall, |(a, b)| b - a))
        })
        .fold((f64::INFINITY, f64::INFINITY), |(w, c), (w2, c2)| (w.min(w2), c.min(c2)))
}

type Loader = (&'static str, usize, Box<dyn Fn(usize) -> String>, Box<dyn Fn(&str)>);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fw = inputs::sipas_framework();
    let survey_options = SurveyOptions::default();
    match args.first().map(String::as_str) {
        Some("write") => {
            let answers: usize = args[1].parse().unwrap();
            std::fs::write(&args[2], inputs::survey_long_csv(answers)).unwrap();
            return;
        }
        Some("load") => {
            let t = Instant::now();
            match Survey::from_csv_path(&args[1], fw, &survey_options) {
                Ok(s) => println!("loaded {} respondents in {:.3} s", s.respondent_count(), t.elapsed().as_secs_f64()),
                // Under `ulimit -v`: the typed error, not an abort.
                Err(e) => {
                    println!("{} ({})", e, e.kind());
                    std::process::exit(1);
                }
            }
            return;
        }
        _ => {}
    }
    let scale: f64 = args.first().map_or(1.0, |a| a.parse().unwrap());
    let n = |base: usize| ((base as f64 * scale) as usize).max(8);
    let par2022 = parindex::framework::builtin("par-2022").unwrap();
    let loaders: Vec<Loader> = vec![
        (
            "survey long CSV (answers)",
            n(250_000),
            Box::new(inputs::survey_long_csv),
            Box::new(move |t| {
                Survey::from_csv(t, "long.csv", fw, &SurveyOptions::default()).unwrap();
            }),
        ),
        (
            "survey wide CSV (answers)",
            n(250_000),
            Box::new(inputs::survey_wide_csv),
            Box::new(move |t| {
                Survey::from_csv(t, "wide.csv", fw, &SurveyOptions::default()).unwrap();
            }),
        ),
        (
            "survey long JSON (answers)",
            n(250_000),
            Box::new(inputs::survey_long_json),
            Box::new(move |t| {
                Survey::from_json(t, "long.json", fw, &SurveyOptions::default()).unwrap();
            }),
        ),
        (
            "league table CSV (rows)",
            n(25_000),
            Box::new(inputs::table_csv),
            Box::new(|t| {
                LeagueTable::from_csv(t, "t.csv", &CsvTableOptions::new(IndexKind::Custom("bench".into()), 2024))
                    .unwrap();
            }),
        ),
        (
            "framework CSV (rows)",
            n(25_000),
            Box::new(inputs::framework_csv),
            Box::new(|t| {
                Framework::from_csv(t, "f.csv", &inputs::framework_options()).unwrap();
            }),
        ),
        (
            "framework JSON (nodes)",
            n(25_000),
            Box::new(inputs::framework_json),
            Box::new(|t| {
                Framework::from_json(t, "f.json").unwrap();
            }),
        ),
        (
            "scorecard CSV (rows)",
            n(25_000),
            Box::new(inputs::scorecard_csv),
            Box::new(move |t| {
                Scorecard::from_csv(t, "s.csv", par2022.clone(), "Quảng Nam", Some(2022)).unwrap();
            }),
        ),
    ];
    println!("{:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7}", "loader", "n", "cpu n", "4n", "cpu 4n", "wall 4n", "ratio");
    // An optional second argument keeps the loaders whose name contains it.
    let only = args.get(1).cloned().unwrap_or_default();
    for (name, size, make, load) in loaders.iter().filter(|l| l.0.contains(only.as_str())) {
        let (small, large) = (make(*size), make(4 * size));
        let (_, c1) = best_of_3(&mut || load(&small));
        let (w4, c4) = best_of_3(&mut || load(&large));
        println!("{name:<28} {size:>9} {c1:>8.3}s {:>9} {c4:>8.3}s {w4:>8.3}s {:>7.2}", 4 * size, c4 / c1);
    }
}
