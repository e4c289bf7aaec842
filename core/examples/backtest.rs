//! Leave-one-year-out backtest of the next-year model, as the README's table:
//! `cargo run --example backtest` (`-v`: the models and every province).
use parindex::simulate::{backtest, summarise, BacktestSummary, NextYearModel};
use parindex::IndexKind;

fn line(label: &str, s: &BacktestSummary) -> String {
    let pct = |x: f64| 100.0 * x;
    format!(
        "| {label} | {} | {} ({:.0}%, {:.0}–{:.0}%) | {} ({:.0}%, {:.0}–{:.0}%) | {:.0} / {:.0} ({} of {}) | {:.3} | {:.0}% | {:.0}% | {:.3} |",
        s.n,
        s.inside_50,
        pct(s.coverage_50),
        pct(s.coverage_50_interval.0),
        pct(s.coverage_50_interval.1),
        s.inside_90,
        pct(s.coverage_90),
        pct(s.coverage_90_interval.0),
        pct(s.coverage_90_interval.1),
        s.median_band_90,
        s.median_band_90_published,
        s.n_published,
        s.n,
        s.rps,
        pct(s.baseline_coverage_50),
        pct(s.baseline_coverage_90),
        s.baseline_rps
    )
}

fn main() -> Result<(), parindex::Error> {
    let verbose = std::env::args().any(|a| a == "-v");
    let mut all = Vec::new();
    println!("| fit ≤ t → test t+1 | ranks | inside 50% band (95% CI) | inside 90% band (95% CI) | median 90% band, all / published at t | RPS | baseline 50% | baseline 90% | baseline RPS |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for index in [IndexKind::Par, IndexKind::Sipas] {
        for (t, u) in [(2021u16, 2022u16), (2022, 2023)] {
            let b = backtest(&index, t, u, &NextYearModel::default())?;
            println!("{}", line(&format!("{index} {t}→{u}"), &b.summary));
            if verbose {
                println!("{}", b.model.description);
                for p in &b.model.parameters {
                    println!("  {} = {:.3} ({})", p.name, p.value, p.source);
                }
                for r in &b.rows {
                    println!(
                        "  {} actual {} band {}–{} (50%: {}–{})",
                        r.province, r.actual_rank, r.rank_p05, r.rank_p95, r.rank_p25, r.rank_p75
                    );
                }
            }
            all.extend(b.rows);
        }
    }
    println!("{}", line("pooled", &summarise(&all)));
    Ok(())
}
