//! Inputs of any size for the loader benchmarks (`benches/loaders.rs`) and the scaling
//! check (`examples/loader_scaling.rs`). Everything is SYNTHETIC: survey answers from the
//! seeded generator, tables of units named `Đơn vị N`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // each includer uses a part

use parindex::framework::{builtin, CsvFrameworkOptions};
use parindex::sipas::{Survey, SyntheticSpec};
use parindex::{Framework, IndexKind};
use std::fmt::Write;

/// The SIPAS 2023 framework (39 items), whose leaves the survey inputs answer.
pub fn sipas_framework() -> &'static Framework {
    builtin("sipas-2023").unwrap()
}

/// A synthetic survey of about `answers` answers: 63 units × n respondents × 39 items.
pub fn survey(answers: usize) -> Survey {
    let fw = sipas_framework();
    let items = fw.leaf_codes().len();
    let respondents = answers.div_ceil(63 * items).max(1);
    let spec = SyntheticSpec {
        respondents: u32::try_from(respondents).unwrap(),
        missing_per_mille: 0,
        ..SyntheticSpec::default()
    };
    Survey::synthetic(fw, &spec).unwrap()
}

/// Long-form answers CSV with about `answers` rows.
pub fn survey_long_csv(answers: usize) -> String {
    survey(answers).to_long_csv().unwrap()
}

/// Wide-form answers CSV with about `answers` answers (one row per respondent).
pub fn survey_wide_csv(answers: usize) -> String {
    survey(answers).to_wide_csv().unwrap()
}

/// Long-form answers as JSON records, about `answers` of them.
pub fn survey_long_json(answers: usize) -> String {
    let csv = survey_long_csv(answers);
    let mut out = String::from("[");
    for (i, line) in csv.lines().skip(1).enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        if i > 0 {
            out.push(',');
        }
        let answer = match cells[3] {
            "" => "null".to_string(),
            a => format!("\"{a}\""),
        };
        write!(
            out,
            "\n{{\"respondent\":\"{}\",\"unit\":\"{}\",\"item\":\"{}\",\"answer\":{answer}}}",
            cells[0], cells[1], cells[2]
        )
        .unwrap();
    }
    out.push_str("\n]");
    out
}

/// A league table CSV of `rows` units of a custom index (ranks 1..=rows, scores falling).
pub fn table_csv(rows: usize) -> String {
    let mut out = String::from("province,score,rank\n");
    for i in 0..rows {
        let score = 100.0 * (1.0 - i as f64 / (rows as f64 + 1.0));
        writeln!(out, "Đơn vị {i},{score:.4},{}", i + 1).unwrap();
    }
    out
}

/// A framework CSV of about `rows` nodes: fields of 9 criteria worth 1 point each.
pub fn framework_csv(rows: usize) -> String {
    let mut out = String::from("STT,Tên,Điểm tối đa\n");
    for f in 1..=rows.div_ceil(10).max(1) {
        writeln!(out, "{f},Lĩnh vực {f},9").unwrap();
        for c in 1..=9 {
            writeln!(out, "{f}.{c},Tiêu chí {f}.{c},1").unwrap();
        }
    }
    out
}

/// Options for [`framework_csv`].
pub fn framework_options() -> CsvFrameworkOptions {
    CsvFrameworkOptions { id: "bench".into(), index: IndexKind::Custom("bench".into()), ..Default::default() }
}

/// A framework JSON of about `rows` nodes (the [`framework_csv`] framework).
pub fn framework_json(rows: usize) -> String {
    Framework::from_csv(&framework_csv(rows), "bench.csv", &framework_options()).unwrap().to_json().unwrap()
}

/// A scorecard CSV of `rows` rows for many provinces and years; the rows of Quảng Nam
/// 2022 (the 8 fields of `par-2022`) are the last ones.
pub fn scorecard_csv(rows: usize) -> String {
    const PROVINCES: [&str; 5] = ["Hà Nội", "Lạng Sơn", "Quảng Nam", "Đắk Lắk", "Hòa Bình"];
    let mut out = String::from("year,province,code,points\n");
    for i in 0..rows.saturating_sub(8) {
        writeln!(out, "{},{},{},1", 1000 + (i / 40) % 1000, PROVINCES[i % 5], 1 + (i / 5) % 8).unwrap();
    }
    for code in 1..=8 {
        writeln!(out, "2022,Quảng Nam,{code},1").unwrap();
    }
    out
}
