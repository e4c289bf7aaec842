//! The agency exports: the plan annex (`Assignments`), many units from a long table
//! (`Units`, `scorecardsFromLong`), points lost per lead agency and self-assessment against
//! appraisal (`Scorecard.accountability`, `Scorecard.appraisal`), and the progress summary.
//! Results are the core's serde shapes with camelCase keys.

use crate::api::{Framework, LeagueTable, Scorecard};
use crate::bridge::{js, out, read, throwable};
use crate::convert::{self, Js};
use crate::reader::{self, fields, Options};
use parindex::agency::PlanItem;
use parindex::contract::ExactDecimal;
use parindex::TableOptions;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

type R<T> = Result<T, JsValue>;

/// The options `{ year?, label? }` (the keys `allowed` of them), with the workbook keys
/// `{ sheet?, headerRow?, columns? }` when `workbook`.
fn options(v: &JsValue, allowed: &[&str], workbook: bool) -> R<(Option<u16>, Option<String>, TableOptions)> {
    let table: &[&str] = if workbook { fields::<TableOptions>() } else { &[] };
    let o = js(Options::new(&read(v), "options", &[table], allowed, true))?;
    Ok((js(o.value("year"))?, js(o.value("label"))?, js(o.table())?))
}

fn errors_array(errors: &[parindex::Error]) -> js_sys::Array {
    errors.iter().map(throwable).collect()
}

/// The plan annex (phụ lục kế hoạch): per field, criterion or sub-criterion, the tasks,
/// product, deadline, lead agency (cơ quan chủ trì) and coordinating agencies (cơ quan phối
/// hợp), validated against a framework. A leaf inherits its nearest assigned ancestor's
/// lead; agencies spelled several ways are one.
#[wasm_bindgen]
pub struct Assignments {
    inner: parindex::agency::Assignments,
}

#[wasm_bindgen]
impl Assignments {
    /// Read the annex from CSV: `STT`/`mã`/`code` and `cơ quan chủ trì`/`lead` (required),
    /// optional `nội dung`, `nhiệm vụ`, `sản phẩm`, `thời gian hoàn thành`, `cơ quan phối
    /// hợp` (several separated by `;`).
    ///
    /// @param options - `{ label? }`.
    /// @throws ParIndexError `UNKNOWN_CODE`, `DUPLICATE_CODE`, `MISSING_FIELD`; several at
    ///   once as `INVALID` with `details.errors`, each with its `row`.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        framework: &Framework,
        #[wasm_bindgen(unchecked_optional_param_type = "LabelOptions")] options_: JsValue,
    ) -> R<Assignments> {
        let text = js(convert::string(&read(&text), "text"))?;
        let (_, label, _) = options(&options_, &["label"], false)?;
        let label = label.unwrap_or_else(|| "assignments.csv".into());
        let inner =
            js(parindex::agency::Assignments::from_csv(&text, &label, std::sync::Arc::clone(&framework.inner)))?;
        Ok(Assignments { inner })
    }

    /// Read the annex from a worksheet of a workbook (a file the user picked in the page).
    ///
    /// @param bytes - the workbook (`Uint8Array`, `ArrayBuffer`: .xlsx, .xls, .ods).
    /// @param options - `{ label?, sheet?, headerRow?, columns? }`: `sheet` name or position
    ///   (first = 0, default the first), `headerRow` (default: found under any title rows),
    ///   `columns` role → header (`code`, `content`, `tasks`, `product`, `deadline`, `lead`,
    ///   `coordinating`); `label` default `"assignments.xlsx"`.
    /// @throws ParIndexError as `fromCsv`, with `sheet` and `cell`; `MALFORMED` for bytes
    ///   that are not a workbook; `NOT_FOUND` for a missing sheet; `UNKNOWN_COLUMN`.
    #[wasm_bindgen(js_name = fromExcel)]
    pub fn from_excel(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        framework: &Framework,
        #[wasm_bindgen(unchecked_optional_param_type = "LabelOptions & ExcelOptions")] options_: JsValue,
    ) -> R<Assignments> {
        let bytes = crate::bridge::bytes_arg(&bytes, "bytes")?;
        let (_, label, table_options) = options(&options_, &["label"], true)?;
        let label = label.unwrap_or_else(|| "assignments.xlsx".into());
        let table = js(parindex::Table::from_workbook(&bytes, &label, &table_options))?;
        let inner = js(parindex::agency::Assignments::from_table(&table, std::sync::Arc::clone(&framework.inner)))?;
        Ok(Assignments { inner })
    }

    /// The annex from rows: an array of plain objects keyed by the annex's headers (any
    /// spelling `fromCsv` recognises: `code`/`STT`, `lead`/`Cơ quan chủ trì`, `content`,
    /// `tasks`, `product`, `deadline`, `coordinating` (a string separated by `;`, or an
    /// array of names)). The twin of Python's `Assignments.from_pandas`.
    ///
    /// @param options - `{ label? }` (default `"rows"`); errors number the first object row 2,
    ///   as a spreadsheet with a header row would.
    /// @throws ParIndexError as `fromCsv`; `INVALID_ARGUMENT` when `rows` is not an array of
    ///   objects or a cell is an object.
    #[wasm_bindgen(js_name = fromRows)]
    pub fn from_rows(
        #[wasm_bindgen(unchecked_param_type = "AnnexRow[]")] rows: JsValue,
        framework: &Framework,
        #[wasm_bindgen(unchecked_optional_param_type = "LabelOptions")] options_: JsValue,
    ) -> R<Assignments> {
        let text = js(rows_as_csv(&read(&rows), "rows"))?;
        let (_, label, _) = options(&options_, &["label"], false)?;
        let label = label.unwrap_or_else(|| "rows".into());
        let inner =
            js(parindex::agency::Assignments::from_csv(&text, &label, std::sync::Arc::clone(&framework.inner)))?;
        Ok(Assignments { inner })
    }

    /// Every problem of an annex CSV at once (an empty array when it loads): `ParIndexError`
    /// objects with their `row`, not thrown.
    #[wasm_bindgen(unchecked_return_type = "ParIndexError[]")]
    pub fn validate(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        framework: &Framework,
        #[wasm_bindgen(unchecked_optional_param_type = "LabelOptions")] options_: JsValue,
    ) -> R<js_sys::Array> {
        let text = js(convert::string(&read(&text), "text"))?;
        let (_, label, _) = options(&options_, &["label"], false)?;
        let label = label.unwrap_or_else(|| "assignments.csv".into());
        Ok(errors_array(&parindex::agency::Assignments::validate_csv(
            &text,
            &label,
            std::sync::Arc::clone(&framework.inner),
        )))
    }

    /// Leaves with no lead agency at themselves or any ancestor.
    #[wasm_bindgen(getter)]
    pub fn unassigned(&self) -> Vec<String> {
        self.inner.unassigned.clone()
    }

    /// The lead agencies, in the order first met.
    pub fn agencies(&self) -> Vec<String> {
        self.inner.agencies().into_iter().map(str::to_string).collect()
    }

    /// The lead agency answerable for `code` (its own, else its nearest assigned
    /// ancestor's), or `undefined`.
    #[wasm_bindgen(js_name = leadOf)]
    pub fn lead_of(&self, code: &str) -> Option<String> {
        self.inner.lead_of(code.trim()).map(str::to_string)
    }

    /// The rows: `{ framework, items: [{ code, content, tasks, product, deadline, lead,
    /// coordinating, row }], unassigned }`.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "AssignmentsObject")]
    pub fn to_json(&self) -> R<JsValue> {
        out(&self.inner)
    }
}

/// Scorecards of many units on one framework, from one long table.
#[wasm_bindgen]
pub struct Units {
    inner: parindex::agency::Units,
}

#[wasm_bindgen]
impl Units {
    /// Read a long table: `unit`, `code`, `points` (or `measure`), optional
    /// `self_assessed`, `appraised`, `evidence` (separated by `;`), `year`.
    ///
    /// @param options - `{ year?, label? }`: with `year`, other years' rows are skipped.
    /// @throws ParIndexError naming the row, unit and code; several at once as `INVALID`
    ///   with `details.errors`; `INVALID_ARGUMENT` when several years and no `year`.
    #[wasm_bindgen(js_name = fromLong)]
    pub fn from_long(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        framework: &Framework,
        #[wasm_bindgen(unchecked_optional_param_type = "ScorecardOptions")] options_: JsValue,
    ) -> R<Units> {
        let text = js(convert::string(&read(&text), "text"))?;
        let (year, label, _) = options(&options_, &["year", "label"], false)?;
        let label = label.unwrap_or_else(|| "scorecards.csv".into());
        let inner =
            js(parindex::agency::Units::from_csv(&text, &label, std::sync::Arc::clone(&framework.inner), year))?;
        Ok(Units { inner })
    }

    /// Read a long table from a worksheet of a workbook (a file the user picked in the page).
    ///
    /// @param bytes - the workbook (`Uint8Array`, `ArrayBuffer`: .xlsx, .xls, .ods).
    /// @param options - `{ year?, label?, sheet?, headerRow?, columns? }` as
    ///   `Assignments.fromExcel`; `columns` roles `unit`, `code`, `points`, `measure`,
    ///   `self_assessed`, `appraised`, `evidence`, `year`.
    /// @throws ParIndexError as `fromLong`, with `sheet` and `cell`.
    #[wasm_bindgen(js_name = fromExcel)]
    pub fn from_excel(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        framework: &Framework,
        #[wasm_bindgen(unchecked_optional_param_type = "ScorecardOptions & ExcelOptions")] options_: JsValue,
    ) -> R<Units> {
        let bytes = crate::bridge::bytes_arg(&bytes, "bytes")?;
        let (year, label, table_options) = options(&options_, &["year", "label"], true)?;
        let label = label.unwrap_or_else(|| "scorecards.xlsx".into());
        let table = js(parindex::Table::from_workbook(&bytes, &label, &table_options))?;
        let inner = js(parindex::agency::Units::from_table(&table, std::sync::Arc::clone(&framework.inner), year))?;
        Ok(Units { inner })
    }

    /// Every problem of a long table at once (an empty array when it loads).
    #[wasm_bindgen(unchecked_return_type = "ParIndexError[]")]
    pub fn validate(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        framework: &Framework,
        #[wasm_bindgen(unchecked_optional_param_type = "ScorecardOptions")] options_: JsValue,
    ) -> R<js_sys::Array> {
        let text = js(convert::string(&read(&text), "text"))?;
        let (year, label, _) = options(&options_, &["year", "label"], false)?;
        let label = label.unwrap_or_else(|| "scorecards.csv".into());
        Ok(errors_array(&parindex::agency::Units::validate_csv(
            &text,
            &label,
            std::sync::Arc::clone(&framework.inner),
            year,
        )))
    }

    /// The unit names, in the order they first appear.
    pub fn units(&self) -> Vec<String> {
        self.inner.units().into_iter().map(str::to_string).collect()
    }

    /// The scorecards, one per unit, in order.
    pub fn scorecards(&self) -> Vec<Scorecard> {
        self.inner.cards().iter().cloned().map(|inner| Scorecard { inner }).collect()
    }

    /// The league table of the units (index percent, unrounded; open roster).
    #[wasm_bindgen(js_name = leagueTable)]
    pub fn league_table(&self) -> R<LeagueTable> {
        Ok(LeagueTable::wrap(js(self.inner.league_table())?))
    }

    /// Index change (percent points, decimal strings) of every unit with a total in both
    /// years: the sample for `model: { kind: "sample", values }`.
    pub fn changes(&self, previous: &Units) -> Vec<String> {
        self.inner.changes(&previous.inner).iter().map(ToString::to_string).collect()
    }
}

/// Scorecards of many units from one long table: an object unit name → `Scorecard`
/// (see `Units.fromLong` for the columns, options and errors).
#[wasm_bindgen(js_name = scorecardsFromLong, unchecked_return_type = "Record<string, Scorecard>")]
pub fn scorecards_from_long(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    framework: &Framework,
    #[wasm_bindgen(unchecked_optional_param_type = "ScorecardOptions")] options_: JsValue,
) -> R<JsValue> {
    let units = Units::from_long(text, framework, options_)?;
    let object = js_sys::Object::new();
    for card in units.inner.cards() {
        let name = JsValue::from_str(card.province());
        js_sys::Reflect::set(&object, &name, &JsValue::from(Scorecard { inner: card.clone() }))?;
    }
    Ok(object.into())
}

/// The previous year's scorecard handed to `accountability`: read through its public
/// `given()` and `province` (an exported object passed by value would be consumed, and
/// the caller's card freed), rebuilt on this card's framework.
fn previous_card(v: &JsValue, card: &parindex::Scorecard) -> R<Option<parindex::Scorecard>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let wrong = || throwable(&parindex::Error::invalid_argument("previous", "expected a Scorecard"));
    let given = js_sys::Reflect::get(v, &JsValue::from_str("given"))?;
    let given = given.dyn_ref::<js_sys::Function>().ok_or_else(wrong)?.call0(v)?;
    let province = js_sys::Reflect::get(v, &JsValue::from_str("province"))?.as_string().ok_or_else(wrong)?;
    let Js::Arr(items) = read(&given) else { return Err(wrong()) };
    let mut points = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let f = js(convert::Fields::new(item, &format!("previous.given()[{i}]"), &["code", "points"], false))?;
        points.push((
            js(convert::string(f.get("code"), &f.path("code")))?,
            js(convert::decimal(f.get("points"), &f.path("points")))?,
        ));
    }
    let rebuilt =
        parindex::Scorecard::from_points(card.framework_arc(), &province, points.iter().map(|(c, p)| (c.as_str(), *p)));
    js(rebuilt).map(Some)
}

#[wasm_bindgen]
impl Scorecard {
    /// Points lost per lead agency: `{ province, totalLost, rows: [{ agency, lost,
    /// lostPrevious, change, ranksAtStake, ranksAtStakeBest, ranksAtStakeWorst,
    /// rankIfRecovered, rankIfRecoveredBest, rankIfRecoveredWorst, reachesTarget, codes,
    /// charged: [{ code, lost }], coordinating }], unassignedLost, unassigned, targetRank }`
    /// (framework points as decimal strings; `change` = lost − lostPrevious; ranks as
    /// numbers, the estimate with its best and worst, as `rankGain`'s rows). Ranks follow
    /// the rank-gain table against `table`.
    ///
    /// @throws ParIndexError `INVALID_ARGUMENT` (no total, other framework, target outside
    ///   1..=of), the table's errors.
    #[wasm_bindgen(unchecked_return_type = "Accountability")]
    pub fn accountability(
        &self,
        assignments: &Assignments,
        table: &LeagueTable,
        #[wasm_bindgen(unchecked_optional_param_type = "Scorecard | null")] previous: JsValue,
        #[wasm_bindgen(js_name = targetRank, unchecked_optional_param_type = "number")] target_rank: JsValue,
    ) -> R<JsValue> {
        let target = js(convert::opt_rank(&read(&target_rank), "targetRank", table.inner.of()))?;
        let previous = previous_card(&previous, &self.inner)?;
        let a = js(parindex::agency::accountability(
            &self.inner,
            &assignments.inner,
            Some(&table.inner),
            previous.as_ref(),
            target,
        ))?;
        out(&a)
    }

    /// Self-assessed against appraised points with evidence: `{ province, nodes: [{ code,
    /// nameVi, selfAssessed, appraised, cut, evidence, unsupported, counted, agency }],
    /// agencies: [{ agency, cut, codes, unsupported }], unsupported, totalCut, whatIf: {
    /// pointsAdded, pointsBefore, pointsAfter, indexBefore, indexAfter, rankBefore,
    /// rankAfter (estimates, each with …Best and …Worst), bandBefore, bandAfter } }` — the
    /// what-if accepts every evidence-backed claim.
    ///
    /// @throws ParIndexError `INVALID_ARGUMENT` (no total, other framework), `ABOVE_MAX`.
    #[wasm_bindgen(unchecked_return_type = "Appraisal")]
    pub fn appraisal(&self, assignments: &Assignments, table: &LeagueTable) -> R<JsValue> {
        let a = js(parindex::agency::appraisal(&self.inner, Some(&assignments.inner), Some(&table.inner)))?;
        out(&a)
    }
}

/// The 6-month / 9-month / yearly summary of the plan: `reports` maps a report name to
/// plan items `{ code, status: "done" | "in_progress" | "pending", expectedPoints }` (the core's `PlanItem`).
/// Returns one row per report: `{ report, done, items, pointsDone, pointsPending,
/// pointsBefore, projectedPoints, projectedIndex, projectedRank, projectedBand, pTarget }`.
///
/// @param options - `{ targetRank?, changes? }`: `changes` is a sample of index changes
///   (e.g. `Units.changes`); without it the default model (published changes) is used.
/// @throws ParIndexError `UNKNOWN_CODE`, `ABOVE_MAX`, `NEGATIVE`, `INVALID_ARGUMENT`.
#[wasm_bindgen(js_name = progressSummary, unchecked_return_type = "Progress[]")]
pub fn progress_summary(
    baseline: &Scorecard,
    #[wasm_bindgen(unchecked_param_type = "Record<string, ProgressItem[]>")] reports: JsValue,
    table: &LeagueTable,
    #[wasm_bindgen(unchecked_optional_param_type = "ProgressOptions")] options_: JsValue,
) -> R<JsValue> {
    let o = js(Options::new(&read(&options_), "options", &[], &["targetRank", "changes"], true))?;
    let target = js(convert::opt_rank(o.get("targetRank"), &o.path("targetRank"), table.inner.of()))?;
    let changes: Option<Vec<ExactDecimal>> = js(o.value("changes"))?;
    let model = changes.map(|c| parindex::simulate::ChangeModel::Sample(c.into_iter().map(|d| d.0).collect()));
    let reports = read(&reports);
    let Js::Obj(entries) = &reports else {
        return Err(throwable(&parindex::Error::invalid_argument("reports", "expected an object name → items")));
    };
    // A mapping whose keys are data (report names), its order kept; the items are the core's.
    let mut parsed = Vec::new();
    for (name, items) in entries {
        let items: Vec<PlanItem> = js(reader::input(items, &format!("reports[{name:?}]")))?;
        parsed.push((name.clone(), items));
    }
    let rows = js(parindex::agency::progress_summary(&baseline.inner, &parsed, &table.inner, target, model.as_ref()))?;
    out(&rows)
}

/// Plain objects as CSV text: the headers are every key in the order first met, a missing
/// key an empty cell, an array of names one cell separated by `;`.
///
/// Errors: [`parindex::Error::InvalidArgument`] naming the row for anything else.
fn rows_as_csv(rows: &Js, name: &str) -> parindex::Result<String> {
    let bad = |what: String| parindex::Error::invalid_argument(name, what);
    let Js::Arr(rows) = rows else {
        return Err(bad(format!("expected an array of objects, got {}", rows.type_name())));
    };
    let mut headers: Vec<String> = Vec::new();
    let mut objects = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let Js::Obj(entries) = r else { return Err(bad(format!("[{i}]: expected an object, got {}", r.type_name()))) };
        for (k, _) in entries {
            if !headers.contains(k) {
                headers.push(k.clone());
            }
        }
        objects.push(entries);
    }
    let cell = |v: &Js, at: String| -> parindex::Result<String> {
        Ok(match v {
            Js::Undefined | Js::Null => String::new(),
            Js::Str(s) => s.clone(),
            Js::Num(n) if n.is_finite() => format!("{n}"),
            Js::Bool(b) => b.to_string(),
            Js::BigInt(d) => d.clone(),
            Js::Arr(items) => {
                let mut names = Vec::new();
                for it in items {
                    let Js::Str(s) = it else { return Err(bad(format!("{at}: expected names (strings)"))) };
                    names.push(s.clone());
                }
                names.join("; ")
            }
            other => return Err(bad(format!("{at}: expected text or a number, got {}", other.type_name()))),
        })
    };
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let io = |e: csv::Error| bad(e.to_string());
    w.write_record(&headers).map_err(io)?;
    for (i, entries) in objects.iter().enumerate() {
        let mut record = Vec::with_capacity(headers.len());
        for h in &headers {
            let v = entries.iter().find(|(k, _)| k == h).map_or(&Js::Undefined, |(_, v)| v);
            record.push(cell(v, format!("[{i}].{h}"))?);
        }
        w.write_record(&record).map_err(io)?;
    }
    let bytes = w.into_inner().map_err(|e| bad(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| bad(e.to_string()))
}
