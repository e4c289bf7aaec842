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
    /// Parse `"par"`, `"sipas"` (any case, also `"par index"`, `"par_index"`); anything else
    /// non-empty is a custom index. Errors: empty name.
    pub fn parse(name: &str) -> crate::Result<IndexKind> {
        let folded = crate::province::fold(name).replace(' ', "_");
        Ok(match folded.as_str() {
            "" => return Err(crate::Error::invalid_argument("index", "empty index name")),
            "par" | "par_index" | "parindex" => IndexKind::Par,
            "sipas" => IndexKind::Sipas,
            _ => IndexKind::Custom(name.trim().to_string()),
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
