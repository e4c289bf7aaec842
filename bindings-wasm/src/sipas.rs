//! The SIPAS exports: survey answers (`Survey`), SIPAS of every unit (`SipasResult`), the
//! bootstrap (`SipasBootstrap`) and `sipasFromAnswers`. Methodology: 1001/QĐ-BNV (2023) for
//! SIPAS 2023–2026 (framework `sipas-2023`), 2640/QĐ-BNV (2017) for 2017–2021
//! (`sipas-2017`). As in `api`: read the arguments, call the core, write the result.

use crate::api::{Framework, LeagueTable};
use crate::bridge::{self, js, out, read, write};
use crate::convert::{self, Js};
use crate::reader::{fields, Options};
use parindex::sipas::{self as ps, BootstrapOptions, SurveyOptions, SyntheticSpec};
use parindex::{Error, IndexKind, SipasOptions, TableOptions};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

type R<T> = Result<T, JsValue>;

/// The framework of SIPAS from 2023: 1001/QĐ-BNV.
const DEFAULT_FRAMEWORK: &str = "sipas-2023";

/// The `framework` option, `sipas-2023` when absent.
fn framework_of(options: &JsValue) -> R<parindex::Framework> {
    match bridge::framework_option(options, "options.framework")? {
        Some(fw) => Ok(fw),
        None => js(parindex::framework::builtin(DEFAULT_FRAMEWORK)).cloned(),
    }
}

/// Answers handed in: CSV or JSON text (an array of records becomes CSV text).
enum Answers {
    Csv(String),
    Json(String),
}

/// Read `input`: a string starting with `[` or `{` is JSON, another string CSV; an array of
/// records is written as CSV (one column per key, record i at row i + 2) and read as CSV,
/// as Python reads a DataFrame. The default label names the kind.
fn answers_of(input: &JsValue, name: &str) -> R<(Answers, &'static str)> {
    if let Some(text) = input.as_string() {
        return Ok(if text.trim_start().starts_with(['[', '{']) {
            (Answers::Json(text), "answers.json")
        } else {
            (Answers::Csv(text), "answers.csv")
        });
    }
    if js_sys::Array::is_array(input) {
        return Ok((Answers::Csv(js(convert::records_csv(&bridge::json_text(input, name)?, name))?), "answers"));
    }
    Err(bridge::throwable(&Error::invalid_argument(
        name,
        format!("expected CSV or JSON text, or an array of answer objects, got {}", read(input).type_name()),
    )))
}

fn read_survey(
    answers: Answers,
    label: &str,
    framework: &parindex::Framework,
    options: &SurveyOptions,
) -> R<ps::Survey> {
    bridge::js_in(
        match answers {
            Answers::Csv(text) => ps::Survey::from_csv(&text, label, framework, options),
            Answers::Json(text) => ps::Survey::from_json(&text, label, framework, options),
        },
        label,
    )
}

/// The options object of a SIPAS call: the keys of the core's option types `parts` (camelCase)
/// and the binding's own `extra` keys (`framework`, `label`).
fn options_of(options: &JsValue, parts: &[&[&str]], extra: &[&str]) -> R<Options> {
    js(Options::new(&read(options), "options", parts, extra, true))
}

/// SIPAS from survey answers in one call: read `answers` against `options.framework` and
/// compute every unit. `answers`: CSV text (long form `respondent, unit, item, answer[,
/// weight]`, one row per respondent × item; or wide form `respondent, unit[, weight]` and
/// one column per item code), JSON text, or an array of flat records — long form `{
/// respondent, unit, item, answer, weight? }` (answer 1–5, a string, or `null`/`NaN` for
/// missing), or wide form with one key per item — read as the CSV of their keys and values
/// (as Python reads a DataFrame). Answers are 1 (very dissatisfied) … 5 (very satisfied);
/// empty, `NA`, `missing`, `null` are missing; `dk`, `không biết` are "don't know" (add
/// codes with `dontKnow` / `missing`). Vietnamese headers are accepted (`đơn vị`, `mã
/// phiếu`, `trọng số`).
///
/// Options (Python's `sipas_from_answers`): `framework` (`"sipas-2023"`, 1001/QĐ-BNV, the
/// default; `"sipas-2017"`, 2640/QĐ-BNV; or a `Framework`), `rule` (`"top2"`: share of valid
/// answers 4–5, default; `"mean"`: mean answer rescaled to 0–100), `aggregation`
/// (`"item_mean"`, default: every item weighs the same, which reproduces the published 2024
/// national figure; `"domain_mean"`; `"element_mean"`), `tiePolicy` (`"competition"`),
/// `year`, `layout` (`"auto"`, `"long"`, `"wide"`), `unitColumn`, `respondentColumn`,
/// `weightColumn`, `dontKnow`, `missing`, `units` (units that must be present), `label`
/// (names the input in errors; default `answers.csv`, `answers.json` or `answers`),
/// `decimals` (the stated precision, decimal places of percent, default 4, 0–28: values
/// are computed exactly, ranked at it and every value shown is rounded to it). Neither
/// rule nor aggregation is fixed by a published formula: they are choices, named in the result.
///
/// @throws ParIndexError `INVALID_ANSWER` (0, 6, 4.5, text, a non-positive weight),
///   `DUPLICATE_ANSWER`, `NO_ANSWERS`, `UNKNOWN_CODE`, `MISSING_FIELD`, `MALFORMED` — with
///   `file`, `row` (CSV: header = row 1, so record `i` of an array is row `i + 2`, as a
///   DataFrame's row in Python; JSON text: first record = 1), `column` and `code`;
///   `INVALID_ARGUMENT` for bad options, a record that is not a flat object; `NOT_FOUND`
///   for an unknown framework id.
#[wasm_bindgen(js_name = sipasFromAnswers)]
pub fn sipas_from_answers(
    #[wasm_bindgen(unchecked_param_type = "string | AnswerRecord[] | Record<string, unknown>[]")] answers: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SipasFromAnswersOptions")] options: JsValue,
) -> R<SipasResult> {
    let o = options_of(&options, &[fields::<SurveyOptions>(), fields::<SipasOptions>()], &["framework", "label"])?;
    let survey_options: SurveyOptions = js(o.part())?;
    let computation: SipasOptions = js(o.part())?;
    let label: Option<String> = js(o.value("label"))?;
    let framework = framework_of(&options)?;
    let (input, default_label) = answers_of(&answers, "answers")?;
    let survey = read_survey(input, label.as_deref().unwrap_or(default_label), &framework, &survey_options)?;
    js_options(survey.compute(&computation)).map(SipasResult::wrap)
}

/// As [`js`], naming the core's arguments as the options object names them
/// (`tie_policy` → `options.tiePolicy`).
fn js_options<T>(r: parindex::Result<T>) -> R<T> {
    const NAMES: [(&str, &str); 10] = [
        ("rule", "options.rule"),
        ("aggregation", "options.aggregation"),
        ("tie_policy", "options.tiePolicy"),
        ("decimals", "options.decimals"),
        ("framework", "options.framework"),
        ("replicates", "options.replicates"),
        ("level", "options.level"),
        ("units", "options.units"),
        ("respondents", "options.respondents"),
        ("missing_per_mille", "options.missingPerMille"),
    ];
    crate::bridge::js_as(r, &NAMES)
}

// ---------------------------------------------------------------------------------------
// Survey
// ---------------------------------------------------------------------------------------

/// Validated survey answers (dữ liệu điều tra): units (đơn vị) → respondents → one answer
/// per framework item (1 very dissatisfied … 5 very satisfied; missing and "don't know"
/// kept apart), with optional design weights. Immutable. Methodology: 1001/QĐ-BNV (2023)
/// for `sipas-2023`, 2640/QĐ-BNV (2017) for `sipas-2017`.
#[wasm_bindgen]
pub struct Survey {
    inner: ps::Survey,
}

/// Read a survey from `answers` with the options of the `Survey.from…` readers.
fn survey_from(answers: Answers, default_label: &str, options: &JsValue) -> R<Survey> {
    let o = options_of(options, &[fields::<SurveyOptions>()], &["framework", "label"])?;
    let survey_options: SurveyOptions = js(o.part())?;
    let label: Option<String> = js(o.value("label"))?;
    let framework = framework_of(options)?;
    let survey = read_survey(answers, label.as_deref().unwrap_or(default_label), &framework, &survey_options)?;
    Ok(Survey { inner: survey })
}

#[wasm_bindgen]
impl Survey {
    /// Answers from CSV text, long form (`respondent, unit, item, answer[, weight]`) or wide
    /// form (`respondent, unit[, weight]` and one column per item code), detected unless
    /// `layout` is given.
    ///
    /// @param options - `{ framework?, label?, layout?, unitColumn?, respondentColumn?,
    ///   weightColumn?, dontKnow?, missing?, ignoreColumns?, units?, requireAllItems? }`
    ///   (`framework` default `"sipas-2023"`; `label` default `"answers.csv"`;
    ///   `requireAllItems` default true: every item must occur).
    /// @throws ParIndexError as `sipasFromAnswers`, with `file`, `row`, `column`.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SurveyOptions")] options: JsValue,
    ) -> R<Survey> {
        let text = js(convert::string(&read(&text), "text"))?;
        survey_from(Answers::Csv(text), "answers.csv", &options)
    }

    /// Every problem of survey answers in CSV at once (the core's `validate_csv`): an array of
    /// `ParIndexError` objects with their `row`, `column`, `code` and `details`, not thrown;
    /// empty when the answers load.
    ///
    /// @param options - as `fromCsv`.
    #[wasm_bindgen(unchecked_return_type = "ParIndexError[]")]
    pub fn validate(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SurveyOptions")] options: JsValue,
    ) -> R<js_sys::Array> {
        let text = js(convert::string(&read(&text), "text"))?;
        let o = options_of(&options, &[fields::<SurveyOptions>()], &["framework", "label"])?;
        let survey_options: SurveyOptions = js(o.part())?;
        let label = js(o.value::<Option<String>>("label"))?.unwrap_or_else(|| "answers.csv".into());
        let framework = framework_of(&options)?;
        let errors = ps::Survey::validate_csv(&text, &label, &framework, &survey_options);
        Ok(errors.iter().map(bridge::throwable).collect())
    }

    /// Answers from a worksheet of an Excel or OpenDocument workbook, long or wide form as
    /// `fromCsv`, found under any title rows.
    ///
    /// @param bytes - the workbook (`Uint8Array`, `ArrayBuffer`).
    /// @param options - `fromCsv`'s options plus `{ sheet?, headerRow?, columns? }` (roles
    ///   `unit`, `respondent`, `item`, `answer`, `weight`); `label` default `"answers.xlsx"`.
    /// @throws ParIndexError as `fromCsv`, with `sheet` and `cell`; `NOT_FOUND`, `UNKNOWN_COLUMN`.
    #[wasm_bindgen(js_name = fromExcel)]
    pub fn from_excel(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SurveyOptions & ExcelOptions")] options: JsValue,
    ) -> R<Survey> {
        let bytes = bridge::bytes_arg(&bytes, "bytes")?;
        let o = options_of(&options, &[fields::<SurveyOptions>(), fields::<TableOptions>()], &["framework", "label"])?;
        let table_options = js(o.table())?;
        let survey_options: SurveyOptions = js(o.part())?;
        let label = js(o.value::<Option<String>>("label"))?.unwrap_or_else(|| "answers.xlsx".into());
        let framework = framework_of(&options)?;
        let table = js(parindex::Table::from_workbook(&bytes, &label, &table_options))?;
        Ok(Survey { inner: js(ps::Survey::from_table(&table, &framework, &survey_options))? })
    }

    /// Answers from JSON text: an array of long-form records (`{ respondent, unit, item,
    /// answer, weight? }`) or of wide-form records (one key per item, optionally nested
    /// under `answers`). Rows in errors are record positions (first = 1), columns are keys.
    ///
    /// @param options - as `fromCsv` (`label` default `"answers.json"`).
    /// @throws ParIndexError as `fromCsv`; `MALFORMED` for text that is not JSON.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SurveyOptions")] options: JsValue,
    ) -> R<Survey> {
        let text = js(convert::string(&read(&text), "text"))?;
        survey_from(Answers::Json(text), "answers.json", &options)
    }

    /// Answers from an array of flat plain objects: long form `{ respondent, unit, item,
    /// answer, weight? }` (answer 1–5 as a number or string, `null`/`NaN` missing, `"dk"`
    /// don't know) or wide form (one key per item). They are read as the CSV of their keys
    /// (columns, in order of first appearance) and values, so checked exactly as a file —
    /// as Python reads a DataFrame: record `i` is row `i + 2` in errors (header = row 1).
    /// For very large surveys this is also the fast path after CSV text.
    ///
    /// @param options - as `fromCsv` (`label` default `"answers"`).
    /// @throws ParIndexError as `fromCsv`; `INVALID_ARGUMENT` for a value that is not an
    ///   array, a record that is not an object, a nested array or object as a value.
    #[wasm_bindgen(js_name = fromAnswers)]
    pub fn from_answers(
        #[wasm_bindgen(unchecked_param_type = "AnswerRecord[] | Record<string, unknown>[]")] answers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SurveyOptions")] options: JsValue,
    ) -> R<Survey> {
        if !js_sys::Array::is_array(&answers) {
            return Err(bridge::throwable(&Error::invalid_argument(
                "answers",
                format!("expected an array of answer objects, got {}", read(&answers).type_name()),
            )));
        }
        let csv = js(convert::records_csv(&bridge::json_text(&answers, "answers")?, "answers"))?;
        survey_from(Answers::Csv(csv), "answers", &options)
    }

    /// A **synthetic** survey for tests and demonstrations (never real data: units are
    /// `Synthetic unit NN`): each unit's satisfaction level uniform in 65–90%, item and
    /// respondent offsets, skipped and "don't know" answers, optional design weights. The
    /// same seed gives the same answers in Rust, Python and JS.
    ///
    /// @param options - `{ framework? ("sipas-2023"), units? (63), respondents? (600),
    ///   seed? (1), missingPerMille? (20), dontKnowPerMille? (30), weighted? (false) }`.
    /// @throws ParIndexError `INVALID_ARGUMENT` (zero units or respondents, skip rates of
    ///   1000 per mille or more).
    pub fn synthetic(
        #[wasm_bindgen(unchecked_optional_param_type = "SyntheticOptions")] options: JsValue,
    ) -> R<Survey> {
        let o = options_of(&options, &[fields::<SyntheticSpec>()], &["framework"])?;
        let spec: SyntheticSpec = js(o.part())?;
        let framework = framework_of(&options)?;
        Ok(Survey { inner: js_options(ps::Survey::synthetic(&framework, &spec))? })
    }

    /// The framework (its leaves are the items).
    #[wasm_bindgen(getter)]
    pub fn framework(&self) -> Framework {
        Framework { inner: Arc::new(self.inner.framework().clone()) }
    }

    /// The label of the answers (as given, or the default).
    #[wasm_bindgen(getter)]
    pub fn label(&self) -> String {
        self.inner.label().to_string()
    }

    /// Number of respondents in all units.
    #[wasm_bindgen(getter, js_name = respondentCount)]
    pub fn respondent_count(&self) -> f64 {
        self.inner.respondent_count() as f64
    }

    /// Whether design weights are applied.
    #[wasm_bindgen(getter, js_name = isWeighted)]
    pub fn is_weighted(&self) -> bool {
        self.inner.is_weighted()
    }

    /// The units, in order of first appearance.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn units(&self) -> R<JsValue> {
        out(&self.inner.units())
    }

    /// The item codes, framework order.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn items(&self) -> R<JsValue> {
        out(self.inner.items())
    }

    /// Respondents of a unit, or `null` for an unknown unit.
    #[wasm_bindgen(unchecked_return_type = "number | null")]
    pub fn respondents(&self, #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue) -> R<JsValue> {
        let unit = js(convert::string(&read(&unit), "unit"))?;
        write(&Js::opt_int(self.inner.respondents(&unit).map(|n| n as u64)))
    }

    /// SIPAS of every unit: item satisfaction under `rule` (exact division of counts, or of
    /// design-weight sums when weighted), aggregated up the framework under `aggregation`,
    /// ranked under `tiePolicy`.
    ///
    /// @param options - `{ rule? ("top2"), aggregation? ("item_mean"), tiePolicy?
    ///   ("competition"), year?, decimals? (4: the stated precision in decimal places of
    ///   percent; units are ranked at it and every value shown is rounded to it) }`.
    /// @throws ParIndexError `INVALID_ARGUMENT` (an unknown rule, aggregation or policy; an
    ///   aggregation the framework has no level for, e.g. `domain_mean` on `sipas-2017`),
    ///   `NO_ANSWERS`.
    pub fn compute(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SipasOptions")] options: JsValue,
    ) -> R<SipasResult> {
        let o = options_of(&options, &[fields::<SipasOptions>()], &[])?;
        let computation: SipasOptions = js(o.part())?;
        js_options(self.inner.compute(&computation)).map(SipasResult::wrap)
    }

    /// Bootstrap confidence intervals: `replicates` resamples of every unit's respondents
    /// with replacement (n draws of n), every index and rank recomputed; percentile intervals
    /// at `level`. Seeded: the same seed gives the same numbers, bit for bit, in Rust, Python
    /// and JS.
    ///
    /// @param options - `{ rule?, aggregation?, tiePolicy?, replicates? (1000), seed?
    ///   (20231211; a BigInt beyond 2⁵³), level? ("0.95"), decimals? (4:
    ///   statistics shown at this many places of percent, shares at decimals + 2) }`.
    /// @throws ParIndexError `INVALID_ARGUMENT` (zero replicates, a level outside (0, 1)),
    ///   and as `compute`.
    pub fn bootstrap(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "BootstrapOptions")] options: JsValue,
    ) -> R<SipasBootstrap> {
        let o = options_of(&options, &[fields::<SipasOptions>(), fields::<BootstrapOptions>()], &[])?;
        let computation: SipasOptions = js(o.part())?;
        let settings: BootstrapOptions = js(o.part())?;
        js_options(self.inner.bootstrap(&computation, &settings)).map(|inner| SipasBootstrap { inner: inner.shown() })
    }

    /// The answers in long form as CSV (`respondent,unit,item,answer[,weight]`; missing
    /// answers empty, "don't know" as `dk`), readable back by `Survey.fromCsv`.
    #[wasm_bindgen(js_name = toLongCsv)]
    pub fn to_long_csv(&self) -> R<String> {
        js(self.inner.to_long_csv())
    }

    /// The answers in wide form as CSV (one row per respondent), readable back by `Survey.fromCsv`.
    #[wasm_bindgen(js_name = toWideCsv)]
    pub fn to_wide_csv(&self) -> R<String> {
        js(self.inner.to_wide_csv())
    }
}

// ---------------------------------------------------------------------------------------
// SipasResult
// ---------------------------------------------------------------------------------------

/// SIPAS for every unit of a survey (kết quả Chỉ số SIPAS), with the choices that produced
/// it (`rule`, `aggregation`, `tiePolicy`, `weighted`). Values are percent 0–100 as exact
/// decimal strings, unrounded (`"61.666…"`: format them yourself); ranks 1 = best among the
/// survey's units. Column keys are camelCase (`civilServants`).
#[wasm_bindgen]
pub struct SipasResult {
    inner: ps::SipasResult,
}

impl SipasResult {
    fn wrap(inner: ps::SipasResult) -> SipasResult {
        SipasResult { inner }
    }

    /// A unit at the stated precision (what every method shows).
    fn unit(&self, unit: &JsValue) -> R<ps::UnitIndex> {
        let unit = js(convert::string(&read(unit), "unit"))?;
        js(self.inner.shown_unit(&unit))
    }
}

#[wasm_bindgen]
impl SipasResult {
    /// Framework id (`"sipas-2023"`).
    #[wasm_bindgen(getter)]
    pub fn framework(&self) -> String {
        self.inner.framework.clone()
    }

    /// The decision behind the framework (`"1001/QĐ-BNV"`).
    #[wasm_bindgen(getter)]
    pub fn decision(&self) -> String {
        self.inner.decision.clone()
    }

    /// The label of the answers.
    #[wasm_bindgen(getter)]
    pub fn label(&self) -> String {
        self.inner.label.clone()
    }

    /// `"top2"` or `"mean"`.
    #[wasm_bindgen(getter)]
    pub fn rule(&self) -> String {
        self.inner.rule.as_str().to_string()
    }

    /// `"item_mean"`, `"domain_mean"` or `"element_mean"`.
    #[wasm_bindgen(getter)]
    pub fn aggregation(&self) -> String {
        self.inner.aggregation.as_str().to_string()
    }

    /// The tie policy of the ranks.
    #[wasm_bindgen(getter, js_name = tiePolicy)]
    pub fn tie_policy(&self) -> String {
        self.inner.tie_policy.as_str().to_string()
    }

    /// Whether design weights were applied.
    #[wasm_bindgen(getter)]
    pub fn weighted(&self) -> bool {
        self.inner.weighted
    }

    /// The stated precision: decimal places of percent at which units are ranked and every
    /// value is shown (values are computed exactly).
    #[wasm_bindgen(getter)]
    pub fn decimals(&self) -> u32 {
        self.inner.decimals
    }

    /// The assessment year, or `null` when not given.
    #[wasm_bindgen(getter, unchecked_return_type = "number | null")]
    pub fn year(&self) -> JsValue {
        self.inner.year.map_or(JsValue::NULL, |y| JsValue::from_f64(f64::from(y)))
    }

    /// The units, input order.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn units(&self) -> R<JsValue> {
        write(&Js::Arr(self.inner.units.iter().map(|u| Js::str(u.unit.clone())).collect()))
    }

    /// The item codes, framework order.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn items(&self) -> R<JsValue> {
        out(&self.inner.items)
    }

    /// The node columns (domains, contents, elements): `{ code, key, nameVi, nameEn, level,
    /// depth, items }` (items: how many items lie beneath).
    #[wasm_bindgen(unchecked_return_type = "SipasNode[]")]
    pub fn nodes(&self) -> R<JsValue> {
        write(&js(convert::sipas_nodes(&self.inner))?)
    }

    /// A unit's SIPAS, percent 0–100, as a decimal string at the stated precision
    /// (`decimals` places, default 4). Units are
    /// matched exactly, else ignoring case and diacritics.
    ///
    /// @throws ParIndexError `NOT_FOUND` (listing the units).
    pub fn index(&self, #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue) -> R<String> {
        Ok(self.unit(&unit)?.sipas.to_string())
    }

    /// A unit's rank among the survey's units (1 = best).
    ///
    /// @throws ParIndexError `NOT_FOUND`.
    pub fn rank(&self, #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue) -> R<u32> {
        Ok(self.unit(&unit)?.rank)
    }

    /// A unit's value (percent) at a node (code `"B.2"` or key `"procedures"`), an item, or
    /// `"sipas"`; `null` when it has no valid answer.
    ///
    /// @throws ParIndexError `NOT_FOUND` for an unknown unit; `UNKNOWN_CODE` (listing the
    /// codes and keys, and the nearest one) for an unknown code.
    #[wasm_bindgen(unchecked_return_type = "DecimalString | null")]
    pub fn value(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    ) -> R<JsValue> {
        let code = js(convert::string(&read(&code), "code"))?;
        let value = js(self.unit(&unit)?.try_value(&convert::core_key(&code)))?;
        write(&Js::opt_dec(value))
    }

    /// Everything about one unit: `unit, sipas, rank, respondents, weightTotal`, `nodes`
    /// (column key → percent), `items` (each `code, key, satisfaction, valid, satisfied,
    /// missing, dontKnow, validWeight`), `itemsWithoutAnswers`, `row`.
    ///
    /// @throws ParIndexError `NOT_FOUND`.
    #[wasm_bindgen(js_name = unitDetail, unchecked_return_type = "SipasUnitDetail")]
    pub fn unit_detail(&self, #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue) -> R<JsValue> {
        write(&js(convert::unit_detail(&self.unit(&unit)?))?)
    }

    /// One plain object per unit (input order), Python's `to_pandas()` columns in camelCase:
    /// `unit, sipas`, the node columns (for `sipas-2023`: `policy, service`, the 4 contents
    /// `information, participation, implementation, impact`, the 5 elements `access,
    /// procedures, civilServants, results, feedback`; for `sipas-2017` its 5 elements), `n`
    /// (respondents), `rank`, and `weightTotal` when weighted. Percent as exact decimal
    /// strings, `null` where a node has no valid answer.
    #[wasm_bindgen(unchecked_return_type = "SipasRow[]")]
    pub fn rows(&self) -> R<JsValue> {
        out(&self.inner.unit_rows(false))
    }

    /// The units as a league table (open roster, every unit ranked, scores at the stated precision, this
    /// result's tie policy), under `index` (default `"sipas"`) and `year` (default the
    /// result's, else the framework's first year) — to ask `pointsToRank` of a department
    /// or district.
    ///
    /// @param options - `{ index?, year? }`.
    /// @throws ParIndexError as `LeagueTable.fromEntries`.
    #[wasm_bindgen(js_name = leagueTable)]
    pub fn league_table(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LeagueTableOptions")] options: JsValue,
    ) -> R<LeagueTable> {
        let o = options_of(&options, &[], &["index", "year"])?;
        let year: Option<u16> = js(o.value("year"))?;
        let index: Option<IndexKind> = js(o.value("index"))?;
        let table = if index.is_none() && year.is_none() {
            js(self.inner.league_table())?
        } else {
            let kind = index.unwrap_or(IndexKind::Sipas);
            let year = year
                .or(self.inner.year)
                .or_else(|| parindex::framework::builtin(&self.inner.framework).ok()?.years.map(|y| y.first))
                .unwrap_or(0);
            js(self.inner.league_table_as(kind, year))?
        };
        Ok(LeagueTable::wrap(table))
    }

    /// What if a unit's satisfaction changed (kịch bản giả định): each change adds
    /// percentage points to every item beneath a node (`{ code, add }`), or moves the node to
    /// a value by shifting its items equally (`{ code, set }`); items are capped to 0–100.
    /// `changes` may also be `{ code: points | { add } | { set } }`, as in Python. Codes:
    /// node codes (`"B.2"`), column keys (`"procedures"`, `"civilServants"`), item codes or
    /// `"sipas"`. The other units stay as they are; nothing is mutated.
    ///
    /// @returns `{ unit, sipasBefore, sipasAfter, rankBefore, rankAfter, of, nodesAfter
    ///   (column key → percent), cappedItems }`.
    /// @throws ParIndexError `NOT_FOUND` (unknown unit), `UNKNOWN_CODE`, `INVALID_ARGUMENT`
    ///   (an addition outside ±100, a value outside 0–100), `UNSUPPORTED` (setting a node
    ///   without a value).
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "SipasWhatIf")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SipasNodeChange[] | SipasChanges")] changes: JsValue,
    ) -> R<JsValue> {
        let unit = js(convert::string(&read(&unit), "unit"))?;
        let changes = js(convert::sipas_changes(&read(&changes), "changes"))?;
        let names = [("points", "changes"), ("value", "changes")];
        write(&js(convert::sipas_what_if(&crate::bridge::js_as(self.inner.what_if(&unit, &changes), &names)?.shown()))?)
    }

    /// One row per unit as CSV (`unit, sipas, <node keys>, respondents, rank, rule,
    /// aggregation`; with `withItems` two columns per item), values at the stated precision.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(
        &self,
        #[wasm_bindgen(js_name = withItems, unchecked_optional_param_type = "boolean")] with_items: JsValue,
    ) -> R<String> {
        let with_items = js(convert::opt_bool(&read(&with_items), "withItems"))?.unwrap_or(false);
        js(self.inner.to_csv(with_items))
    }
}

// ---------------------------------------------------------------------------------------
// SipasBootstrap
// ---------------------------------------------------------------------------------------

/// Bootstrap results for every unit (see `Survey.bootstrap`): percentile intervals of SIPAS
/// (percent 0–100, decimal strings at the stated precision `decimals`) and each unit's rank
/// distribution over the replicates.
#[wasm_bindgen]
pub struct SipasBootstrap {
    inner: ps::Bootstrap,
}

impl SipasBootstrap {
    fn unit(&self, unit: &JsValue) -> R<&ps::UnitBootstrap> {
        let unit = js(convert::string(&read(unit), "unit"))?;
        js(self.inner.unit(&unit))
    }
}

#[wasm_bindgen]
impl SipasBootstrap {
    /// Replicates R.
    #[wasm_bindgen(getter)]
    pub fn replicates(&self) -> u32 {
        self.inner.replicates
    }

    /// The seed (a number; a digit string beyond 2⁵³).
    #[wasm_bindgen(getter, unchecked_return_type = "number | string")]
    pub fn seed(&self) -> R<JsValue> {
        write(&Js::int(self.inner.seed))
    }

    /// The confidence level, e.g. `"0.95"`.
    #[wasm_bindgen(getter, unchecked_return_type = "DecimalString")]
    pub fn level(&self) -> String {
        self.inner.level.to_string()
    }

    /// `"top2"` or `"mean"`.
    #[wasm_bindgen(getter)]
    pub fn rule(&self) -> String {
        self.inner.rule.as_str().to_string()
    }

    /// The aggregation.
    #[wasm_bindgen(getter)]
    pub fn aggregation(&self) -> String {
        self.inner.aggregation.as_str().to_string()
    }

    /// The tie policy of the replicate ranks.
    #[wasm_bindgen(getter, js_name = tiePolicy)]
    pub fn tie_policy(&self) -> String {
        self.inner.tie_policy.as_str().to_string()
    }

    /// Whether design weights were applied.
    #[wasm_bindgen(getter)]
    pub fn weighted(&self) -> bool {
        self.inner.weighted
    }

    /// The stated precision: decimal places of percent of every statistic shown.
    #[wasm_bindgen(getter)]
    pub fn decimals(&self) -> u32 {
        self.inner.decimals
    }

    /// A unit's SIPAS interval: `{ estimate, low, high, stdError, replicates }` (percent,
    /// exact decimal strings; `replicates`: those in which the value existed).
    ///
    /// @throws ParIndexError `NOT_FOUND`.
    #[wasm_bindgen(unchecked_return_type = "SipasInterval")]
    pub fn interval(&self, #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue) -> R<JsValue> {
        out(&self.unit(&unit)?.sipas)
    }

    /// Replicates in which the unit ranked 1, 2, … (index r − 1 for rank r).
    ///
    /// @throws ParIndexError `NOT_FOUND`.
    #[wasm_bindgen(js_name = rankCounts, unchecked_return_type = "number[]")]
    pub fn rank_counts(&self, #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue) -> R<JsValue> {
        out(&self.unit(&unit)?.rank.counts)
    }

    /// Share of replicates (0–1, a decimal string at `decimals + 2` places) in which the unit ranked
    /// `targetRank` or better.
    ///
    /// @throws ParIndexError `NOT_FOUND`, `INVALID_ARGUMENT`.
    #[wasm_bindgen(js_name = probabilityAtMost, unchecked_return_type = "DecimalString")]
    pub fn probability_at_most(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue,
        #[wasm_bindgen(js_name = targetRank, unchecked_param_type = "number")] target_rank: JsValue,
    ) -> R<String> {
        let of = u32::try_from(self.inner.units.len()).unwrap_or(u32::MAX);
        let target = js(convert::rank(&read(&target_rank), "targetRank", of))?;
        Ok(self.inner.shown_share(self.unit(&unit)?.rank.probability_at_most(target)).to_string())
    }

    /// One plain object per unit (Python's `to_pandas()` columns in camelCase): `unit, sipas,
    /// sipasLow, sipasHigh, sipasSe` (percent), `rank, rankBest, rankWorst` (the ends of the
    /// rank's interval; the core's `Bootstrap::unit_rows`).
    #[wasm_bindgen(unchecked_return_type = "SipasBootstrapRow[]")]
    pub fn rows(&self) -> R<JsValue> {
        out(&self.inner.unit_rows())
    }
}
