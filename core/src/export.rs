//! Tables out, for a report to the People's Committee: the league table, the rank-gain
//! table, the plans and the SIPAS results as one [`Export`] — written as a formatted Excel
//! workbook ([`Export::to_xlsx`], feature `xlsx`: a sheet per table, bold frozen header,
//! 2-decimal number formats, column widths, the model and sources on a notes sheet) or as a
//! standalone HTML page ([`Export::to_html`]: no script, no external file, vi-VN numbers).
//!
//! Headers are in Vietnamese by default, English with [`Export::in_lang`]. Scores and points are percent (0–100) or framework points,
//! written to 2 decimals; probabilities (Monte Carlo) as percent with 1 decimal.

use crate::agency::{Accountability, Appraisal};
use crate::decimal::fmt_publish;
use crate::error::Result;
use crate::index_kind::IndexKind;
use crate::league::LeagueTable;
use crate::report::{IndexReport, Report};
use crate::simulate::{Forecast, GainTable};
use crate::sipas::SipasResult;
use crate::text::Lang;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write as _;

/// How a column's cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellFormat {
    /// Text.
    Text,
    /// A decimal shown with 2 decimals (percent of an index, framework points).
    Decimal2,
    /// A whole number (rank, count).
    Integer,
    /// A probability 0–1, shown as percent with 1 decimal.
    Probability,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// No value (unknown, not published).
    Empty,
    /// Text.
    Text(String),
    /// An exact decimal.
    Number(Decimal),
    /// A whole number.
    Integer(i64),
    /// A probability 0–1 (simulation output).
    Probability(f64),
}

impl From<Option<Decimal>> for Cell {
    fn from(d: Option<Decimal>) -> Cell {
        d.map_or(Cell::Empty, Cell::Number)
    }
}

impl From<Option<u32>> for Cell {
    fn from(n: Option<u32>) -> Cell {
        n.map_or(Cell::Empty, |n| Cell::Integer(i64::from(n)))
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }
}

/// A column: its header and format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// Header (Vietnamese).
    pub header: String,
    /// How its cells are written.
    pub format: CellFormat,
}

/// One table: a sheet of the workbook, a section of the HTML page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportTable {
    /// Sheet name (at most 31 characters, no `[]:*?/\`).
    pub name: String,
    /// Title above the table in HTML.
    pub title: String,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// Tables and notes to write out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Export {
    /// Title of the report.
    pub title: String,
    /// The tables, in order.
    pub tables: Vec<ExportTable>,
    /// Notes: (topic, text) — the model, its warnings, the sources, data problems.
    pub notes: Vec<(String, String)>,
    /// The language of the headers, titles and notes (the HTML page's `lang`).
    pub lang: Lang,
}

fn col(header: &str, format: CellFormat) -> Column {
    Column { header: header.to_string(), format }
}

/// A sheet name Excel accepts: forbidden characters replaced, at most 31 characters.
fn sheet_name(name: &str) -> String {
    name.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).take(31).collect()
}

impl ExportTable {
    /// The league table: rank, province, region, score (percent), rank bounds, band, source.
    pub fn league(table: &LeagueTable) -> ExportTable {
        use CellFormat::*;
        let rows = table
            .rows()
            .into_iter()
            .map(|r| {
                vec![
                    r.rank.into(),
                    r.province.as_str().into(),
                    r.region.as_deref().unwrap_or("").into(),
                    r.score.into(),
                    r.rank_best.into(),
                    r.rank_worst.into(),
                    r.band.map_or("", |b| b.as_str()).into(),
                    r.source.as_deref().unwrap_or("").into(),
                ]
            })
            .collect();
        ExportTable {
            name: sheet_name(&format!("{} {}", table.index().as_str().to_uppercase(), table.year())),
            title: format!("{}, năm {} — bảng xếp hạng", table.index().name_vi(), table.year()),
            columns: vec![
                col("Hạng", Integer),
                col("Tỉnh, thành phố", Text),
                col("Vùng", Text),
                col("Chỉ số (%)", Decimal2),
                col("Hạng cao nhất có thể", Integer),
                col("Hạng thấp nhất có thể", Integer),
                col("Xếp loại", Text),
                col("Nguồn", Text),
            ],
            rows,
        }
    }

    /// The rank-gain table: per node, the points lost and the rank if they were recovered
    /// (others as published).
    pub fn rank_gain(gain: &GainTable) -> ExportTable {
        use CellFormat::*;
        let rows = gain
            .rows
            .iter()
            .map(|r| {
                let rb = r.rank_if_recovered;
                let rank = if rb.is_exact() { rb.best.to_string() } else { format!("{}–{}", rb.best, rb.worst) };
                vec![
                    r.code.as_str().into(),
                    r.level.as_str().into(),
                    r.name_vi.as_str().into(),
                    Cell::Number(r.points),
                    Cell::Number(r.max_points),
                    Cell::Number(r.lost),
                    Cell::Text(rank),
                    r.ranks_per_point.into(),
                ]
            })
            .collect();
        ExportTable {
            name: sheet_name(&format!("Tăng hạng {}", gain.province)),
            title: format!("{} — số bậc tăng nếu lấy lại điểm bị mất (các tỉnh khác giữ nguyên)", gain.province),
            columns: vec![
                col("Mã", Text),
                col("Cấp", Text),
                col("Tên", Text),
                col("Điểm đạt", Decimal2),
                col("Điểm tối đa", Decimal2),
                col("Điểm bị mất", Decimal2),
                col("Hạng nếu lấy lại", Text),
                col("Bậc mỗi điểm", Decimal2),
            ],
            rows,
        }
    }

    /// Points lost per lead agency (cơ quan chủ trì): points lost (framework points), last
    /// year's and the change when known, the ranks they would buy if recovered (others as
    /// published), the codes it leads and the coordinating agencies (shown, not charged).
    /// A last row holds the points no agency leads.
    pub fn accountability(a: &Accountability) -> ExportTable {
        use CellFormat::*;
        let rank = |best: Option<u32>, worst: Option<u32>| match (best, worst) {
            (Some(b), Some(w)) if b == w => Cell::Text(b.to_string()),
            (Some(b), Some(w)) => Cell::Text(format!("{b}–{w}")),
            _ => Cell::Empty,
        };
        let mut rows: Vec<Vec<Cell>> = a
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.agency.as_str().into(),
                    Cell::Number(r.lost),
                    r.lost_previous.into(),
                    r.change.into(),
                    r.ranks_at_stake.into(),
                    rank(r.rank_if_recovered_best, r.rank_if_recovered_worst),
                    r.codes.join(", ").as_str().into(),
                    r.coordinating.join("; ").as_str().into(),
                ]
            })
            .collect();
        rows.push(vec![
            "(không có cơ quan chủ trì)".into(),
            Cell::Number(a.unassigned_lost),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            a.unassigned.iter().map(|c| c.code.as_str()).collect::<Vec<_>>().join(", ").as_str().into(),
            Cell::Empty,
        ]);
        ExportTable {
            name: sheet_name(&format!("Trách nhiệm {}", a.province)),
            title: format!(
                "{} — điểm bị mất theo cơ quan chủ trì (tổng {} điểm; các đơn vị khác giữ nguyên)",
                a.province,
                fmt_publish(a.total_lost)
            ),
            columns: vec![
                col("Cơ quan chủ trì", Text),
                col("Điểm bị mất", Decimal2),
                col("Điểm bị mất năm trước", Decimal2),
                col("Thay đổi", Decimal2),
                col("Số bậc có thể tăng", Integer),
                col("Hạng nếu lấy lại", Text),
                col("Mã được giao", Text),
                col("Cơ quan phối hợp", Text),
            ],
            rows,
        }
    }

    /// Self-assessment against appraisal: per claimed node, the self-assessed and appraised
    /// points (framework points), the cut, the evidence, whether it counts in the totals,
    /// the lead agency. The what-if (every claim with evidence accepted) is in the title.
    pub fn appraisal(a: &Appraisal) -> ExportTable {
        use CellFormat::*;
        let yes = |b: bool| Cell::Text(if b { "có" } else { "không" }.to_string());
        let rows = a
            .nodes
            .iter()
            .map(|n| {
                vec![
                    n.code.as_str().into(),
                    n.name_vi.as_str().into(),
                    n.self_assessed.into(),
                    n.appraised.into(),
                    n.cut.into(),
                    n.evidence.join("; ").as_str().into(),
                    yes(n.unsupported),
                    yes(n.counted),
                    n.agency.as_deref().unwrap_or("").into(),
                ]
            })
            .collect();
        let w = &a.what_if;
        ExportTable {
            name: sheet_name(&format!("Thẩm định {}", a.province)),
            title: format!(
                "{} — tự đánh giá và thẩm định: bị cắt {} điểm; nếu chấp nhận mọi điểm có tài liệu kiểm chứng: {} → {} điểm ({} → {}%)",
                a.province,
                fmt_publish(a.total_cut),
                fmt_publish(w.points_before),
                fmt_publish(w.points_after),
                fmt_publish(w.index_before),
                fmt_publish(w.index_after)
            ),
            columns: vec![
                col("Mã", Text),
                col("Tên", Text),
                col("Điểm tự đánh giá", Decimal2),
                col("Điểm thẩm định", Decimal2),
                col("Điểm bị cắt", Decimal2),
                col("Tài liệu kiểm chứng", Text),
                col("Thiếu tài liệu kiểm chứng", Text),
                col("Tính vào tổng", Text),
                col("Cơ quan chủ trì", Text),
            ],
            rows,
        }
    }

    /// One index's plans: each planned gain, the Monte Carlo probability of reaching the
    /// target rank (and the exact one, when solved), and the rank's 5/50/95 percentiles —
    /// under the report's model (the fitted one when the report used it, as its text and
    /// JSON do).
    pub fn plans(part: &IndexReport, target_rank: u32) -> ExportTable {
        use CellFormat::*;
        let row = |gain: Decimal, p: f64, exact: Option<f64>, q: [u32; 3]| {
            vec![
                Cell::Number(gain),
                Cell::Probability(p),
                exact.map_or(Cell::Empty, Cell::Probability),
                Cell::Integer(i64::from(q[0])),
                Cell::Integer(i64::from(q[1])),
                Cell::Integer(i64::from(q[2])),
            ]
        };
        let rows = match &part.fitted {
            Some((mc, ex)) => mc
                .plans
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let exact = ex.plans.get(i).map(|e| e.p_target);
                    row(p.gain, p.p_target, exact, [p.rank_p05, p.rank_p50, p.rank_p95])
                })
                .collect(),
            None => part
                .simulation
                .plans
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let exact = part.exact.as_ref().and_then(|e| e.plans.get(i)).map(|e| e.p_target);
                    row(p.gain, p.p_target, exact, [p.rank_p05, p.rank_p50, p.rank_p95])
                })
                .collect(),
        };
        ExportTable {
            name: sheet_name(&format!("Kế hoạch {}", part.index.as_str().to_uppercase())),
            title: format!("{} — kế hoạch tăng điểm và khả năng đạt hạng ≤ {target_rank}", part.index.name_vi()),
            columns: vec![
                col("Tăng (điểm %)", Decimal2),
                col(&format!("P(hạng ≤ {target_rank})"), Probability),
                col("P chính xác", Probability),
                col("Hạng 5%", Integer),
                col("Hạng 50%", Integer),
                col("Hạng 95%", Integer),
            ],
            rows,
        }
    }

    /// The forecast of the whole table next year (fitted model, solved exactly): per
    /// province, sorted by median rank, the published rank and score, the rank's 5/50/95
    /// percentiles, P(rank ≤ target), the expected score and its 5–95% range (percent),
    /// and whether the province has published data.
    pub fn forecast(f: &Forecast) -> ExportTable {
        use CellFormat::*;
        // Simulation output is f64; written to 2 decimals like every score.
        let dec = |x: f64| Decimal::try_from(x).map_or(Cell::Empty, |d| Cell::Number(d.round_dp(2)));
        let mut order: Vec<&crate::simulate::ForecastRow> = f.rows.iter().collect();
        order.sort_by_key(|r| (r.rank_p50, r.rank_p05, r.rank_p95));
        let rows = order
            .into_iter()
            .map(|r| {
                vec![
                    r.province.as_str().into(),
                    r.rank_now.into(),
                    r.score_now.map_or(Cell::Empty, dec),
                    Cell::Integer(i64::from(r.rank_p05)),
                    Cell::Integer(i64::from(r.rank_p50)),
                    Cell::Integer(i64::from(r.rank_p95)),
                    Cell::Probability(r.p_target),
                    dec(r.expected_score),
                    dec(r.score_p05),
                    dec(r.score_p95),
                    Cell::Text(if r.published { "có" } else { "không" }.into()),
                ]
            })
            .collect();
        let index = IndexKind::parse(&f.index).map_or(f.index.to_uppercase(), |i| i.name_vi().to_string());
        ExportTable {
            name: sheet_name(&format!("Dự báo {} {}", f.index.to_uppercase(), f.next_year)),
            title: format!("{index} — dự báo năm {} (mô hình ước lượng, tính chính xác)", f.next_year),
            columns: vec![
                col("Tỉnh, thành phố", Text),
                col("Hạng hiện nay", Integer),
                col("Chỉ số hiện nay (%)", Decimal2),
                col("Hạng 5%", Integer),
                col("Hạng 50%", Integer),
                col("Hạng 95%", Integer),
                col(&format!("P(hạng ≤ {})", f.target_rank), Probability),
                col("Chỉ số dự kiến (%)", Decimal2),
                col("Chỉ số 5% (%)", Decimal2),
                col("Chỉ số 95% (%)", Decimal2),
                col("Có số liệu công bố", Text),
            ],
            rows,
        }
    }

    /// SIPAS results: per unit, the index, its rank, respondents and each domain's value.
    pub fn sipas(result: &SipasResult) -> ExportTable {
        use CellFormat::*;
        let top: Vec<_> = result.nodes.iter().filter(|n| n.depth == 1).collect();
        let mut columns =
            vec![col("Hạng", Integer), col("Đơn vị", Text), col("SIPAS (%)", Decimal2), col("Số phiếu", Integer)];
        columns.extend(top.iter().map(|n| col(&format!("{} (%)", n.name_vi), Decimal2)));
        let rows = result
            .units
            .iter()
            .map(|u| {
                let mut row = vec![
                    Cell::Integer(i64::from(u.rank)),
                    u.unit.as_str().into(),
                    Cell::Number(u.sipas),
                    Cell::Integer(i64::from(u.respondents)),
                ];
                row.extend(top.iter().map(|n| u.value(&n.code).into()));
                row
            })
            .collect();
        ExportTable { name: "SIPAS".into(), title: format!("Chỉ số SIPAS — {}", result.label), columns, rows }
    }
}

impl Export {
    /// The report's tables: for each index, its league table, plans and the forecast of
    /// the whole table next year (when the report used the fitted model), then the rank-gain
    /// table when a scorecard was given; notes: the model, its warnings, the methodology, the
    /// seed and the data problems. Headers, titles and notes in `lang` (Vietnamese by
    /// default).
    ///
    /// Errors: those of [`crate::published`] and [`crate::simulate::forecast_with`] (the
    /// report's tables are the published ones).
    pub fn from_report(report: &Report, lang: Lang) -> Result<Export> {
        let mut tables = Vec::new();
        let mut notes = vec![(
            "Báo cáo".to_string(),
            lang.text(
                "report.export_target",
                &[
                    ("province", report.province.clone()),
                    ("year", report.year.to_string()),
                    ("target", report.target_rank.to_string()),
                ],
            ),
        )];
        for part in &report.indices {
            let table = crate::league::published(&part.index, report.year)?;
            tables.push(ExportTable::league(&table));
            tables.push(ExportTable::plans(part, report.target_rank));
            if let Some((_, ex)) = &part.fitted {
                let f = crate::simulate::forecast_with(&table, &ex.model, report.target_rank)?;
                tables.push(ExportTable::forecast(&f));
            }
            if let Some(g) = &part.gain_table {
                tables.push(ExportTable::rank_gain(g));
            }
            let name = part.index.name_vi();
            let sim = &part.simulation;
            // The model the plans were computed under: the fitted one when the report used it.
            let (description, warnings) = match &part.fitted {
                Some((_, ex)) => (&ex.model.description, &ex.model.warnings),
                None => (&sim.model.description, &sim.model.warnings),
            };
            notes.push((
                format!("{name}: mô hình"),
                lang.text(
                    "report.export_model",
                    &[
                        ("description", lang.translate(description)),
                        ("scenarios", lang.number(&report.scenarios.to_string())),
                        ("seed", report.seed.to_string()),
                    ],
                ),
            ));
            for w in warnings {
                notes.push((format!("{name}: lưu ý về mô hình"), lang.translate(w)));
            }
            if let Some(d) = &part.decision {
                notes.push((format!("{name}: phương pháp"), d.clone()));
            }
            notes.push((format!("{name}: nguồn"), lang.text("report.export_sources", &[])));
            for p in &part.problems {
                notes.push((format!("{name}: vấn đề dữ liệu"), lang.translate(&p.message)));
            }
        }
        let export =
            Export {
                title: format!("parindex — {} {}", report.province, report.year), tables, notes, lang: Lang::Vi
            };
        Ok(export.in_lang(lang))
    }

    /// The same tables with headers, titles, sheet names and note topics in `lang` (they are
    /// written in Vietnamese; English through the `export.` rows of `core/data/text.csv`).
    /// Cells are data and stay as they are.
    pub fn in_lang(mut self, lang: Lang) -> Export {
        if lang == Lang::Vi {
            return self;
        }
        for t in &mut self.tables {
            t.name = sheet_name(&lang.from_vi(&t.name));
            t.title = lang.from_vi(&t.title);
            for c in &mut t.columns {
                c.header = lang.from_vi(&c.header);
            }
            for row in &mut t.rows {
                for cell in row.iter_mut() {
                    if let Cell::Text(s) = cell {
                        if matches!(s.as_str(), "có" | "không" | "(không có cơ quan chủ trì)") {
                            *s = lang.from_vi(s);
                        }
                    }
                }
            }
        }
        // Note texts are written in `lang` by whoever builds them; topics are Vietnamese.
        for (topic, _) in &mut self.notes {
            *topic = lang.from_vi(topic);
        }
        self.lang = lang;
        self
    }

    /// A standalone HTML page: a section per table, then the notes. Numbers in the vi-VN
    /// convention (decimal comma: `85,94`); text escaped.
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n\
             body{{font-family:\"Times New Roman\",serif;margin:2em;color:#111}}\n\
             table{{border-collapse:collapse;margin:0 0 2em 0}}\n\
             th,td{{border:1px solid #999;padding:3px 8px}}\n\
             th{{background:#e8eef7;position:sticky;top:0}}\n\
             td.n{{text-align:right;font-variant-numeric:tabular-nums}}\n\
             </style>\n</head>\n<body>\n<h1>{}</h1>\n",
            self.lang.as_str(),
            escape(&self.title),
            escape(&self.title)
        );
        for t in &self.tables {
            let _ = write!(out, "<h2>{}</h2>\n<table>\n<thead><tr>", escape(&t.title));
            for c in &t.columns {
                let _ = write!(out, "<th>{}</th>", escape(&c.header));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in &t.rows {
                out.push_str("<tr>");
                for (cell, c) in row.iter().zip(&t.columns) {
                    let text = html_cell(cell, c.format, self.lang);
                    let class = if c.format == CellFormat::Text { "" } else { " class=\"n\"" };
                    let _ = write!(out, "<td{class}>{}</td>", escape(&text));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        let _ = write!(out, "<h2>{}</h2>\n<dl>\n", escape(&self.lang.from_vi("Ghi chú")));
        for (topic, text) in &self.notes {
            let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(topic), escape(text));
        }
        out.push_str("</dl>\n</body>\n</html>\n");
        out
    }

    /// The workbook's bytes: a sheet per table (bold header, frozen, autofilter; 2-decimal
    /// and percent formats; column widths from the contents), then a `Ghi chú` sheet with
    /// the notes.
    ///
    /// Errors: [`crate::Error::Malformed`] when the writer fails (e.g. two tables with one
    /// sheet name).
    #[cfg(feature = "xlsx")]
    pub fn to_xlsx(&self) -> Result<Vec<u8>> {
        xlsx::write(self)
    }
}

/// A cell as the HTML page shows it.
fn html_cell(cell: &Cell, format: CellFormat, lang: Lang) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Integer(i) => i.to_string(),
        Cell::Number(d) if format == CellFormat::Integer => d.round().to_string(),
        Cell::Number(d) => lang.number(&fmt_publish(*d)),
        Cell::Probability(p) => format!("{}%", lang.number(&format!("{:.1}", p * 100.0))),
    }
}

/// HTML text escaping.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(feature = "xlsx")]
mod xlsx {
    use super::{Cell, CellFormat, Export};
    use crate::error::{Error, Location, Result};
    use rust_decimal::prelude::ToPrimitive;
    use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

    fn err(e: XlsxError) -> Error {
        Error::malformed(Location::default(), format!("cannot write the workbook: {e}"))
    }

    /// Column width in characters: the longest header or cell, within 6..=60.
    fn width(header: &str, cells: impl Iterator<Item = usize>) -> f64 {
        let longest = cells.fold(header.chars().count(), usize::max);
        // Whole numbers of characters below 2^52: exact as f64.
        f64::from(u32::try_from(longest.clamp(6, 60)).unwrap_or(60)) + 2.0
    }

    pub(super) fn write(export: &Export) -> Result<Vec<u8>> {
        let mut wb = Workbook::new();
        let header =
            Format::new().set_bold().set_background_color("E8EEF7").set_text_wrap().set_align(FormatAlign::Top);
        let dec2 = Format::new().set_num_format("0.00");
        let int = Format::new().set_num_format("0");
        let pct = Format::new().set_num_format("0.0%");
        for t in &export.tables {
            let ws = wb.add_worksheet();
            ws.set_name(&t.name).map_err(err)?;
            for (c, column) in t.columns.iter().enumerate() {
                let c = u16::try_from(c).map_err(|_| Error::malformed(Location::default(), "too many columns"))?;
                ws.write_string_with_format(0, c, &column.header, &header).map_err(err)?;
                let lengths = t
                    .rows
                    .iter()
                    .filter_map(|r| r.get(usize::from(c)))
                    .map(|cell| super::html_cell(cell, column.format, export.lang).chars().count());
                ws.set_column_width(c, width(&column.header, lengths)).map_err(err)?;
            }
            for (r, row) in t.rows.iter().enumerate() {
                let r = u32::try_from(r + 1).map_err(|_| Error::malformed(Location::default(), "too many rows"))?;
                for (c, (cell, column)) in row.iter().zip(&t.columns).enumerate() {
                    let c = u16::try_from(c).map_err(|_| Error::malformed(Location::default(), "too many columns"))?;
                    match cell {
                        Cell::Empty => {}
                        Cell::Text(s) => {
                            ws.write_string(r, c, s).map_err(err)?;
                        }
                        Cell::Integer(i) => {
                            // Ranks and counts: far below 2^53, exact as f64.
                            ws.write_number_with_format(r, c, i.to_f64().unwrap_or(f64::NAN), &int).map_err(err)?;
                        }
                        Cell::Number(d) => {
                            let f = if column.format == CellFormat::Integer { &int } else { &dec2 };
                            // Excel stores numbers as doubles: the nearest one to the decimal.
                            ws.write_number_with_format(r, c, d.to_f64().unwrap_or(f64::NAN), f).map_err(err)?;
                        }
                        Cell::Probability(p) => {
                            ws.write_number_with_format(r, c, *p, &pct).map_err(err)?;
                        }
                    }
                }
            }
            ws.set_freeze_panes(1, 0).map_err(err)?;
            let last_col = u16::try_from(t.columns.len().saturating_sub(1)).unwrap_or(0);
            let last_row = u32::try_from(t.rows.len()).unwrap_or(0);
            if last_row > 0 {
                ws.autofilter(0, 0, last_row, last_col).map_err(err)?;
            }
        }
        let notes = wb.add_worksheet();
        let word = |vi: &str| export.lang.from_vi(vi);
        notes.set_name(word("Ghi chú")).map_err(err)?;
        notes.write_string_with_format(0, 0, word("Mục"), &header).map_err(err)?;
        notes.write_string_with_format(0, 1, word("Nội dung"), &header).map_err(err)?;
        notes.write_string(1, 0, word("Báo cáo")).map_err(err)?;
        notes.write_string(1, 1, &export.title).map_err(err)?;
        for (i, (topic, text)) in export.notes.iter().enumerate() {
            let r = u32::try_from(i + 2).map_err(|_| Error::malformed(Location::default(), "too many notes"))?;
            notes.write_string(r, 0, topic).map_err(err)?;
            notes.write_string(r, 1, text).map_err(err)?;
        }
        notes.set_column_width(0, 36).map_err(err)?;
        notes.set_column_width(1, 120).map_err(err)?;
        notes.set_freeze_panes(1, 0).map_err(err)?;
        wb.save_to_buffer().map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_and_writes_vietnamese_numbers() {
        let e = Export {
            title: "A & B".into(),
            tables: vec![ExportTable {
                name: "t".into(),
                title: "<t>".into(),
                columns: vec![col("x", CellFormat::Decimal2), col("p", CellFormat::Probability)],
                rows: vec![vec![Cell::Number(Decimal::new(8594, 2)), Cell::Probability(0.125)]],
            }],
            notes: vec![],
            lang: Lang::Vi,
        };
        let html = e.to_html();
        assert!(html.contains("<title>A &amp; B</title>"));
        assert!(html.contains("<h2>&lt;t&gt;</h2>"));
        assert!(html.contains("<td class=\"n\">85,94</td><td class=\"n\">12,5%</td>"));
        let html = Export { lang: Lang::En, ..e }.to_html();
        assert!(html.contains("<html lang=\"en\">") && html.contains("<h2>Notes</h2>"));
        assert!(html.contains("<td class=\"n\">85.94</td><td class=\"n\">12.5%</td>"));
    }

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        assert_eq!(sheet_name("a/b:c"), "a-b-c");
        assert_eq!(sheet_name(&"x".repeat(40)).chars().count(), 31);
    }
}
