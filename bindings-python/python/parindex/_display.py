"""HTML for Jupyter (``_repr_html_``): compact tables, values as published (2 decimals),
Vietnamese names as they are (UTF-8, escaped for HTML). Display only: every number shown
comes from the core."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable, List, Optional, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from ._core import Framework, LeagueTable, Plan, Scorecard, Simulation, SipasResult

_STYLE = (
    "<style>.parindex td,.parindex th{padding:2px 8px;text-align:right}"
    ".parindex td.l,.parindex th.l{text-align:left}"
    ".parindex caption{caption-side:top;text-align:left;font-weight:bold;padding-bottom:4px}"
    ".parindex .note{color:#666;font-size:90%}</style>"
)

#: Rows shown before the table is cut (the rest is one DataFrame away).
MAX_ROWS = 20


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _num(value: Optional[Decimal], places: int = 2) -> str:
    if value is None:
        return "–"
    return f"{Decimal(value):.{places}f}"


def _table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    left: Sequence[int] = (),
    footer: str = "",
) -> str:
    head = "".join(f'<th class="{"l" if i in left else ""}">{_e(h)}</th>' for i, h in enumerate(headers))
    body: List[str] = []
    for row in rows:
        cells = "".join(f'<td class="{"l" if i in left else ""}">{_e(v)}</td>' for i, v in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    foot = f'<div class="note">{footer}</div>' if footer else ""
    return (
        f'{_STYLE}<div class="parindex"><table><caption>{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{foot}</div>"
    )


def _rank(best: Optional[int], worst: Optional[int]) -> str:
    if best is None:
        return "–"
    if worst is None or best == worst:
        return f"#{best}"
    return f"#{best}–{worst}"


def league_table_html(t: "LeagueTable") -> str:
    rows = t.rows()
    known = [r for r in rows if r["score"] is not None or r["rank"] is not None]
    n_scores = sum(r["score"] is not None for r in rows)
    n_ranks = sum(r["rank"] is not None for r in rows)
    caption = (
        f"{_e(t.index.upper())} {t.year}: {n_ranks} of {t.of} ranks and {n_scores} scores published"
        f" · tie policy {_e(t.tie_policy)} · {len(t.problems)} data problems"
    )
    shown = known[:MAX_ROWS]
    body = [
        (
            _rank(r["rank"] or r["rank_best"], r["rank"] or r["rank_worst"]),
            r["province"],
            r["region"],
            _num(r["score"]) if r["score"] is not None else f"({_num(r['score_low'])}–{_num(r['score_high'])})",
            r["band"] or "",
        )
        for r in shown
    ]
    notes: List[str] = []
    if len(known) > len(shown):
        notes.append(f"… {len(known) - len(shown)} more with data; all {len(rows)} rows: <code>t.to_pandas()</code>")
    notes.append("scores in percent; (low–high): bounds of an unpublished score")
    for p in t.problems[:3]:
        notes.append("⚠ " + _e(p.message))
    if len(t.problems) > 3:
        notes.append(f"… {len(t.problems) - 3} more problems: <code>t.problems</code>")
    return _table(caption, ["rank", "province", "region", "score %", "band"], body, left=(1, 2), footer="<br>".join(notes))


def scorecard_html(card: "Scorecard") -> str:
    fw = card.framework
    index = card.index
    caption = (
        f"{_e(card.province)} · {_e(fw.id)} ({_e(fw.decision)})"
        + (f" · {card.year}" if card.year else "")
        + f" · total {_num(card.total())} points"
        + (f" · index {_num(index)}% · band {_e(card.band())}" if index is not None else "")
    )
    rows = [r for r in card.rows() if r["points"] is not None or r["level"] in ("total", "field")]
    shown = rows[: MAX_ROWS * 2]
    body = [
        (
            r["code"],
            r["name_vi"],
            _num(r["max_points"]),
            _num(r["points"]),
            r["source"] or "",
            _num(r["index"]),
            _num(r["lost"]),
        )
        for r in shown
    ]
    notes = ["points; index = points ÷ max × 100 (percent); implied = parent − other parts"]
    if len(rows) > len(shown):
        notes.append(f"… {len(rows) - len(shown)} more rows: <code>card.to_pandas()</code>")
    for p in card.problems[:3]:
        notes.append("⚠ " + _e(p.message))
    return _table(
        caption, ["code", "name", "max", "points", "source", "index %", "lost"], body, left=(0, 1, 4), footer="<br>".join(notes)
    )


def simulation_html(sim: "Simulation") -> str:
    caption = (
        f"{_e(sim.province)} · {_e(sim.index.upper())} {sim.year} → next year · "
        f"P(rank ≤ {sim.target_rank}) · {sim.scenarios:,} scenarios, seed {sim.seed}"
    )
    body = [
        (f"+{_num(p.gain)}", f"{p.p_target:.1%}", p.rank_p05, p.rank_p50, p.rank_p95)
        for p in sim.plans
    ]
    g50, g80 = sim.gain_for_p50, sim.gain_for_p80
    notes = [
        _e(sim.model["description"]),
        f"gain needed for P ≥ 50%: {_num(g50) if g50 is not None else 'not reachable'} · "
        f"for P ≥ 80%: {_num(g80) if g80 is not None else 'not reachable'} (percentage points)",
    ]
    if sim.unknown_competitors:
        notes.append(f"{sim.unknown_competitors} competitors without a published score start from a draw within their bounds")
    return _table(
        caption,
        ["gain (points)", f"P(rank ≤ {sim.target_rank})", "rank 5%", "median", "rank 95%"],
        body,
        footer="<br>".join(notes),
    )


def plan_html(plan: "Plan") -> str:
    n = plan.needed
    caption = (
        f"{_e(plan.province)} → rank ≤ {plan.target_rank}: need {_num(n.low)}–{_num(n.high)} points "
        f"(covering {_e(plan.basis)}: {_num(plan.required)}) · plan gains {_num(plan.total_gain)}, "
        f"cost {_num(plan.total_cost)} · rank after {_rank(plan.rank_after.best, plan.rank_after.worst)}"
        + ("" if plan.feasible else " · <b>not feasible</b>")
    )
    body = [
        (s["code"], s["name_vi"], _num(s["from"]), _num(s["to"]), f"+{_num(s['gain'])}", _num(s["cost"]), "yes" if s["stepped"] else "")
        for s in plan.steps
    ]
    notes = ["points of the framework; stepped: the node gains only in its rule's steps"]
    for code, why in plan.skipped:
        notes.append(f"left out: {_e(code)} ({_e(why)})")
    return _table(caption, ["code", "name", "from", "to", "gain", "cost", "stepped"], body, left=(0, 1), footer="<br>".join(notes))


def framework_html(fw: "Framework") -> str:
    years = fw.years
    span = "" if years is None else f" · {years[0]}–{years[1] if years[1] else ''}"
    caption = (
        f"{_e(fw.id)} · {_e(fw.decision)}{span} · total "
        f"{_num(fw.total_max_points) if fw.total_max_points is not None else '(percent)'}"
    )
    counts = fw.counts()
    nodes = [n for n in fw.nodes() if n["level"] == "field"]
    body = [(n["code"], n["name_vi"], _num(n["max_points"]), n["status"]) for n in nodes]
    notes = [f"{counts[0]} fields, {counts[1]} criteria, {counts[2]} sub-criteria held; all nodes: <code>fw.to_pandas()</code>"]
    notes.extend(_e(x) for x in fw.notes[:2])
    return _table(caption, ["code", "field", "max points", "status"], body, left=(0, 1, 3), footer="<br>".join(notes))


def sipas_html(res: "SipasResult") -> str:
    df = res.to_pandas().sort_values("rank", kind="stable")
    keys = [n["key"] for n in sorted(res.nodes, key=lambda n: n["depth"]) if n["depth"] == 1]
    caption = (
        f"SIPAS from answers · {_e(res.framework)} ({_e(res.decision)}) · {len(df)} units · "
        f"rule {_e(res.rule)}, aggregation {_e(res.aggregation)}" + (" · weighted" if res.weighted else "")
    )
    shown = df.head(MAX_ROWS)
    body = [
        (f"#{r['rank']}", r["unit"], f"{r['sipas']:.2f}", *(f"{r[k]:.2f}" for k in keys), r["n"])
        for _, r in shown.iterrows()
    ]
    notes = ["percent satisfied; every unit: <code>res.to_pandas()</code>; one unit: <code>res.unit_detail(name)</code>"]
    if len(df) > len(shown):
        notes.append(f"… {len(df) - len(shown)} more units")
    return _table(caption, ["rank", "unit", "SIPAS %", *keys, "n"], body, left=(1,), footer="<br>".join(notes))
