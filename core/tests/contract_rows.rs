//! The ordered output rows of the contract (`parindex::contract::rows`): column order,
//! values equal to the results they flatten, one rank-range convention.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code: a panic is a failure

use parindex::contract::{self, what_if_columns, what_if_rows, Scenarios};
use parindex::framework::{builtin, Framework};
use parindex::simulate::{self, ForecastOptions, MonteCarlo};
use parindex::sipas::{BootstrapOptions, NodeChange, SipasOptions, Survey, SurveyOptions};
use parindex::{published, Decimal, IndexKind, Scorecard};
use serde::Serialize;
use serde_json::{json, Value};
use std::path::PathBuf;

fn sipas_data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/sipas").join(name)
}

fn survey(name: &str) -> Survey {
    let fw = Framework::from_json_path(sipas_data("mini-framework.json")).unwrap();
    Survey::from_csv_path(sipas_data(name), &fw, &SurveyOptions::default()).unwrap()
}

/// The keys of a serialized row, in order.
fn keys<T: Serialize>(row: &T) -> Vec<String> {
    match serde_json::to_value(row).unwrap() {
        Value::Object(m) => m.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

fn quang_nam() -> Scorecard {
    let points = [
        ("1", "9.44"),
        ("2", "9.38"),
        ("3", "10.68"),
        ("4", "9.81"),
        ("5", "11.75"),
        ("6", "10.50"),
        ("7", "11.59"),
        ("total", "84.6"),
    ];
    let points: Vec<(&str, Decimal)> = points.iter().map(|(c, p)| (*c, p.parse().unwrap())).collect();
    Scorecard::from_points(builtin("par-2022").unwrap().clone(), "Quảng Nam", points).unwrap().with_year(2023)
}

#[test]
fn sipas_unit_rows_follow_the_columns() {
    let r = survey("mini-wide.csv").compute(&SipasOptions::default()).unwrap();
    let columns = r.unit_columns(false);
    let rows = r.unit_rows(false);
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(keys(row), columns);
    }
    assert_eq!(columns.first().map(String::as_str), Some("unit"));
    assert_eq!(&columns[columns.len() - 2..], ["n", "rank"]);
    let alpha = serde_json::to_value(&rows[0]).unwrap();
    // 185/3 at the stated precision (4 decimals); Beta (200/3) ranks first.
    assert_eq!(alpha["unit"], "Alpha");
    assert_eq!(alpha["sipas"], "61.6667");
    assert_eq!((alpha["n"].as_u64(), alpha["rank"].as_u64()), (Some(4), Some(2)));
    let beta = serde_json::to_value(&rows[1]).unwrap();
    assert_eq!((beta["sipas"].as_str(), beta["rank"].as_u64()), (Some("66.6667"), Some(1)));

    // With the items: each item's percent and its count of valid answers.
    let with_items = r.unit_rows(true);
    assert_eq!(keys(&with_items[0]), r.unit_columns(true));
    let alpha = serde_json::to_value(&with_items[0]).unwrap();
    assert_eq!((alpha["P.1.2"].as_str(), alpha["P.1.2_n"].as_u64()), (Some("66.6667"), Some(3)));
    assert_eq!((alpha["S.1.2"].as_str(), alpha["S.1.2_n"].as_u64()), (Some("75"), Some(4)));

    // Weighted: a weight_total column after rank.
    let w = survey("mini-wide-weighted.csv").compute(&SipasOptions::default()).unwrap();
    let columns = w.unit_columns(false);
    assert_eq!(columns.last().map(String::as_str), Some("weight_total"));
    let alpha = serde_json::to_value(&w.unit_rows(false)[0]).unwrap();
    assert_eq!(alpha["weight_total"], "5");
}

#[test]
fn bootstrap_rows_name_the_rank_interval_best_and_worst() {
    let s = survey("mini-wide.csv");
    let r = s.compute(&SipasOptions::default()).unwrap();
    let b = s
        .bootstrap(
            &SipasOptions::default(),
            &BootstrapOptions { replicates: 40, seed: 3, ..BootstrapOptions::default() },
        )
        .unwrap();
    let rows = b.unit_rows();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        keys(&rows[0]),
        ["unit", "sipas", "sipas_low", "sipas_high", "sipas_se", "rank", "rank_best", "rank_worst"]
    );
    for (row, unit) in rows.iter().zip(&b.units) {
        assert_eq!((row.rank, row.rank_best, row.rank_worst), (unit.rank.rank, unit.rank.low, unit.rank.high));
        assert!(row.rank_best <= row.rank_worst);
        assert!(row.sipas_low <= row.sipas && row.sipas <= row.sipas_high);
        assert_eq!(row.rank, r.index(&row.unit).unwrap().rank);
    }
}

#[test]
fn a_sipas_what_if_is_one_row() {
    let r = survey("mini-wide.csv").compute(&SipasOptions::default()).unwrap();
    let changes: contract::SipasChanges = contract::from_value(json!({"sipas": 10}), "changes").unwrap();
    let w = r.what_if("Alpha", &changes.0).unwrap().shown();
    assert_eq!(w, r.what_if("Alpha", &[NodeChange::add("sipas", Decimal::TEN)]).unwrap().shown());
    let row = serde_json::to_value(w.row()).unwrap();
    let k = keys(&w.row());
    assert_eq!(&k[..6], ["unit", "sipas_before", "sipas_after", "rank_before", "rank_after", "of"]);
    assert_eq!(k.last().map(String::as_str), Some("capped_items"));
    assert!(k[6..k.len() - 1].iter().all(|c| c.ends_with("_after")), "{k:?}");
    // 61.6667 + 10 puts Alpha above Beta (66.6667).
    assert_eq!((row["sipas_before"].as_str(), row["sipas_after"].as_str()), (Some("61.6667"), Some("71.6667")));
    assert_eq!(
        (row["rank_before"].as_u64(), row["rank_after"].as_u64(), row["of"].as_u64()),
        (Some(2), Some(1), Some(2))
    );
}

#[test]
fn rank_gain_rows_are_flat_and_equal_the_nested_table() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let g = simulate::rank_gain(&quang_nam(), &t, Some(30)).unwrap();
    let rows = g.flat_rows();
    assert_eq!(rows.len(), g.rows.len());
    let k = keys(&rows[0]);
    assert_eq!(k[..8], ["code", "level", "name_vi", "name_en", "max_points", "points", "source", "lost"]);
    assert!(k.iter().all(|c| !c.contains("low") || c.starts_with("for_")), "{k:?}");
    for (flat, nested) in rows.iter().zip(&g.rows) {
        assert_eq!(flat.code, nested.code);
        assert_eq!(
            (flat.rank_if_recovered, flat.rank_if_recovered_best, flat.rank_if_recovered_worst),
            (nested.rank_if_recovered.estimate, nested.rank_if_recovered.best, nested.rank_if_recovered.worst)
        );
        assert_eq!(flat.for_target_high, nested.for_target.map(|p| p.high));
        assert_eq!(flat.for_plus_1_low, nested.for_plus_1.map(|p| p.low));
    }
}

#[test]
fn what_if_rows_share_their_columns() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let scenarios: Scenarios =
        contract::from_value(json!({"+1 in field 3": {"3": 1}, "SIPAS +0.5": {"sipas": "0.5"}}), "scenarios").unwrap();
    let results = simulate::what_if(&quang_nam(), Some(&t), &scenarios.0).unwrap();
    let rows = what_if_rows(&results);
    let columns = what_if_columns(&results);
    assert_eq!(columns[..contract::WHAT_IF_COLUMNS.len()], *contract::WHAT_IF_COLUMNS);
    for row in &rows {
        assert_eq!(keys(row), columns);
    }
    let first = serde_json::to_value(&rows[0]).unwrap();
    assert_eq!((first["points_after"].as_str(), first["change_3"].as_str()), (Some("85.6"), Some("1")));
    assert_eq!(first["rank_before"], 56);
    let second = serde_json::to_value(&rows[1]).unwrap();
    assert_eq!((second["change_sipas"].as_str(), second["points_after"].as_str()), (Some("0.5"), Some("85.1")));
    assert_eq!(second["change_3"], Value::Null);
}

#[test]
fn simulation_and_forecast_rows_use_quantile_names() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let options: MonteCarlo = contract::from_value(
        json!({"province": "Lạng Sơn", "gains": [1, 2], "target_rank": 30, "scenarios": 500, "seed": 1}),
        "options",
    )
    .unwrap();
    let s = simulate::simulate(&t, &options).unwrap();
    let rows = s.summary_rows();
    assert_eq!(keys(&rows[0]), ["gain", "p_target", "rank_p05", "rank_p50", "rank_p95"]);
    for (row, plan) in rows.iter().zip(&s.plans) {
        assert_eq!(
            (row.gain, row.p_target, row.rank_p05, row.rank_p50, row.rank_p95),
            (plan.gain, plan.p_target, plan.rank_p05, plan.rank_p50, plan.rank_p95)
        );
    }
    let f = simulate::forecast(&t, &ForecastOptions::default()).unwrap();
    let rows = f.table_rows();
    assert_eq!(rows.len(), f.rows.len());
    assert_eq!(
        keys(&rows[0]),
        [
            "province",
            "rank_now",
            "score_now",
            "rank_p05",
            "rank_p25",
            "rank_p50",
            "rank_p75",
            "rank_p95",
            "p_target",
            "expected_score",
            "score_p05",
            "score_p95",
            "published"
        ]
    );
    for (row, full) in rows.iter().zip(&f.rows) {
        assert_eq!((&row.province, row.rank_p50, row.p_target), (&full.province, full.rank_p50, full.p_target));
    }
}
