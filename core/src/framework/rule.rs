//! Leaf scoring rules (cách tính điểm tiêu chí thành phần): how a measured input becomes
//! points. The kinds seen in provincial tables in the official layout (methodology primer
//! §2.4): categorical levels, boolean, banded thresholds on a measured value with explicit
//! `>` / `>=` edges, and proportional.

use crate::decimal::{parse_decimal, serde_dec};
use crate::error::{Error, Location, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A leaf's scoring rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Done → the leaf's max points; not done → 0 (e.g. "all reports complete → 1").
    Boolean,
    /// One of named levels, each worth fixed points (e.g. on time 1, late 0.5, not issued 0).
    Levels {
        /// The levels, in any order.
        levels: Vec<RuleLevel>,
    },
    /// A measured value (e.g. a percentage) against thresholds, checked from the first band
    /// down; the first band whose edge test passes gives the points, else `otherwise`.
    Bands {
        /// Bands, highest edge first.
        #[cfg_attr(feature = "ts", tsify(type = "RuleBand[]"))]
        bands: Vec<Band>,
        /// Points when no band matches.
        #[serde(with = "serde_dec")]
        otherwise: Decimal,
    },
    /// Points = max × measured ÷ `full_scale` (e.g. a survey percentage, full scale 100).
    Proportional {
        /// The measured value that earns the full max points.
        #[serde(with = "serde_dec", default = "hundred")]
        full_scale: Decimal,
    },
}

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

/// A named level of a categorical rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RuleLevel {
    /// The level's key, as the caller names it (e.g. `on_time`, `đúng hạn`).
    pub value: String,
    /// Points for that level.
    #[serde(with = "serde_dec")]
    pub points: Decimal,
}

/// How a band's edge compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Edge {
    /// measured > edge
    #[serde(rename = ">")]
    Above,
    /// measured ≥ edge
    #[serde(rename = ">=")]
    AtLeast,
}

/// One band of a banded rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "RuleBand"))]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// `>` or `>=`.
    pub op: Edge,
    /// The threshold, in the measure's unit (e.g. percent).
    #[serde(with = "serde_dec")]
    pub edge: Decimal,
    /// Points when the test passes.
    #[serde(with = "serde_dec")]
    pub points: Decimal,
}

/// A measured input for a leaf's rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// For [`Rule::Boolean`].
    Flag(bool),
    /// For [`Rule::Levels`]: the level's key.
    Level(String),
    /// For [`Rule::Bands`] and [`Rule::Proportional`]: the measured value.
    Value(Decimal),
}

impl Rule {
    /// The points a measured input earns under this rule, for a leaf worth `max` points.
    ///
    /// Errors: [`Error::Rule`] at `at` when the measure does not fit the rule (a level the
    /// rule does not have, a value outside 0..=`full_scale`, a flag for a banded rule).
    pub fn points(&self, measure: &Measure, max: Decimal, at: &Location) -> Result<Decimal> {
        let mismatch = |what: &str| Error::Rule {
            at: at.clone(),
            message: format!("a {} rule cannot score {what}", self.kind_name()),
        };
        match (self, measure) {
            (Rule::Boolean, Measure::Flag(done)) => Ok(if *done { max } else { Decimal::ZERO }),
            (Rule::Levels { levels }, Measure::Level(key)) => {
                let wanted = crate::province::fold(key);
                levels.iter().find(|l| crate::province::fold(&l.value) == wanted).map(|l| l.points).ok_or_else(|| {
                    Error::Rule {
                        at: at.clone(),
                        message: format!(
                            "unknown level `{key}` (levels: {})",
                            levels.iter().map(|l| l.value.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    }
                })
            }
            (Rule::Bands { bands, otherwise }, Measure::Value(v)) => Ok(bands
                .iter()
                .find(|b| match b.op {
                    Edge::Above => *v > b.edge,
                    Edge::AtLeast => *v >= b.edge,
                })
                .map_or(*otherwise, |b| b.points)),
            (Rule::Proportional { full_scale }, Measure::Value(v)) => {
                if *v < Decimal::ZERO || *v > *full_scale {
                    return Err(Error::Rule {
                        at: at.clone(),
                        message: format!("measured value {v} is outside 0..={full_scale}"),
                    });
                }
                max.checked_mul(*v)
                    .and_then(|p| p.checked_div(*full_scale))
                    .ok_or_else(|| Error::Rule { at: at.clone(), message: "overflow".into() })
            }
            (_, Measure::Flag(_)) => Err(mismatch("a yes/no flag")),
            (_, Measure::Level(_)) => Err(mismatch("a named level")),
            (_, Measure::Value(_)) => Err(mismatch("a measured value")),
        }
    }

    /// The point values the rule can give, ascending and distinct; `None` for a
    /// proportional rule, whose points vary continuously. Planners move in these steps.
    pub fn steps(&self, max: Decimal) -> Option<Vec<Decimal>> {
        let mut steps: Vec<Decimal> = match self {
            Rule::Boolean => vec![Decimal::ZERO, max],
            Rule::Levels { levels } => levels.iter().map(|l| l.points).collect(),
            Rule::Bands { bands, otherwise } => {
                bands.iter().map(|b| b.points).chain(std::iter::once(*otherwise)).collect()
            }
            Rule::Proportional { .. } => return None,
        };
        steps.sort();
        steps.dedup();
        Some(steps)
    }

    /// `"boolean"`, `"levels"`, `"bands"` or `"proportional"`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Rule::Boolean => "boolean",
            Rule::Levels { .. } => "levels",
            Rule::Bands { .. } => "bands",
            Rule::Proportional { .. } => "proportional",
        }
    }

    /// Check the rule against its leaf's max points: every level and band within 0..=max,
    /// bands ordered from the highest edge down, levels named uniquely.
    ///
    /// Errors: [`Error::Rule`] at `at`.
    pub fn validate(&self, max: Option<Decimal>, at: &Location) -> Result<()> {
        let bad = |message: String| Err(Error::Rule { at: at.clone(), message });
        let check_points = |p: Decimal| -> Result<()> {
            if p < Decimal::ZERO {
                return bad(format!("rule points {p} are negative"));
            }
            match max {
                Some(m) if p > m => bad(format!("rule points {p} exceed the leaf's maximum of {m}")),
                _ => Ok(()),
            }
        };
        match self {
            Rule::Boolean => Ok(()),
            Rule::Levels { levels } => {
                if levels.is_empty() {
                    return bad("a levels rule needs at least one level".into());
                }
                let mut seen = Vec::new();
                for l in levels {
                    check_points(l.points)?;
                    let key = crate::province::fold(&l.value);
                    if key.is_empty() || seen.contains(&key) {
                        return bad(format!("level `{}` is empty or repeated", l.value));
                    }
                    seen.push(key);
                }
                Ok(())
            }
            Rule::Bands { bands, otherwise } => {
                if bands.is_empty() {
                    return bad("a bands rule needs at least one band".into());
                }
                check_points(*otherwise)?;
                for pair in bands.windows(2) {
                    if let [a, b] = pair {
                        if b.edge > a.edge || (b.edge == a.edge && b.op == a.op) {
                            return bad(format!(
                                "bands must run from the highest edge down ({} then {})",
                                a.edge, b.edge
                            ));
                        }
                    }
                }
                bands.iter().try_for_each(|b| check_points(b.points))
            }
            Rule::Proportional { full_scale } => {
                if *full_scale <= Decimal::ZERO {
                    return bad(format!("full scale {full_scale} is not positive"));
                }
                crate::decimal::check_limit(*full_scale, at)
            }
        }
    }

    /// Parse the compact text form used in CSV framework files:
    /// `boolean`; `proportional` or `proportional: 100`;
    /// `levels: on time=1; late=0,5; not issued=0`; `bands: >90=2; >=70=1; else=0`.
    ///
    /// Errors: [`Error::Rule`] at `at`.
    pub fn parse(text: &str, at: &Location) -> Result<Rule> {
        let bad = |message: String| Error::Rule { at: at.clone(), message };
        let (head, body) = match text.split_once(':') {
            Some((h, b)) => (h.trim().to_lowercase(), b.trim()),
            None => (text.trim().to_lowercase(), ""),
        };
        let pairs = || -> Result<Vec<(String, Decimal)>> {
            body.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|item| {
                    let (k, v) =
                        item.rsplit_once('=').ok_or_else(|| bad(format!("`{item}` is not of the form key=points")))?;
                    Ok((k.trim().to_string(), parse_decimal(v, at)?))
                })
                .collect()
        };
        match head.as_str() {
            "boolean" | "bool" => Ok(Rule::Boolean),
            "proportional" => Ok(Rule::Proportional {
                full_scale: if body.is_empty() { hundred() } else { parse_decimal(body, at)? },
            }),
            "levels" => Ok(Rule::Levels {
                levels: pairs()?.into_iter().map(|(value, points)| RuleLevel { value, points }).collect(),
            }),
            "bands" => {
                let mut bands = Vec::new();
                let mut otherwise = None;
                for (key, points) in pairs()? {
                    let (op, edge) = if let Some(e) = key.strip_prefix(">=") {
                        (Edge::AtLeast, e)
                    } else if let Some(e) = key.strip_prefix('>') {
                        (Edge::Above, e)
                    } else if key.eq_ignore_ascii_case("else") {
                        otherwise = Some(points);
                        continue;
                    } else {
                        return Err(bad(format!("band `{key}` must start with > or >=, or be `else`")));
                    };
                    let edge = parse_decimal(edge.trim().trim_end_matches('%'), at)?;
                    bands.push(Band { op, edge, points });
                }
                let otherwise = otherwise.ok_or_else(|| bad("a bands rule needs an `else=points` item".into()))?;
                Ok(Rule::Bands { bands, otherwise })
            }
            other => Err(bad(format!("unknown rule kind `{other}` (boolean, levels, bands, proportional)"))),
        }
    }

    /// The compact text form read by [`Rule::parse`].
    pub fn to_text(&self) -> String {
        let n = |d: &Decimal| d.normalize().to_string();
        match self {
            Rule::Boolean => "boolean".into(),
            Rule::Proportional { full_scale } => format!("proportional: {}", n(full_scale)),
            Rule::Levels { levels } => format!(
                "levels: {}",
                levels.iter().map(|l| format!("{}={}", l.value, n(&l.points))).collect::<Vec<_>>().join("; ")
            ),
            Rule::Bands { bands, otherwise } => {
                let mut items: Vec<String> = bands
                    .iter()
                    .map(|b| {
                        let op = if b.op == Edge::Above { ">" } else { ">=" };
                        format!("{op}{}={}", n(&b.edge), n(&b.points))
                    })
                    .collect();
                items.push(format!("else={}", n(otherwise)));
                format!("bands: {}", items.join("; "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn banded_edges_are_explicit() {
        let at = Location::default();
        let rule = Rule::parse("bands: >90=2; >=70=1; else=0", &at).unwrap();
        let pts = |v: &str| rule.points(&Measure::Value(d(v)), d("2"), &at).unwrap();
        assert_eq!(pts("90.01"), d("2"));
        assert_eq!(pts("90"), d("1")); // > 90 is strict
        assert_eq!(pts("70"), d("1")); // >= 70 is not
        assert_eq!(pts("69.99"), d("0"));
        assert_eq!(rule.steps(d("2")).unwrap(), vec![d("0"), d("1"), d("2")]);
        assert_eq!(Rule::parse(&rule.to_text(), &at).unwrap(), rule);
    }

    #[test]
    fn levels_boolean_proportional() {
        let at = Location::default();
        let rule = Rule::parse("levels: đúng hạn=1; chậm=0,5; không ban hành=0", &at).unwrap();
        assert_eq!(rule.points(&Measure::Level("Chậm".into()), d("1"), &at).unwrap(), d("0.5"));
        assert!(rule.points(&Measure::Level("sớm".into()), d("1"), &at).is_err());
        assert_eq!(Rule::Boolean.points(&Measure::Flag(true), d("1.5"), &at).unwrap(), d("1.5"));
        let prop = Rule::Proportional { full_scale: d("100") };
        assert_eq!(prop.points(&Measure::Value(d("83.5")), d("2"), &at).unwrap(), d("1.67"));
        assert!(prop.points(&Measure::Value(d("101")), d("2"), &at).is_err());
        assert!(prop.points(&Measure::Flag(true), d("2"), &at).is_err());
        assert!(prop.steps(d("2")).is_none());
    }

    #[test]
    fn validation_catches_points_above_max_and_misordered_bands() {
        let at = Location::code("1.1");
        let rule = Rule::parse("levels: a=1; b=2", &at).unwrap();
        assert!(rule.validate(Some(d("1")), &at).is_err());
        let rule = Rule::parse("bands: >=70=1; >90=2; else=0", &at).unwrap();
        assert!(rule.validate(Some(d("2")), &at).is_err());
        assert!(Rule::parse("bands: >90=2", &at).is_err());
        assert!(Rule::parse("stars: 5", &at).is_err());
    }
}
