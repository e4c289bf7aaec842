//! The one exact decimal rule of the library: every decimal the core reads from text (CSV
//! cells, JSON data files) and every decimal a binding hands in (Python, JavaScript) goes
//! through [`parse_exact`] or the serde adaptors below. The bindings never parse decimal
//! text themselves.
//!
//! # The rule
//!
//! A decimal input is one of:
//!
//! - **a string**: surrounding spaces ignored, an optional sign (`-`, `+`), digits with at
//!   most one decimal point, or one decimal comma when the text has no point (`9,5`, as
//!   Vietnamese sources write it), at least one digit (`.5` and `5.` are accepted).
//!   No exponent (`"1e3"` is refused: write `"1000"`), no thousands separators (`"1,234.5"`
//!   is refused rather than misread), no `NaN` or `inf`. The scale written is kept
//!   (`"85.90"` has 2 decimal places).
//! - **an integer** (any size the caller's number type carries).
//! - **a float**: read through its shortest round-trip text, the shortest decimal that
//!   reads back as the same float (`0.1` → 0.1 exactly, `85.94` → 85.94, the float `1e3`
//!   → 1000; an `f32` through its own shortest text). NaN and ±infinity are refused.
//!
//! Exact or refused: a value that a [`Decimal`] cannot hold exactly (a magnitude beyond
//! ±79,228,162,514,264,337,593,543,950,335, or more than 28 decimal places and 28–29
//! significant digits once leading zeros and trailing zeros after the point are dropped)
//! is an error, never a rounding. Booleans, `null` (where a value is required), lists and
//! mappings are refused.
//!
//! Errors through serde name the path of the value (see [`super::from_value`]); through
//! [`parse_exact`], a [`NotDecimal`] that says why.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Largest magnitude a decimal holds: 2⁹⁶ − 1 (29 digits, about 7.9 × 10²⁸).
pub const DECIMAL_MAX: &str = "79228162514264337593543950335";

/// Why a text is not a decimal the library holds exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDecimal {
    /// Not a number in the rule's form (`abc`, `1.2.3`, `1e3`, `1,234.5`, `NaN`).
    NotNumber,
    /// A number beyond ±(2⁹⁶ − 1).
    TooLarge,
    /// A number with more digits than a decimal holds (more than 28 decimal places, or
    /// 29 significant digits with a fraction): refused rather than rounded.
    TooPrecise,
}

impl NotDecimal {
    /// The message for `shown` (the value as the caller wrote it).
    pub fn message(self, shown: &str) -> String {
        let shown = crate::error::quote(shown.trim());
        match self {
            NotDecimal::NotNumber => format!(
                "`{shown}` is not a decimal number (write \"9.5\" or \"9,5\": no exponent, no thousands separators)"
            ),
            NotDecimal::TooLarge => {
                format!("`{shown}` is out of range: decimals stop at ±{DECIMAL_MAX} (about 7.9 × 10²⁸)")
            }
            NotDecimal::TooPrecise => format!(
                "`{shown}` cannot be held exactly: a decimal has at most 28 decimal places and 28 to 29 significant digits (it is refused, not rounded: round it first)"
            ),
        }
    }
}

/// A text in the rule's form split into sign, integer digits and fraction digits (the
/// decimal comma made a point).
fn split(text: &str) -> Result<(bool, &str, &str), NotDecimal> {
    let t = text.trim();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = match (body.matches('.').count(), body.matches(',').count()) {
        (0, 0) => (body, ""),
        (1, 0) => body.split_once('.').unwrap_or((body, "")),
        (0, 1) => body.split_once(',').unwrap_or((body, "")),
        _ => return Err(NotDecimal::NotNumber),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) || (int.is_empty() && frac.is_empty()) {
        return Err(NotDecimal::NotNumber);
    }
    Ok((negative, int, frac))
}

/// Parse a decimal written as the rule says (see the [module](self)): `85.94`, `85,94`,
/// `-1.2`, `+3`, ` 9,5 `. The scale written is kept (`85.90` has 2 decimal places); leading
/// zeros and trailing zeros of the fraction are dropped only when the value would not fit
/// otherwise.
///
/// Errors: [`NotDecimal`] (not a number in this form, out of range, or not exact).
pub fn parse_exact(text: &str) -> Result<Decimal, NotDecimal> {
    let (negative, int, frac) = split(text)?;
    let sign = if negative { "-" } else { "" };
    let written = if frac.is_empty() {
        format!("{sign}{}", if int.is_empty() { "0" } else { int })
    } else {
        format!("{sign}{}.{frac}", if int.is_empty() { "0" } else { int })
    };
    if let Ok(d) = Decimal::from_str_exact(&written) {
        return Ok(d);
    }
    // Leading zeros and trailing zeros after the point carry no precision.
    let (int, frac) = (int.trim_start_matches('0'), frac.trim_end_matches('0'));
    let trimmed = match (int.is_empty(), frac.is_empty()) {
        (true, true) => "0".to_string(),
        (_, true) => format!("{sign}{int}"),
        (true, false) => format!("{sign}0.{frac}"),
        (false, false) => format!("{sign}{int}.{frac}"),
    };
    if let Ok(d) = Decimal::from_str_exact(&trimmed) {
        return Ok(d);
    }
    if int.len() > DECIMAL_MAX.len() || (int.len() == DECIMAL_MAX.len() && int > DECIMAL_MAX) {
        Err(NotDecimal::TooLarge)
    } else {
        Err(NotDecimal::TooPrecise)
    }
}

/// A float as an exact decimal through its shortest round-trip text (`0.1` → 0.1).
///
/// Errors: the message for NaN, ±infinity, or a float beyond the decimal range.
pub fn from_f64(value: f64) -> Result<Decimal, String> {
    if !value.is_finite() {
        return Err(format!("`{value}` is not a finite number (NaN and infinities are refused)"));
    }
    // Rust writes an f64 as its shortest round-trip decimal, without an exponent.
    let text = value.to_string();
    parse_exact(&text).map_err(|why| why.message(&text))
}

/// An integer as a decimal. Errors: the message for a magnitude beyond the decimal range.
pub fn from_i128(value: i128) -> Result<Decimal, String> {
    Decimal::try_from_i128_with_scale(value, 0).map_err(|_| NotDecimal::TooLarge.message(&value.to_string()))
}

/// The serde visitor of the rule (strings, integers, floats; never booleans).
pub(crate) struct ExactVisitor;

impl Visitor<'_> for ExactVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal: a string such as \"9.5\" or \"9,5\", an integer or a finite number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_exact(v).map_err(|why| E::custom(why.message(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        from_i128(v).map_err(E::custom)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        i128::try_from(v)
            .map_err(|_| E::custom(NotDecimal::TooLarge.message(&v.to_string())))
            .and_then(|v| from_i128(v).map_err(E::custom))
    }

    fn visit_f32<E: de::Error>(self, v: f32) -> Result<Decimal, E> {
        if !v.is_finite() {
            return Err(E::custom(format!("`{v}` is not a finite number (NaN and infinities are refused)")));
        }
        // An f32's own shortest text (0.1f32 → 0.1, not 0.100000001490116…).
        let text = v.to_string();
        parse_exact(&text).map_err(|why| E::custom(why.message(&text)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        from_f64(v).map_err(E::custom)
    }
}

/// A decimal read by the rule, for use as a value of lists and maps
/// (`Vec<ExactDecimal>`) and in hand-written `Deserialize` impls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExactDecimal(pub Decimal);

impl<'de> Deserialize<'de> for ExactDecimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ExactVisitor).map(ExactDecimal)
    }
}

impl Serialize for ExactDecimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(&self.0, s)
    }
}

/// `#[serde(with = "crate::contract::decimal")]` for a required decimal: read by the rule,
/// written as the decimal's string (`"85.94"`).
pub mod decimal {
    use super::ExactDecimal;
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Read by the rule.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        ExactDecimal::deserialize(d).map(|x| x.0)
    }

    /// Written as a string.
    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(value, s)
    }
}

/// `#[serde(default, with = "crate::contract::opt_decimal")]` for an optional decimal:
/// `null` or absent is `None`, anything else is read by the rule.
pub mod opt_decimal {
    use super::ExactDecimal;
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// `null` → `None`; otherwise read by the rule.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        Option::<ExactDecimal>::deserialize(d).map(|x| x.map(|x| x.0))
    }

    /// `None` as `null`, a value as a string.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(value, s)
    }
}

/// `#[serde(with = "crate::contract::decimals")]` for a list of decimals, each read by the
/// rule; a single decimal is a list of one (`"gains": 1.5` is `[1.5]`).
pub mod decimals {
    use super::ExactDecimal;
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serialize, Serializer};

    /// A list, or one value as a list of one.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
        d.deserialize_any(ManyVisitor)
    }

    struct ManyVisitor;

    impl<'de> serde::de::Visitor<'de> for ManyVisitor {
        type Value = Vec<Decimal>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a decimal or a list of decimals")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Decimal>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(x) = seq.next_element::<ExactDecimal>()? {
                out.push(x.0);
            }
            Ok(out)
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<Decimal>, E> {
            super::ExactVisitor.visit_str(v).map(|d| vec![d])
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Vec<Decimal>, E> {
            Ok(vec![Decimal::from(v)])
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Vec<Decimal>, E> {
            Ok(vec![Decimal::from(v)])
        }

        fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Vec<Decimal>, E> {
            super::ExactVisitor.visit_i128(v).map(|d| vec![d])
        }

        fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Vec<Decimal>, E> {
            super::ExactVisitor.visit_u128(v).map(|d| vec![d])
        }

        fn visit_f32<E: serde::de::Error>(self, v: f32) -> Result<Vec<Decimal>, E> {
            super::ExactVisitor.visit_f32(v).map(|d| vec![d])
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Vec<Decimal>, E> {
            super::ExactVisitor.visit_f64(v).map(|d| vec![d])
        }
    }

    /// Written as a list of strings.
    pub fn serialize<S: Serializer>(value: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(value, s)
    }
}

/// `#[serde(with = "crate::contract::decimal_list")]` for a list of decimals (a list only).
pub mod decimal_list {
    use super::ExactDecimal;
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Each element read by the rule.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
        Vec::<ExactDecimal>::deserialize(d).map(|v| v.into_iter().map(|x| x.0).collect())
    }

    /// Written as a list of strings.
    pub fn serialize<S: Serializer>(value: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(value, s)
    }
}

/// The visitor, for the core's older serde modules ([`crate::decimal::serde_dec`]).
pub(crate) fn deserialize_exact<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(ExactVisitor)
}

/// A whole number: an integer, or a float with no fraction (`3.0`: a DataFrame column with
/// gaps holds floats). `3.5`, NaN, strings and booleans are refused.
struct WholeVisitor;

impl Visitor<'_> for WholeVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(format!("{v} is out of range")))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(format!("{v} is out of range")))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(format!("{v} is out of range")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        // ±2⁶³ bound the floats whose whole value an i64 holds.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if v.is_finite() && v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v) {
            #[allow(clippy::cast_possible_truncation)]
            return Ok(v as i64);
        }
        Err(E::custom(format!("`{v}` is not a whole number")))
    }

    fn visit_f32<E: de::Error>(self, v: f32) -> Result<i64, E> {
        self.visit_f64(f64::from(v))
    }
}

/// `#[serde(default, with = "crate::contract::number::opt_whole")]`: an optional whole
/// number (`null` or absent: `None`; see the whole-number rule above).
pub mod opt_whole {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    struct Whole(i64);

    impl<'de> Deserialize<'de> for Whole {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(super::WholeVisitor).map(Whole)
        }
    }

    /// `null` → `None`; otherwise a whole number.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        Option::<Whole>::deserialize(d).map(|w| w.map(|w| w.0))
    }

    /// `None` as `null`, a value as a number.
    pub fn serialize<S: Serializer>(value: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(value, s)
    }
}

/// [`opt_whole`] for a non-negative count or row (`usize`).
pub mod opt_whole_usize {
    use serde::de::Error;
    use serde::{Deserializer, Serialize, Serializer};

    /// `null` → `None`; otherwise a whole number ≥ 0.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
        match super::opt_whole::deserialize(d)? {
            None => Ok(None),
            Some(v) => usize::try_from(v).map(Some).map_err(|_| D::Error::custom(format!("{v} is negative"))),
        }
    }

    /// `None` as `null`, a value as a number.
    pub fn serialize<S: Serializer>(value: &Option<usize>, s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(value, s)
    }
}
