//! Golden tests: the published figures in testdata/ reproduced (sources in testdata/README.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code: a panic is a failure

mod common;
use common::{d, testdata};
use parindex::framework::builtin;
use parindex::{published, Band, IndexKind, PointsSource, ProblemKind, Scorecard};

const SCORECARDS: &str = "published/par_index_scorecards.csv";

fn card(province: &str) -> Scorecard {
    let fw = builtin("par-2022").unwrap().clone();
    Scorecard::from_csv_path(testdata(SCORECARDS), fw, province, Some(2023)).unwrap()
}

#[test]
fn dak_lak_2023_components_add_up_to_87_33() {
    let c = card("Đắk Lắk");
    let comps = ["appraised", "socio_economic", "leaders_survey", "sipas"];
    let points: Vec<_> = comps.iter().map(|k| c.points(k).unwrap().unwrap().points).collect();
    assert_eq!(points, vec![d("57.92"), d("2.97"), d("18.29"), d("8.15")]);
    assert_eq!(c.total(), Some(d("87.33")));
    assert_eq!(c.band(), Some(Band::B));
    assert!(c.problems().is_empty(), "{:?}", c.problems());
    let t = published(&IndexKind::Par, 2023).unwrap();
    assert_eq!(t.rank("Đắk Lắk").unwrap(), Some(28));
    assert!(t.check_scorecard(&c).unwrap().is_empty());
}

#[test]
fn hoa_binh_2023_conflicts_are_reported_not_corrected() {
    let c = card("Hoà Bình"); // the other tone-mark placement resolves too
                              // The article's total stays as published.
    assert_eq!(c.points("total").unwrap().unwrap().points, d("86.89"));
    assert_eq!(c.points("total").unwrap().unwrap().source, PointsSource::Given);
    let problems = c.problems();
    let sum = problems.iter().find(|p| p.kind == ProblemKind::SumMismatch).expect("sum mismatch reported");
    assert!(sum.message.contains("87.89"), "{}", sum.message);
    assert!(sum.codes.contains(&"total".to_string()) && sum.codes.contains(&"sipas".to_string()));
    assert!(!sum.rows.is_empty());
    // The league table has 86.76 from another source: that conflict is reported too.
    let t = published(&IndexKind::Par, 2023).unwrap();
    assert_eq!(t.score("Hòa Bình").unwrap(), Some(d("86.76")));
    let vs_table = t.check_scorecard(&c).unwrap();
    assert_eq!(vs_table.len(), 1);
    assert_eq!(vs_table[0].kind, ProblemKind::TableMismatch);
    assert!(vs_table[0].message.contains("86.89") && vs_table[0].message.contains("86.76"));
    // Published field 3 shows 99.93% from unrounded points; 12.99/13 is 99.92%.
    let f3 = c.sub_index("3").unwrap().unwrap();
    assert_eq!(parindex::decimal::fmt_publish(f3), "99.92");
}

#[test]
fn quang_nam_field_8_is_implied_and_labelled() {
    let c = card("Quảng Nam");
    let f8 = c.points("8").unwrap().unwrap();
    assert_eq!((f8.points, f8.source), (d("11.45"), PointsSource::Implied));
    // Fields 2, 6, 7 have unknown maxima: the file's empty max is not a conflict.
    assert!(c.problems().iter().all(|p| p.kind != ProblemKind::SumMismatch));
    let t = published(&IndexKind::Par, 2023).unwrap();
    assert_eq!(t.rank("Quảng Nam").unwrap(), Some(56));
    // Published as "84.6": the same number, written with the 2 published decimals.
    assert_eq!(t.score("Quảng Nam").unwrap().unwrap().to_string(), "84.60");
}

#[test]
fn lang_son_2023_par_needs_1_10_to_1_38_points_for_the_top_30() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    assert_eq!(t.of(), 63);
    assert_eq!(t.rank("Lạng Sơn").unwrap(), Some(47));
    assert_eq!(t.score("Lạng Sơn").unwrap(), Some(d("85.94")));
    assert_eq!(t.band("Lạng Sơn").unwrap(), Some(Band::B));
    let need = t.points_to_rank("Lạng Sơn", 30).unwrap();
    assert_eq!((need.low, need.high), (d("1.10"), d("1.38")));
    // Estimate: #30 interpolated between #29 (87.32) and #32 (87.04) = 87.23.
    assert_eq!(need.estimate, d("1.29"));
    // #30's own score bounds are the neighbours'.
    assert_eq!(t.score_bounds("Kon Tum").unwrap().high, d("86.15")); // #43, below Cần Thơ #42
                                                                     // With exactly the low gain, the best case reaches #30; with the high gain, every case does.
    let best = t.rank_with_gain("Lạng Sơn", need.low).unwrap();
    assert!(best.best <= 30 && best.worst > 30, "{best:?}");
    let sure = t.rank_with_gain("Lạng Sơn", need.high).unwrap();
    assert!(sure.worst <= 30, "{sure:?}");
    let short = t.rank_with_gain("Lạng Sơn", need.low - d("0.01")).unwrap();
    assert!(short.best > 30, "{short:?}");
}

#[test]
fn lang_son_2023_sipas_is_55th() {
    let t = published(&IndexKind::Sipas, 2023).unwrap();
    assert_eq!(t.rank("Lạng Sơn").unwrap(), Some(55));
    assert_eq!(t.score("Lạng Sơn").unwrap(), Some(d("79.30")));
    assert_eq!(t.band("Lạng Sơn").unwrap(), Some(Band::C));
    let need = t.points_to_rank("Lạng Sơn", 30).unwrap();
    // #30 lies between #19 Gia Lai 83.84 and #47 Tiền Giang 80.25.
    assert_eq!((need.low, need.high), (d("0.95"), d("4.54")));
}

#[test]
fn sipas_2023_inversion_is_reported() {
    let t = published(&IndexKind::Sipas, 2023).unwrap();
    let inv: Vec<_> = t.problems().iter().filter(|p| p.kind == ProblemKind::RankOrder).collect();
    assert_eq!(inv.len(), 1, "{inv:?}");
    assert_eq!(inv[0].provinces, vec!["Hải Phòng".to_string(), "Lào Cai".to_string()]);
    assert_eq!(inv[0].rows.len(), 2);
    // The published values themselves are kept.
    assert_eq!(t.score("Hải Phòng").unwrap(), Some(d("88.09")));
    assert_eq!(t.rank("Lào Cai").unwrap(), Some(6));
}

#[test]
fn partial_data_is_the_normal_case() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let rows = t.rows();
    assert_eq!(rows.len(), 63);
    assert_eq!(rows.iter().filter(|r| r.rank.is_some()).count(), 34);
    assert_eq!(rows.iter().filter(|r| r.score.is_some()).count(), 26);
    // Rank known, score unknown: bounded by the neighbours (Thái Nguyên #6 between #7 and #5).
    let tn = t.score_bounds("Thái Nguyên").unwrap();
    assert_eq!((tn.low, tn.high, tn.known), (d("90.60"), d("91.03"), false));
    // Score known, rank unknown: Hòa Bình 86.76 fits the free ranks between #34 (86.89) and #41 (86.25).
    let hb = t.rank_bounds("Hòa Bình").unwrap();
    assert_eq!((hb.best, hb.worst), (35, 40));
    // Source conflicts flagged in the notes are surfaced.
    assert!(t.problems().iter().any(|p| p.kind == ProblemKind::SourceConflict && p.provinces == ["Cà Mau"]));
}

#[test]
fn year_over_year_matches_the_stated_moves() {
    let t22 = published(&IndexKind::Par, 2022).unwrap();
    let t23 = published(&IndexKind::Par, 2023).unwrap();
    let yoy = parindex::year_over_year(&t22, &t23).unwrap();
    let row = |p: &str| yoy.iter().find(|r| r.province == p).unwrap().clone();
    // Hà Tĩnh "tăng 10 bậc": #28 → #18; 85.95 → 88.35.
    let ht = row("Hà Tĩnh");
    assert_eq!((ht.rank_change, ht.score_change), (Some(10), Some(d("2.40"))));
    // Yên Bái "tăng 4 bậc": #14 → #10.
    assert_eq!(row("Yên Bái").rank_change, Some(4));
    assert!(parindex::year_over_year(&t23, &t22).is_err());
}

#[test]
fn regional_averages_count_what_is_known() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let avgs = t.regional_averages();
    assert_eq!(avgs.len(), 6);
    let tn = avgs.iter().find(|a| a.region == "Tây Nguyên").unwrap();
    assert_eq!((tn.known, tn.provinces, tn.mean), (1, 5, Some(d("87.33"))));
    assert_eq!(avgs.iter().map(|a| a.provinces).sum::<usize>(), 63);
}

#[test]
fn published_tables_exist_for_2021_to_2023_only() {
    for index in [IndexKind::Par, IndexKind::Sipas] {
        assert_eq!(parindex::published_years(&index).unwrap(), vec![2021, 2022, 2023]);
    }
    let err = published(&IndexKind::Par, 2020).unwrap_err();
    assert_eq!(err.kind(), "NOT_FOUND");
    assert!(err.to_string().contains("2021, 2022, 2023"), "{err}");
}

#[test]
fn a_score_that_fits_one_free_rank_has_that_rank() {
    use parindex::{CsvTableOptions, EntryInput, LeagueTable};
    let e = |name: &str, score: Option<&str>, rank: Option<i64>| EntryInput {
        province: name.into(),
        score: score.map(d),
        rank,
        ..Default::default()
    };
    let options = CsvTableOptions { of: Some(3), ..CsvTableOptions::new(IndexKind::Custom("sở".into()), 2024) };
    let t = LeagueTable::from_entries(
        vec![e("Sở Nội vụ", None, Some(1)), e("Sở Tư pháp", Some("88.25"), None), e("Sở Y tế", None, Some(3))],
        &options,
        None,
    )
    .unwrap();
    let r = t.rank_bounds("Sở Tư pháp").unwrap();
    assert_eq!((r.best, r.worst, r.estimate), (2, 2, 2));
}

#[test]
fn estimates_agree_across_queries() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    // The table's own estimate for Đắk Nông (#51) is what a province needs to pass it.
    let dak_nong = t.rows().into_iter().find(|r| r.province == "Đắk Nông").unwrap();
    assert_eq!(t.score_to_rank("Quảng Nam", 51).unwrap().estimate, dak_nong.score_estimate.unwrap());
    // A hundredth of a point does not leap over the unknown provinces just above.
    assert_eq!(t.rank_with_gain("Quảng Nam", d("0.01")).unwrap().estimate, 56);
    assert!(t.points_to_rank("Quảng Nam", 53).unwrap().estimate > d("0"));
    // Lâm Đồng (#46) is estimated at 85.98: Lạng Sơn at 85.95 stays #47 by the estimate.
    assert_eq!(t.rank_with_gain("Lạng Sơn", d("0.01")).unwrap().estimate, 47);
}
