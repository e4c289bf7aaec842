//! Which index a table, framework or simulation is about.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The index: the provincial PAR INDEX (Chỉ số cải cách hành chính), SIPAS (Chỉ số hài lòng
/// về sự phục vụ hành chính), or a caller's own index (a province's index of its departments,
/// districts or communes), named freely.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(type = "IndexName"))]
pub enum IndexKind {
    /// PAR INDEX, percent 0–100 of a 100-point framework.
    Par,
    /// SIPAS, percent 0–100 satisfied.
    Sipas,
    /// Any other index, by name.
    Custom(String),
}

impl IndexKind {
    /// Parse a national index by any of its names, ignoring case, diacritics, spaces and
    /// dashes: `"par"`, `"PAR INDEX"`, `"Chỉ số CCHC"`, `"Chỉ số cải cách hành chính"`;
    /// `"sipas"`, `"Chỉ số SIPAS"`, `"Chỉ số hài lòng về sự phục vụ hành chính"`. Anything
    /// else non-empty is a custom index (a province's own, such as `"SIPAS sở ngành"`).
    ///
    /// Errors: [`crate::Error::InvalidArgument`] on `index` for an empty name, and for a name
    /// that looks like a national index but is not one of its names: with a year or other
    /// digits (`"PAR INDEX 2023"`, `"sipas2"`: the year is an argument of its own), or a
    /// single word one edit away (`"sipa"`, `"parr"`). Read as a custom index, such a table
    /// would silently skip the checks of the national indices (the 63 provinces, the
    /// published years) and fail later with a misleading error.
    pub fn parse(name: &str) -> crate::Result<IndexKind> {
        let folded = crate::province::fold(name).replace([' ', '-'], "_");
        if folded.is_empty() {
            return Err(crate::Error::invalid_argument("index", "empty index name"));
        }
        let refuse = |meant: &str| {
            crate::Error::invalid_argument(
                "index",
                format!(
                    "{:?} is not an index name: did you mean {meant:?}? (the year is an argument of its own; a \
                     custom index needs a name of its own, such as \"SIPAS sở ngành\")",
                    name.trim()
                ),
            )
        };
        match national(&folded) {
            Some((kind, false)) => Ok(kind),
            Some((kind, true)) => Err(refuse(kind.as_str())),
            None => match near_miss(&folded) {
                Some(meant) => Err(refuse(meant)),
                None => Ok(IndexKind::Custom(name.trim().to_string())),
            },
        }
    }

    /// The short name: `"par"`, `"sipas"`, or the custom name.
    pub fn as_str(&self) -> &str {
        match self {
            IndexKind::Par => "par",
            IndexKind::Sipas => "sipas",
            IndexKind::Custom(name) => name,
        }
    }

    /// Display name in Vietnamese.
    pub fn name_vi(&self) -> &str {
        match self {
            IndexKind::Par => "Chỉ số cải cách hành chính (PAR INDEX)",
            IndexKind::Sipas => "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)",
            IndexKind::Custom(name) => name,
        }
    }
}

/// The national index a folded name (lower case, no diacritics, `_` between words) names,
/// and whether it carries digits besides (`"par_index_2023"`): its words, less any made
/// only of digits or punctuation, less a leading "chỉ số" and the word "index", are one of
/// the index's names.
fn national(folded: &str) -> Option<(IndexKind, bool)> {
    const PAR: &[&str] = &["par", "parindex", "cchc", "cai_cach_hanh_chinh"];
    const SIPAS: &[&str] = &["sipas", "hai_long_ve_su_phuc_vu_hanh_chinh", "sipas_hai_long_ve_su_phuc_vu_hanh_chinh"];
    // Digits and punctuation at a word's end are noise ("sipas2", "2023"): trimmed, and a
    // word of nothing else dropped.
    let noise = |c: char| c.is_ascii_digit() || c.is_ascii_punctuation();
    let mut words: Vec<&str> =
        folded.split('_').map(|t| t.trim_end_matches(noise)).filter(|t| !t.is_empty() && *t != "index").collect();
    if words.starts_with(&["chi", "so"]) {
        words.drain(..2);
    }
    let joined = words.join("_");
    let with_noise = folded.chars().any(|c| c.is_ascii_digit());
    if PAR.contains(&joined.as_str()) {
        Some((IndexKind::Par, with_noise))
    } else if SIPAS.contains(&joined.as_str()) {
        Some((IndexKind::Sipas, with_noise))
    } else {
        None
    }
}

/// The national index a single word one edit away from `par`, `parindex` or `sipas` seems
/// meant for (`"sipa"`, `"parr"`).
fn near_miss(folded: &str) -> Option<&'static str> {
    if folded.contains('_') {
        return None;
    }
    let chars: Vec<char> = folded.chars().collect();
    let near = |word: &str| crate::province::edit_distance(&chars, &word.chars().collect::<Vec<char>>()) <= 1;
    if near("sipas") {
        Some("sipas")
    } else if near("par") || near("parindex") {
        Some("par")
    } else {
        None
    }
}

impl fmt::Display for IndexKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for IndexKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for IndexKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        // The message alone: the caller's error already names the field (`options.index`).
        IndexKind::parse(&s).map_err(|e| match e {
            crate::Error::InvalidArgument { message, .. } => serde::de::Error::custom(message),
            other => serde::de::Error::custom(other),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::IndexKind;

    #[test]
    fn national_names_parse_and_custom_names_stay_custom() {
        for (name, want) in [
            ("PAR", IndexKind::Par),
            ("par index", IndexKind::Par),
            ("PAR-INDEX", IndexKind::Par),
            ("Chỉ số CCHC", IndexKind::Par),
            ("Chỉ số cải cách hành chính", IndexKind::Par),
            ("Sipas", IndexKind::Sipas),
            ("Chỉ số SIPAS", IndexKind::Sipas),
            ("Chỉ số hài lòng về sự phục vụ hành chính", IndexKind::Sipas),
        ] {
            assert_eq!(IndexKind::parse(name).ok(), Some(want), "{name}");
        }
        for name in [
            "SIPAS sở ngành",
            "district index",
            "PCI",
            "department index",
            "pars index",
            "Chỉ số cải cách hành chính cấp huyện",
            "PAR INDEX sở ngành",
        ] {
            assert_eq!(IndexKind::parse(name).ok(), Some(IndexKind::Custom(name.to_string())), "{name}");
        }
    }

    #[test]
    fn near_misses_of_par_and_sipas_are_refused_with_the_likely_name() {
        for (name, meant) in [
            ("sipas2", "sipas"),
            ("SIPAS 2024", "sipas"),
            ("sipa", "sipas"),
            ("sipass", "sipas"),
            ("par2024", "par"),
            ("par-2024", "par"),
            ("parr", "par"),
            ("parindx", "par"),
            ("PAR INDEX 2023", "par"),
            ("par_index_2024", "par"),
            ("Chỉ số SIPAS 2023", "sipas"),
        ] {
            let err = IndexKind::parse(name).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(&format!("did you mean \"{meant}\"")), "{name}: {err}");
            assert!(err.contains(&format!("{name:?}")), "{name}: {err}");
        }
    }
}
