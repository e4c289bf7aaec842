//! The framework model: a methodology's hierarchy of points (bộ tiêu chí), with what is
//! known about each number and where it comes from.

use super::rule::Rule;
use crate::decimal::serde_opt_dec;
use crate::index_kind::IndexKind;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The code of the root of every framework: the whole index.
pub const TOTAL: &str = "total";

/// How far a number is established (the methodology primer's tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Stated in a cited source (tag \[C\] in the primer).
    Confirmed,
    /// Derived from published numbers, not stated (tag \[I\]).
    Inferred,
    /// Set by the caller or a convention, not by the methodology.
    Assumed,
    /// Not found ([?]): the value is absent.
    #[default]
    Unknown,
}

/// How a node's points are scored (phương thức đánh giá).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Self-assessment (tự đánh giá) appraised by the Ministry (thẩm định).
    Appraised,
    /// Socio-economic targets (tác động đến phát triển KT-XH), appraised.
    SocioEconomic,
    /// Survey of leaders and managers (điều tra xã hội học lãnh đạo, quản lý).
    LeadersSurvey,
    /// Citizen survey: the SIPAS component (điều tra sự hài lòng của người dân, tổ chức).
    CitizenSurvey,
}

impl Method {
    /// Every method, in the order the Ministry lists the components.
    pub const ALL: [Method; 4] =
        [Method::Appraised, Method::SocioEconomic, Method::LeadersSurvey, Method::CitizenSurvey];

    /// The snake_case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Appraised => "appraised",
            Method::SocioEconomic => "socio_economic",
            Method::LeadersSurvey => "leaders_survey",
            Method::CitizenSurvey => "citizen_survey",
        }
    }

    /// Read a method from its file name or a Vietnamese description, as listed in
    /// `core/data/methods.csv` (`thẩm định`, `KT-XH`, `điều tra XHH`, `SIPAS`, …; compared
    /// without case, diacritics or punctuation). `None` for anything else (no guessing).
    pub fn parse(text: &str) -> Option<Method> {
        crate::columns::parse_method(text, &crate::error::Location::default()).ok()
    }
}

/// Depth of a node in the primary hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Lĩnh vực: top level (code `3`).
    Field,
    /// Tiêu chí: second level (code `3.2`).
    Criterion,
    /// Tiêu chí thành phần: third level and below (code `3.2.1`).
    SubCriterion,
}

/// A node of the primary hierarchy: a field (lĩnh vực), criterion (tiêu chí) or
/// sub-criterion (tiêu chí thành phần). Its parent is given by its dotted code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Code as published: `3`, `3.2`, `3.2.1`.
    pub code: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name (may be empty).
    #[serde(default)]
    pub name_en: String,
    /// Maximum points (điểm tối đa); `None` when not known.
    #[serde(default, with = "serde_opt_dec", skip_serializing_if = "Option::is_none")]
    pub max_points: Option<Decimal>,
    /// A lower bound on an unknown maximum (e.g. a province's published points at the node).
    #[serde(default, with = "serde_opt_dec", skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Decimal>,
    /// How the node's points are scored, when it is scored one way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// The leaf's scoring rule, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    /// How far `max_points` is established.
    #[serde(default)]
    pub status: Status,
    /// Where the numbers come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Anything a user should know (conflicts, assumptions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Node {
    /// The parent's code (`3.2` for `3.2.1`), or `None` for a field.
    pub fn parent_code(&self) -> Option<&str> {
        self.code.rsplit_once('.').map(|(parent, _)| parent)
    }

    /// 1 for a field, 2 for a criterion, 3 and more below.
    pub fn depth(&self) -> usize {
        self.code.split('.').count()
    }

    /// The node's level.
    pub fn level(&self) -> Level {
        match self.depth() {
            1 => Level::Field,
            2 => Level::Criterion,
            _ => Level::SubCriterion,
        }
    }
}

/// A node of a second grouping over the same points, e.g. the PAR INDEX components
/// (appraised 61.5, socio-economic 6.5, leaders' survey 22, SIPAS 10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct GroupNode {
    /// Code, unique across the framework (e.g. `appraised`).
    pub code: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// Maximum points; `None` when not known.
    #[serde(default, with = "serde_opt_dec", skip_serializing_if = "Option::is_none")]
    pub max_points: Option<Decimal>,
    /// Leaves scored by this method belong to the group (when `members` is empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// Explicit member codes of the primary hierarchy (overrides `method`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// How far `max_points` is established.
    #[serde(default)]
    pub status: Status,
    /// Where the numbers come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Anything a user should know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A second grouping (e.g. `component`): its nodes partition the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Grouping {
    /// Identifier, e.g. `component`.
    pub id: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// The group nodes.
    pub nodes: Vec<GroupNode>,
}

/// A known fact about maxima that are not known one by one, e.g. F2 + F6 + F7 = 35.5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Constraint {
    /// The codes whose maxima add up to `sum`.
    pub codes: Vec<String>,
    /// Their combined maximum points.
    #[serde(with = "crate::decimal::serde_dec")]
    pub sum: Decimal,
    /// How far the constraint is established.
    #[serde(default)]
    pub status: Status,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Years a methodology applies to (inclusive); `last` is `None` while in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Years {
    /// First assessment year.
    pub first: u16,
    /// Last assessment year, if ended.
    #[serde(default)]
    pub last: Option<u16>,
}

impl Years {
    /// Whether `year` falls in the range.
    pub fn contains(&self, year: u16) -> bool {
        year >= self.first && self.last.is_none_or(|last| year <= last)
    }
}

/// The published size of the full hierarchy, where the detail itself is not available.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Structure {
    /// Number of fields.
    pub fields: u32,
    /// Number of criteria.
    pub criteria: u32,
    /// Number of sub-criteria.
    pub sub_criteria: u32,
    /// How far established.
    #[serde(default)]
    pub status: Status,
    /// Remarks (disagreeing sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A methodology (bộ chỉ số) as data: a tree of fields, criteria and sub-criteria with their
/// maxima, optional second groupings over the same points, constraints on unknown maxima,
/// and the decision that sets it. Units: points; the index is points ÷ `total_max_points`
/// × 100 (percent 0–100).
///
/// Built-in frameworks: [`crate::framework::builtin`]; loaders: [`Framework::from_json`],
/// [`Framework::from_csv`]. Every loader validates (see [`Framework::validate`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "FrameworkObject"))]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Identifier, e.g. `par-2024`.
    pub id: String,
    /// Which index.
    pub index: IndexKind,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// The decision that sets the methodology, e.g. `892/QĐ-BNV`.
    #[serde(default)]
    pub decision: String,
    /// Date of the decision (ISO 8601), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_date: Option<String>,
    /// Assessment years it applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Years>,
    /// Declared total (100 for the PAR INDEX); `None` for indices that are not points
    /// (SIPAS is a percentage satisfied).
    #[serde(default, with = "serde_opt_dec", skip_serializing_if = "Option::is_none")]
    pub total_max_points: Option<Decimal>,
    /// Names of the levels, top down (default: field, criterion, sub_criterion).
    #[serde(default = "default_level_names")]
    pub level_names: Vec<String>,
    /// Where the framework comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What is known and unknown, in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The published size of the full hierarchy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_structure: Option<Structure>,
    /// Primary hierarchy, parents before children, in published order.
    pub(crate) nodes: Vec<Node>,
    /// Second groupings (e.g. components).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) groupings: Vec<Grouping>,
    /// Constraints on maxima not known one by one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) constraints: Vec<Constraint>,
    #[serde(skip)]
    pub(crate) lookup: HashMap<String, usize>,
    /// Children of each code (`total` for the fields), by position in `nodes`.
    #[serde(skip)]
    pub(crate) kids: HashMap<String, Vec<usize>>,
}

fn default_level_names() -> Vec<String> {
    vec!["field".into(), "criterion".into(), "sub_criterion".into()]
}

/// Any node a scorecard can hold points at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NodeRef<'a> {
    /// The whole index (code [`TOTAL`]).
    Total,
    /// A node of the primary hierarchy.
    Node(&'a Node),
    /// A node of a second grouping, with the grouping's id.
    Group(&'a str, &'a GroupNode),
}

impl NodeRef<'_> {
    /// The node's code.
    pub fn code(&self) -> &str {
        match self {
            NodeRef::Total => TOTAL,
            NodeRef::Node(n) => &n.code,
            NodeRef::Group(_, g) => &g.code,
        }
    }
}
