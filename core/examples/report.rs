//! The main job: where a province stands in the PAR INDEX and SIPAS, what it takes to
//! reach a target rank, and how likely that is next year.
//!
//! `cargo run --release -p parindex --example report` (defaults: Lạng Sơn, 2023, both
//! indices, target rank 30). `--help` lists the options.

use clap::Parser;
use parindex::report::{Report, ReportOptions};
use parindex::{Decimal, IndexKind};
use std::process::ExitCode;

/// Report a province's standing, the gap to a target rank and the chance of reaching it.
#[derive(Parser, Debug)]
#[command(name = "report")]
struct Args {
    /// Province (any spelling: "Lạng Sơn", "Lang Son", "TP.HCM").
    #[arg(long, default_value = "Lạng Sơn")]
    province: String,
    /// Index: par, sipas, or both.
    #[arg(long, default_value = "both")]
    index: String,
    /// Year of the published tables (2021–2023).
    #[arg(long, default_value_t = 2023)]
    year: u16,
    /// Target rank.
    #[arg(long, default_value_t = 30)]
    target: u32,
    /// Monte Carlo scenarios.
    #[arg(long, default_value_t = 100_000)]
    scenarios: u64,
    /// Seed of the random streams.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Planned gains to simulate, comma-separated percentage points (negative: losses).
    #[arg(long, default_value = "1,2,3,4,5,6", allow_hyphen_values = true)]
    gains: String,
    /// A PAR scorecard CSV (layout of testdata/published/par_index_scorecards.csv) for the rank-gain table.
    #[arg(long)]
    scorecard: Option<std::path::PathBuf>,
    /// Next-year model: fitted (every published fact, with its backtest) or empirical (the
    /// published changes drawn independently).
    #[arg(long, default_value = "fitted")]
    model: String,
    /// Language of the text report and the workbook/HTML: vi (default) or en.
    #[arg(long, default_value = "vi")]
    lang: String,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Also write the tables as a formatted Excel workbook (a sheet per table, notes sheet).
    #[arg(long)]
    xlsx: Option<std::path::PathBuf>,
    /// Also write the tables as a standalone HTML report.
    #[arg(long)]
    html: Option<std::path::PathBuf>,
}

fn run(args: Args) -> parindex::Result<String> {
    let lang = parindex::text::Lang::parse(&args.lang)?;
    let indices = match args.index.trim().to_ascii_lowercase().as_str() {
        "both" | "all" => vec![IndexKind::Par, IndexKind::Sipas],
        one => vec![IndexKind::parse(one)?],
    };
    let gains = args
        .gains
        .split(',')
        .map(|g| parindex::decimal::parse_decimal(g, &parindex::Location::default().with_column("--gains")))
        .collect::<parindex::Result<Vec<Decimal>>>()?;
    let scorecard = match &args.scorecard {
        Some(path) => Some((parindex::io::read_text(path)?, path.display().to_string())),
        None => None,
    };
    let options = ReportOptions {
        province: args.province,
        year: args.year,
        target_rank: args.target,
        indices,
        gains,
        scenarios: args.scenarios,
        seed: args.seed,
        scorecard,
        model: args.model,
    };
    let report = Report::build(&options)?;
    write_files(&report, args.xlsx.as_deref(), args.html.as_deref(), lang)?;
    Ok(if args.json { report.to_json().to_string() } else { report.to_text(lang) })
}

/// `--xlsx` and `--html`: the report's tables written out.
fn write_files(
    report: &Report,
    xlsx: Option<&std::path::Path>,
    html: Option<&std::path::Path>,
    lang: parindex::text::Lang,
) -> parindex::Result<()> {
    if xlsx.is_none() && html.is_none() {
        return Ok(());
    }
    let export = parindex::export::Export::from_report(report, lang)?;
    // A file that cannot be written is the option's problem (`Error::Io` says "cannot read").
    let write = |option: &str, path: &std::path::Path, bytes: &[u8]| {
        std::fs::write(path, bytes)
            .map_err(|e| parindex::Error::invalid_argument(option, format!("cannot write `{}`: {e}", path.display())))
    };
    if let Some(path) = xlsx {
        write("--xlsx", path, &export.to_xlsx()?)?;
    }
    if let Some(path) = html {
        write("--html", path, export.to_html().as_bytes())?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(text) => {
            use std::io::Write;
            // A closed pipe (`report | head`) ends the output, not the program with a panic.
            match writeln!(std::io::stdout().lock(), "{text}") {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write the report: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
