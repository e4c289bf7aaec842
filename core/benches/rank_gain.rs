//! The rank-gain table for every node × every province: a synthetic framework shaped like
//! 876/QĐ-BNV (8 fields, 37 criteria, 88 sub-criteria, 100 points) and 63 synthetic
//! scorecards ranked in a complete synthetic table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // bench code

use criterion::{criterion_group, criterion_main, Criterion};
use parindex::framework::{Node, Status};
use parindex::province::registry;
use parindex::simulate::rank_gain;
use parindex::{CsvTableOptions, Decimal, EntryInput, Framework, IndexKind, LeagueTable, Scorecard};
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::hint::black_box;
use std::sync::Arc;

fn node(code: String, max: Decimal) -> Node {
    Node {
        name_vi: format!("Tiêu chí {code} (synthetic)"),
        name_en: String::new(),
        max_points: Some(max),
        at_least: None,
        method: None,
        rule: None,
        status: Status::Assumed,
        source: None,
        note: None,
        code,
    }
}

/// 8 fields of 12.5 points, 37 criteria, 88 sub-criteria (sizes spread evenly).
fn synthetic_framework() -> Framework {
    let criteria_per_field = [5, 5, 5, 5, 5, 4, 4, 4];
    let mut nodes = Vec::new();
    let mut subs_left = 88;
    let mut crit_left = 37;
    for (f, &nc) in criteria_per_field.iter().enumerate() {
        nodes.push(node(format!("{}", f + 1), Decimal::new(1250, 2)));
        // Split 12.50 over nc criteria in hundredths.
        let field_h = 1250i64;
        for c in 0..nc {
            let crit_h = field_h / nc as i64 + if c == 0 { field_h % nc as i64 } else { 0 };
            nodes.push(node(format!("{}.{}", f + 1, c + 1), Decimal::new(crit_h, 2)));
            let ns = (subs_left / crit_left).max(1);
            subs_left -= ns;
            crit_left -= 1;
            for s in 0..ns {
                let sub_h = crit_h / ns as i64 + if s == 0 { crit_h % ns as i64 } else { 0 };
                nodes.push(node(format!("{}.{}.{}", f + 1, c + 1, s + 1), Decimal::new(sub_h, 2)));
            }
        }
    }
    let meta = Framework::empty(
        "synthetic-876",
        IndexKind::Custom("synthetic".into()),
        "Khung tổng hợp (synthetic)",
        Some(Decimal::ONE_HUNDRED),
    );
    Framework::from_parts(meta, nodes, vec![], vec![]).unwrap()
}

fn bench(c: &mut Criterion) {
    let fw = Arc::new(synthetic_framework());
    assert_eq!(fw.counts(), (8, 37, 88));
    let names: Vec<String> = registry().unwrap().provinces().iter().map(|p| p.name.clone()).collect();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
    let cards: Vec<Scorecard> = names
        .iter()
        .map(|name| {
            let mut card = Scorecard::new(Arc::clone(&fw), name);
            for leaf in fw.leaves() {
                let max = leaf.max_points.unwrap();
                let share: i64 = rng.random_range(70..=100);
                card.set(&leaf.code, (max * Decimal::from(share) / Decimal::ONE_HUNDRED).round_dp(2)).unwrap();
            }
            card
        })
        .collect();
    let entries = cards
        .iter()
        .map(|card| EntryInput { province: card.province().to_string(), score: card.index(), ..Default::default() })
        .collect();
    let table = LeagueTable::from_entries(entries, &CsvTableOptions::new(IndexKind::Par, 2023), None).unwrap();
    let rows: usize = cards.iter().map(|card| rank_gain(card, &table, Some(30)).unwrap().rows.len()).sum();
    println!("rank-gain table: {} provinces, {rows} rows in all", cards.len());
    let mut g = c.benchmark_group("rank_gain_every_node_every_province");
    g.sample_size(10);
    g.bench_function("63_provinces_x_134_nodes", |b| {
        b.iter(|| {
            for card in &cards {
                black_box(rank_gain(card, &table, Some(30)).unwrap());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
