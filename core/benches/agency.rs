//! The agency year for a province's own index at scale: 63 units × 100 leaves × 2 years
//! through the whole path — the long table read into scorecards, the league table of the
//! units, then for every unit the points lost per lead agency (with last year's change and
//! ranks at stake) and self-assessment against appraisal with the evidence what-if.
//! Synthetic data (a 10 × 10 framework of 1-point leaves, 12 agencies at mixed levels).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // bench code

use criterion::{criterion_group, criterion_main, Criterion};
use parindex::agency::{accountability, appraisal, Assignments, Units};
use parindex::framework::CsvFrameworkOptions;
use parindex::Framework;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::fmt::Write;
use std::hint::black_box;
use std::sync::Arc;

const UNITS: usize = 63;

fn inputs() -> (Arc<Framework>, String, String) {
    let mut fw = String::from("STT,Tiêu chí,Điểm tối đa,Phương thức,Cách tính điểm\n");
    for f in 1..=10 {
        writeln!(fw, "{f},Lĩnh vực {f},10,,").unwrap();
        for l in 1..=10 {
            writeln!(fw, "{f}.{l},Tiêu chí {f}.{l},1,thẩm định,proportional: 100").unwrap();
        }
    }
    fw.push_str("Tổng,Tổng cộng,100,,\n");
    let options = CsvFrameworkOptions { id: "bench".into(), ..CsvFrameworkOptions::default() };
    let fw = Arc::new(Framework::from_csv(&fw, "bench.csv", &options).unwrap());
    // 10 agencies lead the fields; 2 more take over some leaves.
    let mut annex = String::from("STT,Nội dung,Cơ quan chủ trì,Cơ quan phối hợp\n");
    for f in 1..=10 {
        writeln!(annex, "{f},Lĩnh vực {f},Cơ quan {f},Cơ quan {}", f % 10 + 1).unwrap();
        writeln!(annex, "{f}.{},Tiêu chí,Cơ quan {},", f, 11 + f % 2).unwrap();
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
    let mut long = String::from("year,unit,code,points,self_assessed,appraised,evidence\n");
    for year in [2023, 2024] {
        for u in 0..UNITS {
            for f in 1..=10 {
                for l in 1..=10 {
                    let appraised = rng.random_range(50..=100u32);
                    let claimed = (appraised + rng.random_range(0..=10u32)).min(100);
                    let evidence = if rng.random_range(0..5u32) == 0 { "" } else { "12/BC-UBND" };
                    writeln!(
                        long,
                        "{year},Đơn vị {u:02},{f}.{l},{}.{:02},{}.{:02},{}.{:02},{evidence}",
                        appraised / 100,
                        appraised % 100,
                        claimed / 100,
                        claimed % 100,
                        appraised / 100,
                        appraised % 100
                    )
                    .unwrap();
                }
            }
        }
    }
    (fw, annex, long)
}

fn whole_path(fw: &Arc<Framework>, annex: &str, long: &str) -> usize {
    let assignments = Assignments::from_csv(annex, "annex.csv", Arc::clone(fw)).unwrap();
    let before = Units::from_csv(long, "long.csv", Arc::clone(fw), Some(2023)).unwrap();
    let now = Units::from_csv(long, "long.csv", Arc::clone(fw), Some(2024)).unwrap();
    let table = now.league_table().unwrap();
    let mut rows = 0;
    for card in now.cards() {
        let a = accountability(card, &assignments, Some(&table), before.get(card.province()), None).unwrap();
        let b = appraisal(card, Some(&assignments), Some(&table)).unwrap();
        rows += a.rows.len() + b.nodes.len();
    }
    rows
}

fn bench(c: &mut Criterion) {
    let (fw, annex, long) = inputs();
    assert_eq!(whole_path(&fw, &annex, &long), UNITS * (12 + 100));
    c.bench_function("agency_63_units_100_leaves_2_years", |b| {
        b.iter(|| black_box(whole_path(&fw, black_box(&annex), black_box(&long))))
    });
    // The parts: reading the long table (one year), and the per-unit analyses.
    c.bench_function("agency_read_long_one_year", |b| {
        b.iter(|| black_box(Units::from_csv(black_box(&long), "long.csv", Arc::clone(&fw), Some(2024)).unwrap()))
    });
    let assignments = Assignments::from_csv(&annex, "annex.csv", Arc::clone(&fw)).unwrap();
    let before = Units::from_csv(&long, "long.csv", Arc::clone(&fw), Some(2023)).unwrap();
    let now = Units::from_csv(&long, "long.csv", Arc::clone(&fw), Some(2024)).unwrap();
    let table = now.league_table().unwrap();
    c.bench_function("agency_accountability_63_units", |b| {
        b.iter(|| {
            for card in now.cards() {
                black_box(accountability(card, &assignments, Some(&table), before.get(card.province()), None).unwrap());
            }
        })
    });
    c.bench_function("agency_appraisal_63_units", |b| {
        b.iter(|| {
            for card in now.cards() {
                black_box(appraisal(card, Some(&assignments), Some(&table)).unwrap());
            }
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
