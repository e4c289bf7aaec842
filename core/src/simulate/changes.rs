//! How competitors move from one year to the next: the change models of the Monte Carlo.

use super::nextyear::{FittedModel, NextYearModel, Parameter};
use crate::error::{Error, Result};
use crate::framework::period_for;
use crate::index_kind::IndexKind;
use crate::league::{published, published_years, year_over_year};
use rust_decimal::Decimal;
use serde::Serialize;

/// The distribution each competitor's year-over-year change (percentage points) is drawn from.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeModel {
    /// The published year-over-year changes of provinces with both years published
    /// (`testdata/published/`), for pairs of consecutive years under the same methodology
    /// up to the table's year. `years`: restrict to these (earlier, later) pairs instead.
    Empirical {
        /// Year pairs to use; `None`: every comparable pair up to the table's year.
        years: Option<Vec<(u16, u16)>>,
    },
    /// Normal(mean, sd) in percentage points, each draw rounded to 0.01.
    Normal {
        /// Mean change.
        mean: Decimal,
        /// Standard deviation (≥ 0).
        sd: Decimal,
    },
    /// Draw uniformly from a caller's sample of changes.
    Sample(Vec<Decimal>),
    /// The next-year model fitted to every published fact (common year shock, catch-up,
    /// each province's own change; [`super::fit`]), with the caller's overrides (all `None`:
    /// every parameter fitted). The default.
    Fitted(NextYearModel),
}

impl Default for ChangeModel {
    fn default() -> Self {
        ChangeModel::Fitted(NextYearModel::default())
    }
}

impl ChangeModel {
    /// The model of a name: `fitted` (the default), `empirical`, or (with their figures)
    /// `normal` and `sample` through their variants.
    ///
    /// Errors: [`Error::InvalidArgument`] for another name.
    pub fn by_name(name: &str) -> Result<ChangeModel> {
        match name.trim().to_ascii_lowercase().as_str() {
            "fitted" => Ok(ChangeModel::default()),
            "empirical" => Ok(ChangeModel::Empirical { years: None }),
            other => Err(Error::invalid_argument(
                "model",
                format!("`{other}` is not one of fitted, empirical (normal and sample need their figures)"),
            )),
        }
    }
}

/// What model was used, stated in every simulation result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ModelInfo {
    /// `fitted`, `empirical`, `normal` or `sample`.
    pub kind: String,
    /// A sentence saying which distribution, which years and how many values.
    pub description: String,
    /// The year pairs of an empirical model.
    pub years: Vec<(u16, u16)>,
    /// Number of values in the sample (0 for normal; a fitted model: the year pairs of
    /// provinces it was fitted to, score pairs and rank-only pairs).
    pub n: usize,
    /// Mean change (percentage points; a fitted model: the mean of the common shock).
    pub mean: Decimal,
    /// The provinces whose changes form an empirical sample.
    pub provinces: Vec<String>,
    /// What the user should weigh: a year pair across a change of methodology, a year
    /// attributed to a methodology by inference.
    pub warnings: Vec<String>,
    /// Every parameter of a fitted model with its value and source (empty for the others).
    pub parameters: Vec<Parameter>,
}

impl ModelInfo {
    /// The statement of a fitted model.
    pub(crate) fn of_fitted(m: &FittedModel) -> ModelInfo {
        ModelInfo {
            kind: "fitted".into(),
            description: m.description.clone(),
            years: m.evidence.years.clone(),
            n: m.evidence.score_pairs + m.evidence.rank_pairs,
            mean: Decimal::from_f64_retain(m.shock_mean).map_or(Decimal::ZERO, |d| d.round_dp(4)),
            provinces: vec![],
            warnings: m.warnings.clone(),
            parameters: m.parameters.clone(),
        }
    }
}

/// A model ready to draw from: changes in hundredths of a point.
#[derive(Debug, Clone)]
pub(crate) enum Drawable {
    /// Pick uniformly among these.
    Values(Vec<i32>),
    /// Normal with mean and sd in hundredths.
    Normal { mean: f64, sd: f64 },
}

impl ChangeModel {
    /// Resolve the model for an index and table year.
    ///
    /// Errors: [`Error::InvalidArgument`] (negative sd, empty sample, a change beyond ±100),
    /// [`Error::NotFound`] when no published pair gives an empirical sample.
    pub(crate) fn resolve(&self, index: &IndexKind, year: u16) -> Result<(Drawable, ModelInfo)> {
        match self {
            ChangeModel::Fitted(_) => Err(Error::Unsupported {
                message: "the fitted model is not drawn change by change; simulate and exact solve it whole".into(),
            }),
            ChangeModel::Normal { mean, sd } => {
                if *sd < Decimal::ZERO {
                    return Err(Error::invalid_argument("sd", format!("{sd} is negative")));
                }
                if mean.abs() > Decimal::ONE_HUNDRED {
                    return Err(Error::invalid_argument("mean", "changes are percentage points within ±100"));
                }
                if *sd > Decimal::ONE_HUNDRED {
                    return Err(Error::invalid_argument("sd", "changes are percentage points within ±100"));
                }
                let h = |d: Decimal| crate::decimal::to_f64(d) * 100.0;
                Ok((
                    Drawable::Normal { mean: h(*mean), sd: h(*sd) },
                    ModelInfo {
                        kind: "normal".into(),
                        description: format!(
                            "each competitor's change drawn from Normal(mean {mean}, sd {sd}) percentage points, rounded to 0.01"
                        ),
                        years: vec![],
                        n: 0,
                        mean: *mean,
                        provinces: vec![],
                        warnings: vec![],
                        parameters: vec![],
                    },
                ))
            }
            ChangeModel::Sample(values) => {
                let hundredths = to_hundredths(values)?;
                Ok((
                    Drawable::Values(hundredths),
                    ModelInfo {
                        kind: "sample".into(),
                        description: format!(
                            "each competitor's change drawn uniformly from a given sample of {} changes (mean {})",
                            values.len(),
                            crate::decimal::fmt_publish(mean(values))
                        ),
                        years: vec![],
                        n: values.len(),
                        mean: mean(values),
                        provinces: vec![],
                        warnings: vec![],
                        parameters: vec![],
                    },
                ))
            }
            ChangeModel::Empirical { years } => {
                let pairs = match years {
                    Some(p) => p.clone(),
                    None => comparable_pairs(index, year)?,
                };
                let (values, provinces) = empirical_changes(index, &pairs)?;
                if values.is_empty() {
                    return Err(Error::NotFound {
                        what: format!("published {index} year-over-year changes for"),
                        name: format!("{pairs:?}"),
                        hint: " (give a normal model or a sample)".into(),
                    });
                }
                let years_text: Vec<String> = pairs.iter().map(|(a, b)| format!("{a}→{b}")).collect();
                let warnings = methodology_warnings(index, &pairs);
                let info = ModelInfo {
                    kind: "empirical".into(),
                    description: format!(
                        "each competitor's change drawn uniformly from the {} published {index} year-over-year changes ({}) of provinces with both years published (mean {} points)",
                        values.len(),
                        years_text.join(", "),
                        crate::decimal::fmt_publish(mean(&values))
                    ),
                    years: pairs,
                    n: values.len(),
                    mean: mean(&values),
                    provinces,
                    warnings,
                    parameters: vec![],
                };
                Ok((Drawable::Values(to_hundredths(&values)?), info))
            }
        }
    }
}

/// Warnings for year pairs that cross a change of methodology, and for years attributed to
/// a methodology by inference.
fn methodology_warnings(index: &IndexKind, pairs: &[(u16, u16)]) -> Vec<String> {
    let mut out = Vec::new();
    for &(a, b) in pairs {
        match (period_for(index, a), period_for(index, b)) {
            (Ok(p), Ok(q)) if p != q => out.push(format!(
                "{a}→{b} crosses a change of methodology ({} → {}): the changes mix two methods",
                p.decision, q.decision
            )),
            _ => {}
        }
        for y in [a, b] {
            if let Ok(p) = period_for(index, y) {
                let w = format!("{y} is taken to follow {} by inference: {}", p.decision, p.note);
                if p.status == crate::framework::Status::Inferred && !out.contains(&w) {
                    out.push(w);
                }
            }
        }
    }
    out
}

fn mean(values: &[Decimal]) -> Decimal {
    if values.is_empty() {
        Decimal::ZERO
    } else {
        values.iter().sum::<Decimal>() / Decimal::from(values.len())
    }
}

fn to_hundredths(values: &[Decimal]) -> Result<Vec<i32>> {
    if values.is_empty() {
        return Err(Error::invalid_argument("changes", "the sample of changes is empty"));
    }
    values
        .iter()
        .map(|v| {
            if v.abs() > Decimal::ONE_HUNDRED {
                return Err(Error::invalid_argument("changes", format!("{v} is beyond ±100 points")));
            }
            crate::decimal::to_hundredths(*v).and_then(|h| {
                i32::try_from(h).map_err(|_| Error::invalid_argument("changes", format!("{v} is out of range")))
            })
        })
        .collect()
}

/// Consecutive year pairs up to `year` with published tables under the same methodology
/// period (PAR 2023: only 2022→2023, since 2021 was assessed under 1150/QĐ-BNV).
pub fn comparable_pairs(index: &IndexKind, year: u16) -> Result<Vec<(u16, u16)>> {
    let years = published_years(index)?;
    let mut pairs = Vec::new();
    for w in years.windows(2) {
        if let [a, b] = *w {
            if b == a + 1 && b <= year {
                let same = match (period_for(index, a), period_for(index, b)) {
                    (Ok(p), Ok(q)) => p == q,
                    _ => false,
                };
                if same {
                    pairs.push((a, b));
                }
            }
        }
    }
    Ok(pairs)
}

/// The published score changes (percentage points) for the given year pairs, with the
/// provinces they belong to.
pub fn empirical_changes(index: &IndexKind, pairs: &[(u16, u16)]) -> Result<(Vec<Decimal>, Vec<String>)> {
    let mut values = Vec::new();
    let mut provinces = Vec::new();
    for &(a, b) in pairs {
        let before = published(index, a)?;
        let after = published(index, b)?;
        for row in year_over_year(&before, &after)? {
            if let Some(change) = row.score_change {
                values.push(change);
                provinces.push(format!("{} ({a}→{b})", row.province));
            }
        }
    }
    Ok((values, provinces))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn par_2023_uses_only_the_876_years() {
        assert_eq!(comparable_pairs(&IndexKind::Par, 2023).unwrap(), vec![(2022, 2023)]);
        assert_eq!(comparable_pairs(&IndexKind::Sipas, 2023).unwrap(), vec![(2022, 2023)]);
        let (values, provinces) = empirical_changes(&IndexKind::Par, &[(2022, 2023)]).unwrap();
        assert_eq!(values.len(), 10);
        assert!(provinces.iter().any(|p| p.starts_with("Hà Tĩnh")));
        let (_, info) = ChangeModel::Empirical { years: None }.resolve(&IndexKind::Par, 2023).unwrap();
        assert_eq!(info.n, 10);
        assert!(info.description.contains("2022→2023"), "{}", info.description);
    }

    #[test]
    fn bad_models_are_refused() {
        let neg = ChangeModel::Normal { mean: Decimal::ZERO, sd: Decimal::NEGATIVE_ONE };
        assert!(neg.resolve(&IndexKind::Par, 2023).is_err());
        assert!(ChangeModel::Sample(vec![]).resolve(&IndexKind::Par, 2023).is_err());
        let none = ChangeModel::Empirical { years: Some(vec![(2019, 2020)]) };
        assert!(none.resolve(&IndexKind::Par, 2023).is_err());
    }

    #[test]
    fn crossing_a_methodology_change_is_flagged() {
        let across = ChangeModel::Empirical { years: Some(vec![(2021, 2022)]) };
        let (_, info) = across.resolve(&IndexKind::Par, 2023).unwrap();
        assert!(
            info.warnings.iter().any(|w| w.contains("1150/QĐ-BNV") && w.contains("876/QĐ-BNV")),
            "{:?}",
            info.warnings
        );
        let (_, sipas) = ChangeModel::Empirical { years: None }.resolve(&IndexKind::Sipas, 2023).unwrap();
        assert!(sipas.warnings.iter().any(|w| w.starts_with("2022 is taken to follow")), "{:?}", sipas.warnings);
        let (_, par) = ChangeModel::Empirical { years: None }.resolve(&IndexKind::Par, 2023).unwrap();
        assert!(par.warnings.is_empty());
    }
}
