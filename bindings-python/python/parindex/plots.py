"""Plots with matplotlib. Each function draws on ``ax`` (a new figure when ``None``) and
returns the matplotlib Axes. Plotting only: every number drawn comes from the core.

- :func:`rank_gain`: ranks gained per node if its lost points were recovered
  (horizontal bars, estimate with best–worst whiskers).
- :func:`rank_distribution`: the Monte Carlo rank distribution with the target line.
- :func:`field_profile`: a province's field sub-indices against the score needed for a
  target rank (e.g. the top-30 threshold).
"""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any, Optional, Sequence

from .exceptions import InputError, InputTypeError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

    from ._core import LeagueTable, Scorecard, Simulation

__all__ = ["rank_gain", "rank_distribution", "field_profile"]


def _axes(ax: Optional["Axes"], size: Sequence[float] = (7.0, 4.0)) -> "Axes":
    """``ax``, or the Axes of a new figure laid out by matplotlib's constrained layout, so
    that long Vietnamese labels and a legend outside the Axes stay inside the figure when
    it is shown or saved (on an Axes of your own, save with ``bbox_inches="tight"``)."""
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install matplotlib") from e
    _, new = plt.subplots(figsize=tuple(size), layout="constrained")
    return new


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


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def rank_gain(
    table: "pd.DataFrame",
    ax: Optional["Axes"] = None,
    levels: Optional[Sequence[str]] = None,
    label: str = "name_vi",
) -> "Axes":
    """Ranks gained per node if its lost points were recovered, others as published:
    horizontal bars of ``ranks_gained`` (the estimate) with whiskers from
    ``ranks_gained_worst`` to ``ranks_gained_best``.

    ``table``: the DataFrame of :func:`parindex.rank_gain`; ``levels``: the levels to draw
    (default: every level but ``total``); ``label``: the column naming the bars."""
    ax = _axes(ax)
    df = table[table["level"] != "total"] if levels is None else table[table["level"].isin(list(levels))]
    df = df.iloc[::-1]
    names = [f"{c} {_short(str(n))}" for c, n in zip(df["code"], df[label])]
    est = [int(v) for v in df["ranks_gained"]]
    lo = [e - int(w) for e, w in zip(est, df["ranks_gained_worst"])]
    hi = [int(b) - e for e, b in zip(est, df["ranks_gained_best"])]
    ax.barh(names, est, xerr=[lo, hi], color="#3b75af", ecolor="#555", capsize=3)
    for y, (e, h, lost) in enumerate(zip(est, hi, df["lost"])):
        ax.annotate(f"  +{e} (lost {lost:.2f})", (e + h, y), va="center", fontsize=8)
    province = table.attrs.get("province", "")
    ax.set_xlabel("ranks gained by recovering the points lost\n(estimate; whiskers: best–worst)")
    ax.set_title(f"{province}: what each part buys".strip(": "))
    ax.margins(x=0.25)
    return ax


def rank_distribution(sim: "Simulation", ax: Optional["Axes"] = None, plan: Optional[int] = None) -> "Axes":
    """P(rank = r) next year from a :class:`parindex.Simulation`, with a vertical line at the
    target rank and the probability of reaching it in the legend. ``plan``: which plan
    (position in ``sim.plans``, 0 to ``len(sim.plans) - 1``) to draw; default all
    (overlaid steps when several).

    Raises InputError for a ``plan`` outside the simulation's plans (InputTypeError when
    it is not an integer)."""
    plans = sim.plans if plan is None else [sim.plans[_plan(sim, plan)]]
    ax = _axes(ax)
    n = sim.scenarios
    ranks = list(range(1, sim.of + 1))
    for i, p in enumerate(plans):
        probs = [c / n for c in p.rank_counts]
        label = f"+{p.gain:.2f} points: P(rank ≤ {sim.target_rank}) = {p.p_target:.1%}"
        if len(plans) == 1:
            ax.bar(ranks, probs, width=0.9, color="#3b75af", label=label)
        else:
            ax.step(ranks, probs, where="mid", label=label)
    ax.axvline(sim.target_rank + 0.5, color="#c0392b", linestyle="--", label=f"target: rank ≤ {sim.target_rank}")
    ax.set_xlabel("rank next year (1 = best)")
    ax.set_ylabel("probability")
    ax.set_title(f"{sim.province}, {sim.index.upper()}: {sim.scenarios:,} scenarios, seed {sim.seed}")
    ax.legend(fontsize=8)
    return ax


def field_profile(
    card: "Scorecard",
    table: Optional["LeagueTable"] = None,
    target_rank: int = 30,
    ax: Optional["Axes"] = None,
) -> "Axes":
    """A province's field sub-indices (points ÷ max × 100, percent) as bars, against the
    index (percent) needed for rank ≤ ``target_rank`` in ``table`` (shaded from its low to
    its high bound, others as published) and the card's own index. Fields whose points or
    maximum are unknown get no bar and are labelled so. The legend sits to the right of
    the Axes, clear of the bars."""
    ax = _axes(ax, (9.0, 4.5))
    fw = card.framework
    fields = [n for n in fw.nodes() if n["level"] == "field"][::-1]
    names = [f"{n['code']} {_short(n['name_vi'], 30)}" for n in fields]
    values = []
    for n in fields:
        sub = card.sub_index(n["code"])
        values.append(None if sub is None else float(sub))
    known = [v for v in values if v is not None]
    left = min(min(known, default=60.0), 60.0) - 5
    ax.barh(names, [0.0 if v is None else v - left for v in values], left=left, color="#3b75af")
    for y, v in enumerate(values):
        if v is None:
            ax.annotate(" max or points unknown", (left, y), va="center", fontsize=8, color="#555")
        else:
            ax.annotate(f" {v:.1f}", (v, y), va="center", fontsize=8)
    index = card.index()
    if index is not None:
        ax.axvline(float(index), color="#333", label=f"{card.province}: index {float(index):.2f}%")
    if table is not None:
        need = table.score_to_rank(card.province, target_rank)
        ax.axvspan(float(need.low), float(need.high), color="#c0392b", alpha=0.25)
        ax.axvline(
            float(need.high),
            color="#c0392b",
            linestyle="--",
            label=f"index for rank ≤ {target_rank}: {float(need.low):.2f}–{float(need.high):.2f}%",
        )
    ax.set_xlabel("field sub-index (percent):\npoints ÷ the field's max points × 100")
    ax.set_xlim(left, 104)
    ax.set_title(f"{card.province}: field profile ({fw.id}, {fw.decision})")
    if index is not None or table is not None:
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    return ax
