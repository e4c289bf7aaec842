"""parindex: score and simulate Vietnam's provincial PAR INDEX and SIPAS.

The PAR INDEX (Chỉ số cải cách hành chính) and SIPAS (Chỉ số hài lòng về sự phục vụ hành
chính) are published yearly by the Ministry of Home Affairs (Bộ Nội vụ) for the 63
provinces (34 units from 2025). This package is a thin layer over the Rust core:
every rule and number comes from it; Python adds pandas conversions, HTML display and
matplotlib plots.

>>> import parindex as pi
>>> t = pi.published("par", 2023)
>>> t.rank("Lạng Sơn"), t.score("Lạng Sơn")
(47, Decimal('85.94'))
>>> b = t.points_to_rank("Lạng Sơn", 30)
>>> (b.low, b.high)
(Decimal('1.10'), Decimal('1.38'))

Units: points (of a framework's maximum, 100 for the PAR INDEX) and percent (0–100).
Single values are :class:`decimal.Decimal`; DataFrame columns are float64 (a published
2-decimal value reads back exactly). Errors are :class:`parindex.ParIndexError`
subclasses naming the file, row and code (see :mod:`parindex.exceptions`).
"""

from __future__ import annotations

from . import _arguments, _core, _loaders, _nextyear, _pickle, _simulate, _sipas, _validate, exceptions

# The SIPAS entry points: their signatures in Python, their options as one object each.
_sipas.install()
# The league-table and framework loaders: their signatures in Python, options as one object.
_loaders.install()
# The Monte Carlo and its exact solution: signatures with the core's defaults, one options object.
_simulate.install()
# The next-year forecast and chances: signatures with the core's defaults, one options object.
_nextyear.install()
# Every loader's `validate` (every problem of an input at once), options as one object.
_validate.install()

# Wrong argument types raise the library's own errors (see parindex._arguments).
_arguments.install(_core)
# Frameworks, league tables and scorecards pickle through their readable forms.
_pickle.install()

from ._core import (  # noqa: E402
    Assignments,
    ExactOutcome,
    Framework,
    LeagueTable,
    NodePoints,
    Plan,
    PlanOutcome,
    PointsNeeded,
    Problem,
    RankBounds,
    Scorecard,
    ScoreBounds,
    Simulation,
    SipasBootstrap,
    SipasResult,
    Survey,
    Units,
    __version__,
    backtest,
    competitor_ranges,
    exact,
    fit,
    framework,
    framework_for_year,
    frameworks,
    least_cost,
    periods,
    plan,
    provinces,
    published,
    published_years,
    rank_gain,
    simulate,
    what_if,
    year_over_year,
)
from ._agency import Appraisal, progress_summary, scorecards_from_long  # noqa: E402
from ._nextyear import BacktestResult  # noqa: E402
from ._sipas import sipas_from_answers  # noqa: E402

# The pure-Python entry points raise the same typed argument errors as the native ones.
scorecards_from_long = _arguments.typed(scorecards_from_long)
progress_summary = _arguments.typed(progress_summary)
sipas_from_answers = _arguments.typed(sipas_from_answers)
from .exceptions import (  # noqa: E402
    DataError,
    FileReadError,
    FrameworkError,
    InputError,
    InputTypeError,
    ParIndexError,
)

__all__ = [
    "__version__",
    # league tables
    "LeagueTable",
    "published",
    "published_years",
    "year_over_year",
    "provinces",
    # frameworks and scorecards
    "Framework",
    "framework",
    "frameworks",
    "framework_for_year",
    "periods",
    "Scorecard",
    "NodePoints",
    # simulation
    "what_if",
    "rank_gain",
    "plan",
    "Plan",
    "least_cost",
    "simulate",
    "Simulation",
    "PlanOutcome",
    "exact",
    "ExactOutcome",
    "competitor_ranges",
    # agencies: plan annex, accountability, appraisal, many units, progress
    "Assignments",
    "Units",
    "Appraisal",
    "scorecards_from_long",
    "progress_summary",
    # the fitted next-year model, forecast and backtest
    "fit",
    "backtest",
    "BacktestResult",
    # SIPAS from survey answers
    "sipas_from_answers",
    "Survey",
    "SipasResult",
    "SipasBootstrap",
    # values
    "RankBounds",
    "ScoreBounds",
    "PointsNeeded",
    "Problem",
    # errors
    "exceptions",
    "ParIndexError",
    "FrameworkError",
    "DataError",
    "InputError",
    "InputTypeError",
    "FileReadError",
]
