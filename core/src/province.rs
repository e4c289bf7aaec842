//! The 63 provinces (tỉnh, thành phố trực thuộc trung ương) ranked until 2024, their
//! socio-economic regions (vùng kinh tế - xã hội), and the 34 provincial units formed by
//! the July 2025 rearrangement (Resolution 202/2025/QH15).
//!
//! Data: `core/data/provinces.csv` (canonical names as used in published results, region,
//! unit from 1 July 2025, known alternative spellings). Names are matched ignoring case,
//! diacritics and tone-mark placement (Hòa / Hoà), punctuation, and a leading
//! "tỉnh" / "thành phố" / "TP", so `Lang Son`, `Hoà Bình` and `TP.HCM` all resolve.

use crate::error::{Error, Location, Result};
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

const PROVINCES_CSV: &str = include_str!("../data/provinces.csv");
const PROVINCES_FILE: &str = "core/data/provinces.csv";

/// One of the 63 provinces and centrally-run cities ranked until 2024.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Province {
    /// Canonical name, as in the published results (e.g. `Thành phố Hồ Chí Minh`).
    pub name: String,
    /// Socio-economic region (one of 6) used for published regional averages.
    pub region: String,
    /// The provincial unit it belongs to from 1 July 2025.
    pub unit_2025: String,
    /// Other spellings found in sources (e.g. `TP.HCM`, `Bắc Cạn`).
    pub aliases: Vec<String>,
}

/// A provincial unit from 1 July 2025 (34 in all; 11 unchanged, 23 formed by merging).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Unit2025 {
    /// Name of the unit (the name of one of its parts; `Huế` for Thừa Thiên Huế).
    pub name: String,
    /// The pre-2025 provinces it absorbed, in registry order.
    pub members: Vec<String>,
}

impl Unit2025 {
    /// Whether the unit was formed by merging two or more provinces.
    pub fn merged(&self) -> bool {
        self.members.len() > 1
    }
}

/// The province registry. Obtain it with [`registry`].
#[derive(Debug)]
pub struct Registry {
    provinces: Vec<Province>,
    units: Vec<Unit2025>,
    regions: Vec<String>,
    by_key: HashMap<String, usize>,
    unit_by_key: HashMap<String, usize>,
}

/// The built-in registry, parsed once from `core/data/provinces.csv`.
///
/// Errors: only if the embedded data file were malformed (the test suite guards it).
pub fn registry() -> Result<&'static Registry> {
    static REGISTRY: OnceLock<Result<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::parse(PROVINCES_CSV, PROVINCES_FILE)).as_ref().map_err(Clone::clone)
}

/// The matching key of a name: lower case, no diacritics (đ → d), punctuation as spaces,
/// and without a leading "tỉnh", "thành phố" or "TP".
pub fn fold(name: &str) -> String {
    let plain: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c if c.is_alphanumeric() => c.to_ascii_lowercase(),
            _ => ' ',
        })
        .collect();
    let words: Vec<&str> = plain.split_whitespace().collect();
    let rest: &[&str] = match words.as_slice() {
        ["tinh", rest @ ..] if !rest.is_empty() => rest,
        ["thanh", "pho", rest @ ..] if !rest.is_empty() => rest,
        ["tp", rest @ ..] if !rest.is_empty() => rest,
        all => all,
    };
    rest.join(" ")
}

impl Registry {
    fn parse(text: &str, file: &str) -> Result<Registry> {
        let at = Location::file(file);
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| Error::malformed(at.clone(), e.to_string()))?.clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| Error::MissingField { at: at.clone(), field: name.to_string() })
        };
        let (c_name, c_region, c_unit, c_alias) =
            (col("province")?, col("region")?, col("unit_from_2025_07")?, col("aliases")?);
        let mut provinces = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let row_at = at.at_row(i + 2);
            let record = record.map_err(|e| Error::malformed(row_at.clone(), e.to_string()))?;
            let field = |c: usize, name: &str| {
                record
                    .get(c)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .ok_or_else(|| Error::MissingField { at: row_at.with_column(name), field: name.to_string() })
            };
            let aliases = record
                .get(c_alias)
                .unwrap_or("")
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            provinces.push(Province {
                name: field(c_name, "province")?,
                region: field(c_region, "region")?,
                unit_2025: field(c_unit, "unit_from_2025_07")?,
                aliases,
            });
        }
        Registry::build(provinces, &at)
    }

    fn build(provinces: Vec<Province>, at: &Location) -> Result<Registry> {
        let mut by_key = HashMap::new();
        for (i, p) in provinces.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(p.aliases.iter()) {
                if let Some(j) = by_key.insert(fold(name), i) {
                    if j != i {
                        return Err(Error::DuplicateProvince {
                            at: at.with_code(name.clone()),
                            province: name.clone(),
                            first: format!("the spellings of {}", provinces.get(j).map_or("?", |q| &q.name)),
                        });
                    }
                }
            }
        }
        let mut units: Vec<Unit2025> = Vec::new();
        let mut regions: Vec<String> = Vec::new();
        for p in &provinces {
            match units.iter_mut().find(|u| u.name == p.unit_2025) {
                Some(u) => u.members.push(p.name.clone()),
                None => units.push(Unit2025 { name: p.unit_2025.clone(), members: vec![p.name.clone()] }),
            }
            if !regions.contains(&p.region) {
                regions.push(p.region.clone());
            }
        }
        let unit_by_key = units.iter().enumerate().map(|(i, u)| (fold(&u.name), i)).collect();
        Ok(Registry { provinces, units, regions, by_key, unit_by_key })
    }

    /// All 63 provinces, in the registry's order (north to south by region).
    pub fn provinces(&self) -> &[Province] {
        &self.provinces
    }

    /// The 6 socio-economic regions, in the registry's order.
    pub fn regions(&self) -> &[String] {
        &self.regions
    }

    /// The 34 provincial units from 1 July 2025.
    pub fn units_2025(&self) -> &[Unit2025] {
        &self.units
    }

    /// The province a name refers to, under any known spelling.
    pub fn province(&self, name: &str) -> Option<&Province> {
        self.by_key.get(&fold(name)).and_then(|&i| self.provinces.get(i))
    }

    /// The canonical name of a province. Errors: [`Error::UnknownProvince`] at `at`.
    pub fn canonical(&self, name: &str, at: &Location) -> Result<&str> {
        self.province(name).map(|p| p.name.as_str()).ok_or_else(|| Error::UnknownProvince {
            at: at.clone(),
            name: name.to_string(),
            closest: closest(name, self.provinces.iter().map(|p| p.name.as_str())),
        })
    }

    /// The 2025 unit a name refers to: a unit's own name, or the name of a province that
    /// carried on as that unit (its name kept, or renamed as Thừa Thiên Huế → Huế). A
    /// province merged into a unit named after another one is not accepted as the unit.
    pub fn unit_2025(&self, name: &str) -> Option<&Unit2025> {
        if let Some(u) = self.unit_by_key.get(&fold(name)).and_then(|&i| self.units.get(i)) {
            return Some(u);
        }
        let province = self.province(name)?;
        let unit = self.units.iter().find(|u| u.name == province.unit_2025)?;
        (unit.name == province.name || unit.members.len() == 1).then_some(unit)
    }

    /// The region of a province (any spelling).
    pub fn region_of(&self, name: &str) -> Option<&str> {
        self.province(name).map(|p| p.region.as_str())
    }
}

/// The names closest to `name` (ignoring case and diacritics; edit distance at most a third
/// of the name, and at least 2), best first, at most 3: suggestions for an unknown name.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let key: Vec<char> = fold(name).chars().collect();
    let limit = (key.len() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .map(|c| (edit_distance(&key, &fold(c).chars().collect::<Vec<char>>()), c))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    let mut out: Vec<String> = Vec::new();
    for (_, c) in scored {
        if !out.iter().any(|o| o == c) && out.len() < 3 {
            out.push(c.to_string());
        }
    }
    out
}

/// Levenshtein distance over characters (the one used for every "did you mean").
pub(crate) fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_the_primer() {
        let r = registry().unwrap();
        assert_eq!(r.provinces().len(), 63);
        assert_eq!(r.regions().len(), 6);
        assert_eq!(r.units_2025().len(), 34);
        assert_eq!(r.units_2025().iter().filter(|u| !u.merged()).count(), 11);
        assert_eq!(r.units_2025().iter().filter(|u| u.merged()).count(), 23);
    }

    #[test]
    fn spellings_in_the_wild_resolve() {
        let r = registry().unwrap();
        let cases = [
            ("Hoà Bình", "Hòa Bình"),
            ("Thanh Hoá", "Thanh Hóa"),
            ("TP.HCM", "Thành phố Hồ Chí Minh"),
            ("TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
            ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
            ("Bắc Cạn", "Bắc Kạn"),
            ("Huế", "Thừa Thiên Huế"),
            ("tỉnh Lạng Sơn", "Lạng Sơn"),
            ("Lang Son", "Lạng Sơn"),
            ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
            ("TP. Hải Phòng", "Hải Phòng"),
        ];
        for (given, canonical) in cases {
            assert_eq!(r.canonical(given, &Location::default()).unwrap(), canonical, "{given}");
        }
        let err = r.canonical("Atlantis", &Location::file("x.csv").at_row(4)).unwrap_err();
        assert_eq!(err.to_string(), "file `x.csv`, row 4: unknown province `Atlantis`");
    }

    #[test]
    fn units_of_2025() {
        let r = registry().unwrap();
        let hue = r.unit_2025("Thừa Thiên Huế").unwrap();
        assert_eq!(hue.name, "Huế");
        let lang_son = r.unit_2025("Lạng Sơn").unwrap();
        assert_eq!(lang_son.members, vec!["Lạng Sơn"]);
        let hcm = r.unit_2025("TP.HCM").unwrap();
        assert_eq!(hcm.members.len(), 3);
        assert!(hcm.members.contains(&"Bình Dương".to_string()));
        // Hà Giang was merged into Tuyên Quang: it is not a 2025 unit.
        assert!(r.unit_2025("Hà Giang").is_none());
    }
}
