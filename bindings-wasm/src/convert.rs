//! The one conversion module: every value that crosses between JavaScript and the core
//! passes through here.
//!
//! - In: a JS value is first read into [`Js`] (by the wasm bridge), then into core types by
//!   the readers below ([`decimal`], [`int`], [`seed`], [`Fields`], …). Decimals accept a
//!   string (`"9.5"`, `"9,5"`) or a finite number (read through its shortest decimal form,
//!   so `85.94` stays 85.94); `NaN`, `±Infinity`, booleans and other types are refused
//!   with an `INVALID_ARGUMENT` error naming the argument.
//! - Out: any core result that derives `Serialize` becomes a [`Js`] tree by [`out`]: keys
//!   in camelCase, field order kept, exact decimals as strings (`"85.94"`), counts and
//!   ranks as numbers, unknowns as `null`.
//!
//! Nothing here scores or ranks: it only converts. This module builds natively too, so
//! `cargo test --workspace` tests it without a JS engine.

use parindex::sipas::{NodeChange, SipasResult, UnitIndex, WhatIf as SipasWhatIf};
use parindex::{Decimal, Error, Result};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use std::fmt;

/// Largest integer a JS number holds exactly (2⁵³ − 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A JavaScript value as the binding sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Js {
    /// `undefined` (also: an absent key).
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (any `f64`, including `NaN` and infinities on the way in).
    Num(f64),
    /// A string.
    Str(String),
    /// A `BigInt`, as its decimal digits.
    BigInt(String),
    /// An array.
    Arr(Vec<Js>),
    /// A plain object: keys in insertion order.
    Obj(Vec<(String, Js)>),
    /// Anything else (a function, a symbol, a value nested too deeply), by its kind.
    Other(&'static str),
}

static UNDEFINED: Js = Js::Undefined;

impl Js {
    /// `undefined` or `null`: the value is absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Js::Undefined | Js::Null)
    }

    /// What kind of value this is, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Js::Undefined => "undefined",
            Js::Null => "null",
            Js::Bool(_) => "a boolean",
            Js::Num(v) if v.is_nan() => "NaN",
            Js::Num(v) if v.is_infinite() => "an infinite number",
            Js::Num(_) => "a number",
            Js::Str(_) => "a string",
            Js::BigInt(_) => "a BigInt",
            Js::Arr(_) => "an array",
            Js::Obj(_) => "an object",
            Js::Other(kind) => kind,
        }
    }

    /// The value at `key` of an object (`undefined` when absent or not an object).
    pub fn get(&self, key: &str) -> &Js {
        match self {
            Js::Obj(entries) => entries.iter().find(|(k, _)| k == key).map_or(&UNDEFINED, |(_, v)| v),
            _ => &UNDEFINED,
        }
    }

    /// An object from pairs.
    pub fn obj<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Js)>) -> Js {
        Js::Obj(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// A string.
    pub fn str(s: impl Into<String>) -> Js {
        Js::Str(s.into())
    }

    /// An exact decimal, as its string.
    pub fn dec(d: Decimal) -> Js {
        Js::Str(d.to_string())
    }

    /// An optional decimal: its string, or `null`.
    pub fn opt_dec(d: Option<Decimal>) -> Js {
        d.map_or(Js::Null, Js::dec)
    }

    /// An integer as a number (as a string beyond 2⁵³, where a JS number would round it).
    pub fn int(v: u64) -> Js {
        if v <= MAX_SAFE_INTEGER {
            Js::Num(v as f64)
        } else {
            Js::Str(v.to_string())
        }
    }

    /// An optional integer, or `null`.
    pub fn opt_int(v: Option<u64>) -> Js {
        v.map_or(Js::Null, Js::int)
    }

    /// Replace (or add) a key of an object; no effect on other values.
    pub fn set(&mut self, key: &str, value: Js) {
        if let Js::Obj(entries) = self {
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => entries.push((key.to_string(), value)),
            }
        }
    }

    /// Remove a key of an object, returning its value.
    pub fn take(&mut self, key: &str) -> Js {
        if let Js::Obj(entries) = self {
            if let Some(i) = entries.iter().position(|(k, _)| k == key) {
                return entries.remove(i).1;
            }
        }
        Js::Undefined
    }
}

// ---------------------------------------------------------------------------------------
// Out: core results → Js
// ---------------------------------------------------------------------------------------

/// `snake_case` → `camelCase` (`p_target` → `pTarget`, `rank_p05` → `rankP05`,
/// `unit_2025` → `unit2025`). Keys without underscores are unchanged.
pub fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A core result as a JS value: camelCase keys in declaration order, decimals as exact
/// strings, bands as the core writes them (`"A"`, `"B"`, `"C"` or `"below C"`).
///
/// Errors: only if serialization itself fails (reported as `MALFORMED`).
pub fn out<T: Serialize + ?Sized>(value: &T) -> Result<Js> {
    let text = serde_json::to_string(value)
        .map_err(|e| Error::malformed(parindex::Location::default(), format!("cannot convert a result: {e}")))?;
    serde_json::from_str(&text)
        .map_err(|e| Error::malformed(parindex::Location::default(), format!("cannot convert a result: {e}")))
}

impl<'de> Deserialize<'de> for Js {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Js, D::Error> {
        d.deserialize_any(JsVisitor)
    }
}

struct JsVisitor;

impl<'de> Visitor<'de> for JsVisitor {
    type Value = Js;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Js, E> {
        Ok(Js::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Js, E> {
        Ok(if v.unsigned_abs() <= MAX_SAFE_INTEGER { Js::Num(v as f64) } else { Js::Str(v.to_string()) })
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Js, E> {
        Ok(Js::int(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Js, E> {
        Ok(Js::Num(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Js, E> {
        Ok(Js::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Js, E> {
        Ok(Js::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Js, E> {
        Ok(Js::Null)
    }
    fn visit_none<E: de::Error>(self) -> std::result::Result<Js, E> {
        Ok(Js::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Js, D::Error> {
        d.deserialize_any(JsVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Js, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(v) = seq.next_element::<Js>()? {
            items.push(v);
        }
        Ok(Js::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Js, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some((k, v)) = map.next_entry::<String, Js>()? {
            entries.push((camel(&k), v));
        }
        Ok(Js::Obj(entries))
    }
}

impl Serialize for Js {
    /// As JSON: `undefined` keys are left out (`null` in arrays), non-finite numbers are
    /// `null` (results never hold them), a `BigInt` is its digits as a string.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Js::Undefined | Js::Null | Js::Other(_) => s.serialize_unit(),
            Js::Bool(b) => s.serialize_bool(*b),
            Js::Num(n) if n.is_finite() => s.serialize_f64(*n),
            Js::Num(_) => s.serialize_unit(),
            Js::Str(v) | Js::BigInt(v) => s.serialize_str(v),
            Js::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Js::Obj(entries) => {
                let kept = entries.iter().filter(|(_, v)| !matches!(v, Js::Undefined));
                let mut map = s.serialize_map(None)?;
                for (k, v) in kept {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// The JSON text of a value (for the bridge, which hands it to `JSON.parse`: one call
/// across the boundary however large the result).
pub fn to_json(js: &Js) -> Result<String> {
    serde_json::to_string(js)
        .map_err(|e| Error::malformed(parindex::Location::default(), format!("cannot convert a result: {e}")))
}

// ---------------------------------------------------------------------------------------
// In: Js → core inputs
// ---------------------------------------------------------------------------------------

fn invalid(name: &str, message: impl Into<String>) -> Error {
    Error::invalid_argument(name, message)
}

/// A decimal from a string or a finite number. Errors: `INVALID_ARGUMENT` naming `name`.
pub fn decimal(v: &Js, name: &str) -> Result<Decimal> {
    opt_decimal(v, name)?.ok_or_else(|| invalid(name, "is required: give a decimal as a string (\"2.5\") or a number"))
}

/// A whole number's text split into sign, integer digits and fraction digits (`"30"`,
/// `"30.0"`; no exponent: a JS number never reaches here with one, Rust writes it in
/// full), or `None` when it is not a number.
fn split_number(text: &str) -> Option<(bool, String, String)> {
    let t = text.trim();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut parts = body.splitn(2, ['.', ',']);
    let int = parts.next().unwrap_or_default();
    let frac = parts.next().unwrap_or_default();
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !digits(int) || !digits(frac) || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    if format!("{int}{frac}").chars().all(|c| c == '0') {
        return Some((false, "0".into(), String::new()));
    }
    let int = if int.is_empty() { "0" } else { int };
    Some((negative, int.to_string(), frac.to_string()))
}

/// A JS number as JS would write it in a message: plain below 10²¹, `1e+30` style beyond,
/// as `String(n)` does (`1e-7` and smaller too).
fn number_text(n: f64) -> String {
    if n == 0.0 {
        return "0".into();
    }
    let a = n.abs();
    if (1e-7..1e21).contains(&a) {
        n.to_string()
    } else {
        let e = format!("{n:e}");
        match e.split_once('e') {
            Some((m, x)) if !x.starts_with('-') => format!("{m}e+{x}"),
            _ => e,
        }
    }
}

/// An optional decimal: `undefined`/`null` is `None`, otherwise the core's one decimal
/// rule (`parindex::contract::number`: a string, or a finite number through its shortest
/// round-trip text; exact or refused, never rounded).
pub fn opt_decimal(v: &Js, name: &str) -> Result<Option<Decimal>> {
    if v.is_absent() {
        return Ok(None);
    }
    crate::reader::input::<parindex::contract::ExactDecimal>(v, name).map(|d| Some(d.0))
}

/// A whole number from a number, a `BigInt` or a string of digits (`"30"`, `"30.0"`; no
/// exponent), as an `i128` so that any out-of-range value is told as such.
fn whole(v: &Js, name: &str, expected: &str) -> Result<Option<i128>> {
    let (text, shown) = match v {
        Js::Undefined | Js::Null => return Ok(None),
        Js::Num(n) if n.is_finite() => (n.to_string(), number_text(*n)),
        Js::Str(s) => (s.clone(), format!("`{s}`")),
        Js::BigInt(s) => (s.clone(), format!("{s}n")),
        other => return Err(invalid(name, format!("expected {expected}, got {}", other.type_name()))),
    };
    let Some((negative, int, frac)) = split_number(&text) else {
        return Err(invalid(name, format!("{shown} is not {expected}")));
    };
    if frac.chars().any(|c| c != '0') {
        return Err(invalid(name, format!("{shown} is not a whole number: give {expected}")));
    }
    let magnitude = int.trim_start_matches('0');
    let value: i128 = if magnitude.len() > 30 { i128::MAX } else { magnitude.parse().unwrap_or(0) };
    Ok(Some(if negative { -value } else { value }))
}

/// An integer within `min..=max` from a number or a string of digits.
pub fn int(v: &Js, name: &str, min: i64, max: i64) -> Result<i64> {
    opt_int(v, name, min, max)?.ok_or_else(|| invalid(name, format!("is required: give a whole number {min}..={max}")))
}

/// An optional integer: `undefined`/`null` is `None`, otherwise as [`int`]. A value outside
/// `min..=max`, however large, is out of range (not "not a number").
pub fn opt_int(v: &Js, name: &str, min: i64, max: i64) -> Result<Option<i64>> {
    let expected = format!("a whole number {min}..={max}");
    let Some(value) = whole(v, name, &expected)? else { return Ok(None) };
    match i64::try_from(value) {
        Ok(i) if (min..=max).contains(&i) => Ok(Some(i)),
        _ => Err(invalid(name, format!("{} is out of range: give {expected}", shown_int(v, value)))),
    }
}

/// How a whole number is shown in an out-of-range message: as the caller wrote it.
fn shown_int(v: &Js, value: i128) -> String {
    match v {
        Js::Num(n) => number_text(*n),
        Js::Str(s) => format!("`{}`", s.trim()),
        Js::BigInt(s) => format!("{s}n"),
        _ => value.to_string(),
    }
}

/// A rank of a table of `of`: a whole number 1..=`of`. Errors: `INVALID_ARGUMENT` naming
/// `name`, saying the valid range (`-1`, `0`, `64` and `99999999999999999999` alike).
pub fn rank(v: &Js, name: &str, of: u32) -> Result<u32> {
    opt_rank(v, name, of)?.ok_or_else(|| invalid(name, format!("is required: give a rank, a whole number 1..={of}")))
}

/// An optional rank (see [`rank`]).
pub fn opt_rank(v: &Js, name: &str, of: u32) -> Result<Option<u32>> {
    let expected = format!("a rank, a whole number 1..={of}");
    let Some(value) = whole(v, name, &expected)? else { return Ok(None) };
    match u32::try_from(value) {
        Ok(r) if (1..=of).contains(&r) => Ok(Some(r)),
        _ => Err(invalid(name, format!("{} is not a rank of this table: give {expected}", shown_int(v, value)))),
    }
}

/// A year (1990–2100).
pub fn year(v: &Js, name: &str) -> Result<u16> {
    let y = int(v, name, 1990, 2100)?;
    u16::try_from(y).map_err(|_| invalid(name, format!("{y} is out of range")))
}

/// An optional year.
pub fn opt_year(v: &Js, name: &str) -> Result<Option<u16>> {
    opt_int(v, name, 1990, 2100)?
        .map(|y| u16::try_from(y).map_err(|_| invalid(name, format!("{y} is out of range"))))
        .transpose()
}

/// A seed: a non-negative safe integer, a `BigInt` or a string of digits (full `u64`).
pub fn seed(v: &Js, name: &str) -> Result<Option<u64>> {
    const EXPECTED: &str = "a seed, a whole number 0..=2^64 − 1 (beyond 2^53 − 1 as a BigInt or a string)";
    if let Js::Num(n) = v {
        if n.is_finite() && n.fract() == 0.0 && n.abs() > MAX_SAFE_INTEGER as f64 {
            return Err(invalid(
                name,
                format!(
                    "{} is beyond 2^53 − 1, where JS numbers are no longer exact: give the seed as a BigInt or a string",
                    number_text(*n)
                ),
            ));
        }
    }
    let Some(value) = whole(v, name, EXPECTED)? else { return Ok(None) };
    u64::try_from(value)
        .map(Some)
        .map_err(|_| invalid(name, format!("{} is out of range: give {EXPECTED}", shown_int(v, value))))
}

/// A string. Errors: `INVALID_ARGUMENT` when absent or not a string.
pub fn string(v: &Js, name: &str) -> Result<String> {
    opt_string(v, name)?.ok_or_else(|| invalid(name, "is required: give a string"))
}

/// An optional string.
pub fn opt_string(v: &Js, name: &str) -> Result<Option<String>> {
    match v {
        Js::Undefined | Js::Null => Ok(None),
        Js::Str(s) => Ok(Some(s.clone())),
        other => Err(invalid(name, format!("expected a string, got {}", other.type_name()))),
    }
}

/// An optional boolean.
pub fn opt_bool(v: &Js, name: &str) -> Result<Option<bool>> {
    match v {
        Js::Undefined | Js::Null => Ok(None),
        Js::Bool(b) => Ok(Some(*b)),
        other => Err(invalid(name, format!("expected a boolean, got {}", other.type_name()))),
    }
}

/// The items of an array. Errors: `INVALID_ARGUMENT` when not an array.
pub fn array<'a>(v: &'a Js, name: &str) -> Result<&'a [Js]> {
    match v {
        Js::Arr(items) => Ok(items),
        other => Err(invalid(name, format!("expected an array, got {}", other.type_name()))),
    }
}

/// The index kind: `"par"`, `"sipas"` or a custom name.
pub fn index_kind(v: &Js, name: &str) -> Result<parindex::IndexKind> {
    parindex::IndexKind::parse(&string(v, name)?)
}

/// An options object whose keys are checked: a key the call does not know (a typo such
/// as `targetrank`) is an error rather than silently ignored.
#[derive(Debug)]
pub struct Fields<'a> {
    value: &'a Js,
    name: String,
}

impl<'a> Fields<'a> {
    /// Read `v` as an object with only the `allowed` keys (`undefined`/`null`: an empty
    /// object when `optional`).
    ///
    /// Errors: `INVALID_ARGUMENT` for a non-object or an unknown key.
    pub fn new(v: &'a Js, name: &str, allowed: &[&str], optional: bool) -> Result<Fields<'a>> {
        match v {
            Js::Obj(entries) => {
                if let Some((k, _)) = entries.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
                    return Err(invalid(name, format!("unknown key `{k}` (known: {})", allowed.join(", "))));
                }
                Ok(Fields { value: v, name: name.to_string() })
            }
            Js::Undefined | Js::Null if optional => Ok(Fields { value: &UNDEFINED, name: name.to_string() }),
            other => Err(invalid(name, format!("expected an options object, got {}", other.type_name()))),
        }
    }

    /// The value at `key` (`undefined` when absent).
    pub fn get(&self, key: &str) -> &'a Js {
        self.value.get(key)
    }

    /// The path of `key` for error messages, e.g. `options.targetRank`.
    pub fn path(&self, key: &str) -> String {
        format!("{}.{key}", self.name)
    }
}

// ---------------------------------------------------------------------------------------
// The least-cost planner
// ---------------------------------------------------------------------------------------

/// The result of `leastCost`: `{ gains, totalCost }` (decimal strings, one gain per option),
/// or `null` when the options cannot reach the need.
pub fn least_cost_out(solution: Option<(Vec<Decimal>, Decimal)>) -> Js {
    match solution {
        None => Js::Null,
        Some((gains, cost)) => {
            Js::obj([("gains", Js::Arr(gains.into_iter().map(Js::dec).collect())), ("totalCost", Js::dec(cost))])
        }
    }
}

// ---------------------------------------------------------------------------------------
// SIPAS from survey answers
// ---------------------------------------------------------------------------------------

/// Answer records (the JSON text of a JS array of plain objects) as CSV text, so that they
/// are read and checked exactly as a CSV file is — as Python hands a DataFrame to the same
/// reader. Columns are the records' keys in order of first appearance; a key a record lacks
/// is an empty cell. Strings are written as they are, numbers in their shortest form, `null`
/// (also `NaN` and `undefined`, which `JSON.stringify` writes so) as an empty cell (missing),
/// booleans as `true`/`false` (which the reader then refuses, naming the cell). Record `i`
/// (0-based) is row `i + 2` of the CSV (row 1: the header), as Python's `df.to_csv()`.
///
/// Two streaming passes over the text (the keys, then the rows): no record is held in memory.
///
/// Errors: `INVALID_ARGUMENT` naming `name` (`answers[3]`) for text that is not an array of
/// objects, or a nested array or object as a value (`answers[3].answer`).
pub fn records_csv(json: &str, name: &str) -> Result<String> {
    let fail = |e: serde_json::Error, at: &std::cell::RefCell<String>| -> Error {
        let at = at.borrow();
        invalid(
            if at.is_empty() { name } else { at.as_str() },
            e.to_string().split(" at line ").next().unwrap_or_default(),
        )
    };
    let at = std::cell::RefCell::new(String::new());
    let mut columns: Vec<String> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut de = serde_json::Deserializer::from_str(json);
    de.deserialize_seq(Records { name, at: &at, pass: Pass::Keys { columns: &mut columns, index: &mut index } })
        .and_then(|()| de.end())
        .map_err(|e| fail(e, &at))?;
    let mut w = csv::WriterBuilder::new().flexible(false).from_writer(Vec::new());
    if !columns.is_empty() {
        w.write_record(&columns).map_err(|e| invalid(name, e.to_string()))?;
    }
    let mut de = serde_json::Deserializer::from_str(json);
    de.deserialize_seq(Records {
        name,
        at: &at,
        pass: Pass::Rows { index: &index, width: columns.len(), out: &mut w },
    })
    .map_err(|e| fail(e, &at))?;
    let bytes = w.into_inner().map_err(|e| invalid(name, e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| invalid(name, e.to_string()))
}

enum Pass<'a> {
    Keys { columns: &'a mut Vec<String>, index: &'a mut std::collections::HashMap<String, usize> },
    Rows { index: &'a std::collections::HashMap<String, usize>, width: usize, out: &'a mut csv::Writer<Vec<u8>> },
}

/// The visitor of the array of records (one of the two passes); `at` names the record or
/// value being read, for errors.
struct Records<'a, 'p> {
    name: &'a str,
    at: &'a std::cell::RefCell<String>,
    pass: Pass<'p>,
}

impl<'de> Visitor<'de> for Records<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of answer objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut cells: Vec<Option<String>> = Vec::new();
        let mut i = 0usize;
        loop {
            *self.at.borrow_mut() = format!("{}[{i}]", self.name);
            let record = Record { at: self.at, pass: &mut self.pass, cells: &mut cells };
            if seq.next_element_seed(record)?.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }
}

struct Record<'r, 'a, 'p> {
    at: &'a std::cell::RefCell<String>,
    pass: &'r mut Pass<'p>,
    cells: &'r mut Vec<Option<String>>,
}

impl<'de> de::DeserializeSeed<'de> for Record<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Record<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answer object such as { respondent, unit, item, answer }")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> std::result::Result<(), M::Error> {
        let record = self.at.borrow().clone();
        match self.pass {
            Pass::Keys { columns, index } => {
                while let Some(key) = map.next_key::<String>()? {
                    if !index.contains_key(&key) {
                        index.insert(key.clone(), columns.len());
                        columns.push(key);
                    }
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
            Pass::Rows { index, width, out } => {
                self.cells.clear();
                self.cells.resize(*width, None);
                while let Some(key) = map.next_key::<String>()? {
                    *self.at.borrow_mut() = format!("{record}.{key}");
                    let value = map.next_value::<CellText>()?.0;
                    if let Some(slot) = index.get(&key).and_then(|&k| self.cells.get_mut(k)) {
                        *slot = value;
                    }
                }
                *self.at.borrow_mut() = record;
                out.write_record(self.cells.iter().map(|c| c.as_deref().unwrap_or(""))).map_err(de::Error::custom)?;
            }
        }
        Ok(())
    }
}

/// One value of a record as the text of a CSV cell (`None`: empty).
struct CellText(Option<String>);

impl<'de> Deserialize<'de> for CellText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<CellText, D::Error> {
        d.deserialize_any(CellVisitor)
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = CellText;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a number or null")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<CellText, E> {
        Ok(CellText(Some(v.to_string())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<CellText, E> {
        Ok(CellText(Some(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<CellText, E> {
        Ok(CellText(Some(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<CellText, E> {
        Ok(CellText(Some(v.to_string())))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<CellText, E> {
        Ok(CellText(Some(v.to_string())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<CellText, E> {
        Ok(CellText(Some(v)))
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<CellText, E> {
        Ok(CellText(None))
    }
    fn visit_none<E: de::Error>(self) -> std::result::Result<CellText, E> {
        Ok(CellText(None))
    }
}

/// A node named as JS names columns (`civilServants`) as the core names it
/// (`civil_servants`); codes (`B.3`, `A.1.1`), `sipas` and snake_case keys pass unchanged.
pub fn core_key(code: &str) -> String {
    let t = code.trim();
    let camel_case = t.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && t.chars().all(|c| c.is_ascii_alphanumeric())
        && t.chars().any(|c| c.is_ascii_uppercase());
    if !camel_case {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len() + 4);
    for c in t.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// What-if changes on a SIPAS result: `[{ code, add } | { code, set }]`, or (as Python)
/// `{ code: points | { add } | { set } }`. `add` is percentage points added to every item
/// beneath the node; `set` moves the node to that percent. Codes are node codes (`B.2`),
/// column keys (`procedures`, `civilServants`), item codes or `sipas`.
pub fn sipas_changes(v: &Js, name: &str) -> Result<Vec<NodeChange>> {
    // The core's bounds, checked here so that the error names the change.
    let add_of = |v: &Js, path: &str| -> Result<Decimal> {
        let d = decimal(v, path)?;
        if d.abs() > Decimal::ONE_HUNDRED {
            return Err(invalid(path, format!("{d} is outside −100..=100 percentage points")));
        }
        Ok(d)
    };
    let set_of = |v: &Js, path: &str| -> Result<Decimal> {
        let d = decimal(v, path)?;
        if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED {
            return Err(invalid(path, format!("{d} is outside 0–100 percent")));
        }
        Ok(d)
    };
    let one = |code: &str, add: &Js, set: &Js, path: &str| -> Result<NodeChange> {
        let code = core_key(code);
        match (add.is_absent(), set.is_absent()) {
            (false, true) => Ok(NodeChange::add(&code, add_of(add, &format!("{path}.add"))?)),
            (true, false) => Ok(NodeChange::set(&code, set_of(set, &format!("{path}.set"))?)),
            _ => Err(invalid(path, "give exactly one of `add` or `set`")),
        }
    };
    match v {
        Js::Arr(items) => items
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let path = format!("{name}[{i}]");
                let o = Fields::new(c, &path, &["code", "add", "set"], false)?;
                one(&string(o.get("code"), &o.path("code"))?, o.get("add"), o.get("set"), &path)
            })
            .collect(),
        Js::Obj(entries) => entries
            .iter()
            .map(|(code, change)| {
                let path = format!("{name}[{code:?}]");
                match change {
                    Js::Obj(_) => {
                        let o = Fields::new(change, &path, &["add", "set"], false)?;
                        one(code, o.get("add"), o.get("set"), &path)
                    }
                    points => Ok(NodeChange::add(&core_key(code), add_of(points, &path)?)),
                }
            })
            .collect(),
        other => Err(invalid(
            name,
            format!(
                "expected [{{ code, add }} | {{ code, set }}, …] or {{ code: points, … }}, got {}",
                other.type_name()
            ),
        )),
    }
}

/// A node's or item's values keyed by its column key in camelCase (`civilServants`).
fn keyed<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<Decimal>)>) -> Js {
    Js::obj(pairs.into_iter().map(|(k, v)| (camel(k), Js::opt_dec(v))))
}

/// The node columns of a result: `{ code, key, nameVi, nameEn, level, depth, items }`, keys
/// in camelCase as in the rows of `SipasResult::unit_rows`.
pub fn sipas_nodes(r: &SipasResult) -> Result<Js> {
    let mut nodes = out(&r.nodes)?;
    if let Js::Arr(items) = &mut nodes {
        for (n, info) in items.iter_mut().zip(&r.nodes) {
            n.set("key", Js::str(camel(&info.key)));
        }
    }
    Ok(nodes)
}

/// Everything about one unit (the core's `SipasUnitDetail`): `unit, sipas, rank,
/// respondents, weightTotal`, `nodes` (column key → percent), `items` (`code, key,
/// satisfaction, valid, satisfied, missing, dontKnow, validWeight`), `itemsWithoutAnswers`,
/// `row` (first row of the unit in the input). Column keys in camelCase (`civilServants`).
pub fn unit_detail(u: &UnitIndex) -> Result<Js> {
    let mut detail = out(&parindex::contract::SipasUnitDetail::of(u))?;
    if let (Js::Obj(entries), Some(items)) = (&mut detail, Some(&u.items)) {
        for (_, list) in entries.iter_mut().filter(|(k, _)| k == "items") {
            if let Js::Arr(list) = list {
                for (it, item) in list.iter_mut().zip(items) {
                    it.set("key", Js::str(camel(&item.key)));
                }
            }
        }
    }
    Ok(detail)
}

/// A SIPAS what-if as Python returns it: `unit, sipasBefore, sipasAfter, rankBefore,
/// rankAfter, of, nodesAfter` (column key → percent), `cappedItems`.
pub fn sipas_what_if(w: &SipasWhatIf) -> Result<Js> {
    Ok(Js::obj([
        ("unit", Js::str(w.unit.clone())),
        ("sipasBefore", Js::dec(w.sipas_before)),
        ("sipasAfter", Js::dec(w.sipas_after)),
        ("rankBefore", Js::int(u64::from(w.rank_before))),
        ("rankAfter", Js::int(u64::from(w.rank_after))),
        ("of", Js::int(u64::from(w.of))),
        ("nodesAfter", keyed(w.nodes_after.iter().map(|n| (n.key.as_str(), n.value)))),
        ("cappedItems", out(&w.capped_items)?),
    ]))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use parindex::sipas::{SipasOptions, SyntheticSpec};
    use std::str::FromStr;

    #[test]
    fn camel_case_keys() {
        assert_eq!(camel("p_target"), "pTarget");
        assert_eq!(camel("rank_p05"), "rankP05");
        assert_eq!(camel("unit_2025"), "unit2025");
        assert_eq!(camel("score"), "score");
        assert_eq!(camel("gain_for_p50"), "gainForP50");
        assert_eq!(camel("_private"), "private");
    }

    #[test]
    fn decimals_from_strings_and_numbers() {
        let d = |v: Js| decimal(&v, "x");
        assert_eq!(d(Js::str("85.94")).unwrap(), Decimal::from_str("85.94").unwrap());
        assert_eq!(d(Js::str("9,5")).unwrap(), Decimal::from_str("9.5").unwrap());
        assert_eq!(d(Js::Num(85.94)).unwrap().to_string(), "85.94");
        assert_eq!(d(Js::Num(0.1 + 0.2)).unwrap().to_string(), "0.30000000000000004");
        assert_eq!(d(Js::Num(2.0)).unwrap().to_string(), "2");
        assert_eq!(d(Js::Num(-0.0)).unwrap().to_string(), "0");
        for bad in [Js::Num(f64::NAN), Js::Num(f64::INFINITY), Js::Bool(true), Js::str("abc"), Js::Arr(vec![])] {
            let e = d(bad.clone()).unwrap_err();
            assert_eq!(e.kind(), "INVALID_ARGUMENT", "{bad:?}");
            assert!(e.to_string().contains("`x`"), "{e}");
        }
        assert!(d(Js::Undefined).is_err());
        assert_eq!(opt_decimal(&Js::Null, "x").unwrap(), None);
    }

    #[test]
    fn strings_follow_the_core_decimal_rule_and_numbers_convert_exactly() {
        let d = |v: Js| decimal(&v, "x");
        let text = |v: Js| d(v).unwrap().to_string();
        assert_eq!(text(Js::str("2,5")), "2.5");
        assert_eq!(text(Js::str(" -1.50 ")), "-1.50");
        assert_eq!(text(Js::Num(1e21)), format!("1{}", "0".repeat(21)));
        assert_eq!(text(Js::Num(1e-7)), "0.0000001");
        assert_eq!(text(Js::BigInt("123".into())), "123");
        // Too large: out of range, never "not a number".
        for (v, shown) in [
            (Js::Num(1e30), "`1000000000000000000000000000000`"),
            (Js::str("99999999999999999999999999999"), "`99999999999999999999999999999`"),
            (Js::BigInt("1".repeat(40)), "n is out of range"),
        ] {
            let e = d(v.clone()).unwrap_err();
            assert_eq!(e.kind(), "INVALID_ARGUMENT");
            let m = e.to_string();
            assert!(m.contains("out of range") && m.contains(shown), "{v:?}: {m}");
        }
        // Too precise: refused, never rounded.
        for v in [Js::Num(1e-40), Js::str("0.12345678901234567890123456789")] {
            let m = d(v.clone()).unwrap_err().to_string();
            assert!(m.contains("cannot be held exactly") && m.contains("not rounded"), "{v:?}: {m}");
        }
        // The core's parser refuses exponents in text, and so do both bindings.
        for bad in ["1e-2", "1E5", "2,5e1", "e5", "1e", "1.2.3", "1,2.3", "1 000", "Infinity", "NaN", "0x10", ""] {
            let m = d(Js::str(bad)).unwrap_err().to_string();
            assert!(m.contains("is not a decimal number"), "{bad}: {m}");
            assert!(parindex::decimal::parse_decimal(bad, &parindex::Location::default()).is_err(), "{bad}");
        }
    }

    #[test]
    fn whole_numbers_out_of_range_say_so() {
        let m = |v: Js| int(&v, "n", 1, 63).unwrap_err().to_string();
        for v in [Js::Num(1e20), Js::str("99999999999999999999"), Js::Num(-1.0), Js::Num(0.0)] {
            let msg = m(v.clone());
            assert!(msg.contains("out of range") && msg.contains("1..=63"), "{v:?}: {msg}");
        }
        assert!(m(Js::Num(1e20)).contains("`n`: 100000000000000000000 is out of range"), "{}", m(Js::Num(1e20)));
        assert!(m(Js::Num(30.5)).contains("not a whole number"));
        assert!(m(Js::str("thirty")).contains("`thirty` is not a whole number 1..=63"), "{}", m(Js::str("thirty")));
        assert!(int(&Js::str("3e1"), "n", 1, 63).is_err());
        assert_eq!(int(&Js::str(" 30.0 "), "n", 1, 63).unwrap(), 30);
        let r = |v: Js| rank(&v, "targetRank", 63).unwrap_err().to_string();
        for v in [
            Js::Num(-1.0),
            Js::Num(0.0),
            Js::Num(64.0),
            Js::Num(99999999999999999999.0),
            Js::str("99999999999999999999"),
        ] {
            let msg = r(v.clone());
            assert!(
                msg.starts_with("invalid `targetRank`: ") && msg.contains("give a rank, a whole number 1..=63"),
                "{v:?}: {msg}"
            );
            assert!(!msg.contains("4294967295"), "{msg}");
        }
        assert_eq!(rank(&Js::Num(63.0), "targetRank", 63).unwrap(), 63);
        assert!(r(Js::Num(30.5)).contains("30.5 is not a whole number"), "{}", r(Js::Num(30.5)));
        assert_eq!(opt_rank(&Js::Undefined, "targetRank", 63).unwrap(), None);
        let s = |v: Js| seed(&v, "seed").unwrap_err().to_string();
        assert!(s(Js::str("99999999999999999999999")).contains("out of range"));
        assert!(s(Js::Num(1e300)).contains("BigInt"));
        assert!(s(Js::Num(-1.0)).contains("out of range"));
        assert_eq!(seed(&Js::str("18446744073709551615"), "s").unwrap(), Some(u64::MAX));
    }

    #[test]
    fn integers_and_seeds() {
        assert_eq!(int(&Js::Num(30.0), "t", 1, 63).unwrap(), 30);
        assert_eq!(int(&Js::str("30"), "t", 1, 63).unwrap(), 30);
        assert!(int(&Js::Num(30.5), "t", 1, 63).is_err());
        assert!(int(&Js::Num(0.0), "t", 1, 63).is_err());
        assert!(int(&Js::Bool(true), "t", 1, 63).is_err());
        assert_eq!(seed(&Js::Num(7.0), "s").unwrap(), Some(7));
        assert_eq!(seed(&Js::BigInt("18446744073709551615".into()), "s").unwrap(), Some(u64::MAX));
        assert!(seed(&Js::Num(-1.0), "s").is_err());
        assert!(seed(&Js::Num(1e300), "s").is_err());
    }

    #[test]
    fn options_reject_unknown_keys() {
        let o = Js::obj([("targetRank", Js::Num(30.0))]);
        assert!(Fields::new(&o, "options", &["targetRank"], false).is_ok());
        let e = Fields::new(&o, "options", &["target"], false).unwrap_err();
        assert!(e.to_string().contains("unknown key `targetRank`"), "{e}");
        assert!(Fields::new(&Js::Undefined, "options", &[], true).is_ok());
        assert!(Fields::new(&Js::Undefined, "options", &[], false).is_err());
    }

    #[test]
    fn results_keep_order_and_exact_decimals() {
        let t = parindex::published(&parindex::IndexKind::Par, 2023).unwrap();
        let need = out(&t.points_to_rank("Lạng Sơn", 30).unwrap()).unwrap();
        let Js::Obj(entries) = &need else { panic!("not an object") };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["low", "high", "estimate"]);
        assert_eq!(need.get("low"), &Js::str("1.10"));
        assert_eq!(need.get("high"), &Js::str("1.38"));
        let rows = out(&t.rows()).unwrap();
        let Js::Arr(rows) = rows else { panic!("not an array") };
        assert_eq!(rows.len(), 63);
        assert!(rows[0].get("scoreLow") != &Js::Undefined);
    }

    #[test]
    fn no_solution_is_null() {
        assert_eq!(least_cost_out(None), Js::Null);
    }

    #[test]
    fn camel_case_keys_read_back_as_the_core_names_them() {
        assert_eq!(core_key("civilServants"), "civil_servants");
        assert_eq!(core_key(" civil_servants "), "civil_servants");
        for same in ["B.3", "A.1.1", "sipas", "procedures", "P", "Total"] {
            assert_eq!(core_key(same), same);
        }
        assert_eq!(camel(&core_key("civilServants")), "civilServants");
        let changes = sipas_changes(&Js::obj([("civilServants", Js::Num(2.0))]), "changes").unwrap();
        assert_eq!(changes, vec![NodeChange::add("civil_servants", Decimal::TWO)]);
        let set = Js::Arr(vec![Js::obj([("code", Js::str("B.2")), ("set", Js::str("70"))])]);
        assert_eq!(sipas_changes(&set, "changes").unwrap(), vec![NodeChange::set("B.2", Decimal::from(70))]);
        assert!(sipas_changes(&Js::Num(1.0), "changes").is_err());
    }

    #[test]
    fn sipas_rows_have_pythons_columns_in_camel_case() {
        let fw = parindex::framework::builtin("sipas-2023").unwrap();
        let spec = SyntheticSpec { units: 2, respondents: 10, ..SyntheticSpec::default() };
        let r = parindex::sipas::Survey::synthetic(fw, &spec).unwrap().compute(&SipasOptions::default()).unwrap();
        let Js::Arr(rows) = out(&r.unit_rows(false)).unwrap() else { panic!("not an array") };
        let Js::Obj(first) = &rows[0] else { panic!("not an object") };
        let keys: Vec<&str> = first.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "unit",
                "sipas",
                "policy",
                "service",
                "information",
                "participation",
                "implementation",
                "impact",
                "access",
                "procedures",
                "civilServants",
                "results",
                "feedback",
                "n",
                "rank"
            ]
        );
        // Shown at the result's stated precision (4 decimals), never the 28-digit mean.
        assert_eq!(rows[0].get("sipas"), &Js::dec(r.shown(r.units[0].sipas)));
        assert_eq!(rows[0].get("n"), &Js::Num(10.0));
        // The API hands the detail a unit at the stated precision (`shown_unit`).
        let detail = unit_detail(&r.units[0].shown(r.decimals)).unwrap();
        assert_eq!(detail.get("nodes").get("civilServants"), &Js::opt_dec(r.units[0].value("B.3").map(|v| r.shown(v))));
    }

    #[test]
    fn records_become_csv_with_spreadsheet_rows() {
        let json = r#"[{"respondent":"r1","unit":"A","item":"P.1.1","answer":4},
            {"respondent":"r1","unit":"A, B","item":"P.1.2","answer":null,"weight":1.5},
            {"unit":"A","respondent":2,"item":"P.1.1","answer":"dk"},
            {"respondent":"r3","unit":"A","item":"P.1.1","answer":true}]"#;
        assert_eq!(
            records_csv(json, "answers").unwrap(),
            "respondent,unit,item,answer,weight\nr1,A,P.1.1,4,\nr1,\"A, B\",P.1.2,,1.5\n2,A,P.1.1,dk,\nr3,A,P.1.1,true,\n"
        );
        assert_eq!(records_csv("[]", "answers").unwrap(), "");
        let e = records_csv(r#"[{"a":1},"x"]"#, "answers").unwrap_err();
        assert_eq!(e.kind(), "INVALID_ARGUMENT");
        assert!(e.to_string().contains("`answers[1]`") && e.to_string().contains("answer object"), "{e}");
        let e = records_csv(r#"[{"a":1},{"a":[1]}]"#, "answers").unwrap_err();
        assert!(e.to_string().contains("`answers[1].a`"), "{e}");
    }

    #[test]
    fn bands_read_as_printed() {
        #[derive(Serialize)]
        struct Row {
            band: parindex::Band,
            band_after: Option<parindex::Band>,
        }
        let js = out(&Row { band: parindex::Band::BelowC, band_after: Some(parindex::Band::A) }).unwrap();
        assert_eq!(js.get("band"), &Js::str("below C"));
        assert_eq!(js.get("bandAfter"), &Js::str("A"));
    }
}
