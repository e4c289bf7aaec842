//! The one table of column headers every loader recognises (`core/data/columns.csv`) and the
//! one table of method names (`core/data/methods.csv`).
//!
//! Headers are compared as matching keys: no case, no diacritics, punctuation, `_` and `/`
//! as spaces (so `Tỉnh, thành phố`, `tinh thanh pho` and `tỉnh/thành phố` are one key).

use crate::error::{Error, Location, Result};
use serde::Serialize;
use std::sync::OnceLock;

const COLUMNS_CSV: &str = include_str!("../data/columns.csv");
const METHODS_CSV: &str = include_str!("../data/methods.csv");

/// One recognised header: a column role (`province`, `score`, `points`, …), a header that
/// names it, and the loaders that read it (`league`, `framework`, `scorecard`, `survey`,
/// `assignments` (the plan annex), `long` (the long table of many units)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnAlias {
    /// The role, as option keys spell it (`province`, `max_points`, …).
    pub role: String,
    /// The header as written in files.
    pub header: String,
    /// The loaders that recognise it.
    pub loaders: Vec<String>,
    /// The matching key of the header.
    #[serde(skip)]
    pub(crate) key: String,
}

/// One accepted spelling of a method (phương thức đánh giá), with the basis of the mapping
/// (`[C]` confirmed, `[I]` inferred).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MethodAlias {
    /// The method's file name (`appraised`, `socio_economic`, `leaders_survey`, `citizen_survey`).
    pub method: String,
    /// The value as written in files.
    pub value: String,
    /// Why this value means this method.
    pub basis: String,
    #[serde(skip)]
    pub(crate) key: String,
}

/// The matching key of a header: [`crate::province::fold`] with `_` and `/` as spaces.
pub fn header_key(header: &str) -> String {
    crate::province::fold(&header.replace(['_', '/', '-'], " "))
}

fn parse_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    reader.records().filter_map(|r| r.ok()).map(|r| r.iter().map(|c| c.trim().to_string()).collect()).collect()
}

/// Every recognised header, in the order of `core/data/columns.csv`.
pub fn column_aliases() -> &'static [ColumnAlias] {
    static TABLE: OnceLock<Vec<ColumnAlias>> = OnceLock::new();
    TABLE.get_or_init(|| {
        parse_rows(COLUMNS_CSV)
            .into_iter()
            .filter_map(|r| match r.as_slice() {
                [role, header, loaders] => Some(ColumnAlias {
                    role: role.clone(),
                    key: header_key(header),
                    header: header.clone(),
                    loaders: loaders.split_whitespace().map(str::to_string).collect(),
                }),
                _ => None,
            })
            .collect()
    })
}

/// Every accepted method spelling, in the order of `core/data/methods.csv`.
pub fn method_aliases() -> &'static [MethodAlias] {
    static TABLE: OnceLock<Vec<MethodAlias>> = OnceLock::new();
    TABLE.get_or_init(|| {
        parse_rows(METHODS_CSV)
            .into_iter()
            .filter_map(|r| match r.as_slice() {
                [method, value, basis] => Some(MethodAlias {
                    method: method.clone(),
                    key: header_key(value),
                    value: value.clone(),
                    basis: basis.clone(),
                }),
                _ => None,
            })
            .collect()
    })
}

/// Whether the header key `key` names `role` for `loader`.
pub(crate) fn is_alias(loader: &str, role: &str, key: &str) -> bool {
    column_aliases().iter().any(|a| a.role == role && a.key == key && a.loaders.iter().any(|l| l == loader))
}

/// The roles `loader` recognises, in table order, each once.
pub fn roles(loader: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for a in column_aliases() {
        if a.loaders.iter().any(|l| l == loader) && !out.contains(&a.role.as_str()) {
            out.push(a.role.as_str());
        }
    }
    out
}

/// The role a header key names for any loader (the first in the table).
pub(crate) fn role_of(key: &str) -> Option<&'static str> {
    column_aliases().iter().find(|a| a.key == key).map(|a| a.role.as_str())
}

/// The method a value names, by exact match of its key against `core/data/methods.csv`.
///
/// Errors: [`Error::Malformed`] at `at`, listing the accepted values.
pub fn parse_method(text: &str, at: &Location) -> Result<crate::framework::Method> {
    let key = header_key(text);
    let found = method_aliases().iter().find(|m| m.key == key).map(|m| m.method.as_str());
    let method = found.and_then(|name| crate::framework::Method::ALL.into_iter().find(|m| m.as_str() == name));
    method.ok_or_else(|| {
        let accepted: Vec<String> = method_aliases().iter().map(|m| format!("`{}`", m.value)).collect();
        Error::malformed(
            at.clone(),
            format!(
                "unknown method `{}`: accepted values are {}",
                crate::error::quote(text.trim()),
                accepted.join(", ")
            ),
        )
    })
}

/// The nearest of `candidates` to `name` by edit distance of their matching keys, if it is
/// close enough to be a likely typo (at most a third of the name's length).
pub fn nearest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let key = header_key(name);
    let limit = key.chars().count().div_ceil(3).max(1);
    // A header that contains the name as a word (`Quận/Huyện` for `huyen`) counts as near.
    let score = |c: &str| {
        let k = header_key(c);
        if !key.is_empty() && k.split(' ').any(|w| w == key) {
            0
        } else {
            distance(&key, &k)
        }
    };
    let best = candidates.into_iter().map(|c| (score(c), c)).min_by_key(|(d, _)| *d);
    best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let chars = |s: &str| s.chars().collect::<Vec<char>>();
    crate::province::edit_distance(&chars(a), &chars(b))
}

/// The error for a column named in the options that the file does not have: it lists the
/// file's columns and the nearest one.
pub(crate) fn unknown_column(at: &Location, option: &str, given: &str, headers: &[String]) -> Error {
    let near = nearest(given, headers.iter().map(String::as_str));
    Error::UnknownColumn {
        at: at.with_column(given.trim()),
        option: option.to_string(),
        column: crate::error::quote(given),
        columns: headers.to_vec(),
        nearest: near.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_parse_whole() {
        assert_eq!(column_aliases().len(), COLUMNS_CSV.lines().count() - 1);
        assert_eq!(method_aliases().len(), METHODS_CSV.lines().count() - 1);
        for m in method_aliases() {
            assert!(crate::framework::Method::ALL.iter().any(|x| x.as_str() == m.method), "{}", m.method);
        }
    }

    #[test]
    fn vietnamese_headers_fold_to_one_key() {
        assert_eq!(header_key("Tỉnh, thành phố"), header_key("tinh/thanh pho"));
        assert!(is_alias("league", "province", &header_key("Địa phương")));
        assert!(is_alias("league", "score", &header_key("Điểm số")));
        assert!(is_alias("framework", "code", &header_key("TT")));
        assert!(!is_alias("scorecard", "province", &header_key("Tên")));
    }

    #[test]
    fn nearest_finds_typos_only() {
        let cols = ["Tỉnh", "Huyện", "Mã phiếu"];
        assert_eq!(nearest("Huyen", cols), Some("Huyện"));
        assert_eq!(nearest("huyen", ["Tỉnh", "Quận/Huyện"]), Some("Quận/Huyện"));
        assert_eq!(nearest("weight", cols), None);
    }
}
