//! Leave-one-year-out backtest of the next-year model: `cargo run --example backtest`.
use parindex::simulate::{backtest, summarise, NextYearModel};
use parindex::IndexKind;

fn main() -> Result<(), parindex::Error> {
    let mut all = Vec::new();
    println!("| pair | n | inside 50% | coverage 50% (95% CI) | inside 90% | coverage 90% (95% CI) | median 90% band | RPS | baseline cov. 90% | baseline RPS |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for index in [IndexKind::Par, IndexKind::Sipas] {
        for (t, u) in [(2021u16, 2022u16), (2022, 2023)] {
            let b = backtest(&index, t, u, &NextYearModel::default())?;
            let s = &b.summary;
            println!(
                "| {index} {t}→{u} | {} | {} | {:.0}% ({:.0}–{:.0}%) | {} | {:.0}% ({:.0}–{:.0}%) | {:.0} | {:.3} | {:.0}% | {:.3} |",
                s.n, s.inside_50, 100.0 * s.coverage_50, 100.0 * s.coverage_50_interval.0, 100.0 * s.coverage_50_interval.1,
                s.inside_90, 100.0 * s.coverage_90, 100.0 * s.coverage_90_interval.0, 100.0 * s.coverage_90_interval.1,
                s.median_band_90, s.rps, 100.0 * s.baseline_coverage_90, s.baseline_rps
            );
            if std::env::args().any(|a| a == "-v") {
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
    let s = summarise(&all);
    println!(
        "| pooled | {} | {} | {:.0}% ({:.0}–{:.0}%) | {} | {:.0}% ({:.0}–{:.0}%) | {:.0} | {:.3} | {:.0}% | {:.3} |",
        s.n,
        s.inside_50,
        100.0 * s.coverage_50,
        100.0 * s.coverage_50_interval.0,
        100.0 * s.coverage_50_interval.1,
        s.inside_90,
        100.0 * s.coverage_90,
        100.0 * s.coverage_90_interval.0,
        100.0 * s.coverage_90_interval.1,
        s.median_band_90,
        s.rps,
        100.0 * s.baseline_coverage_90,
        s.baseline_rps
    );
    Ok(())
}
