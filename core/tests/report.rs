//! The main job's report: its JSON has exactly the promised keys and the published values.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

mod common;
use common::testdata;
use parindex::report::{Report, ReportOptions};
use parindex::IndexKind;
use serde_json::Value;

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn json_shape_and_values() {
    let options = ReportOptions { scenarios: 5_000, ..ReportOptions::default() };
    let json = Report::build(&options).unwrap().to_json();
    assert_eq!(keys(&json), ["indices", "province", "scenarios", "seed", "target_rank", "unpublished", "year"]);
    assert_eq!(json["province"], "Lạng Sơn");
    assert_eq!((json["year"].as_u64(), json["target_rank"].as_u64()), (Some(2023), Some(30)));
    assert_eq!((json["seed"].as_u64(), json["scenarios"].as_u64()), (Some(7), Some(5_000)));
    let indices = json["indices"].as_array().unwrap();
    assert_eq!(indices.len(), 2);
    for item in indices {
        assert_eq!(
            keys(item),
            [
                "band",
                "calibration",
                "gain_for_p50",
                "gain_for_p80",
                "index",
                "model",
                "of",
                "plans",
                "points_to_target",
                "rank",
                "score"
            ]
        );
        assert_eq!(item["model"]["kind"], "fitted");
        assert_eq!(item["model"]["parameters"].as_array().unwrap().len(), 8);
        let pooled = &item["calibration"]["pooled"];
        assert_eq!(keys(pooled).len(), 9);
        assert_eq!(item["calibration"]["pairs"].as_array().unwrap().len(), 2);
        assert!(pooled["n"].as_u64().unwrap() >= 30 && pooled["rps"].as_f64() < pooled["baseline_rps"].as_f64());
        assert_eq!(keys(&item["points_to_target"]), ["estimate", "high", "low"]);
        let plans = item["plans"].as_array().unwrap();
        assert_eq!(plans.len(), 6);
        for (i, p) in plans.iter().enumerate() {
            assert_eq!(keys(p), ["gain", "p_target", "rank_p05", "rank_p50", "rank_p95"]);
            assert_eq!(p["gain"], format!("{}.00", i + 1));
            let pt = p["p_target"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&pt));
            assert!(p["rank_p05"].as_u64() <= p["rank_p50"].as_u64());
        }
        assert!(item["gain_for_p50"].is_string() && item["gain_for_p80"].is_string());
    }
    let par = &indices[0];
    assert_eq!((par["index"].as_str(), par["score"].as_str()), (Some("par"), Some("85.94")));
    assert_eq!((par["rank"].as_u64(), par["of"].as_u64(), par["band"].as_str()), (Some(47), Some(63), Some("B")));
    assert_eq!(par["points_to_target"]["low"], "1.10");
    assert_eq!(par["points_to_target"]["high"], "1.38");
    let sipas = &indices[1];
    assert_eq!(
        (sipas["score"].as_str(), sipas["rank"].as_u64(), sipas["band"].as_str()),
        (Some("79.30"), Some(55), Some("C"))
    );
}

#[test]
fn same_seed_same_report() {
    let options = ReportOptions { scenarios: 3_000, indices: vec![IndexKind::Sipas], ..ReportOptions::default() };
    let a = Report::build(&options).unwrap().to_json();
    let b = Report::build(&options).unwrap().to_json();
    assert_eq!(a, b);
    let c = Report::build(&ReportOptions { seed: 8, ..options.clone() }).unwrap().to_json();
    assert_ne!(a["indices"][0]["plans"], c["indices"][0]["plans"]);
    // The older model stays selectable by name, without a calibration.
    let old = Report::build(&ReportOptions { model: "empirical".into(), ..options.clone() }).unwrap().to_json();
    assert_eq!(old["indices"][0]["model"]["kind"], "empirical");
    assert!(old["indices"][0]["calibration"].is_null());
    let bad = ReportOptions { model: "magic".into(), ..options };
    assert!(matches!(Report::build(&bad), Err(parindex::Error::InvalidArgument { .. })));
}

#[test]
fn report_with_a_scorecard_has_the_rank_gain_table() {
    let text = std::fs::read_to_string(testdata("published/par_index_scorecards.csv")).unwrap();
    let options = ReportOptions {
        province: "Quảng Nam".into(),
        indices: vec![IndexKind::Par],
        scenarios: 2_000,
        scorecard: Some((text, "par_index_scorecards.csv".into())),
        ..ReportOptions::default()
    };
    let report = Report::build(&options).unwrap();
    let table = report.indices[0].gain_table.as_ref().unwrap();
    let joint = table.rows.iter().find(|r| r.code == "2+6+7").unwrap();
    assert_eq!(joint.lost, common::d("4.03")); // 35.5 − (9.38 + 10.50 + 11.59)
    assert_eq!(table.unknown_max, ["2", "6", "7"]);
    let text = report.to_text(parindex::text::Lang::En);
    assert!(text.contains("Cải cách thủ tục hành chính") && text.contains("implied by arithmetic"), "{text}");
    let text = report.to_text(parindex::text::Lang::Vi);
    assert!(text.contains("Cải cách thủ tục hành chính") && text.contains("suy ra bằng phép tính"), "{text}");
}

#[test]
fn report_errors_are_clear() {
    let bad = ReportOptions { province: "Gotham".into(), ..ReportOptions::default() };
    assert_eq!(Report::build(&bad).unwrap_err().kind(), "UNKNOWN_PROVINCE");
    let bad = ReportOptions { year: 2019, ..ReportOptions::default() };
    assert_eq!(Report::build(&bad).unwrap_err().kind(), "NOT_FOUND");
}

#[test]
fn an_index_without_the_province_is_said_to_be_missing_and_the_other_is_reported() {
    // TP. Hồ Chí Minh is in the PAR INDEX 2023 table, not in the SIPAS 2023 one.
    let options = ReportOptions { province: "TP.HCM".into(), scenarios: 2_000, ..ReportOptions::default() };
    let report = Report::build(&options).unwrap();
    assert_eq!(report.indices.len(), 1);
    assert_eq!(report.indices[0].index, IndexKind::Par);
    let json = report.to_json();
    assert_eq!(json["unpublished"][0]["index"], "sipas");
    assert!(json["unpublished"][0]["message"].as_str().unwrap().contains("Thành phố Hồ Chí Minh"), "{json}");
    let text = report.to_text(parindex::text::Lang::Vi);
    assert!(text.contains("chưa công bố điểm hay hạng của Thành phố Hồ Chí Minh"), "{text}");
    // Asked for that index alone, it is an error.
    let alone = ReportOptions { indices: vec![IndexKind::Sipas], ..options };
    assert!(matches!(Report::build(&alone), Err(parindex::Error::NotFound { .. })));
}
