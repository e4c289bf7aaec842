//! The words a user reads: every message the library writes about the published data (the
//! fitted model's description, warnings and parameter sources, the empirical model's, data
//! problems) has a Vietnamese translation in core/data/text.csv, and the text report is
//! Vietnamese by default.

use parindex::league::{published, published_years};
use parindex::report::{Report, ReportOptions};
use parindex::simulate::{fit, simulate, ChangeModel, MonteCarlo, NextYearModel};
use parindex::text::Lang;
use parindex::{Decimal, IndexKind};

/// `message` has a Vietnamese translation with every value filled (else it is listed in `missing`).
fn check(message: &str, what: &str, missing: &mut Vec<String>) {
    let vi = Lang::Vi.translate(message);
    if vi == message || vi.contains('{') {
        missing.push(format!("{what}: {message:?}"));
    }
    assert_eq!(Lang::En.translate(message), message);
}

#[test]
fn every_model_message_of_the_published_years_translates() {
    let mut missing = Vec::new();
    let mut translated = |m: &str, what: &str| check(m, what, &mut missing);
    for index in [IndexKind::Par, IndexKind::Sipas] {
        for year in published_years(&index).unwrap() {
            let table = published(&index, year).unwrap();
            let m = fit(&table, &NextYearModel::default()).unwrap();
            let what = format!("{} {year}", index.as_str());
            translated(&m.description, &what);
            m.warnings.iter().for_each(|w| translated(w, &what));
            m.parameters.iter().filter(|p| p.source != "override").for_each(|p| translated(&p.source, &what));
            m.problems.iter().for_each(|p| translated(&p.message, &what));
            table.problems().iter().for_each(|p| translated(&p.message, &what));
            if let Some(province) = table.rows().into_iter().find(|r| r.score.is_some()).map(|r| r.province) {
                let mut mc = MonteCarlo::new(&province, vec![Decimal::ONE], 1, 200, 7);
                mc.model = ChangeModel::by_name("empirical").unwrap();
                if let Ok(s) = simulate(&table, &mc) {
                    translated(&s.model.description, &what);
                    s.model.warnings.iter().for_each(|w| translated(w, &what));
                }
            }
        }
    }
    assert!(missing.is_empty(), "no Vietnamese template in core/data/text.csv for:\n{}", missing.join("\n"));
}

#[test]
fn the_report_reads_in_vietnamese_by_default_and_in_english_on_request() {
    let options = ReportOptions { scenarios: 2_000, ..ReportOptions::default() };
    let report = Report::build(&options).unwrap();
    let vi = report.to_text(Lang::default());
    assert!(vi.starts_with("parindex — Lạng Sơn, năm 2023 · mục tiêu: hạng ≤ 30"), "{vi}");
    assert!(vi.contains("  Hiện nay:   85,94% · hạng #47/63 · xếp loại B"), "{vi}");
    assert!(vi.contains("  Hiện nay:   79,30% · hạng #55/63 · xếp loại C"), "{vi}");
    assert!(vi.contains("cần tăng từ 1,10 điểm đến 1,38 điểm"), "{vi}");
    for english in ["Now:", "Note on the model", "How sure", "falls under", "fitted on"] {
        assert!(!vi.contains(english), "English `{english}` in the Vietnamese report:\n{vi}");
    }
    let en = report.to_text(Lang::En);
    assert!(en.contains("  Now:        85.94% · rank #47 of 63 · band B"), "{en}");
    assert!(en.contains("gain 1.10 pts to 1.38 pts"), "{en}");
}
