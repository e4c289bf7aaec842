//! One ranking semantics: the cases where methods used to disagree, on small fixtures of
//! `testdata/ranking/` (see testdata/README.md) and the published SIPAS 2023 table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

mod common;
use common::{d, testdata};
use parindex::framework::{CsvFrameworkOptions, Framework};
use parindex::simulate::{plan, Basis};
use parindex::sipas::{SipasOptions, Survey, SurveyOptions};
use parindex::{published, CsvTableOptions, IndexKind, LeagueTable, Scorecard};

fn district_table(decimals: Option<u32>) -> LeagueTable {
    let options = CsvTableOptions { decimals, ..CsvTableOptions::new(IndexKind::Custom("huyện".into()), 2024) };
    LeagueTable::from_csv_path(testdata("ranking/district-unrounded.csv"), &options).unwrap()
}

#[test]
fn a_three_decimal_table_compares_the_candidate_and_the_competitors_alike() {
    let t = district_table(None);
    // The values as given: 95.123 has 3 decimals, so the table compares at 3.
    assert_eq!(t.decimals(), 3);
    let need = t.points_to_rank("Huyện X", 1).unwrap();
    assert_eq!(need.high, d("13.123"));
    // Reaching Huyện Z's score ties it for #1 (competition rule); one unit less does not.
    assert_eq!(t.rank_if("Huyện X", d("95.123")).unwrap().worst, 1);
    assert_eq!(t.rank_with_gain("Huyện X", need.high).unwrap().worst, 1);
    assert_eq!(t.rank_with_gain("Huyện X", d("13.122")).unwrap().worst, 2);
    assert_eq!(t.score_to_rank("Huyện X", 1).unwrap().high, d("95.123"));

    // The planner agrees: feasible, and #1 after.
    let fw = Framework::from_csv_path(
        testdata("ranking/district-framework.csv"),
        &CsvFrameworkOptions { index: IndexKind::Custom("huyện".into()), ..CsvFrameworkOptions::default() },
    )
    .unwrap();
    let card = Scorecard::from_points(fw, "Huyện X", [("1", d("40")), ("2", d("42"))]).unwrap();
    let p = plan(&card, &t, 1, &[], Basis::High).unwrap();
    assert!(p.feasible);
    assert_eq!(p.required, d("13.123"));
    assert_eq!(p.rank_after.worst, 1);

    // Compared at 2 decimals on request: 95.123 counts as 95.12 for everyone.
    let t2 = district_table(Some(2));
    assert_eq!(t2.decimals(), 2);
    assert_eq!(t2.points_to_rank("Huyện X", 1).unwrap().high, d("13.12"));
    assert_eq!(t2.rank_if("Huyện X", d("95.12")).unwrap().worst, 1);
    assert_eq!(t2.rank_if("Huyện X", d("95.114")).unwrap().worst, 2);
    assert_eq!(district_table(None).with_decimals(29).unwrap_err().kind(), "INVALID_ARGUMENT");
}

#[test]
fn scores_without_ranks_bound_ranks_by_the_competition_rule() {
    let t = LeagueTable::from_csv_path(
        testdata("ranking/scores-without-ranks.csv"),
        &CsvTableOptions::new(IndexKind::Par, 2023),
    )
    .unwrap();
    // Hà Nội and Lạng Sơn (90) are strictly above Cao Bằng (80): best #3, not #2.
    let cb = t.rank_bounds("Cao Bằng").unwrap();
    assert_eq!((cb.best, cb.worst), (3, 63));
    // Rank 2 needs a tie with the two 90s (which then share #1): 10 points at least.
    let need = t.points_to_rank("Cao Bằng", 2).unwrap();
    assert_eq!(need.low, d("10"));
    assert_eq!(t.rank_with_gain("Cao Bằng", need.low).unwrap().best, 1);
    assert_eq!(t.rank_with_gain("Cao Bằng", d("9.99")).unwrap().best, 3);
    // A known lower score bounds the worst rank.
    let mut text = std::fs::read_to_string(testdata("ranking/scores-without-ranks.csv")).unwrap();
    text.push_str("Bắc Kạn,70,\n");
    let t = LeagueTable::from_csv(&text, "with Bắc Kạn", &CsvTableOptions::new(IndexKind::Par, 2023)).unwrap();
    let cb = t.rank_bounds("Cao Bằng").unwrap();
    assert_eq!((cb.best, cb.worst), (3, 62));
}

#[test]
fn points_to_rank_on_the_published_sipas_2023_table_is_consistent_and_monotone() {
    let t = published(&IndexKind::Sipas, 2023).unwrap();
    // Hải Phòng #5 (88.09) is below Lào Cai #6 (88.76), a reported inversion: Yên Bái
    // (87.73, #9) needs 88.76 for a sure #5, 88.09 for #6.
    assert_eq!(t.points_to_rank("Yên Bái", 5).unwrap().high, d("1.03"));
    assert_eq!(t.points_to_rank("Yên Bái", 6).unwrap().high, d("0.36"));
    assert_eq!(t.rank_with_gain("Yên Bái", d("1.03")).unwrap().worst, 5);
    assert_eq!(t.rank_with_gain("Yên Bái", d("1.02")).unwrap().worst, 6);
    assert_eq!(t.rank_with_gain("Yên Bái", d("0.36")).unwrap().worst, 6);
    // Every province with a score, every target: the law, and monotone in the target.
    let mut queries = 0;
    for e in t.entries().iter().filter(|e| e.score.is_some()) {
        let mut previous = None;
        for target in 1..=t.of() {
            let need = t.points_to_rank(&e.province, target).unwrap();
            let after = t.rank_with_gain(&e.province, need.high).unwrap();
            assert!(after.worst <= target, "{} → {target}: +{} gives #{}", e.province, need.high, after.worst);
            if need.high > d("0") {
                let less = t.rank_with_gain(&e.province, need.high - d("0.01")).unwrap();
                assert!(
                    less.worst > target,
                    "{} → {target}: +{} − 0.01 still gives #{}",
                    e.province,
                    need.high,
                    less.worst
                );
            }
            if let Some(p) = previous {
                assert!(need.high <= p, "{}: rank {target} needs more than rank {}", e.province, target - 1);
            }
            previous = Some(need.high);
            queries += 1;
        }
    }
    assert_eq!(queries, 16 * 63);
}

#[test]
fn a_sipas_table_from_answers_answers_every_question_alike() {
    let fw = Framework::from_json_path(testdata("sipas/mini-framework.json")).unwrap();
    let survey =
        Survey::from_csv_path(testdata("ranking/sipas-departments-wide.csv"), &fw, &SurveyOptions::default()).unwrap();
    let r = survey.compute(&SipasOptions::default()).unwrap();
    assert_eq!(r.decimals, 4);
    let t = r.league_table_as(IndexKind::Custom("SIPAS sở ngành".into()), 2024).unwrap();
    assert_eq!(t.decimals(), 4);
    let mut checked = 0;
    for u in &r.units {
        // The table's ranks are the result's ranks.
        assert_eq!(t.rank(&u.unit).unwrap(), Some(u.rank));
        for target in 1..=t.of() {
            let need = t.points_to_rank(&u.unit, target).unwrap();
            // At the stated precision, never 28 digits.
            assert!(need.high.is_zero() || need.high.scale() == 4, "{need:?}");
            let after = t.rank_with_gain(&u.unit, need.high).unwrap();
            assert!(after.worst <= target);
            if need.high > d("0") {
                assert!(t.rank_with_gain(&u.unit, need.high - d("0.0001")).unwrap().worst > target);
                // The what-if on the unit's SIPAS agrees with the table.
                let w = r.what_if(&u.unit, &[parindex::sipas::NodeChange::add("sipas", need.high)]).unwrap();
                assert_eq!(w.rank_after, t.rank_if(&u.unit, w.sipas_after.min(d("100"))).unwrap().best);
                checked += 1;
            }
        }
    }
    assert!(checked > 10);
}

#[test]
fn a_what_if_on_the_total_applies_the_change_once() {
    let fw = parindex::framework::builtin("par-2022").unwrap().clone();
    let card =
        Scorecard::from_csv_path(testdata("published/par_index_scorecards.csv"), fw, "Quảng Nam", Some(2023)).unwrap();
    let t = published(&IndexKind::Par, 2023).unwrap();
    let s = parindex::simulate::Scenario {
        name: "+7.71".into(),
        changes: vec![parindex::simulate::Change::Add { code: "total".into(), points: d("7.71") }],
    };
    let r = &parindex::simulate::what_if(&card, Some(&t), &[s]).unwrap()[0];
    assert_eq!(r.points_after, d("92.31"));
    assert_eq!(r.rank_after.unwrap(), t.rank_if("Quảng Nam", r.index_after).unwrap());
}

fn quang_nam(framework: &str) -> Scorecard {
    let fw = parindex::framework::builtin(framework).unwrap().clone();
    Scorecard::from_points(fw, "Quảng Nam", [("total", d("84.6"))]).unwrap()
}

#[test]
fn mismatched_inputs_are_errors_naming_both_sides() {
    let par = published(&IndexKind::Par, 2023).unwrap();
    let sipas = published(&IndexKind::Sipas, 2023).unwrap();
    let card = quang_nam("par-2022");
    assert!(plan(&card, &par, 30, &[], Basis::High).is_ok());

    // A PAR scorecard against the SIPAS table.
    let e = plan(&card, &sipas, 30, &[], Basis::High).unwrap_err();
    assert_eq!(e.kind(), "MISMATCH");
    let m = e.to_string();
    assert!(m.contains("par-2022") && m.contains("sipas 2023"), "{m}");
    assert_eq!(parindex::simulate::rank_gain(&card, &sipas, None).unwrap_err().kind(), "MISMATCH");
    assert_eq!(parindex::simulate::what_if(&card, Some(&sipas), &[]).unwrap_err().kind(), "MISMATCH");

    // A scorecard of another year.
    let e = plan(&card.clone().with_year(2022), &par, 30, &[], Basis::High).unwrap_err();
    assert_eq!(e.kind(), "MISMATCH");
    assert!(e.to_string().contains("2022") && e.to_string().contains("par 2023"), "{e}");

    // A methodology whose period does not cover the table's year: an error, unless the
    // scorecard's year says the choice is deliberate (then a reported problem).
    let later = quang_nam("par-2024");
    let e = plan(&later, &par, 30, &[], Basis::High).unwrap_err();
    assert_eq!(e.kind(), "MISMATCH");
    assert!(e.to_string().contains("par-2024") && e.to_string().contains("2023"), "{e}");
    let deliberate = later.with_year(2023);
    assert!(plan(&deliberate, &par, 30, &[], Basis::High).is_ok());
    let warnings = par.check_scorecard(&deliberate).unwrap();
    assert!(warnings.iter().any(|p| p.message.contains("par-2024")), "{warnings:?}");

    // A custom index against a published table.
    let mut fw = parindex::framework::builtin("par-2022").unwrap().clone();
    fw.index = IndexKind::Custom("huyện".into());
    let custom = Scorecard::from_points(fw, "Quảng Nam", [("total", d("84.6"))]).unwrap();
    let e = plan(&custom, &par, 30, &[], Basis::High).unwrap_err();
    assert_eq!(e.kind(), "MISMATCH");
    assert!(e.to_string().contains("huyện") && e.to_string().contains("par 2023"), "{e}");
}

#[test]
fn a_province_not_in_the_table_is_unknown_with_the_closest_names() {
    let par = published(&IndexKind::Par, 2023).unwrap();
    let fw = parindex::framework::builtin("par-2022").unwrap().clone();
    let card = Scorecard::from_points(fw, "Lang Song", [("total", d("84.6"))]).unwrap();
    let e = plan(&card, &par, 30, &[], Basis::High).unwrap_err();
    assert_eq!(e.kind(), "UNKNOWN_PROVINCE");
    assert!(e.to_string().contains("closest: Lạng Sơn"), "{e}");
    // An open roster knows only its entries.
    let t = district_table(None);
    let e = t.rank_if("Huyen Q", d("80")).unwrap_err();
    assert_eq!(e.kind(), "UNKNOWN_PROVINCE");
    assert!(e.to_string().contains("Huyện"), "{e}");
}

#[test]
fn means_are_stated_at_four_decimals() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let avgs = t.regional_averages();
    assert!(avgs.iter().filter_map(|a| a.mean).all(|m| m.scale() <= 4), "{avgs:?}");
    // The exact mean, rounded once.
    let exact = t.regional_averages_at(28);
    for (a, e) in avgs.iter().zip(&exact) {
        assert_eq!(
            a.mean,
            e.mean.map(|m| m.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
        );
    }
    assert!(exact.iter().filter_map(|a| a.mean).any(|m| m.scale() > 4), "a repeating mean exists: {exact:?}");
}

/// Every province scored, two tied at the top (95.00, 95.00, 94.80, 94.60, …), no rank
/// given: the ranks are computed from the scores.
fn complete_with_a_tie() -> (LeagueTable, Vec<String>) {
    let names: Vec<String> =
        parindex::province::registry().unwrap().provinces().iter().map(|p| p.name.clone()).collect();
    let mut text = String::from("province,score\n");
    for (i, name) in names.iter().enumerate() {
        let score = d("95") - d("0.2") * parindex::Decimal::from(i.saturating_sub(1));
        text.push_str(&format!("{name},{}\n", score.round_dp(2)));
    }
    (LeagueTable::from_csv(&text, "tie", &CsvTableOptions::new(IndexKind::Par, 2023)).unwrap(), names)
}

#[test]
fn a_complete_table_with_a_tie_ranks_alike_under_every_policy() {
    let (t, names) = complete_with_a_tie();
    let (a, b, c) = (&names[0], &names[1], &names[2]);
    assert!(t.problems().is_empty(), "{:?}", t.problems());
    // Competition: the tie shares #1, the next is #3; reaching 95.00 ties for #1.
    assert_eq!((t.rank(a).unwrap(), t.rank(b).unwrap(), t.rank(c).unwrap()), (Some(1), Some(1), Some(3)));
    assert_eq!(t.points_to_rank(c, 1).unwrap().high, d("0.20"));
    assert_eq!(t.rank_if(c, d("95")).unwrap().worst, 1);

    // Dense (1, 1, 2, 3, …): no false problem, and every query answers.
    let dense = t.with_tie_policy(parindex::TiePolicy::Dense);
    assert!(dense.problems().is_empty(), "{:?}", dense.problems());
    assert_eq!(
        (dense.rank(a).unwrap(), dense.rank(c).unwrap(), dense.rank(&names[3]).unwrap()),
        (Some(1), Some(2), Some(3))
    );
    let rb = dense.rank_bounds(c).unwrap();
    assert_eq!((rb.best, rb.worst), (2, 2));
    assert_eq!(dense.rank_if(c, d("94.80")).unwrap().worst, 2, "its own score: its own rank");
    assert_eq!(dense.points_to_rank(c, 1).unwrap().high, d("0.20"));
    assert_eq!(dense.rank_with_gain(c, d("0.20")).unwrap().worst, 1);
    assert_eq!(dense.rank_with_gain(&names[10], d("0")).unwrap().worst, dense.rank(&names[10]).unwrap().unwrap());

    // Unrounded: the values as given are the unrounded ones, so the two 95.00 tie (#1); a
    // candidate reaching 95.00 may fall either way against them (their digits beyond the
    // table's are not known), so #1 takes one unit more.
    let unrounded = t.with_tie_policy(parindex::TiePolicy::Unrounded);
    assert!(unrounded.problems().is_empty(), "{:?}", unrounded.problems());
    assert_eq!((unrounded.rank(a).unwrap(), unrounded.rank(b).unwrap()), (Some(1), Some(1)));
    assert_eq!(unrounded.rank(c).unwrap(), Some(3));
    assert_eq!(unrounded.rank_if(c, d("95")).unwrap().worst, 3);
    assert_eq!(unrounded.points_to_rank(c, 1).unwrap().high, d("0.21"));
    assert_eq!(unrounded.rank_with_gain(c, d("0.21")).unwrap().worst, 1);

    // Back to competition: the table as first read.
    let back = unrounded.with_tie_policy(parindex::TiePolicy::Competition);
    assert_eq!(back.rank(b).unwrap(), Some(1));
    assert!(back.problems().is_empty());
}
