//! Framework validation: unique codes, structure from the codes, maxima that add up.

use super::model::{Framework, TOTAL};
use crate::collect::Collector;
use crate::error::{Error, Location, Result};
use rust_decimal::Decimal;
use std::collections::HashMap;

impl Framework {
    /// Check the framework and rebuild its code index:
    /// - codes non-empty and unique across the hierarchy and the groupings (`total` reserved);
    /// - every dotted code's parent present, and listed before it;
    /// - maxima and lower bounds non-negative, lower bounds not above known maxima;
    /// - where a parent's max and all its children's maxima are known, they are equal;
    ///   where only some are known, the known ones do not exceed the parent;
    /// - the same for the fields against `total_max_points`, and for each grouping;
    /// - constraints name existing codes and agree with known maxima;
    /// - rules only on leaves, consistent with the leaf's max.
    ///
    /// Errors: [`Error::DuplicateCode`], [`Error::Framework`], [`Error::Negative`],
    /// [`Error::UnknownCode`], [`Error::Rule`], each naming the framework and the code.
    pub fn validate(&mut self) -> Result<()> {
        let label = self.id.clone();
        self.validate_as(&label)
    }

    pub(crate) fn validate_as(&mut self, label: &str) -> Result<()> {
        self.validate_with(label, &mut Collector::first())
    }

    /// [`Framework::validate_as`], each problem to `problems`: when they are kept, every
    /// node's own problem (code, parent, bounds) is listed, and the sums and rules are
    /// checked only when the codes are sound (a broken tree would give false sums).
    pub(crate) fn validate_with(&mut self, label: &str, problems: &mut Collector) -> Result<()> {
        let at = Location::file(label);
        problems.check(check_non_negative(self.total_max_points, &at.with_code(TOTAL)))?;
        for c in &self.constraints {
            problems.check(check_non_negative(Some(c.sum), &at.with_code(c.codes.join("+"))))?;
        }
        let mut lookup = HashMap::new();
        // Codes seen, compared without ASCII case: one lookup per code, not a scan.
        let mut all_codes: std::collections::HashSet<String> = std::collections::HashSet::from([TOTAL.to_string()]);
        for (i, node) in self.nodes.iter().enumerate() {
            let here = at.with_code(node.code.clone());
            // A node's first problem is kept and the next node checked.
            if node.code.trim().is_empty() || node.code != node.code.trim() {
                problems.push(Error::framework(here, "a code is empty or has surrounding spaces"))?;
                continue;
            }
            if node.code.split('.').any(str::is_empty) {
                problems.push(Error::framework(here, "a dotted code has an empty part"))?;
                continue;
            }
            if !all_codes.insert(node.code.to_ascii_lowercase()) {
                problems.push(Error::DuplicateCode { at: here, code: node.code.clone() })?;
                continue;
            }
            if let Some(parent) = node.parent_code() {
                if !lookup.contains_key(parent) {
                    problems.push(Error::framework(
                        here.clone(),
                        format!("parent `{parent}` is missing or listed after its child"),
                    ))?;
                }
            }
            // Known from here on (its children are not told their parent is missing).
            lookup.insert(node.code.clone(), i);
            problems.check(check_non_negative(node.max_points, &here))?;
            problems.check(check_non_negative(node.at_least, &here))?;
            if let (Some(max), Some(low)) = (node.max_points, node.at_least) {
                if low > max {
                    problems.push(Error::framework(here, format!("at_least {low} exceeds max_points {max}")))?;
                }
            }
        }
        for g in &self.groupings {
            for n in &g.nodes {
                let here = at.with_code(n.code.clone());
                if n.code.trim().is_empty() || !all_codes.insert(n.code.to_ascii_lowercase()) {
                    problems.push(Error::DuplicateCode { at: here, code: n.code.clone() })?;
                    continue;
                }
                problems.check(check_non_negative(n.max_points, &here))?;
                for m in &n.members {
                    if !lookup.contains_key(m) {
                        problems.push(Error::UnknownCode {
                            at: here.clone(),
                            code: m.clone(),
                            within: format!("framework {label}"),
                        })?;
                    }
                }
            }
        }
        if !problems.is_clean() {
            return Ok(());
        }
        self.lookup = lookup;
        let mut kids: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, node) in self.nodes.iter().enumerate() {
            kids.entry(node.parent_code().unwrap_or(TOTAL).to_string()).or_default().push(i);
        }
        self.kids = kids;

        // Children against parents, fields against the total.
        let mut parents: Vec<(String, Option<Decimal>)> = vec![(TOTAL.to_string(), self.total_max_points)];
        parents.extend(self.nodes.iter().map(|n| (n.code.clone(), n.max_points)));
        for (code, max) in &parents {
            let children = self.children(code);
            if children.is_empty() {
                continue;
            }
            let known: Vec<Decimal> = children.iter().filter_map(|c| c.max_points).collect();
            let sum: Decimal = known.iter().sum();
            let codes = children.iter().map(|c| c.code.as_str()).collect::<Vec<_>>().join(", ");
            problems.check(check_sum(
                max,
                sum,
                known.len() == children.len(),
                &format!("children {codes}"),
                &at.with_code(code.clone()),
            ))?;
        }
        // Each grouping partitions the total; each group node against its members.
        for g in &self.groupings {
            let known: Vec<Decimal> = g.nodes.iter().filter_map(|n| n.max_points).collect();
            let sum: Decimal = known.iter().sum();
            problems.check(check_sum(
                &self.total_max_points,
                sum,
                known.len() == g.nodes.len(),
                &format!("the `{}` grouping", g.id),
                &at.with_code(TOTAL),
            ))?;
            for n in &g.nodes {
                let members = self.group_members(n);
                if members.is_empty() {
                    continue;
                }
                let known: Vec<Decimal> = members.iter().filter_map(|m| m.max_points).collect();
                problems.check(check_sum(
                    &n.max_points,
                    known.iter().sum(),
                    known.len() == members.len(),
                    "its members",
                    &at.with_code(n.code.clone()),
                ))?;
            }
        }
        for c in &self.constraints {
            let here = at.with_code(c.codes.join("+"));
            let mut known = Vec::new();
            let mut unknown = None;
            for code in &c.codes {
                match self.max_points(code) {
                    Ok(m) => known.extend(m),
                    Err(_) => {
                        unknown = Some(code.clone());
                        break;
                    }
                }
            }
            if let Some(code) = unknown {
                problems.push(Error::UnknownCode { at: here, code, within: format!("framework {label}") })?;
                continue;
            }
            problems.check(check_sum(
                &Some(c.sum),
                known.iter().sum(),
                known.len() == c.codes.len(),
                "the constrained maxima",
                &here,
            ))?;
        }
        for node in &self.nodes {
            if let Some(rule) = &node.rule {
                let here = at.with_code(node.code.clone());
                if !self.is_leaf(&node.code) {
                    problems.push(Error::framework(here, "only leaves carry a scoring rule"))?;
                    continue;
                }
                problems.check(rule.validate(node.max_points, &here))?;
            }
        }
        Ok(())
    }
}

fn check_non_negative(value: Option<Decimal>, at: &Location) -> Result<()> {
    match value {
        Some(v) if v < Decimal::ZERO => Err(Error::Negative { at: at.clone(), value: v }),
        Some(v) => crate::decimal::check_limit(v, at),
        None => Ok(()),
    }
}

fn check_sum(max: &Option<Decimal>, sum: Decimal, complete: bool, what: &str, at: &Location) -> Result<()> {
    let sum = sum.normalize();
    let max = max.map(|m| m.normalize());
    match &max {
        Some(m) if complete && sum != *m => {
            Err(Error::framework(at.clone(), format!("the maxima of {what} add up to {sum}, not {m}")))
        }
        Some(m) if sum > *m => {
            Err(Error::framework(at.clone(), format!("the known maxima of {what} add up to {sum}, above {m}")))
        }
        _ => Ok(()),
    }
}
