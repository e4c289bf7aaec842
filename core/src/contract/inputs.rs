//! The `Deserialize` impls whose shape is not derivable (mappings keyed by data, values of
//! several forms, required fields beside defaults of `impl Default`), and the newtypes of
//! mappings the core holds as lists.

use super::number::{self, ExactDecimal, ExactVisitor};
use crate::framework::Measure;
use crate::index_kind::IndexKind;
use crate::league::{CsvTableOptions, Roster};
use crate::simulate::{Change, ChangeModel, Gains, MonteCarlo, NextYearModel, NodeCost, PlanOption, Scenario};
use crate::sipas;
use rust_decimal::Decimal;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// Forwards every number and string a visitor can meet to a decimal built by `$make`.
macro_rules! decimal_forms {
    ($value:ty, $make:expr) => {
        fn visit_str<E: de::Error>(self, v: &str) -> Result<$value, E> {
            ExactVisitor.visit_str(v).map($make)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<$value, E> {
            ExactVisitor.visit_i64(v).map($make)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<$value, E> {
            ExactVisitor.visit_u64(v).map($make)
        }
        fn visit_i128<E: de::Error>(self, v: i128) -> Result<$value, E> {
            ExactVisitor.visit_i128(v).map($make)
        }
        fn visit_u128<E: de::Error>(self, v: u128) -> Result<$value, E> {
            ExactVisitor.visit_u128(v).map($make)
        }
        fn visit_f32<E: de::Error>(self, v: f32) -> Result<$value, E> {
            ExactVisitor.visit_f32(v).map($make)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<$value, E> {
            ExactVisitor.visit_f64(v).map($make)
        }
    };
}

/// The one key of a mapping that must have exactly one of `keys` (`{"add": 1.5}`).
fn single_key<'de, A: MapAccess<'de>>(map: &mut A, keys: &'static [&'static str]) -> Result<String, A::Error> {
    let Some(key) = map.next_key::<String>()? else {
        return Err(de::Error::custom(format!("give exactly one of {}", quoted(keys))));
    };
    if !keys.contains(&key.as_str()) {
        return Err(de::Error::unknown_field(&key, keys));
    }
    Ok(key)
}

/// Error unless the mapping has no key left (after [`single_key`] and its value).
fn no_more_keys<'de, A: MapAccess<'de>>(
    map: &mut A,
    first: &str,
    keys: &'static [&'static str],
) -> Result<(), A::Error> {
    match map.next_key::<String>()? {
        None => Ok(()),
        Some(other) => {
            Err(de::Error::custom(format!("give exactly one of {}, not both `{first}` and `{other}`", quoted(keys))))
        }
    }
}

fn quoted(keys: &[&str]) -> String {
    keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------------------------------
// Measures and changes

/// A leaf's measured input: `true`/`false` (a flag), a number (a value), a string (a
/// decimal text, by the rule of [`number`], is a value; any other text names a level), or
/// a mapping with exactly one of `flag`, `level`, `value` (`{"level": "3"}` is the level
/// named `3`).
impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MeasureVisitor)
    }
}

struct MeasureVisitor;

const MEASURE_KEYS: &[&str] = &["flag", "level", "value"];

impl<'de> Visitor<'de> for MeasureVisitor {
    type Value = Measure;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a measure: a bool, a number, a level's name or {\"flag\" | \"level\" | \"value\": …}")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Measure, E> {
        Ok(Measure::Flag(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Measure, E> {
        ExactVisitor.visit_i64(v).map(Measure::Value)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Measure, E> {
        ExactVisitor.visit_u64(v).map(Measure::Value)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Measure, E> {
        ExactVisitor.visit_i128(v).map(Measure::Value)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Measure, E> {
        ExactVisitor.visit_u128(v).map(Measure::Value)
    }
    fn visit_f32<E: de::Error>(self, v: f32) -> Result<Measure, E> {
        ExactVisitor.visit_f32(v).map(Measure::Value)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Measure, E> {
        ExactVisitor.visit_f64(v).map(Measure::Value)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Measure, E> {
        // A decimal text is a value (a Python Decimal arrives as its text); anything else
        // names a level.
        Ok(match number::parse_exact(v) {
            Ok(d) => Measure::Value(d),
            Err(_) => Measure::Level(v.to_string()),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Measure, A::Error> {
        let key = single_key(&mut map, MEASURE_KEYS)?;
        let measure = match key.as_str() {
            "flag" => Measure::Flag(map.next_value()?),
            "level" => Measure::Level(map.next_value()?),
            _ => Measure::Value(map.next_value::<ExactDecimal>()?.0),
        };
        no_more_keys(&mut map, &key, MEASURE_KEYS)?;
        Ok(measure)
    }
}

/// One change of a what-if scenario, before it is given its node code (the key it is
/// found under): a number (points added; negative: lost), `{"add": x}`, `{"set": x}` (the
/// node's new points) or `{"measure": m}` (a leaf's measured input, see [`Measure`]).
/// Points are framework points.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeSpec {
    /// Points added at the node.
    Add(Decimal),
    /// The node's new points.
    Set(Decimal),
    /// A leaf's measured input.
    Measure(Measure),
}

impl ChangeSpec {
    /// The change at node `code`.
    pub fn at(self, code: impl Into<String>) -> Change {
        let code = code.into();
        match self {
            ChangeSpec::Add(points) => Change::Add { code, points },
            ChangeSpec::Set(points) => Change::Set { code, points },
            ChangeSpec::Measure(measure) => Change::Measure { code, measure },
        }
    }
}

const CHANGE_KEYS: &[&str] = &["add", "set", "measure"];

impl<'de> Deserialize<'de> for ChangeSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ChangeVisitor)
    }
}

struct ChangeVisitor;

impl<'de> Visitor<'de> for ChangeVisitor {
    type Value = ChangeSpec;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a change: a number (points added), {\"add\": x}, {\"set\": x} or {\"measure\": m}")
    }

    decimal_forms!(ChangeSpec, ChangeSpec::Add);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ChangeSpec, A::Error> {
        let key = single_key(&mut map, CHANGE_KEYS)?;
        let change = match key.as_str() {
            "add" => ChangeSpec::Add(map.next_value::<ExactDecimal>()?.0),
            "set" => ChangeSpec::Set(map.next_value::<ExactDecimal>()?.0),
            _ => ChangeSpec::Measure(map.next_value()?),
        };
        no_more_keys(&mut map, &key, CHANGE_KEYS)?;
        Ok(change)
    }
}

/// The changes of one scenario: `{code: change}`, applied in the mapping's order.
struct ScenarioChanges(Vec<Change>);

impl<'de> Deserialize<'de> for ScenarioChanges {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ScenarioChanges;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the changes of a scenario: a mapping {code: change}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ScenarioChanges, A::Error> {
                let mut changes = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
                while let Some(code) = map.next_key::<String>()? {
                    let spec: ChangeSpec = map.next_value()?;
                    changes.push(spec.at(code));
                }
                Ok(ScenarioChanges(changes))
            }
        }
        d.deserialize_map(V)
    }
}

/// What-if scenarios: `{scenario_name: {code: change}}` (see [`ChangeSpec`]), in the
/// mapping's order. The core's form is the list inside.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scenarios(pub Vec<Scenario>);

impl<'de> Deserialize<'de> for Scenarios {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scenarios;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("scenarios: a mapping {scenario_name: {code: change}}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scenarios, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
                while let Some(name) = map.next_key::<String>()? {
                    let changes: ScenarioChanges = map.next_value()?;
                    out.push(Scenario { name, changes: changes.0 });
                }
                Ok(Scenarios(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// Points by node code: `{code: points}` (framework points), in the mapping's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Points(pub Vec<(String, Decimal)>);

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Points;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("points: a mapping {code: points}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Points, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
                while let Some(code) = map.next_key::<String>()? {
                    out.push((code, map.next_value::<ExactDecimal>()?.0));
                }
                Ok(Points(out))
            }
        }
        d.deserialize_map(V)
    }
}

// ---------------------------------------------------------------------------------------
// Planner

/// The fields of a node's cost given as a mapping.
#[derive(Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CostFields {
    /// Cost per framework point (default 1).
    #[serde(default, with = "number::opt_decimal")]
    #[cfg_attr(feature = "ts", tsify(type = "DecimalInput"))]
    cost_per_point: Option<Decimal>,
    /// Most points planned at this node, framework points (default: its points lost).
    #[serde(default, with = "number::opt_decimal")]
    #[cfg_attr(feature = "ts", tsify(type = "DecimalInput"))]
    cap: Option<Decimal>,
}

/// One node's cost: a number (the cost per point) or `{"cost_per_point"?, "cap"?}`.
struct CostSpec(Option<Decimal>, Option<Decimal>);

impl<'de> Deserialize<'de> for CostSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CostSpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a cost per point or {\"cost_per_point\": c, \"cap\": p}")
            }
            decimal_forms!(CostSpec, |d| CostSpec(Some(d), None));
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CostSpec, A::Error> {
                let f = CostFields::deserialize(MapAccessDeserializer::new(map))?;
                Ok(CostSpec(f.cost_per_point, f.cap))
            }
        }
        d.deserialize_any(V)
    }
}

/// The planner's costs: `{code: cost_per_point}` or `{code: {"cost_per_point": c, "cap":
/// p}}` (cost per framework point, default [`NodeCost::DEFAULT_COST_PER_POINT`]; cap in
/// framework points, default the node's points lost). An empty mapping: every finest node
/// at the default cost.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Costs(pub Vec<NodeCost>);

impl<'de> Deserialize<'de> for Costs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Costs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("costs: a mapping {code: cost_per_point} or {code: {cost_per_point, cap}}")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Costs, E> {
                Ok(Costs::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Costs, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
                while let Some(code) = map.next_key::<String>()? {
                    let CostSpec(cost, cap) = map.next_value()?;
                    out.push(NodeCost { code, cost_per_point: cost.unwrap_or(NodeCost::DEFAULT_COST_PER_POINT), cap });
                }
                Ok(Costs(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// The fields of a least-cost option.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanOptionFields {
    #[serde(default, with = "number::opt_decimal")]
    cost_per_point: Option<Decimal>,
    #[serde(default, with = "number::opt_decimal")]
    cap: Option<Decimal>,
    #[serde(default)]
    steps: Option<Vec<ExactDecimal>>,
}

/// A least-cost option: `{"cost_per_point"?, "cap": p}` (any gain from 0 to `p`) or
/// `{"cost_per_point"?, "steps": [...]}` (only these gains); exactly one of `cap`, `steps`.
/// `cost_per_point` defaults to [`NodeCost::DEFAULT_COST_PER_POINT`].
impl<'de> Deserialize<'de> for PlanOption {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = PlanOptionFields::deserialize(d)?;
        let gains = match (f.cap, f.steps) {
            (Some(cap), None) => Gains::Continuous { cap },
            (None, Some(steps)) => Gains::Steps(steps.into_iter().map(|s| s.0).collect()),
            _ => return Err(de::Error::custom("give exactly one of `cap` or `steps`")),
        };
        Ok(PlanOption { gains, cost_per_point: f.cost_per_point.unwrap_or(NodeCost::DEFAULT_COST_PER_POINT) })
    }
}

// ---------------------------------------------------------------------------------------
// Change models and Monte Carlo

/// The override keys of the fitted model ([`NextYearModel`]'s fields).
const FITTED_KEYS: &[&str] = NextYearModel::KEYS;

const MODEL_KINDS: &[&str] = &["fitted", "empirical", "normal", "sample"];

/// Every key a change model's mapping may have (which ones depend on `kind`).
const MODEL_KEYS: &[&str] = &[
    "kind",
    "mean",
    "sd",
    "values",
    "years",
    "shock_mean",
    "shock_sd",
    "catch_up",
    "spread",
    "tail_weight",
    "tail_scale",
    "methodology_factor",
    "own_sd",
];

/// A change model: `"fitted"` (the default) or `"empirical"`, or a mapping with `kind`:
/// `{"kind": "fitted", …overrides}` (keys of [`NextYearModel`]),
/// `{"kind": "empirical", "years": [[2022, 2023]]}` (`years` optional),
/// `{"kind": "normal", "mean": m, "sd": s}` (both required, percentage points) or
/// `{"kind": "sample", "values": [...]}` (percentage points). `null`: the default.
/// A key the kind does not take is refused.
impl<'de> Deserialize<'de> for ChangeModel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ModelVisitor)
    }
}

struct ModelVisitor;

impl<'de> Visitor<'de> for ModelVisitor {
    type Value = ChangeModel;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a change model: \"fitted\", \"empirical\", {\"kind\": \"fitted\", …}, {\"kind\": \"normal\", \"mean\": m, \"sd\": s}, {\"kind\": \"sample\", \"values\": [...]} or {\"kind\": \"empirical\", \"years\": [[2022, 2023]]}",
        )
    }

    fn visit_unit<E: de::Error>(self) -> Result<ChangeModel, E> {
        Ok(ChangeModel::default())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ChangeModel, E> {
        ChangeModel::by_name(v).map_err(|_| {
            E::custom(format!(
                "`{v}` is not one of fitted, empirical (normal and sample need their figures: {{\"kind\": \"normal\", \"mean\": m, \"sd\": s}})"
            ))
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ChangeModel, A::Error> {
        let mut kind: Option<String> = None;
        let (mut mean, mut sd, mut values, mut years) = (None, None, None, None);
        let mut overrides = serde_json::Map::new();
        let mut keys: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if keys.contains(&key) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            match key.as_str() {
                "kind" => kind = Some(map.next_value::<String>()?),
                "mean" => mean = Some(map.next_value::<ExactDecimal>()?.0),
                "sd" => sd = Some(map.next_value::<ExactDecimal>()?.0),
                "values" => values = Some(map.next_value::<Vec<ExactDecimal>>()?),
                "years" => years = Some(map.next_value::<Vec<(u16, u16)>>()?),
                k if FITTED_KEYS.contains(&k) => {
                    let v: Option<f64> = map.next_value()?;
                    overrides.insert(key.clone(), v.map_or(serde_json::Value::Null, serde_json::Value::from));
                }
                other => return Err(de::Error::unknown_field(other, MODEL_KEYS)),
            }
            keys.push(key);
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("kind"))?;
        let kind = kind.trim().to_ascii_lowercase();
        let takes: &[&str] = match kind.as_str() {
            "fitted" => FITTED_KEYS,
            "empirical" => &["years"],
            "normal" => &["mean", "sd"],
            "sample" => &["values"],
            other => return Err(de::Error::unknown_variant(other, MODEL_KINDS)),
        };
        if let Some(extra) = keys.iter().find(|k| *k != "kind" && !takes.contains(&k.as_str())) {
            return Err(de::Error::custom(format!(
                "a `{kind}` model does not take `{extra}` (its keys: `kind`, {})",
                quoted(takes)
            )));
        }
        match kind.as_str() {
            "fitted" => serde_json::from_value::<NextYearModel>(serde_json::Value::Object(overrides))
                .map(ChangeModel::Fitted)
                .map_err(de::Error::custom),
            "empirical" => Ok(ChangeModel::Empirical { years }),
            "normal" => Ok(ChangeModel::Normal {
                mean: mean.ok_or_else(|| de::Error::missing_field("mean"))?,
                sd: sd.ok_or_else(|| de::Error::missing_field("sd"))?,
            }),
            _ => Ok(ChangeModel::Sample(
                values.ok_or_else(|| de::Error::missing_field("values"))?.into_iter().map(|v| v.0).collect(),
            )),
        }
    }
}

/// The fields of a Monte Carlo run; the optional ones default to [`MonteCarlo::default`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MonteCarloFields {
    province: String,
    #[serde(alias = "gain", with = "number::decimals")]
    gains: Vec<Decimal>,
    target_rank: u32,
    #[serde(default)]
    scenarios: Option<u64>,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    model: Option<ChangeModel>,
}

/// A Monte Carlo run: `{"province", "gains" (a list, or one value; `"gain"` is the same
/// key), "target_rank", "scenarios"?, "seed"?, "model"?}` (gains in percentage points;
/// the defaults of [`MonteCarlo::default`]: 100,000 scenarios, seed 7, the fitted model).
impl<'de> Deserialize<'de> for MonteCarlo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = MonteCarloFields::deserialize(d)?;
        let defaults = MonteCarlo::default();
        Ok(MonteCarlo {
            province: f.province,
            gains: f.gains,
            target_rank: f.target_rank,
            scenarios: f.scenarios.unwrap_or(defaults.scenarios),
            seed: f.seed.unwrap_or(defaults.seed),
            model: f.model.unwrap_or(defaults.model),
        })
    }
}

// ---------------------------------------------------------------------------------------
// Tables

/// The fields of a table's CSV options; the optional ones default to
/// [`CsvTableOptions::new`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CsvTableFields {
    index: IndexKind,
    year: u16,
    #[serde(default)]
    score_column: Option<String>,
    #[serde(default)]
    roster: Option<Roster>,
    #[serde(default)]
    of: Option<u32>,
    #[serde(default)]
    max_input_bytes: Option<u64>,
    #[serde(default)]
    decimals: Option<u32>,
}

/// How to read a league table: `{"index", "year", "score_column"?, "roster"?, "of"?,
/// "max_input_bytes"?, "decimals"?}`.
impl<'de> Deserialize<'de> for CsvTableOptions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = CsvTableFields::deserialize(d)?;
        let defaults = CsvTableOptions::new(f.index.clone(), f.year);
        Ok(CsvTableOptions {
            index: f.index,
            year: f.year,
            score_column: f.score_column,
            roster: f.roster,
            of: f.of,
            max_input_bytes: f.max_input_bytes.unwrap_or(defaults.max_input_bytes),
            decimals: f.decimals.or(defaults.decimals),
        })
    }
}

// ---------------------------------------------------------------------------------------
// SIPAS

const SIPAS_CHANGE_KEYS: &[&str] = &["add", "set"];

/// One SIPAS change: a number (percentage points added, = `add`), `{"add": x}` or
/// `{"set": x}` (the node's new value, percent).
struct SipasChange(sipas::Change);

impl<'de> Deserialize<'de> for SipasChange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SipasChange;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a SIPAS change: a number (percentage points added), {\"add\": x} or {\"set\": x}")
            }
            decimal_forms!(SipasChange, |d| SipasChange(sipas::Change::Add(d)));
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SipasChange, A::Error> {
                let key = single_key(&mut map, SIPAS_CHANGE_KEYS)?;
                let value = map.next_value::<ExactDecimal>()?.0;
                no_more_keys(&mut map, &key, SIPAS_CHANGE_KEYS)?;
                Ok(SipasChange(if key == "add" { sipas::Change::Add(value) } else { sipas::Change::Set(value) }))
            }
        }
        d.deserialize_any(V)
    }
}

/// What-if changes on a SIPAS result: `{code: change}` with a code a node code (`B.2`),
/// a column key (`procedures`), an item code or `sipas`, and a change a number
/// (percentage points added to every item beneath), `{"add": x}` or `{"set": x}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SipasChanges(pub Vec<sipas::NodeChange>);

impl<'de> Deserialize<'de> for SipasChanges {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SipasChanges;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("SIPAS changes: a mapping {code: change}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SipasChanges, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
                while let Some(code) = map.next_key::<String>()? {
                    let SipasChange(change) = map.next_value()?;
                    out.push(sipas::NodeChange { code, change });
                }
                Ok(SipasChanges(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::FITTED_KEYS;
    use crate::simulate::NextYearModel;

    #[test]
    fn fitted_keys_are_the_fields_of_the_next_year_model() {
        let value = serde_json::to_value(NextYearModel::default()).unwrap_or_default();
        let fields: Vec<&str> = value.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        let mut expected = FITTED_KEYS.to_vec();
        let mut got = fields.clone();
        expected.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, expected);
    }
}
