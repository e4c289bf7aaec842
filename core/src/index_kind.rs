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
    /// Parse `"par"`, `"sipas"` (any case, also `"par index"`, `"par_index"`, `"PAR-INDEX"`); anything else
    /// non-empty is a custom index (a province's own, such as `"SIPAS sở ngành"`).
    ///
    /// Errors: [`crate::Error::InvalidArgument`] on `index` for an empty name, and for a
    /// one-word name that looks like a mistyped `par` or `sipas` (`"sipas2"`, `"par2024"`,
    /// `"sipa"`, `"parr"`): read as a custom index, such a table would silently skip the
    /// checks of the national indices (the 63 provinces, the published years).
    pub fn parse(name: &str) -> crate::Result<IndexKind> {
        let folded = crate::province::fold(name).replace([' ', '-'], "_");
        Ok(match folded.as_str() {
            "" => return Err(crate::Error::invalid_argument("index", "empty index name")),
            "par" | "par_index" | "parindex" => IndexKind::Par,
            "sipas" => IndexKind::Sipas,
            _ => {
                if let Some(meant) = mistyped(&folded) {
                    return Err(crate::Error::invalid_argument(
                        "index",
                        format!(
                            "{:?} is not an index name: did you mean {meant:?}? (a custom index needs a \
                             name of its own, such as \"SIPAS sở ngành\")",
                            name.trim()
                        ),
                    ));
                }
                IndexKind::Custom(name.trim().to_string())
            }
        })
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

/// The national index a folded name seems meant for: `par` or `sipas` followed by digits,
/// spaces or punctuation only (`"sipas 2024"`), or a single word one edit away from `par`,
/// `parindex` or `sipas`.
fn mistyped(folded: &str) -> Option<&'static str> {
    let chars: Vec<char> = folded.chars().collect();
    let near = |word: &str| {
        !folded.contains('_') && crate::province::edit_distance(&chars, &word.chars().collect::<Vec<char>>()) <= 1
    };
    let rest_is_noise = |prefix: &str| {
        folded
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c.is_ascii_punctuation()))
    };
    if rest_is_noise("sipas") || near("sipas") {
        Some("sipas")
    } else if rest_is_noise("parindex") || rest_is_noise("par") || near("par") || near("parindex") {
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
        IndexKind::parse(&s).map_err(serde::de::Error::custom)
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
            ("Sipas", IndexKind::Sipas),
        ] {
            assert_eq!(IndexKind::parse(name).ok(), Some(want), "{name}");
        }
        for name in ["SIPAS sở ngành", "district index", "PCI", "department index", "pars index"] {
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
        ] {
            let err = IndexKind::parse(name).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(&format!("did you mean \"{meant}\"")), "{name}: {err}");
            assert!(err.contains(&format!("{name:?}")), "{name}: {err}");
        }
    }
}
