//! The loaders at scale, on SYNTHETIC inputs (`loader_inputs.rs`):
//!
//! - `loaders/survey_long_csv/N`: long-form answers (N = 250,000 and 10^6; a national
//!   survey is about 1.5 million answers), from text and (the 10^6 case) from a file;
//! - `loaders/survey_wide_csv/N`, `loaders/survey_long_json/N`;
//! - `loaders/table_csv/N`: a league table of N units (25,000 and 10^5);
//! - `loaders/framework_csv/N`, `loaders/framework_json/N`, `loaders/scorecard_csv/N`.
//!
//! Each loader runs at n and 4n: the ratio of the two times is the scaling check (linear
//! is about 4). `cargo run --release -p parindex --example loader_scaling` prints the
//! ratios directly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark

#[path = "loader_inputs.rs"]
mod inputs;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use parindex::league::CsvTableOptions;
use parindex::sipas::{Survey, SurveyOptions};
use parindex::{Framework, IndexKind, LeagueTable, Scorecard};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let fw = inputs::sipas_framework();
    let options = SurveyOptions::default();
    let mut group = c.benchmark_group("loaders");
    group.sample_size(10);
    for n in [250_000, 1_000_000] {
        let text = inputs::survey_long_csv(n);
        group.bench_with_input(BenchmarkId::new("survey_long_csv", n), &text, |b, t| {
            b.iter(|| black_box(Survey::from_csv(t, "long.csv", fw, &options).unwrap()))
        });
        if n == 1_000_000 {
            let dir = std::env::temp_dir().join(format!("parindex-bench-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("long.csv");
            std::fs::write(&path, &text).unwrap();
            group.bench_function(BenchmarkId::new("survey_long_csv_path", n), |b| {
                b.iter(|| black_box(Survey::from_csv_path(&path, fw, &options).unwrap()))
            });
            std::fs::remove_dir_all(&dir).ok();
        }
        let wide = inputs::survey_wide_csv(n);
        group.bench_with_input(BenchmarkId::new("survey_wide_csv", n), &wide, |b, t| {
            b.iter(|| black_box(Survey::from_csv(t, "wide.csv", fw, &options).unwrap()))
        });
        let json = inputs::survey_long_json(n);
        group.bench_with_input(BenchmarkId::new("survey_long_json", n), &json, |b, t| {
            b.iter(|| black_box(Survey::from_json(t, "long.json", fw, &options).unwrap()))
        });
    }
    let table_options = CsvTableOptions::new(IndexKind::Custom("bench".into()), 2024);
    let par2022 = parindex::framework::builtin("par-2022").unwrap();
    for n in [25_000, 100_000] {
        let table = inputs::table_csv(n);
        group.bench_with_input(BenchmarkId::new("table_csv", n), &table, |b, t| {
            b.iter(|| black_box(LeagueTable::from_csv(t, "t.csv", &table_options).unwrap()))
        });
        let framework = inputs::framework_csv(n);
        group.bench_with_input(BenchmarkId::new("framework_csv", n), &framework, |b, t| {
            b.iter(|| black_box(Framework::from_csv(t, "f.csv", &inputs::framework_options()).unwrap()))
        });
        let json = inputs::framework_json(n);
        group.bench_with_input(BenchmarkId::new("framework_json", n), &json, |b, t| {
            b.iter(|| black_box(Framework::from_json(t, "f.json").unwrap()))
        });
        let card = inputs::scorecard_csv(n);
        group.bench_with_input(BenchmarkId::new("scorecard_csv", n), &card, |b, t| {
            b.iter(|| black_box(Scorecard::from_csv(t, "s.csv", par2022.clone(), "Quảng Nam", Some(2022)).unwrap()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
