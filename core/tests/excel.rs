//! Workbooks in: each loader reads a worksheet made by a workbook writer (title row, merged
//! cells, decimal commas as text, numbers, formulas' cached values, a total row) to the same
//! values as its CSV twin; errors name the sheet, cell and row; options naming a missing
//! column are errors listing the columns.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::{d, testdata};
use parindex::framework::{builtin, CsvFrameworkOptions, Method};
use parindex::sipas::{SipasOptions, SurveyOptions};
use parindex::{CsvTableOptions, Framework, IndexKind, LeagueTable, Scorecard, Sheet, Survey, TableOptions};
use rust_xlsxwriter::{Format, Formula, Workbook};

/// A cell of a fixture.
enum C {
    T(&'static str),
    S(String),
    N(f64),
    /// A formula with its cached value.
    F(&'static str, f64),
    Blank,
}

/// A workbook with a notes sheet first, then `sheet`: a title merged over the header's width,
/// a blank row, then `rows` (the header first). Returns the bytes.
fn workbook(sheet: &str, title: &str, rows: &[Vec<C>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("Ghi chú").unwrap();
    notes.write_string(0, 0, "Bảng này được tạo cho kiểm thử").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let width = rows.first().map_or(1, Vec::len) as u16;
    ws.merge_range(0, 0, 0, width - 1, title, &Format::new().set_bold()).unwrap();
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 2;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                C::T(s) => ws.write_string(r, c, *s).map(|_| ()).unwrap(),
                C::S(s) => ws.write_string(r, c, s).map(|_| ()).unwrap(),
                C::N(n) => ws.write_number(r, c, *n).map(|_| ()).unwrap(),
                C::F(f, v) => ws.write_formula(r, c, Formula::new(*f).set_result(v.to_string())).map(|_| ()).unwrap(),
                C::Blank => {}
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn sheet(name: &str) -> TableOptions {
    TableOptions { sheet: Some(Sheet::Name(name.into())), ..TableOptions::default() }
}

fn par2023() -> CsvTableOptions {
    CsvTableOptions::new(IndexKind::Par, 2023)
}

/// The 2023 PAR table as a ministry-style sheet: `TT`, `Tỉnh, thành phố`, `Điểm số`,
/// `Xếp hạng`; scores alternate between text with a decimal comma, numbers and formulas.
fn par_sheet(csv: &LeagueTable) -> Vec<u8> {
    let mut rows = vec![vec![C::T("TT"), C::T("Tỉnh, thành phố"), C::T("Điểm số"), C::T("Xếp hạng")]];
    for (i, e) in csv.entries().iter().enumerate() {
        let score = match (e.score, i % 3) {
            (None, _) => C::Blank,
            (Some(s), 0) => C::S(s.to_string().replace('.', ",")),
            (Some(s), 1) => C::N(s.to_string().parse().unwrap()),
            (Some(s), _) => C::F("=0+0", s.to_string().parse().unwrap()),
        };
        let rank = e.rank.map_or(C::Blank, |r| C::N(f64::from(r)));
        rows.push(vec![C::N(i as f64 + 1.0), C::S(e.province.clone()), score, rank]);
    }
    workbook("PAR 2023", "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC TỈNH, THÀNH PHỐ", &rows)
}

fn triples(t: &LeagueTable) -> Vec<(String, Option<parindex::Decimal>, Option<u32>)> {
    t.entries().iter().map(|e| (e.province.clone(), e.score, e.rank)).collect()
}

#[test]
fn league_table_from_a_titled_sheet_equals_its_csv_twin() {
    let csv = LeagueTable::from_csv_path(testdata("published/par_index_provinces.csv"), &par2023()).unwrap();
    let bytes = par_sheet(&csv);
    let xlsx = LeagueTable::from_excel(&bytes, "par2023.xlsx", &sheet("par 2023"), &par2023()).unwrap();
    assert_eq!(triples(&xlsx), triples(&csv));
    assert_eq!(xlsx.rank("Lạng Sơn").unwrap(), Some(47));
    assert_eq!(xlsx.score("Lạng Sơn").unwrap(), csv.score("Lạng Sơn").unwrap());
    // By position too (the notes sheet is 0); the header is found under the title.
    let by_index = TableOptions { sheet: Some(Sheet::Index(1)), ..TableOptions::default() };
    assert_eq!(triples(&LeagueTable::from_excel(&bytes, "p.xlsx", &by_index, &par2023()).unwrap()), triples(&csv));
    // And from a file.
    let dir = tempdir("league");
    let path = dir.join("par2023.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let from_file = LeagueTable::from_excel_path(&path, &sheet("PAR 2023"), &par2023()).unwrap();
    assert_eq!(triples(&from_file), triples(&csv));
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("parindex-excel-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn framework_from_a_sheet_with_a_total_row_equals_its_csv_twin() {
    let options = CsvFrameworkOptions::default();
    let csv = Framework::from_csv_path(testdata("frameworks/district-index-example.csv"), &options).unwrap();
    let mut rows = vec![vec![
        C::T("STT"),
        C::T("Lĩnh vực/Tiêu chí"),
        C::T("Điểm tối đa"),
        C::T("Phương thức"),
        C::T("Cách tính điểm"),
        C::T("Ghi chú"),
    ]];
    for (i, n) in csv.nodes().iter().enumerate() {
        let max = n.max_points.unwrap();
        rows.push(vec![
            // A top-level code typed as a number, the others as text.
            if n.code.contains('.') { C::S(n.code.clone()) } else { C::N(n.code.parse().unwrap()) },
            C::S(n.name_vi.clone()),
            if i % 2 == 0 { C::S(max.to_string().replace('.', ",")) } else { C::N(max.to_string().parse().unwrap()) },
            match n.method {
                Some(Method::Appraised) => C::T("thẩm định"),
                Some(Method::CitizenSurvey) => C::T("SIPAS"),
                Some(m) => C::S(m.as_str().to_string()),
                None => C::Blank,
            },
            n.rule.as_ref().map_or(C::Blank, |r| C::S(r.to_text())),
            n.note.clone().map_or(C::Blank, C::S),
        ]);
    }
    let total: f64 = csv
        .nodes()
        .iter()
        .filter(|n| !n.code.contains('.'))
        .map(|n| n.max_points.unwrap())
        .sum::<parindex::Decimal>()
        .to_string()
        .parse()
        .unwrap();
    rows.push(vec![C::Blank, C::T("Tổng cộng"), C::F("=SUM(C4:C40)", total), C::Blank, C::Blank, C::Blank]);
    let bytes = workbook("Bộ tiêu chí", "BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CCHC CẤP HUYỆN", &rows);
    let xlsx = Framework::from_excel(&bytes, "tieu-chi.xlsx", &sheet("Bộ tiêu chí"), &options).unwrap();
    assert_eq!(xlsx.nodes(), csv.nodes());
    assert_eq!(xlsx.total_max_points, Some(d(&total.to_string())));
}

#[test]
fn scorecard_from_a_sheet_with_a_total_row_equals_its_csv_twin() {
    let fw = builtin("par-2022").unwrap().clone();
    // The total row (`Tổng`) is read in CSV as in a workbook: the given total.
    let text = "Mã;Tên;Điểm\n1;Công tác chỉ đạo;9,44\n2;Xây dựng thể chế;\n3;Thủ tục hành chính;10,68\n;Tổng;80,5\n";
    let csv = Scorecard::from_csv(text, "the.csv", fw.clone(), "Quảng Nam", None).unwrap();
    let rows = vec![
        vec![C::T("Mã"), C::T("Tên"), C::T("Điểm")],
        vec![C::N(1.0), C::T("Công tác chỉ đạo"), C::T("9,44")],
        vec![C::N(2.0), C::T("Xây dựng thể chế"), C::Blank],
        vec![C::N(3.0), C::T("Thủ tục hành chính"), C::N(10.68)],
        vec![C::Blank, C::T("Tổng"), C::F("=80.5", 80.5)],
    ];
    let bytes = workbook("Điểm", "KẾT QUẢ TỰ ĐÁNH GIÁ", &rows);
    let xlsx = Scorecard::from_excel(&bytes, "qn.xlsx", &sheet("Điểm"), fw, "Quảng Nam", None).unwrap();
    assert_eq!(xlsx.given(), csv.given());
    assert_eq!(csv.given(), vec![("1", d("9.44")), ("3", d("10.68")), ("total", d("80.5"))]);
    assert_eq!(xlsx.total(), Some(d("80.5")));
}

#[test]
fn survey_from_a_sheet_equals_its_csv_twin() {
    let fw = Framework::from_json_path(testdata("sipas/mini-framework.json")).unwrap();
    let text = std::fs::read_to_string(testdata("sipas/mini-wide.csv")).unwrap();
    let csv = Survey::from_csv(&text, "mini-wide.csv", &fw, &SurveyOptions::default()).unwrap();
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        rows.push(
            line.split(',')
                .map(|c| match c.parse::<f64>() {
                    Ok(n) if i > 0 => C::N(n),
                    _ if c.is_empty() => C::Blank,
                    _ => C::S(c.to_string()),
                })
                .collect(),
        );
    }
    let bytes = workbook("Phiếu", "PHIẾU KHẢO SÁT", &rows);
    let xlsx = Survey::from_excel(&bytes, "mini.xlsx", &sheet("Phiếu"), &fw, &SurveyOptions::default()).unwrap();
    let (a, b) = (csv.compute(&SipasOptions::default()).unwrap(), xlsx.compute(&SipasOptions::default()).unwrap());
    // Equal but for the label and the rows (the sheet's header is row 3: two rows lower).
    let strip = |r: &parindex::SipasResult| {
        let mut v = serde_json::to_value(r).unwrap();
        v.as_object_mut().unwrap().remove("label");
        let rows: Vec<u64> = v["units"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .map(|u| u.as_object_mut().unwrap().remove("row").unwrap().as_u64().unwrap())
            .collect();
        (v, rows)
    };
    let ((va, ra), (vb, rb)) = (strip(&a), strip(&b));
    assert_eq!(va, vb);
    assert_eq!(rb, ra.iter().map(|r| r + 2).collect::<Vec<_>>());
    assert_eq!(xlsx.units(), csv.units());
}

#[test]
fn errors_name_the_sheet_cell_and_row() {
    let rows = vec![
        vec![C::T("Tỉnh, thành phố"), C::T("Điểm số"), C::T("Xếp hạng")],
        vec![C::T("Lạng Sơn"), C::T("85,94"), C::N(47.0)],
        vec![C::T("Cao Bằng"), C::T("8x,1"), C::N(48.0)],
    ];
    let bytes = workbook("Bảng 1", "TIÊU ĐỀ", &rows);
    let e = LeagueTable::from_excel(&bytes, "bad.xlsx", &sheet("Bảng 1"), &par2023()).unwrap_err();
    assert_eq!(e.kind(), "INVALID_NUMBER");
    let at = e.location().unwrap();
    assert_eq!((at.sheet.as_deref(), at.row, at.cell.as_deref()), (Some("Bảng 1"), Some(5), Some("B5")));
    assert_eq!(
        e.to_string(),
        "file `bad.xlsx`, sheet `Bảng 1`, row 5, column `Điểm số`, cell B5: `8x,1` is not a number"
    );
    // A sheet the workbook does not have: its sheets are listed.
    let e = LeagueTable::from_excel(&bytes, "bad.xlsx", &sheet("Bảng 2"), &par2023()).unwrap_err();
    assert_eq!(e.kind(), "NOT_FOUND");
    assert!(e.to_string().contains("`Ghi chú`, `Bảng 1`"), "{e}");
    // The header row given explicitly (row 3 here).
    let given = TableOptions { header_row: Some(3), ..sheet("Bảng 1") };
    assert_eq!(LeagueTable::from_excel(&bytes, "b.xlsx", &given, &par2023()).unwrap_err().kind(), "INVALID_NUMBER");
}

#[test]
fn files_of_the_wrong_kind_are_named() {
    let dir = tempdir("kind");
    let xlsx = dir.join("table.xlsx");
    std::fs::write(&xlsx, workbook("S", "T", &[vec![C::T("province"), C::T("score")]])).unwrap();
    let e = LeagueTable::from_csv_path(&xlsx, &par2023()).unwrap_err();
    assert_eq!(e.kind(), "MALFORMED");
    assert!(e.to_string().contains("this is an Excel workbook"), "{e}");
    assert!(e.to_string().contains("use from_excel"), "{e}");
    let e = LeagueTable::from_excel(b"province,score\nL\xe1ng,1\n", "t.csv", &TableOptions::default(), &par2023())
        .unwrap_err();
    assert!(e.to_string().contains("not an Excel or OpenDocument workbook"), "{e}");
    let e = LeagueTable::from_excel(b"province,score\n", "t.csv", &TableOptions::default(), &par2023()).unwrap_err();
    assert!(e.to_string().contains("this is text (CSV?)"), "{e}");
}

#[test]
fn columns_are_named_when_headers_are_not_recognised() {
    let text = "Địa bàn;Kết quả;Vị thứ\nLạng Sơn;85,94;47\n";
    let mut columns = std::collections::BTreeMap::new();
    columns.insert("province".to_string(), "Địa bàn".to_string());
    columns.insert("score".to_string(), "Kết quả".to_string());
    columns.insert("rank".to_string(), "Vị thứ".to_string());
    let options = TableOptions { columns, ..TableOptions::default() };
    let table = parindex::Table::from_csv(text, "t.csv", &options).unwrap();
    let t = LeagueTable::from_table(&table, &par2023()).unwrap();
    assert_eq!((t.score("Lạng Sơn").unwrap(), t.rank("Lạng Sơn").unwrap()), (Some(d("85.94")), Some(47)));
    // A header the file does not have: the file's columns and the nearest one.
    let mut typo = options.clone();
    typo.columns.insert("rank".into(), "Vi tu".into());
    let e = parindex::Table::from_csv(text, "t.csv", &typo).unwrap_err();
    assert_eq!(e.kind(), "UNKNOWN_COLUMN");
    assert!(e.to_string().contains("its columns: `Địa bàn`, `Kết quả`, `Vị thứ`"), "{e}");
    assert!(e.to_string().contains("did you mean `Vị thứ`?"), "{e}");
    // A role the loader does not read.
    let mut role = TableOptions::default();
    role.columns.insert("answer".into(), "Kết quả".into());
    let table = parindex::Table::from_csv(text, "t.csv", &role).unwrap();
    let e = LeagueTable::from_table(&table, &par2023()).unwrap_err();
    assert_eq!(e.kind(), "INVALID_ARGUMENT");
    assert!(e.to_string().contains("roles: province, score, rank"), "{e}");
    // Vietnamese headers recognised without options.
    let t = LeagueTable::from_csv("Địa phương,Điểm số\nLạng Sơn,\"85,94\"\n", "t.csv", &par2023()).unwrap();
    assert_eq!(t.score("Lạng Sơn").unwrap(), Some(d("85.94")));
    let fw = Framework::from_csv("TT,Nội dung,Điểm tối đa\n1,A,2\n2,B,3\n", "f.csv", &CsvFrameworkOptions::default());
    assert_eq!(fw.unwrap().nodes().len(), 2);
}

#[test]
fn named_survey_columns_must_exist() {
    let fw = Framework::from_json_path(testdata("sipas/mini-framework.json")).unwrap();
    let csv = "respondent,Tỉnh,Quận/Huyện,item,answer\nr1,Lạng Sơn,Huyện A,P.1.1,4\n";
    let lenient = SurveyOptions { require_all_items: false, ..SurveyOptions::default() };
    let o = SurveyOptions { unit_column: Some("Huyen".into()), ..lenient.clone() };
    let e = Survey::from_csv(csv, "d.csv", &fw, &o).unwrap_err();
    assert_eq!(e.kind(), "UNKNOWN_COLUMN");
    assert_eq!(
        e.to_string(),
        "file `d.csv`, row 1, column `Huyen`: `unit_column` names column `Huyen`, which the input does not have \
         (its columns: `respondent`, `Tỉnh`, `Quận/Huyện`, `item`, `answer`); did you mean `Quận/Huyện`?"
    );
    let o = SurveyOptions { unit_column: Some("Quận/Huyện".into()), ..lenient.clone() };
    assert_eq!(Survey::from_csv(csv, "d.csv", &fw, &o).unwrap().units(), vec!["Huyện A"]);
    // Without diacritics, the same column.
    let o = SurveyOptions { unit_column: Some("quan huyen".into()), ..lenient.clone() };
    assert_eq!(Survey::from_csv(csv, "d.csv", &fw, &o).unwrap().units(), vec!["Huyện A"]);
    // A typo in ignore_columns is an error, not a silent no-op.
    let o = SurveyOptions { ignore_columns: vec!["Ghi chu x".into()], ..lenient };
    let e = Survey::from_csv(csv, "d.csv", &fw, &o).unwrap_err();
    assert_eq!((e.kind(), e.location().unwrap().column.as_deref()), ("UNKNOWN_COLUMN", Some("Ghi chu x")));
}

#[test]
fn method_names_come_from_the_alias_table() {
    let fw = |method: &str| {
        Framework::from_csv(
            &format!("STT,Tên,Điểm tối đa,Phương thức\n1,A,2,{method}\n"),
            "m.csv",
            &CsvFrameworkOptions::default(),
        )
    };
    assert_eq!(fw("Điều tra XHH").unwrap().node("1").unwrap().method, Some(Method::LeadersSurvey));
    assert_eq!(fw("KT-XH").unwrap().node("1").unwrap().method, Some(Method::SocioEconomic));
    let e = fw("Hội đồng chấm").unwrap_err();
    assert_eq!(e.kind(), "MALFORMED");
    let message = e.to_string();
    assert!(
        message.contains("unknown method `Hội đồng chấm`: accepted values are `appraised`, `thẩm định`"),
        "{message}"
    );
    for alias in parindex::columns::method_aliases() {
        assert!(message.contains(&format!("`{}`", alias.value)), "{}", alias.value);
        assert_eq!(Method::parse(&alias.value).map(|m| m.as_str()), Some(alias.method.as_str()));
    }
}

#[test]
fn an_unknown_result_code_is_an_error_not_none() {
    let fw = Framework::from_json_path(testdata("sipas/mini-framework.json")).unwrap();
    let s = Survey::from_csv_path(testdata("sipas/mini-wide.csv"), &fw, &SurveyOptions::default()).unwrap();
    let r = s.compute(&SipasOptions::default()).unwrap();
    let alpha = r.index("Alpha").unwrap();
    assert_eq!(alpha.try_value("S.2").unwrap(), Some(d("50")));
    let e = alpha.try_value("procedure").unwrap_err();
    assert_eq!(e.kind(), "UNKNOWN_CODE");
    assert!(e.to_string().contains("codes and keys: sipas, P, P.1, S, S.1, S.2, P.1.1"), "{e}");
    let e = alpha.try_value("S.1.1x").unwrap_err();
    assert!(e.to_string().ends_with("did you mean `S.1.1`?"), "{e}");
}

/// The main job's tables written out: the workbook reads back (through the loaders) to the
/// published values; the HTML page carries the same tables.
#[test]
fn report_tables_round_trip_through_the_workbook() {
    use parindex::export::Export;
    use parindex::report::{Report, ReportOptions};
    let text = std::fs::read_to_string(testdata("published/par_index_scorecards.csv")).unwrap();
    let options = ReportOptions {
        province: "Quảng Nam".into(),
        scenarios: 2_000,
        scorecard: Some((text, "par_index_scorecards.csv".into())),
        ..ReportOptions::default()
    };
    let report = Report::build(&options).unwrap();
    let export = Export::from_report(&report, parindex::text::Lang::Vi).unwrap();
    let names: Vec<&str> = export.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "PAR 2023",
            "Kế hoạch PAR",
            "Dự báo PAR 2024",
            "Tăng hạng Quảng Nam",
            "SIPAS 2023",
            "Kế hoạch SIPAS",
            "Dự báo SIPAS 2024"
        ]
    );
    let bytes = export.to_xlsx().unwrap();
    let back = LeagueTable::from_excel(&bytes, "out.xlsx", &sheet("PAR 2023"), &par2023()).unwrap();
    let published = parindex::published(&IndexKind::Par, 2023).unwrap();
    // Every province is a row of the sheet; those with a score or a rank read back as published.
    let known = |t: &LeagueTable| {
        let mut v: Vec<_> = triples(t).into_iter().filter(|(_, s, r)| s.is_some() || r.is_some()).collect();
        v.sort();
        v
    };
    assert_eq!(known(&back), known(&published));
    assert_eq!(back.entries().len(), 63);
    // Plans: the gains, probabilities and medians of the report's model (the fitted one by
    // default, as in the report's text and JSON), not the empirical Monte Carlo.
    let plans = parindex::Table::from_workbook(&bytes, "out.xlsx", &sheet("Kế hoạch PAR")).unwrap();
    assert_eq!(plans.headers()[0], "Tăng (điểm %)");
    let (mc, ex) = report.indices[0].fitted.as_ref().expect("the default model is fitted");
    for (record, plan) in plans.records().iter().zip(&mc.plans) {
        assert_eq!(d(record.cell(0)), plan.gain);
        assert_eq!(record.cell(4), plan.rank_p50.to_string());
    }
    assert_eq!(plans.records().len(), mc.plans.len());
    let table = export.tables.iter().find(|t| t.name == "Kế hoạch PAR").unwrap();
    for ((row, plan), exact) in table.rows.iter().zip(&mc.plans).zip(&ex.plans) {
        assert_eq!(row[1], parindex::export::Cell::Probability(plan.p_target));
        assert_eq!(row[2], parindex::export::Cell::Probability(exact.p_target));
    }
    // The report's own simulation section follows its model too: the sheet shows the same.
    let shown = &report.indices[0].simulation.plans;
    assert_eq!(
        mc.plans.iter().map(|p| p.p_target).collect::<Vec<_>>(),
        shown.iter().map(|p| p.p_target).collect::<Vec<_>>()
    );
    // The forecast sheet: the whole table next year under the report's fitted model, solved
    // exactly, sorted by median rank.
    let forecast = parindex::simulate::forecast_with(&published, &ex.model, 30).unwrap();
    let sheet_f = parindex::Table::from_workbook(&bytes, "out.xlsx", &sheet("Dự báo PAR 2024")).unwrap();
    assert_eq!(sheet_f.records().len(), 63);
    assert_eq!(sheet_f.headers()[4], "Hạng 50%");
    let qn = forecast.rows.iter().find(|r| r.province == "Quảng Nam").unwrap();
    let row = sheet_f.records().iter().find(|r| r.cell(0) == "Quảng Nam").unwrap();
    assert_eq!(row.cell(4), qn.rank_p50.to_string());
    let medians: Vec<u32> = sheet_f.records().iter().map(|r| r.cell(4).parse().unwrap()).collect();
    assert!(medians.windows(2).all(|w| w[0] <= w[1]), "{medians:?}");
    // The notes sheet names the model (in Vietnamese) and the seed.
    let notes = parindex::Table::from_workbook(&bytes, "out.xlsx", &sheet("Ghi chú")).unwrap();
    let all: String = notes.records().iter().map(|r| r.cells.join(" ")).collect::<Vec<_>>().join("\n");
    assert!(all.contains(&parindex::text::Lang::Vi.translate(&ex.model.description)), "{all}");
    assert!(all.contains("hạt giống 7"), "{all}");
    // HTML: one table per sheet, the province's published score in vi-VN form.
    let html = export.to_html();
    assert_eq!(html.matches("<table>").count(), 7);
    let score = published.score("Quảng Nam").unwrap().unwrap();
    assert!(html.contains(&format!("<td class=\"n\">{}</td>", score.to_string().replace('.', ","))), "{score}");
    // English on request: sheet names, headers and notes; cells are data.
    let en = Export::from_report(&report, parindex::text::Lang::En).unwrap();
    let names: Vec<&str> = en.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "PAR 2023",
            "Plans PAR",
            "Forecast PAR 2024",
            "Rank gain Quảng Nam",
            "SIPAS 2023",
            "Plans SIPAS",
            "Forecast SIPAS 2024"
        ]
    );
    let headers: Vec<&str> = en.tables[0].columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(headers[..4], ["Rank", "Province", "Region", "Index (%)"]);
    assert!(en.notes.iter().any(|(topic, text)| topic.ends_with(": model") && text.contains(&ex.model.description)));
    let html = en.to_html();
    assert!(html.contains(&format!("<td class=\"n\">{score}</td>")) && html.contains("<h2>Notes</h2>"), "{score}");
    let vietnamese = |s: &str| {
        s.to_lowercase().chars().any(|c| "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹ".contains(c))
    };
    for t in &en.tables {
        assert!(!vietnamese(&t.title.replace(&report.province, "")), "{}", t.title);
        for c in &t.columns {
            assert!(!vietnamese(&c.header), "{}: {}", t.name, c.header);
        }
    }
}

#[test]
fn sipas_results_write_a_sheet() {
    use parindex::export::{Cell, Export, ExportTable};
    let fw = Framework::from_json_path(testdata("sipas/mini-framework.json")).unwrap();
    let s = Survey::from_csv_path(testdata("sipas/mini-wide.csv"), &fw, &SurveyOptions::default()).unwrap();
    let r = s.compute(&SipasOptions::default()).unwrap();
    let t = ExportTable::sipas(&r);
    let headers: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(headers, ["Hạng", "Đơn vị", "SIPAS (%)", "Số phiếu", "Chính sách (%)", "Dịch vụ (%)"]);
    let beta = t.rows.iter().find(|row| row[1] == Cell::Text("Beta".into())).unwrap();
    assert_eq!(beta[0], Cell::Integer(1));
    assert_eq!(beta[2], Cell::Number(r.index("Beta").unwrap().sipas));
    let bytes = Export { title: "SIPAS".into(), tables: vec![t], notes: vec![], lang: parindex::text::Lang::Vi }
        .to_xlsx()
        .unwrap();
    let back = parindex::Table::from_workbook(&bytes, "s.xlsx", &TableOptions::default()).unwrap();
    let row = back.records().iter().find(|r| r.cell(1) == "Beta").unwrap();
    // Written as a double, read back at 15 significant digits.
    assert_eq!(d(row.cell(2)).round_dp(10), r.index("Beta").unwrap().sipas.round_dp(10));
}

/// The workbooks of `testdata/excel/` (read by the JS tests, which have no workbook
/// writer): `cargo test -p parindex --test excel -- --ignored write_fixtures` rewrites them.
#[test]
#[ignore = "rewrites testdata/excel/"]
fn write_fixtures() {
    let dir = testdata("excel");
    std::fs::create_dir_all(&dir).unwrap();
    let csv = LeagueTable::from_csv_path(testdata("published/par_index_provinces.csv"), &par2023()).unwrap();
    std::fs::write(dir.join("par-2023.xlsx"), par_sheet(&csv)).unwrap();
    let rows = vec![
        vec![C::T("Tỉnh, thành phố"), C::T("Điểm số"), C::T("Xếp hạng")],
        vec![C::T("Lạng Sơn"), C::T("85,94"), C::N(47.0)],
        vec![C::T("Cao Bằng"), C::T("8x,1"), C::N(48.0)],
    ];
    std::fs::write(dir.join("bad-number.xlsx"), workbook("Bảng 1", "TIÊU ĐỀ", &rows)).unwrap();
    let rows = vec![
        vec![C::T("Mã"), C::T("Tên"), C::T("Điểm")],
        vec![C::N(1.0), C::T("Công tác chỉ đạo"), C::T("9,44")],
        vec![C::N(2.0), C::T("Xây dựng thể chế"), C::Blank],
        vec![C::N(3.0), C::T("Thủ tục hành chính"), C::N(10.68)],
        vec![C::Blank, C::T("Tổng"), C::F("=80.5", 80.5)],
    ];
    std::fs::write(dir.join("scorecard-quang-nam.xlsx"), workbook("Điểm", "KẾT QUẢ TỰ ĐÁNH GIÁ", &rows)).unwrap();
}

#[test]
fn committed_fixtures_load_as_their_csv_twins() {
    let bytes = std::fs::read(testdata("excel/par-2023.xlsx")).unwrap();
    let csv = LeagueTable::from_csv_path(testdata("published/par_index_provinces.csv"), &par2023()).unwrap();
    let xlsx = LeagueTable::from_excel(&bytes, "par-2023.xlsx", &TableOptions::default(), &par2023());
    // The first sheet is the notes sheet: no header there.
    assert_eq!(xlsx.unwrap_err().kind(), "MALFORMED");
    let xlsx = LeagueTable::from_excel(&bytes, "par-2023.xlsx", &sheet("PAR 2023"), &par2023()).unwrap();
    assert_eq!(triples(&xlsx), triples(&csv));
    let fw = builtin("par-2022").unwrap().clone();
    let bytes = std::fs::read(testdata("excel/scorecard-quang-nam.xlsx")).unwrap();
    let card = Scorecard::from_excel(&bytes, "qn.xlsx", &sheet("Điểm"), fw, "Quảng Nam", None).unwrap();
    assert_eq!(card.given(), vec![("1", d("9.44")), ("3", d("10.68")), ("total", d("80.5"))]);
}
