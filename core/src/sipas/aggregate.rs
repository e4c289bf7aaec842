//! Satisfaction rules (item level) and aggregation up a SIPAS framework
//! (item → element or content → domain → SIPAS).
//!
//! Neither rule is published (methodology primer §3, [?]): both are offered and every result
//! names the one used. The default aggregation, the mean over all items, is inferred \[I\]
//! from the published 2024 national figures: (23 × 83.84 + 16 × 84.09) / 39 = 83.94.

use crate::error::{Error, Result};
use crate::framework::Framework;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How one survey item's answers become a satisfaction percentage (tỷ lệ hài lòng), 0–100.
/// Answers are on the 5-point scale of 1001/QĐ-BNV (2023) and 2640/QĐ-BNV (2017):
/// 1 very dissatisfied … 5 very satisfied. Missing and "don't know" answers are excluded
/// item by item; the count of valid answers is kept beside every value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum SatisfactionRule {
    /// Share of valid answers that are 4 or 5 ("satisfied" or "very satisfied"), percent.
    /// The default: the published SIPAS is a percentage of satisfied people. [?] not
    /// confirmed by a published formula.
    #[default]
    Top2,
    /// Mean answer rescaled to 0–100: (mean − 1) / 4 × 100, so 1 → 0 and 5 → 100. [?]
    Mean,
}

impl SatisfactionRule {
    /// Parse `"top2"` (also `top_2`, `top-2`, `top2box`, `share`) or `"mean"` (also
    /// `mean_rescaled`), any case.
    ///
    /// Errors: [`Error::InvalidArgument`] naming `rule`.
    pub fn parse(name: &str) -> Result<SatisfactionRule> {
        let key: String = name.trim().to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        match key.as_str() {
            "top2" | "top2box" | "share" | "share45" => Ok(SatisfactionRule::Top2),
            "mean" | "meanrescaled" | "rescaledmean" => Ok(SatisfactionRule::Mean),
            _ => Err(Error::invalid_argument("rule", format!("`{}` is not one of top2, mean", name.trim()))),
        }
    }

    /// `"top2"` or `"mean"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SatisfactionRule::Top2 => "top2",
            SatisfactionRule::Mean => "mean",
        }
    }

    /// A sentence for reports.
    pub fn describe(self) -> &'static str {
        match self {
            SatisfactionRule::Top2 => "share of valid answers 4–5 (percent)",
            SatisfactionRule::Mean => "mean valid answer rescaled to 0–100: (mean − 1) / 4 × 100",
        }
    }

    /// What one valid answer (1–5) adds to the numerator: 1 if satisfied (Top2), the
    /// answer itself (Mean).
    pub(crate) fn numerator(self, answer: u8) -> u8 {
        match self {
            SatisfactionRule::Top2 => u8::from(answer >= 4),
            SatisfactionRule::Mean => answer,
        }
    }

    /// The item value from the numerator sum and the (weighted) count of valid answers:
    /// Top2 `100 × num / den`, Mean `25 × (num − den) / den`. `None` when `den` is zero.
    /// Exact decimal division (28 significant digits).
    pub(crate) fn value_dec(self, num: Decimal, den: Decimal) -> Option<Decimal> {
        if den <= Decimal::ZERO {
            return None;
        }
        match self {
            SatisfactionRule::Top2 => num.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(den),
            SatisfactionRule::Mean => (num - den).checked_mul(Decimal::from(25))?.checked_div(den),
        }
    }

    /// The same in `f64`, for the bootstrap hot loop only.
    pub(crate) fn value_f64(self, num: f64, den: f64) -> f64 {
        if den <= 0.0 {
            return f64::NAN;
        }
        match self {
            SatisfactionRule::Top2 => 100.0 * num / den,
            SatisfactionRule::Mean => 25.0 * (num - den) / den,
        }
    }
}

impl std::fmt::Display for SatisfactionRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How item percentages add up (tổng hợp) to the nodes above them and to SIPAS.
///
/// Items without a valid answer in a unit are left out of every mean (and listed in the
/// unit's result); a node with no item left has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Every node, and SIPAS, is the mean of the items beneath it: domains weigh by their
    /// item counts (23 : 16 in 1001/QĐ-BNV). The default: it reproduces the published 2024
    /// national SIPAS from the domain figures, (23 × 83.84 + 16 × 84.09) / 39 = 83.94 (inferred, \[I\]).
    #[default]
    ItemMean,
    /// SIPAS is the mean of the domains (level `domain`); each domain and the nodes below
    /// are means of their items. The 2024 figures give 83.97 this way, not the published 83.94.
    DomainMean,
    /// SIPAS and every node above the element level are means of the elements and contents
    /// beneath them (level `element`: 4 contents + 5 elements in 1001/QĐ-BNV; the 5 elements
    /// in 2640/QĐ-BNV); elements are means of their items.
    ElementMean,
}

impl Aggregation {
    /// Parse `"item_mean"` (also `items`, `item`), `"domain_mean"` (`domains`, `domain`) or
    /// `"element_mean"` (`elements`, `element`), any case, `-`/`_`/space ignored.
    ///
    /// Errors: [`Error::InvalidArgument`] naming `aggregation`.
    pub fn parse(name: &str) -> Result<Aggregation> {
        let key: String = name.trim().to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        match key.as_str() {
            "itemmean" | "items" | "item" | "meanofitems" => Ok(Aggregation::ItemMean),
            "domainmean" | "domains" | "domain" | "meanofdomains" => Ok(Aggregation::DomainMean),
            "elementmean" | "elements" | "element" | "meanofelements" => Ok(Aggregation::ElementMean),
            _ => Err(Error::invalid_argument(
                "aggregation",
                format!("`{}` is not one of item_mean, domain_mean, element_mean", name.trim()),
            )),
        }
    }

    /// `"item_mean"`, `"domain_mean"` or `"element_mean"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::ItemMean => "item_mean",
            Aggregation::DomainMean => "domain_mean",
            Aggregation::ElementMean => "element_mean",
        }
    }

    /// The framework level whose nodes weigh equally, if any (`None`: items weigh equally).
    fn level_name(self) -> Option<&'static str> {
        match self {
            Aggregation::ItemMean => None,
            Aggregation::DomainMean => Some("domain"),
            Aggregation::ElementMean => Some("element"),
        }
    }
}

impl std::fmt::Display for Aggregation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A node above the items (a domain, content or element) as a result column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "SipasNode"))]
pub struct NodeInfo {
    /// Code in the framework (`B.2`).
    pub code: String,
    /// Short snake_case column name (`procedures`); the code where the framework has none.
    pub key: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Level name from the framework (`domain`, `element`, …).
    pub level: String,
    /// Depth (1 = top).
    pub depth: usize,
    /// Number of items beneath.
    pub items: usize,
}

/// Column keys of the built-in SIPAS frameworks: the names bindings use for one row per
/// unit (policy, service, the 4 contents, the 5 elements).
const KEYS: &[(&str, &[(&str, &str)])] = &[
    (
        "sipas-2023",
        &[
            ("A", "policy"),
            ("A.1", "information"),
            ("A.2", "participation"),
            ("A.3", "implementation"),
            ("A.4", "impact"),
            ("B", "service"),
            ("B.1", "access"),
            ("B.2", "procedures"),
            ("B.3", "civil_servants"),
            ("B.4", "results"),
            ("B.5", "feedback"),
        ],
    ),
    (
        "sipas-2017",
        &[("1", "access"), ("2", "procedures"), ("3", "civil_servants"), ("4", "results"), ("5", "feedback")],
    ),
];

/// The column key of a node: the built-in name for `sipas-2023` / `sipas-2017`, else the code.
pub fn column_key(framework_id: &str, code: &str) -> String {
    KEYS.iter()
        .find(|(id, _)| *id == framework_id)
        .and_then(|(_, keys)| keys.iter().find(|(c, _)| *c == code))
        .map_or_else(|| code.to_string(), |(_, k)| (*k).to_string())
}

/// Which values a node averages.
#[derive(Debug, Clone, PartialEq)]
enum Members {
    /// Item indices.
    Items(Vec<usize>),
    /// Indices of the equally weighted base nodes.
    Bases(Vec<usize>),
}

/// The aggregation plan of a framework under an [`Aggregation`]: which values each node
/// averages. Input and output in percent (0–100). Works on exact decimals (published values) and on `f64` (bootstrap replicates)
/// with the same code, so both follow one rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregator {
    framework_id: String,
    aggregation: Aggregation,
    items: Vec<String>,
    nodes: Vec<NodeInfo>,
    /// Items of each equally weighted base node (each item alone under `ItemMean`).
    bases: Vec<Vec<usize>>,
    members: Vec<Members>,
    total: Members,
}

impl Aggregator {
    /// The plan of `framework` (its leaves are the survey items) under `aggregation`.
    ///
    /// Errors: [`Error::InvalidArgument`] when the aggregation needs a level the framework
    /// does not name (`domain_mean` on `sipas-2017`, whose top level is the elements), or
    /// when the framework has no items.
    pub fn new(framework: &Framework, aggregation: Aggregation) -> Result<Aggregator> {
        let leaves = framework.leaf_codes();
        if leaves.is_empty() {
            return Err(Error::invalid_argument("framework", format!("`{}` has no items", framework.id)));
        }
        let item_index = |code: &str| leaves.iter().position(|c| c == code);
        let below = |parent: &str, code: &str| code.len() > parent.len() + 1 && code.starts_with(&format!("{parent}."));
        let base_depth = match aggregation.level_name() {
            None => usize::MAX,
            Some(level) => {
                let pos =
                    framework.level_names.iter().position(|l| l.eq_ignore_ascii_case(level)).ok_or_else(|| {
                        Error::invalid_argument(
                            "aggregation",
                            format!(
                                "{} needs a `{level}` level; framework `{}` has levels {}",
                                aggregation.as_str(),
                                framework.id,
                                framework.level_names.join(", ")
                            ),
                        )
                    })?;
                pos + 1
            }
        };
        // Base nodes: the nodes at the equally weighted level, and leaves above it.
        let mut base_codes: Vec<String> = Vec::new();
        let mut bases: Vec<Vec<usize>> = Vec::new();
        for node in framework.nodes() {
            let is_leaf = framework.is_leaf(&node.code);
            let d = node.depth();
            if d == base_depth || (is_leaf && d < base_depth) {
                let items: Vec<usize> = if is_leaf {
                    item_index(&node.code).into_iter().collect()
                } else {
                    leaves.iter().enumerate().filter(|(_, c)| below(&node.code, c)).map(|(i, _)| i).collect()
                };
                base_codes.push(node.code.clone());
                bases.push(items);
            }
        }
        let mut nodes = Vec::new();
        let mut members = Vec::new();
        for node in framework.nodes().iter().filter(|n| !framework.is_leaf(&n.code)) {
            let items: Vec<usize> =
                leaves.iter().enumerate().filter(|(_, c)| below(&node.code, c)).map(|(i, _)| i).collect();
            let depth = node.depth();
            nodes.push(NodeInfo {
                code: node.code.clone(),
                key: column_key(&framework.id, &node.code),
                name_vi: node.name_vi.clone(),
                name_en: node.name_en.clone(),
                level: framework.level_names.get(depth - 1).cloned().unwrap_or_default(),
                depth,
                items: items.len(),
            });
            members.push(if depth >= base_depth {
                Members::Items(items)
            } else {
                Members::Bases(
                    base_codes.iter().enumerate().filter(|(_, c)| below(&node.code, c)).map(|(i, _)| i).collect(),
                )
            });
        }
        let total = if base_depth == usize::MAX {
            Members::Items((0..leaves.len()).collect())
        } else {
            Members::Bases((0..bases.len()).collect())
        };
        Ok(Aggregator { framework_id: framework.id.clone(), aggregation, items: leaves, nodes, bases, members, total })
    }

    /// The aggregation.
    pub fn aggregation(&self) -> Aggregation {
        self.aggregation
    }

    /// The framework id.
    pub fn framework_id(&self) -> &str {
        &self.framework_id
    }

    /// Item codes (the framework's leaves, in order).
    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// The nodes above the items, in framework order.
    pub fn nodes(&self) -> &[NodeInfo] {
        &self.nodes
    }

    /// Item indices beneath a node code, an item code, or [`crate::framework::TOTAL`] /
    /// `sipas` (every item); also accepts a node's column key (`procedures`).
    pub fn items_under(&self, code_or_key: &str) -> Option<Vec<usize>> {
        let c = code_or_key.trim();
        if c.eq_ignore_ascii_case(crate::framework::TOTAL) || c.eq_ignore_ascii_case("sipas") {
            return Some((0..self.items.len()).collect());
        }
        if let Some(i) =
            self.items.iter().position(|x| x == c || column_key(&self.framework_id, x).eq_ignore_ascii_case(c))
        {
            return Some(vec![i]);
        }
        let node = self.nodes.iter().find(|n| n.code == c || n.key.eq_ignore_ascii_case(c))?;
        let prefix = format!("{}.", node.code);
        Some(self.items.iter().enumerate().filter(|(_, x)| x.starts_with(&prefix)).map(|(i, _)| i).collect())
    }

    /// SIPAS and every node's value from item values (percent 0–100; `None`: no valid
    /// answer), exactly. Returns `(sipas, node values in the order of [`Aggregator::nodes`])`.
    ///
    /// Items beyond the framework's are ignored; missing ones count as `None`.
    pub fn aggregate(&self, items: &[Option<Decimal>]) -> (Option<Decimal>, Vec<Option<Decimal>>) {
        let mut bases = vec![None; self.bases.len()];
        let mut nodes = vec![None; self.nodes.len()];
        let total = self.evaluate(items, &mut bases, &mut nodes);
        (total, nodes)
    }

    /// The generic evaluation: base values into `bases`, node values into `nodes`, SIPAS
    /// returned. Means skip absent values.
    pub(crate) fn evaluate<T: Value>(
        &self,
        items: &[Option<T>],
        bases: &mut [Option<T>],
        nodes: &mut [Option<T>],
    ) -> Option<T> {
        let pick_items = |idx: &[usize]| mean(idx.iter().map(|&i| items.get(i).copied().flatten()));
        for (slot, members) in bases.iter_mut().zip(&self.bases) {
            *slot = pick_items(members);
        }
        let bases: &[Option<T>] = bases;
        let pick = |m: &Members| match m {
            Members::Items(idx) => pick_items(idx),
            Members::Bases(idx) => mean(idx.iter().map(|&i| bases.get(i).copied().flatten())),
        };
        for (slot, members) in nodes.iter_mut().zip(&self.members) {
            *slot = pick(members);
        }
        pick(&self.total)
    }

    /// Number of base nodes (scratch size for [`Aggregator::evaluate`]).
    pub(crate) fn base_count(&self) -> usize {
        self.bases.len()
    }
}

/// Numbers the aggregation runs on: exact decimals, or `f64` in the bootstrap.
pub(crate) trait Value: Copy {
    fn zero() -> Self;
    fn plus(self, other: Self) -> Self;
    fn over(self, count: u32) -> Self;
}

impl Value for Decimal {
    fn zero() -> Self {
        Decimal::ZERO
    }
    fn plus(self, other: Self) -> Self {
        self.checked_add(other).unwrap_or(Decimal::MAX)
    }
    fn over(self, count: u32) -> Self {
        self.checked_div(Decimal::from(count)).unwrap_or(Decimal::ZERO)
    }
}

impl Value for f64 {
    fn zero() -> Self {
        0.0
    }
    fn plus(self, other: Self) -> Self {
        self + other
    }
    fn over(self, count: u32) -> Self {
        self / f64::from(count)
    }
}

/// Mean of the present values, in input order; `None` when none is present.
fn mean<T: Value>(values: impl Iterator<Item = Option<T>>) -> Option<T> {
    let mut sum = T::zero();
    let mut n = 0u32;
    for v in values.flatten() {
        sum = sum.plus(v);
        n += 1;
    }
    (n > 0).then(|| sum.over(n))
}
