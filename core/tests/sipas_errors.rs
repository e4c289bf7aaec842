//! Bad survey input: each case gives the right error kind, and the message names the row and
//! the column. Fixtures: `testdata/sipas/bad/` (see `testdata/sipas/README.md`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use parindex::framework::{builtin, Framework};
use parindex::sipas::{AnswerInput, Layout, Survey, SurveyOptions};
use parindex::Error;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/sipas").join(name)
}

fn mini() -> Framework {
    Framework::from_json_path(data("mini-framework.json")).unwrap()
}

/// Only a few items in the small bad files: do not require every item.
fn lenient() -> SurveyOptions {
    SurveyOptions { require_all_items: false, ..SurveyOptions::default() }
}

fn load(name: &str, options: &SurveyOptions) -> Error {
    let fw = mini();
    let path = data(&format!("bad/{name}"));
    let result = if name.ends_with(".json") {
        Survey::from_json_path(&path, &fw, options)
    } else {
        Survey::from_csv_path(&path, &fw, options)
    };
    result.expect_err(name)
}

/// Asserts the kind, the row and the column, in the error's location and in its message.
fn check(err: &Error, kind: &str, row: Option<usize>, column: Option<&str>) {
    assert_eq!(err.kind(), kind, "{err}");
    let at = err.location().unwrap_or_else(|| panic!("no location: {err}"));
    assert_eq!(at.row, row, "{err}");
    assert_eq!(at.column.as_deref(), column, "{err}");
    let text = err.to_string();
    if let Some(r) = row {
        assert!(text.contains(&format!("row {r}")), "{text}");
    }
    if let Some(c) = column {
        assert!(text.contains(&format!("column `{c}`")), "{text}");
    }
    assert!(at.file.is_some(), "{err}");
}

#[test]
fn answer_zero() {
    let e = load("answer-zero.csv", &lenient());
    check(&e, "INVALID_ANSWER", Some(3), Some("answer"));
    assert!(e.to_string().contains("`0`") && e.to_string().contains("1–5"), "{e}");
    assert_eq!(e.location().unwrap().code.as_deref(), Some("P.1.2"));
    assert_eq!(e.family(), "data");
}

#[test]
fn answer_six_in_wide_form() {
    let e = load("answer-six-wide.csv", &lenient());
    check(&e, "INVALID_ANSWER", Some(3), Some("P.1.2"));
    assert!(e.to_string().contains("`6`"), "{e}");
}

#[test]
fn answer_text() {
    let e = load("answer-text.csv", &lenient());
    check(&e, "INVALID_ANSWER", Some(3), Some("answer"));
    assert!(e.to_string().contains("`good`") && e.to_string().contains("not a number"), "{e}");
}

#[test]
fn answer_seven_in_json() {
    let e = load("answer-seven.json", &lenient());
    check(&e, "INVALID_ANSWER", Some(2), Some("answer"));
}

#[test]
fn non_integer_answer() {
    let fw = mini();
    let e = Survey::from_csv("respondent,unit,item,answer\nr1,A,P.1.1,4.5\n", "half.csv", &fw, &lenient()).unwrap_err();
    check(&e, "INVALID_ANSWER", Some(2), Some("answer"));
    // 4.0 is an answer of 4 (spreadsheets write it so).
    assert!(Survey::from_csv("respondent,unit,item,answer\nr1,A,P.1.1,4.0\n", "ok.csv", &fw, &lenient()).is_ok());
}

#[test]
fn unknown_item() {
    let e = load("unknown-item.csv", &lenient());
    check(&e, "UNKNOWN_CODE", Some(3), Some("item"));
    assert!(e.to_string().contains("P.9.9"), "{e}");
}

#[test]
fn unknown_column_in_wide_form() {
    let e = load("unknown-column-wide.csv", &lenient());
    check(&e, "UNKNOWN_CODE", Some(1), Some("S.9.9"));
    // Declared as ignorable, the column is skipped.
    let ok = SurveyOptions { ignore_columns: vec!["S.9.9".into()], ..lenient() };
    assert!(Survey::from_csv_path(data("bad/unknown-column-wide.csv"), &mini(), &ok).is_ok());
}

#[test]
fn duplicate_respondent_item_pair() {
    let e = load("duplicate-pair.csv", &lenient());
    check(&e, "DUPLICATE_ANSWER", Some(4), Some("item"));
    assert!(e.to_string().contains("first at row 2") && e.to_string().contains("`r1`"), "{e}");
}

#[test]
fn unit_with_no_valid_answers() {
    let e = load("unit-no-answers-wide.csv", &lenient());
    check(&e, "NO_ANSWERS", Some(3), Some("unit"));
    assert!(e.to_string().contains("`Beta`"), "{e}");
}

#[test]
fn expected_unit_absent() {
    let options = SurveyOptions { units: Some(vec!["Alpha".into(), "Gamma".into()]), ..SurveyOptions::default() };
    let e = Survey::from_csv_path(data("mini-wide.csv"), &mini(), &options).unwrap_err();
    assert_eq!(e.kind(), "NO_ANSWERS");
    assert_eq!(e.location().unwrap().column.as_deref(), Some("unit"));
    assert!(e.to_string().contains("`Gamma`"), "{e}");
}

#[test]
fn missing_column() {
    let e = load("missing-answer-column.csv", &lenient());
    check(&e, "MISSING_FIELD", Some(1), Some("answer"));
    let e = load("missing-answer-column.csv", &SurveyOptions { layout: Layout::Long, ..lenient() });
    check(&e, "MISSING_FIELD", Some(1), Some("answer"));
    // Wide form needs a unit column.
    let e = Survey::from_csv("respondent,P.1.1\nr1,4\n", "no-unit.csv", &mini(), &lenient()).unwrap_err();
    check(&e, "MISSING_FIELD", Some(1), Some("unit"));
}

#[test]
fn missing_item_column_when_all_items_are_required() {
    let e = Survey::from_csv("respondent,unit,P.1.1\nr1,A,4\n", "partial.csv", &mini(), &SurveyOptions::default())
        .unwrap_err();
    check(&e, "MISSING_FIELD", Some(1), Some("P.1.2"));
}

#[test]
fn malformed_csv() {
    check(&load("ragged-row.csv", &lenient()), "MALFORMED", Some(3), None);
    let e = load("unclosed-quote.csv", &lenient());
    assert_eq!(e.kind(), "MALFORMED", "{e}");
    assert_eq!(e.location().unwrap().row, Some(2), "{e}");
}

#[test]
fn malformed_json() {
    let e = load("truncated.json", &lenient());
    assert_eq!(e.kind(), "MALFORMED", "{e}");
    assert!(e.location().unwrap().row.is_some(), "{e}");
    let fw = mini();
    let e = Survey::from_json(r#"{"a": 1}"#, "obj.json", &fw, &lenient()).unwrap_err();
    assert_eq!(e.kind(), "MALFORMED");
    let e = Survey::from_json(
        r#"[{"respondent": "r1", "unit": "A", "item": "P.1.1", "answer": [4]}]"#,
        "arr.json",
        &fw,
        &lenient(),
    )
    .unwrap_err();
    check(&e, "MALFORMED", Some(1), Some("answer"));
}

#[test]
fn weight_zero() {
    let e = load("weight-zero-wide.csv", &lenient());
    check(&e, "INVALID_ANSWER", Some(3), Some("weight"));
    assert!(e.to_string().contains("positive"), "{e}");
}

#[test]
fn respondent_in_two_units() {
    let e = load("respondent-two-units.csv", &lenient());
    check(&e, "MALFORMED", Some(3), Some("unit"));
    assert!(e.to_string().contains("`Alpha` at row 2"), "{e}");
}

#[test]
fn unit_spellings_that_differ_only_in_diacritics() {
    let csv = "respondent,unit,item,answer\nr1,Lạng Sơn,P.1.1,4\nr2,Lang Son,P.1.1,5\n";
    let e = Survey::from_csv(csv, "spell.csv", &mini(), &lenient()).unwrap_err();
    check(&e, "MALFORMED", Some(3), Some("unit"));
}

#[test]
fn records_errors_name_their_rows() {
    let fw = builtin("sipas-2023").unwrap();
    let rec = |row, answer: &str| AnswerInput {
        respondent: "r1".into(),
        unit: "Lạng Sơn".into(),
        item: "B.2.1".into(),
        answer: Some(answer.into()),
        weight: None,
        row: Some(row),
    };
    let e = Survey::from_answers(&[rec(10, "6")], "frame", fw, &lenient()).unwrap_err();
    check(&e, "INVALID_ANSWER", Some(10), Some("answer"));
    let e = Survey::from_answers(&[rec(10, "4"), rec(11, "5")], "frame", fw, &lenient()).unwrap_err();
    check(&e, "DUPLICATE_ANSWER", Some(11), Some("item"));
}

#[test]
fn dont_know_and_missing_codes() {
    let fw = mini();
    let csv = "respondent,unit,item,answer\nr1,A,P.1.1,4\nr1,A,P.1.2,9\nr2,A,P.1.1,Không biết\nr2,A,P.1.2,N/A\n";
    // 9 is not an answer unless declared as a don't-know code.
    check(&Survey::from_csv(csv, "dk.csv", &fw, &lenient()).unwrap_err(), "INVALID_ANSWER", Some(3), Some("answer"));
    let options = SurveyOptions { dont_know: vec!["9".into()], ..lenient() };
    let s = Survey::from_csv(csv, "dk.csv", &fw, &options).unwrap();
    let r = s.compute(&Default::default()).unwrap();
    let item = r.index("A").unwrap().item("P.1.2").unwrap().clone();
    assert_eq!((item.valid, item.dont_know, item.missing, item.satisfaction), (0, 1, 1, None));
    assert_eq!(r.index("A").unwrap().items_without_answers, vec!["P.1.2", "S.1.1", "S.1.2", "S.2.1"]);
    assert_eq!(r.index("A").unwrap().item("P.1.1").unwrap().dont_know, 1);
}

#[test]
fn bad_options_and_arguments() {
    let s = Survey::from_csv_path(data("mini-wide.csv"), &mini(), &SurveyOptions::default()).unwrap();
    let o = parindex::sipas::SipasOptions::default();
    let zero = parindex::sipas::BootstrapOptions { replicates: 0, ..Default::default() };
    assert_eq!(s.bootstrap(&o, &zero).unwrap_err().kind(), "INVALID_ARGUMENT");
    let level = parindex::sipas::BootstrapOptions { level: parindex::Decimal::ONE, ..Default::default() };
    assert_eq!(s.bootstrap(&o, &level).unwrap_err().kind(), "INVALID_ARGUMENT");
    assert_eq!(s.compute(&o).unwrap().index("Nowhere").unwrap_err().kind(), "NOT_FOUND");
    let e = Survey::from_csv_path(data("nope.csv"), &mini(), &SurveyOptions::default()).unwrap_err();
    assert_eq!(e.kind(), "IO");
}

#[test]
fn several_unit_columns_need_a_choice() {
    let csv = "respondent,province,district,item,answer\nr1,Lạng Sơn,Huyện A,P.1.1,4\nr2,Lạng Sơn,Huyện B,P.1.1,2\n";
    let e = Survey::from_csv(csv, "districts.csv", &mini(), &lenient()).unwrap_err();
    assert_eq!(e.kind(), "MALFORMED");
    assert!(e.to_string().contains("several unit columns"), "{e}");
    let options = SurveyOptions { unit_column: Some("district".into()), ..lenient() };
    let s = Survey::from_csv(csv, "districts.csv", &mini(), &options).unwrap();
    assert_eq!(s.units(), vec!["Huyện A", "Huyện B"]);
    let missing = SurveyOptions { unit_column: Some("commune".into()), ..lenient() };
    let e = Survey::from_csv(csv, "districts.csv", &mini(), &missing).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().column.as_deref()), ("UNKNOWN_COLUMN", Some("commune")));
    assert!(e.to_string().contains("`province`, `district`"), "{e}");
}
