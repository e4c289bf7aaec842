//! Synthetic SIPAS answers for benchmarks (never real data), and a timed bootstrap.
//!
//! ```text
//! cargo run --release -p parindex --example sipas_synthetic -- generate \
//!     --units 63 --respondents 600 --seed 1 --out /tmp/sipas-synthetic.csv
//! cargo run --release -p parindex --example sipas_synthetic -- bootstrap \
//!     --input /tmp/sipas-synthetic.csv --replicates 1000 --seed 1 [--rule top2|mean]
//! ```
//!
//! `generate` writes a wide CSV (framework `sipas-2023`, 39 items) from the seeded synthetic
//! generator. `bootstrap` reads such a CSV and prints one JSON line: the bootstrap's wall time
//! (reading the file is not timed), replicates per second, and the point estimates and
//! intervals of the first unit, for cross-checking another implementation.
//! Threads: rayon's global pool (`RAYON_NUM_THREADS`).

use parindex::framework::builtin;
use parindex::sipas::{BootstrapOptions, SatisfactionRule, SipasOptions, Survey, SurveyOptions, SyntheticSpec};
use std::time::Instant;

fn arg<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

fn num<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> Result<T, String> {
    match arg(args, name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| format!("{name}: `{v}` is not a number")),
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fw = builtin("sipas-2023").map_err(|e| e.to_string())?;
    match args.first().map(String::as_str) {
        Some("generate") => {
            let spec = SyntheticSpec {
                units: num(&args, "--units", 63)?,
                respondents: num(&args, "--respondents", 600)?,
                seed: num(&args, "--seed", 1)?,
                weighted: args.iter().any(|a| a == "--weighted"),
                ..SyntheticSpec::default()
            };
            let out = arg(&args, "--out").ok_or("--out is required")?;
            let survey = Survey::synthetic(fw, &spec).map_err(|e| e.to_string())?;
            std::fs::write(out, survey.to_wide_csv().map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
            println!("{{\"written\": \"{out}\", \"label\": \"{}\"}}", survey.label());
            Ok(())
        }
        Some("bootstrap") => {
            let input = arg(&args, "--input").ok_or("--input is required")?;
            let survey = Survey::from_csv_path(input, fw, &SurveyOptions::default()).map_err(|e| e.to_string())?;
            let rule = SatisfactionRule::parse(arg(&args, "--rule").unwrap_or("top2")).map_err(|e| e.to_string())?;
            let options = SipasOptions { rule, ..SipasOptions::default() };
            let boot = BootstrapOptions {
                replicates: num(&args, "--replicates", 1000)?,
                seed: num(&args, "--seed", 1)?,
                ..BootstrapOptions::default()
            };
            let start = Instant::now();
            survey.compute(&options).map_err(|e| e.to_string())?;
            let point_seconds = start.elapsed().as_secs_f64();
            let start = Instant::now();
            let result = survey.bootstrap(&options, &boot).map_err(|e| e.to_string())?;
            let seconds = start.elapsed().as_secs_f64();
            let first = result.units.first().ok_or("no units")?;
            let nodes: Vec<String> = first
                .nodes
                .iter()
                .filter_map(|n| n.interval.map(|i| format!("\"{}\": [{}, {}, {}]", n.key, i.estimate, i.low, i.high)))
                .collect();
            println!(
                "{{\"seconds\": {seconds:.6}, \"point_seconds\": {point_seconds:.6}, \"replicates\": {}, \"replicates_per_second\": {:.1}, \"units\": {}, \
                 \"respondents\": {}, \"threads\": {}, \"first_unit\": \"{}\", \"sipas\": [{}, {}, {}], {}}}",
                boot.replicates,
                f64::from(boot.replicates) / seconds,
                result.units.len(),
                survey.respondent_count(),
                std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
                first.unit,
                first.sipas.estimate,
                first.sipas.low,
                first.sipas.high,
                nodes.join(", ")
            );
            Ok(())
        }
        _ => Err("usage: sipas_synthetic generate|bootstrap [options] (see the file's documentation)".into()),
    }
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}
