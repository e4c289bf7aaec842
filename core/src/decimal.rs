//! Exact decimals: parsing as Vietnamese sources write them, the publication rounding rule,
//! percentages, and the fixed-point hundredths the simulations count in.
//!
//! Points and percentages are [`Decimal`] everywhere. Division (points ÷ max × 100) keeps
//! 28 significant digits; nothing is rounded until a value is published.

use crate::error::{Error, Location, Result};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

pub use rust_decimal::Decimal as Dec;

/// Decimal places of published points and percentages (2, as the Ministry publishes them).
pub const PUBLISH_DP: u32 = 2;

/// One publication step (0.01), the smallest difference published values can show.
pub const STEP: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// 100, the percentage scale.
pub const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// The largest magnitude of any points, maximum, cost or weight the library accepts (10⁹):
/// far beyond any methodology, and small enough that no sum or product of them can
/// overflow exact decimal arithmetic.
pub const LIMIT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// Error unless |value| ≤ [`LIMIT`].
///
/// Errors: [`Error::AboveMax`] at `at` (with the limit as the maximum).
pub fn check_limit(value: Decimal, at: &Location) -> Result<()> {
    if value.abs() > LIMIT {
        return Err(Error::AboveMax { at: at.clone(), points: value, max: LIMIT });
    }
    Ok(())
}

/// Parse a decimal as written in Vietnamese or English sources: `85.94`, `85,94`, `9,5`,
/// `-1.2`, with surrounding spaces. A decimal comma is accepted only when the text has no
/// point (so `1,234.5` is rejected rather than misread). Empty text, `NaN`, `inf`,
/// exponents and thousands separators are errors. This is the library's one decimal rule
/// ([`crate::contract::number`]): exact or refused, never rounded.
///
/// Errors: [`Error::InvalidNumber`] at `at`.
pub fn parse_decimal(text: &str, at: &Location) -> Result<Decimal> {
    crate::contract::parse_exact(text)
        .map_err(|_| Error::InvalidNumber { at: at.clone(), value: crate::error::quote(text) })
}

/// Parse an optional decimal: empty text is `None`, anything else must parse.
pub fn parse_optional(text: &str, at: &Location) -> Result<Option<Decimal>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_decimal(text, at).map(Some)
    }
}

/// The publication rule: round to 2 decimals, halves away from zero (86.865 → 86.87).
/// The Ministry's own rounding rule is not published; this is the common convention and
/// the one used whenever this library prints or compares a published value.
pub fn round_publish(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(PUBLISH_DP, RoundingStrategy::MidpointAwayFromZero)
}

/// `points ÷ max × 100`, unrounded (28 significant digits). Errors when `max` is not positive.
pub fn percent(points: Decimal, max: Decimal) -> Result<Decimal> {
    if max <= Decimal::ZERO {
        return Err(Error::invalid_argument("max_points", format!("{max} is not positive")));
    }
    points
        .checked_mul(HUNDRED)
        .and_then(|p| p.checked_div(max))
        .ok_or_else(|| Error::invalid_argument("points", format!("{points} / {max} overflows")))
}

/// Units: a method's points are either **percentage points** of an index (the 0–100 scale
/// every league table uses) or **framework points** (the points of a [`crate::Framework`],
/// out of its total max, e.g. 100 for PAR, 10 for a district index). This is the one
/// conversion from the first to the second: `percentage_points × max_points ÷ 100`.
///
/// Errors: [`Error::InvalidArgument`] when `max_points` is not positive or the product overflows.
pub fn framework_points(percentage_points: Decimal, max_points: Decimal) -> Result<Decimal> {
    if max_points <= Decimal::ZERO {
        return Err(Error::invalid_argument("max_points", format!("{max_points} is not positive")));
    }
    percentage_points
        .checked_mul(max_points)
        .and_then(|p| p.checked_div(HUNDRED))
        .ok_or_else(|| Error::invalid_argument("points", format!("{percentage_points} × {max_points} overflows")))
}

/// The inverse of [`framework_points`]: framework points → percentage points of the index
/// (`points ÷ max_points × 100`, the same as [`percent`]).
///
/// Errors: as [`percent`].
pub fn percentage_points(points: Decimal, max_points: Decimal) -> Result<Decimal> {
    percent(points, max_points)
}

/// Format a value the way it is published: exactly 2 decimals (`85.9` → `"85.90"`).
pub fn fmt_publish(value: Decimal) -> String {
    let mut v = round_publish(value);
    v.rescale(PUBLISH_DP);
    v.to_string()
}

/// A value in hundredths (85.94 → 8594), for the simulations' integer hot loops. Values
/// with more than 2 decimals are first rounded by [`round_publish`].
pub fn to_hundredths(value: Decimal) -> Result<i64> {
    let scaled = round_publish(value).checked_mul(HUNDRED);
    scaled.and_then(|s| s.to_i64()).ok_or_else(|| Error::invalid_argument("value", format!("{value} is out of range")))
}

/// The inverse of [`to_hundredths`].
pub fn from_hundredths(hundredths: i64) -> Decimal {
    Decimal::new(hundredths, PUBLISH_DP)
}

/// Convert to `f64` for plotting or probabilities only (never for scoring).
pub fn to_f64(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Decimal> {
        parse_decimal(s, &Location::default())
    }

    #[test]
    fn accepts_point_and_comma() {
        assert_eq!(p("85.94").unwrap(), Decimal::new(8594, 2));
        assert_eq!(p(" 85,94 ").unwrap(), Decimal::new(8594, 2));
        assert_eq!(p("9,5").unwrap(), Decimal::new(95, 1));
        assert_eq!(p("-1.2").unwrap(), Decimal::new(-12, 1));
        assert_eq!(p("100").unwrap(), Decimal::ONE_HUNDRED);
    }

    #[test]
    fn rejects_non_numbers() {
        for bad in [
            "",
            " ",
            "abc",
            "NaN",
            "inf",
            "1e3",
            "1,234.5",
            "1,2,3",
            "1..2",
            "-",
            "85.94%",
            "0.12345678901234567890123456789",
        ] {
            let err = p(bad).unwrap_err();
            assert_eq!(err.kind(), "INVALID_NUMBER", "{bad}");
        }
    }

    #[test]
    fn publication_rounding_is_half_away_from_zero() {
        assert_eq!(round_publish(Decimal::new(86865, 3)), Decimal::new(8687, 2));
        assert_eq!(fmt_publish(Decimal::new(859, 1)), "85.90");
        // 12.99 / 13 = 99.923…: the published field index from unrounded points was 99.93,
        // which is why percentages are kept unrounded and rounded only here.
        let pct = percent(Decimal::new(1299, 2), Decimal::from(13)).unwrap();
        assert_eq!(fmt_publish(pct), "99.92");
    }

    #[test]
    fn hundredths_round_trip() {
        assert_eq!(to_hundredths(Decimal::new(8594, 2)).unwrap(), 8594);
        assert_eq!(from_hundredths(8594), Decimal::new(8594, 2));
        assert!(percent(Decimal::ONE, Decimal::ZERO).is_err());
    }
}

/// Serde for decimals in data files: written as strings (`"9.5"`), read from strings
/// (decimal comma accepted) or JSON numbers (read through their shortest decimal form, so
/// `85.94` stays 85.94).
pub mod serde_dec {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    /// Serialize as a string.
    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.normalize().to_string())
    }

    /// Deserialize from a string or a number (the one rule, [`crate::contract::number`]).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        crate::contract::number::deserialize_exact(d)
    }
}

/// Serde for optional decimals: `null` or absent is `None`; otherwise as [`serde_dec`].
pub mod serde_opt_dec {
    use rust_decimal::Decimal;
    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};
    use std::fmt;

    /// Serialize `None` as `null`, a value as a string.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::serde_dec::serialize(v, s),
            None => s.serialize_none(),
        }
    }

    /// Deserialize `null`, a string or a number.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        d.deserialize_option(OptVisitor)
    }

    struct OptVisitor;

    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<Decimal>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("null, a decimal number or a decimal string")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            crate::contract::number::deserialize_exact(d).map(Some)
        }
    }
}
