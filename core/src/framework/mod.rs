//! Frameworks: a methodology's hierarchy of fields (lĩnh vực), criteria (tiêu chí) and
//! sub-criteria (tiêu chí thành phần), as data.
//!
//! Built-in frameworks (`core/data/frameworks/*.json`) hold exactly what the methodology
//! primer confirms, with unknown maxima left unknown; users load full frameworks from JSON
//! or from CSV in the official table layout.

mod builtin;
mod csv_table;
mod model;
mod rule;
mod validate;

pub use builtin::{builtin, builtin_ids, for_year, period_for, periods, Period};
pub(crate) use csv_table::is_total_row;
pub use csv_table::CsvFrameworkOptions;
pub use model::{
    Constraint, Framework, GroupNode, Grouping, Level, Method, Node, NodeRef, Status, Structure, Years, TOTAL,
};
pub use rule::{Band, Edge, Measure, Rule, RuleLevel};

use crate::error::{Error, Location, Result};
use rust_decimal::Decimal;

impl Framework {
    /// Read a framework from JSON text (the layout of `core/data/frameworks/*.json`;
    /// decimals as strings or numbers, decimal commas accepted in strings) and validate it.
    /// `label` names the input in errors (a path or any label).
    ///
    /// Errors: [`Error::Malformed`] with the line for bad JSON or an unknown key; the
    /// validation errors of [`Framework::validate`]. The first problem stops the reading;
    /// [`Framework::validate_json`] lists them all.
    pub fn from_json(text: &str, label: &str) -> Result<Framework> {
        Framework::read_json(text, label, &mut crate::collect::Collector::first())
    }

    /// Every problem of a framework in JSON at once: empty exactly when
    /// [`Framework::from_json`] succeeds, whose error is then among those listed. Bad JSON
    /// or an unknown key is the one problem (the rest cannot be read); otherwise every
    /// node's own problem (a duplicate code, a missing parent, a negative maximum) and,
    /// when the codes are sound, every set of maxima that does not add up and every bad
    /// rule (see [`Framework::validate`]), each with the node's place (`nodes[i]`) as its
    /// column.
    pub fn validate_json(text: &str, label: &str) -> Vec<Error> {
        let mut problems = crate::collect::Collector::all(Location::file(label));
        let end = Framework::read_json(text, label, &mut problems);
        problems.into_errors(end)
    }

    fn read_json(text: &str, label: &str, problems: &mut crate::collect::Collector) -> Result<Framework> {
        let mut fw: Framework = serde_json::from_str(text).map_err(|e| Error::Malformed {
            at: Location { file: Some(label.to_string()), row: Some(e.line()), ..Location::default() },
            message: format!("{e} (row = line, column {})", e.column()),
        })?;
        let mut checks = problems.fresh();
        let end = fw.validate_with(label, &mut checks);
        // Validation knows codes; the JSON knows where each node is: put its path in the
        // error (the last node with the code: of two duplicates, the second is at fault).
        let place = |mut e: Error| {
            if let Some(at) = e.location_mut().filter(|at| at.row.is_none() && at.column.is_none()) {
                let code = at.code.clone().unwrap_or_default();
                let first = code.split('+').next().unwrap_or_default();
                let i = fw.nodes.iter().rposition(|n| n.code.eq_ignore_ascii_case(first));
                at.column = i.map(|i| format!("nodes[{i}]"));
            }
            e
        };
        problems.absorb(checks, place)?;
        end.map_err(place)?;
        Ok(fw)
    }

    /// Read a framework JSON file of at most [`crate::io::MAX_TABLE_BYTES`] (64 MiB; see
    /// [`Framework::from_json_path_limited`]). Errors: [`Error::Io`],
    /// [`Error::InputTooLarge`], [`Error::Encoding`], then as [`Framework::from_json`].
    pub fn from_json_path(path: impl AsRef<std::path::Path>) -> Result<Framework> {
        Framework::from_json_path_limited(path, crate::io::MAX_TABLE_BYTES)
    }

    /// [`Framework::from_json_path`] with another size limit, in bytes: a larger file is
    /// refused from its size, unread.
    pub fn from_json_path_limited(path: impl AsRef<std::path::Path>, max_input_bytes: u64) -> Result<Framework> {
        let path = path.as_ref();
        let limit = crate::io::Limit { bytes: max_input_bytes, setting: "max_input_bytes" };
        let text = crate::io::read_all(path, limit)?;
        Framework::from_json(&text, &path.display().to_string())
    }

    /// The framework as pretty JSON, readable back by [`Framework::from_json`].
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::malformed(Location::code(self.id.clone()), e.to_string()))
    }

    /// Build a framework from its parts and validate it.
    ///
    /// Errors: as [`Framework::validate`].
    pub fn from_parts(
        meta: Framework,
        nodes: Vec<Node>,
        groupings: Vec<Grouping>,
        constraints: Vec<Constraint>,
    ) -> Result<Framework> {
        let mut fw = Framework { nodes, groupings, constraints, ..meta };
        fw.validate_as(&fw.id.clone())?;
        Ok(fw)
    }

    /// An empty framework with only metadata (for [`Framework::from_parts`]).
    pub fn empty(id: &str, index: crate::IndexKind, name_vi: &str, total_max_points: Option<Decimal>) -> Framework {
        Framework {
            id: id.to_string(),
            index,
            name_vi: name_vi.to_string(),
            name_en: String::new(),
            decision: String::new(),
            decision_date: None,
            years: None,
            total_max_points,
            level_names: vec!["field".into(), "criterion".into(), "sub_criterion".into()],
            source: None,
            notes: Vec::new(),
            published_structure: None,
            nodes: Vec::new(),
            groupings: Vec::new(),
            constraints: Vec::new(),
            lookup: Default::default(),
            kids: Default::default(),
        }
    }

    /// The primary hierarchy, parents before children, in published order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Second groupings (e.g. `component`).
    pub fn groupings(&self) -> &[Grouping] {
        &self.groupings
    }

    /// Constraints on maxima not known one by one.
    pub fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }

    /// A node of the primary hierarchy by code.
    pub fn node(&self, code: &str) -> Option<&Node> {
        self.lookup.get(code).and_then(|&i| self.nodes.get(i))
    }

    /// Any node by code: [`TOTAL`], a primary node or a group node.
    ///
    /// Errors: [`Error::UnknownCode`] naming the framework.
    pub fn resolve(&self, code: &str) -> Result<NodeRef<'_>> {
        let code = code.trim();
        if code.eq_ignore_ascii_case(TOTAL) {
            return Ok(NodeRef::Total);
        }
        if let Some(n) = self.node(code) {
            return Ok(NodeRef::Node(n));
        }
        for g in &self.groupings {
            if let Some(n) = g.nodes.iter().find(|n| n.code == code) {
                return Ok(NodeRef::Group(&g.id, n));
            }
        }
        Err(Error::UnknownCode {
            at: Location::code(code),
            code: code.to_string(),
            within: format!("framework {}", self.id),
        })
    }

    /// The maximum points of any node ([`TOTAL`], primary or group); `None` when unknown.
    pub fn max_points(&self, code: &str) -> Result<Option<Decimal>> {
        Ok(match self.resolve(code)? {
            NodeRef::Total => self.total_max_points,
            NodeRef::Node(n) => n.max_points,
            NodeRef::Group(_, g) => g.max_points,
        })
    }

    /// Codes of the direct children of `code` in the primary hierarchy (of [`TOTAL`]: the fields).
    pub fn children(&self, code: &str) -> Vec<&Node> {
        self.kids.get(code).map(|k| k.iter().filter_map(|&i| self.nodes.get(i)).collect()).unwrap_or_default()
    }

    /// Whether a primary node has no children.
    pub fn is_leaf(&self, code: &str) -> bool {
        self.node(code).is_some() && self.kids.get(code).is_none_or(Vec::is_empty)
    }

    /// The leaves of the primary hierarchy, in order.
    pub fn leaves(&self) -> Vec<&Node> {
        self.nodes.iter().filter(|n| self.is_leaf(&n.code)).collect()
    }

    /// Codes of the leaves, in order (for SIPAS frameworks: the survey item codes).
    pub fn leaf_codes(&self) -> Vec<String> {
        self.leaves().into_iter().map(|n| n.code.clone()).collect()
    }

    /// The primary nodes a group node adds up: its explicit members, or else the leaves
    /// scored by its method.
    pub fn group_members(&self, group: &GroupNode) -> Vec<&Node> {
        if group.members.is_empty() {
            match group.method {
                Some(m) => self.leaves().into_iter().filter(|n| n.method == Some(m)).collect(),
                None => Vec::new(),
            }
        } else {
            group.members.iter().filter_map(|c| self.node(c)).collect()
        }
    }

    /// The grouping with this id.
    pub fn grouping(&self, id: &str) -> Option<&Grouping> {
        self.groupings.iter().find(|g| g.id == id)
    }

    /// Every code a scorecard may hold points at: [`TOTAL`], the primary nodes, the group nodes.
    pub fn codes(&self) -> Vec<&str> {
        std::iter::once(TOTAL)
            .chain(self.nodes.iter().map(|n| n.code.as_str()))
            .chain(self.groupings.iter().flat_map(|g| g.nodes.iter().map(|n| n.code.as_str())))
            .collect()
    }

    /// Number of nodes at each level: (fields, criteria, sub-criteria) present in the data.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |l: Level| self.nodes.iter().filter(|n| n.level() == l).count();
        (count(Level::Field), count(Level::Criterion), count(Level::SubCriterion))
    }
}
