//! The words a user reads (the text report, the workbook and HTML headers): Vietnamese by
//! default, English on request. Every sentence lives in `core/data/text.csv` (`key`, `en`,
//! `vi`), one row per sentence, `{name}` marking a value.
//!
//! Two kinds of rows:
//! - labels (`key` without the `msg.` prefix): filled by [`Lang::text`];
//! - translations of the library's own English messages (`msg.…`): the model's description
//!   and warnings and the data checks are written once, in English (the API's language);
//!   [`Lang::translate`] matches a message against the `en` templates and fills the `vi` one,
//!   translating the values it captured in turn. A message no template matches is shown as it
//!   is (a test lists every message the published data produce and asserts each translates).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The language of what a user reads (ngôn ngữ hiển thị). Default Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt (the default).
    #[default]
    Vi,
    /// English.
    En,
}

struct Row {
    key: String,
    en: String,
    vi: String,
}

fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let text = include_str!("../data/text.csv");
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        // The file ships with the crate and a test reads every row; a malformed row is dropped
        // rather than failing a report.
        reader
            .records()
            .filter_map(|r| r.ok())
            .filter_map(|r| Some(Row { key: r.get(0)?.into(), en: r.get(1)?.into(), vi: r.get(2)?.into() }))
            .collect()
    })
    .as_slice()
}

fn labels() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static MAP: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    MAP.get_or_init(|| rows().iter().map(|r| (r.key.as_str(), (r.en.as_str(), r.vi.as_str()))).collect())
}

/// Fill `{name}` in a template.
fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

impl Lang {
    /// `vi` or `en` (case-insensitive, also `vietnamese`, `tiếng việt`, `english`).
    ///
    /// Errors: [`Error::InvalidArgument`] naming `lang` for anything else.
    pub fn parse(text: &str) -> Result<Lang> {
        match text.trim().to_lowercase().as_str() {
            "vi" | "vi-vn" | "vietnamese" | "tiếng việt" => Ok(Lang::Vi),
            "en" | "en-us" | "en-gb" | "english" => Ok(Lang::En),
            other => Err(Error::invalid_argument("lang", format!("`{other}` is neither `vi` nor `en`"))),
        }
    }

    /// `vi` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The label `key` in this language with its `{name}`s filled; the key itself when the
    /// table lacks it (a test checks every key the library uses is there).
    pub fn text(self, key: &str, args: &[(&str, String)]) -> String {
        match labels().get(key) {
            Some((en, vi)) => fill(if self == Lang::Vi { vi } else { en }, args),
            None => key.to_string(),
        }
    }

    /// A number written by the library (`85.94`, `-1.58`, `100000`) in this language's
    /// convention: Vietnamese uses a decimal comma and dots between thousands (`85,94`,
    /// `100.000`); English is unchanged.
    pub fn number(self, text: &str) -> String {
        if self == Lang::En {
            return text.to_string();
        }
        let (sign, rest) = match text.strip_prefix(['-', '+', '−']) {
            Some(r) => (&text[..text.len() - r.len()], r),
            None => ("", text),
        };
        let (whole, frac) = rest.split_once('.').unwrap_or((rest, ""));
        let digits: Vec<char> = whole.chars().collect();
        let mut grouped = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
                grouped.push('.');
            }
            grouped.push(*c);
        }
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped},{frac}")
        }
    }

    /// One of the library's English messages in this language: matched against the `msg.`
    /// templates of `text.csv` (first match wins), the captured values translated in turn
    /// (numbers as [`Lang::number`]). Returned unchanged when no template matches.
    pub fn translate(self, message: &str) -> String {
        if self == Lang::En {
            return message.to_string();
        }
        translate(message, 0, "msg.", Direction::EnToVi)
    }

    /// One of the library's Vietnamese headers or titles (the workbook's and HTML page's,
    /// written in Vietnamese) in this language: matched against the `vi` side of the
    /// `export.` templates and filled on the `en` side. Unchanged in Vietnamese, and when no
    /// template matches.
    pub fn from_vi(self, text: &str) -> String {
        if self == Lang::Vi {
            return text.to_string();
        }
        translate(text, 0, "export.", Direction::ViToEn)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Direction {
    EnToVi,
    ViToEn,
}

fn is_number(text: &str) -> bool {
    let t = text.trim_start_matches(['-', '+', '−']);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn translate(message: &str, depth: usize, prefix: &str, direction: Direction) -> String {
    if is_number(message) {
        return if direction == Direction::EnToVi { Lang::Vi.number(message) } else { message.to_string() };
    }
    if depth > 4 {
        return message.to_string();
    }
    for row in rows().iter().filter(|r| r.key.starts_with(prefix)) {
        let (from, to) = if direction == Direction::EnToVi { (&row.en, &row.vi) } else { (&row.vi, &row.en) };
        if let Some(captures) = match_template(from, message) {
            let args: Vec<(&str, String)> = captures
                .into_iter()
                .map(|(name, value)| (name, translate(value, depth + 1, prefix, direction)))
                .collect();
            return fill(to, &args);
        }
    }
    message.to_string()
}

/// Literal pieces and `{name}`s of a template.
fn pieces(template: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push((false, &rest[..open]));
        out.push((true, &rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    out.push((false, rest));
    out
}

/// The values of a template's `{name}`s in `message`, each the shortest that lets the next
/// literal piece follow; `None` when the message does not have the template's shape.
fn match_template<'t, 'm>(template: &'t str, message: &'m str) -> Option<Vec<(&'t str, &'m str)>> {
    let parts = pieces(template);
    let mut at = 0;
    let mut captures = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let (is_name, piece) = *parts.get(i)?;
        if !is_name {
            if !message.get(at..)?.starts_with(piece) {
                return None;
            }
            at += piece.len();
            i += 1;
            continue;
        }
        let next = parts.get(i + 1).map(|p| p.1).unwrap_or("");
        let end = if next.is_empty() && i + 2 >= parts.len() {
            message.len()
        } else if next.is_empty() {
            return None; // two names side by side: ambiguous, not used in text.csv
        } else {
            at + message.get(at..)?.find(next)?
        };
        captures.push((piece, message.get(at..end)?));
        at = end;
        i += 1;
    }
    (at == message.len()).then_some(captures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_vietnamese() {
        assert_eq!(Lang::Vi.number("85.94"), "85,94");
        assert_eq!(Lang::Vi.number("-1.58"), "-1,58");
        assert_eq!(Lang::Vi.number("100000"), "100.000");
        assert_eq!(Lang::Vi.number("2023"), "2023");
        assert_eq!(Lang::En.number("100000"), "100000");
    }

    #[test]
    fn templates_capture_the_shortest_values() {
        let caps = match_template("a {x} b {y}.", "a 1 b 2 b 3.").unwrap();
        assert_eq!(caps, vec![("x", "1"), ("y", "2 b 3")]);
        assert!(match_template("a {x} b", "c 1 b").is_none());
        assert_eq!(match_template("{x}", "").unwrap(), vec![("x", "")]);
    }

    #[test]
    fn every_row_has_both_languages_and_unique_keys() {
        let mut seen = std::collections::HashSet::new();
        assert!(rows().len() > 20);
        for r in rows() {
            assert!(!r.en.is_empty() && !r.vi.is_empty(), "{}", r.key);
            assert!(seen.insert(r.key.as_str()), "duplicate key {}", r.key);
            let names = |t: &str| {
                let mut v: Vec<String> = pieces(t).into_iter().filter(|p| p.0).map(|p| p.1.to_string()).collect();
                v.sort();
                v
            };
            assert_eq!(names(&r.en), names(&r.vi), "{}: the same values in both languages", r.key);
        }
    }

    #[test]
    fn lang_parses_and_refuses() {
        assert_eq!(Lang::parse("VI").unwrap(), Lang::Vi);
        assert_eq!(Lang::parse("english").unwrap(), Lang::En);
        assert_eq!(Lang::parse("fr").unwrap_err().kind(), "INVALID_ARGUMENT");
    }
}
