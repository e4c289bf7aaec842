//! The bad-input catalogue of the core loaders: each item with its small input, and the
//! size limits (a 6 GB file refused from its size, unread).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

mod common;

use common::{d, testdata};
use parindex::framework::{builtin, CsvFrameworkOptions};
use parindex::league::CsvTableOptions;
use parindex::simulate::{simulate, ChangeModel, MonteCarlo};
use parindex::sipas::{Survey, SurveyOptions};
use parindex::{published, Error, Framework, IndexKind, LeagueTable, Scorecard};
use std::path::PathBuf;

/// A fresh directory under the system's temp dir.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parindex-bad-input-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn table_options() -> CsvTableOptions {
    CsvTableOptions::new(IndexKind::Par, 2023)
}

fn mini() -> Framework {
    Framework::from_json_path(testdata("sipas/mini-framework.json")).unwrap()
}

fn lenient() -> SurveyOptions {
    SurveyOptions { require_all_items: false, ..SurveyOptions::default() }
}

#[test]
fn cr_only_line_ends_give_the_right_rows() {
    // Row 4 is bad; blank lines (CR CR) count as rows too.
    let text = "province,score,rank\rLạng Sơn,85.94,47\r\rCao Bằng,abc,60\r";
    let e = LeagueTable::from_csv(text, "cr.csv", &table_options()).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().row), ("INVALID_NUMBER", Some(4)), "{e}");
    // The same with CRLF and with LF.
    for end in ["\r\n", "\n"] {
        let e = LeagueTable::from_csv(&text.replace('\r', end), "t.csv", &table_options()).unwrap_err();
        assert_eq!(e.location().unwrap().row, Some(4), "{e}");
    }
    // A survey answer file with CR-only ends: the bad answer at row 3.
    let e = Survey::from_csv(
        "respondent,unit,item,answer\ra1,Alpha,P.1.1,5\ra1,Alpha,P.1.2,9\r",
        "cr.csv",
        &mini(),
        &lenient(),
    )
    .unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().row), ("INVALID_ANSWER", Some(3)), "{e}");
}

#[test]
fn utf16_and_utf32_are_named_as_such() {
    let dir = temp_dir("enc");
    let text = "province,score,rank\nLạng Sơn,85.94,47\n";
    let utf16le: Vec<u8> = [0xff, 0xfe].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect(); // no byte-order mark
    let utf32le: Vec<u8> =
        [0xff, 0xfe, 0, 0].into_iter().chain(text.chars().flat_map(|c| (c as u32).to_le_bytes())).collect();
    let utf32be: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
    for (bytes, found) in [
        (utf16le, "UTF-16 (little-endian)"),
        (utf16be, "UTF-16 (big-endian)"),
        (utf32le, "UTF-32 (little-endian)"),
        (utf32be, "UTF-32 (big-endian)"),
    ] {
        let path = dir.join("t.csv");
        std::fs::write(&path, &bytes).unwrap();
        let e = LeagueTable::from_csv_path(&path, &table_options()).unwrap_err();
        assert_eq!(e.kind(), "ENCODING", "{e}");
        assert!(matches!(&e, Error::Encoding { found: f, .. } if f == found), "{e}");
        assert!(e.to_string().contains("save it as UTF-8"), "{e}");
        // Bytes from a caller (a binary stream in the bindings): the same.
        let e = parindex::io::text_from_bytes(bytes, "stream", 1 << 20).unwrap_err();
        assert!(matches!(&e, Error::Encoding { found: f, .. } if f == found), "{e}");
    }
    // A legacy encoding: the row of the first bad byte.
    let e = parindex::io::text_from_bytes(b"province\nL\xe1ng S\xf5n\n".to_vec(), "stream", 1 << 20).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().row), ("ENCODING", Some(2)));
    assert_eq!(parindex::io::text_from_bytes(b"\xef\xbb\xbfa,b\n".to_vec(), "s", 100).unwrap(), "a,b\n");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn not_found_in_a_file_names_the_file_in_its_location() {
    let e = LeagueTable::from_csv("year,province,score\n2022,Lạng Sơn,85\n", "t.csv", &table_options()).unwrap_err();
    assert_eq!(e.kind(), "NOT_FOUND");
    assert_eq!(e.location().unwrap().file.as_deref(), Some("t.csv"));
    let fw = builtin("par-2022").unwrap().clone();
    let e = Scorecard::from_csv("province,code,points\nHà Nội,1,5\n", "s.csv", fw, "Lạng Sơn", None).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().file.as_deref()), ("NOT_FOUND", Some("s.csv")));
}

#[test]
fn above_max_in_a_scorecard_names_the_column() {
    let fw = builtin("par-2022").unwrap().clone();
    let e = Scorecard::from_csv_path(testdata("bad/scorecard-above-max.csv"), fw.clone(), "Lạng Sơn", Some(2023))
        .unwrap_err();
    let at = e.location().unwrap();
    assert_eq!(
        (e.kind(), at.row, at.column.as_deref(), at.code.as_deref()),
        ("ABOVE_MAX", Some(2), Some("points"), Some("1"))
    );
    // Vietnamese header: named as written.
    let e = Scorecard::from_csv("Mã;Điểm\n1;-2\n", "s.csv", fw, "Lạng Sơn", None).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().column.as_deref()), ("NEGATIVE", Some("Điểm")));
}

#[test]
fn a_negative_total_row_carries_its_row() {
    let text = "STT,Tên,Điểm tối đa\n1,Lĩnh vực,2\n1.1,Tiêu chí,2\nTổng,Tổng cộng,-2\n";
    let e = Framework::from_csv(text, "f.csv", &CsvFrameworkOptions::default()).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().row), ("NEGATIVE", Some(4)), "{e}");
    let fw = builtin("par-2022").unwrap().clone();
    let e = Scorecard::from_csv("code,points\ntotal,-1\n", "s.csv", fw, "Lạng Sơn", None).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().row), ("NEGATIVE", Some(2)), "{e}");
}

#[test]
fn a_duplicated_json_node_has_its_position() {
    let mut value: serde_json::Value = serde_json::from_str(&builtin("par-2022").unwrap().to_json().unwrap()).unwrap();
    let nodes = value["nodes"].as_array_mut().unwrap();
    let second = nodes[1].clone();
    nodes.push(second.clone());
    let last = nodes.len() - 1;
    let e = Framework::from_json(&value.to_string(), "f.json").unwrap_err();
    let at = e.location().unwrap();
    assert_eq!(e.kind(), "DUPLICATE_CODE");
    assert_eq!(at.column, Some(format!("nodes[{last}]")), "{e}");
    assert_eq!(at.code.as_deref(), second["code"].as_str());
}

#[test]
fn nul_answers_and_names_are_errors() {
    let e =
        Survey::from_csv("respondent,unit,item,answer\na1,Alpha,P.1.1,\0\n", "s.csv", &mini(), &lenient()).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().row), ("INVALID_ANSWER", Some(2)), "{e}");
    let e = Survey::from_csv("respondent,unit,item,answer\na1,Alpha,P.1.1, \0 \n", "s.csv", &mini(), &lenient())
        .unwrap_err();
    assert_eq!(e.kind(), "INVALID_ANSWER", "{e}");
    // A NUL inside a province name: no match.
    let e = LeagueTable::from_csv("province,score\nLạng\0Sơn,85.94\n", "t.csv", &table_options()).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().row), ("UNKNOWN_PROVINCE", Some(2)), "{e}");
    let t = published(&IndexKind::Par, 2023).unwrap();
    assert_eq!(t.score("Lạng\0Sơn").unwrap_err().kind(), "UNKNOWN_PROVINCE");
    let open = CsvTableOptions::new(IndexKind::Custom("sở".into()), 2024);
    let e = LeagueTable::from_csv("unit,score\nSở\0A,85\n", "t.csv", &open).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().row), ("MALFORMED", Some(2)), "{e}");
}

#[test]
fn a_normal_change_model_names_the_argument_at_fault() {
    let t = published(&IndexKind::Par, 2023).unwrap();
    let mut o = MonteCarlo::new("Lạng Sơn", vec![d("2")], 30, 100, 5);
    o.model = ChangeModel::Normal { mean: d("0"), sd: d("200") };
    assert!(matches!(simulate(&t, &o).unwrap_err(), Error::InvalidArgument { name, .. } if name == "sd"));
    o.model = ChangeModel::Normal { mean: d("200"), sd: d("1") };
    assert!(matches!(simulate(&t, &o).unwrap_err(), Error::InvalidArgument { name, .. } if name == "mean"));
}

#[test]
fn a_6_gb_file_is_refused_from_its_size() {
    let dir = temp_dir("big");
    let path = dir.join("big.csv");
    // Sparse: no disk used, nothing to read.
    std::fs::File::create(&path).unwrap().set_len(6 << 30).unwrap();
    let too_large = |e: Error| {
        assert_eq!(e.kind(), "INPUT_TOO_LARGE", "{e}");
        assert!(e.to_string().contains("6442450944 bytes") && e.to_string().contains("max_input_bytes"), "{e}");
        assert_eq!(e.location().unwrap().file.as_deref(), Some(path.display().to_string().as_str()));
    };
    too_large(Survey::from_csv_path(&path, &mini(), &SurveyOptions::default()).unwrap_err());
    too_large(Survey::from_json_path(&path, &mini(), &SurveyOptions::default()).unwrap_err());
    too_large(LeagueTable::from_csv_path(&path, &table_options()).unwrap_err());
    too_large(Framework::from_csv_path(&path, &CsvFrameworkOptions::default()).unwrap_err());
    too_large(Framework::from_json_path(&path).unwrap_err());
    let fw = builtin("par-2022").unwrap().clone();
    too_large(Scorecard::from_csv_path(&path, fw, "Lạng Sơn", None).unwrap_err());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn limits_are_settable_and_checked_while_streaming() {
    let text = std::fs::read_to_string(testdata("sipas/mini-long.csv")).unwrap();
    let size = text.len() as u64;
    let tight = SurveyOptions { max_input_bytes: size - 1, ..lenient() };
    // From text and from a stream (no size known beforehand): refused while read.
    let e = Survey::from_csv(&text, "mini-long.csv", &mini(), &tight).unwrap_err();
    assert_eq!(e.kind(), "INPUT_TOO_LARGE");
    assert!(matches!(&e, Error::InputTooLarge { limit, .. } if *limit == size - 1), "{e}");
    let e = Survey::from_csv_reader(std::io::Cursor::new(text.clone()), "stream", &mini(), &tight).unwrap_err();
    assert_eq!(e.kind(), "INPUT_TOO_LARGE");
    // From the file: refused from its size.
    let e = Survey::from_csv_path(testdata("sipas/mini-long.csv"), &mini(), &tight).unwrap_err();
    assert_eq!(e.kind(), "INPUT_TOO_LARGE");
    // At the limit exactly: read.
    let exact = SurveyOptions { max_input_bytes: size, ..lenient() };
    let survey = Survey::from_csv_path(testdata("sipas/mini-long.csv"), &mini(), &exact).unwrap();
    let from_text = Survey::from_csv(&text, "x", &mini(), &lenient()).unwrap();
    assert_eq!((survey.units(), survey.respondent_count()), (from_text.units(), from_text.respondent_count()));
    assert_eq!(survey.to_long_csv().unwrap(), from_text.to_long_csv().unwrap());
    let options = CsvTableOptions { max_input_bytes: 10, ..table_options() };
    let path = testdata("published/par_index_provinces.csv");
    assert_eq!(LeagueTable::from_csv_path(&path, &options).unwrap_err().kind(), "INPUT_TOO_LARGE");
    let fw = builtin("par-2022").unwrap().clone();
    let card = testdata("published/par_index_scorecards.csv");
    let e = Scorecard::from_csv_path_limited(&card, fw, "Quảng Nam", Some(2023), 10).unwrap_err();
    assert_eq!(e.kind(), "INPUT_TOO_LARGE");
    assert_eq!(
        Framework::from_json_path_limited(testdata("sipas/mini-framework.json"), 10).unwrap_err().kind(),
        "INPUT_TOO_LARGE"
    );
}

#[test]
fn truncated_json_is_malformed_at_its_last_line() {
    // The file ends on line 3, inside the second record.
    let e = Survey::from_json_path(testdata("sipas/bad/truncated.json"), &mini(), &lenient()).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().row), ("MALFORMED", Some(3)), "{e}");
}

#[test]
fn a_fractional_rank_is_not_a_whole_number() {
    let e = LeagueTable::from_csv("province,score,rank\nLạng Sơn,85.94,1.5\n", "t.csv", &table_options()).unwrap_err();
    assert_eq!(e.kind(), "INVALID_NUMBER");
    assert!(matches!(e, Error::NotWhole { .. }), "{e:?}");
    assert_eq!(e.to_string(), "file `t.csv`, row 2, column `rank`: `1.5` is not a whole number");
    let e = LeagueTable::from_csv("province,score,rank\nLạng Sơn,85.94,abc\n", "t.csv", &table_options()).unwrap_err();
    assert!(matches!(e, Error::InvalidNumber { .. }) && e.to_string().ends_with("`abc` is not a number"), "{e}");
}

/// A table's size bounds its memory: `of` above [`parindex::MAX_RANKED`], given or implied
/// by an open roster's largest rank, is a typed error naming `of`, not an allocation abort.
#[test]
fn a_table_larger_than_the_bound_is_refused_by_name() {
    use parindex::league::EntryInput;
    let entry = |rank: Option<i64>| EntryInput {
        province: "Hữu Lũng".into(),
        score: Some(d("90")),
        rank,
        rank_basis: None,
        source: None,
        note: None,
        row: None,
    };
    let options = |of: Option<u32>| CsvTableOptions {
        roster: Some(parindex::Roster::Open),
        of,
        ..CsvTableOptions::new(IndexKind::Custom("district".into()), 2023)
    };
    for (of, rank) in [(Some(1_000_000_000), None), (None, Some(1_000_000_000))] {
        match LeagueTable::from_entries(vec![entry(rank)], &options(of), None) {
            Err(Error::InvalidArgument { name, message }) => {
                assert_eq!(name, "of");
                assert!(message.contains("1000000000") && message.contains("100000"), "{message}");
            }
            other => panic!("expected INVALID_ARGUMENT on `of`, got {other:?}"),
        }
    }
    let at_bound = LeagueTable::from_entries(vec![entry(Some(2))], &options(Some(parindex::MAX_RANKED)), None);
    assert_eq!(at_bound.map(|t| t.of()).ok(), Some(parindex::MAX_RANKED));
}
