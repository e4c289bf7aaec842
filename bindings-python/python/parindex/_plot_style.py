"""The look shared by :mod:`parindex.plots`: the text of every chart in Vietnamese and
English (``data/plot_text.csv``, one row per text, ``{name}`` placeholders), vi-VN number
formats (decimal comma, thousands dot: 85,94; 100.000), an Okabe–Ito colour-blind-safe
palette and a style sized for a Word page (16 cm wide, 9 pt DejaVu Sans, which has the
Vietnamese glyphs and ships with matplotlib)."""

from __future__ import annotations

import csv
import functools
import io
from decimal import Decimal
from importlib import resources
from typing import Any, Dict, List, Optional

from .exceptions import InputError

LANGS = ("vi", "en")

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision
# deficiencies and in greyscale print by lightness.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#666666",
}

# A Word page's text width is about 16 cm (A4, 2.5 cm margins): figures are drawn at that
# width so that their 9 pt text stays 9 pt when inserted at 100%.
PAGE_WIDTH_IN = 6.3

STYLE: Dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "figure.dpi": 100,
    "savefig.dpi": 300,
    # Text stays text in SVG only if Word has the font; paths look the same everywhere.
    "svg.fonttype": "path",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": None,  # set below (needs matplotlib's cycler)
}


def style() -> Any:
    """The rcParams the plots are drawn with (a dict for ``matplotlib.rc_context``)."""
    from cycler import cycler

    rc = dict(STYLE)
    rc["axes.prop_cycle"] = cycler(
        color=[OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "yellow")]
    )
    return rc


def check_lang(lang: Any) -> str:
    """``lang``, checked: "vi" or "en" (InputError otherwise)."""
    if lang not in LANGS:
        raise InputError(
            f"invalid `lang`: expected one of {', '.join(map(repr, LANGS))}, got {lang!r}",
            kind="INVALID_ARGUMENT",
            family="input",
            argument="lang",
        )
    return str(lang)


@functools.lru_cache(maxsize=1)
def _table() -> Dict[str, Dict[str, str]]:
    text = resources.files("parindex").joinpath("data", "plot_text.csv").read_text(encoding="utf-8")
    return {row["key"]: {"vi": row["vi"], "en": row["en"]} for row in csv.DictReader(io.StringIO(text))}


def text(key: str, lang: str, **values: Any) -> str:
    """The text ``key`` of ``data/plot_text.csv`` in ``lang``, with ``values`` filled in."""
    return _table()[key][lang].format(**values)


def text_keys() -> List[str]:
    """Every key of the text table (the tests check both languages of each)."""
    return list(_table())


def number(value: Any, decimals: int = 2, lang: str = "vi", sign: bool = False) -> str:
    """``value`` with ``decimals`` places and thousands grouped: vi-VN ``85,94`` and
    ``100.000``; en ``85.94`` and ``100,000``. ``sign``: a leading ``+`` on positives."""
    s = f"{float(value):{'+' if sign else ''},.{decimals}f}"
    if lang == "vi":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s


def percent(share: float, decimals: int = 1, lang: str = "vi") -> str:
    """A share 0–1 as a percentage: ``37,5%`` (vi), ``37.5%`` (en)."""
    return number(share * 100, decimals, lang) + "%"


def tick_formatter(lang: str, decimals: Optional[int] = None) -> Any:
    """A matplotlib formatter writing axis numbers in ``lang``'s format (``decimals``:
    fixed places; default: as few as the tick needs, at most 2)."""
    from matplotlib.ticker import FuncFormatter

    def fmt(x: float, _pos: Any = None) -> str:
        if decimals is not None:
            return number(x, decimals, lang)
        for d in (0, 1, 2):
            if abs(round(x, d) - x) < 1e-9:
                return number(x, d, lang)
        return number(x, 2, lang)

    return FuncFormatter(fmt)


@functools.lru_cache(maxsize=1)
def national_figures() -> List[Dict[str, Any]]:
    """The published national SIPAS figures kept in ``data/sipas_national.csv`` (index,
    year, code, value in percent, status, source)."""
    raw = resources.files("parindex").joinpath("data", "sipas_national.csv").read_text(encoding="utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(raw)):
        rows.append({**row, "year": int(row["year"]), "value": Decimal(row["value"])})
    return rows
