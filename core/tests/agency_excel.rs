//! The agency loaders read workbooks: the plan annex and the long table of many units, each
//! written by a workbook writer (a merged title row, a blank row, numbers and decimal commas
//! as text) load to the same values as their CSV twins; validation names sheet, row and cell.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::testdata;
use parindex::framework::CsvFrameworkOptions;
use parindex::{Assignments, Framework, TableOptions, Units};
use rust_xlsxwriter::{Format, Workbook};
use std::sync::Arc;

fn framework() -> Arc<Framework> {
    let options = CsvFrameworkOptions { id: "district-example".into(), ..CsvFrameworkOptions::default() };
    Arc::new(Framework::from_csv_path(testdata("agency/framework_district.csv"), &options).unwrap())
}

/// A workbook whose sheet `sheet` holds `csv` under a merged title row and a blank row (so
/// the CSV's row r is the sheet's row r + 2). Cells of the `numeric` columns are written as
/// numbers on odd rows and as text with a decimal comma on even rows.
fn workbook_of(csv: &str, sheet: &str, numeric: &[&str]) -> Vec<u8> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(csv.as_bytes());
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    let header = rows[0].clone();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let title = "PHỤ LỤC: BẢNG VÍ DỤ (không phải số liệu chính thức)";
    ws.merge_range(0, 0, 0, header.len() as u16 - 1, title, &Format::new().set_bold()).unwrap();
    for (r, row) in rows.iter().enumerate() {
        let sheet_row = r as u32 + 2;
        for (c, cell) in row.iter().enumerate() {
            let number = r > 0 && numeric.contains(&header[c].as_str()) && !cell.is_empty();
            if number && r % 2 == 1 {
                ws.write_number(sheet_row, c as u16, cell.parse::<f64>().unwrap()).unwrap();
            } else if number {
                ws.write_string(sheet_row, c as u16, cell.replace('.', ",")).unwrap();
            } else if !cell.is_empty() {
                ws.write_string(sheet_row, c as u16, cell).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn sheet(name: &str) -> TableOptions {
    TableOptions { sheet: Some(parindex::Sheet::Name(name.into())), ..TableOptions::default() }
}

#[test]
fn the_annex_from_a_workbook_equals_its_csv_twin() {
    let fw = framework();
    let text = std::fs::read_to_string(testdata("agency/assignments_district.csv")).unwrap();
    let bytes = workbook_of(&text, "Phụ lục", &[]);
    let csv = Assignments::from_csv(&text, "a.csv", Arc::clone(&fw)).unwrap();
    let xlsx = Assignments::from_excel(&bytes, "a.xlsx", Arc::clone(&fw), &sheet("Phụ lục")).unwrap();
    assert_eq!(xlsx.items.len(), csv.items.len());
    assert!(csv.items.len() > 10);
    for (x, c) in xlsx.items.iter().zip(&csv.items) {
        assert_eq!(x.row, c.row.map(|r| r + 2), "{}", c.code);
        let mut x = x.clone();
        x.row = c.row;
        assert_eq!(&x, c);
    }
    assert_eq!(xlsx.unassigned, csv.unassigned);
    assert_eq!(xlsx.agencies(), csv.agencies());
}

#[test]
fn the_long_table_from_a_workbook_equals_its_csv_twin() {
    let fw = framework();
    let text = std::fs::read_to_string(testdata("agency/scorecards_district.csv")).unwrap();
    let bytes = workbook_of(&text, "Điểm", &["year", "points", "self_assessed", "appraised"]);
    for year in [2023, 2024] {
        let csv = Units::from_csv(&text, "s.csv", Arc::clone(&fw), Some(year)).unwrap();
        let xlsx = Units::from_excel(&bytes, "s.xlsx", Arc::clone(&fw), Some(year), &sheet("Điểm")).unwrap();
        assert_eq!(xlsx.units(), csv.units());
        assert_eq!(csv.units().len(), 11);
        for (x, c) in xlsx.cards().iter().zip(csv.cards()) {
            assert_eq!(x.rows(), c.rows(), "{}", c.province());
            assert_eq!(x.total(), c.total());
            assert_eq!(x.claims().len(), c.claims().len());
            for (xc, cc) in x.claims().iter().zip(c.claims()) {
                assert_eq!(xc.row, cc.row.map(|r| r + 2));
                assert_eq!(
                    (&xc.code, xc.self_assessed, xc.appraised, &xc.evidence),
                    (&cc.code, cc.self_assessed, cc.appraised, &cc.evidence)
                );
            }
        }
        assert_eq!(xlsx.league_table().unwrap().entries(), csv.league_table().unwrap().entries());
    }
}

#[test]
fn validate_names_the_sheet_row_and_cell_of_every_fault() {
    let fw = framework();
    let text = std::fs::read_to_string(testdata("agency/bad/scorecards_faults.csv")).unwrap();
    let bytes = workbook_of(&text, "Điểm", &[]);
    let from_csv = Units::validate_csv(&text, "f.csv", Arc::clone(&fw), None);
    let problems = Units::validate_excel(&bytes, "f.xlsx", Arc::clone(&fw), None, &TableOptions::default());
    let kinds = |p: &[parindex::Error]| p.iter().map(|e| e.kind()).collect::<Vec<_>>();
    assert_eq!(kinds(&problems), kinds(&from_csv));
    for (x, c) in problems.iter().zip(&from_csv) {
        let (x, c) = (x.location().unwrap(), c.location().unwrap());
        assert_eq!(x.row, c.row.map(|r| r + 2));
        assert_eq!(x.sheet.as_deref(), Some("Điểm"));
    }
    // The unknown code's cell is in column B (code).
    assert_eq!(problems[0].location().unwrap().cell.as_deref(), Some("B5"));
    let err = Units::from_excel(&bytes, "f.xlsx", Arc::clone(&fw), None, &TableOptions::default()).unwrap_err();
    assert_eq!(err.kind(), "INVALID");

    let text = std::fs::read_to_string(testdata("agency/bad/assignments_faults.csv")).unwrap();
    let bytes = workbook_of(&text, "Phụ lục", &[]);
    let problems = Assignments::validate_excel(&bytes, "a.xlsx", Arc::clone(&fw), &TableOptions::default());
    let got: Vec<(&str, Option<usize>)> =
        problems.iter().map(|e| (e.kind(), e.location().and_then(|l| l.row))).collect();
    assert_eq!(got, vec![("UNKNOWN_CODE", Some(5)), ("MISSING_FIELD", Some(6)), ("DUPLICATE_CODE", Some(8))]);
    assert!(problems.iter().all(|e| e.location().unwrap().sheet.as_deref() == Some("Phụ lục")));
}

#[test]
fn a_header_without_the_required_columns_is_named() {
    let fw = framework();
    let bytes = workbook_of("Đơn vị,Ghi chú\nBình Gia,x\n", "Điểm", &[]);
    let err = Units::from_excel(&bytes, "f.xlsx", Arc::clone(&fw), None, &TableOptions::default()).unwrap_err();
    assert!(err.to_string().contains("code"), "{err}");
    let problems = Assignments::validate_excel(&bytes, "a.xlsx", fw, &TableOptions::default());
    let fields: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{fields:?}");
    assert!(problems.iter().all(|e| e.kind() == "MISSING_FIELD"));
}

#[test]
fn accountability_and_appraisal_tables_are_exported() {
    use parindex::agency::{accountability, appraisal};
    use parindex::export::{Cell, Export, ExportTable};
    let fw = framework();
    let annex = Assignments::from_csv_path(testdata("agency/assignments_district.csv"), Arc::clone(&fw)).unwrap();
    let path = testdata("agency/scorecards_district.csv");
    let before = Units::from_csv_path(&path, Arc::clone(&fw), Some(2023)).unwrap();
    let now = Units::from_csv_path(&path, Arc::clone(&fw), Some(2024)).unwrap();
    let table = now.league_table().unwrap();
    let card = now.get("Bình Gia").unwrap();
    let a = accountability(card, &annex, Some(&table), before.get("Bình Gia"), None).unwrap();
    let b = appraisal(card, Some(&annex), Some(&table)).unwrap();
    let ta = ExportTable::accountability(&a);
    let tb = ExportTable::appraisal(&b);
    // One row per lead agency plus the unassigned row; the lost column adds up to the total.
    assert_eq!(ta.rows.len(), a.rows.len() + 1);
    let lost: rust_decimal::Decimal =
        ta.rows.iter().filter_map(|r| if let Cell::Number(n) = r[1] { Some(n) } else { None }).sum();
    assert_eq!(lost, a.total_lost);
    assert_eq!(ta.rows[0][0], Cell::Text(a.rows[0].agency.clone()));
    assert_eq!(tb.rows.len(), b.nodes.len());
    let export =
        Export { title: "Bình Gia".into(), tables: vec![ta, tb], notes: vec![], lang: parindex::text::Lang::Vi };
    let html = export.to_html();
    assert!(html.contains(&a.rows[0].agency) && html.contains("Điểm bị cắt"));
    let bytes = export.to_xlsx().unwrap();
    let sheet =
        |name: &str| TableOptions { sheet: Some(parindex::Sheet::Name(name.into())), ..TableOptions::default() };
    let read = parindex::table::Table::from_workbook(&bytes, "out.xlsx", &sheet("Trách nhiệm Bình Gia")).unwrap();
    assert_eq!(read.headers()[0], "Cơ quan chủ trì");
    assert_eq!(read.records()[0].cell(0), a.rows[0].agency);
    assert_eq!(read.records().len(), a.rows.len() + 1);
}

#[test]
fn the_committed_example_workbooks_equal_their_csv_twins() {
    // testdata/agency/*.xlsx (made by make_workbooks.py with openpyxl), read by the JS tests.
    let fw = framework();
    let annex = Assignments::from_csv_path(testdata("agency/assignments_district.csv"), Arc::clone(&fw)).unwrap();
    let x =
        Assignments::from_excel_path(testdata("agency/assignments_district.xlsx"), Arc::clone(&fw), &sheet("Phụ lục"))
            .unwrap();
    let strip = |a: &Assignments| {
        a.items
            .iter()
            .map(|i| (i.code.clone(), i.lead.clone(), i.coordinating.clone(), i.content.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&x), strip(&annex));
    let csv = Units::from_csv_path(testdata("agency/scorecards_district.csv"), Arc::clone(&fw), Some(2024)).unwrap();
    let u =
        Units::from_excel_path(testdata("agency/scorecards_district.xlsx"), fw, Some(2024), &TableOptions::default())
            .unwrap();
    assert_eq!(u.units(), csv.units());
    for (a, b) in u.cards().iter().zip(csv.cards()) {
        assert_eq!(a.rows(), b.rows());
    }
}
