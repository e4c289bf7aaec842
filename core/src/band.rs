//! Bands (nhóm A / B / C) of a published index, from `core/data/bands.csv`.

use crate::decimal::round_publish;
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;
use std::sync::OnceLock;

const BANDS_CSV: &str = include_str!("../data/bands.csv");

/// The band of an index: A (≥ 90%), B (80 to < 90%), C (70 to < 80%), or below C
/// (methodology primer §1, confirmed). Thresholds are read from `core/data/bands.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Band {
    /// Nhóm A.
    A,
    /// Nhóm B.
    B,
    /// Nhóm C.
    C,
    /// Below band C.
    #[serde(rename = "below C")]
    BelowC,
}

impl Band {
    /// The band of an index in percent (0–100), judged on the published 2-decimal value
    /// (so 89.996 publishes as 90.00 and is band A).
    pub fn of(percent: Decimal) -> Band {
        let p = round_publish(percent);
        thresholds().iter().find(|(_, min)| p >= *min).map_or(Band::BelowC, |(b, _)| *b)
    }

    /// `"A"`, `"B"`, `"C"` or `"below C"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::A => "A",
            Band::B => "B",
            Band::C => "C",
            Band::BelowC => "below C",
        }
    }

    /// Lowest percent of the band (`None` for below C).
    pub fn min_percent(self) -> Option<Decimal> {
        thresholds().iter().find(|(b, _)| *b == self).map(|(_, m)| *m)
    }
}

impl std::fmt::Display for Band {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// (band, minimum percent), highest first. A malformed data row is skipped; the tests
/// assert that all three bands load.
fn thresholds() -> &'static [(Band, Decimal)] {
    static T: OnceLock<Vec<(Band, Decimal)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut out: Vec<(Band, Decimal)> = csv::Reader::from_reader(BANDS_CSV.as_bytes())
            .records()
            .filter_map(|r| r.ok())
            .filter_map(|r| {
                let band = match r.get(0)? {
                    "A" => Band::A,
                    "B" => Band::B,
                    "C" => Band::C,
                    _ => return None,
                };
                Some((band, Decimal::from_str(r.get(1)?).ok()?))
            })
            .collect();
        out.sort_by_key(|t| std::cmp::Reverse(t.1));
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_primer() {
        assert_eq!(thresholds().len(), 3);
        let b = |s: &str| Band::of(Decimal::from_str(s).unwrap());
        assert_eq!(b("92.18"), Band::A);
        assert_eq!(b("90"), Band::A);
        assert_eq!(b("89.996"), Band::A);
        assert_eq!(b("89.99"), Band::B);
        assert_eq!(b("85.94"), Band::B);
        assert_eq!(b("79.30"), Band::C);
        assert_eq!(b("69.99"), Band::BelowC);
        assert_eq!(Band::B.min_percent(), Some(Decimal::from(80)));
    }
}
