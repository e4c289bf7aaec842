//! Collect, don't stop: every loader's `validate_*` twin lists all problems of a file.
//!
//! Planted faults: fixtures with several bad rows each (`testdata/bad/*-faults.csv`,
//! `testdata/sipas/bad/faults-*.csv`); every fault must be reported with its row
//! (spreadsheet numbering: header = row 1), column and kind, from CSV and from the same
//! rows in a worksheet under a title row (rows shifted by 2, cells named).
//!
//! Law, over mutated copies of the fixtures (as in `fuzz_loaders.rs`): `validate_*` is empty
//! exactly when the loader succeeds, and the loader's error is one of those listed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

mod common;

use common::testdata;
use parindex::framework::{builtin, CsvFrameworkOptions};
use parindex::league::CsvTableOptions;
use parindex::sipas::{Survey, SurveyOptions};
use parindex::{Assignments, Error, Framework, IndexKind, LeagueTable, Scorecard, TableOptions, Units};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use rust_xlsxwriter::{Format, Workbook};
use std::sync::{Arc, OnceLock};

fn read(rel: &str) -> String {
    std::fs::read_to_string(testdata(rel)).unwrap()
}

/// (kind, row, column) of each problem.
fn faults(errors: &[Error]) -> Vec<(&'static str, Option<usize>, Option<String>)> {
    errors
        .iter()
        .map(|e| {
            let at = e.location();
            (e.kind(), at.and_then(|a| a.row), at.and_then(|a| a.column.clone()))
        })
        .collect()
}

fn f(kind: &'static str, row: usize, column: Option<&str>) -> (&'static str, Option<usize>, Option<String>) {
    (kind, Some(row), column.map(str::to_string))
}

/// The rows of a CSV as a worksheet `Bảng` under a merged title row and a blank row (so a
/// CSV row n is spreadsheet row n + 2), every cell as text.
fn as_workbook(csv_text: &str) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Bảng").unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let width = rows.first().map_or(1, csv::StringRecord::len) as u16;
    ws.merge_range(0, 0, 0, width - 1, "BẢNG KIỂM THỬ", &Format::new().set_bold()).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32 + 2, c as u16, cell).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The CSV faults moved 2 rows down, each with the sheet and an A1 cell on that row.
fn check_sheet(from_csv: &[Error], from_sheet: &[Error]) {
    let shifted: Vec<_> = faults(from_csv).into_iter().map(|(k, r, c)| (k, r.map(|r| r + 2), c)).collect();
    assert_eq!(faults(from_sheet), shifted);
    for e in from_sheet {
        let at = e.location().unwrap();
        assert_eq!(at.sheet.as_deref(), Some("Bảng"), "{e}");
        if let (Some(cell), Some(row)) = (&at.cell, at.row) {
            assert!(cell.ends_with(&row.to_string()), "{e}");
        }
    }
}

fn par2023() -> CsvTableOptions {
    CsvTableOptions::new(IndexKind::Par, 2023)
}

#[test]
fn league_table_faults_are_all_reported_with_their_rows() {
    let text = read("bad/table-faults.csv");
    let problems = LeagueTable::validate_csv(&text, "table-faults.csv", &par2023());
    assert_eq!(
        faults(&problems),
        vec![
            f("INVALID_NUMBER", 3, Some("score")),
            f("UNKNOWN_PROVINCE", 4, None),
            f("DUPLICATE_PROVINCE", 5, None),
            f("ABOVE_MAX", 6, Some("score")),
            f("INVALID_RANK", 7, Some("rank")),
            f("INVALID_NUMBER", 8, Some("rank")),
            f("INVALID_NUMBER", 9, Some("year")),
            f("NEGATIVE", 10, Some("score")),
            // Both bad cells of one row; the other year's bad row (11) is not read.
            f("INVALID_NUMBER", 13, Some("rank")),
            f("INVALID_NUMBER", 13, Some("score")),
        ]
    );
    assert!(problems.iter().all(|e| e.location().unwrap().file.as_deref() == Some("table-faults.csv")));
    assert!(problems[1].to_string().contains("Atlantis"), "{}", problems[1]);
    assert!(problems[2].to_string().contains("first at row 2"), "{}", problems[2]);
    // The loader stops at the first, unchanged.
    let err = LeagueTable::from_csv(&text, "table-faults.csv", &par2023()).unwrap_err();
    assert_eq!(err, problems[0]);

    let bytes = as_workbook(&text);
    let sheet = LeagueTable::validate_excel(&bytes, "t.xlsx", &TableOptions::default(), &par2023());
    let from_csv = LeagueTable::validate_csv(&text, "t.xlsx", &par2023());
    check_sheet(&from_csv, &sheet);
    assert_eq!(sheet[0].location().unwrap().cell.as_deref(), Some("C5"));
    let err = LeagueTable::from_excel(&bytes, "t.xlsx", &TableOptions::default(), &par2023()).unwrap_err();
    assert!(sheet.contains(&err), "{err}");
}

fn par2022() -> Arc<Framework> {
    Arc::new(builtin("par-2022").unwrap().clone())
}

#[test]
fn scorecard_faults_are_all_reported_with_their_rows() {
    let text = read("bad/scorecard-faults.csv");
    let problems = Scorecard::validate_csv(&text, "s.csv", par2022(), "Lạng Sơn", Some(2023));
    assert_eq!(
        faults(&problems),
        vec![
            f("INVALID_NUMBER", 3, Some("points")),
            f("UNKNOWN_CODE", 4, None),
            f("DUPLICATE_CODE", 5, None),
            f("NEGATIVE", 6, Some("points")),
            // Row 7 is Hà Nội's, row 10 of 2022: not read.
            f("ABOVE_MAX", 8, Some("points")),
            f("MISSING_FIELD", 9, Some("code")),
            f("INVALID_NUMBER", 11, Some("max_points")),
        ]
    );
    let codes: Vec<Option<&str>> = problems.iter().map(|e| e.location().unwrap().code.as_deref()).collect();
    assert_eq!(codes, vec![Some("3"), Some("99"), Some("1"), Some("4"), Some("5"), None, Some("8")]);
    let err = Scorecard::from_csv(&text, "s.csv", par2022(), "Lạng Sơn", Some(2023)).unwrap_err();
    assert_eq!(err, problems[0]);

    let bytes = as_workbook(&text);
    let o = TableOptions::default();
    let sheet = Scorecard::validate_excel(&bytes, "s.csv", &o, par2022(), "Lạng Sơn", Some(2023));
    check_sheet(&problems, &sheet);
    let err = Scorecard::from_excel(&bytes, "s.csv", &o, par2022(), "Lạng Sơn", Some(2023)).unwrap_err();
    assert!(sheet.contains(&err), "{err}");
    // A clean file lists nothing and loads.
    let good = "code,points\n1,9\n3,12\n";
    assert!(Scorecard::validate_csv(good, "g.csv", par2022(), "Lạng Sơn", None).is_empty());
    assert!(Scorecard::from_csv(good, "g.csv", par2022(), "Lạng Sơn", None).is_ok());
}

#[test]
fn framework_faults_are_all_reported_with_their_rows() {
    let text = read("bad/framework-faults.csv");
    let options = CsvFrameworkOptions::default();
    let problems = Framework::validate_csv(&text, "fw.csv", &options);
    assert_eq!(
        faults(&problems),
        vec![
            f("INVALID_NUMBER", 3, Some("max points")),
            f("MISSING_FIELD", 4, Some("name")),
            f("MISSING_FIELD", 5, Some("code (STT)")),
            f("MALFORMED", 6, Some("method")),
            f("MALFORMED", 7, Some("status")),
        ]
    );
    let err = Framework::from_csv(&text, "fw.csv", &options).unwrap_err();
    assert_eq!(err, problems[0]);
    let bytes = as_workbook(&text);
    let sheet = Framework::validate_excel(&bytes, "fw.csv", &TableOptions::default(), &options);
    check_sheet(&problems, &sheet);

    // Rows that read: the structure is checked, and its problem listed with its row.
    let text = read("bad/framework-duplicate-code.csv");
    let problems = Framework::validate_csv(&text, "dup.csv", &options);
    let err = Framework::from_csv(&text, "dup.csv", &options).unwrap_err();
    assert_eq!(problems, vec![err]);
    assert_eq!(problems[0].kind(), "DUPLICATE_CODE");
    assert!(problems[0].location().unwrap().row.is_some());
    // Every node's own problem, with the row of its code.
    let text = "code,name,max_points\n1,Lĩnh vực A,10\n1.1,A1,4\n1.1,A1 lặp,2\n3.1,Không có cha,1\n2,Lĩnh vực B,-5\n";
    let problems = Framework::validate_csv(text, "tree.csv", &options);
    assert_eq!(faults(&problems), vec![f("DUPLICATE_CODE", 4, None), f("FRAMEWORK", 5, None), f("NEGATIVE", 6, None)]);
    assert_eq!(Framework::from_csv(text, "tree.csv", &options).unwrap_err(), problems[0]);
    // Sound codes: every set of maxima that does not add up (the total's last).
    let text = "code,name,max_points\n1,A,10\n1.1,A1,4\n1.2,A2,5\n2,B,5\n2.1,B1,3\n2.2,B2,3\ntotal,Tổng,20\n";
    let problems = Framework::validate_csv(text, "sums.csv", &options);
    let got: Vec<(&str, Option<usize>, Option<&str>)> =
        problems.iter().map(|e| (e.kind(), e.location().unwrap().row, e.location().unwrap().code.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            ("FRAMEWORK", Some(2), Some("1")),
            ("FRAMEWORK", Some(5), Some("2")),
            ("FRAMEWORK", Some(8), Some("total"))
        ]
    );
    let err = Framework::from_csv(text, "sums.csv", &options).unwrap_err();
    assert!(problems.contains(&err), "{err}");
    let good = read("frameworks/district-index-example.csv");
    assert!(Framework::validate_csv(&good, "ok.csv", &options).is_empty());
}

#[test]
fn framework_json_problems_are_all_reported_with_their_node() {
    let json = r#"{"id": "x", "index": "custom", "name_vi": "X", "total_max_points": 10, "nodes": [
        {"code": "1", "name_vi": "A", "max_points": 6},
        {"code": "1.1", "name_vi": "A1", "max_points": 6},
        {"code": "1.1", "name_vi": "A1 lặp", "max_points": 1},
        {"code": "3.1", "name_vi": "Không có cha", "max_points": 1},
        {"code": "2", "name_vi": "B", "max_points": -4}]}"#;
    let problems = Framework::validate_json(json, "x.json");
    let got: Vec<(&str, Option<&str>)> =
        problems.iter().map(|e| (e.kind(), e.location().unwrap().column.as_deref())).collect();
    assert_eq!(
        got,
        vec![("DUPLICATE_CODE", Some("nodes[2]")), ("FRAMEWORK", Some("nodes[3]")), ("NEGATIVE", Some("nodes[4]"))]
    );
    assert_eq!(Framework::from_json(json, "x.json").unwrap_err(), problems[0]);
    // Bad JSON: the one problem.
    let problems = Framework::validate_json("{\"id\": ", "bad.json");
    assert_eq!(faults(&problems), vec![f("MALFORMED", 1, None)]);
    assert!(Framework::validate_json(&read("sipas/mini-framework.json"), "mini.json").is_empty());
}

fn mini() -> Framework {
    Framework::from_json(&read("sipas/mini-framework.json"), "mini").unwrap()
}

#[test]
fn survey_faults_are_all_reported_with_their_rows() {
    let fw = mini();
    let o = SurveyOptions::default();
    let text = read("sipas/bad/faults-long.csv");
    let problems = Survey::validate_csv(&text, "long.csv", &fw, &o);
    assert_eq!(
        faults(&problems),
        vec![
            f("INVALID_ANSWER", 3, Some("answer")),
            f("UNKNOWN_CODE", 4, Some("item")),
            f("DUPLICATE_ANSWER", 5, Some("item")),
            f("MISSING_FIELD", 6, Some("respondent")),
            f("MISSING_FIELD", 7, Some("unit")),
            f("MALFORMED", 8, Some("unit")),
            f("INVALID_ANSWER", 9, Some("answer")),
            f("MALFORMED", 11, Some("unit")),
        ]
    );
    let err = Survey::from_csv(&text, "long.csv", &fw, &o).unwrap_err();
    assert_eq!(err, problems[0]);
    let sheet = Survey::validate_excel(&as_workbook(&text), "long.csv", &TableOptions::default(), &fw, &o);
    check_sheet(&problems, &sheet);

    // Wide form: every bad cell of a row.
    let text = read("sipas/bad/faults-wide.csv");
    let problems = Survey::validate_csv(&text, "wide.csv", &fw, &o);
    assert_eq!(
        faults(&problems),
        vec![
            f("INVALID_ANSWER", 2, Some("P.1.2")),
            f("INVALID_ANSWER", 2, Some("S.1.2")),
            f("MISSING_FIELD", 4, Some("respondent")),
            f("INVALID_ANSWER", 5, Some("P.1.1")),
            f("INVALID_ANSWER", 5, Some("S.2.1")),
        ]
    );
    let codes: Vec<Option<&str>> = problems.iter().map(|e| e.location().unwrap().code.as_deref()).collect();
    assert_eq!(codes, vec![Some("P.1.2"), Some("S.1.2"), None, Some("P.1.1"), Some("S.2.1")]);
    assert_eq!(Survey::from_csv(&text, "wide.csv", &fw, &o).unwrap_err(), problems[0]);
    let sheet = Survey::validate_excel(&as_workbook(&text), "wide.csv", &TableOptions::default(), &fw, &o);
    check_sheet(&problems, &sheet);

    // What needs the whole file: every item never answered, every unit asked for and absent.
    let o = SurveyOptions { units: Some(vec!["Gamma".into(), "Delta".into()]), ..SurveyOptions::default() };
    let text = "respondent,unit,item,answer\na1,Alpha,P.1.1,5\na1,Alpha,P.1.2,9\n";
    let problems = Survey::validate_csv(text, "few.csv", &fw, &o);
    let kinds: Vec<(&str, Option<String>)> =
        problems.iter().map(|e| (e.kind(), e.location().unwrap().code.clone())).collect();
    assert_eq!(
        kinds,
        vec![
            ("MISSING_FIELD", Some("S.1.1".into())),
            ("MISSING_FIELD", Some("S.1.2".into())),
            ("MISSING_FIELD", Some("S.2.1".into())),
            ("INVALID_ANSWER", Some("P.1.2".into())),
            ("NO_ANSWERS", Some("Gamma".into())),
            ("NO_ANSWERS", Some("Delta".into())),
        ]
    );
    let err = Survey::from_csv(text, "few.csv", &fw, &o).unwrap_err();
    assert!(problems.contains(&err), "{err}");

    // JSON: rows are the records' positions.
    let json = r#"[{"respondent":"a1","unit":"Alpha","item":"P.1.1","answer":7},
        5,
        {"respondent":"a1","unit":"Alpha","item":"P.1.2","answer":4},
        {"respondent":"a1","unit":"Alpha","item":"Q","answer":4}]"#;
    let o = SurveyOptions { require_all_items: false, ..SurveyOptions::default() };
    let problems = Survey::validate_json(json, "a.json", &fw, &o);
    let got: Vec<(&str, Option<usize>)> = problems.iter().map(|e| (e.kind(), e.location().unwrap().row)).collect();
    assert_eq!(got, vec![("INVALID_ANSWER", Some(1)), ("MALFORMED", Some(2)), ("UNKNOWN_CODE", Some(4))]);
    assert_eq!(Survey::from_json(json, "a.json", &fw, &o).unwrap_err(), problems[0]);
}

#[test]
fn entries_and_records_are_validated_alike() {
    use parindex::sipas::AnswerInput;
    use parindex::EntryInput;
    let entry = |province: &str, score: &str, rank: Option<i64>| EntryInput {
        province: province.into(),
        score: Some(score.parse().unwrap()),
        rank,
        ..EntryInput::default()
    };
    let inputs = vec![
        entry("Lạng Sơn", "85.94", Some(47)),
        entry("Atlantis", "80", None),
        entry("Hà Nội", "101", Some(0)),
        entry("Lang Son", "80", None),
    ];
    let problems = LeagueTable::validate_entries(inputs.clone(), &par2023(), Some("df"));
    let got: Vec<(&str, Option<&str>)> =
        problems.iter().map(|e| (e.kind(), e.location().unwrap().column.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            ("UNKNOWN_PROVINCE", Some("entry 2")),
            ("ABOVE_MAX", Some("score (entry 3)")),
            ("INVALID_RANK", Some("rank (entry 3)")),
            ("DUPLICATE_PROVINCE", Some("entry 4")),
        ]
    );
    assert_eq!(LeagueTable::from_entries(inputs, &par2023(), Some("df")).unwrap_err(), problems[0]);

    let fw = mini();
    let answer = |r: &str, item: &str, a: &str| AnswerInput {
        respondent: r.into(),
        unit: "Alpha".into(),
        item: item.into(),
        answer: Some(a.into()),
        ..AnswerInput::default()
    };
    let answers = vec![
        answer("a1", "P.1.1", "5"),
        answer("a1", "P.1.2", "0"),
        answer("a1", "Z", "3"),
        answer("a1", "P.1.1", "4"),
    ];
    let o = SurveyOptions { require_all_items: false, ..SurveyOptions::default() };
    let problems = Survey::validate_answers(&answers, "df", &fw, &o);
    let got: Vec<(&str, Option<usize>)> = problems.iter().map(|e| (e.kind(), e.location().unwrap().row)).collect();
    assert_eq!(got, vec![("INVALID_ANSWER", Some(2)), ("UNKNOWN_CODE", Some(3)), ("DUPLICATE_ANSWER", Some(4))]);
    assert_eq!(Survey::from_answers(&answers, "df", &fw, &o).unwrap_err(), problems[0]);
    assert!(Survey::validate_answers(&answers[..1], "df", &fw, &o).is_empty());
}

#[test]
fn structural_problems_end_the_list() {
    // No province column: one problem, the loader's.
    let text = "year,place,score\n2023,Lạng Sơn,85\n2023,Hà Nội,abc\n";
    let problems = LeagueTable::validate_csv(text, "t.csv", &par2023());
    assert_eq!(faults(&problems), vec![f("MISSING_FIELD", 1, None)]);
    // Too large: refused before any row.
    let options = CsvTableOptions { max_input_bytes: 10, ..par2023() };
    let problems = LeagueTable::validate_csv(&read("bad/table-faults.csv"), "t.csv", &options);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind(), "INPUT_TOO_LARGE");
    // A clean file lists nothing.
    assert!(LeagueTable::validate_csv(&read("published/par_index_provinces.csv"), "p.csv", &par2023()).is_empty());
    // A file of bad rows: 10,000 listed, then one problem saying the rest is not checked.
    let mut text = String::from("year,province,score\n");
    for _ in 0..10_050 {
        text.push_str("2023,Hà Nội,abc\n");
    }
    let problems = LeagueTable::validate_csv(&text, "many.csv", &par2023());
    assert_eq!(problems.len(), 10_001);
    assert!(problems[..10_000].iter().all(|e| e.kind() == "INVALID_NUMBER"));
    assert_eq!(problems[9_999].location().unwrap().row, Some(10_001));
    let last = &problems[10_000];
    assert_eq!((last.kind(), last.location().unwrap().row), ("MALFORMED", None));
    assert!(last.to_string().contains("10000 problems listed"), "{last}");
}

// ---- the law, over mutated fixtures ----

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(300);
    let seed = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_261_206);
    Config { cases, rng_seed: RngSeed::Fixed(seed), failure_persistence: None, ..Config::default() }
}

const TOKENS: &[&str] = &[",", "\n", "\"", "\r", "-1", "101", "1.5", "abc", "9,5", "0", "6", "dk", "Tổng", "", " "];

/// Mutated lines: a cell replaced by a token, a line repeated or dropped, a token inserted.
fn mutate(seed: &str, mutations: &[(u8, usize, usize)]) -> String {
    let mut lines: Vec<String> = seed.lines().map(str::to_string).collect();
    for &(op, pos, token) in mutations {
        if lines.is_empty() {
            break;
        }
        let i = pos % lines.len();
        let t = TOKENS[token % TOKENS.len()];
        match op % 4 {
            0 => {
                let mut cells: Vec<&str> = lines[i].split(',').collect();
                let c = (pos / 7) % cells.len();
                cells[c] = t;
                lines[i] = cells.join(",");
            }
            1 => {
                let copy = lines[i].clone();
                lines.insert(i, copy);
            }
            2 => {
                lines.remove(i);
            }
            _ => {
                let at = (pos / 3) % (lines[i].len() + 1);
                if lines[i].is_char_boundary(at) {
                    lines[i].insert_str(at, t);
                }
            }
        }
    }
    lines.join("\n") + "\n"
}

fn input(seeds: &'static [String]) -> impl Strategy<Value = String> {
    (0..seeds.len(), proptest::collection::vec(any::<(u8, usize, usize)>(), 0..6))
        .prop_map(move |(i, m)| mutate(&seeds[i], &m))
}

fn seeds(files: &[&str]) -> Vec<String> {
    files.iter().map(|f| read(f)).collect()
}

/// Empty exactly when the load succeeds; the loader's error among those listed.
fn law<T: std::fmt::Debug>(listed: Vec<Error>, loaded: Result<T, Error>) -> Result<(), TestCaseError> {
    match loaded {
        Ok(_) => prop_assert!(listed.is_empty(), "loads, yet listed {listed:?}"),
        Err(e) => prop_assert!(listed.contains(&e), "{e} not among {listed:?}"),
    }
    Ok(())
}

/// [`law`] for the loaders that report every problem themselves ([`Error::Invalid`] when
/// several): the same problems as listed.
fn law_all<T: std::fmt::Debug>(listed: Vec<Error>, loaded: Result<T, Error>) -> Result<(), TestCaseError> {
    match loaded {
        Err(Error::Invalid { errors, .. }) => prop_assert_eq!(errors, listed),
        other => law(listed, other)?,
    }
    Ok(())
}

fn table_seeds() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| seeds(&["bad/table-faults.csv", "published/par_index_provinces.csv", "bad/table-rank-beyond.csv"]))
}

fn scorecard_seeds() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| seeds(&["bad/scorecard-faults.csv", "published/par_index_scorecards.csv"]))
}

fn framework_seeds() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        seeds(&[
            "bad/framework-faults.csv",
            "frameworks/district-index-example.csv",
            "bad/framework-children-exceed.csv",
            "bad/framework-missing-parent.csv",
            "ranking/district-framework.csv",
        ])
    })
}

fn json_seeds() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut all = seeds(&["sipas/mini-framework.json"]);
        all.push(builtin("par-2022").unwrap().to_json().unwrap());
        all
    })
}

fn survey_seeds() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        seeds(&["sipas/bad/faults-long.csv", "sipas/bad/faults-wide.csv", "sipas/mini-long.csv", "sipas/mini-wide.csv"])
    })
}

fn mini_once() -> &'static Framework {
    static F: OnceLock<Framework> = OnceLock::new();
    F.get_or_init(mini)
}

fn district() -> Arc<Framework> {
    static F: OnceLock<Arc<Framework>> = OnceLock::new();
    Arc::clone(F.get_or_init(|| {
        let options = CsvFrameworkOptions {
            id: "district-example".into(),
            index: IndexKind::Custom("district-example".into()),
            ..CsvFrameworkOptions::default()
        };
        Arc::new(Framework::from_csv(&read("agency/framework_district.csv"), "fw.csv", &options).unwrap())
    }))
}

fn long_seeds() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    // The first 40 lines of the example: enough rows, quick to load.
    S.get_or_init(|| {
        let head: String = read("agency/scorecards_district.csv").lines().take(40).map(|l| format!("{l}\n")).collect();
        vec![head, read("agency/bad/scorecards_faults.csv")]
    })
}

fn annex_seeds() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| seeds(&["agency/assignments_district.csv", "agency/bad/assignments_faults.csv"]))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn units_validate_agrees_with_the_loader(text in input(long_seeds()), year in prop_oneof![Just(None), Just(Some(2023u16))]) {
        law_all(Units::validate_csv(&text, "u.csv", district(), year), Units::from_csv(&text, "u.csv", district(), year))?;
    }

    #[test]
    fn assignments_validate_agrees_with_the_loader(text in input(annex_seeds())) {
        law_all(Assignments::validate_csv(&text, "a.csv", district()), Assignments::from_csv(&text, "a.csv", district()))?;
    }

    #[test]
    fn league_validate_agrees_with_the_loader(text in input(table_seeds()), year in 2021u16..=2023) {
        let o = CsvTableOptions::new(IndexKind::Par, year);
        law(LeagueTable::validate_csv(&text, "t.csv", &o), LeagueTable::from_csv(&text, "t.csv", &o))?;
    }

    #[test]
    fn scorecard_validate_agrees_with_the_loader(text in input(scorecard_seeds()), which in 0usize..3) {
        let (province, year) = [("Lạng Sơn", Some(2023)), ("Quảng Nam", Some(2023)), ("Hòa Bình", None)][which];
        law(
            Scorecard::validate_csv(&text, "s.csv", par2022(), province, year),
            Scorecard::from_csv(&text, "s.csv", par2022(), province, year),
        )?;
    }

    #[test]
    fn framework_json_validate_agrees_with_the_loader(text in input(json_seeds())) {
        law(Framework::validate_json(&text, "f.json"), Framework::from_json(&text, "f.json"))?;
    }

    #[test]
    fn framework_validate_agrees_with_the_loader(text in input(framework_seeds())) {
        let o = CsvFrameworkOptions::default();
        law(Framework::validate_csv(&text, "f.csv", &o), Framework::from_csv(&text, "f.csv", &o))?;
    }

    #[test]
    fn survey_validate_agrees_with_the_loader(text in input(survey_seeds()), all in any::<bool>()) {
        let o = SurveyOptions { require_all_items: all, ..SurveyOptions::default() };
        let fw = mini_once();
        law(Survey::validate_csv(&text, "a.csv", fw, &o), Survey::from_csv(&text, "a.csv", fw, &o))?;
    }
}
