"""Conversions between the core's records and pandas (imported lazily: pandas is needed
only by the functions that return or take DataFrames).

Decimal columns become float64 (NaN for unknown): ``float(Decimal('85.94'))`` is the
float nearest 85.94, whose ``repr`` is ``'85.94'``, and the core reads floats through
their ``repr``, so a published 2-decimal value survives the round trip. Integer columns
are nullable ``Int64`` (``<NA>`` for unknown); text columns take the dtype pandas infers.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ._core import Simulation


def _pd() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("this function returns or takes a DataFrame: pip install pandas") from e
    return pandas


def _float(v: Any) -> float:
    if v is None:
        return math.nan
    return float(v)


# The column set of every table-shaped output, in order: (column, kind) with kind one of
# ``dec`` (an exact decimal: ``Decimal`` in records, float64 in DataFrames), ``float``
# (float64), ``int`` (nullable Int64), ``bool`` (nullable boolean), ``str``, ``obj``. The
# native module sends the core's serde shape (decimals as exact text); this is the one
# place that types the columns.
SCHEMAS: Dict[str, List[Tuple[str, str]]] = {
    "table_row": [
        ("province", "str"), ("region", "str"), ("score", "dec"), ("rank", "int"), ("score_low", "dec"),
        ("score_high", "dec"), ("score_estimate", "dec"), ("rank_best", "int"), ("rank_worst", "int"),
        ("band", "str"), ("source", "str"), ("note", "str"),
    ],
    "entry": [
        ("province", "str"), ("score", "dec"), ("rank", "int"), ("rank_basis", "str"), ("source", "str"),
        ("note", "str"), ("row", "int"),
    ],
    "regional_average": [("region", "str"), ("mean", "dec"), ("known", "int"), ("provinces", "int")],
    "year_over_year": [
        ("province", "str"), ("score_before", "dec"), ("score_after", "dec"), ("score_change", "dec"),
        ("rank_before", "int"), ("rank_after", "int"), ("rank_change", "int"),
    ],
    "node": [
        ("code", "str"), ("parent", "str"), ("level", "str"), ("name_vi", "str"), ("name_en", "str"),
        ("max_points", "dec"), ("at_least", "dec"), ("method", "str"), ("rule", "str"), ("status", "str"),
        ("source", "str"), ("note", "str"),
    ],
    "period": [
        ("index", "str"), ("first_year", "int"), ("last_year", "int"), ("decision", "str"), ("framework", "str"),
        ("status", "str"), ("note", "str"),
    ],
    "province": [("province", "str"), ("region", "str"), ("unit_2025", "str"), ("aliases", "obj")],
    "scorecard_row": [
        ("code", "str"), ("level", "str"), ("name_vi", "str"), ("name_en", "str"), ("max_points", "dec"),
        ("points", "dec"), ("source", "str"), ("index", "dec"), ("lost", "dec"),
    ],
    "gain_row": [
        ("code", "str"), ("level", "str"), ("name_vi", "str"), ("name_en", "str"), ("max_points", "dec"),
        ("points", "dec"), ("source", "str"), ("lost", "dec"), ("rank_if_recovered", "int"),
        ("rank_if_recovered_best", "int"), ("rank_if_recovered_worst", "int"), ("ranks_gained", "int"),
        ("ranks_gained_best", "int"), ("ranks_gained_worst", "int"), ("ranks_per_point", "dec"),
        ("for_plus_1_low", "dec"), ("for_plus_1_high", "dec"), ("for_plus_5_low", "dec"),
        ("for_plus_5_high", "dec"), ("for_plus_10_low", "dec"), ("for_plus_10_high", "dec"),
        ("for_target_low", "dec"), ("for_target_high", "dec"),
    ],
    "what_if": [
        ("scenario", "str"), ("points_before", "dec"), ("points_after", "dec"), ("index_before", "dec"),
        ("index_after", "dec"), ("rank_before", "int"), ("rank_after", "int"), ("rank_after_best", "int"),
        ("rank_after_worst", "int"), ("band_before", "str"), ("band_after", "str"),
    ],
    "node_change": [("code", "str"), ("name_vi", "str"), ("before", "dec"), ("after", "dec"), ("change", "dec")],
    "plan_step": [
        ("code", "str"), ("name_vi", "str"), ("from", "dec"), ("to", "dec"), ("gain", "dec"), ("cost", "dec"),
        ("stepped", "bool"),
    ],
    "simulation": [("gain", "dec"), ("p_target", "float"), ("rank_p05", "int"), ("rank_p50", "int"), ("rank_p95", "int")],
    "exact": [("gain", "dec"), ("p_target", "float")],
    "exact_plan": [("gain", "dec"), ("p_target", "float"), ("rank_probabilities", "obj")],
}

# Keys of the core's serde shape spelt otherwise in a table (none once the core spells them so).
_RENAMES: Dict[str, Dict[str, str]] = {"province": {"name": "province"}}


def _flat(row: Mapping[str, Any], shape: str) -> Dict[str, Any]:
    """A serde record with its nested bounds as columns: ``{"rank": {"best", "worst",
    "estimate"}}`` → ``rank`` (the estimate), ``rank_best``, ``rank_worst``; ``low``/``high``
    likewise."""
    renames = _RENAMES.get(shape, {})
    out: Dict[str, Any] = {}
    for key, value in row.items():
        key = renames.get(key, key)
        if isinstance(value, dict):
            for part, v in value.items():
                out[key if part == "estimate" else f"{key}_{part}"] = v
        else:
            out[key] = value
    return out


def _decimal(v: Any) -> Any:
    return None if v is None else Decimal(v) if isinstance(v, (str, int)) else v


def records(rows: Sequence[Mapping[str, Any]], shape: str) -> List[Dict[str, Any]]:
    """Records of the table shape ``shape`` (see :data:`SCHEMAS`), one dict per row with its
    columns in order; decimal columns as :class:`decimal.Decimal` (exact)."""
    schema = SCHEMAS[shape]
    flat = [_flat(r, shape) for r in rows]
    return [{name: _decimal(r.get(name)) if kind == "dec" else r.get(name) for name, kind in schema} for r in flat]


def decimals(value: Any, keys: Sequence[str]) -> Any:
    """``value`` (a serde record or a list of them) with the values of ``keys`` as Decimal."""
    if isinstance(value, list):
        return [decimals(v, keys) for v in value]
    return {k: _decimal(v) if k in keys else v for k, v in value.items()}


def frame(
    rows: Sequence[Mapping[str, Any]],
    schema: "str | Sequence[Tuple[str, str]]",
    attrs: Optional[Dict[str, Any]] = None,
) -> "pd.DataFrame":
    """A DataFrame from records and a table shape of :data:`SCHEMAS` (or an explicit
    schema of (column, kind)): decimals and floats float64 (NaN for unknown), integers
    Int64, flags boolean, text as pandas infers."""
    pd = _pd()
    if isinstance(schema, str):
        rows = [_flat(r, schema) for r in rows]
        schema = SCHEMAS[schema]
    columns: Dict[str, Any] = {}
    for name, kind in schema:
        values = [r.get(name) for r in rows]
        if kind in ("dec", "float"):
            columns[name] = pd.array([_float(v) for v in values], dtype="float64")
        elif kind == "int":
            columns[name] = pd.array(values, dtype="Int64")
        elif kind == "bool":
            columns[name] = pd.array(values, dtype="boolean")
        elif kind == "obj":
            columns[name] = pd.Series(values, dtype=object)
        else:
            columns[name] = pd.Series(values)
    df = pd.DataFrame(columns, columns=[n for n, _ in schema])
    if attrs:
        df.attrs.update(attrs)
    return df


def what_if(results: Sequence[Mapping[str, Any]]) -> "pd.DataFrame":
    """What-if results (the core's serde shape) as a DataFrame: one row per scenario, then
    one ``change_<code>`` column per field and component (points; NaN where a change
    cannot be attributed); ``attrs["changes"]``: ``[(scenario, [node_change records])]``."""
    rows, extra, changes = [], [], []
    for r in results:
        nodes = list(r["fields"]) + list(r["components"])
        row = _flat({k: v for k, v in r.items() if k not in ("fields", "components")}, "what_if")
        for c in nodes:
            key = f"change_{c['code']}"
            row[key] = c["change"]
            if key not in extra:
                extra.append(key)
        rows.append(row)
        changes.append((r["scenario"], records(nodes, "node_change")))
    schema = SCHEMAS["what_if"] + [(k, "dec") for k in extra]
    return frame(rows, schema, {"changes": changes})


def frame_to_csv(df: "pd.DataFrame") -> str:
    """A DataFrame as CSV text for the core's CSV readers, which then check it exactly as
    a file (same header names, Vietnamese ones included; errors name the row as in
    ``df.to_csv(index=False)``). Floats are written as the shortest decimal of their own
    dtype (float64 85.94 stays 85.94, and so does float32 85.94, not 85.94000244140625);
    ``Decimal`` cells in full; NA as empty cells; a line break inside a text cell as a
    space, so that an error's row is the DataFrame's position + 2 (header = row 1). A named
    index (``df.set_index("province")``) becomes a column."""
    pd = _pd()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(df).__name__}")
    if any(name is not None for name in df.index.names):
        df = df.reset_index()
    _check_header(df, pd)
    df = df.copy()
    for column in df.columns:
        series = df[column]
        if pd.api.types.is_float_dtype(series.dtype):
            dtype = getattr(series.dtype, "numpy_dtype", series.dtype)  # Float32 → float32
            values = series.to_numpy(dtype=dtype, na_value=math.nan)
            known = series.dropna()
            if bool((known == known.round()).all()) and (known.empty or float(known.abs().max()) < 2**53):
                # Whole numbers (answers 1–5, ranks): written as integers, fast.
                df[column] = series.astype("Int64")
            else:
                df[column] = [_plain_float(v) for v in values]
        elif series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) not in _PLAIN_OBJECTS:
            df[column] = [_plain_cell(v) for v in series]
        if pd.api.types.is_object_dtype(df[column].dtype) or pd.api.types.is_string_dtype(df[column].dtype):
            # One line per row, so that the row an error names is the DataFrame's row
            # (position + 2): a line break inside a cell becomes a space.
            text_cells = df[column].astype("string")
            if bool(text_cells.str.contains(r"[\r\n]", regex=True, na=False).any()):
                df[column] = df[column].where(
                    text_cells.isna(), text_cells.str.replace(r"\r\n|\r|\n", " ", regex=True)
                )
    text: str = df.to_csv(index=False)
    return text


class FrameError(Exception):
    """A DataFrame whose header the CSV readers cannot take as it is (the native caller
    raises it as ``DataError`` ``MALFORMED`` naming the DataFrame and the columns)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _check_header(df: "pd.DataFrame", pd: Any) -> None:
    """Refuse a header the reader would misread: MultiIndex columns (their levels would be
    written as extra header lines, read as data) and duplicate names (one of them would
    be read, the other ignored). Never renamed or flattened silently."""
    if isinstance(df.columns, pd.MultiIndex):
        shown = ", ".join(repr(c) for c in list(df.columns)[:3])
        raise FrameError(
            shown,
            f"the columns are a MultiIndex of {df.columns.nlevels} levels ({shown}, …): flatten them to one "
            "name per column first, e.g. df.columns = [' '.join(map(str, c)).strip() for c in df.columns]",
        )
    names = [str(c) for c in df.columns]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        where = "; ".join(
            f"`{n}` (columns {', '.join(str(i + 1) for i, m in enumerate(names) if m == n)})" for n in duplicated
        )
        raise FrameError(", ".join(duplicated), f"duplicate column names: {where}: rename or drop them")


# Object columns written as they are (no decimal or float cell to spell out).
_PLAIN_OBJECTS = ("string", "empty", "integer", "boolean", "bytes")


def _plain_float(v: Any) -> str:
    """A float as plain decimal text, the shortest that reads back to the same value of its
    own dtype (1e-05 → ``0.00001``, float32 85.94 → ``85.94``); NA → empty."""
    import numpy as np

    if v is None or bool(_pd().isna(v)):
        return ""
    if not np.isfinite(v):
        return str(v)  # the reader names it as not a number
    text: str = np.format_float_positional(v, unique=True, trim="-")
    return text


def _plain_cell(v: Any) -> Any:
    """An object cell: decimals and numpy floats as plain decimal text, the rest as is."""
    if isinstance(v, Decimal):
        return format(v, "f") if v.is_finite() else str(v)
    if isinstance(v, float) or (type(v).__module__ == "numpy" and getattr(v, "dtype", None) is not None and v.dtype.kind == "f"):
        return _plain_float(v)
    return v


def rank_distribution(sim: "Simulation") -> "pd.DataFrame":
    """P(rank = r) per plan: index ``rank`` 1..of, one column per gain (``"+2.00"``)."""
    pd = _pd()
    n = sim.scenarios
    data = {}
    for p in sim.plans:
        label = f"{p.gain:+.2f}"
        data[label] = [c / n for c in p.rank_counts]
    df = pd.DataFrame(data, index=pd.RangeIndex(1, sim.of + 1, name="rank"))
    df.attrs.update({"target_rank": sim.target_rank, "province": sim.province, "index": sim.index})
    return df
