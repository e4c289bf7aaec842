//! The one reader from JS values into the core's input types: a serde `Deserializer` over
//! a [`Js`] value, handed to [`parindex::contract::deserialize`] (so the shapes, defaults,
//! decimal rule and error paths are the core's, as in Python).
//!
//! Field names are camelCase in JS and snake_case in the core: the key of an object read
//! as a struct (`deserialize_struct`) is converted (`targetRank` → `target_rank`); the key
//! of an object read as a mapping (`deserialize_map`: points, scenarios, SIPAS changes —
//! codes and names are data) is never touched. A value the core reads by its own shape
//! (`deserialize_any`: change models, costs) converts only keys written in camelCase
//! (`shockSd`), never codes, names with spaces or dots, or capitalised names. Errors name
//! the path in JS spelling (`options.model.shockSd`, `scenarios["Kế hoạch A"]["1.1"].add`).
//!
//! Numbers: a whole number up to 2⁵³ is read as an integer, any other finite number as a
//! float (the core takes its shortest round-trip text); `NaN`, `±Infinity` and a `BigInt`
//! beyond 64 bits are refused.

use crate::convert::{camel, Js, MAX_SAFE_INTEGER};
use parindex::Error;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

static UNDEFINED: Js = Js::Undefined;

/// Read `v` as the core's `T` (the contract's shapes); `name` is the argument's JS name.
///
/// Errors: [`Error::InvalidArgument`] naming the path in JS spelling.
pub fn input<T: DeserializeOwned>(v: &Js, name: &str) -> parindex::Result<T> {
    parindex::contract::deserialize(JsDe { value: v, keys: Keys::Any }, name).map_err(js_spelling)
}

/// The snake_case field names of the core struct `T`, read from its `Deserialize` (the
/// one list of its keys): the keys an options object may give for `T`.
pub fn fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let found = std::cell::Cell::new(&[][..]);
    // The probe fails on purpose once `T` names its fields.
    let _ = T::deserialize(FieldProbe(&found));
    found.get()
}

/// An options object read in parts: the keys of each core type go to that type's
/// `Deserialize` (through [`input`]), the binding's own keys (`label`, `framework`) are
/// read one by one. Every key must belong to a part or be one of the binding's keys.
pub struct Options {
    entries: Vec<(String, Js)>,
    name: String,
}

impl Options {
    /// `v` read as the options object `name` (`undefined`/`null`: empty when `optional`)
    /// whose keys (JS spelling) are the fields of `parts` or one of `extra`.
    ///
    /// Errors: [`Error::InvalidArgument`] naming `name` for a value that is not an object
    /// or an unknown key (listing the known ones).
    pub fn new(v: &Js, name: &str, parts: &[&[&str]], extra: &[&str], optional: bool) -> parindex::Result<Options> {
        let entries = match v {
            Js::Obj(entries) => entries.clone(),
            Js::Undefined | Js::Null if optional => Vec::new(),
            other => {
                return Err(Error::invalid_argument(
                    name,
                    format!("expected an options object, got {}", other.type_name()),
                ))
            }
        };
        let mut known: Vec<String> = parts.iter().flat_map(|p| p.iter().map(|f| camel(f))).collect();
        known.extend(extra.iter().map(|k| (*k).to_string()));
        known.dedup();
        if let Some((k, _)) = entries.iter().find(|(k, _)| !known.contains(k)) {
            return Err(Error::invalid_argument(name, format!("unknown key `{k}` (known: {})", known.join(", "))));
        }
        Ok(Options { entries, name: name.to_string() })
    }

    /// The keys that are `T`'s fields, read as `T` (absent keys: `T`'s defaults).
    ///
    /// Errors: as [`input`], the path starting at this object's name.
    pub fn part<T: DeserializeOwned>(&self) -> parindex::Result<T> {
        let fields = fields::<T>();
        let mine = self.entries.iter().filter(|(k, _)| fields.contains(&snake(k).as_str())).cloned();
        input(&Js::Obj(mine.collect()), &self.name)
    }

    /// The value at `key` (`undefined` when absent).
    pub fn get(&self, key: &str) -> &Js {
        self.entries.iter().find(|(k, _)| k == key).map_or(&UNDEFINED, |(_, v)| v)
    }

    /// Whether any key of `T` is given.
    pub fn has<T: DeserializeOwned>(&self) -> bool {
        let fields = fields::<T>();
        self.entries.iter().any(|(k, v)| !v.is_absent() && fields.contains(&snake(k).as_str()))
    }

    /// The workbook part, [`parindex::TableOptions`]: `sheet`, `headerRow`, `columns`. The
    /// keys of `columns` are column roles, field names of the core (`rank_basis`), so they
    /// are read in camelCase as other field names (`rankBasis`); the headers are data.
    ///
    /// Errors: as [`Options::part`].
    pub fn table(&self) -> parindex::Result<parindex::TableOptions> {
        let fields = fields::<parindex::TableOptions>();
        let mine = self.entries.iter().filter(|(k, _)| fields.contains(&snake(k).as_str())).map(|(k, v)| match v {
            Js::Obj(roles) if k == "columns" => {
                (k.clone(), Js::Obj(roles.iter().map(|(r, h)| (crate::convert::core_key(r), h.clone())).collect()))
            }
            _ => (k.clone(), v.clone()),
        });
        input(&Js::Obj(mine.collect()), &self.name)
    }

    /// The value at `key` read as `T` (a binding's own key: `label`, `includeGainCounts`).
    ///
    /// Errors: as [`input`], naming `options.key`.
    pub fn value<T: DeserializeOwned>(&self, key: &str) -> parindex::Result<T> {
        input(self.get(key), &self.path(key))
    }

    /// The path of `key` for error messages, e.g. `options.label`.
    pub fn path(&self, key: &str) -> String {
        format!("{}.{key}", self.name)
    }
}

/// The deserializer that only asks a struct for its field names.
struct FieldProbe<'a>(&'a std::cell::Cell<&'static [&'static str]>);

impl<'de> de::Deserializer<'de> for FieldProbe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, DeError> {
        Err(DeError("not a struct".into()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _v: V,
    ) -> Result<V::Value, DeError> {
        self.0.set(fields);
        Err(DeError("fields read".into()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple map enum
        tuple_struct identifier ignored_any
    }
}

/// An argument error from the contract, its path and message in JS spelling
/// (`options.target_rank` → `options.targetRank`, `` `cost_per_point` `` → `` `costPerPoint` ``).
pub fn js_spelling(e: Error) -> Error {
    match e {
        Error::InvalidArgument { name, message } => {
            Error::InvalidArgument { name: camel_path(&name), message: camel_quoted(&message) }
        }
        other => other,
    }
}

/// The `.field` segments of a path in camelCase; `["data"]` segments as they are.
fn camel_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(i) = rest.find(['.', '[']) {
        out.push_str(&rest[..i]);
        if rest[i..].starts_with('[') {
            // A data key or an index: copied up to its closing `]` (quotes inside are JSON).
            let end = rest[i..].find("\"]").map(|j| i + j + 2).or_else(|| rest[i..].find(']').map(|j| i + j + 1));
            let end = end.unwrap_or(rest.len());
            out.push_str(&rest[i..end]);
            rest = &rest[end..];
        } else {
            let end = rest[i + 1..].find(['.', '[']).map_or(rest.len(), |j| i + 1 + j);
            out.push('.');
            out.push_str(&camel(&rest[i + 1..end]));
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

/// Backquoted snake_case words of a message in camelCase (`` `target_rank` ``): field
/// names. Enum values are the same string in every language (`units_2025`, `in_progress`),
/// so a message listing variants is left as it is.
fn camel_quoted(message: &str) -> String {
    if message.starts_with("unknown variant") {
        return message.to_string();
    }
    let parts: Vec<&str> = message.split('`').collect();
    let snake =
        |s: &str| s.contains('_') && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 1 && snake(p) { camel(p) } else { (*p).to_string() })
        .collect::<Vec<_>>()
        .join("`")
}

/// `camelCase` → `snake_case` (`targetRank` → `target_rank`, `rankP05` → `rank_p05`).
pub fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A key written in camelCase: a lower-case ASCII word with at least one capital.
fn is_camel(key: &str) -> bool {
    key.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && key.bytes().all(|b| b.is_ascii_alphanumeric())
        && key.bytes().any(|b| b.is_ascii_uppercase())
}

/// How the keys of an object are read (see the module docs).
#[derive(Clone, Copy)]
enum Keys {
    Struct,
    Map,
    Any,
}

impl Keys {
    fn convert(self, key: &str) -> String {
        match self {
            Keys::Struct => snake(key),
            Keys::Any if is_camel(key) => snake(key),
            Keys::Map | Keys::Any => key.to_string(),
        }
    }
}

/// The reader's error: a message (the path is added by the contract).
#[derive(Debug)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }
}

struct JsDe<'a> {
    value: &'a Js,
    keys: Keys,
}

impl<'a> JsDe<'a> {
    fn visit_object<'de, V: Visitor<'de>>(entries: &'a [(String, Js)], keys: Keys, v: V) -> Result<V::Value, DeError> {
        let kept: Vec<&'a (String, Js)> = entries.iter().filter(|(_, x)| !matches!(x, Js::Undefined)).collect();
        v.visit_map(ObjAccess { entries: kept.into_iter(), value: None, keys })
    }
}

impl<'de, 'a> de::Deserializer<'de> for JsDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.value {
            Js::Undefined | Js::Null => v.visit_unit(),
            Js::Bool(b) => v.visit_bool(*b),
            Js::Num(n) if !n.is_finite() => Err(DeError(format!("{} is not a number here", self.value.type_name()))),
            Js::Num(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER as f64 => {
                if *n < 0.0 {
                    v.visit_i64(*n as i64)
                } else {
                    v.visit_u64(*n as u64)
                }
            }
            Js::Num(n) => v.visit_f64(*n),
            Js::Str(s) => v.visit_str(s),
            Js::BigInt(d) => match (d.parse::<u64>(), d.parse::<i64>()) {
                (Ok(u), _) => v.visit_u64(u),
                (_, Ok(i)) => v.visit_i64(i),
                _ => Err(DeError(format!("{d}n is out of range (a BigInt within 64 bits)"))),
            },
            Js::Arr(items) => v.visit_seq(SeqJs { items: items.iter(), keys: self.keys }),
            Js::Obj(entries) => JsDe::visit_object(entries, self.keys, v),
            Js::Other(kind) => Err(DeError(format!("{kind} is not a value here"))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        if self.value.is_absent() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match self.value {
            Js::Obj(entries) => JsDe::visit_object(entries, Keys::Struct, v),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.value {
            Js::Obj(entries) => JsDe::visit_object(entries, Keys::Map, v),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match self.value {
            Js::Str(s) => v.visit_enum(s.as_str().into_deserializer()),
            Js::Obj(entries) => v.visit_enum(de::value::MapAccessDeserializer::new(ObjAccess {
                entries: entries.iter().collect::<Vec<_>>().into_iter(),
                value: None,
                keys: Keys::Struct,
            })),
            _ => self.deserialize_any(v),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct identifier ignored_any
    }
}

struct SeqJs<'a> {
    items: std::slice::Iter<'a, Js>,
    keys: Keys,
}

impl<'de, 'a> SeqAccess<'de> for SeqJs<'a> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(value) => seed.deserialize(JsDe { value, keys: self.keys }).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct ObjAccess<'a> {
    entries: std::vec::IntoIter<&'a (String, Js)>,
    value: Option<&'a Js>,
    keys: Keys,
}

impl<'de, 'a> MapAccess<'de> for ObjAccess<'a> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some((k, v)) => {
                self.value = Some(v);
                let key: de::value::StringDeserializer<DeError> = self.keys.convert(k).into_deserializer();
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self.value.take().ok_or_else(|| DeError("a value without a key".into()))?;
        seed.deserialize(JsDe { value, keys: Keys::Any })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use parindex::contract::{Points, Scenarios};
    use parindex::simulate::{ChangeModel, MonteCarlo};

    #[test]
    fn struct_fields_convert_and_data_keys_stay() {
        let o = Js::obj([
            ("province", Js::str("Lạng Sơn")),
            ("gain", Js::Num(2.0)),
            ("targetRank", Js::Num(30.0)),
            ("model", Js::obj([("kind", Js::str("fitted")), ("shockSd", Js::Num(0.5))])),
        ]);
        let mc: MonteCarlo = input(&o, "options").unwrap();
        assert_eq!((mc.target_rank, mc.gains.len()), (30, 1));
        assert_eq!(mc.scenarios, MonteCarlo::default().scenarios, "the core's default");
        assert!(matches!(mc.model, ChangeModel::Fitted(m) if m.shock_sd == Some(0.5)));
        let s = Js::obj([("planA", Js::obj([("1.1", Js::Num(0.1)), ("shockSd", Js::obj([("set", Js::str("1"))]))]))]);
        let Scenarios(list) = input(&s, "scenarios").unwrap();
        assert_eq!(list[0].name, "planA", "a scenario name is data");
        assert_eq!(list[0].changes[0].code(), "1.1");
        assert_eq!(list[0].changes[1].code(), "shockSd", "a code is data");
        let Points(p) = input(&Js::obj([("1", Js::Num(0.1))]), "points").unwrap();
        assert_eq!(p[0].1.to_string(), "0.1", "a float through its shortest text");
    }

    #[test]
    fn options_read_in_parts_refuse_unknown_keys() {
        use parindex::sipas::{BootstrapOptions, SipasOptions};
        assert_eq!(fields::<BootstrapOptions>(), ["replicates", "seed", "level"]);
        let v = Js::obj([("tiePolicy", Js::str("dense")), ("replicates", Js::Num(10.0)), ("label", Js::str("x"))]);
        let parts = [fields::<SipasOptions>(), fields::<BootstrapOptions>()];
        let o = Options::new(&v, "options", &parts, &["label"], false).unwrap();
        let s: SipasOptions = o.part().unwrap();
        let b: BootstrapOptions = o.part().unwrap();
        assert_eq!((s.tie_policy.as_str(), b.replicates, b.seed), ("dense", 10, BootstrapOptions::default().seed));
        assert_eq!(o.value::<Option<String>>("label").unwrap().as_deref(), Some("x"));
        let bad = Js::obj([("replicate", Js::Num(10.0))]);
        let e = Options::new(&bad, "options", &parts, &[], false).err().unwrap();
        assert!(e.to_string().contains("unknown key `replicate`") && e.to_string().contains("tiePolicy"), "{e}");
        let wrong = Js::obj([("level", Js::str("x"))]);
        let e = Options::new(&wrong, "options", &parts, &[], false).unwrap().part::<BootstrapOptions>().unwrap_err();
        assert!(e.to_string().contains("`options.level`"), "{e}");
        let roles = Js::obj([("columns", Js::obj([("rankBasis", Js::str("Cách xếp"))])), ("headerRow", Js::Num(2.0))]);
        let t = Options::new(&roles, "options", &[fields::<parindex::TableOptions>()], &[], false)
            .unwrap()
            .table()
            .unwrap();
        assert_eq!((t.header_row, t.columns.get("rank_basis").map(String::as_str)), (Some(2), Some("Cách xếp")));
    }

    #[test]
    fn errors_name_the_path_in_js_spelling() {
        let o = Js::obj([("province", Js::str("X")), ("gain", Js::Num(1.0)), ("targetRank", Js::Num(f64::NAN))]);
        let e = input::<MonteCarlo>(&o, "options").unwrap_err();
        assert_eq!(e.kind(), "INVALID_ARGUMENT");
        assert!(e.to_string().contains("`options.targetRank`"), "{e}");
        let o = Js::obj([("province", Js::str("X")), ("gain", Js::Num(1.0)), ("targetRanks", Js::Num(3.0))]);
        let m = input::<MonteCarlo>(&o, "options").unwrap_err().to_string();
        assert!(m.contains("`targetRanks`") && m.contains("`targetRank`"), "{m}");
        let s = Js::obj([("Kế hoạch A", Js::obj([("1.1", Js::obj([("add", Js::str("x"))]))]))]);
        let m = input::<Scenarios>(&s, "scenarios").unwrap_err().to_string();
        assert!(m.contains(r#"`scenarios["Kế hoạch A"]["1.1"].add`"#), "{m}");
        assert_eq!(camel_path(r#"a.b_c["x_y"].d_e[3]"#), r#"a.bC["x_y"].dE[3]"#);
        let o = Js::obj([("index", Js::str("par")), ("year", Js::Num(2025.0)), ("roster", Js::str("units2025"))]);
        let m = input::<parindex::CsvTableOptions>(&o, "options").unwrap_err().to_string();
        assert!(m.contains("`options.roster`") && m.contains("`units_2025`"), "the core's one spelling: {m}");
        for bad in [Js::Num(f64::INFINITY), Js::BigInt("1".repeat(30)), Js::Bool(true)] {
            assert!(input::<Points>(&Js::obj([("1", bad.clone())]), "points").is_err(), "{bad:?}");
        }
    }
}
