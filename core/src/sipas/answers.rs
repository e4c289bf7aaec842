//! Survey answers (câu trả lời phiếu khảo sát): long or wide form, from CSV, JSON or records,
//! validated into a [`Survey`].
//!
//! Every bad cell is an [`Error`] naming the file (or label), the row (CSV: spreadsheet
//! numbering, header = row 1; JSON: the record's position, first = 1), the column (or JSON
//! key) and the item or unit code. Nothing is fixed silently.

use crate::collect::Collector;
use crate::columns::{header_key, is_alias};
use crate::decimal::parse_decimal;
use crate::error::{Error, Location, Result};
use crate::framework::Framework;
use crate::province::fold;
use crate::table::{Table, TableOptions};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Stored answer codes: 1–5 are answers; the rest are not valid answers.
pub(crate) const ABSENT: u8 = 0;
pub(crate) const MISSING: u8 = 6;
pub(crate) const DONT_KNOW: u8 = 7;

/// Whether `code` is a valid answer (1–5).
pub(crate) fn is_valid(code: u8) -> bool {
    (1..=5).contains(&code)
}

/// The shape of an answers table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Long if the input has an item column or an answer column, wide otherwise.
    #[default]
    Auto,
    /// One row per respondent × item: `respondent, unit, item, answer[, weight]`.
    Long,
    /// One row per respondent, one column per item: `respondent, unit[, weight], A.1.1, …`.
    Wide,
}

impl Layout {
    /// Parse `"auto"`, `"long"` or `"wide"`. Errors: [`Error::InvalidArgument`].
    pub fn parse(name: &str) -> Result<Layout> {
        match name.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Ok(Layout::Auto),
            "long" => Ok(Layout::Long),
            "wide" => Ok(Layout::Wide),
            other => Err(Error::invalid_argument("layout", format!("`{other}` is not one of auto, long, wide"))),
        }
    }
}

/// How to read an answers table.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "SurveyReadOptions"))]
#[serde(default, deny_unknown_fields)]
pub struct SurveyOptions {
    /// Long or wide (default: detected).
    pub layout: Layout,
    /// The unit column (default: the one column named `unit`, `đơn vị`, `province`, `tỉnh`,
    /// `district`, `huyện`, `department` or `cơ quan`). Name it when the table has several,
    /// e.g. `district` in a table that also records the province; the others are ignored.
    pub unit_column: Option<String>,
    /// The respondent column (default: the one named `respondent`, `respondent_id`, `id`,
    /// `mã phiếu`, …; wide form without one: respondents are named `row N`).
    pub respondent_column: Option<String>,
    /// The design-weight column (default: a column named `weight`, `design_weight` or
    /// `trọng số`, if any). With weights, every respondent needs a positive one.
    pub weight_column: Option<String>,
    /// Extra "don't know" codes, compared after trimming (e.g. `"9"`). Built in: `dk`,
    /// `don't know`, `không biết`, `kb` (any case, with or without diacritics).
    pub dont_know: Vec<String>,
    /// Extra missing-answer codes (e.g. `"-1"`). Built in: empty cell, `NA`, `N/A`,
    /// `missing`, `null`, `không trả lời`; JSON `null`.
    pub missing: Vec<String>,
    /// Wide form: columns that are neither items nor respondent, unit or weight and are to
    /// be skipped (any other unknown column is an error: it may be a misspelt item).
    pub ignore_columns: Vec<String>,
    /// Units that must be present: each one without a valid answer is an error.
    pub units: Option<Vec<String>>,
    /// Every item of the framework must occur in the input (a column in wide form, a row
    /// in long form). Default `true`.
    pub require_all_items: bool,
    /// The largest input read, in bytes (default [`crate::io::MAX_SURVEY_BYTES`], 1 GiB,
    /// about 25 million long-form answers); a larger one is [`Error::InputTooLarge`].
    pub max_input_bytes: u64,
}

impl Default for SurveyOptions {
    fn default() -> Self {
        SurveyOptions {
            layout: Layout::Auto,
            unit_column: None,
            respondent_column: None,
            weight_column: None,
            dont_know: Vec::new(),
            missing: Vec::new(),
            ignore_columns: Vec::new(),
            units: None,
            require_all_items: true,
            max_input_bytes: crate::io::MAX_SURVEY_BYTES,
        }
    }
}

/// One long-form answer handed in by a caller (a DataFrame row, a JS object).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnswerInput {
    /// Respondent id (unique across units).
    pub respondent: String,
    /// Unit: province, department or district.
    pub unit: String,
    /// Item code of the framework (`B.2.1`).
    pub item: String,
    /// The answer as text: `"1"`–`"5"`, a missing or don't-know code; `None` is missing.
    pub answer: Option<String>,
    /// Design weight of the respondent (positive), if the survey is weighted.
    pub weight: Option<Decimal>,
    /// Row of the input, for error messages.
    pub row: Option<usize>,
}

/// One unit's respondents, sorted by id (so that the row order of the input changes nothing,
/// bootstrap included).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnitAnswers {
    pub name: String,
    pub first_row: Option<usize>,
    pub respondents: Vec<String>,
    /// One per respondent when the survey is weighted, else empty.
    pub weights: Vec<Decimal>,
    /// Respondents × items answer codes (row-major).
    pub answers: Vec<u8>,
}

/// Validated survey answers (dữ liệu điều tra xã hội học): units (đơn vị) → respondents →
/// one answer code per framework item, with optional design weights. Built by
/// [`Survey::from_csv`], [`Survey::from_json`], [`Survey::from_answers`] or the synthetic
/// generator; computed by [`Survey::compute`](crate::sipas::Survey::compute) and
/// [`Survey::bootstrap`](crate::sipas::Survey::bootstrap). Immutable once built.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    pub(crate) framework: Framework,
    pub(crate) label: String,
    pub(crate) items: Vec<String>,
    pub(crate) units: Vec<UnitAnswers>,
    pub(crate) weighted: bool,
}

impl Survey {
    /// The framework whose leaves are the items.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    /// The label (file path or caller's label).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Item codes, in framework order.
    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// Unit names, in order of first appearance.
    pub fn units(&self) -> Vec<&str> {
        self.units.iter().map(|u| u.name.as_str()).collect()
    }

    /// Number of respondents of a unit (`None` for an unknown unit).
    pub fn respondents(&self, unit: &str) -> Option<usize> {
        self.units.iter().find(|u| u.name == unit.trim()).map(|u| u.respondents.len())
    }

    /// Total number of respondents.
    pub fn respondent_count(&self) -> usize {
        self.units.iter().map(|u| u.respondents.len()).sum()
    }

    /// Whether the respondents carry design weights.
    pub fn is_weighted(&self) -> bool {
        self.weighted
    }

    /// Read answers from CSV text (a leading byte-order mark is dropped). Long form:
    /// `respondent, unit, item, answer[, weight]`, other columns ignored. Wide form:
    /// `[respondent,] unit[, weight], <one column per item code>`; without a respondent
    /// column, respondents are named `row N`. Vietnamese headers accepted (`đơn vị`,
    /// `câu hỏi`, `trả lời`, `trọng số`). Answers: `1`–`5` (`4.0` accepted), empty or a
    /// missing code, or a don't-know code (see [`SurveyOptions`]).
    ///
    /// Errors (each naming file, row, column and code): [`Error::Malformed`] (bad CSV, a
    /// respondent in two units or with two weights, two unit names that differ only in case
    /// or diacritics), [`Error::MissingField`] (a required column, an empty id or unit, an
    /// absent item when `require_all_items`), [`Error::InvalidAnswer`] (0, 6, 4.5, text,
    /// a non-positive weight), [`Error::InvalidNumber`] (a weight that is not a number),
    /// [`Error::UnknownCode`] (an item code not in the framework; in wide form, an unknown
    /// column), [`Error::DuplicateAnswer`] (a respondent-item pair twice),
    /// [`Error::NoAnswers`] (a unit with no valid answer), [`Error::InputTooLarge`] (above
    /// `options.max_input_bytes`, or more answers than memory can be found for),
    /// [`Error::Encoding`] (UTF-16, UTF-32, not UTF-8). The first problem stops the
    /// reading; [`Survey::validate_csv`] lists them all.
    pub fn from_csv(text: &str, label: &str, framework: &Framework, options: &SurveyOptions) -> Result<Survey> {
        Survey::from_csv_reader(text.as_bytes(), label, framework, options)
    }

    /// [`Survey::from_csv`] from a reader (a file, a stream): read once and streamed, record
    /// by record (the text is never held whole).
    ///
    /// Errors: as [`Survey::from_csv`], and [`Error::Io`].
    pub fn from_csv_reader(
        source: impl std::io::Read,
        label: &str,
        framework: &Framework,
        options: &SurveyOptions,
    ) -> Result<Survey> {
        Survey::read_csv(source, label, framework, options, &mut Collector::first())
    }

    /// Every problem of an answers CSV at once: empty exactly when [`Survey::from_csv`]
    /// succeeds, whose error is then among those listed. Listed in row order (spreadsheet
    /// numbering: the header is row 1), each with file, row, column and item code: every
    /// bad cell of a row (a wide row with three bad answers gives three), every bad row
    /// (an empty id or unit, an unknown item, a duplicate answer, a respondent in two
    /// units, bad CSV), then what needs the whole file (an item never answered, a unit
    /// without a valid answer). A problem that makes the rest meaningless (no required
    /// column, an unknown column named in the options, an input above
    /// `options.max_input_bytes`, an encoding) ends the list; so does the 10,000th problem.
    pub fn validate_csv(text: &str, label: &str, framework: &Framework, options: &SurveyOptions) -> Vec<Error> {
        let mut problems = Collector::all(Location::file(label));
        let end = Survey::read_csv(text.as_bytes(), label, framework, options, &mut problems);
        problems.into_errors(end)
    }

    /// The records of a CSV stream; each problem of a row goes to `problems` (which fails
    /// fast or keeps it and goes on with the next row).
    fn read_csv(
        source: impl std::io::Read,
        label: &str,
        framework: &Framework,
        options: &SurveyOptions,
        problems: &mut Collector,
    ) -> Result<Survey> {
        let at = Location::file(label);
        let mut reader = crate::io::csv_reader(source, label, survey_limit(options), false)?;
        let (headers, _) = crate::io::headers(&mut reader, &at)?;
        check_named_columns(options, &headers, &at.at_row(1), None)?;
        let mut b = Builder::new(label, framework, options, Some(1), problems);
        let layout = b.detect(headers.iter().map(String::as_str));
        let roles: Vec<Role> =
            headers.iter().map(|h| b.classify(h, layout, &at.at_row(1))).collect::<Result<Vec<Role>>>()?;
        b.check_roles(&roles, &headers, layout, &at.at_row(1))?;
        let mut record = csv::StringRecord::new();
        loop {
            match crate::io::next_record(&mut reader, &mut record, &at) {
                Ok(true) => {}
                Ok(false) => break,
                // Bad CSV (a ragged row) is one row's problem; the collector ends the input
                // at a limit, an encoding or a read failure.
                Err(e) => {
                    b.problems.push(e)?;
                    continue;
                }
            }
            let row = crate::io::row_of(&reader, &record);
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let fields = roles
                .iter()
                .zip(headers.iter())
                .zip(record.iter())
                .map(|((role, name), cell)| (*role, name.as_str(), Some(cell)))
                .collect::<Vec<_>>();
            b.record(row, layout, &fields)?;
        }
        b.finish()
    }

    /// Read a CSV file, streamed; a file above `options.max_input_bytes` is refused from its
    /// size, unread. Errors: [`Error::Io`], then as [`Survey::from_csv`].
    pub fn from_csv_path(
        path: impl AsRef<std::path::Path>,
        framework: &Framework,
        options: &SurveyOptions,
    ) -> Result<Survey> {
        let path = path.as_ref();
        let (file, _) = crate::io::open(path, survey_limit(options))?;
        Survey::from_csv_reader(file, &path.display().to_string(), framework, options)
    }

    /// Read answers from a worksheet of a workbook (.xlsx, .xls, .ods), long or wide form as
    /// for [`Survey::from_csv`], found under any title rows (see [`Table::from_workbook`]).
    ///
    /// Errors: those of [`Table::from_workbook`], then as [`Survey::from_csv`], with the
    /// sheet and cell.
    pub fn from_excel(
        bytes: &[u8],
        label: &str,
        table: &TableOptions,
        framework: &Framework,
        options: &SurveyOptions,
    ) -> Result<Survey> {
        Survey::from_table(&Table::from_workbook(bytes, label, table)?, framework, options)
    }

    /// Read answers from a workbook file. Errors: [`Error::Io`], then as
    /// [`Survey::from_excel`].
    pub fn from_excel_path(
        path: impl AsRef<std::path::Path>,
        table: &TableOptions,
        framework: &Framework,
        options: &SurveyOptions,
    ) -> Result<Survey> {
        let path = path.as_ref();
        let bytes = crate::table::read_bytes(path)?;
        Survey::from_excel(&bytes, &path.display().to_string(), table, framework, options)
    }

    /// Read answers from a [`Table`] (CSV or worksheet), long or wide form as for
    /// [`Survey::from_csv`]. The table's `columns` option names the `unit`, `respondent`,
    /// `item`, `answer` or `weight` column when its header is not one the alias table knows
    /// (as `options.unit_column` and the like do).
    ///
    /// Errors: as [`Survey::from_csv`]; [`Error::UnknownColumn`] for a column named in the
    /// options (`unit_column`, `respondent_column`, `weight_column`, `ignore_columns`,
    /// `columns`) that the table does not have.
    pub fn from_table(table: &Table, framework: &Framework, options: &SurveyOptions) -> Result<Survey> {
        Survey::read_table(table, framework, options, &mut Collector::first()).map_err(|e| table.locate(e))
    }

    /// Every problem of an answers worksheet at once (see [`Survey::validate_csv`]), with
    /// sheet, row and cell: empty exactly when [`Survey::from_excel`] succeeds.
    pub fn validate_excel(
        bytes: &[u8],
        label: &str,
        table: &TableOptions,
        framework: &Framework,
        options: &SurveyOptions,
    ) -> Vec<Error> {
        match Table::from_workbook(bytes, label, table) {
            Ok(table) => Survey::validate_table(&table, framework, options),
            Err(e) => vec![e],
        }
    }

    /// Every problem of a [`Table`] (CSV or worksheet) of answers at once (see
    /// [`Survey::validate_csv`]): empty exactly when [`Survey::from_table`] succeeds.
    pub fn validate_table(table: &Table, framework: &Framework, options: &SurveyOptions) -> Vec<Error> {
        let mut problems = Collector::all(table.at());
        let end = Survey::read_table(table, framework, options, &mut problems);
        problems.into_errors(end).into_iter().map(|e| table.locate(e)).collect()
    }

    fn read_table(
        table: &Table,
        framework: &Framework,
        options: &SurveyOptions,
        problems: &mut Collector,
    ) -> Result<Survey> {
        table.check_roles("survey", &[])?;
        let head = table.header_at();
        let headers = table.headers();
        check_named_columns(options, headers, &head, Some(table))?;
        let mut b = Builder::new(table.label(), framework, options, Some(table.header_row()), problems);
        b.at = table.at();
        b.named = table.named_columns().clone();
        let layout = b.detect(headers.iter().map(String::as_str));
        let roles: Vec<Role> = headers.iter().map(|h| b.classify(h, layout, &head)).collect::<Result<Vec<Role>>>()?;
        b.check_roles(&roles, headers, layout, &head)?;
        for record in table.records() {
            if record.is_blank() {
                continue;
            }
            let fields = roles
                .iter()
                .zip(headers.iter())
                .zip(record.cells.iter())
                .map(|((role, name), cell)| (*role, name.as_str(), Some(cell.as_str())))
                .collect::<Vec<_>>();
            b.record(record.row, layout, &fields)?;
        }
        b.finish()
    }

    /// Read answers from JSON: an array of objects, long form
    /// (`{"respondent": "r1", "unit": "Lạng Sơn", "item": "B.2.1", "answer": 4, "weight": 1.2}`)
    /// or wide form (`{"respondent": "r1", "unit": "Lạng Sơn", "A.1.1": 4, "A.1.2": null, …}`,
    /// the items optionally nested under `"answers"`). Answers may be numbers, strings or
    /// `null` (missing). Rows in errors are record positions (first record = 1), columns
    /// are keys.
    ///
    /// With `layout` auto, the first record decides: long if it has an item or an answer key.
    ///
    /// Errors: [`Error::Malformed`] for bad JSON, a non-array, a non-object record or a
    /// value that is neither number, text nor null; otherwise as [`Survey::from_csv`].
    pub fn from_json(text: &str, label: &str, framework: &Framework, options: &SurveyOptions) -> Result<Survey> {
        Survey::from_json_reader(text.as_bytes(), label, framework, options)
    }

    /// [`Survey::from_json`] from a reader (a file, a stream): read once and streamed,
    /// record by record (neither the text nor the JSON tree is held whole).
    ///
    /// Errors: as [`Survey::from_json`], and [`Error::Io`].
    pub fn from_json_reader(
        source: impl std::io::Read,
        label: &str,
        framework: &Framework,
        options: &SurveyOptions,
    ) -> Result<Survey> {
        Survey::read_json(source, label, framework, options, &mut Collector::first())
    }

    /// Every problem of answers in JSON at once (see [`Survey::validate_csv`]; rows are the
    /// records' positions, first = 1): empty exactly when [`Survey::from_json`] succeeds.
    /// Bad JSON syntax ends the list (the rest cannot be read).
    pub fn validate_json(text: &str, label: &str, framework: &Framework, options: &SurveyOptions) -> Vec<Error> {
        let mut problems = Collector::all(Location::file(label));
        let end = Survey::read_json(text.as_bytes(), label, framework, options, &mut problems);
        problems.into_errors(end)
    }

    /// The records of a JSON stream; each record's problem goes to `problems`.
    fn read_json(
        source: impl std::io::Read,
        label: &str,
        framework: &Framework,
        options: &SurveyOptions,
        problems: &mut Collector,
    ) -> Result<Survey> {
        let at = Location::file(label);
        let source = crate::io::Tracked::new(source, label, survey_limit(options))?;
        let mut reader = std::io::BufReader::with_capacity(1 << 16, source);
        let mut b = Builder::new(label, framework, options, None, problems);
        let mut records =
            JsonRecords { b: &mut b, at: &at, layout: None, roles: HashMap::new(), row: 0, failure: None };
        let outcome = {
            let mut de = serde_json::Deserializer::from_reader(&mut reader);
            serde::Deserializer::deserialize_seq(&mut de, &mut records).and_then(|()| de.end())
        };
        if let Some(e) = records.failure.take().or_else(|| reader.get_ref().failure()) {
            return Err(e);
        }
        outcome.map_err(|e| {
            let message = format!("{e} (row = line, column {})", e.column());
            if e.is_io() {
                return Error::Io { path: label.to_string(), message };
            }
            Error::Malformed { at: at.at_row(e.line()), message }
        })?;
        b.finish()
    }

    /// Read a JSON file, streamed; a file above `options.max_input_bytes` is refused from
    /// its size, unread. Errors: [`Error::Io`], [`Error::InputTooLarge`], [`Error::Encoding`], then as
    /// [`Survey::from_json`].
    pub fn from_json_path(
        path: impl AsRef<std::path::Path>,
        framework: &Framework,
        options: &SurveyOptions,
    ) -> Result<Survey> {
        let path = path.as_ref();
        let (file, _) = crate::io::open(path, survey_limit(options))?;
        Survey::from_json_reader(file, &path.display().to_string(), framework, options)
    }

    /// Build a survey from long-form records (the bindings' DataFrames and JS arrays).
    /// Rows in errors are the records' `row` when given, else their position (first = 1).
    ///
    /// Errors: as [`Survey::from_csv`].
    pub fn from_answers(
        answers: &[AnswerInput],
        label: &str,
        framework: &Framework,
        options: &SurveyOptions,
    ) -> Result<Survey> {
        Survey::read_answers(answers, label, framework, options, &mut Collector::first())
    }

    /// Every problem of long-form records at once (see [`Survey::validate_csv`]; rows as
    /// in [`Survey::from_answers`]): empty exactly when [`Survey::from_answers`] succeeds,
    /// whose error is then among those listed.
    pub fn validate_answers(
        answers: &[AnswerInput],
        label: &str,
        framework: &Framework,
        options: &SurveyOptions,
    ) -> Vec<Error> {
        let mut problems = Collector::all(Location::file(label));
        let end = Survey::read_answers(answers, label, framework, options, &mut problems);
        problems.into_errors(end)
    }

    fn read_answers(
        answers: &[AnswerInput],
        label: &str,
        framework: &Framework,
        options: &SurveyOptions,
        problems: &mut Collector,
    ) -> Result<Survey> {
        let mut b = Builder::new(label, framework, options, None, problems);
        let any_weight = answers.iter().any(|a| a.weight.is_some());
        for (i, a) in answers.iter().enumerate() {
            let row = a.row.unwrap_or(i + 1);
            let weight = a.weight.map(|w| w.to_string());
            let mut fields = vec![
                (Role::Respondent, "respondent", Some(a.respondent.as_str())),
                (Role::Unit, "unit", Some(a.unit.as_str())),
                (Role::ItemCode, "item", Some(a.item.as_str())),
                (Role::Answer, "answer", a.answer.as_deref()),
            ];
            if any_weight {
                fields.push((Role::Weight, "weight", weight.as_deref()));
            }
            b.record(row, Layout::Long, &fields)?;
        }
        b.finish()
    }

    /// The answers in long form as CSV (`respondent,unit,item,answer[,weight]`): one row per
    /// given answer; missing answers are written empty, don't-know as `dk`. Readable back
    /// by [`Survey::from_csv`].
    ///
    /// Errors: [`Error::Malformed`] only if the CSV writer fails.
    pub fn to_long_csv(&self) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["respondent", "unit", "item", "answer"];
        if self.weighted {
            header.push("weight");
        }
        w.write_record(&header).map_err(|e| self.write_error(&e))?;
        let j = self.items.len();
        for u in &self.units {
            for (r, id) in u.respondents.iter().enumerate() {
                let weight = u.weights.get(r).map(ToString::to_string).unwrap_or_default();
                let row = u.answers.get(r * j..(r + 1) * j).unwrap_or_default();
                for (code, item) in row.iter().zip(&self.items) {
                    if *code == ABSENT {
                        continue;
                    }
                    let mut rec = vec![id.as_str(), u.name.as_str(), item.as_str(), answer_text(*code)];
                    if self.weighted {
                        rec.push(&weight);
                    }
                    w.write_record(&rec).map_err(|e| self.write_error(&e))?;
                }
            }
        }
        self.finish_writer(w)
    }

    /// The answers in wide form as CSV (`respondent,unit[,weight],<items>`); missing and
    /// absent answers are empty, don't-know is `dk`. Readable back by [`Survey::from_csv`].
    ///
    /// Errors: [`Error::Malformed`] only if the CSV writer fails.
    pub fn to_wide_csv(&self) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header: Vec<&str> = vec!["respondent", "unit"];
        if self.weighted {
            header.push("weight");
        }
        header.extend(self.items.iter().map(String::as_str));
        w.write_record(&header).map_err(|e| self.write_error(&e))?;
        let j = self.items.len();
        for u in &self.units {
            for (r, id) in u.respondents.iter().enumerate() {
                let weight = u.weights.get(r).map(ToString::to_string).unwrap_or_default();
                let mut rec: Vec<&str> = vec![id.as_str(), u.name.as_str()];
                if self.weighted {
                    rec.push(&weight);
                }
                rec.extend(u.answers.get(r * j..(r + 1) * j).unwrap_or_default().iter().map(|c| answer_text(*c)));
                w.write_record(&rec).map_err(|e| self.write_error(&e))?;
            }
        }
        self.finish_writer(w)
    }

    fn write_error(&self, e: &csv::Error) -> Error {
        Error::malformed(Location::file(self.label.clone()), e.to_string())
    }

    fn finish_writer(&self, w: csv::Writer<Vec<u8>>) -> Result<String> {
        let bytes = w.into_inner().map_err(|e| Error::malformed(Location::file(self.label.clone()), e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| Error::malformed(Location::file(self.label.clone()), e.to_string()))
    }

    /// Build a survey from parts already valid (the synthetic generator).
    pub(crate) fn from_parts(framework: &Framework, label: String, units: Vec<UnitAnswers>, weighted: bool) -> Survey {
        Survey { framework: framework.clone(), label, items: framework.leaf_codes(), units, weighted }
    }
}

/// The records of a JSON array, validated one by one as they are read.
struct JsonRecords<'b, 'a> {
    b: &'b mut Builder<'a>,
    at: &'b Location,
    /// Decided by the first record when the options say auto.
    layout: Option<Layout>,
    roles: HashMap<String, Role>,
    row: usize,
    /// The error that stopped reading (the JSON reader carries only its text).
    failure: Option<Error>,
}

impl JsonRecords<'_, '_> {
    fn record(&mut self, record: &serde_json::Value) -> Result<()> {
        self.row += 1;
        let row = self.row;
        let row_at = self.at.at_row(row);
        let object = record.as_object().ok_or_else(|| Error::malformed(row_at.clone(), "a record is not an object"))?;
        let layout = match (self.layout, self.b.options.layout) {
            (Some(l), _) => l,
            (None, Layout::Auto) => self.b.detect(object.keys().map(String::as_str)),
            (None, other) => other,
        };
        self.layout = Some(layout);
        let b = &mut *self.b;
        let mut fields: Vec<(Role, &str, Option<String>)> = Vec::with_capacity(object.len());
        for (key, v) in object {
            if layout == Layout::Wide && fold(key) == "answers" {
                if let Some(inner) = v.as_object() {
                    for (item, v) in inner {
                        let role = match b.item_index(item) {
                            Some(j) => Role::Item(j),
                            None => return Err(unknown_item(&row_at.with_column(format!("answers.{item}")), item)),
                        };
                        fields.push((role, item, json_cell(v, &row_at.with_column(item.clone()))?));
                    }
                    continue;
                }
            }
            let role = match self.roles.get(key) {
                Some(r) => *r,
                None => {
                    let r = b.classify(key, layout, &row_at)?;
                    self.roles.insert(key.clone(), r);
                    r
                }
            };
            fields.push((role, key, json_cell(v, &row_at.with_column(key.clone()))?));
        }
        let fields: Vec<(Role, &str, Option<&str>)> = fields.iter().map(|(r, k, v)| (*r, *k, v.as_deref())).collect();
        b.check_record_roles(&fields, layout, &row_at)?;
        b.record(row, layout, &fields)
    }
}

impl<'de> serde::de::Visitor<'de> for &mut JsonRecords<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(record) = seq.next_element::<serde_json::Value>()? {
            if let Err(e) = self.record(&record).or_else(|e| self.b.problems.push(e)) {
                let message = e.to_string();
                self.failure = Some(e);
                return Err(serde::de::Error::custom(message));
            }
        }
        Ok(())
    }
}

/// The size limit of the survey loaders.
fn survey_limit(options: &SurveyOptions) -> crate::io::Limit {
    crate::io::Limit { bytes: options.max_input_bytes, setting: "max_input_bytes" }
}

fn answer_text(code: u8) -> &'static str {
    match code {
        1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        5 => "5",
        DONT_KNOW => "dk",
        _ => "",
    }
}

fn json_cell(v: &serde_json::Value, at: &Location) -> Result<Option<String>> {
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) => Ok(Some(s.clone())),
        serde_json::Value::Number(n) => Ok(Some(n.to_string())),
        other => Err(Error::malformed(at.clone(), format!("`{other}` is neither a number, text nor null"))),
    }
}

fn unknown_item(at: &Location, code: &str) -> Error {
    Error::UnknownCode {
        at: at.with_code(code.trim()),
        code: code.trim().to_string(),
        within: "the framework's survey items".into(),
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Respondent,
    Unit,
    /// Long form: the item code column.
    ItemCode,
    /// Long form: the answer column.
    Answer,
    Weight,
    /// Wide form: the answers to item `j`.
    Item(usize),
    Ignore,
}

const MISSING_CODES: &[&str] = &["", "na", "n a", "missing", "null", "none", "khong tra loi"];
const DONT_KNOW_CODES: &[&str] = &["dk", "don t know", "dont know", "do not know", "khong biet", "kb"];

struct RespBuild {
    id: String,
    row: usize,
    weight: Option<Decimal>,
    answers: Vec<u8>,
    /// Row of each answer (0: none yet), for duplicate messages.
    rows: Vec<usize>,
}

struct UnitBuild {
    name: String,
    first_row: usize,
    respondents: Vec<RespBuild>,
}

/// The columns named in the options (`unit_column`, `respondent_column`, `weight_column`,
/// `ignore_columns`) must be in the header (compared as matching keys: `Huyen` = `Huyện`).
///
/// Errors: [`Error::UnknownColumn`] listing the columns and the nearest one.
fn check_named_columns(
    options: &SurveyOptions,
    headers: &[String],
    head: &Location,
    table: Option<&Table>,
) -> Result<()> {
    let has = |given: &str| match table {
        Some(t) => t.position_of(given).is_some(),
        None => {
            let key = header_key(given);
            headers.iter().any(|h| h.trim() == given.trim() || header_key(h) == key)
        }
    };
    for (option, given) in [
        ("unit_column", &options.unit_column),
        ("respondent_column", &options.respondent_column),
        ("weight_column", &options.weight_column),
    ] {
        if let Some(given) = given {
            if !has(given) {
                return Err(crate::columns::unknown_column(head, option, given, headers));
            }
        }
    }
    for given in &options.ignore_columns {
        if !has(given) {
            return Err(crate::columns::unknown_column(head, "ignore_columns", given, headers));
        }
    }
    Ok(())
}

/// Accumulates validated records.
struct Builder<'a> {
    at: Location,
    framework: &'a Framework,
    options: &'a SurveyOptions,
    header_row: Option<usize>,
    items: Vec<String>,
    item_lookup: HashMap<String, usize>,
    seen_items: Vec<bool>,
    units: Vec<UnitBuild>,
    unit_lookup: HashMap<String, usize>,
    unit_folded: HashMap<String, usize>,
    respondents: HashMap<String, (usize, usize)>,
    weighted: Option<bool>,
    unit_column: String,
    /// Role → header, from a table's `columns` option.
    named: std::collections::BTreeMap<String, String>,
    /// Where the problems of records go: the loader's error, or kept for validation.
    problems: &'a mut Collector,
}

impl<'a> Builder<'a> {
    fn new(
        label: &str,
        framework: &'a Framework,
        options: &'a SurveyOptions,
        header_row: Option<usize>,
        problems: &'a mut Collector,
    ) -> Self {
        let items = framework.leaf_codes();
        let item_lookup = items.iter().enumerate().map(|(i, c)| (c.to_lowercase(), i)).collect();
        Builder {
            at: Location::file(label),
            framework,
            options,
            header_row,
            seen_items: vec![false; items.len()],
            items,
            item_lookup,
            units: Vec::new(),
            unit_lookup: HashMap::new(),
            unit_folded: HashMap::new(),
            respondents: HashMap::new(),
            weighted: None,
            unit_column: "unit".into(),
            named: std::collections::BTreeMap::new(),
            problems,
        }
    }

    fn item_index(&self, code: &str) -> Option<usize> {
        self.item_lookup.get(&code.trim().to_lowercase()).copied()
    }

    /// Long if the names include an item or an answer column (unless the layout is given):
    /// a long table missing one of the two is then reported as such.
    fn detect<'k>(&self, names: impl Iterator<Item = &'k str>) -> Layout {
        if self.options.layout != Layout::Auto {
            return self.options.layout;
        }
        let folded: Vec<String> = names.map(header_key).collect();
        let has = |role: &str| {
            let named = self.named.get(role).map(|c| header_key(c));
            folded.iter().any(|f| named.as_ref().map_or_else(|| is_alias("survey", role, f), |n| n == f))
        };
        if has("item") || has("answer") {
            Layout::Long
        } else {
            Layout::Wide
        }
    }

    fn classify(&self, name: &str, layout: Layout, at: &Location) -> Result<Role> {
        let f = header_key(name);
        let alias = |role: &str| is_alias("survey", role, &f);
        // A column named in the options (or the table's `columns`) wins; other columns of
        // the same kind are then ignored. Names compare as matching keys (`Huyen` = `Huyện`).
        let named = |option: &Option<String>, role: &str| {
            option.as_ref().or_else(|| self.named.get(role)).map(|c| header_key(c))
        };
        let weight = named(&self.options.weight_column, "weight");
        if weight.as_ref().map_or_else(|| alias("weight"), |w| *w == f) {
            return Ok(Role::Weight);
        }
        for (option, role, as_role) in [
            (&self.options.respondent_column, "respondent", Role::Respondent),
            (&self.options.unit_column, "unit", Role::Unit),
        ] {
            match named(option, role) {
                Some(c) if c == f => return Ok(as_role),
                Some(_) if alias(role) => return Ok(Role::Ignore),
                None if alias(role) => return Ok(as_role),
                _ => {}
            }
        }
        if self.options.ignore_columns.iter().any(|c| header_key(c) == f) {
            return Ok(Role::Ignore);
        }
        match layout {
            Layout::Long | Layout::Auto => {
                let item = named(&None, "item");
                let answer = named(&None, "answer");
                Ok(if item.as_ref().map_or_else(|| alias("item"), |c| *c == f) {
                    Role::ItemCode
                } else if answer.as_ref().map_or_else(|| alias("answer"), |c| *c == f) {
                    Role::Answer
                } else {
                    Role::Ignore
                })
            }
            Layout::Wide => match self.item_index(name) {
                Some(j) => Ok(Role::Item(j)),
                // Not silently skipped: it may be a misspelt item (other columns go in
                // `ignore_columns`).
                None => Err(unknown_item(&at.with_column(name.trim()), name)),
            },
        }
    }

    /// The columns a layout needs, once per CSV header.
    fn check_roles(&mut self, roles: &[Role], names: &[String], layout: Layout, at: &Location) -> Result<()> {
        // Columns named in the options first: their absence is the clearest message.
        for (named, role) in [
            (&self.options.weight_column, Role::Weight),
            (&self.options.unit_column, Role::Unit),
            (&self.options.respondent_column, Role::Respondent),
        ] {
            if let Some(c) = named {
                if !roles.contains(&role) {
                    return Err(Error::MissingField { at: at.with_column(c.clone()), field: c.clone() });
                }
            }
        }
        let need: &[(Role, &str)] = match layout {
            Layout::Long | Layout::Auto => &[
                (Role::Respondent, "respondent"),
                (Role::Unit, "unit"),
                (Role::ItemCode, "item"),
                (Role::Answer, "answer"),
            ],
            Layout::Wide => &[(Role::Unit, "unit")],
        };
        for (role, field) in need {
            if !roles.contains(role) {
                return Err(Error::MissingField { at: at.with_column(*field), field: (*field).to_string() });
            }
        }
        for (role, field) in [
            (Role::Respondent, "respondent"),
            (Role::Unit, "unit"),
            (Role::ItemCode, "item"),
            (Role::Answer, "answer"),
            (Role::Weight, "weight"),
        ] {
            let cols: Vec<&String> = roles.iter().zip(names).filter(|(r, _)| **r == role).map(|(_, n)| n).collect();
            if cols.len() > 1 {
                let list: Vec<&str> = cols.iter().map(|c| c.as_str()).collect();
                return Err(Error::malformed(
                    at.with_column(list.join(", ")),
                    format!("several {field} columns: keep one"),
                ));
            }
        }
        for (j, name) in roles.iter().zip(names).filter_map(|(r, n)| match r {
            Role::Item(j) => Some((*j, n)),
            _ => None,
        }) {
            if roles.iter().filter(|r| **r == Role::Item(j)).count() > 1 {
                return Err(Error::DuplicateCode {
                    at: at.with_column(name.clone()).with_code(name.clone()),
                    code: name.clone(),
                });
            }
        }
        if let Some(name) = roles.iter().zip(names).find(|(r, _)| **r == Role::Unit).map(|(_, n)| n) {
            self.unit_column = name.clone();
        }
        Ok(())
    }

    /// The keys a JSON record needs.
    fn check_record_roles(
        &mut self,
        fields: &[(Role, &str, Option<&str>)],
        layout: Layout,
        at: &Location,
    ) -> Result<()> {
        let need: &[(Role, &str)] = match layout {
            Layout::Long | Layout::Auto => &[
                (Role::Respondent, "respondent"),
                (Role::Unit, "unit"),
                (Role::ItemCode, "item"),
                (Role::Answer, "answer"),
            ],
            Layout::Wide => &[(Role::Unit, "unit")],
        };
        for (role, field) in need {
            if !fields.iter().any(|(r, _, _)| r == role) {
                return Err(Error::MissingField { at: at.with_column(*field), field: (*field).to_string() });
            }
        }
        if let Some((_, name, _)) = fields.iter().find(|(r, _, _)| *r == Role::Unit) {
            self.unit_column = (*name).to_string();
        }
        Ok(())
    }

    /// One record (a CSV row or JSON object). Locations are built only on error: this runs
    /// once per answer cell. A problem goes to the collector: when it is kept, the rest of
    /// the record is skipped (a bad answer cell: that cell only).
    fn record(&mut self, row: usize, layout: Layout, fields: &[(Role, &str, Option<&str>)]) -> Result<()> {
        let get = |role: Role| fields.iter().find(|(r, _, _)| *r == role).map(|(_, name, v)| (*name, v.unwrap_or("")));
        let (unit_col, unit) = get(Role::Unit).unwrap_or(("unit", ""));
        let unit = unit.trim();
        if unit.is_empty() {
            let at = self.at.at_row(row).with_column(unit_col);
            return self.problems.push(Error::MissingField { at, field: "unit".into() });
        }
        let respondent: std::borrow::Cow<'_, str> = match get(Role::Respondent) {
            Some((col, id)) if id.trim().is_empty() => {
                let at = self.at.at_row(row).with_column(col);
                return self.problems.push(Error::MissingField { at, field: "respondent".into() });
            }
            Some((_, id)) => id.trim().into(),
            None => format!("row {row}").into(),
        };
        let weight = match get(Role::Weight) {
            None => None,
            Some((col, text)) => match self.weight(text, &self.at.at_row(row).with_column(col)) {
                Ok(w) => Some(w),
                Err(e) => return self.problems.push(e),
            },
        };
        let key = match self.respondent(&respondent, unit, weight, row, unit_col) {
            Ok(key) => key,
            Err(e) => return self.problems.push(e),
        };
        match layout {
            Layout::Long | Layout::Auto => {
                let (item_col, code) = get(Role::ItemCode).unwrap_or(("item", ""));
                let j = match self.item_index(code) {
                    Some(j) => j,
                    None if code.trim().is_empty() => {
                        let at = self.at.at_row(row).with_column(item_col);
                        return self.problems.push(Error::MissingField { at, field: "item".into() });
                    }
                    None => return self.problems.push(unknown_item(&self.at.at_row(row).with_column(item_col), code)),
                };
                // The item occurs in the input, whatever its answer (`require_all_items`).
                if let Some(seen) = self.seen_items.get_mut(j) {
                    *seen = true;
                }
                let (answer_col, text) = get(Role::Answer).unwrap_or(("answer", ""));
                match self.answer(text, || self.at.at_row(row).with_column(answer_col).with_code(self.item(j))) {
                    Ok(value) => self.set(key, j, value, row, item_col).or_else(|e| self.problems.push(e))?,
                    Err(e) => self.problems.push(e)?,
                }
            }
            Layout::Wide => {
                for (role, col, cell) in fields {
                    if let Role::Item(j) = role {
                        if let Some(seen) = self.seen_items.get_mut(*j) {
                            *seen = true;
                        }
                        let value = self.answer(cell.unwrap_or(""), || {
                            self.at.at_row(row).with_column(*col).with_code(self.item(*j))
                        });
                        match value {
                            Ok(value) => self.set(key, *j, value, row, col).or_else(|e| self.problems.push(e))?,
                            Err(e) => self.problems.push(e)?,
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn item(&self, j: usize) -> String {
        self.items.get(j).cloned().unwrap_or_default()
    }

    fn weight(&self, text: &str, at: &Location) -> Result<Decimal> {
        if text.trim().is_empty() {
            return Err(Error::MissingField { at: at.clone(), field: "weight".into() });
        }
        let w = parse_decimal(text, at)?;
        crate::decimal::check_limit(w, at)?;
        if w <= Decimal::ZERO {
            return Err(Error::InvalidAnswer {
                at: at.clone(),
                value: text.trim().to_string(),
                reason: "a design weight must be positive".into(),
            });
        }
        Ok(w)
    }

    /// Parse one answer cell into a stored code.
    fn answer(&self, text: &str, at: impl Fn() -> Location) -> Result<u8> {
        let t = text.trim();
        if self.options.missing.iter().any(|m| m.trim() == t) {
            return Ok(MISSING);
        }
        if self.options.dont_know.iter().any(|d| d.trim() == t) {
            return Ok(DONT_KNOW);
        }
        // The common cases first: one digit 1–5, or an empty cell.
        match t.as_bytes() {
            [d @ b'1'..=b'5'] => return Ok(d - b'0'),
            [] => return Ok(MISSING),
            _ => {}
        }
        let at = at();
        // Control characters (a NUL from a broken export) are not a missing answer.
        if t.chars().any(char::is_control) {
            return Err(Error::InvalidAnswer {
                at,
                value: t.escape_debug().to_string(),
                reason: "the cell holds control characters (a broken export?)".into(),
            });
        }
        let f = fold(t);
        if MISSING_CODES.contains(&f.as_str()) {
            return Ok(MISSING);
        }
        if DONT_KNOW_CODES.contains(&f.as_str()) {
            return Ok(DONT_KNOW);
        }
        let invalid =
            |reason: &str| Error::InvalidAnswer { at: at.clone(), value: t.to_string(), reason: reason.into() };
        let scale = "answers are 1–5 (1 very dissatisfied … 5 very satisfied), or empty / a missing or don't-know code";
        match parse_decimal(t, &at) {
            Ok(v) if v.fract().is_zero() && v >= Decimal::ONE && v <= Decimal::from(5) => {
                v.to_u8().ok_or_else(|| invalid(scale))
            }
            Ok(_) => Err(invalid(scale)),
            Err(_) => Err(invalid(&format!("not a number, nor a missing or don't-know code; {scale}"))),
        }
    }

    fn respondent(
        &mut self,
        id: &str,
        unit: &str,
        weight: Option<Decimal>,
        row: usize,
        unit_col: &str,
    ) -> Result<(usize, usize)> {
        let at = || self.at.at_row(row);
        match self.weighted {
            None => self.weighted = Some(weight.is_some()),
            Some(w) if w != weight.is_some() => {
                return Err(Error::MissingField { at: at().with_column("weight"), field: "weight".into() })
            }
            Some(_) => {}
        }
        if let Some(&(u, r)) = self.respondents.get(id) {
            let unit_b = self.units.get(u).ok_or_else(|| Error::malformed(at(), "internal: unit index"))?;
            let resp = unit_b.respondents.get(r).ok_or_else(|| Error::malformed(at(), "internal: respondent index"))?;
            if unit_b.name != unit {
                return Err(Error::malformed(
                    at().with_column(unit_col).with_code(unit),
                    format!(
                        "respondent `{id}` is in unit `{}` at row {} and in unit `{unit}` here",
                        unit_b.name, resp.row
                    ),
                ));
            }
            if resp.weight != weight {
                return Err(Error::malformed(
                    at().with_column("weight"),
                    format!("respondent `{id}` has weight {:?} at row {} and {:?} here", resp.weight, resp.row, weight),
                ));
            }
            return Ok((u, r));
        }
        let u = match self.unit_lookup.get(unit) {
            Some(&u) => u,
            None => {
                let folded = fold(unit);
                if let Some(other) = self.unit_folded.get(&folded).and_then(|&u| self.units.get(u)) {
                    return Err(Error::malformed(
                        at().with_column(unit_col).with_code(unit),
                        format!(
                            "unit `{unit}` differs from unit `{}` (row {}) only in case, spacing or diacritics: use one spelling",
                            other.name, other.first_row
                        ),
                    ));
                }
                let u = self.units.len();
                if self.units.try_reserve(1).is_err()
                    || self.unit_lookup.try_reserve(1).is_err()
                    || self.unit_folded.try_reserve(1).is_err()
                {
                    return Err(crate::io::too_large(
                        &self.at,
                        format!(
                            "the memory for unit `{}` (row {row}) could not be allocated",
                            crate::error::quote(unit)
                        ),
                        survey_limit(self.options),
                    ));
                }
                self.units.push(UnitBuild { name: unit.to_string(), first_row: row, respondents: Vec::new() });
                self.unit_lookup.insert(unit.to_string(), u);
                self.unit_folded.insert(folded, u);
                u
            }
        };
        let j = self.items.len();
        // The input sizes these: allocate fallibly (a refusal, never an abort).
        let oom = || {
            crate::io::too_large(
                &self.at,
                format!("the memory for respondent `{}` (row {row}) could not be allocated", crate::error::quote(id)),
                survey_limit(self.options),
            )
        };
        let (mut answers, mut rows) = (Vec::new(), Vec::new());
        answers.try_reserve_exact(j).map_err(|_| oom())?;
        rows.try_reserve_exact(j).map_err(|_| oom())?;
        answers.resize(j, ABSENT);
        rows.resize(j, 0);
        self.respondents.try_reserve(1).map_err(|_| oom())?;
        let list =
            &mut self.units.get_mut(u).ok_or_else(|| Error::malformed(at(), "internal: unit index"))?.respondents;
        if list.try_reserve(1).is_err() {
            return Err(oom());
        }
        let r = list.len();
        list.push(RespBuild { id: id.to_string(), row, weight, answers, rows });
        self.respondents.insert(id.to_string(), (u, r));
        Ok((u, r))
    }

    fn set(&mut self, (u, r): (usize, usize), j: usize, value: u8, row: usize, column: &str) -> Result<()> {
        let at = || self.at.at_row(row).with_column(column);
        let item = self.items.get(j).map(String::as_str).unwrap_or_default();
        let resp = self
            .units
            .get_mut(u)
            .and_then(|unit| unit.respondents.get_mut(r))
            .ok_or_else(|| Error::malformed(at(), "internal: respondent index"))?;
        let (Some(slot), Some(first)) = (resp.answers.get_mut(j), resp.rows.get_mut(j)) else {
            return Err(unknown_item(&at(), item));
        };
        if *first != 0 {
            return Err(Error::DuplicateAnswer {
                at: at().with_code(item),
                respondent: resp.id.clone(),
                item: item.to_string(),
                first: format!("row {first}"),
            });
        }
        *slot = value;
        *first = row;
        if let Some(seen) = self.seen_items.get_mut(j) {
            *seen = true;
        }
        Ok(())
    }

    /// The checks of the whole input, then the survey. Each problem goes to the collector;
    /// when they are kept the survey returned is incomplete (a validation discards it).
    fn finish(self) -> Result<Survey> {
        if self.options.require_all_items {
            for (code, _) in self.items.iter().zip(&self.seen_items).filter(|(_, seen)| !**seen) {
                let at = Location { row: self.header_row, ..self.at.clone() };
                self.problems.push(Error::MissingField {
                    at: at.with_column(code.clone()).with_code(code.clone()),
                    field: format!("answers to item {code} (set require_all_items = false to allow)"),
                })?;
            }
        }
        if let Some(expected) = &self.options.units {
            for name in expected {
                if !self.unit_lookup.contains_key(name.trim()) {
                    self.problems.push(Error::NoAnswers {
                        at: self.at.with_column(self.unit_column.clone()).with_code(name.trim()),
                        unit: name.trim().to_string(),
                    })?;
                }
            }
        }
        // Rows that were all bad are already reported.
        if self.units.is_empty() && self.problems.is_clean() {
            return Err(Error::malformed(self.at.clone(), "no answers"));
        }
        let j = self.items.len();
        let mut units = Vec::with_capacity(self.units.len());
        for mut unit in self.units {
            if !unit.respondents.iter().any(|r| r.answers.iter().any(|&c| is_valid(c))) {
                self.problems.push(Error::NoAnswers {
                    at: self
                        .at
                        .at_row(unit.first_row)
                        .with_column(self.unit_column.clone())
                        .with_code(unit.name.clone()),
                    unit: unit.name,
                })?;
                continue;
            }
            // Sorted by id: the order of the input rows changes nothing downstream.
            unit.respondents.sort_by(|a, b| a.id.cmp(&b.id));
            let mut answers = Vec::new();
            let cells = unit.respondents.len().saturating_mul(j);
            answers.try_reserve_exact(cells).map_err(|_| {
                crate::io::too_large(
                    &self.at,
                    format!("the memory for {cells} answers of unit `{}` could not be allocated", unit.name),
                    survey_limit(self.options),
                )
            })?;
            let mut weights = Vec::new();
            let mut ids = Vec::with_capacity(unit.respondents.len());
            for r in unit.respondents {
                answers.extend_from_slice(&r.answers);
                weights.extend(r.weight);
                ids.push(r.id);
            }
            units.push(UnitAnswers {
                name: unit.name,
                first_row: Some(unit.first_row),
                respondents: ids,
                weights,
                answers,
            });
        }
        Ok(Survey {
            framework: self.framework.clone(),
            label: self.at.file.clone().unwrap_or_default(),
            items: self.items,
            units,
            weighted: self.weighted.unwrap_or(false),
        })
    }
}
