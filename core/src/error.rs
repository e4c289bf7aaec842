//! The one error type of the library.
//!
//! Every variant says what was wrong and where: the file (or the label the caller gave the
//! input), the row (spreadsheet numbering: the header is row 1), the column and the
//! criterion or province code involved, as far as they apply. Bindings map each variant's
//! [`Error::kind`] to a stable code (`"ABOVE_MAX"`, `"UNKNOWN_CODE"`, …).

use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// Where in the caller's input a problem was found. Every part is optional; the display
/// joins the parts that are known, e.g. ``file `scores.csv`, row 7, column `points`, code `3.2` ``.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Location {
    /// File path, or the label the caller gave an in-memory input.
    pub file: Option<String>,
    /// Worksheet name, for a workbook (trang tính).
    pub sheet: Option<String>,
    /// Row in spreadsheet numbering (the header row is row 1, the first record row 2).
    pub row: Option<usize>,
    /// Column name.
    pub column: Option<String>,
    /// Criterion, node or item code.
    pub code: Option<String>,
    /// Cell in A1 style (`C7`), for a workbook.
    pub cell: Option<String>,
}

impl Location {
    /// A location naming only a file (or input label).
    pub fn file(file: impl Into<String>) -> Self {
        Self { file: Some(file.into()), ..Self::default() }
    }

    /// A location naming only a code.
    pub fn code(code: impl Into<String>) -> Self {
        Self { code: Some(code.into()), ..Self::default() }
    }

    /// The same location at another row.
    #[must_use]
    pub fn at_row(&self, row: usize) -> Self {
        Self { row: Some(row), ..self.clone() }
    }

    /// The same location with a column.
    #[must_use]
    pub fn with_column(&self, column: impl Into<String>) -> Self {
        Self { column: Some(column.into()), ..self.clone() }
    }

    /// The same location with a code.
    #[must_use]
    pub fn with_code(&self, code: impl Into<String>) -> Self {
        Self { code: Some(code.into()), ..self.clone() }
    }
}

impl Location {
    /// `"<location>: "`, or nothing when no part is known (an argument of a call).
    pub fn prefix(&self) -> String {
        if *self == Location::default() {
            String::new()
        } else {
            format!("{self}: ")
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(format!("file `{file}`"));
        }
        if let Some(sheet) = &self.sheet {
            parts.push(format!("sheet `{sheet}`"));
        }
        if let Some(row) = self.row {
            parts.push(format!("row {row}"));
        }
        if let Some(column) = &self.column {
            parts.push(format!("column `{column}`"));
        }
        if let Some(cell) = &self.cell {
            parts.push(format!("cell {cell}"));
        }
        if let Some(code) = &self.code {
            parts.push(format!("code `{code}`"));
        }
        if parts.is_empty() {
            f.write_str("input")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Everything that can go wrong in `parindex`. Match on the variant, or on [`Error::kind`]
/// for a stable string code.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read `{path}`: {message}")]
    Io { path: String, message: String },

    /// The input is not well-formed (bad JSON or CSV syntax, a value of the wrong type).
    #[error("{}malformed input: {message}", .at.prefix())]
    Malformed { at: Location, message: String },

    /// A required field or column is absent or empty.
    #[error("{}missing `{field}`", .at.prefix())]
    MissingField { at: Location, field: String },

    /// A value that should be a number is not one (decimal point or decimal comma accepted).
    #[error("{}`{value}` is not a number", .at.prefix())]
    InvalidNumber { at: Location, value: String },

    /// A number where a whole number is due (a rank of `1.5`); kind `INVALID_NUMBER`.
    #[error("{}`{value}` is not a whole number", .at.prefix())]
    NotWhole { at: Location, value: String },

    /// A value that must not be negative is negative.
    #[error("{}{value} is negative", .at.prefix())]
    Negative { at: Location, value: Decimal },

    /// Points above a node's maximum (or a percentage above 100).
    #[error("{}{points} points exceed the maximum of {max}", .at.prefix())]
    AboveMax { at: Location, points: Decimal, max: Decimal },

    /// A criterion, node or item code that the framework does not have.
    #[error("{}unknown code `{code}` in {within}", .at.prefix())]
    UnknownCode { at: Location, code: String, within: String },

    /// The same code appears twice where codes must be unique.
    #[error("{}duplicate code `{code}`", .at.prefix())]
    DuplicateCode { at: Location, code: String },

    /// A province (or unit) name that matches no known province, spelling or alias (or,
    /// for a query, no province of the table); `closest` suggests names.
    #[error("{}unknown province `{name}`{}", .at.prefix(), suggest(.closest))]
    UnknownProvince {
        at: Location,
        name: String,
        /// The closest names (at most 3), when any is close.
        closest: Vec<String>,
    },

    /// The same province appears twice in one table.
    #[error("{}province `{province}` appears more than once (first at {first})", .at.prefix())]
    DuplicateProvince { at: Location, province: String, first: String },

    /// A rank of 0 or beyond the number of ranked provinces.
    #[error("{}rank {rank} is outside 1..={of}", .at.prefix())]
    InvalidRank { at: Location, rank: i64, of: u32 },

    /// A framework whose structure is inconsistent (a missing parent, children that do not
    /// add up to their parent, a declared total that does not match).
    #[error("{}invalid framework: {message}", .at.prefix())]
    Framework { at: Location, message: String },

    /// A rule that cannot score the measured value it was given.
    #[error("{}{message}", .at.prefix())]
    Rule { at: Location, message: String },

    /// An argument outside its domain (target rank 0, zero scenarios, an unknown option).
    #[error("invalid `{name}`: {message}")]
    InvalidArgument { name: String, message: String },

    /// A named thing that does not exist (a framework id, a published table).
    #[error("no {what} `{name}`{hint}")]
    NotFound { what: String, name: String, hint: String },

    /// A computation that the data given cannot support (e.g. dense ranks on a partial table).
    #[error("{message}")]
    Unsupported { message: String },

    /// A survey cell that is not a valid value: an answer outside the 1–5 scale (0, 6), text
    /// that is neither an answer nor a missing / don't-know code, a non-positive design weight.
    #[error("{}`{value}` is not valid: {reason}", .at.prefix())]
    InvalidAnswer { at: Location, value: String, reason: String },

    /// The same respondent answers the same survey item twice.
    #[error("{}respondent `{respondent}` answers item `{item}` twice (first at {first})", .at.prefix())]
    DuplicateAnswer { at: Location, respondent: String, item: String, first: String },

    /// A survey unit (province, department, district) with no valid answer.
    #[error("{}unit `{unit}` has no valid answers", .at.prefix())]
    NoAnswers { at: Location, unit: String },

    /// An input above the loader's size limit (checked from the file's size before
    /// reading, and while reading), or one whose data could not be given memory. `setting`
    /// names the option that raises the limit.
    #[error("{}input too large: {size}; the limit is {limit} bytes, set by `{setting}`", .at.prefix())]
    InputTooLarge { at: Location, size: String, limit: u64, setting: String },

    /// Text that is not UTF-8 (UTF-16, UTF-32, a legacy Vietnamese encoding): `found` says
    /// what it looks like.
    #[error("{}the text is {found}: save it as UTF-8 (in Excel: \"CSV UTF-8\")", .at.prefix())]
    Encoding { at: Location, found: String },

    /// [`Error::NotFound`] inside a file (no row for the year or province asked for): the
    /// same code, `NOT_FOUND`, with the file in the location.
    #[error("{}no {what} `{name}`{hint}", .at.prefix())]
    NotFoundIn { at: Location, what: String, name: String, hint: String },
    /// Several problems in one input, all reported together (each names its own row and
    /// code); `file` is the input's name, when it has one.
    #[error("{} problems in {}: {}", .errors.len(), .file.as_deref().map_or("input".to_string(), |f| format!("`{f}`")), .errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid { file: Option<String>, errors: Vec<Error> },

    /// Two inputs that must agree do not (a scorecard's index, year or methodology period
    /// against a league table's): `what` is compared, `left` and `right` name both sides.
    #[error("{what} do not match: {left}, but {right}")]
    Mismatch { what: String, left: String, right: String },

    /// A column named in the options (`unit_column`, `columns`, `ignore_columns`) that the
    /// input does not have; the message lists the input's columns and the nearest one.
    #[error("{}`{option}` names column `{column}`, which the input does not have (its columns: {}){}", .at.prefix(), list_columns(.columns), .nearest.as_ref().map(|n| format!("; did you mean `{n}`?")).unwrap_or_default())]
    UnknownColumn { at: Location, option: String, column: String, columns: Vec<String>, nearest: Option<String> },
}

/// ` (closest: A, B)`, or nothing.
fn suggest(closest: &[String]) -> String {
    if closest.is_empty() {
        String::new()
    } else {
        format!(" (closest: {})", closest.join(", "))
    }
}

/// The columns of an input, quoted, for [`Error::UnknownColumn`].
fn list_columns(columns: &[String]) -> String {
    columns.iter().map(|c| format!("`{}`", quote(c))).collect::<Vec<_>>().join(", ")
}

/// A value quoted in an error message, cut to 80 characters (a whole file pasted into a
/// name field should not come back as the message).
pub(crate) fn quote(value: &str) -> String {
    const MAX: usize = 80;
    if value.chars().count() <= MAX {
        value.to_string()
    } else {
        format!("{}…", value.chars().take(MAX).collect::<String>())
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The variants that carry a location, listed once for [`Error::location`] and
/// [`Error::location_mut`].
macro_rules! located {
    ($error:expr) => {
        match $error {
            Error::Malformed { at, .. }
            | Error::MissingField { at, .. }
            | Error::InvalidNumber { at, .. }
            | Error::NotWhole { at, .. }
            | Error::Negative { at, .. }
            | Error::AboveMax { at, .. }
            | Error::UnknownCode { at, .. }
            | Error::DuplicateCode { at, .. }
            | Error::UnknownProvince { at, .. }
            | Error::DuplicateProvince { at, .. }
            | Error::InvalidRank { at, .. }
            | Error::Framework { at, .. }
            | Error::Rule { at, .. }
            | Error::InvalidAnswer { at, .. }
            | Error::DuplicateAnswer { at, .. }
            | Error::NoAnswers { at, .. }
            | Error::InputTooLarge { at, .. }
            | Error::Encoding { at, .. }
            | Error::NotFoundIn { at, .. }
            | Error::UnknownColumn { at, .. } => Some(at),
            Error::Io { .. }
            | Error::InvalidArgument { .. }
            | Error::NotFound { .. }
            | Error::Unsupported { .. }
            | Error::Invalid { .. }
            | Error::Mismatch { .. } => None,
        }
    };
}

/// The stable code of an error ([`Error::kind`]), the same in Rust, Python (`e.kind`) and
/// JavaScript (`e.kind`). `INTERNAL` is raised by the bindings alone, for a bug inside the
/// library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorKind {
    /// A file could not be read.
    Io,
    /// The input is not well-formed.
    Malformed,
    /// A required field is missing.
    MissingField,
    /// A number could not be read (or is not whole where it must be).
    InvalidNumber,
    /// Negative points or score.
    Negative,
    /// Points above the node's max.
    AboveMax,
    /// A code not in the framework.
    UnknownCode,
    /// A code given twice.
    DuplicateCode,
    /// A province name not in the registry.
    UnknownProvince,
    /// A province given twice.
    DuplicateProvince,
    /// A rank outside 1..=of.
    InvalidRank,
    /// An inconsistent framework.
    Framework,
    /// An invalid scoring rule or measure.
    Rule,
    /// An argument of a call out of its domain.
    InvalidArgument,
    /// No such published table, framework or item.
    NotFound,
    /// Not supported for this input.
    Unsupported,
    /// A survey answer outside the scale.
    InvalidAnswer,
    /// A respondent answering an item twice.
    DuplicateAnswer,
    /// A unit without a valid answer.
    NoAnswers,
    /// An input above the size limit.
    InputTooLarge,
    /// Text not in UTF-8.
    Encoding,
    /// Several errors in one input (each in `details`).
    Invalid,
    /// Inputs that do not match each other.
    Mismatch,
    /// A column the reader does not know.
    UnknownColumn,
    /// A bug inside the library (raised by the bindings).
    Internal,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 25] = [
        ErrorKind::Io,
        ErrorKind::Malformed,
        ErrorKind::MissingField,
        ErrorKind::InvalidNumber,
        ErrorKind::Negative,
        ErrorKind::AboveMax,
        ErrorKind::UnknownCode,
        ErrorKind::DuplicateCode,
        ErrorKind::UnknownProvince,
        ErrorKind::DuplicateProvince,
        ErrorKind::InvalidRank,
        ErrorKind::Framework,
        ErrorKind::Rule,
        ErrorKind::InvalidArgument,
        ErrorKind::NotFound,
        ErrorKind::Unsupported,
        ErrorKind::InvalidAnswer,
        ErrorKind::DuplicateAnswer,
        ErrorKind::NoAnswers,
        ErrorKind::InputTooLarge,
        ErrorKind::Encoding,
        ErrorKind::Invalid,
        ErrorKind::Mismatch,
        ErrorKind::UnknownColumn,
        ErrorKind::Internal,
    ];

    /// The code: `"ABOVE_MAX"`, `"UNKNOWN_CODE"`, …
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "IO",
            ErrorKind::Malformed => "MALFORMED",
            ErrorKind::MissingField => "MISSING_FIELD",
            ErrorKind::InvalidNumber => "INVALID_NUMBER",
            ErrorKind::Negative => "NEGATIVE",
            ErrorKind::AboveMax => "ABOVE_MAX",
            ErrorKind::UnknownCode => "UNKNOWN_CODE",
            ErrorKind::DuplicateCode => "DUPLICATE_CODE",
            ErrorKind::UnknownProvince => "UNKNOWN_PROVINCE",
            ErrorKind::DuplicateProvince => "DUPLICATE_PROVINCE",
            ErrorKind::InvalidRank => "INVALID_RANK",
            ErrorKind::Framework => "FRAMEWORK",
            ErrorKind::Rule => "RULE",
            ErrorKind::InvalidArgument => "INVALID_ARGUMENT",
            ErrorKind::NotFound => "NOT_FOUND",
            ErrorKind::Unsupported => "UNSUPPORTED",
            ErrorKind::InvalidAnswer => "INVALID_ANSWER",
            ErrorKind::DuplicateAnswer => "DUPLICATE_ANSWER",
            ErrorKind::NoAnswers => "NO_ANSWERS",
            ErrorKind::InputTooLarge => "INPUT_TOO_LARGE",
            ErrorKind::Encoding => "ENCODING",
            ErrorKind::Invalid => "INVALID",
            ErrorKind::Mismatch => "MISMATCH",
            ErrorKind::UnknownColumn => "UNKNOWN_COLUMN",
            ErrorKind::Internal => "INTERNAL",
        }
    }
}

impl Error {
    /// A stable, upper-case code for the variant, used by the Python and JS bindings.
    pub fn kind(&self) -> &'static str {
        self.error_kind().as_str()
    }

    /// The stable code of the variant, as an [`ErrorKind`].
    pub fn error_kind(&self) -> ErrorKind {
        match self {
            Error::Io { .. } => ErrorKind::Io,
            Error::Malformed { .. } => ErrorKind::Malformed,
            Error::MissingField { .. } => ErrorKind::MissingField,
            Error::InvalidNumber { .. } | Error::NotWhole { .. } => ErrorKind::InvalidNumber,
            Error::Negative { .. } => ErrorKind::Negative,
            Error::AboveMax { .. } => ErrorKind::AboveMax,
            Error::UnknownCode { .. } => ErrorKind::UnknownCode,
            Error::DuplicateCode { .. } => ErrorKind::DuplicateCode,
            Error::UnknownProvince { .. } => ErrorKind::UnknownProvince,
            Error::DuplicateProvince { .. } => ErrorKind::DuplicateProvince,
            Error::InvalidRank { .. } => ErrorKind::InvalidRank,
            Error::Framework { .. } => ErrorKind::Framework,
            Error::Rule { .. } => ErrorKind::Rule,
            Error::InvalidArgument { .. } => ErrorKind::InvalidArgument,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Unsupported { .. } => ErrorKind::Unsupported,
            Error::InvalidAnswer { .. } => ErrorKind::InvalidAnswer,
            Error::DuplicateAnswer { .. } => ErrorKind::DuplicateAnswer,
            Error::NoAnswers { .. } => ErrorKind::NoAnswers,
            Error::InputTooLarge { .. } => ErrorKind::InputTooLarge,
            Error::Encoding { .. } => ErrorKind::Encoding,
            Error::NotFoundIn { .. } => ErrorKind::NotFound,
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::Mismatch { .. } => ErrorKind::Mismatch,
            Error::UnknownColumn { .. } => ErrorKind::UnknownColumn,
        }
    }

    /// The broad family of the error: `"framework"` (methodology definitions), `"data"`
    /// (files and tables handed in) or `"input"` (arguments of a call). Bindings use it to
    /// pick an exception class.
    pub fn family(&self) -> &'static str {
        match self {
            Error::Framework { .. } | Error::Rule { .. } => "framework",
            Error::InvalidArgument { .. }
            | Error::NotFound { .. }
            | Error::Unsupported { .. }
            | Error::NotFoundIn { .. }
            | Error::Mismatch { .. }
            | Error::UnknownColumn { .. } => "input",
            _ => "data",
        }
    }

    /// The code the error is about, as the bindings' `code`: the location's criterion, node
    /// or item code, else the province of `UNKNOWN_PROVINCE` and `DUPLICATE_PROVINCE`.
    pub fn subject_code(&self) -> Option<String> {
        if let Some(code) = self.location().and_then(|l| l.code.clone()) {
            return Some(code);
        }
        match self {
            Error::UnknownProvince { name, .. } => Some(name.clone()),
            Error::DuplicateProvince { province, .. } => Some(province.clone()),
            _ => None,
        }
    }

    /// The location the error names, if any.
    pub fn location(&self) -> Option<&Location> {
        located!(self)
    }

    /// The location, for filling in what a later stage knows (e.g. the row of a code).
    pub(crate) fn location_mut(&mut self) -> Option<&mut Location> {
        located!(self)
    }

    /// The errors of one input as one: `None` when there are none, the error itself when
    /// there is one, else [`Error::Invalid`] listing them all.
    pub fn collect(file: Option<&str>, mut errors: Vec<Error>) -> Option<Error> {
        match errors.len() {
            0 => None,
            1 => errors.pop(),
            _ => Some(Error::Invalid { file: file.map(str::to_string), errors }),
        }
    }

    /// The values of the error (those its message quotes), as a serde map with the same keys
    /// in every language: `{"points": "10.5", "max": "9.5"}` for [`Error::AboveMax`],
    /// `{"code", "within"}` for [`Error::UnknownCode`], `{"value", "reason"}` for
    /// [`Error::InvalidAnswer`], `{"argument"}` for [`Error::InvalidArgument`], `{"errors":
    /// [...]}` for [`Error::Invalid`] (each problem as `{"kind", "message", "file", "row",
    /// "column", "code", "details"}`). Decimals are exact strings, counts and ranks numbers;
    /// the place (file, row, column, code) is in [`Error::location`], not here. Variants with
    /// only a message give an empty map. The bindings' `details` are this map.
    pub fn details(&self) -> serde_json::Map<String, serde_json::Value> {
        use serde_json::Value;
        let s = |v: &str| Value::String(v.to_string());
        let d = |v: &Decimal| Value::String(v.to_string());
        let pairs: Vec<(&str, Value)> = match self {
            Error::Io { path, .. } => vec![("path", s(path))],
            Error::MissingField { field, .. } => vec![("field", s(field))],
            Error::InvalidNumber { value, .. } | Error::NotWhole { value, .. } => vec![("value", s(value))],
            Error::Negative { value, .. } => vec![("value", d(value))],
            Error::AboveMax { points, max, .. } => vec![("points", d(points)), ("max", d(max))],
            Error::UnknownCode { code, within, .. } => vec![("code", s(code)), ("within", s(within))],
            Error::DuplicateCode { code, .. } => vec![("code", s(code))],
            Error::UnknownProvince { name, closest, .. } => {
                vec![("name", s(name)), ("closest", Value::from(closest.clone()))]
            }
            Error::DuplicateProvince { province, first, .. } => vec![("province", s(province)), ("first", s(first))],
            Error::InvalidRank { rank, of, .. } => vec![("rank", Value::from(*rank)), ("of", Value::from(*of))],
            Error::InvalidArgument { name, .. } => vec![("argument", s(name))],
            Error::NotFound { what, name, .. } | Error::NotFoundIn { what, name, .. } => {
                vec![("what", s(what)), ("name", s(name))]
            }
            Error::InvalidAnswer { value, reason, .. } => vec![("value", s(value)), ("reason", s(reason))],
            Error::DuplicateAnswer { respondent, item, first, .. } => {
                vec![("respondent", s(respondent)), ("item", s(item)), ("first", s(first))]
            }
            Error::NoAnswers { unit, .. } => vec![("unit", s(unit))],
            Error::InputTooLarge { size, limit, setting, .. } => {
                vec![("size", s(size)), ("limit", Value::from(*limit)), ("setting", s(setting))]
            }
            Error::Encoding { found, .. } => vec![("found", s(found))],
            Error::Invalid { errors, .. } => {
                vec![("errors", Value::Array(errors.iter().map(Error::summary).collect()))]
            }
            Error::Mismatch { what, left, right } => vec![("what", s(what)), ("left", s(left)), ("right", s(right))],
            Error::UnknownColumn { option, column, columns, nearest, .. } => vec![
                ("option", s(option)),
                ("column", s(column)),
                ("columns", Value::from(columns.clone())),
                ("nearest", nearest.as_deref().map_or(Value::Null, s)),
            ],
            Error::Malformed { .. } | Error::Framework { .. } | Error::Rule { .. } | Error::Unsupported { .. } => {
                Vec::new()
            }
        };
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    /// One problem of [`Error::Invalid`] in [`Error::details`].
    fn summary(&self) -> serde_json::Value {
        let at = self.location().cloned().unwrap_or_default();
        serde_json::json!({
            "kind": self.kind(),
            "message": self.to_string(),
            "file": at.file,
            "row": at.row,
            "column": at.column,
            "code": at.code,
            "details": self.details(),
        })
    }

    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid_argument(name: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidArgument { name: name.into(), message: message.into() }
    }

    /// Shorthand for [`Error::Malformed`].
    pub fn malformed(at: Location, message: impl Into<String>) -> Self {
        Error::Malformed { at, message: message.into() }
    }

    /// Shorthand for [`Error::Framework`].
    pub fn framework(at: Location, message: impl Into<String>) -> Self {
        Error::Framework { at, message: message.into() }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn error_kinds_serialize_as_their_codes() {
        for kind in super::ErrorKind::ALL {
            assert_eq!(serde_json::to_value(kind).ok(), Some(serde_json::Value::from(kind.as_str())));
        }
    }

    use super::*;

    #[test]
    fn location_names_every_known_part() {
        let at = Location::file("a.csv").at_row(7).with_column("points").with_code("3.2");
        assert_eq!(at.to_string(), "file `a.csv`, row 7, column `points`, code `3.2`");
        assert_eq!(Location::default().to_string(), "input");
    }

    #[test]
    fn messages_carry_location_and_values() {
        let e = Error::AboveMax {
            at: Location::file("s.csv").at_row(3).with_code("1"),
            points: Decimal::new(95, 1) + Decimal::ONE,
            max: Decimal::new(95, 1),
        };
        assert_eq!(e.to_string(), "file `s.csv`, row 3, code `1`: 10.5 points exceed the maximum of 9.5");
        assert_eq!(e.kind(), "ABOVE_MAX");
        assert_eq!(e.family(), "data");
        assert_eq!(serde_json::Value::Object(e.details()), serde_json::json!({"points": "10.5", "max": "9.5"}));
    }

    #[test]
    fn details_hold_the_values_and_nest_several_problems() {
        let rank = Error::InvalidRank { at: Location::default(), rank: 0, of: 63 };
        assert_eq!(serde_json::Value::Object(rank.details()), serde_json::json!({"rank": 0, "of": 63}));
        let arg = Error::invalid_argument("options.seed", "x");
        assert_eq!(serde_json::Value::Object(arg.details()), serde_json::json!({"argument": "options.seed"}));
        let both = Error::Invalid {
            file: Some("a.csv".into()),
            errors: vec![rank, Error::Unsupported { message: "m".into() }],
        };
        let details = serde_json::Value::Object(both.details());
        assert_eq!(details["errors"][0]["kind"], "INVALID_RANK");
        assert_eq!(details["errors"][0]["details"]["of"], 63);
        assert_eq!(details["errors"][1]["details"], serde_json::json!({}));
        assert!(Error::Unsupported { message: "m".into() }.details().is_empty());
    }
}
