//! TypeScript declarations (the `ts` feature, for the WebAssembly binding's generated
//! `.d.ts`) of the input shapes whose `Deserialize` is written by hand in `inputs.rs`
//! (several accepted forms, mappings keyed by data), and the names the binding documents
//! for the core's types. Each type here describes, variant by variant, the forms its
//! deserializer accepts; nothing here is used to read data (a test checks that each accepts
//! and refuses the same values as the real deserializer).

use crate::simulate::NextYearModel;
use std::collections::HashMap;
use tsify::{declare, Tsify};

/// An exact decimal as a string, e.g. `"85.94"` (never a float).
#[declare]
pub type Decimal = String;

/// An exact decimal as a string (the name the documentation uses).
#[declare]
pub type DecimalString = Decimal;

/// A decimal argument: a string (`"9.5"`, `"9,5"`) or a finite number (read through its
/// shortest decimal form). `NaN`, `Infinity` and booleans are refused (see
/// [`number`](super::number)).
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(untagged)]
pub enum DecimalInput {
    /// A decimal text.
    Text(String),
    /// A finite number.
    Number(f64),
}

/// `"par"`, `"sipas"`, or a custom index's name ([`IndexKind`](crate::IndexKind)).
#[derive(Tsify)]
#[serde(untagged)]
pub enum IndexName {
    /// A built-in index.
    Known(KnownIndex),
    /// A custom index, by name.
    Custom(String),
}

/// The built-in indices: the PAR INDEX and SIPAS.
#[derive(Tsify)]
#[serde(rename_all = "lowercase")]
pub enum KnownIndex {
    /// PAR INDEX.
    Par,
    /// SIPAS.
    Sipas,
}

/// A seed: a number up to 2⁵³ − 1, or a `BigInt` or digit string for the full `u64` range.
#[derive(Tsify)]
#[serde(untagged)]
pub enum Seed {
    /// A whole number.
    Number(u64),
    /// A `BigInt`.
    Big(#[tsify(type = "bigint")] u64),
    /// A digit string.
    Digits(String),
}

/// Band (nhóm): A ≥ 90%, B 80 to < 90%, C 70 to < 80%, below C.
#[declare]
pub type BandName = crate::band::Band;
/// How equal scores are ranked: `competition` (1-2-2-4, default), `dense` (1-2-2-3), `unrounded`.
#[declare]
pub type TiePolicyName = crate::league::TiePolicy;
/// What counts as satisfied in SIPAS (see [`SatisfactionRule`](crate::sipas::SatisfactionRule)).
#[declare]
pub type SatisfactionRuleName = crate::sipas::SatisfactionRule;
/// How SIPAS items add up (see [`Aggregation`](crate::sipas::Aggregation)).
#[declare]
pub type AggregationName = crate::sipas::Aggregation;
/// A percentile interval of SIPAS, percent (see [`Interval`](crate::sipas::Interval)).
#[declare]
pub type SipasInterval = crate::sipas::Interval;
/// One item of a SIPAS unit (see [`ItemValue`](crate::sipas::ItemValue)).
#[declare]
pub type SipasItem = crate::sipas::ItemValue;
/// A framework's node (see [`Node`](crate::framework::Node)).
#[declare]
pub type FrameworkNode = crate::framework::Node;
/// A synthetic survey's settings (see [`SyntheticSpec`](crate::sipas::SyntheticSpec)).
#[declare]
pub type SyntheticOptions = crate::sipas::SyntheticSpec;

/// A leaf's measured input ([`Measure`](crate::framework::Measure)): `true`/`false` (a
/// flag), a number or a decimal text (a value), another text (a level's name), or exactly
/// one of `{flag}`, `{level}`, `{value}`.
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(deny_unknown_fields, untagged)]
pub enum MeasureInput {
    /// A flag (boolean rule).
    Flag(bool),
    /// A value (bands, proportional).
    Value(f64),
    /// A decimal text (a value) or a level's name.
    Text(String),
    /// A flag, named.
    FlagOf {
        /// Done or not.
        flag: bool,
    },
    /// A level, named (`{level: "3"}` is the level named `3`).
    LevelOf {
        /// The level's name.
        level: String,
    },
    /// A value, named.
    ValueOf {
        /// The measured value.
        value: DecimalInput,
    },
}

/// One change at a node ([`ChangeSpec`](super::ChangeSpec)): a number (framework points
/// added; negative: lost), `{add}` (also where the node's points are unknown: the total
/// moves by as much), `{set}` (the node's new points) or `{measure}` (a leaf's input).
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(deny_unknown_fields, untagged)]
pub enum Change {
    /// Points added.
    Points(DecimalInput),
    /// Points added, named.
    Add {
        /// Framework points added.
        add: DecimalInput,
    },
    /// The node's new points.
    Set {
        /// Framework points.
        set: DecimalInput,
    },
    /// A leaf's measured input.
    Measure {
        /// The measure.
        measure: MeasureInput,
    },
}

/// What-if scenarios ([`Scenarios`](super::Scenarios)): `{scenario_name: {code: change}}`,
/// in the mapping's order.
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Scenarios(pub HashMap<String, HashMap<String, Change>>);

/// Points by node code ([`Points`](super::Points)): `{code: points}`, framework points.
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct PointsInput(pub HashMap<String, DecimalInput>);

/// One node's cost in the planner: a cost per framework point, or the fields of
/// `CostFields` (see [`Costs`](super::Costs)).
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(untagged)]
pub enum CostInput {
    /// The cost per point.
    PerPoint(DecimalInput),
    /// The cost per point and the cap, each optional.
    Fields(super::inputs::CostFields),
}

/// The planner's costs ([`Costs`](super::Costs)): `{code: cost}`; cost per framework
/// point (default 1), cap in framework points (default the node's points lost).
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Costs(pub HashMap<String, CostInput>);

/// One option of the least-cost planner ([`PlanOption`](crate::simulate::PlanOption)):
/// `{cap, cost_per_point?}` (any gain from 0 to `cap`) or `{steps, cost_per_point?}` (only
/// the listed gains; 0 is always allowed). Points; `cost_per_point` ≥ 0, default 1.
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(deny_unknown_fields, untagged)]
pub enum PlanOptionInput {
    /// Any gain up to the cap.
    Cap {
        /// The largest gain, points.
        cap: DecimalInput,
        /// Cost per point (default 1).
        #[tsify(optional)]
        cost_per_point: Option<DecimalInput>,
    },
    /// Only the listed gains.
    Steps {
        /// The gains allowed, points.
        steps: Vec<DecimalInput>,
        /// Cost per point (default 1).
        #[tsify(optional)]
        cost_per_point: Option<DecimalInput>,
    },
}

/// How competitors move from one year to the next ([`ChangeModel`](crate::simulate::ChangeModel),
/// percentage points): `fitted` (the default: the next-year model fitted to every
/// published fact, with optional overrides) or `empirical` (each competitor's change drawn
/// from the published year-over-year changes under the same methodology), by name or as
/// an object with `kind`; `normal` and `sample` need their figures.
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(untagged)]
pub enum ChangeModelInput {
    /// `"fitted"` or `"empirical"`.
    Named(ChangeModelName),
    /// An object with `kind`.
    Object(ChangeModelObject),
}

/// The change models named by a string.
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
pub enum ChangeModelName {
    /// The fitted next-year model.
    Fitted,
    /// The published year-over-year changes.
    Empirical,
}

/// A change model as an object with `kind`.
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(deny_unknown_fields, tag = "kind", rename_all = "lowercase")]
pub enum ChangeModelObject {
    /// The fitted model with overrides (each absent one is fitted).
    Fitted(NextYearModel),
    /// The published changes of these year pairs (default: every pair under the same methodology).
    Empirical {
        /// `[before, after]` year pairs.
        #[tsify(optional)]
        years: Option<Vec<(u16, u16)>>,
    },
    /// Normal changes, percentage points.
    Normal {
        /// Mean change.
        mean: DecimalInput,
        /// Standard deviation.
        sd: DecimalInput,
    },
    /// Changes drawn from these values, percentage points.
    Sample {
        /// The values.
        values: Vec<DecimalInput>,
    },
}

/// One SIPAS change: a number (percentage points added to every item beneath, = `add`),
/// `{add}` or `{set}` (the node's new value, percent).
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(deny_unknown_fields, untagged)]
pub enum SipasChange {
    /// Percentage points added.
    Points(DecimalInput),
    /// Percentage points added, named.
    Add {
        /// Percentage points.
        add: DecimalInput,
    },
    /// The node's new value.
    Set {
        /// Percent.
        set: DecimalInput,
    },
}

/// What-if changes on a SIPAS result ([`SipasChanges`](super::SipasChanges)): `{code:
/// change}`, a code being a node code (`B.2`), a column key (`procedures`), an item code
/// or `sipas`.
#[derive(Tsify)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct SipasChanges(pub HashMap<String, SipasChange>);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    //! Each declared shape accepts exactly the values its real deserializer accepts (among
    //! well-formed decimals; the decimal rule itself is tested in `number`).
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    fn agree<Shape: DeserializeOwned, Real: DeserializeOwned>(accepted: &[Value], refused: &[Value]) {
        for v in accepted {
            assert!(serde_json::from_value::<Real>(v.clone()).is_ok(), "the deserializer refuses {v}");
            assert!(serde_json::from_value::<Shape>(v.clone()).is_ok(), "the declared shape refuses {v}");
        }
        for v in refused {
            assert!(serde_json::from_value::<Real>(v.clone()).is_err(), "the deserializer accepts {v}");
            assert!(serde_json::from_value::<Shape>(v.clone()).is_err(), "the declared shape accepts {v}");
        }
    }

    #[test]
    fn measures_and_changes() {
        agree::<super::MeasureInput, crate::framework::Measure>(
            &[
                json!(true),
                json!(3),
                json!("2.5"),
                json!("on time"),
                json!({"flag": false}),
                json!({"level": "3"}),
                json!({"value": 4}),
            ],
            &[json!(null), json!([1]), json!({"flag": true, "level": "x"}), json!({}), json!({"points": 1})],
        );
        agree::<super::Change, super::super::ChangeSpec>(
            &[
                json!(1.5),
                json!("2"),
                json!({"add": 1}),
                json!({"set": "3"}),
                json!({"measure": true}),
                json!({"measure": {"level": "x"}}),
            ],
            &[json!(true), json!(null), json!([1]), json!({"add": 1, "set": 2}), json!({"points": 1})],
        );
        agree::<super::Scenarios, super::super::Scenarios>(
            &[json!({}), json!({"A": {"1.1": 1}}), json!({"A": {"x": {"measure": "level"}}, "B": {"2": {"set": 3}}})],
            &[json!({"A": [1]}), json!([{"name": "A", "changes": []}]), json!({"A": {"x": {"add": 1, "set": 1}}})],
        );
        agree::<super::PointsInput, super::super::Points>(
            &[json!({}), json!({"1": 2, "2": "3.5"})],
            &[json!({"1": true}), json!([["1", 2]])],
        );
    }

    #[test]
    fn planner_inputs() {
        agree::<super::Costs, super::super::Costs>(
            &[
                json!({}),
                json!({"1.1": 2}),
                json!({"1.1": {"cap": 3}}),
                json!({"a": {"cost_per_point": 1, "cap": "2"}}),
            ],
            &[json!({"a": {"foo": 1}}), json!({"a": true}), json!([{"code": "a"}])],
        );
        agree::<super::PlanOptionInput, crate::simulate::PlanOption>(
            &[
                json!({"cap": 1}),
                json!({"cap": "1", "cost_per_point": 2}),
                json!({"steps": [1, 2]}),
                json!({"steps": [1], "cost_per_point": 0}),
            ],
            &[
                json!({"cap": 1, "steps": [1]}),
                json!({}),
                json!({"cost_per_point": 1}),
                json!({"cap": 1, "foo": 1}),
                json!(1),
            ],
        );
    }

    #[test]
    fn change_models() {
        agree::<super::ChangeModelInput, crate::simulate::ChangeModel>(
            &[
                json!("fitted"),
                json!("empirical"),
                json!({"kind": "fitted"}),
                json!({"kind": "fitted", "spread": 1.2, "own_sd": 0.5}),
                json!({"kind": "normal", "mean": 0, "sd": "1.5"}),
                json!({"kind": "sample", "values": [1, "2"]}),
                json!({"kind": "empirical", "years": [[2022, 2023]]}),
                json!({"kind": "empirical"}),
            ],
            &[
                json!("normal"),
                json!("random"),
                json!({"kind": "normal", "mean": 0}),
                json!({"kind": "sample", "values": [1], "sd": 1}),
                json!({"mean": 1}),
                json!({"kind": "fitted", "mean": 1}),
                json!({"kind": "empirical", "sd": 1}),
                json!(3),
            ],
        );
    }

    #[test]
    fn sipas_changes() {
        agree::<super::SipasChanges, super::super::SipasChanges>(
            &[json!({}), json!({"B.2": 5}), json!({"sipas": {"set": 70}}), json!({"x": {"add": "1.5"}})],
            &[
                json!({"x": {"measure": 1}}),
                json!({"x": {"add": 1, "set": 2}}),
                json!({"x": true}),
                json!([{"code": "x", "add": 1}]),
            ],
        );
    }
}
