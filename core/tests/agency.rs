//! The agency year on the worked example of testdata/agency/ (an example, not official
//! data): assignments, accountability, self-assessment against appraisal, many units,
//! validation and progress. Expected figures are printed by testdata/agency/make_example.py,
//! which computes them independently of the library.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::{d, testdata};
use parindex::agency::{
    accountability, appraisal, progress, progress_summary, Assignment, Assignments, PlanItem, PlanStatus, Units,
};
use parindex::framework::CsvFrameworkOptions;
use parindex::{Band, Decimal, Framework, IndexKind, Scorecard};
use std::collections::HashMap;
use std::sync::Arc;

const NV: &str = "Phòng Nội vụ";
const TP: &str = "Phòng Tư pháp";
const VH: &str = "Phòng Văn hóa và Thông tin";
const TN: &str = "Phòng Tài nguyên và Môi trường";
const VP: &str = "Văn phòng HĐND và UBND huyện";
const MC: &str = "Bộ phận Một cửa";
const TC: &str = "Phòng Tài chính - Kế hoạch";
const KT: &str = "Phòng Kinh tế và Hạ tầng";

fn framework() -> Arc<Framework> {
    let options = CsvFrameworkOptions {
        id: "district-example".into(),
        index: IndexKind::Custom("district-example".into()),
        name_vi: "Chỉ số CCHC cấp huyện (ví dụ)".into(),
        ..CsvFrameworkOptions::default()
    };
    Arc::new(Framework::from_csv_path(testdata("agency/framework_district.csv"), &options).unwrap())
}

fn assignments(fw: &Arc<Framework>) -> Assignments {
    Assignments::from_csv_path(testdata("agency/assignments_district.csv"), Arc::clone(fw)).unwrap()
}

fn units(fw: &Arc<Framework>, year: u16) -> Units {
    Units::from_csv_path(testdata("agency/scorecards_district.csv"), Arc::clone(fw), Some(year)).unwrap()
}

fn by_agency(rows: &[parindex::agency::AgencyLoss]) -> HashMap<&str, Decimal> {
    rows.iter().map(|r| (r.agency.as_str(), r.lost)).collect()
}

#[test]
fn the_annex_is_read_with_spellings_unified_and_inheritance() {
    let fw = framework();
    assert_eq!(fw.leaf_codes().len(), 31);
    let a = assignments(&fw);
    // 8 agencies although the annex spells three of them in two ways.
    assert_eq!(a.agencies(), vec![NV, VH, TP, TN, VP, MC, TC, KT]);
    assert_eq!(a.unassigned, vec!["5.3"]);
    assert_eq!(a.lead_of("1.4"), Some(VH));
    assert_eq!(a.lead_of("1.5"), Some(NV)); // inherited from field 1
    assert_eq!(a.lead_of("3.1.2"), Some(VP)); // inherited from criterion 3.1
    assert_eq!(a.lead_of("3.3"), Some(VP)); // `VĂN PHÒNG HĐND VÀ UBND HUYỆN`
    assert_eq!(a.lead_of("4.4"), Some(NV)); // `Phòng Nội Vụ`
    assert_eq!(a.lead_of("5.2"), Some(TC)); // `phòng tài chính – kế hoạch` (an en dash)
    assert_eq!(a.lead_of("6.3.2"), Some(VH)); // `phong van hoa va thong tin`
    assert_eq!(a.lead_of("6.3.1"), Some(KT));
    assert_eq!(a.lead_of("5.3"), None);
    // The heading row (no code, no agency) is skipped; the coordinating agencies are kept.
    assert_eq!(a.items.len(), 17);
    assert_eq!(a.at("1.4").unwrap().coordinating, vec![NV, "Trung tâm Văn hóa, Thể thao và Truyền thông"]);
    assert_eq!(a.at("3.3").unwrap().row, Some(9));
}

#[test]
fn lost_points_per_agency_add_up_with_no_double_counting() {
    let fw = framework();
    let a = assignments(&fw);
    let now = units(&fw, 2024);
    let before = units(&fw, 2023);
    let table = now.league_table().unwrap();
    let card = now.get("Hữu Lũng").unwrap();
    let acc = accountability(card, &a, Some(&table), before.get("Hữu Lũng"), None).unwrap();
    assert_eq!(acc.total_lost, d("10.01"));
    let lost = by_agency(&acc.rows);
    let expect = [(MC, "1.82"), (KT, "2.19"), (NV, "1.5"), (TC, "0"), (TN, "0"), (TP, "0"), (VH, "1.5"), (VP, "0")];
    for (agency, points) in expect {
        assert_eq!(lost[agency], d(points), "{agency}");
    }
    assert_eq!(acc.unassigned_lost, d("3"));
    assert_eq!(acc.rows.iter().map(|r| r.lost).sum::<Decimal>() + acc.unassigned_lost, acc.total_lost);
    // Year over year: 2023 losses of the same agencies.
    let previous = [(MC, "3.89"), (KT, "1.48"), (NV, "4.0"), (TC, "4"), (TN, "2"), (TP, "0"), (VH, "2"), (VP, "6")];
    for (agency, points) in previous {
        let row = acc.rows.iter().find(|r| r.agency == agency).unwrap();
        assert_eq!(row.lost_previous, Some(d(points)), "{agency}");
        assert_eq!(row.change, Some(row.lost - d(points)), "{agency}");
    }
    let vp = acc.rows.iter().find(|r| r.agency == VP).unwrap();
    assert_eq!(vp.change, Some(d("-6")));
    assert_eq!(vp.codes, vec!["3.1", "3.3"]);
    assert_eq!(vp.coordinating, vec![MC]);
}

#[test]
fn mixed_levels_charge_the_known_node_once() {
    // Cao Lộc 2024 gives field 1 and criterion 3.1 as totals only: field 1's loss (leaf 1.4
    // included) goes to the field's lead agency, criterion 3.1's to its own.
    let fw = framework();
    let a = assignments(&fw);
    let now = units(&fw, 2024);
    let table = now.league_table().unwrap();
    let card = now.get("Cao Lộc").unwrap();
    let acc = accountability(card, &a, Some(&table), None, None).unwrap();
    assert_eq!(acc.total_lost, d("23.52"));
    let lost = by_agency(&acc.rows);
    let expect = [(MC, "1.88"), (KT, "1.64"), (NV, "9.0"), (TC, "4"), (TN, "0"), (TP, "0"), (VH, "4"), (VP, "0")];
    for (agency, points) in expect {
        assert_eq!(lost[agency], d(points), "{agency}");
    }
    assert_eq!(acc.unassigned_lost, d("3"));
    assert_eq!(acc.rows.iter().map(|r| r.lost).sum::<Decimal>() + acc.unassigned_lost, acc.total_lost);
    let nv = acc.rows.iter().find(|r| r.agency == NV).unwrap();
    assert!(nv.charged.iter().any(|c| c.code == "1"), "{:?}", nv.charged);
    assert!(nv.charged.iter().all(|c| !c.code.starts_with("1.")));
    // Cao Lộc is 8th of 11 at 76.48; every agency's loss would pass Bình Gia (77.16) and
    // none reaches Đình Lập (85.77): one rank each, sorted by ranks then points.
    assert_eq!(table.rank("Cao Lộc").unwrap(), Some(8));
    let order: Vec<(&str, Option<u32>)> = acc.rows.iter().map(|r| (r.agency.as_str(), r.ranks_at_stake)).collect();
    assert_eq!(
        order,
        vec![
            (NV, Some(1)),
            (TC, Some(1)),
            (VH, Some(1)),
            (MC, Some(1)),
            (KT, Some(1)),
            (TN, Some(0)),
            (TP, Some(0)),
            (VP, Some(0))
        ]
    );
    assert_eq!(acc.rows[0].rank_if_recovered, Some(7));
}

#[test]
fn ranks_at_stake_follow_the_rank_gain_table() {
    // An agency leading a single node has the rank-gain row of that node.
    let fw = framework();
    let a = assignments(&fw);
    let now = units(&fw, 2024);
    let table = now.league_table().unwrap();
    for card in now.cards() {
        let gain = parindex::simulate::rank_gain(card, &table, None).unwrap();
        let acc = accountability(card, &a, Some(&table), None, None).unwrap();
        let tn = acc.rows.iter().find(|r| r.agency == TN).unwrap();
        let row = gain.rows.iter().find(|r| r.code == "2.4").unwrap();
        assert_eq!(tn.lost, row.lost);
        let g = row.ranks_gained;
        let stake = (tn.ranks_at_stake, tn.ranks_at_stake_best, tn.ranks_at_stake_worst);
        assert_eq!(stake, (Some(g.estimate), Some(g.best), Some(g.worst)), "{}", card.province());
        let r = row.rank_if_recovered;
        let recovered = (tn.rank_if_recovered, tn.rank_if_recovered_best, tn.rank_if_recovered_worst);
        assert_eq!(recovered, (Some(r.estimate), Some(r.best), Some(r.worst)));
    }
}

#[test]
fn self_assessment_against_appraisal_and_the_evidence_what_if() {
    let fw = framework();
    let a = assignments(&fw);
    let now = units(&fw, 2024);
    let table = now.league_table().unwrap();
    let hl = appraisal(now.get("Hữu Lũng").unwrap(), Some(&a), Some(&table)).unwrap();
    assert_eq!(hl.total_cut, d("0.74"));
    assert_eq!(hl.unsupported, vec!["1.1", "1.6", "4.2", "4.5", "5.3"]);
    assert_eq!(hl.what_if.points_added, d("0.24"));
    assert_eq!(hl.what_if.points_after, d("90.23"));
    let cl = appraisal(now.get("Cao Lộc").unwrap(), Some(&a), Some(&table)).unwrap();
    assert_eq!(cl.total_cut, d("4.50"));
    assert_eq!(cl.unsupported, vec!["3.2", "4.1", "6.3.1"]);
    assert_eq!(cl.what_if.points_added, d("6"));
    assert_eq!(cl.what_if.points_before, d("76.48"));
    assert_eq!(cl.what_if.points_after, d("82.48"));
    assert_eq!((cl.what_if.band_before, cl.what_if.band_after), (Band::C, Band::B));
    assert_eq!(cl.what_if.rank_before, Some(8));
    assert_eq!(cl.what_if.rank_after, Some(7));
    assert!(
        cl.what_if.rank_after_best <= cl.what_if.rank_after && cl.what_if.rank_after <= cl.what_if.rank_after_worst
    );
    // Per agency, the cuts add up to the total cut of the assigned claims.
    let assigned: Decimal = cl.nodes.iter().filter(|n| n.agency.is_some()).filter_map(|n| n.cut).sum();
    assert_eq!(cl.agencies.iter().map(|x| x.cut).sum::<Decimal>(), assigned);
}

#[test]
fn many_units_give_the_scorecards_built_one_by_one() {
    let fw = framework();
    let text = std::fs::read_to_string(testdata("agency/scorecards_district.csv")).unwrap();
    for year in [2023, 2024] {
        let all = Units::from_csv(&text, "scorecards_district.csv", Arc::clone(&fw), Some(year)).unwrap();
        assert_eq!(all.units().len(), 11);
        for card in all.cards() {
            let one =
                Scorecard::from_csv(&text, "scorecards_district.csv", Arc::clone(&fw), card.province(), Some(year))
                    .unwrap();
            assert_eq!(card.rows(), one.rows(), "{} {year}", card.province());
            assert_eq!(card.given(), one.given());
        }
        let table = all.league_table().unwrap();
        assert_eq!(table.of(), 11);
    }
    let t = units(&fw, 2024).league_table().unwrap();
    assert_eq!(t.rank_bounds("Bắc Sơn").unwrap().estimate, 1);
    assert_eq!(t.rank_bounds("Thành phố Lạng Sơn").unwrap().estimate, 11);
    assert_eq!(t.score("Hữu Lũng").unwrap(), Some(d("89.99")));
    // Several years and none asked for: a clear error.
    let err = Units::from_csv(&text, "s.csv", Arc::clone(&fw), None).unwrap_err();
    assert_eq!(err.kind(), "INVALID_ARGUMENT");
}

#[test]
fn validate_reports_every_planted_fault_with_its_row() {
    let fw = framework();
    let text = std::fs::read_to_string(testdata("agency/bad/scorecards_faults.csv")).unwrap();
    let problems = Units::validate_csv(&text, "scorecards_faults.csv", Arc::clone(&fw), None);
    let got: Vec<(&str, Option<usize>)> =
        problems.iter().map(|e| (e.kind(), e.location().and_then(|l| l.row))).collect();
    assert_eq!(
        got,
        vec![
            ("UNKNOWN_CODE", Some(3)),
            ("INVALID_NUMBER", Some(4)),
            ("ABOVE_MAX", Some(5)),
            ("NEGATIVE", Some(6)),
            ("MISSING_FIELD", Some(7)),
            ("DUPLICATE_CODE", Some(9)),
            ("RULE", Some(10)),
        ]
    );
    assert!(problems[0].to_string().contains("Tràng Định"), "{}", problems[0]);
    // The loader reports them all together.
    let err = Units::from_csv(&text, "scorecards_faults.csv", Arc::clone(&fw), None).unwrap_err();
    let parindex::Error::Invalid { errors, .. } = &err else { panic!("{err}") };
    assert_eq!(errors.len(), 7);
    assert_eq!(err.kind(), "INVALID");

    let text = std::fs::read_to_string(testdata("agency/bad/assignments_faults.csv")).unwrap();
    let problems = Assignments::validate_csv(&text, "assignments_faults.csv", Arc::clone(&fw));
    let got: Vec<(&str, Option<usize>)> =
        problems.iter().map(|e| (e.kind(), e.location().and_then(|l| l.row))).collect();
    assert_eq!(got, vec![("UNKNOWN_CODE", Some(3)), ("MISSING_FIELD", Some(4)), ("DUPLICATE_CODE", Some(6))]);
    assert!(Assignments::from_csv(&text, "a.csv", Arc::clone(&fw)).is_err());
}

#[test]
fn assignments_from_items_refuse_group_codes_and_keep_inputs() {
    let fw = framework();
    let items = vec![
        Assignment {
            code: "7".into(),
            content: String::new(),
            tasks: String::new(),
            product: String::new(),
            deadline: String::new(),
            lead: "Bộ phận Một cửa".into(),
            coordinating: vec![],
            row: None,
        },
        Assignment {
            code: "total".into(),
            content: String::new(),
            tasks: String::new(),
            product: String::new(),
            deadline: String::new(),
            lead: "x".into(),
            coordinating: vec![],
            row: None,
        },
    ];
    let err = Assignments::new(Arc::clone(&fw), items.clone(), None).unwrap_err();
    assert_eq!(err.kind(), "UNKNOWN_CODE");
    let ok = Assignments::new(Arc::clone(&fw), items[..1].to_vec(), None).unwrap();
    assert_eq!(ok.lead_of("7.2"), Some(MC));
    assert_eq!(ok.unassigned.len(), 29);
}

#[test]
fn progress_projects_done_items_only() {
    let fw = framework();
    let now = units(&fw, 2024);
    let table = now.league_table().unwrap();
    let card = now.get("Cao Lộc").unwrap();
    let model = parindex::simulate::ChangeModel::Sample(now.changes(&units(&fw, 2023)));
    let model = Some(&model);
    let item = |code: &str, status, points: &str| PlanItem {
        code: code.into(),
        status,
        expected_points: d(points),
        row: None,
    };
    let six = vec![
        item("1", PlanStatus::Done, "2"),
        item("5.3", PlanStatus::Pending, "1"),
        item("1", PlanStatus::InProgress, "2"),
    ];
    let nine = vec![
        item("1", PlanStatus::Done, "2"),
        item("5.3", PlanStatus::Done, "1"),
        item("1", PlanStatus::InProgress, "2"),
    ];
    let year =
        vec![item("1", PlanStatus::Done, "2"), item("5.3", PlanStatus::Done, "1"), item("1", PlanStatus::Done, "2")];
    let p = progress(card, "6 tháng", &six, &table, Some(7), model).unwrap();
    assert_eq!((p.done, p.items), (1, 3));
    assert_eq!(p.points_done, d("2"));
    assert_eq!(p.points_pending, d("3"));
    assert_eq!(p.projected_points, d("78.48"));
    assert_eq!(p.projected_rank.estimate, 7);
    let summary = progress_summary(
        card,
        &[("6 tháng".into(), six), ("9 tháng".into(), nine), ("năm".into(), year)],
        &table,
        Some(7),
        model,
    )
    .unwrap();
    let points: Vec<Decimal> = summary.iter().map(|p| p.projected_points).collect();
    assert_eq!(points, vec![d("78.48"), d("79.48"), d("81.48")]);
    let p: Vec<f64> = summary.iter().map(|p| p.p_target.unwrap()).collect();
    assert!(p[0] <= p[1] && p[1] <= p[2], "{p:?}");
    // Above the node's max: refused.
    let err = progress(card, "x", &[item("5.2", PlanStatus::Done, "1")], &table, None, None).unwrap_err();
    assert_eq!(err.kind(), "ABOVE_MAX");
}

mod laws {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the leaves' points and whichever nodes are given only as totals, the
        /// agencies' losses plus the unassigned loss are the total lost: every point is
        /// charged exactly once.
        #[test]
        fn every_lost_point_is_charged_once(
            shares in proptest::collection::vec(0u32..=100, 31),
            fold_field in proptest::option::of(1usize..=7),
            fold_criterion in proptest::bool::ANY,
        ) {
            let fw = framework();
            let a = assignments(&fw);
            let mut card = Scorecard::new(Arc::clone(&fw), "Đơn vị thử");
            let folded = |code: &str| {
                fold_field.is_some_and(|f| code.starts_with(&format!("{f}.")))
                    || (fold_criterion && code.starts_with("6.3."))
            };
            let mut totals: HashMap<String, Decimal> = HashMap::new();
            for (leaf, share) in fw.leaves().iter().zip(&shares) {
                // Points on the 0.01 grid within the leaf's max.
                let max = leaf.max_points.unwrap();
                let points = (max * Decimal::from(*share) / Decimal::from(100)).round_dp(2);
                if folded(&leaf.code) {
                    let top = if fold_criterion && leaf.code.starts_with("6.3.") && fold_field != Some(6) {
                        "6.3".to_string()
                    } else {
                        leaf.code.split('.').next().unwrap().to_string()
                    };
                    *totals.entry(top).or_default() += points;
                } else {
                    card.set(&leaf.code, points).unwrap();
                }
            }
            for (code, points) in &totals {
                card.set(code, *points).unwrap();
            }
            let acc = accountability(&card, &a, None, None, None).unwrap();
            let charged: Decimal = acc.rows.iter().map(|r| r.lost).sum::<Decimal>() + acc.unassigned_lost;
            prop_assert_eq!(charged, acc.total_lost);
            prop_assert_eq!(acc.total_lost, Decimal::from(100) - card.total().unwrap());
            // No charged node is inside another charged node.
            let codes: Vec<&str> = acc.rows.iter().flat_map(|r| r.charged.iter().map(|c| c.code.as_str()))
                .chain(acc.unassigned.iter().map(|c| c.code.as_str())).collect();
            for x in &codes {
                for y in &codes {
                    prop_assert!(!x.starts_with(&format!("{y}.")), "{} inside {}", x, y);
                }
            }
        }
    }
}
