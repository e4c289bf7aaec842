//! The agency year for a province's own index at scale: 63 units × 100 leaves × 2 years
//! through the whole path — the long table read into scorecards, the league table of the
//! units, then for every unit the points lost per lead agency (with last year's change and
//! ranks at stake) and self-assessment against appraisal with the evidence what-if.
//! Synthetic data (a 10 × 10 framework of 1-point leaves, 12 agencies at mixed levels).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // bench code

#[path = "common/agency_fixture.rs"]
mod agency_fixture;

use agency_fixture::{inputs, whole_path, UNITS};
use criterion::{criterion_group, criterion_main, Criterion};
use parindex::agency::{accountability, appraisal, Assignments, Units};
use std::hint::black_box;
use std::sync::Arc;

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
