//! National context of the published tables: national averages (điểm trung bình cả nước),
//! counts of provinces up and down, band counts, lowest and highest scores
//! (`testdata/published/national_context.csv`) and regional averages
//! (`testdata/published/regional_averages_2023.csv`). These facts bound the provinces whose
//! own score is not published, and the counts and averages say how far provinces move.

use crate::error::{Error, Location, Result};
use crate::index_kind::IndexKind;
use crate::problem::{Problem, ProblemKind};
use serde::Serialize;

const NATIONAL_CSV: &str = include_str!("../../../testdata/published/national_context.csv");
const NATIONAL_LABEL: &str = "testdata/published/national_context.csv";
const REGIONAL_CSV: &str = include_str!("../../../testdata/published/regional_averages_2023.csv");
const REGIONAL_LABEL: &str = "testdata/published/regional_averages_2023.csv";

/// One year's national facts for one index (percent 0–100 unless said otherwise).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct NationalFacts {
    /// `par` or `sipas`.
    pub index: String,
    /// Assessment year.
    pub year: u16,
    /// National average (mean over all provinces), percent.
    pub national_average: Option<f64>,
    /// Change of the average from the previous year as stated by the source, points.
    pub change_stated: Option<f64>,
    /// Provinces whose score rose from the previous year.
    pub provinces_up: Option<u32>,
    /// Provinces whose score fell.
    pub provinces_down: Option<u32>,
    /// Provinces in band A (≥ 90), B (80–90), C (70–80).
    pub band_a: Option<u32>,
    /// Provinces in band B.
    pub band_b: Option<u32>,
    /// Provinces in band C.
    pub band_c: Option<u32>,
    /// Lowest published score of the year.
    pub lowest: Option<f64>,
    /// Highest published score of the year.
    pub highest: Option<f64>,
    /// Row of the CSV (header = 1).
    pub row: usize,
}

/// A published regional average.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "RegionalFacts"))]
pub struct RegionalAverage {
    /// `par` or `sipas`.
    pub index: String,
    /// Assessment year.
    pub year: u16,
    /// Socio-economic region (vùng kinh tế - xã hội), as in `core/data/provinces.csv`.
    pub region: String,
    /// Average over the region's provinces, percent.
    pub average: f64,
}

fn parse_f64(text: &str, file: &str, row: usize, column: &str) -> Result<Option<f64>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>()
        .map(Some)
        .map_err(|_| Error::InvalidNumber { at: Location::file(file).at_row(row).with_column(column), value: t.into() })
}

fn parse_u32(text: &str, file: &str, row: usize, column: &str) -> Result<Option<u32>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>()
        .map(Some)
        .map_err(|_| Error::InvalidNumber { at: Location::file(file).at_row(row).with_column(column), value: t.into() })
}

fn records(text: &str, file: &str) -> Result<(csv::StringRecord, Vec<csv::StringRecord>)> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Error::Malformed { at: Location::file(file).at_row(1), message: e.to_string() })?
        .clone();
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        rows.push(
            rec.map_err(|e| Error::Malformed { at: Location::file(file).at_row(i + 2), message: e.to_string() })?,
        );
    }
    Ok((header, rows))
}

fn column(header: &csv::StringRecord, name: &str, file: &str) -> Result<usize> {
    header
        .iter()
        .position(|h| h.trim() == name)
        .ok_or_else(|| Error::MissingField { at: Location::file(file).at_row(1), field: name.into() })
}

/// Every year's national facts for an index, in year order (`testdata/published/national_context.csv`).
///
/// Errors: [`Error::InvalidNumber`], [`Error::Malformed`] for a malformed embedded file (naming row and column).
pub fn national_facts(index: &IndexKind) -> Result<Vec<NationalFacts>> {
    let file = NATIONAL_LABEL;
    let (header, rows) = records(NATIONAL_CSV, file)?;
    let col = |n: &str| column(&header, n, file);
    let (ci, cy) = (col("index")?, col("year")?);
    let names = [
        "national_average",
        "change_stated",
        "provinces_up",
        "provinces_down",
        "band_a",
        "band_b",
        "band_c",
        "lowest",
        "highest",
    ];
    let cols: Vec<usize> = names.iter().map(|n| col(n)).collect::<Result<_>>()?;
    let mut out = Vec::new();
    for (i, rec) in rows.iter().enumerate() {
        let row = i + 2;
        let get = |k: usize| rec.get(cols.get(k).copied().unwrap_or(usize::MAX)).unwrap_or("");
        let name = |k: usize| names.get(k).copied().unwrap_or("");
        if rec.get(ci).unwrap_or("").trim() != index.as_str() {
            continue;
        }
        let year_text = rec.get(cy).unwrap_or("").trim();
        let year = year_text.parse::<u16>().map_err(|_| Error::InvalidNumber {
            at: Location::file(file).at_row(row).with_column("year"),
            value: year_text.into(),
        })?;
        out.push(NationalFacts {
            index: index.as_str().to_string(),
            year,
            national_average: parse_f64(get(0), file, row, name(0))?,
            change_stated: parse_f64(get(1), file, row, name(1))?,
            provinces_up: parse_u32(get(2), file, row, name(2))?,
            provinces_down: parse_u32(get(3), file, row, name(3))?,
            band_a: parse_u32(get(4), file, row, name(4))?,
            band_b: parse_u32(get(5), file, row, name(5))?,
            band_c: parse_u32(get(6), file, row, name(6))?,
            lowest: parse_f64(get(7), file, row, name(7))?,
            highest: parse_f64(get(8), file, row, name(8))?,
            row,
        });
    }
    out.sort_by_key(|f| f.year);
    Ok(out)
}

/// The published regional averages of an index and year (`testdata/published/regional_averages_2023.csv`).
///
/// Errors: [`Error::InvalidNumber`], [`Error::Malformed`] for a malformed embedded file.
pub fn regional_averages(index: &IndexKind, year: u16) -> Result<Vec<RegionalAverage>> {
    let file = REGIONAL_LABEL;
    let (header, rows) = records(REGIONAL_CSV, file)?;
    let col = |n: &str| column(&header, n, file);
    let (ci, cy, cr, ca) = (col("index")?, col("year")?, col("region")?, col("average")?);
    let mut out = Vec::new();
    for (i, rec) in rows.iter().enumerate() {
        let row = i + 2;
        if rec.get(ci).unwrap_or("").trim() != index.as_str() {
            continue;
        }
        if rec.get(cy).unwrap_or("").trim().parse::<u16>().ok() != Some(year) {
            continue;
        }
        let Some(average) = parse_f64(rec.get(ca).unwrap_or(""), file, row, "average")? else {
            continue;
        };
        out.push(RegionalAverage {
            index: index.as_str().to_string(),
            year,
            region: rec.get(cr).unwrap_or("").trim().to_string(),
            average,
        });
    }
    Ok(out)
}

/// Contradictions inside the national facts: a stated change of the average that differs
/// from the difference of the two published averages by more than rounding (PAR 2022:
/// stated −1.78, 84.79 − 86.37 = −1.58).
pub fn national_problems(index: &IndexKind) -> Result<Vec<Problem>> {
    let facts = national_facts(index)?;
    let mut out = Vec::new();
    for w in facts.windows(2) {
        if let [a, b] = w {
            if b.year != a.year + 1 {
                continue;
            }
            if let (Some(x), Some(y), Some(stated)) = (a.national_average, b.national_average, b.change_stated) {
                let diff = y - x;
                if (diff - stated).abs() > 0.015 {
                    let mut p = Problem::new(
                        ProblemKind::SourceConflict,
                        format!(
                            "{index} {}: the stated change of the national average ({stated:+.2}) differs from {y:.2} − {x:.2} = {diff:+.2}; the model uses the difference of the averages",
                            b.year
                        ),
                    );
                    p.rows = vec![b.row];
                    p.file = Some(NATIONAL_LABEL.into());
                    out.push(p);
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_context_reads() {
        let par = national_facts(&IndexKind::Par).unwrap();
        let y2023 = par.iter().find(|f| f.year == 2023).unwrap();
        assert_eq!(y2023.national_average, Some(86.98));
        assert_eq!((y2023.provinces_up, y2023.provinces_down), (Some(57), Some(6)));
        let y2022 = par.iter().find(|f| f.year == 2022).unwrap();
        assert_eq!((y2022.band_a, y2022.band_b, y2022.band_c), (Some(2), Some(56), Some(5)));
        let regions = regional_averages(&IndexKind::Par, 2023).unwrap();
        assert_eq!(regions.len(), 6);
        assert!(regions.iter().any(|r| r.region == "Tây Nguyên" && r.average == 85.42));
        assert!(regional_averages(&IndexKind::Sipas, 2023).unwrap().is_empty());
    }

    #[test]
    fn the_2022_change_conflict_is_reported() {
        let problems = national_problems(&IndexKind::Par).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert!(p.message.contains("-1.78") && p.message.contains("-1.58"), "{}", p.message);
        assert_eq!(p.rows, vec![4]);
        assert!(national_problems(&IndexKind::Sipas).unwrap().is_empty());
    }
}
