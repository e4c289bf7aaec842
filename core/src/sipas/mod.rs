//! SIPAS (Chỉ số hài lòng về sự phục vụ hành chính) from respondent-level survey answers.
//!
//! The flow: answers (long or wide form, CSV, JSON or records) → [`Survey`] →
//! [`Survey::compute`] → [`SipasResult`] (per unit: SIPAS, domains, contents and elements,
//! every item with its count of valid answers, respondents, rank) → league table and
//! what-if; [`Survey::bootstrap`] → [`Bootstrap`] (percentile intervals and rank
//! distributions).
//!
//! Methods: the 2023–2026 household survey of 1001/QĐ-BNV (11/12/2023; framework
//! `sipas-2023`: domain A policy, 4 contents, 23 items; domain B service delivery,
//! 5 elements, 16 items) and the 2017–2021 service-user survey of 2640/QĐ-BNV (2017;
//! framework `sipas-2017`: 5 elements, 22 criteria). Any framework whose leaves are the
//! items works (load one with [`Framework::from_json`](crate::Framework::from_json)).
//!
//! What the Ministry does not publish is a choice, named in every result: what counts as
//! satisfied ([`SatisfactionRule`], [?]), how items add up ([`Aggregation`]; the default
//! item mean is inferred, \[I\], from the 2024 national figures), how ties rank ([`TiePolicy`]).
//!
//! Numbers: every published or point value is an exact [`Decimal`] in percent (0–100):
//! item values are exact divisions of counts (or weight sums), aggregates exact means. The
//! bootstrap alone computes in `f64` inside its hot loop (from integer counts, or weights),
//! and converts at the edges.
//!
//! ```
//! use parindex::framework::builtin;
//! use parindex::sipas::{Survey, SurveyOptions, SipasOptions};
//! let fw = builtin("sipas-2023")?;
//! // Two respondents of one unit, long form; r2 did not answer A.1.2.
//! let mut csv = String::from("respondent,unit,item,answer\n");
//! for item in fw.leaf_codes() {
//!     csv.push_str(&format!("r1,Sở Nội vụ,{item},5\n"));
//!     if item != "A.1.2" {
//!         csv.push_str(&format!("r2,Sở Nội vụ,{item},2\n"));
//!     }
//! }
//! let survey = Survey::from_csv(&csv, "answers.csv", fw, &SurveyOptions::default())?;
//! let result = survey.compute(&SipasOptions::default())?;
//! let unit = result.index("Sở Nội vụ")?;
//! // A.1.2: 1 satisfied of 1 valid = 100%; every other item 1 of 2 = 50%.
//! assert_eq!(unit.item("A.1.2").map(|i| (i.valid, i.satisfaction)), Some((1, Some(100.into()))));
//! // SIPAS = (38 × 50 + 100) / 39 = 51.28…
//! assert_eq!(parindex::decimal::fmt_publish(unit.sipas), "51.28");
//! # Ok::<(), parindex::Error>(())
//! ```

mod aggregate;
mod answers;
mod bootstrap;
mod synthetic;

pub use aggregate::{column_key, Aggregation, Aggregator, NodeInfo, SatisfactionRule};
pub use answers::{AnswerInput, Layout, Survey, SurveyOptions};
pub use bootstrap::{
    Bootstrap, BootstrapOptions, Interval, NodeInterval, RankDistribution, UnitBootstrap, MAX_BOOTSTRAP_VALUES,
};
pub use synthetic::{SyntheticSpec, MAX_SYNTHETIC_ANSWERS};

use crate::error::{Error, Location, Result};
use crate::index_kind::IndexKind;
use crate::league::{CsvTableOptions, EntryInput, LeagueTable, Ranking, Roster, TiePolicy};
use crate::province::fold;
use answers::{is_valid, DONT_KNOW};
use rust_decimal::Decimal;
use serde::Serialize;

/// The choices of a SIPAS computation (cách tính). Defaults: [`SatisfactionRule::Top2`],
/// [`Aggregation::ItemMean`], [`TiePolicy::Competition`] (as the PAR tables). None of the
/// three is fixed by a published formula of 1001/QĐ-BNV (2023) or 2640/QĐ-BNV (2017); see
/// the methodology primer §3.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct SipasOptions {
    /// What counts as satisfied.
    pub rule: SatisfactionRule,
    /// How items add up.
    pub aggregation: Aggregation,
    /// How equal SIPAS values rank.
    pub tie_policy: TiePolicy,
    /// The assessment year (for league tables; default: the framework's first year).
    pub year: Option<u16>,
    /// Decimal places of the stated precision (default [`SIPAS_DECIMALS`], 0–28): values
    /// are computed exactly, ranked at this precision (see [`crate::Ranking`]) and shown
    /// at it by [`SipasResult::shown`].
    pub decimals: u32,
}

/// The default stated precision of SIPAS values from answers: 4 decimals of percent.
pub const SIPAS_DECIMALS: u32 = 4;

impl Default for SipasOptions {
    fn default() -> SipasOptions {
        SipasOptions {
            rule: SatisfactionRule::default(),
            aggregation: Aggregation::default(),
            tie_policy: TiePolicy::default(),
            year: None,
            decimals: SIPAS_DECIMALS,
        }
    }
}

impl SipasOptions {
    /// Options from the names the bindings pass: `rule="top2"|"mean"`,
    /// `aggregation="item_mean"|"domain_mean"|"element_mean"`,
    /// `tie_policy="competition"|"dense"|"unrounded"`.
    ///
    /// Errors: [`Error::InvalidArgument`] naming the argument.
    pub fn parse(rule: &str, aggregation: &str, tie_policy: &str) -> Result<SipasOptions> {
        Ok(SipasOptions {
            rule: SatisfactionRule::parse(rule)?,
            aggregation: Aggregation::parse(aggregation)?,
            tie_policy: TiePolicy::parse(tie_policy)?,
            year: None,
            decimals: SIPAS_DECIMALS,
        })
    }
}

/// One node's value in a unit: a domain (lĩnh vực), content (nội dung) or element (yếu tố),
/// percent 0–100; `None` when no item beneath has a valid answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct NodeValue {
    /// Framework code (`B.2`).
    pub code: String,
    /// Column key (`procedures`).
    pub key: String,
    /// Satisfaction, percent, unrounded.
    pub value: Option<Decimal>,
}

/// One survey item (câu hỏi) in a unit: its satisfaction (percent 0–100) and the counts it
/// rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ItemValue {
    /// Item code.
    pub code: String,
    /// Column key (the code, except where a built-in framework's items are its elements:
    /// `access` … `feedback` in `sipas-2017`).
    pub key: String,
    /// Satisfaction under the rule, percent, unrounded; `None` without a valid answer.
    pub satisfaction: Option<Decimal>,
    /// Valid answers (1–5).
    pub valid: u32,
    /// Valid answers of 4 or 5 (under either rule).
    pub satisfied: u32,
    /// Respondents without an answer (empty, a missing code, or no row in long form).
    pub missing: u32,
    /// "Don't know" answers.
    pub dont_know: u32,
    /// Sum of the design weights of the valid answers (weighted surveys only).
    pub valid_weight: Option<Decimal>,
}

/// One unit's SIPAS (đơn vị: a province, department or district) with everything beneath it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "SipasUnitDetail"))]
pub struct UnitIndex {
    /// Unit name as given.
    pub unit: String,
    /// SIPAS, percent 0–100, unrounded (publish with [`crate::decimal::fmt_publish`]).
    pub sipas: Decimal,
    /// Rank among the units under the result's tie policy (1 = best).
    pub rank: u32,
    /// Respondents (n).
    pub respondents: u32,
    /// Sum of design weights (weighted surveys only).
    pub weight_total: Option<Decimal>,
    /// Every node above the items (domains, contents, elements), in framework order.
    pub nodes: Vec<NodeValue>,
    /// Every item, in framework order.
    pub items: Vec<ItemValue>,
    /// Items with no valid answer in this unit (left out of every mean).
    pub items_without_answers: Vec<String>,
    /// First row of the unit in the input.
    pub row: Option<usize>,
}

impl UnitIndex {
    /// A value by node code (`B.2`), column key (`procedures`), item code, or `sipas` /
    /// `total`. `None` for an unknown code or a node without data.
    pub fn value(&self, code_or_key: &str) -> Option<Decimal> {
        let c = code_or_key.trim();
        if c.eq_ignore_ascii_case("sipas") || c.eq_ignore_ascii_case(crate::framework::TOTAL) {
            return Some(self.sipas);
        }
        if let Some(n) = self.nodes.iter().find(|n| n.code == c || n.key.eq_ignore_ascii_case(c)) {
            return n.value;
        }
        self.items.iter().find(|i| i.code == c || i.key.eq_ignore_ascii_case(c)).and_then(|i| i.satisfaction)
    }

    /// [`UnitIndex::value`], with an unknown code an error instead of `None`: `Ok(None)`
    /// is a node or item without data.
    ///
    /// Errors: [`Error::UnknownCode`] listing the codes and keys, and the nearest one.
    pub fn try_value(&self, code_or_key: &str) -> Result<Option<Decimal>> {
        let c = code_or_key.trim();
        let names = || {
            ["sipas"]
                .into_iter()
                .chain(self.nodes.iter().flat_map(|n| [n.code.as_str(), n.key.as_str()]))
                .chain(self.items.iter().flat_map(|i| [i.code.as_str(), i.key.as_str()]))
        };
        if names().any(|n| n.eq_ignore_ascii_case(c)) || c.eq_ignore_ascii_case(crate::framework::TOTAL) {
            return Ok(self.value(c));
        }
        let mut known: Vec<&str> = Vec::new();
        for n in names() {
            if !known.contains(&n) {
                known.push(n);
            }
        }
        let near = crate::columns::nearest(c, known.iter().copied())
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        Err(Error::UnknownCode {
            at: Location::code(c),
            code: crate::error::quote(c),
            within: format!("the results of unit `{}` (codes and keys: {}){near}", self.unit, known.join(", ")),
        })
    }

    /// An item by code.
    pub fn item(&self, code: &str) -> Option<&ItemValue> {
        self.items.iter().find(|i| i.code == code.trim())
    }
}

/// SIPAS for every unit of a survey (kết quả Chỉ số SIPAS), with the choices that produced
/// it: `units` holds one row per unit for the bindings (unit, SIPAS, the node columns of
/// `nodes` — for `sipas-2023` policy, service, the 4 contents and the 5 elements —,
/// respondents, rank, and every item with its count of valid answers).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SipasResult {
    /// Framework id (`sipas-2023`).
    pub framework: String,
    /// The decision behind the framework (`1001/QĐ-BNV`).
    pub decision: String,
    /// The survey's label (file path or caller's label).
    pub label: String,
    /// Satisfaction rule used.
    pub rule: SatisfactionRule,
    /// Aggregation used.
    pub aggregation: Aggregation,
    /// Tie policy of the ranks.
    pub tie_policy: TiePolicy,
    /// The stated precision: decimal places at which units are ranked and values shown.
    pub decimals: u32,
    /// Whether design weights were applied.
    pub weighted: bool,
    /// Assessment year, when given.
    pub year: Option<u16>,
    /// The node columns (domains, contents, elements).
    pub nodes: Vec<NodeInfo>,
    /// The item codes.
    pub items: Vec<String>,
    /// One per unit, in input order.
    pub units: Vec<UnitIndex>,
    #[serde(skip)]
    aggregator: Aggregator,
}

/// A change (thay đổi giả định) to one node's satisfaction for [`SipasResult::what_if`],
/// in percentage points of the 0–100 scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Add percentage points (−100 to 100) to every item beneath the node.
    Add(Decimal),
    /// Move the node to this value (0–100) by shifting every item beneath it equally.
    Set(Decimal),
}

/// A what-if change: a node (code, column key, item code, or `sipas`) and how it changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeChange {
    /// Node code, column key or item code.
    pub code: String,
    /// The change.
    pub change: Change,
}

impl NodeChange {
    /// `code` gains `points` percentage points.
    pub fn add(code: &str, points: Decimal) -> NodeChange {
        NodeChange { code: code.to_string(), change: Change::Add(points) }
    }

    /// `code` is set to `value` percent.
    pub fn set(code: &str, value: Decimal) -> NodeChange {
        NodeChange { code: code.to_string(), change: Change::Set(value) }
    }
}

/// The outcome of a what-if (kịch bản giả định): the unit's SIPAS (percent) and rank before
/// and after, every other unit unchanged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    /// The unit.
    pub unit: String,
    /// The changes applied, in order.
    pub changes: Vec<NodeChange>,
    /// SIPAS before, percent.
    pub sipas_before: Decimal,
    /// SIPAS after, percent.
    pub sipas_after: Decimal,
    /// Rank before.
    pub rank_before: u32,
    /// Rank after, among the same units.
    pub rank_after: u32,
    /// Number of units ranked.
    pub of: u32,
    /// Every node after the changes.
    pub nodes_after: Vec<NodeValue>,
    /// Items whose value was capped at 0 or 100 (so the node moved less than asked).
    pub capped_items: Vec<String>,
    /// Rule, aggregation and tie policy used.
    pub rule: SatisfactionRule,
    /// Aggregation used.
    pub aggregation: Aggregation,
    /// Tie policy used.
    pub tie_policy: TiePolicy,
    /// The stated precision (decimal places of percent): values are exact here and shown
    /// at it by [`WhatIf::shown`].
    pub decimals: u32,
}

impl WhatIf {
    /// The same what-if with every value (SIPAS before and after, nodes, the changes as
    /// asked are kept) at the stated precision: what the bindings show.
    pub fn shown(&self) -> WhatIf {
        WhatIf {
            sipas_before: at_precision(self.sipas_before, self.decimals),
            sipas_after: at_precision(self.sipas_after, self.decimals),
            nodes_after: shown_nodes(&self.nodes_after, self.decimals),
            ..self.clone()
        }
    }
}

/// `value` at `decimals` places (halves away from zero, one spelling per value): the
/// stated precision of SIPAS values, shared by results, what-ifs and the bootstrap.
pub(crate) fn at_precision(value: Decimal, decimals: u32) -> Decimal {
    // Rounded as the table compares, without trailing zeros (50, not 50.0000).
    Ranking { decimals, policy: TiePolicy::Competition }.key(value).normalize()
}

fn shown_nodes(nodes: &[NodeValue], decimals: u32) -> Vec<NodeValue> {
    nodes
        .iter()
        .map(|n| NodeValue {
            code: n.code.clone(),
            key: n.key.clone(),
            value: n.value.map(|v| at_precision(v, decimals)),
        })
        .collect()
}

impl UnitIndex {
    /// The same unit with every value (SIPAS, nodes, item satisfaction) at `decimals`
    /// places of percent; counts and weights unchanged. See [`SipasResult::shown_unit`].
    pub fn shown(&self, decimals: u32) -> UnitIndex {
        UnitIndex {
            sipas: at_precision(self.sipas, decimals),
            nodes: shown_nodes(&self.nodes, decimals),
            items: self
                .items
                .iter()
                .map(|i| ItemValue { satisfaction: i.satisfaction.map(|v| at_precision(v, decimals)), ..i.clone() })
                .collect(),
            ..self.clone()
        }
    }
}

impl Survey {
    /// SIPAS of every unit: item satisfaction under `options.rule` (exact division of
    /// counts, or of design-weight sums when the survey is weighted), aggregated up the
    /// framework under `options.aggregation`, ranked under `options.tie_policy`.
    ///
    /// Errors: [`Error::InvalidArgument`] when the aggregation needs a level the framework
    /// lacks (`domain_mean` on `sipas-2017`); [`Error::NoAnswers`] if a unit has no value.
    pub fn compute(&self, options: &SipasOptions) -> Result<SipasResult> {
        crate::league::check_decimals(options.decimals)?;
        let aggregator = Aggregator::new(&self.framework, options.aggregation)?;
        let j = self.items.len();
        let mut units = Vec::with_capacity(self.units.len());
        for u in &self.units {
            let n = u.respondents.len();
            let mut items = Vec::with_capacity(j);
            for (k, code) in self.items.iter().enumerate() {
                let mut it = ItemValue {
                    code: code.clone(),
                    key: column_key(&self.framework.id, code),
                    satisfaction: None,
                    valid: 0,
                    satisfied: 0,
                    missing: 0,
                    dont_know: 0,
                    valid_weight: None,
                };
                let (mut num, mut den) = (Decimal::ZERO, Decimal::ZERO);
                let mut num_count = 0u64;
                for r in 0..n {
                    let code = u.answers.get(r * j + k).copied().unwrap_or(0);
                    if is_valid(code) {
                        it.valid += 1;
                        it.satisfied += u32::from(code >= 4);
                        let x = options.rule.numerator(code);
                        match u.weights.get(r) {
                            Some(w) => {
                                num += *w * Decimal::from(x);
                                den += *w;
                            }
                            None => num_count += u64::from(x),
                        }
                    } else if code == DONT_KNOW {
                        it.dont_know += 1;
                    } else {
                        it.missing += 1;
                    }
                }
                if self.weighted {
                    it.valid_weight = Some(den);
                } else {
                    num = Decimal::from(num_count);
                    den = Decimal::from(it.valid);
                }
                it.satisfaction = options.rule.value_dec(num, den);
                items.push(it);
            }
            let values: Vec<Option<Decimal>> = items.iter().map(|i| i.satisfaction).collect();
            let (sipas, node_values) = aggregator.aggregate(&values);
            let sipas = sipas.ok_or_else(|| Error::NoAnswers {
                at: Location { file: Some(self.label.clone()), row: u.first_row, ..Location::default() }
                    .with_code(u.name.clone()),
                unit: u.name.clone(),
            })?;
            units.push(UnitIndex {
                unit: u.name.clone(),
                sipas,
                rank: 0,
                respondents: u32::try_from(n).unwrap_or(u32::MAX),
                weight_total: self.weighted.then(|| u.weights.iter().sum()),
                nodes: node_values_of(&aggregator, &node_values),
                items_without_answers: items.iter().filter(|i| i.valid == 0).map(|i| i.code.clone()).collect(),
                items,
                row: u.first_row,
            });
        }
        let scores: Vec<Decimal> = units.iter().map(|u| u.sipas).collect();
        let rule = Ranking { decimals: options.decimals, policy: options.tie_policy };
        for (u, rank) in units.iter_mut().zip(rule.ranks(&scores)) {
            u.rank = rank;
        }
        Ok(SipasResult {
            framework: self.framework.id.clone(),
            decision: self.framework.decision.clone(),
            label: self.label.clone(),
            rule: options.rule,
            aggregation: options.aggregation,
            tie_policy: options.tie_policy,
            decimals: options.decimals,
            weighted: self.weighted,
            year: options.year,
            nodes: aggregator.nodes().to_vec(),
            items: self.items.clone(),
            units,
            aggregator,
        })
    }
}

fn node_values_of(aggregator: &Aggregator, values: &[Option<Decimal>]) -> Vec<NodeValue> {
    aggregator
        .nodes()
        .iter()
        .zip(values)
        .map(|(n, v)| NodeValue { code: n.code.clone(), key: n.key.clone(), value: *v })
        .collect()
}

impl SipasResult {
    /// The aggregation plan used (to aggregate other item values the same way).
    pub fn aggregator(&self) -> &Aggregator {
        &self.aggregator
    }

    /// A unit's result, by name (exact, else ignoring case and diacritics).
    ///
    /// Errors: [`Error::NotFound`] listing the units.
    pub fn index(&self, unit: &str) -> Result<&UnitIndex> {
        self.position(unit).and_then(|i| self.units.get(i)).ok_or_else(|| self.unknown_unit(unit))
    }

    fn position(&self, unit: &str) -> Option<usize> {
        let t = unit.trim();
        self.units.iter().position(|u| u.unit == t).or_else(|| {
            let f = fold(t);
            self.units.iter().position(|u| fold(&u.unit) == f)
        })
    }

    fn unknown_unit(&self, unit: &str) -> Error {
        let names: Vec<&str> = self.units.iter().take(10).map(|u| u.unit.as_str()).collect();
        let more = if self.units.len() > 10 { ", …" } else { "" };
        Error::NotFound {
            what: "unit".into(),
            name: unit.trim().to_string(),
            hint: format!(" (units: {}{more})", names.join(", ")),
        }
    }

    /// A value (percent) at the result's stated precision ([`SipasResult::decimals`],
    /// halves away from zero): how values are shown; computations keep them exact.
    pub fn shown(&self, value: Decimal) -> Decimal {
        at_precision(value, self.decimals)
    }

    /// A unit's result with every value at the stated precision ([`UnitIndex::shown`]):
    /// what the bindings show (index, values, detail, frames, reprs).
    ///
    /// Errors: [`Error::NotFound`] listing the units.
    pub fn shown_unit(&self, unit: &str) -> Result<UnitIndex> {
        Ok(self.index(unit)?.shown(self.decimals))
    }

    /// Every unit at the stated precision, input order.
    pub fn shown_units(&self) -> Vec<UnitIndex> {
        self.units.iter().map(|u| u.shown(self.decimals)).collect()
    }

    /// The units by rank (best first; ties in input order).
    pub fn ranking(&self) -> Vec<&UnitIndex> {
        let mut v: Vec<&UnitIndex> = self.units.iter().collect();
        v.sort_by_key(|u| u.rank);
        v
    }

    /// The league table of the units (index SIPAS, open roster, every unit ranked, scores
    /// at the stated precision [`SipasResult::decimals`], this result's tie policy). Year: the result's, else the framework's first.
    ///
    /// Errors: as [`LeagueTable::from_entries`].
    pub fn league_table(&self) -> Result<LeagueTable> {
        let year = self.year.or_else(|| crate::framework::builtin(&self.framework).ok()?.years.map(|y| y.first));
        self.league_table_as(IndexKind::Sipas, year.unwrap_or(0))
    }

    /// The league table under another index name (a province's own survey of its
    /// departments, say `IndexKind::Custom("SIPAS sở ngành")`) and year.
    ///
    /// Errors: as [`LeagueTable::from_entries`].
    pub fn league_table_as(&self, index: IndexKind, year: u16) -> Result<LeagueTable> {
        let note = format!(
            "computed from answers: rule {}, aggregation {}, {}",
            self.rule,
            self.aggregation,
            if self.weighted { "weighted" } else { "unweighted" }
        );
        let entries: Vec<EntryInput> = self
            .units
            .iter()
            .map(|u| EntryInput {
                province: u.unit.clone(),
                // At the stated precision: the table compares at it anyway (the same keys,
                // ranks and answers), and shows no digits the answers did not have.
                score: Some(self.shown(u.sipas)),
                // Left to the table, which ranks a complete set of scores under its tie
                // policy and marks the ranks `computed` (the same ranks as `u.rank`).
                rank: None,
                rank_basis: None,
                source: Some(self.label.clone()),
                note: Some(format!("{note}, n = {}", u.respondents)),
                row: None,
            })
            .collect();
        let options = CsvTableOptions {
            index,
            year,
            score_column: None,
            roster: Some(Roster::Open),
            of: Some(u32::try_from(self.units.len()).unwrap_or(u32::MAX)),
            max_input_bytes: crate::io::MAX_TABLE_BYTES,
            decimals: Some(self.decimals),
        };
        Ok(LeagueTable::from_entries(entries, &options, Some(&self.label))?.with_tie_policy(self.tie_policy))
    }

    /// What if a unit's satisfaction changed: each change adds percentage points to every
    /// item beneath a node (or sets the node, by shifting its items equally), item values
    /// capped to 0–100; the unit's SIPAS is recomputed under the same rule and aggregation
    /// and ranked among the other units, which stay as they are. Nothing is mutated. E.g.
    /// `NodeChange::add("procedures", 5.into())`.
    ///
    /// Errors: [`Error::NotFound`] (unknown unit), [`Error::UnknownCode`] (unknown node),
    /// [`Error::InvalidArgument`] (an addition outside −100..=100, a value outside 0–100),
    /// [`Error::Unsupported`] (setting a node that has no value in this unit).
    pub fn what_if(&self, unit: &str, changes: &[NodeChange]) -> Result<WhatIf> {
        let idx = self.position(unit).ok_or_else(|| self.unknown_unit(unit))?;
        let me = self.units.get(idx).ok_or_else(|| self.unknown_unit(unit))?;
        let mut values: Vec<Option<Decimal>> = me.items.iter().map(|i| i.satisfaction).collect();
        let mut capped: Vec<String> = Vec::new();
        let hundred = Decimal::ONE_HUNDRED;
        for change in changes {
            let items = self.aggregator.items_under(&change.code).ok_or_else(|| Error::UnknownCode {
                at: Location::code(change.code.trim()),
                code: change.code.trim().to_string(),
                within: format!("framework {}", self.framework),
            })?;
            let delta = match change.change {
                Change::Add(points) => {
                    if points < -hundred || points > hundred {
                        return Err(Error::invalid_argument(
                            "changes",
                            format!("{points} is outside −100..=100 percentage points"),
                        ));
                    }
                    points
                }
                Change::Set(target) => {
                    crate::league::check_percent(target, "value")?;
                    let current = self.current_value(&values, &change.code).ok_or_else(|| Error::Unsupported {
                        message: format!("`{}` has no value in unit `{}`: nothing to shift", change.code, me.unit),
                    })?;
                    target - current
                }
            };
            for k in items {
                if let Some(Some(v)) = values.get_mut(k) {
                    let next = *v + delta;
                    let clamped = next.clamp(Decimal::ZERO, hundred);
                    if clamped != next {
                        if let Some(code) = self.items.get(k) {
                            if !capped.contains(code) {
                                capped.push(code.clone());
                            }
                        }
                    }
                    *v = clamped;
                }
            }
        }
        let (sipas, nodes) = self.aggregator.aggregate(&values);
        let sipas_after = sipas.unwrap_or(me.sipas);
        // The league table's own rule (one semantics): the unit's rank at its new value,
        // every other unit as it is.
        let table = self.league_table()?;
        let rank_after = table.rank_if(&me.unit, sipas_after)?.best;
        Ok(WhatIf {
            unit: me.unit.clone(),
            changes: changes.to_vec(),
            sipas_before: me.sipas,
            sipas_after,
            rank_before: me.rank,
            rank_after,
            of: u32::try_from(self.units.len()).unwrap_or(u32::MAX),
            nodes_after: node_values_of(&self.aggregator, &nodes),
            capped_items: capped,
            rule: self.rule,
            aggregation: self.aggregation,
            tie_policy: self.tie_policy,
            decimals: self.decimals,
        })
    }

    /// The value of a node (or item, or `sipas`) from item values, under this aggregation.
    fn current_value(&self, values: &[Option<Decimal>], code: &str) -> Option<Decimal> {
        let c = code.trim();
        let (total, nodes) = self.aggregator.aggregate(values);
        if c.eq_ignore_ascii_case("sipas") || c.eq_ignore_ascii_case(crate::framework::TOTAL) {
            return total;
        }
        if let Some(k) =
            self.items.iter().position(|i| i == c || column_key(&self.framework, i).eq_ignore_ascii_case(c))
        {
            return values.get(k).copied().flatten();
        }
        let pos = self.nodes.iter().position(|n| n.code == c || n.key.eq_ignore_ascii_case(c))?;
        nodes.get(pos).copied().flatten()
    }

    /// One row per unit as CSV: `unit, sipas, <node keys…>, respondents, rank, rule,
    /// aggregation`, then with `with_items` two columns per item (`<code>`, `<code>_valid`).
    /// Values at the stated precision ([`SipasResult::shown`]), empty where a node has no
    /// value.
    ///
    /// Errors: [`Error::Malformed`] only if the CSV writer fails.
    pub fn to_csv(&self, with_items: bool) -> Result<String> {
        let err = |e: &dyn std::fmt::Display| Error::malformed(Location::file(self.label.clone()), e.to_string());
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header: Vec<String> = vec!["unit".into(), "sipas".into()];
        header.extend(self.nodes.iter().map(|n| n.key.clone()));
        header.extend(["respondents", "rank", "rule", "aggregation"].map(String::from));
        if with_items {
            for i in &self.items {
                header.push(i.clone());
                header.push(format!("{i}_valid"));
            }
        }
        w.write_record(&header).map_err(|e| err(&e))?;
        let text = |d: Option<Decimal>| d.map(|v| v.normalize().to_string()).unwrap_or_default();
        for u in &self.units {
            let u = u.shown(self.decimals);
            let mut rec: Vec<String> = vec![u.unit.clone(), text(Some(u.sipas))];
            rec.extend(u.nodes.iter().map(|n| text(n.value)));
            rec.extend([
                u.respondents.to_string(),
                u.rank.to_string(),
                self.rule.as_str().into(),
                self.aggregation.as_str().into(),
            ]);
            if with_items {
                for i in &u.items {
                    rec.push(text(i.satisfaction));
                    rec.push(i.valid.to_string());
                }
            }
            w.write_record(&rec).map_err(|e| err(&e))?;
        }
        let bytes = w.into_inner().map_err(|e| err(&e))?;
        String::from_utf8(bytes).map_err(|e| err(&e))
    }
}
