//! The one place core errors become JavaScript errors.
//!
//! Every failure of a call is thrown as a JS `Error` whose `name` is `"ParIndexError"`,
//! with these own properties:
//!
//! | property   | meaning |
//! |------------|---------|
//! | `kind`     | the core's stable code: `ABOVE_MAX`, `UNKNOWN_PROVINCE`, `INVALID_ARGUMENT`, … (`INTERNAL` for a bug) |
//! | `family`   | `"data"` (files and tables), `"framework"` (methodologies) or `"input"` (arguments) |
//! | `message`  | the core's message, naming file, row, column and code where known |
//! | `file`     | the file or input label (`null` when not applicable) |
//! | `row`      | the row, spreadsheet numbering: header = row 1 (`null` when not applicable) |
//! | `column`   | the column (`null` when not applicable) |
//! | `code`     | the criterion, node, item or province code involved (`null` when not applicable) |
//! | `argument` | for `INVALID_ARGUMENT`: the argument at fault, e.g. `options.targetRank` |
//! | `details`  | the values of the error, e.g. `{ points: "10.5", max: "9.5" }` for `ABOVE_MAX`, `{ code, within: "framework par-2022" }` for `UNKNOWN_CODE`, `{ value: "6", reason }` for `INVALID_ANSWER` |
//!
//! A Rust panic (a bug: library code does not panic) is logged to the console and thrown
//! as a `ParIndexError` with kind `INTERNAL`; the module then starts afresh on the next call,
//! and objects made before the panic must be made again.

use crate::convert::Js;
use parindex::Error;

/// The name of every error the binding throws.
pub const ERROR_NAME: &str = "ParIndexError";

/// The kind of a panic (a bug inside the library).
pub const INTERNAL: &str = "INTERNAL";

/// The properties of the JS error for a core error (see the module docs).
pub fn describe(e: &Error) -> Js {
    // An option naming a missing column is named as JS spells it (`options.unitColumn`).
    let js_named;
    let e = match e {
        Error::UnknownColumn { at, option, column, columns, nearest } => {
            js_named = Error::UnknownColumn {
                at: at.clone(),
                option: format!("options.{}", crate::convert::camel(option)),
                column: column.clone(),
                columns: columns.clone(),
                nearest: nearest.clone(),
            };
            &js_named
        }
        other => other,
    };
    let at = e.location();
    let opt = |s: Option<&String>| s.map_or(Js::Null, |s| Js::str(s.clone()));
    // The core's values of the error (`Error::details`); several problems keep their full
    // JS shape, each as a thrown error would be.
    let details = match e {
        Error::Invalid { errors, .. } => Js::obj([("errors", Js::Arr(errors.iter().map(describe).collect()))]),
        other => crate::convert::out(&other.details()).unwrap_or_else(|_| Js::Obj(Vec::new())),
    };
    let argument = match e {
        Error::InvalidArgument { name, .. } => Js::str(name.clone()),
        _ => Js::Null,
    };
    let mut out = Js::obj([
        ("name", Js::str(ERROR_NAME)),
        ("kind", Js::str(e.kind())),
        ("family", Js::str(e.family())),
        ("message", Js::str(e.to_string())),
        ("file", opt(at.and_then(|l| l.file.as_ref()))),
        ("row", Js::opt_int(at.and_then(|l| l.row).map(|r| r as u64))),
        ("column", opt(at.and_then(|l| l.column.as_ref()))),
        ("code", opt(e.subject_code().as_ref())),
        ("argument", argument),
        ("details", details),
    ]);
    // Workbooks only (`fromExcel`): the sheet and the A1 cell.
    if let Some(l) = at.filter(|l| l.sheet.is_some() || l.cell.is_some()) {
        out.set("sheet", opt(l.sheet.as_ref()));
        out.set("cell", opt(l.cell.as_ref()));
    }
    out
}

/// A core error naming the argument as the JS caller wrote it: `names` maps the core's
/// names to the JS ones (`("target_rank", "options.targetRank")`), so that the message and
/// `argument` say `options.targetRank` whichever check failed. Other errors, and names not
/// in `names`, pass unchanged.
pub fn renamed<A: AsRef<str>, B: AsRef<str>>(e: Error, names: &[(A, B)]) -> Error {
    match e {
        Error::InvalidArgument { name, message } => {
            let name =
                names.iter().find(|(core, _)| core.as_ref() == name).map_or(name, |(_, js)| js.as_ref().to_string());
            Error::InvalidArgument { name, message }
        }
        other => other,
    }
}

/// The properties of the JS error for a panic.
pub fn describe_panic(message: &str) -> Js {
    Js::obj([
        ("name", Js::str(ERROR_NAME)),
        ("kind", Js::str(INTERNAL)),
        ("family", Js::str("internal")),
        (
            "message",
            Js::str(format!(
                "internal error (a bug in parindex; please report it): {message}. The module restarts on the next call: make tables, frameworks and scorecards again"
            )),
        ),
        ("file", Js::Null),
        ("row", Js::Null),
        ("column", Js::Null),
        ("code", Js::Null),
        ("argument", Js::Null),
        ("details", Js::Obj(Vec::new())),
    ])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use parindex::{CsvTableOptions, IndexKind, LeagueTable};

    #[test]
    fn location_and_values_are_kept() {
        let csv = "province,score,rank\nLạng Sơn,85.94,47\nHà Nội,101,1\n";
        let e = LeagueTable::from_csv(csv, "t.csv", &CsvTableOptions::new(IndexKind::Par, 2023)).unwrap_err();
        let js = describe(&e);
        assert_eq!(js.get("kind"), &Js::str("ABOVE_MAX"));
        assert_eq!(js.get("family"), &Js::str("data"));
        assert_eq!(js.get("file"), &Js::str("t.csv"));
        assert_eq!(js.get("row"), &Js::Num(3.0));
        assert_eq!(js.get("column"), &Js::str("score"));
        assert_eq!(js.get("code"), &Js::str("Hà Nội"));
        assert_eq!(js.get("details").get("points"), &Js::str("101"));
        assert_eq!(js.get("details").get("max"), &Js::str("100"));
    }

    #[test]
    fn survey_errors_keep_row_column_and_values() {
        let fw = parindex::framework::builtin("sipas-2023").unwrap();
        let lenient = parindex::sipas::SurveyOptions { require_all_items: false, ..Default::default() };
        let read = |csv: &str| parindex::sipas::Survey::from_csv(csv, "a.csv", fw, &lenient).unwrap_err();
        let js = describe(&read("respondent,unit,item,answer\nr1,Lạng Sơn,A.1.1,4\nr2,Lạng Sơn,A.1.2,6\n"));
        assert_eq!(js.get("kind"), &Js::str("INVALID_ANSWER"));
        assert_eq!(js.get("family"), &Js::str("data"));
        assert_eq!(
            (js.get("file"), js.get("row"), js.get("column")),
            (&Js::str("a.csv"), &Js::Num(3.0), &Js::str("answer"))
        );
        assert_eq!(js.get("code"), &Js::str("A.1.2"));
        assert_eq!(js.get("details").get("value"), &Js::str("6"));
        let js = describe(&read("respondent,unit,item,answer\nr1,U,A.1.1,4\nr1,U,A.1.1,5\n"));
        assert_eq!((js.get("kind"), js.get("row")), (&Js::str("DUPLICATE_ANSWER"), &Js::Num(3.0)));
        assert_eq!(js.get("details").get("respondent"), &Js::str("r1"));
        assert_eq!(js.get("details").get("item"), &Js::str("A.1.1"));
        let js = describe(&read("respondent,unit,item,answer\nr1,U,A.1.1,4\nr2,V,A.1.1,dk\n"));
        assert_eq!((js.get("kind"), js.get("row")), (&Js::str("NO_ANSWERS"), &Js::Num(3.0)));
        assert_eq!(js.get("details").get("unit"), &Js::str("V"));
    }

    #[test]
    fn unknown_codes_say_within_what() {
        let fw = parindex::framework::builtin("par-2022").unwrap();
        let mut card = parindex::Scorecard::new(std::sync::Arc::new(fw.clone()), "Lạng Sơn");
        let js = describe(&card.set("99", parindex::Decimal::ONE).unwrap_err());
        assert_eq!(js.get("kind"), &Js::str("UNKNOWN_CODE"));
        assert_eq!(js.get("details").get("code"), &Js::str("99"));
        assert_eq!(js.get("details").get("within"), &Js::str("framework par-2022"));
        assert!(matches!(js.get("message"), Js::Str(m) if m.contains("in framework par-2022")));
    }

    #[test]
    fn core_argument_names_become_the_js_ones() {
        let names = [("target_rank", "options.targetRank"), ("scenarios", "options.scenarios")];
        let e = renamed(Error::invalid_argument("target_rank", "64 is outside 1..=63 for this table"), &names);
        let js = describe(&e);
        assert_eq!(js.get("argument"), &Js::str("options.targetRank"));
        assert_eq!(js.get("message"), &Js::str("invalid `options.targetRank`: 64 is outside 1..=63 for this table"));
        let other = renamed(Error::invalid_argument("gain", "x"), &names);
        assert_eq!(describe(&other).get("argument"), &Js::str("gain"));
        let not_an_argument = Error::Unsupported { message: "dense".into() };
        assert_eq!(renamed(not_an_argument.clone(), &names).to_string(), not_an_argument.to_string());
    }

    #[test]
    fn arguments_are_named() {
        let js = describe(&Error::invalid_argument("options.targetRank", "0 is outside 1..=63"));
        assert_eq!(js.get("kind"), &Js::str("INVALID_ARGUMENT"));
        assert_eq!(js.get("family"), &Js::str("input"));
        assert_eq!(js.get("argument"), &Js::str("options.targetRank"));
        assert_eq!(js.get("row"), &Js::Null);
    }
}
