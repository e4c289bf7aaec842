"""Fuzz tests (hypothesis): every public function and method called with generated
arguments, and every loader fed mutated copies of the testdata files, may only return or
raise a :class:`parindex.ParIndexError` subclass — never a plain ``TypeError``,
``AttributeError``, ``OverflowError``, a panic or an abort — and never changes its inputs.

Seeds are fixed in CI (``derandomize``: the same inputs every run, about
``API_EXAMPLES + LOADER_EXAMPLES × loaders`` calls). A longer, randomised campaign::

    PARINDEX_FUZZ_EXAMPLES=20000 bindings-python/test.sh -k fuzz

(``PARINDEX_FUZZ_EXAMPLES`` examples per test, new random inputs on each run; a failure
prints the example that reproduces it.)
"""

from __future__ import annotations

import copy
import inspect
import io
import math
import os
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parindex as pi

TESTDATA = Path(__file__).resolve().parents[2] / "testdata"
LONG = int(os.environ.get("PARINDEX_FUZZ_EXAMPLES", "0"))
API_EXAMPLES = LONG or 1500
LOADER_EXAMPLES = LONG or 150

_common = dict(deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=True)
API = settings(max_examples=API_EXAMPLES, derandomize=not LONG, **_common)  # type: ignore[arg-type]
LOADER = settings(max_examples=LOADER_EXAMPLES, derandomize=not LONG, **_common)  # type: ignore[arg-type]

# -- instances the methods are called on -------------------------------------------------------

MINI = pi.Framework.from_json(TESTDATA / "sipas" / "mini-framework.json")
PAR = pi.published("par", 2023)
SIPAS = pi.published("sipas", 2023)
PAR_2022 = pi.framework("par-2022")
CARD = pi.Scorecard.from_csv(TESTDATA / "published" / "par_index_scorecards.csv", PAR_2022, "Quảng Nam", 2023)
SURVEY = pi.Survey.from_csv(TESTDATA / "sipas" / "mini-long.csv", framework=MINI)
RESULT = SURVEY.compute()
BOOT = SURVEY.bootstrap(replicates=20, seed=1)
SIM = PAR.simulate("Lạng Sơn", [1, 2], 30, scenarios=200, seed=1)
PLAN = CARD.plan(PAR, 20)
EXACT = PAR.exact("Lạng Sơn", 1, 30)
INSTANCES: List[Any] = [PAR, SIPAS, PAR_2022, MINI, CARD, SURVEY, RESULT, BOOT, SIM, PLAN, EXACT, SIM.plans[0]]

# -- generated arguments ------------------------------------------------------------------------

WORDS = [
    "par", "sipas", "Lạng Sơn", "Lang Son", "Hà Nội", "TP.HCM", "Quảng Nam", "Alpha", "Beta", "Atlantis",
    "total", "1", "3", "1.1", "P", "P.1", "P.1.1", "S.2.1", "appraised", "sipas-2023", "par-2022", "par-2017",
    "top2", "item_mean", "mean_score", "competition", "dense", "high", "low", "estimate", "empirical",
    "normal", "sample", "auto", "long", "wide", "provinces", "units_2025", "open", "1e-2", "9,5", "85.94",
    "-1", "NaN", "inf", "", " ", "\x00", "\r", "0.95", "A", "below C", "dk", "respondent", "unit",
]
KEYS = [
    "kind", "mean", "sd", "values", "years", "add", "set", "measure", "cost_per_point", "cap", "steps",
    "province", "score", "rank", "row", "rank_basis", "source", "note", "1", "3", "P.1.1",
]
BIG = [-(2**70), -(2**63), -1, 0, 2**31, 2**32, 2**63, 2**64, 10**30]


def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 70),
        st.sampled_from(BIG),
        st.floats(),
        st.decimals(),
        st.text(max_size=12),
        st.sampled_from(WORDS),
        st.binary(max_size=6),
    )


def values() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.one_of(scalars(), st.sampled_from(INSTANCES)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.tuples(inner, inner),
            st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=4)), inner, max_size=4),
        ),
        max_leaves=8,
    )


def frames() -> st.SearchStrategy[pd.DataFrame]:
    cells = st.one_of(st.none(), st.sampled_from(WORDS), st.floats(), st.integers(-2, 70))
    columns = st.lists(st.sampled_from(["province", "score", "rank", "year", "code", "points", "unit",
                                        "respondent", "item", "answer", "P.1.1", "x"]), min_size=1, max_size=5)
    return columns.flatmap(
        lambda cols: st.lists(st.lists(cells, min_size=len(cols), max_size=len(cols)), max_size=4).map(
            lambda rows: pd.DataFrame(rows, columns=cols)
        )
    )


# Small counts only where a valid value costs time (scenarios, replicates, respondents): the
# fuzz tests the refusals, not the Monte Carlo's speed.
COUNTS = {"scenarios", "replicates", "respondents", "units", "seed"}


def argument(name: str) -> st.SearchStrategy[Any]:
    if name in COUNTS:
        return st.one_of(st.integers(-2, 40), st.sampled_from(BIG), st.none(), scalars())
    if name in ("df", "answers"):
        return st.one_of(frames(), values())
    return values()


# -- the public callables -----------------------------------------------------------------------


def _targets() -> List[Tuple[str, Callable[..., Any], List[inspect.Parameter]]]:
    out = []
    for name in pi.__all__:
        obj = getattr(pi, name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            owners = [i for i in INSTANCES if type(i) is obj] or [None]
            for attr, raw in vars(obj).items():
                if attr.startswith("_") or isinstance(raw, property) or type(raw).__name__ == "getset_descriptor":
                    continue
                if attr in ("plot",):  # matplotlib's own argument checks (figure drawing)
                    continue
                static = isinstance(raw, staticmethod)
                for owner in owners:
                    if not static and owner is None:
                        continue
                    fn = getattr(obj, attr) if static else getattr(owner, attr)
                    params = list(inspect.signature(fn).parameters.values())
                    out.append((f"{name}.{attr}", fn, params))
            if obj.__module__.startswith("parindex._core"):
                # Result containers written in Python (Appraisal, BacktestResult) are built by
                # the library, not called by users: only the native constructors are entry points.
                try:
                    params = list(inspect.signature(obj).parameters.values())
                except (TypeError, ValueError):
                    params = []
                out.append((f"{name}()", obj, params))
        elif callable(obj) and not inspect.isclass(obj) and not inspect.ismodule(obj):
            out.append((name, obj, list(inspect.signature(obj).parameters.values())))
    return out


TARGETS = _targets()


def _fingerprint(v: Any) -> Any:
    if isinstance(v, pd.DataFrame):
        return ("df", list(map(str, v.columns)), [str(d) for d in v.dtypes], v.to_csv(), str(v.index))
    if isinstance(v, (list, tuple)):
        return (type(v).__name__, [_fingerprint(x) for x in v])
    if isinstance(v, dict):
        return ("dict", [(repr(k), _fingerprint(x)) for k, x in v.items()])
    if isinstance(v, pi.Scorecard):
        return ("card", v.given)
    if isinstance(v, float) and math.isnan(v):
        return "nan"
    return repr(v)


def call_and_check(fn: Callable[..., Any], args: List[Any], kwargs: Dict[str, Any], where: str) -> Any:
    before = _fingerprint((args, kwargs))
    try:
        out = fn(*args, **kwargs)
    except pi.ParIndexError as e:
        assert e.kind, f"{where}: {e!r} has no kind"
        assert e.kind != "INTERNAL", f"{where}: internal error {e}"
        out = e
    except Exception as e:  # noqa: BLE001 - the point of the test
        raise AssertionError(f"{where}({args!r}, {kwargs!r}) raised {type(e).__name__}: {e}") from e
    assert _fingerprint((args, kwargs)) == before, f"{where} changed its arguments"
    return out


@API
@given(st.data())
def test_fuzz_every_public_callable(data: st.DataObject) -> None:
    where, fn, params = data.draw(st.sampled_from(TARGETS), label="target")
    if where.startswith("Scorecard.") and where.split(".")[1] in ("set", "set_measure", "unset"):
        fn = getattr(copy.copy(CARD), where.split(".")[1])  # mutators: on a copy
    args: List[Any] = []
    kwargs: Dict[str, Any] = {}
    required = sum(1 for p in params if p.default is inspect.Parameter.empty)
    # A native constructor's arity errors stay pyo3's TypeError (see parindex._arguments).
    low, high = (required, len(params)) if where.endswith("()") and params else (0, len(params) + 1)
    given_count = data.draw(st.integers(low, high), label="arguments")
    for i, p in enumerate(params):
        if i >= given_count:
            break
        value = data.draw(argument(p.name), label=p.name)
        if p.kind is inspect.Parameter.POSITIONAL_ONLY or (p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
                                                            and not kwargs and data.draw(st.booleans())):
            args.append(value)
        else:
            kwargs[p.name] = value
    if given_count > len(params) and data.draw(st.booleans()):
        kwargs["unexpected"] = 1
    call_and_check(fn, args, kwargs, where)


def test_fuzz_targets_cover_the_api() -> None:
    names = {w for w, _, _ in TARGETS}
    for expected in ("LeagueTable.rank", "LeagueTable.from_pandas", "Scorecard.what_if", "what_if", "simulate",
                     "Survey.from_json", "SipasResult.what_if", "SipasBootstrap.interval", "RankBounds()",
                     "Framework.from_csv", "least_cost", "sipas_from_answers"):
        assert expected in names, expected
    assert len(TARGETS) > 100


# -- loaders fed mutated files ---------------------------------------------------------------------

INSERTS = [b",", b";", b"\t", b'"', b"\n", b"\r", b"\r\n", b"\x00", b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"-",
           b"1e5", b"99999999999999999999999999999999", b"0.000000000000000000000000000001", b"NaN", b" ",
           "Lạng Sơn".encode(), b"{", b"}", b"[", b"]", b":", b"null", b"\\", b"1,5", b"1.5.5", b"1.5"]


@st.composite
def mutated(draw: Any, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "truncate", "line", "swap"]))
        at = draw(st.integers(0, len(b)))
        if op == "insert":
            b[at:at] = draw(st.one_of(st.sampled_from(INSERTS), st.binary(min_size=1, max_size=4)))
        elif op == "delete":
            del b[at : at + draw(st.integers(1, 8))]
        elif op == "replace" and at < len(b):
            b[at] = draw(st.integers(0, 255))
        elif op == "truncate":
            del b[at:]
        elif op in ("line", "swap"):
            lines = bytes(b).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if op == "line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            b = bytearray(b"\n".join(lines))
    return bytes(b)


def _files(*patterns: str) -> List[Path]:
    return sorted(p for pattern in patterns for p in TESTDATA.glob(pattern))


def _read_frame(raw: bytes) -> Any:
    try:
        return pd.read_csv(io.BytesIO(raw), dtype=None, keep_default_na=True)
    except Exception:  # noqa: BLE001 - pandas refuses it: nothing to feed
        return None


LOADERS: List[Tuple[str, Callable[[Any], Any], List[Path], bool]] = [
    ("LeagueTable.from_csv", lambda s: pi.LeagueTable.from_csv(s, "par", 2023),
     _files("published/par_index_provinces.csv", "published/sipas_provinces.csv", "bad/table-*.csv"), False),
    ("LeagueTable.from_pandas", lambda df: pi.LeagueTable.from_pandas(df, "par", 2023),
     _files("published/par_index_provinces.csv", "bad/table-*.csv"), True),
    ("Framework.from_csv", lambda s: pi.Framework.from_csv(s),
     _files("frameworks/*.csv", "bad/framework-*.csv"), False),
    ("Framework.from_json", lambda s: pi.Framework.from_json(s),
     _files("sipas/mini-framework.json", "bad/framework-*.json"), False),
    ("Scorecard.from_csv", lambda s: pi.Scorecard.from_csv(s, "par-2022", "Quảng Nam", 2023),
     _files("published/par_index_scorecards.csv", "bad/scorecard-*.csv"), False),
    ("Scorecard.from_pandas", lambda df: pi.Scorecard.from_pandas(df, "par-2022", "Quảng Nam", 2023),
     _files("published/par_index_scorecards.csv", "bad/scorecard-*.csv"), True),
    ("Survey.from_csv", lambda s: pi.Survey.from_csv(s, framework=MINI),
     _files("sipas/mini-*.csv", "sipas/bad/*.csv"), False),
    ("Survey.from_json", lambda s: pi.Survey.from_json(s, framework=MINI),
     _files("sipas/mini-*.json", "sipas/bad/*.json"), False),
    ("Survey.from_pandas", lambda df: pi.Survey.from_pandas(df, framework=MINI),
     _files("sipas/mini-*.csv", "sipas/bad/*.csv"), True),
    ("sipas_from_answers", lambda s: pi.sipas_from_answers(s, framework=MINI),
     _files("sipas/mini-*.csv", "sipas/bad/*.csv"), False),
]
# The framework JSON of a built-in framework too (a large, real document).
BUILTIN_JSON = pi.framework("par-2022").to_json().encode()


@pytest.mark.parametrize(("name", "load", "files", "frame"), LOADERS, ids=[x[0] for x in LOADERS])
def test_fuzz_loaders_with_mutated_files(name: str, load: Callable[[Any], Any], files: List[Path], frame: bool,
                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    assert files, name
    seeds = [p.read_bytes() for p in files] + ([BUILTIN_JSON] if name == "Framework.from_json" else [])
    folder = tmp_path_factory.mktemp("fuzz")

    @LOADER
    @given(st.sampled_from(seeds).flatmap(mutated), st.sampled_from(["bytes", "text", "path"]))
    def run(raw: bytes, how: str) -> None:
        if frame:
            df = _read_frame(raw)
            if df is None:
                return
            call_and_check(load, [df], {}, name)
            return
        if how == "bytes":
            source: Any = io.BytesIO(raw)
        elif how == "text":
            source = io.StringIO(raw.decode("utf-8", errors="replace"))
        else:
            source = folder / ("input.json" if name.endswith("json") else "input.csv")
            source.write_bytes(raw)
        call_and_check(load, [source], {}, name)

    run()


# -- laws on random valid inputs ------------------------------------------------------------------

PROVINCES = [p for p in pi.provinces()["province"]]


def _has_data(t: pi.LeagueTable, p: str) -> bool:
    try:
        return t.score(p) is not None or t.rank(p) is not None
    except pi.ParIndexError:
        return False


PAR_KNOWN = [p for p in PROVINCES if _has_data(PAR, p)]
SIPAS_KNOWN = [p for p in PROVINCES if _has_data(SIPAS, p)]


@API
@given(st.dictionaries(st.sampled_from(PROVINCES), st.decimals(0, 100, places=2), min_size=2, max_size=63))
def test_law_ranks_are_a_tie_aware_permutation(scores: Dict[str, Decimal]) -> None:
    entries = [{"province": p, "score": str(s)} for p, s in scores.items()]
    before = copy.deepcopy(entries)
    t = pi.LeagueTable.from_entries(entries, "par", 2023, roster="open", of=len(entries))
    assert entries == before
    for p, s in scores.items():
        better = sum(1 for q in scores.values() if q > s)
        assert t.rank(p) == better + 1, p
    ranks = sorted(t.rank(p) for p in scores)
    assert ranks[0] == 1 and all(r <= len(scores) for r in ranks)


@API
@given(st.sampled_from(PAR_KNOWN), st.decimals(0, 100, places=2), st.decimals(0, 100, places=2))
def test_law_more_points_never_worse(province: str, a: Decimal, b: Decimal) -> None:
    low, high = min(a, b), max(a, b)
    r_low, r_high = PAR.rank_if(province, low), PAR.rank_if(province, high)
    assert r_high.best <= r_low.best and r_high.worst <= r_low.worst and r_high.estimate <= r_low.estimate


@API
@given(frames())
def test_law_dataframes_are_never_changed(df: pd.DataFrame) -> None:
    for load in (lambda d: pi.LeagueTable.from_pandas(d, "par", 2023),
                 lambda d: pi.Scorecard.from_pandas(d, "par-2022", "Quảng Nam"),
                 lambda d: pi.Survey.from_pandas(d, framework=MINI),
                 lambda d: pi.sipas_from_answers(d, framework=MINI)):
        call_and_check(load, [df], {}, "from_pandas")


@settings(max_examples=min(API_EXAMPLES, 200), derandomize=not LONG, **_common)  # type: ignore[arg-type]
@given(st.integers(0, 2**64 - 1), st.sampled_from(SIPAS_KNOWN), st.decimals(0, 5, places=2))
def test_law_same_seed_same_numbers(seed: int, province: str, gain: Decimal) -> None:
    a = SIPAS.simulate(province, gain, 20, scenarios=50, seed=seed)
    b = SIPAS.simulate(province, gain, 20, scenarios=50, seed=seed)
    assert a.rank_counts == b.rank_counts and a.p_target == b.p_target


def test_library_values_round_trip_through_their_checks() -> None:
    # Every bound the library returns passes the value classes' own checks (pickle calls
    # the constructor).
    values: List[Any] = [t.rank_bounds(p) for t in (PAR, SIPAS) for p in PROVINCES]
    values += [t.score_bounds(p) for t in (PAR, SIPAS) for p in PROVINCES]
    values += [PAR.points_to_rank(p, r) for p in PAR_KNOWN for r in (1, 30, 63)]
    for v in values:
        assert pickle.loads(pickle.dumps(v)) == v
