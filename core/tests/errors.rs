//! Bad input gets a clear error naming what was wrong and where; never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code: a panic is a failure

mod common;
use common::testdata;
use parindex::framework::{builtin, CsvFrameworkOptions};
use parindex::{CsvTableOptions, Framework, IndexKind, LeagueTable, Scorecard};

fn table_err(file: &str) -> parindex::Error {
    LeagueTable::from_csv_path(testdata(&format!("bad/{file}")), &CsvTableOptions::new(IndexKind::Par, 2023))
        .unwrap_err()
}

#[test]
fn league_table_errors_name_file_row_and_column() {
    let cases = [
        ("table-unknown-province.csv", "UNKNOWN_PROVINCE", "row 3"),
        ("table-duplicate-province.csv", "DUPLICATE_PROVINCE", "first at row 2"),
        ("table-rank-beyond.csv", "INVALID_RANK", "rank 64 is outside 1..=63"),
        ("table-score-not-number.csv", "INVALID_NUMBER", "column `score`"),
        ("table-score-negative.csv", "NEGATIVE", "row 2"),
        ("table-score-above-100.csv", "ABOVE_MAX", "maximum of 100"),
        ("table-missing-province-column.csv", "MISSING_FIELD", "row 1"),
        ("table-malformed-quote.csv", "MALFORMED", "table-malformed-quote.csv"),
    ];
    for (file, kind, fragment) in cases {
        let err = table_err(file);
        let msg = err.to_string();
        assert_eq!(err.kind(), kind, "{file}: {msg}");
        assert!(msg.contains(file), "{file}: {msg}");
        assert!(msg.contains(fragment), "{file}: `{fragment}` not in {msg}");
    }
    let missing = LeagueTable::from_csv_path(testdata("bad/nope.csv"), &CsvTableOptions::new(IndexKind::Par, 2023));
    assert_eq!(missing.unwrap_err().kind(), "IO");
}

#[test]
fn framework_errors_name_the_code() {
    let opts = CsvFrameworkOptions::default();
    let cases = [
        ("framework-duplicate-code.csv", "DUPLICATE_CODE", "row 4, code `1.1`"),
        (
            "framework-children-exceed.csv",
            "FRAMEWORK",
            "row 2, code `1`: invalid framework: the maxima of children 1.1, 1.2 add up to 6, not 5",
        ),
        ("framework-missing-parent.csv", "FRAMEWORK", "row 3, code `2.1`: invalid framework: parent `2` is missing"),
        (
            "framework-max-not-number.csv",
            "INVALID_NUMBER",
            "row 2, column `max points`, code `1`: `năm` is not a number",
        ),
    ];
    for (file, kind, fragment) in cases {
        let err = Framework::from_csv_path(testdata(&format!("bad/{file}")), &opts).unwrap_err();
        assert_eq!(err.kind(), kind, "{file}: {err}");
        assert!(err.to_string().contains(fragment), "{file}: {err}");
    }
    let err = Framework::from_json_path(testdata("bad/framework-truncated.json")).unwrap_err();
    assert_eq!(err.kind(), "MALFORMED");
    assert!(err.to_string().contains("row 1"), "{err}");
    let err = Framework::from_json(r#"{"id":"x","index":"par","name_vi":"x","nodes":[],"colour":"red"}"#, "x.json")
        .unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
}

#[test]
fn scorecard_errors_name_row_and_code() {
    let fw = builtin("par-2022").unwrap().clone();
    let cases = [
        ("scorecard-above-max.csv", "ABOVE_MAX", "9.8 points exceed the maximum of 9.5"),
        ("scorecard-unknown-code.csv", "UNKNOWN_CODE", "unknown code `9`"),
        ("scorecard-negative.csv", "NEGATIVE", "-0.5 is negative"),
    ];
    for (file, kind, fragment) in cases {
        let err =
            Scorecard::from_csv_path(testdata(&format!("bad/{file}")), fw.clone(), "Lạng Sơn", Some(2023)).unwrap_err();
        let msg = err.to_string();
        assert_eq!(err.kind(), kind, "{file}: {msg}");
        assert!(msg.contains("row 2") && msg.contains(fragment), "{file}: {msg}");
    }
    let err = Scorecard::from_csv_path(testdata("published/par_index_scorecards.csv"), fw, "Lạng Sơn", Some(2023))
        .unwrap_err();
    assert_eq!(err.kind(), "NOT_FOUND");
}

#[test]
fn queries_with_bad_arguments() {
    let t = parindex::published(&IndexKind::Par, 2023).unwrap();
    assert_eq!(t.points_to_rank("Lạng Sơn", 0).unwrap_err().kind(), "INVALID_ARGUMENT");
    assert_eq!(t.points_to_rank("Lạng Sơn", 64).unwrap_err().kind(), "INVALID_ARGUMENT");
    assert_eq!(t.rank("Gotham").unwrap_err().kind(), "UNKNOWN_PROVINCE");
    // Listed with neither rank nor score.
    assert_eq!(t.points_to_rank("Ninh Thuận", 30).unwrap_err().kind(), "NOT_FOUND");
    // Not listed at all.
    assert_eq!(t.points_to_rank("Hà Giang", 30).unwrap_err().kind(), "NOT_FOUND");
    assert_eq!(t.rank_if("Lạng Sơn", common::d("100.01")).unwrap_err().kind(), "INVALID_ARGUMENT");
    let dense = t.with_tie_policy(parindex::TiePolicy::Dense);
    assert_eq!(dense.points_to_rank("Lạng Sơn", 30).unwrap_err().kind(), "UNSUPPORTED");
}

#[test]
fn inputs_are_not_mutated_by_failed_or_successful_calls() {
    let fw = builtin("par-2022").unwrap().clone();
    let card = Scorecard::from_points(fw, "Lạng Sơn", [("1", common::d("9"))]).unwrap();
    let before = card.clone();
    assert!(card.with_points("1", common::d("10")).is_err());
    let changed = card.with_points("1", common::d("9.5")).unwrap();
    assert_eq!(card, before);
    assert_eq!(changed.points("1").unwrap().unwrap().points, common::d("9.5"));
}

#[test]
fn spreadsheet_exports_read_as_written() {
    // Semicolon-separated with decimal commas (Excel in a Vietnamese locale), blank lines.
    let text = "Tỉnh;Điểm;Xếp hạng\nLạng Sơn;85,94;47\n\n\nHà Nội;abc;3\n";
    let err = LeagueTable::from_csv(text, "export.csv", &CsvTableOptions::new(IndexKind::Par, 2023)).unwrap_err();
    assert_eq!(err.kind(), "INVALID_NUMBER");
    assert!(err.to_string().contains("row 5"), "{err}"); // its line, blank lines counted
    let ok = LeagueTable::from_csv(
        "Tỉnh\tĐiểm\tXếp hạng\nLạng Sơn\t85,94\t47\n",
        "tabs.tsv",
        &CsvTableOptions::new(IndexKind::Par, 2023),
    )
    .unwrap();
    assert_eq!(ok.score("Lạng Sơn").unwrap(), Some(common::d("85.94")));
    // A scorecard with Vietnamese headers; an empty points cell is an unknown.
    let fw = builtin("par-2022").unwrap().clone();
    let card = Scorecard::from_csv("Mã;Điểm\n1;9,44\n2;\n3;10,68\n", "the.csv", fw, "Quảng Nam", None).unwrap();
    assert_eq!(card.given().len(), 2);
    // UTF-16 and legacy encodings get a hint.
    let dir = std::env::temp_dir().join(format!("parindex-enc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let utf16 = dir.join("utf16.csv");
    std::fs::write(&utf16, [0xff, 0xfe, b'p', 0, b',', 0]).unwrap();
    let err = LeagueTable::from_csv_path(&utf16, &CsvTableOptions::new(IndexKind::Par, 2023)).unwrap_err();
    assert!(err.to_string().contains("UTF-16"), "{err}");
    let legacy = dir.join("cp1258.csv");
    std::fs::write(&legacy, b"province,score\nL\xe1ng S\xf5n,85.94\n").unwrap();
    let err = LeagueTable::from_csv_path(&legacy, &CsvTableOptions::new(IndexKind::Par, 2023)).unwrap_err();
    assert!(err.to_string().contains("row 2") && err.to_string().contains("UTF-8"), "{err}");
}
