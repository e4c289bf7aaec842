"""Charts for a Vietnamese report, with matplotlib. Each function draws on ``ax`` (a new
figure 16 cm wide, the text width of a Word page, when ``None``) and returns the matplotlib
Axes. Plotting only: every number drawn comes from the core (or from the DataFrame given).

Every function takes ``lang="vi"`` (the default: titles, axes, legends and annotations in
Vietnamese, numbers in the vi-VN format 85,94 and 100.000) or ``lang="en"``. The text of
each chart is in ``parindex/data/plot_text.csv``; colours are the Okabe–Ito colour-blind-safe
palette; the font is DejaVu Sans (Vietnamese glyphs, ships with matplotlib). :func:`save`
writes a figure as a 300 dpi PNG and an SVG for a Word document.

- :func:`rank_gain`: ranks gained if one part's lost points were recovered, one view
  (fields, components or criteria) at a time.
- :func:`rank_distribution`: the Monte Carlo rank distribution (ranks 1..N) with the target.
- :func:`field_profile`: a province's field sub-indices (bars from 0) against the index
  needed for a target rank.
- :func:`sipas_units`: SIPAS per unit with bootstrap intervals.
- :func:`sipas_profile`: a unit's SIPAS elements and contents against the national figures.
- :func:`forecast_table`: next year's table, every province's rank band (a forecast DataFrame).
- :func:`accountability`: points lost by lead agency (cơ quan chủ trì) (an accountability
  DataFrame).
"""

from __future__ import annotations

import functools
import numbers
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Sequence, TypeVar, Union, cast

from . import _plot_style as st
from .exceptions import InputError, InputTypeError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ._core import LeagueTable, Scorecard, Simulation, SipasBootstrap, SipasResult

__all__ = [
    "rank_gain",
    "rank_distribution",
    "field_profile",
    "sipas_units",
    "sipas_profile",
    "forecast_table",
    "accountability",
    "save",
    "sipas_national",
    "VIEWS",
]

#: The views of :func:`rank_gain` and the rank-gain level each one draws.
VIEWS: Dict[str, str] = {"fields": "field", "components": "component", "criteria": "criterion"}

_C = st.OKABE_ITO
_F = TypeVar("_F", bound=Callable[..., Any])


def _styled(fn: _F) -> _F:
    """Run a plot function under the report style (fonts, sizes, palette): text created
    while it runs keeps that style whatever the caller's rcParams."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import matplotlib

        with matplotlib.rc_context(st.style()):
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _axes(ax: Optional["Axes"], height: float = 3.6) -> "Axes":
    """``ax``, or the Axes of a new figure (page width × ``height`` inches) laid out by
    matplotlib's constrained layout, so that long Vietnamese labels, titles and legends
    outside the Axes stay inside the figure when it is shown or saved (on an Axes of your
    own, save with ``bbox_inches="tight"``)."""
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install matplotlib") from e
    _, new = plt.subplots(figsize=(st.PAGE_WIDTH_IN, height), layout="constrained")
    new._parindex_own = True  # type: ignore[attr-defined]  # the title goes across the figure
    return new


def _titles(ax: "Axes", title: str, subtitle: Optional[str] = None) -> None:
    """The title and, under it, a line saying what is compared, wrapped to the width they
    have: a figure of the plots' own gets them as its (left-aligned) suptitle, across the
    whole page; an Axes of the caller's gets them as its title."""
    fig: Any = ax.figure
    own = getattr(ax, "_parindex_own", False)
    width_in = fig.get_figwidth() * (1.0 if own else ax.get_position().width + 0.05)
    chars = max(30, int(width_in * 72 / (9 * 0.56)))  # 9 pt DejaVu Sans: ~0.56 em a character
    text = textwrap.fill(title, chars)
    if subtitle:
        text += "\n" + textwrap.fill(subtitle, chars)
    if own:
        fig.suptitle(text, x=0.01, ha="left", fontsize=9, linespacing=1.3)
    else:
        ax.set_title(text, loc="left", fontsize=9, linespacing=1.3)


def _note(ax: "Axes", text: str, xy: Any, **kwargs: Any) -> Any:
    """``ax.annotate`` for a label beside the data: not clipped to the Axes, so that the
    layout (constrained, or ``bbox_inches="tight"``) keeps it inside the figure."""
    return ax.annotate(text, xy, annotation_clip=False, clip_on=False, **kwargs)


def _xlabel(ax: "Axes", text: str) -> None:
    """The x-axis label, wrapped to the Axes' width (a Vietnamese label is long)."""
    own = getattr(ax, "_parindex_own", False)
    fig: Any = ax.figure
    width_in = fig.get_figwidth() * (0.55 if own else ax.get_position().width)
    ax.set_xlabel(textwrap.fill(text, max(30, int(width_in * 72 / (9 * 0.56)))))


def _legend_below(ax: "Axes", ncol: int = 1) -> None:
    """The legend under the Axes, below the x tick labels and the axis label (it never
    covers the data)."""
    from matplotlib.transforms import offset_copy

    below = 14 + (
        float(ax.xaxis.label.get_fontsize()) * 1.4 * (1 + ax.xaxis.label.get_text().count("\n"))
        if ax.get_xlabel()
        else 0
    )
    options: Dict[str, Any] = {
        "loc": "upper center",
        "bbox_to_anchor": (0.5, 0.0),
        "bbox_transform": offset_copy(ax.transAxes, fig=cast(Any, ax.figure), y=-below - 6, units="points"),
        "ncol": ncol,
        "frameon": False,
    }
    ax.legend(**options)


def _plan(sim: "Simulation", plan: Any) -> int:
    """The position of a plan in ``sim.plans``, checked (no negative indexing)."""
    n = len(sim.plans)
    if isinstance(plan, bool) or not isinstance(plan, numbers.Integral):
        raise InputTypeError(
            f"invalid `plan`: expected an integer (a position in sim.plans), got {type(plan).__name__} {plan!r}",
            kind="INVALID_ARGUMENT",
            family="input",
            argument="plan",
        )
    position = int(plan)
    if not 0 <= position < n:
        raise InputError(
            f"invalid `plan`: {plan} is outside 0..={n - 1} (the simulation has {n} plans, sim.plans[0] "
            f"to sim.plans[{n - 1}]; None draws them all)",
            kind="INVALID_ARGUMENT",
            family="input",
            argument="plan",
        )
    return position


def _columns(df: Any, needed: Iterable[str], argument: str, what: str) -> None:
    """InputError naming the missing columns of ``df`` and the ones it has."""
    if not hasattr(df, "columns"):
        raise InputTypeError(
            f"invalid `{argument}`: expected a DataFrame ({what}), got {type(df).__name__}",
            kind="INVALID_ARGUMENT",
            family="input",
            argument=argument,
        )
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise InputError(
            f"invalid `{argument}`: the DataFrame has no column {', '.join(map(repr, missing))} "
            f"({what}); its columns: {', '.join(map(str, df.columns))}",
            kind="INVALID_ARGUMENT",
            family="input",
            argument=argument,
        )


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _node_label(code: str, name: str, width: int = 38) -> str:
    """A node's bar label: its code (``3``, ``1.2``) and name; a code that is a word
    (``appraised``, ``leaders_survey``) is left out, as the name says it in the chart's
    language."""
    return f"{code} {_short(name, width)}" if any(ch.isdigit() for ch in code) else _short(name, width)


def _rank_axis(axis: Any, n: int, lang: str) -> None:
    """Ranks 1..n on ``axis`` (an XAxis): limits half a rank either side, ticks at 1, 10,
    20, … and n, integers only."""
    axis.axes.set_xlim(0.5, n + 0.5)
    step = 5 if n <= 40 else 10
    ticks = sorted({1, *range(step, n, step), n})
    if len(ticks) > 2 and ticks[-1] - ticks[-2] < step / 2:
        ticks.pop(-2)  # 60 and 63 would touch
    axis.set_ticks(ticks)
    axis.set_major_formatter(st.tick_formatter(lang, 0))


def _is_na(v: Any) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


@_styled
def rank_gain(
    table: "pd.DataFrame",
    ax: Optional["Axes"] = None,
    view: Optional[str] = None,
    label: str = "name_vi",
    lang: str = "vi",
) -> "Axes":
    """Ranks gained if one part's lost points were recovered, the rest as published: one
    horizontal bar per node of one ``view`` — ``"fields"``, ``"components"`` or
    ``"criteria"`` (default: fields when the table has them, else components, else
    criteria) — never two levels at once, so the same lost points are not drawn twice.
    Bars are ``ranks_gained`` (the estimate, from 0) with whiskers from
    ``ranks_gained_worst`` to ``ranks_gained_best``; each is labelled with its points lost
    (framework points). The subtitle says what is compared: each bar alone, bars do not add up.

    ``table``: the DataFrame of :func:`parindex.rank_gain` /
    :meth:`parindex.Scorecard.rank_gain`; ``label``: the column naming the bars
    (``name_en`` is used with ``lang="en"`` when left at ``name_vi``).

    Raises InputError for an unknown ``view`` or ``lang``, or a view with no rows in
    ``table`` (the message lists the views it has)."""
    lang = st.check_lang(lang)
    _columns(
        table,
        ["level", "code", "ranks_gained", "ranks_gained_worst", "ranks_gained_best", "lost"],
        "table",
        "the rank-gain table",
    )
    present = [v for v, level in VIEWS.items() if (table["level"] == level).any()]
    if view is None:
        view = present[0] if present else "fields"
    if view not in VIEWS or view not in present:
        problem = "is not a view" if view not in VIEWS else "has no rows in this table"
        raise InputError(
            f"invalid `view`: {view!r} {problem}; the views of this table: {', '.join(map(repr, present)) or 'none'} "
            f"(all views: {', '.join(map(repr, VIEWS))})",
            kind="INVALID_ARGUMENT",
            family="input",
            argument="view",
        )
    if lang == "en" and label == "name_vi" and "name_en" in table.columns:
        label = "name_en"
    df = table[table["level"] == VIEWS[view]].iloc[::-1]
    ax = _axes(ax, max(2.6, 1.3 + 0.32 * len(df)))
    names = [_node_label(str(c), str(n)) for c, n in zip(df["code"], df[label])]
    est = [int(v) for v in df["ranks_gained"]]
    lo = [e - int(w) for e, w in zip(est, df["ranks_gained_worst"])]
    hi = [int(b) - e for e, b in zip(est, df["ranks_gained_best"])]
    ax.barh(names, est, xerr=[lo, hi], color=_C["blue"], ecolor=_C["black"], capsize=3)
    for y, (e, h, lost) in enumerate(zip(est, hi, df["lost"])):
        lost_text = "?" if _is_na(lost) else st.number(lost, 2, lang)
        _note(
            ax,
            st.text("rank_gain.bar", lang, gain=e, lost=lost_text),
            (e + h, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.xaxis.set_major_formatter(st.tick_formatter(lang, 0))
    ax.set_xlim(0, max([e + h for e, h in zip(est, hi)] + [1]) * 1.6)  # room for the labels
    province = table.attrs.get("province", "")
    view_name = st.text(f"view.{view}", lang)
    title = st.text("rank_gain.title", lang, province=province, view=view_name).lstrip(": ")
    _titles(ax, title, st.text("rank_gain.subtitle", lang, view=view_name))
    _xlabel(ax, st.text("rank_gain.xlabel", lang))
    return ax


@_styled
def rank_distribution(
    sim: "Simulation", ax: Optional["Axes"] = None, plan: Optional[int] = None, lang: str = "vi"
) -> "Axes":
    """P(rank = r) next year from a :class:`parindex.Simulation`, ranks 1..N on the x-axis,
    with a dashed line at the target rank and P(rank ≤ target) per plan in the legend,
    which sits under the Axes (it never covers the bars). ``plan``: which plan (position
    in ``sim.plans``, 0 to ``len(sim.plans) - 1``) to draw; default all (overlaid steps
    when several).

    Raises InputError for a ``plan`` outside the simulation's plans (InputTypeError when
    it is not an integer) or an unknown ``lang``."""
    lang = st.check_lang(lang)
    plans = sim.plans if plan is None else [sim.plans[_plan(sim, plan)]]
    ax = _axes(ax, 3.4)
    n = sim.scenarios
    ranks = list(range(1, sim.of + 1))
    colours = [_C[c] for c in ("blue", "orange", "green", "purple", "sky_blue", "black")]
    for i, p in enumerate(plans):
        probs = [c / n for c in p.rank_counts]
        label = st.text(
            "rank_distribution.plan",
            lang,
            gain=st.number(p.gain, 2, lang),
            target=sim.target_rank,
            p=st.percent(p.p_target, 1, lang),
        )
        if len(plans) == 1:
            ax.bar(ranks, probs, width=0.9, color=_C["blue"], label=label)
        else:
            ax.step(ranks, probs, where="mid", label=label, color=colours[i % len(colours)])
    ax.axvline(
        sim.target_rank + 0.5,
        color=_C["vermillion"],
        linestyle="--",
        label=st.text("rank_distribution.target", lang, target=sim.target_rank),
    )
    _rank_axis(ax.xaxis, sim.of, lang)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(st.tick_formatter(lang))
    _xlabel(ax, st.text("rank_distribution.xlabel", lang))
    ax.set_ylabel(st.text("rank_distribution.ylabel", lang))
    _titles(
        ax,
        st.text(
            "rank_distribution.title",
            lang,
            province=sim.province,
            index=sim.index.upper(),
            scenarios=st.number(sim.scenarios, 0, lang),
            seed=sim.seed,
        ),
    )
    _legend_below(ax, 2 if len(plans) + 1 > 3 else 1)
    return ax


@_styled
def field_profile(
    card: "Scorecard",
    table: Optional["LeagueTable"] = None,
    target_rank: int = 30,
    ax: Optional["Axes"] = None,
    lang: str = "vi",
) -> "Axes":
    """A province's field sub-indices (points ÷ max × 100, percent) as bars from 0 to 100,
    against the index (percent) needed for rank ≤ ``target_rank`` in ``table`` (shaded
    from its low to its high bound, others as published) and the card's own index. Fields
    whose points or maximum are unknown get no bar and are labelled so. The legend sits
    under the Axes, clear of the bars.

    Raises InputError for an unknown ``lang`` (and what :meth:`LeagueTable.score_to_rank`
    raises for a province or target not in ``table``)."""
    lang = st.check_lang(lang)
    fw = card.framework
    fields = [n for n in fw.nodes() if n["level"] == "field"][::-1]
    ax = _axes(ax, max(3.0, 1.6 + 0.3 * len(fields)))
    name_key = "name_en" if lang == "en" else "name_vi"
    names = [f"{n['code']} {_short(str(n.get(name_key) or n['name_vi']), 34)}" for n in fields]
    values: List[Optional[float]] = []
    for n in fields:
        sub = card.sub_index(n["code"])
        values.append(None if sub is None else float(sub))
    ax.barh(names, [0.0 if v is None else v for v in values], color=_C["blue"])
    for y, v in enumerate(values):
        if v is None:
            _note(
                ax,
                st.text("field_profile.unknown", lang),
                (0, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color=_C["grey"],
            )
        else:
            # Inside the bar's end: the index and target lines cross the bars' ends.
            _note(
                ax,
                st.number(v, 1, lang),
                (v, y),
                xytext=(-3, 0),
                textcoords="offset points",
                va="center",
                ha="right",
                fontsize=8,
                color="white",
                bbox={"boxstyle": "square,pad=0.1", "fc": _C["blue"], "ec": "none"},  # above the lines
            )
    index = card.index
    if index is not None:
        ax.axvline(
            float(index),
            color=_C["black"],
            label=st.text("field_profile.index", lang, province=card.province, index=st.number(index, 2, lang)),
        )
    if table is not None:
        need = table.score_to_rank(card.province, target_rank)
        ax.axvspan(float(need.low), float(need.high), color=_C["vermillion"], alpha=0.25, lw=0)
        ax.axvline(
            float(need.high),
            color=_C["vermillion"],
            linestyle="--",
            label=st.text(
                "field_profile.need",
                lang,
                target=target_rank,
                low=st.number(need.low, 2, lang),
                high=st.number(need.high, 2, lang),
            ),
        )
    _xlabel(ax, st.text("field_profile.xlabel", lang))
    ax.set_xlim(0, 110)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.xaxis.set_major_formatter(st.tick_formatter(lang, 0))
    _titles(ax, st.text("field_profile.title", lang, province=card.province, framework=fw.id, decision=fw.decision))
    if index is not None or table is not None:
        _legend_below(ax, 1)
    return ax


def sipas_national(index: str = "sipas", year: int = 2023) -> Dict[str, Decimal]:
    """The published national figures (percent) of ``index`` in ``year``, by code
    (``"total"`` and the element codes, e.g. ``"B.1"`` access … ``"B.5"`` feedback),
    from the package's ``data/sipas_national.csv`` (source: the Ministry's 2023 SIPAS
    report as cited in methodology.md §3). Empty when none are kept for that year."""
    return {r["code"]: r["value"] for r in st.national_figures() if r["index"] == index and r["year"] == year}


@_styled
def sipas_units(
    result: "SipasResult",
    bootstrap: Optional["SipasBootstrap"] = None,
    ax: Optional["Axes"] = None,
    lang: str = "vi",
    national_year: Optional[int] = None,
) -> "Axes":
    """SIPAS per unit (percent), best at the top, as points with the ``bootstrap``'s
    interval (its level, e.g. 95%) as a horizontal line; a vertical line at the national
    SIPAS of ``national_year`` (default: the result's year) when it is known
    (:func:`sipas_national`). A dot plot: the axis spans the data, not 0–100, as the
    intervals are what is compared.

    ``result``: a :class:`parindex.SipasResult` (:func:`parindex.sipas_from_answers` or
    :meth:`Survey.compute`); ``bootstrap``: :meth:`Survey.bootstrap` of the same survey
    (optional)."""
    lang = st.check_lang(lang)
    units = sorted(result.units, key=lambda u: (result.rank(u), u), reverse=True)
    ax = _axes(ax, max(2.8, 1.5 + 0.28 * len(units)))
    index = result.index
    values = [float(index[u]) for u in units]
    ys = list(range(len(units)))
    lows: List[float] = []
    if bootstrap is not None:
        intervals = [bootstrap.interval(u) for u in units]
        lows = [float(i["low"]) for i in intervals]
        highs = [float(i["high"]) for i in intervals]
        level = st.number(float(bootstrap.level) * (100 if float(bootstrap.level) <= 1 else 1), 0, lang)
        ax.hlines(ys, lows, highs, color=_C["sky_blue"], lw=4, label=st.text("sipas_units.interval", lang, level=level))
        title = st.text("sipas_units.title", lang, level=level)
    else:
        highs = []
        title = st.text("sipas_units.title_plain", lang)
    ax.plot(values, ys, "o", color=_C["blue"], label=st.text("sipas_units.value", lang))
    for y, v in zip(ys, values):
        _note(
            ax,
            st.number(v, 2, lang),
            (max([v, *([highs[y]] if highs else [])]), y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )
    year = national_year if national_year is not None else result.year
    national = sipas_national("sipas", year) if year is not None else {}
    if "total" in national:
        ax.axvline(
            float(national["total"]),
            color=_C["vermillion"],
            linestyle="--",
            label=st.text("sipas_units.national", lang, year=year, value=st.number(national["total"], 2, lang)),
        )
    ax.set_yticks(ys)
    ax.set_yticklabels([_short(u, 30) for u in units])
    lo_all = min([*values, *lows, *([float(national["total"])] if "total" in national else [])])
    hi_all = max([*values, *highs, *([float(national["total"])] if "total" in national else [])])
    pad = max(1.0, (hi_all - lo_all) * 0.08)
    ax.set_xlim(lo_all - pad, hi_all + 3 * pad)
    ax.xaxis.set_major_formatter(st.tick_formatter(lang))
    _xlabel(ax, st.text("sipas_units.xlabel", lang))
    subtitle = None
    if bootstrap is not None:
        subtitle = st.text(
            "sipas_units.note",
            lang,
            replicates=st.number(bootstrap.replicates, 0, lang),
            seed=bootstrap.seed,
            rule=bootstrap.rule,
        )
    _titles(ax, title, subtitle)
    _legend_below(ax, 3)
    return ax


@_styled
def sipas_profile(
    result: "SipasResult",
    unit: str,
    ax: Optional["Axes"] = None,
    lang: str = "vi",
    national_year: Optional[int] = None,
) -> "Axes":
    """One unit's SIPAS profile (percent): the policy contents (A.1–A.4) and the service
    elements (B.1–B.5) of the framework as points, each element beside the national
    figure of ``national_year`` (default: the result's year; :func:`sipas_national`) as a
    hollow marker joined to it. A dot plot: the axis spans the data, not 0–100, as the
    gaps to the national figures are what is compared. Contents have no published
    national figure; the chart says so.

    Raises what :meth:`SipasResult.value` raises for a ``unit`` not in the result."""
    lang = st.check_lang(lang)
    nodes = [
        n for n in result.nodes if n.get("level") in ("element", "content") or str(n.get("code", "")).count(".") == 1
    ]
    nodes = [n for n in nodes if n.get("level") != "item"][::-1]
    name_key = "name_en" if lang == "en" else "name_vi"
    ax = _axes(ax, max(3.0, 1.8 + 0.3 * len(nodes)))
    year = national_year if national_year is not None else result.year
    national = sipas_national("sipas", year) if year is not None else {}
    ys = list(range(len(nodes)))
    values: List[Optional[float]] = []
    for n in nodes:
        value = result.value(unit, n["code"])
        values.append(None if value is None else float(value))
    known = [v for v in values if v is not None]
    nat = [float(national[n["code"]]) if n["code"] in national else None for n in nodes]
    for y, v, w in zip(ys, values, nat):
        if v is not None and w is not None:
            ax.plot([v, w], [y, y], color=_C["grey"], lw=1, zorder=1)
    ax.plot(
        [v for v in values if v is not None],
        [y for y, v in zip(ys, values) if v is not None],
        "o",
        color=_C["blue"],
        zorder=3,
        label=st.text("sipas_profile.unit", lang, unit=unit),
    )
    if any(w is not None for w in nat):
        ax.plot(
            [w for w in nat if w is not None],
            [y for y, w in zip(ys, nat) if w is not None],
            "D",
            mfc="white",
            mec=_C["vermillion"],
            mew=1.5,
            zorder=2,
            label=st.text("sipas_profile.national", lang, year=year),
        )
    for y, v in zip(ys, values):
        if v is not None:
            _note(ax, st.number(v, 2, lang), (v, y), xytext=(0, 6), textcoords="offset points", ha="center", fontsize=7)
    ax.set_yticks(ys)
    ax.set_yticklabels([f"{n['code']} {_short(str(n.get(name_key) or n['name_vi']), 32)}" for n in nodes])
    span = known + [w for w in nat if w is not None]
    if span:
        pad = max(1.0, (max(span) - min(span)) * 0.1)
        ax.set_xlim(min(span) - pad, max(span) + pad)
    ax.set_ylim(-0.6, len(nodes) - 0.4)
    ax.xaxis.set_major_formatter(st.tick_formatter(lang))
    _xlabel(ax, st.text("sipas_profile.xlabel", lang))
    has_contents = any(str(n["code"]).startswith("A") for n in nodes)
    _titles(
        ax,
        st.text("sipas_profile.title", lang, unit=unit),
        st.text("sipas_profile.no_national", lang) if has_contents and national else None,
    )
    _legend_below(ax, 2)
    return ax


_FORECAST_COLUMNS = ["province", "rank_p05", "rank_p25", "rank_p50", "rank_p75", "rank_p95"]


@_styled
def forecast_table(
    forecast: "pd.DataFrame",
    ax: Optional["Axes"] = None,
    target_rank: Optional[int] = None,
    highlight: Union[str, Sequence[str], None] = None,
    lang: str = "vi",
) -> "Axes":
    """Next year's table: one row per province, ordered by its median forecast rank, with
    the 90% band (``rank_p05``–``rank_p95``, thin) and the 50% band (``rank_p25``–
    ``rank_p75``, thick), the median and, when given, the rank now (``rank_now``); ranks
    1..N on the x-axis. With ``target_rank`` (default ``forecast.attrs["target_rank"]``) a
    dashed line at the target and, when the frame has ``p_target``, P(rank ≤ target) at
    the right of each row. ``highlight``: province name(s) drawn in a contrasting colour.

    ``forecast``: the DataFrame of :meth:`parindex.LeagueTable.forecast` (columns
    province, rank_now, score_now, rank_p05, rank_p25, rank_p50, rank_p75, rank_p95,
    p_target, published, …; only the province and the five rank quantiles are required).
    Provinces with ``published`` false (no published data; they start from the free
    ranks) are marked with an asterisk, explained under the title.

    Raises InputError naming a missing column, or a ``highlight`` not in the frame."""
    lang = st.check_lang(lang)
    _columns(forecast, _FORECAST_COLUMNS, "forecast", "a forecast table")
    if target_rank is None:
        target_rank = forecast.attrs.get("target_rank")
    marked = [highlight] if isinstance(highlight, str) else list(highlight or [])
    provinces = [str(p) for p in forecast["province"]]
    unknown = [p for p in marked if p not in provinces]
    if unknown:
        raise InputError(
            f"invalid `highlight`: {', '.join(map(repr, unknown))} not in the forecast's provinces",
            kind="INVALID_ARGUMENT",
            family="input",
            argument="highlight",
        )
    has_now = "rank_now" in forecast.columns
    order = forecast.assign(
        _now=forecast["rank_now"] if has_now else 0,
    ).sort_values(["rank_p50", "_now", "province"], ascending=[False, False, False], na_position="first")
    n_rows = len(order)
    of = int(forecast.attrs.get("of") or max(n_rows, int(order["rank_p95"].max())))
    ax = _axes(ax, max(3.0, 1.5 + 0.135 * n_rows))  # a full page for 63 provinces
    ys = list(range(n_rows))
    colour = [_C["vermillion"] if p in marked else _C["blue"] for p in order["province"]]
    ax.hlines(
        ys, order["rank_p05"], order["rank_p95"], color=_C["sky_blue"], lw=1.2, label=st.text("forecast.band90", lang)
    )
    ax.hlines(ys, order["rank_p25"], order["rank_p75"], color=colour, lw=3.2, label=st.text("forecast.band50", lang))
    ax.plot(order["rank_p50"], ys, "|", color=_C["black"], ms=7, mew=1.5, label=st.text("forecast.median", lang))
    if has_now:
        now = [(y, float(r)) for y, r in zip(ys, order["rank_now"]) if not _is_na(r)]
        ax.plot(
            [r for _, r in now],
            [y for y, _ in now],
            "o",
            mfc="none",
            mec=_C["orange"],
            ms=3.5,
            label=st.text("forecast.now", lang),
        )
    unpublished = [not bool(v) for v in order["published"]] if "published" in forecast.columns else [False] * n_rows
    labels = []
    for p, r, silent in zip(order["province"], order["rank_now"] if has_now else [None] * n_rows, unpublished):
        label = f"{p} (#{int(r)})" if r is not None and not _is_na(r) else str(p)
        labels.append(label + " *" if silent else label)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=6.5 if n_rows > 40 else 8)
    for tick, p in zip(ax.get_yticklabels(), order["province"]):
        if p in marked:
            tick.set_color(_C["vermillion"])
            tick.set_fontweight("bold")
    ax.set_ylim(-0.8, n_rows - 0.2)
    _rank_axis(ax.xaxis, of, lang)
    ax.tick_params(axis="x", labeltop=True, top=True)
    if target_rank is not None:
        ax.axvline(
            target_rank + 0.5,
            color=_C["vermillion"],
            linestyle="--",
            lw=1,
            label=st.text("forecast.target", lang, target=target_rank),
        )
        if "p_target" in forecast.columns:
            for y, p in zip(ys, order["p_target"]):
                if not _is_na(p):
                    _note(
                        ax,
                        st.percent(float(p), 0, lang),
                        (1.0, y),
                        xycoords=("axes fraction", "data"),
                        xytext=(4, 0),
                        textcoords="offset points",
                        va="center",
                        fontsize=6.5 if n_rows > 40 else 8,
                    )
            _note(
                ax,
                st.text("forecast.p_target", lang, target=target_rank),
                (1.0, 1.0),
                xycoords="axes fraction",
                xytext=(4, 20),  # above the top tick labels
                textcoords="offset points",
                va="bottom",
                ha="center",
                fontsize=7,
            )
    _xlabel(ax, st.text("forecast.xlabel", lang))
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    _titles(ax, st.text("forecast.title", lang), st.text("forecast.unpublished", lang) if any(unpublished) else None)
    _legend_below(ax, 3)
    return ax


@_styled
def accountability(
    table: "pd.DataFrame",
    ax: Optional["Axes"] = None,
    province: Optional[str] = None,
    top: Optional[int] = None,
    lang: str = "vi",
) -> "Axes":
    """Points lost by lead agency (cơ quan chủ trì): one bar per agency (framework points,
    from 0), in the table's order (by ranks at stake), labelled with the points lost and
    the ranks they would buy if recovered (``ranks_at_stake``, with its worst–best range
    when the frame has ``ranks_at_stake_worst`` and ``ranks_at_stake_best``); with a ``lost_previous``
    column, last year's points lost as a hollow marker. Coordinating agencies are not
    charged (the subtitle says so). ``top``: only the first ``top`` agencies.

    ``table``: the DataFrame of :meth:`parindex.Scorecard.accountability` (columns
    agency, lost, ranks_at_stake, codes; optionally lost_previous, change);
    ``province``: named in the title (default ``table.attrs["province"]``).

    Raises InputError naming a missing column."""
    lang = st.check_lang(lang)
    _columns(table, ["agency", "lost", "ranks_at_stake"], "table", "an accountability table")
    df = table if top is None else table.head(int(top))
    df = df.iloc[::-1]
    ax = _axes(ax, max(2.6, 1.5 + 0.32 * len(df)))
    names = [_short(str(a), 36) for a in df["agency"]]
    lost = [0.0 if _is_na(v) else float(v) for v in df["lost"]]
    ys = list(range(len(df)))
    ax.barh(
        ys, lost, color=_C["blue"], label=st.text("accountability.now", lang) if "lost_previous" in df.columns else None
    )
    ends = list(lost)
    if "lost_previous" in df.columns:
        prev = [(y, float(v)) for y, v in zip(ys, df["lost_previous"]) if not _is_na(v)]
        ax.plot(
            [v for _, v in prev],
            [y for y, _ in prev],
            "D",
            mfc="white",
            mec=_C["orange"],
            mew=1.5,
            label=st.text("accountability.previous", lang),
        )
        for y, v in prev:
            ends[y] = max(ends[y], v)
    bounds = (
        zip(df["ranks_at_stake_worst"], df["ranks_at_stake_best"])
        if {"ranks_at_stake_worst", "ranks_at_stake_best"} <= set(df.columns)
        else [(None, None)] * len(df)
    )
    for y, (v, r, end, (worst, best)) in enumerate(zip(df["lost"], df["ranks_at_stake"], ends, bounds)):
        ranks = "?" if _is_na(r) else st.number(r, 0, lang)
        span = ""
        if not (worst is None or best is None or _is_na(worst) or _is_na(best)) and worst != best:
            span = f" ({st.number(worst, 0, lang)}–{st.number(best, 0, lang)})"
        _note(
            ax,
            st.text("accountability.bar", lang, lost=st.number(v, 2, lang), ranks=ranks, range=span),
            (end, y),
            xytext=(9 if "lost_previous" in df.columns else 4, 0),  # clear of the marker
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(ys)
    ax.set_yticklabels(names)
    ax.set_xlim(0, max(ends + [1.0]) * 1.5)
    ax.xaxis.set_major_formatter(st.tick_formatter(lang))
    _xlabel(ax, st.text("accountability.xlabel", lang))
    province = province if province is not None else table.attrs.get("province")
    title = (
        st.text("accountability.title", lang, province=province)
        if province
        else st.text("accountability.title_plain", lang)
    )
    _titles(ax, title, st.text("accountability.subtitle", lang))
    if "lost_previous" in df.columns:
        _legend_below(ax, 2)
    return ax


def save(
    figure: Union["Figure", "Axes"],
    path: Union[str, Path],
    formats: Sequence[str] = ("png", "svg"),
    dpi: int = 300,
) -> List[Path]:
    """Write ``figure`` (a Figure, or an Axes whose figure is written) for a Word
    document: one file per format in ``formats`` ("png" at ``dpi``, 300 by default, and
    "svg" with its text as paths, so it looks the same without the font), named ``path``
    with the format's suffix (``charts/rank_gain`` → ``charts/rank_gain.png`` and
    ``.svg``). Folders are created. Returns the paths written.

    Raises InputError for a format other than png, svg or pdf."""
    import matplotlib

    fig = getattr(figure, "figure", None) if not hasattr(figure, "savefig") else figure
    if fig is None or not hasattr(fig, "savefig"):
        raise InputTypeError(
            f"invalid `figure`: expected a matplotlib Figure or Axes, got {type(figure).__name__}",
            kind="INVALID_ARGUMENT",
            family="input",
            argument="figure",
        )
    bad = [f for f in formats if f not in ("png", "svg", "pdf")]
    if bad or not formats:
        raise InputError(
            f"invalid `formats`: {', '.join(map(repr, bad)) or 'none given'}; expected png, svg or pdf",
            kind="INVALID_ARGUMENT",
            family="input",
            argument="formats",
        )
    base = Path(path)
    if base.suffix.lower().lstrip(".") in ("png", "svg", "pdf"):
        base = base.with_suffix("")
    base.parent.mkdir(parents=True, exist_ok=True)
    written = []
    with matplotlib.rc_context(st.style()):
        for f in formats:
            out = base.with_name(base.name + "." + f)
            # Constrained-layout figures are already inside their edges; "tight" also keeps
            # the labels of an Axes laid out by the caller.
            fig.savefig(out, format=f, dpi=dpi, bbox_inches="tight", pad_inches=0.05)
            written.append(out)
    return written
