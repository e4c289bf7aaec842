//! League tables: the published PAR INDEX and SIPAS results, tables from CSV, entries and
//! DataFrames, and the province registry.

use crate::convert::{self, decimal_arg, helper, index_kind, source_arg, u32_arg, year_arg, Source};
use crate::errors::{guard, guard_detached, in_file, python_names, MONTE_CARLO_NAMES};
use crate::scorecard::PyScorecard;
use crate::simulate::PySimulation;
use crate::values::{problems, PyPointsNeeded, PyProblem, PyRankBounds, PyScoreBounds};
use parindex::Decimal;
use parindex::{CsvTableOptions, LeagueTable, TiePolicy};
use pyo3::prelude::*;

/// A league table (bảng xếp hạng): one index, one year, ``of`` provinces ranked (63 until
/// 2024, 34 units from 2025), usually with partial data — some provinces have a rank and no
/// score, some a score and no rank. Scores are percent (0–100, as published with 2
/// decimals); ranks 1 = best. Ranks are computed under the table's ``tie_policy``
/// (``"competition"`` by default: ties share the rank).
///
/// Build one with :func:`parindex.published`, :meth:`LeagueTable.from_csv`,
/// :meth:`LeagueTable.from_pandas` or :meth:`LeagueTable.from_entries`.
/// Province names are matched in any spelling (``"Lang Son"``, ``"TP.HCM"``).
#[pyclass(module = "parindex._core", name = "LeagueTable", frozen)]
pub struct PyLeagueTable(pub LeagueTable);

#[pymethods]
impl PyLeagueTable {
    /// ``"par"``, ``"sipas"`` or a custom index name.
    #[getter]
    fn index(&self) -> PyResult<String> {
        Ok(self.0.index().to_string())
    }

    /// The assessment year.
    #[getter]
    fn year(&self) -> PyResult<u16> {
        Ok(self.0.year())
    }

    /// How many provinces (or units) are ranked.
    #[getter]
    fn of(&self) -> PyResult<u32> {
        Ok(self.0.of())
    }

    /// Who is ranked: ``"provinces"`` (63), ``"units_2025"`` (34) or ``"open"`` (any names).
    #[getter]
    fn roster(&self) -> PyResult<&'static str> {
        Ok(convert::roster_name(self.0.roster()))
    }

    /// ``"competition"``, ``"dense"`` or ``"unrounded"``.
    #[getter]
    fn tie_policy(&self) -> PyResult<&'static str> {
        Ok(self.0.tie_policy().as_str())
    }

    /// Decimal places compared when ranking: 2 for published tables, the values as given
    /// (or what ``decimals=`` set) for tables built from values.
    #[getter]
    fn decimals(&self) -> PyResult<u32> {
        Ok(self.0.decimals())
    }

    /// The file or label the table was read from.
    #[getter]
    fn label(&self) -> PyResult<Option<&str>> {
        Ok(self.0.label())
    }

    /// Inconsistencies found in the data while loading (``list[Problem]``): scores in the
    /// opposite order to ranks, shared ranks with different scores, equal scores with
    /// different ranks, rank collisions, and conflicts flagged in the sources' notes.
    #[getter]
    fn problems(&self) -> PyResult<Vec<PyProblem>> {
        Ok(problems(self.0.problems()))
    }

    /// The canonical name of a province (``"Lang Son"`` → ``"Lạng Sơn"``).
    ///
    /// Raises DataError (``UNKNOWN_PROVINCE``).
    fn canonical(&self, py: Python<'_>, name: &str) -> PyResult<String> {
        guard(py, || self.0.canonical(name))
    }

    /// The published rank of a province (``int``), or ``None`` when not published (see
    /// :meth:`rank_bounds`).
    ///
    /// Raises DataError (``UNKNOWN_PROVINCE``).
    fn rank(&self, py: Python<'_>, name: &str) -> PyResult<Option<u32>> {
        guard(py, || self.0.rank(name))
    }

    /// The published score of a province, percent (``Decimal``, e.g. ``Decimal('85.94')``),
    /// or ``None`` when not published (see :meth:`score_bounds`).
    ///
    /// Raises DataError (``UNKNOWN_PROVINCE``).
    fn score(&self, py: Python<'_>, name: &str) -> PyResult<Option<Decimal>> {
        guard(py, || self.0.score(name))
    }

    /// The band of a province's published score: ``"A"`` (≥ 90%), ``"B"`` (80 to < 90%),
    /// ``"C"`` (70 to < 80%), ``"below C"``; ``None`` when the score is not published.
    ///
    /// Raises DataError (``UNKNOWN_PROVINCE``).
    fn band(&self, py: Python<'_>, name: &str) -> PyResult<Option<&'static str>> {
        guard(py, || self.0.band(name)).map(|b| b.map(|b| b.as_str()))
    }

    /// Bounds on a province's score, percent (:class:`ScoreBounds`): exact when published;
    /// for a province ranked without a score, between its nearest known neighbours.
    ///
    /// Raises DataError (``UNKNOWN_PROVINCE``).
    fn score_bounds(&self, py: Python<'_>, name: &str) -> PyResult<PyScoreBounds> {
        guard(py, || self.0.score_bounds(name)).map(PyScoreBounds::from)
    }

    /// Bounds on a province's rank (:class:`RankBounds`): exact when published.
    ///
    /// Raises DataError (``UNKNOWN_PROVINCE``).
    fn rank_bounds(&self, py: Python<'_>, name: &str) -> PyResult<PyRankBounds> {
        guard(py, || self.0.rank_bounds(name)).map(PyRankBounds::from)
    }

    /// The rank a province would have with ``score`` (percent 0–100; str, int, Decimal or
    /// float), everyone else as published (:class:`RankBounds`).
    ///
    /// Raises DataError (``UNKNOWN_PROVINCE``), InputError (score outside 0–100, no entry
    /// for the province).
    fn rank_if(&self, py: Python<'_>, name: &str, score: &Bound<'_, PyAny>) -> PyResult<PyRankBounds> {
        let score = decimal_arg(score, "score")?;
        guard(py, || self.0.rank_if(name, score)).map(PyRankBounds::from)
    }

    /// The rank after gaining ``gain`` percentage points (negative: points lost), capped to
    /// 0–100, everyone else as published (:class:`RankBounds`).
    ///
    /// Raises DataError (``UNKNOWN_PROVINCE``), InputError (``NOT_FOUND`` when the
    /// province's score is not published).
    fn rank_with_gain(&self, py: Python<'_>, name: &str, gain: &Bound<'_, PyAny>) -> PyResult<PyRankBounds> {
        let gain = decimal_arg(gain, "gain")?;
        guard(py, || self.0.rank_with_gain(name, gain)).map(PyRankBounds::from)
    }

    /// The least points (percentage points of the index) a province must gain to rank ≤
    /// ``target_rank``, everyone else as published (:class:`PointsNeeded`: ``low``,
    /// ``high``, ``estimate``). Lạng Sơn 2023 (85.94%, #47) to the top 30: [1.10, 1.38].
    ///
    /// Raises InputError (target outside 1..=of), DataError (``UNKNOWN_PROVINCE``).
    fn points_to_rank(&self, py: Python<'_>, name: &str, target_rank: &Bound<'_, PyAny>) -> PyResult<PyPointsNeeded> {
        let target = u32_arg(target_rank, "target_rank")?;
        guard(py, || self.0.points_to_rank(name, target)).map(PyPointsNeeded::from)
    }

    /// The score (percent) a province must reach to rank ≤ ``target_rank``, everyone else
    /// as published (:class:`ScoreBounds`).
    ///
    /// Raises InputError (target outside 1..=of), DataError (``UNKNOWN_PROVINCE``).
    fn score_to_rank(&self, py: Python<'_>, name: &str, target_rank: &Bound<'_, PyAny>) -> PyResult<PyScoreBounds> {
        let target = u32_arg(target_rank, "target_rank")?;
        guard(py, || self.0.score_to_rank(name, target)).map(PyScoreBounds::from)
    }

    /// A one-line summary, e.g. ``"Lạng Sơn: 85.94% (#47 of 63, band B)"``.
    ///
    /// Raises DataError (``UNKNOWN_PROVINCE``).
    fn describe(&self, py: Python<'_>, name: &str) -> PyResult<String> {
        guard(py, || self.0.describe(name))
    }

    /// One dict per province of the roster (63 or 34), in rank order where known:
    /// ``province, region, score, rank, score_low, score_high, score_estimate, rank_best,
    /// rank_worst, band, source, note`` (scores: ``Decimal`` percent or ``None``).
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::records(py, "table_row", &guard(py, || Ok(self.0.rows()))?)
    }

    /// The published entries in input order, one dict each: ``province, score, rank,
    /// rank_basis, source, note, row``.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::records(py, "entry", self.0.entries())
    }

    /// The table as a DataFrame, one row per province of the roster (63 for 2021–2024), in
    /// rank order where known. Columns: ``province, region, score, rank, score_low,
    /// score_high, score_estimate, rank_best, rank_worst, band, source, note``. Scores are
    /// float64 percent (NaN when unknown; a published 85.94 reads back as exactly 85.94);
    /// ranks nullable Int64 (``<NA>`` when unknown).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::table(py, "table_row", &guard(py, || Ok(self.0.rows()))?, None)
    }

    /// Mean published score per socio-economic region over the provinces whose score is
    /// known, as a DataFrame: ``region, mean`` (percent), ``known``, ``provinces``. The
    /// Ministry's regional averages cover all provinces: compare with care.
    fn regional_averages<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::table(py, "regional_average", &self.0.regional_averages(), None)
    }

    /// The same table under another tie policy: ``"competition"`` (1, 2, 2, 4 on the
    /// published 2-decimal values), ``"dense"`` (1, 2, 2, 3) or ``"unrounded"`` (equal
    /// published values may fall either way).
    ///
    /// Raises InputError for another name.
    fn with_tie_policy(&self, py: Python<'_>, policy: &str) -> PyResult<PyLeagueTable> {
        let policy = guard(py, || python_names(TiePolicy::parse(policy), &[("tie_policy", "policy", None)]))?;
        Ok(PyLeagueTable(self.0.with_tie_policy(policy)))
    }

    /// The table as CSV text (``year,province,score,rank,rank_basis,source,note``), readable
    /// back by :meth:`from_csv`.
    fn to_csv(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.0.to_csv())
    }

    /// Compare a scorecard's index with this table's published score for its province: a
    /// difference at 2 decimals is a ``table_mismatch`` problem (``list[Problem]``).
    ///
    /// Raises DataError (``UNKNOWN_PROVINCE``).
    fn check_scorecard(&self, py: Python<'_>, card: PyRef<'_, PyScorecard>) -> PyResult<Vec<PyProblem>> {
        guard(py, || self.0.check_scorecard(&card.0)).map(|p| problems(&p))
    }

    /// The Monte Carlo: the native side of :meth:`simulate` and :func:`parindex.simulate`
    /// (their signatures, defaults read from the core, and documentation are in
    /// ``parindex._simulate``). ``options``: the core's ``MonteCarlo`` (``province``,
    /// ``gain``, ``target_rank``, ``scenarios``, ``seed``, ``model``).
    fn _simulate(&self, py: Python<'_>, options: &Bound<'_, PyAny>) -> PyResult<PySimulation> {
        let options: parindex::simulate::MonteCarlo = convert::contract(options, "")?;
        let table = &self.0;
        guard_detached(py, || python_names(parindex::simulate::simulate(table, &options), MONTE_CARLO_NAMES))
            .map(PySimulation)
    }

    /// The whole-table forecast: the native side of :meth:`forecast` (signature in
    /// ``parindex._nextyear``); ``options`` is the core's ``ForecastRequest``.
    fn _forecast<'py>(&self, options: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        crate::nextyear::forecast(&self.0, options)
    }

    /// The exact solution: the native side of :meth:`exact` and :func:`parindex.exact`
    /// (signatures in ``parindex._simulate``); ``options`` as :meth:`_simulate`.
    fn _exact(&self, py: Python<'_>, options: &Bound<'_, PyAny>) -> PyResult<crate::simulate::PyExactOutcome> {
        let options: parindex::simulate::MonteCarlo = convert::contract(options, "")?;
        let t = &self.0;
        guard_detached(py, || python_names(parindex::simulate::exact(t, &options), MONTE_CARLO_NAMES))
            .map(crate::simulate::PyExactOutcome)
    }

    /// One province's plans: the native side of :meth:`chances` (signature in
    /// ``parindex._nextyear``); ``options`` is the core's ``ChancesRequest``.
    fn _chances<'py>(&self, options: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        crate::nextyear::chances(&self.0, options)
    }

    /// A league table read by the core: the one entry point of :meth:`from_csv`,
    /// :meth:`from_excel`, :meth:`from_pandas` and :meth:`from_entries` (their signatures and
    /// documentation are in ``parindex._loaders``). ``how``: ``"csv"``, ``"excel"``,
    /// ``"pandas"`` or ``"entries"``; ``options``: the core's ``CsvTableOptions``; ``table``:
    /// its ``TableOptions`` (``sheet``, ``header_row``, ``columns``) or ``None``; ``label``
    /// names a DataFrame or entries in errors.
    #[staticmethod]
    #[pyo3(signature = (how, source, options, table=None, label=None))]
    fn _read(
        py: Python<'_>,
        how: &str,
        source: &Bound<'_, PyAny>,
        options: &Bound<'_, PyAny>,
        table: Option<&Bound<'_, PyAny>>,
        label: Option<&str>,
    ) -> PyResult<PyLeagueTable> {
        let options: CsvTableOptions = convert::contract(options, "")?;
        let worksheet: Option<parindex::TableOptions> = table.map(|t| convert::contract(t, "")).transpose()?;
        let read = match how {
            "entries" => {
                let inputs: Vec<parindex::EntryInput> = convert::contract(source, "entries")?;
                guard(py, || LeagueTable::from_entries(inputs, &options, Some(label.unwrap_or("entries"))))?
            }
            "excel" => {
                let table = convert::workbook_table(py, source, &worksheet.unwrap_or_default())?;
                guard(py, || LeagueTable::from_table(&table, &options))?
            }
            _ => {
                let source = match how {
                    "pandas" => {
                        let label = label.unwrap_or("DataFrame");
                        Source::Text(convert::frame_csv(source, label)?, label.to_string())
                    }
                    _ => source_arg(source, None)?,
                };
                match (source, worksheet) {
                    (source, Some(w)) => {
                        // Headers the alias table does not know: through the core's `Table`.
                        let table = convert::csv_table(py, source, w.header_row, Some(w.columns))?;
                        guard(py, || LeagueTable::from_table(&table, &options))?
                    }
                    (Source::Path(p), None) => guard(py, || LeagueTable::from_csv_path(&p, &options))
                        .map_err(|e| in_file(py, e, &p.display().to_string()))?,
                    (Source::Text(text, label), None) => guard(py, || LeagueTable::from_csv(&text, &label, &options))
                        .map_err(|e| in_file(py, e, &label))?,
                }
            }
        };
        Ok(PyLeagueTable(read))
    }

    /// Every problem of a league table at once (the native side of :meth:`validate`, whose
    /// signature is in ``parindex._validate``): ``options`` the core's ``CsvTableOptions``,
    /// ``table`` its ``TableOptions`` (``header_row``, ``columns``) or ``None``.
    #[staticmethod]
    #[pyo3(signature = (source, options, table=None))]
    fn _validate<'py>(
        py: Python<'py>,
        source: &Bound<'py, PyAny>,
        options: &Bound<'py, PyAny>,
        table: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyList>> {
        let options: CsvTableOptions = convert::contract(options, "")?;
        convert::validated(
            py,
            source,
            table,
            |text, label| LeagueTable::validate_csv(text, label, &options),
            |t| LeagueTable::validate_table(t, &options),
        )
    }

    /// A compact HTML table for Jupyter.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        helper(slf.py(), "_display", "league_table_html")?.call1((slf,))?.extract()
    }

    fn __repr__(&self) -> PyResult<String> {
        Ok({
            let known_scores = self.0.entries().iter().filter(|e| e.score.is_some()).count();
            let known_ranks = self.0.entries().iter().filter(|e| e.rank.is_some()).count();
            format!(
                "<LeagueTable {} {}: {} of {} ranks and {} scores published, {} problems>",
                self.0.index(),
                self.0.year(),
                known_ranks,
                self.0.of(),
                known_scores,
                self.0.problems().len()
            )
        })
    }
}

/// The published league table of an index (``"par"`` or ``"sipas"``) and year (2021–2023),
/// embedded in the library from cited public sources (partial coverage: PAR 2023 has 34
/// of 63 ranks and 26 scores). Every row keeps its source; conflicts are in ``problems``.
///
/// Raises InputError (``NOT_FOUND``) for another year or index.
#[pyfunction]
pub fn published(py: Python<'_>, index: &str, year: &Bound<'_, PyAny>) -> PyResult<PyLeagueTable> {
    let kind = index_kind(py, index)?;
    let year = year_arg(year, "year")?;
    guard(py, || parindex::published(&kind, year)).map(PyLeagueTable)
}

/// Years with embedded published results for an index (``[2021, 2022, 2023]``).
///
/// Raises InputError (``NOT_FOUND``) for a custom index.
#[pyfunction]
pub fn published_years(py: Python<'_>, index: &str) -> PyResult<Vec<u16>> {
    let kind = index_kind(py, index)?;
    guard(py, || parindex::published_years(&kind))
}

/// Join two tables of the same index by province, as a DataFrame: ``province,
/// score_before, score_after, score_change`` (percentage points), ``rank_before,
/// rank_after, rank_change`` (places moved up: +7 is "tăng 7 bậc").
///
/// Raises InputError when the indices differ or ``before`` is not the earlier year.
#[pyfunction]
pub fn year_over_year<'py>(
    py: Python<'py>,
    before: PyRef<'py, PyLeagueTable>,
    after: PyRef<'py, PyLeagueTable>,
) -> PyResult<Bound<'py, PyAny>> {
    let rows = guard(py, || parindex::year_over_year(&before.0, &after.0))?;
    convert::table(py, "year_over_year", &rows, None)
}

/// The 63 provinces as a DataFrame: ``province`` (canonical name), ``region`` (one of the
/// 6 socio-economic regions), ``unit_2025`` (the unit it belongs to from 1 July 2025,
/// Resolution 202/2025/QH15), ``aliases``.
#[pyfunction]
pub fn provinces(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let registry = guard(py, parindex::province::registry)?;
    convert::table(py, "province", registry.provinces(), None)
}

/// Register the functions and classes of this module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyLeagueTable>()?;
    m.add_function(wrap_pyfunction!(published, m)?)?;
    m.add_function(wrap_pyfunction!(published_years, m)?)?;
    m.add_function(wrap_pyfunction!(year_over_year, m)?)?;
    m.add_function(wrap_pyfunction!(provinces, m)?)?;
    Ok(())
}
