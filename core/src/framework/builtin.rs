//! Built-in frameworks, compiled from `core/data/frameworks/*.json`, and the methodology
//! periods (`core/data/periods.csv`): which decision governs which assessment years.

use super::model::{Framework, Status};
use crate::error::{Error, Location, Result};
use crate::index_kind::IndexKind;
use std::sync::OnceLock;

const BUILTIN: &[(&str, &str)] = &[
    ("par-2017", include_str!("../../data/frameworks/par-2017.json")),
    ("par-2022", include_str!("../../data/frameworks/par-2022.json")),
    ("par-2024", include_str!("../../data/frameworks/par-2024.json")),
    ("sipas-2017", include_str!("../../data/frameworks/sipas-2017.json")),
    ("sipas-2023", include_str!("../../data/frameworks/sipas-2023.json")),
];

const PERIODS_CSV: &str = include_str!("../../data/periods.csv");

/// Ids of the built-in frameworks: `par-2017` (2948/QĐ-BNV), `par-2022` (876/QĐ-BNV,
/// 2022–2023), `par-2024` (892/QĐ-BNV, 2024–), `sipas-2017` (2640/QĐ-BNV, 2017–2021),
/// `sipas-2023` (1001/QĐ-BNV, 2023–2026).
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// A built-in framework by id (see [`builtin_ids`]).
///
/// Errors: [`Error::NotFound`] for an unknown id.
pub fn builtin(id: &str) -> Result<&'static Framework> {
    static PARSED: OnceLock<Vec<(&'static str, Result<Framework>)>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(id, text)| (*id, Framework::from_json(text, &format!("core/data/frameworks/{id}.json"))))
            .collect()
    });
    let wanted = id.trim().to_ascii_lowercase();
    match parsed.iter().find(|(k, _)| *k == wanted) {
        Some((_, Ok(fw))) => Ok(fw),
        Some((_, Err(e))) => Err(e.clone()),
        None => Err(Error::NotFound {
            what: "built-in framework".into(),
            name: id.to_string(),
            hint: format!(" (available: {})", builtin_ids().join(", ")),
        }),
    }
}

/// A methodology period: the decision that governs an index for a range of assessment
/// years, and the built-in framework for it when one exists.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Period {
    /// The index.
    pub index: IndexKind,
    /// First assessment year.
    pub first_year: u16,
    /// Last assessment year (`None` while in force).
    pub last_year: Option<u16>,
    /// Decision number and date.
    pub decision: String,
    /// Built-in framework id, when one exists.
    pub framework: Option<String>,
    /// How far the attribution of these years to the decision is established.
    pub status: Status,
    /// Remarks.
    pub note: String,
}

impl Period {
    /// Whether the period covers `year`.
    pub fn contains(&self, year: u16) -> bool {
        year >= self.first_year && self.last_year.is_none_or(|l| year <= l)
    }
}

/// All methodology periods, oldest first.
///
/// Errors: only if the embedded data file were malformed (the test suite guards it).
pub fn periods() -> Result<&'static [Period]> {
    static PERIODS: OnceLock<Result<Vec<Period>>> = OnceLock::new();
    PERIODS.get_or_init(|| parse_periods(PERIODS_CSV)).as_ref().map(Vec::as_slice).map_err(Clone::clone)
}

fn parse_periods(text: &str) -> Result<Vec<Period>> {
    let at = Location::file("core/data/periods.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let row_at = at.at_row(i + 2);
        let rec = rec.map_err(|e| Error::malformed(row_at.clone(), e.to_string()))?;
        let cell = |k: usize| rec.get(k).unwrap_or("").trim().to_string();
        let year = |k: usize| -> Result<Option<u16>> {
            let s = cell(k);
            if s.is_empty() {
                return Ok(None);
            }
            s.parse().map(Some).map_err(|_| Error::InvalidNumber { at: row_at.clone(), value: s })
        };
        let status = match cell(5).as_str() {
            "confirmed" => Status::Confirmed,
            "inferred" => Status::Inferred,
            _ => Status::Unknown,
        };
        out.push(Period {
            index: IndexKind::parse(&cell(0))?,
            first_year: year(1)?
                .ok_or_else(|| Error::MissingField { at: row_at.clone(), field: "first_year".into() })?,
            last_year: year(2)?,
            decision: cell(3),
            framework: Some(cell(4)).filter(|s| !s.is_empty()),
            status,
            note: cell(6),
        });
    }
    Ok(out)
}

/// The methodology period of an index in a year.
///
/// Errors: [`Error::NotFound`] when no period covers the year.
pub fn period_for(index: &IndexKind, year: u16) -> Result<&'static Period> {
    periods()?.iter().find(|p| &p.index == index && p.contains(year)).ok_or_else(|| Error::NotFound {
        what: format!("{index} methodology for year"),
        name: year.to_string(),
        hint: String::new(),
    })
}

/// The built-in framework for an index and assessment year (PAR 2023 → `par-2022`).
///
/// Errors: [`Error::NotFound`] when no built-in framework covers that year (e.g. PAR
/// 2018–2021, whose structures are not available).
pub fn for_year(index: &IndexKind, year: u16) -> Result<&'static Framework> {
    let period = period_for(index, year)?;
    match &period.framework {
        Some(id) => builtin(id),
        None => Err(Error::NotFound {
            what: format!("built-in {index} framework for year"),
            name: year.to_string(),
            hint: format!(" (the period is governed by {}; {})", period.decision, period.note),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn every_builtin_loads_and_validates() {
        for id in builtin_ids() {
            let fw = builtin(id).unwrap();
            assert_eq!(fw.id, id);
        }
        assert_eq!(builtin("par-2099").unwrap_err().kind(), "NOT_FOUND");
    }

    #[test]
    fn builtins_hold_what_the_primer_confirms() {
        let p17 = builtin("par-2017").unwrap();
        let sum: Decimal = p17.nodes().iter().filter_map(|n| n.max_points).sum();
        assert_eq!(sum, Decimal::ONE_HUNDRED);
        let p24 = builtin("par-2024").unwrap();
        assert_eq!(p24.max_points("3").unwrap(), Some(Decimal::from(13)));
        assert_eq!(p24.max_points("2").unwrap(), None);
        assert_eq!(p24.constraints()[0].sum, Decimal::new(355, 1));
        let comp = p24.grouping("component").unwrap();
        assert_eq!(comp.nodes.len(), 4);
        let s23 = builtin("sipas-2023").unwrap();
        assert_eq!(s23.leaf_codes().len(), 39);
        let a = s23.leaves().iter().filter(|n| n.code.starts_with("A.")).count();
        assert_eq!(a, 23);
    }

    #[test]
    fn years_map_to_methodologies() {
        assert_eq!(for_year(&IndexKind::Par, 2023).unwrap().id, "par-2022");
        assert_eq!(for_year(&IndexKind::Par, 2025).unwrap().id, "par-2024");
        assert_eq!(for_year(&IndexKind::Sipas, 2023).unwrap().id, "sipas-2023");
        assert_eq!(for_year(&IndexKind::Sipas, 2019).unwrap().id, "sipas-2017");
        let err = for_year(&IndexKind::Par, 2021).unwrap_err();
        assert!(err.to_string().contains("1150/QĐ-BNV"), "{err}");
    }
}
