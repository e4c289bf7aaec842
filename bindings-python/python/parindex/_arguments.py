"""Arguments of the wrong type as the library's own errors.

pyo3 converts a native method's arguments before the method runs (``t.rank(None)``,
``what_if(card, None, {})``, a missing or unknown keyword):
its failures are plain ``TypeError``/``OverflowError`` that the method's own error
mapping never sees. :func:`install` wraps every public function, method and static method
of the native module once, at import, so that these failures become
:class:`~parindex.exceptions.InputTypeError` (a ``TypeError``: wrong type, wrong
arity) or :class:`~parindex.exceptions.InputError` (a value out of the converter's range)
with ``kind`` ``"INVALID_ARGUMENT"`` and ``argument`` naming the argument (pyo3 notes it
on the exception: ``while processing 'name'``). One generic layer, so that a method added
later is covered too; any other exception passes unchanged (the methods raise their own
typed errors, and the fuzz tests check that nothing else escapes).
"""

from __future__ import annotations

import functools
import inspect
import json
import math
import re
from decimal import Decimal
from types import ModuleType
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, TypeVar, cast

from .exceptions import InputError, InputTypeError, ParIndexError

# pyo3 adds this note to an exception raised while converting an argument.
_PROCESSING = re.compile(r"while processing '([^']+)'")
# pyo3's wording of a conversion failure, reworded as the library words its own.
_CAST = re.compile(r"'([^']+)'(?: object)? (?:cannot be (?:cast|converted) (?:as|to)|is not an instance of) '([^']+)'")
# Failures of the call itself (pyo3's wording follows CPython's).
_ARITY = re.compile(
    r"missing \d+ required (?:positional|keyword)(?:-only)? arguments?"
    r"|takes (?:from )?\d+ (?:to \d+ )?positional arguments? but"
    r"|got an unexpected keyword argument"
    r"|got multiple values for argument"
    r"|got some positional-only arguments passed as keyword arguments"
    r"|takes no (?:keyword )?arguments|takes exactly one argument"
)
# Conversion failures without pyo3's note (Python < 3.11 has no exception notes).
_CONVERSION = re.compile(
    r"object cannot be (?:cast|converted)|is not an instance of|cannot be interpreted as an integer"
    r"|can't convert negative int to unsigned|int too large to convert|Can't extract"
)
_MARK = "_parindex_typed_arguments"
_F = TypeVar("_F", bound=Callable[..., Any])


def argument_error(e: BaseException) -> Optional[ParIndexError]:
    """The typed error for a failure of pyo3's argument handling, or ``None`` when ``e`` is
    something else (which then propagates unchanged)."""
    if isinstance(e, ParIndexError) or not isinstance(e, (TypeError, OverflowError, ValueError)):
        return None
    text = str(e)
    name: Optional[str] = None
    for note in getattr(e, "__notes__", ()):
        m = _PROCESSING.fullmatch(str(note))
        if m:
            name = m.group(1)
    if name is None and isinstance(e, TypeError) and _ARITY.search(text):
        named = re.findall(r"'([^']+)'", text)
        return InputTypeError(text, kind="INVALID_ARGUMENT", family="input", argument=named[-1] if named else None)
    if name is None and not (isinstance(e, (TypeError, OverflowError)) and _CONVERSION.search(text)):
        return None
    detail = _CAST.sub(lambda m: f"expected {m.group(2)}, got {m.group(1)}", text)
    message = f"invalid `{name}`: {detail}" if name else f"invalid argument: {detail}"
    cls = InputTypeError if isinstance(e, TypeError) else InputError
    return cls(message, kind="INVALID_ARGUMENT", family="input", argument=name)


def typed(func: _F) -> _F:
    """``func`` with pyo3's argument failures raised as typed errors (see the module)."""
    if getattr(func, _MARK, False):
        return func

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (TypeError, OverflowError, ValueError) as e:
            typed_error = argument_error(e)
            if typed_error is None:
                raise
            raise typed_error from e

    setattr(call, _MARK, True)
    return cast(_F, call)


def install(module: ModuleType) -> None:
    """Wrap the public functions of ``module`` and the public methods and static methods of
    its classes, in place; idempotent. A class without a constructor refuses ``Class()``
    with an ``InputTypeError`` naming its makers. A constructor converts its own arguments
    (a native ``__new__`` cannot be wrapped from Python), so only its arity errors stay
    pyo3's ``TypeError``."""
    for name in dir(module):
        if name.startswith("_"):
            continue
        obj = getattr(module, name)
        if isinstance(obj, type):
            _install_class(obj)
        elif callable(obj):
            setattr(module, name, typed(obj))


def _no_constructor(cls: type) -> Callable[..., Any]:
    """A ``__new__`` refusing ``cls()``, naming the static methods that make one. Its
    signature is ``(cls)``, the one every class without a constructor has in the stubs."""
    makers = sorted(k for k, v in vars(cls).items() if isinstance(v, staticmethod) and not k.startswith("_"))
    how = ", ".join(f"{cls.__name__}.{m}()" for m in makers) if makers else "the functions that return one"

    def __new__(cls: type, *args: Any, **kwargs: Any) -> Any:
        raise InputTypeError(
            f"`{cls.__name__}()` makes no {cls.__name__}: use {how}", kind="INVALID_ARGUMENT", family="input"
        )

    __new__.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("cls", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    )
    return __new__


def _install_class(cls: type) -> None:
    try:
        inspect.signature(cls)
    except (TypeError, ValueError):
        # No constructor (pyo3 raises a plain TypeError): say how to make one instead.
        setattr(cls, "__new__", staticmethod(_no_constructor(cls)))
    for key, attr in list(vars(cls).items()):
        if key.startswith("_"):
            continue
        if isinstance(attr, staticmethod):
            setattr(cls, key, staticmethod(typed(attr.__func__)))
        elif type(attr).__name__ == "method_descriptor":
            setattr(cls, key, typed(attr))


def plain(value: Any) -> Any:
    """``value`` made plain for the core's data contract (read by serde, see
    ``parindex::contract``): a :class:`decimal.Decimal` becomes its exact text (``NaN`` and
    infinities their names, which the core refuses), numpy scalars and arrays Python values
    (a float32 or float16 the shortest text of its own precision: ``float32(85.94)`` is
    ``"85.94"``), tuples and other iterables lists, mappings dicts with text keys (order
    kept). Anything else is left as it is, for the core to refuse with its path. The
    value is copied, never changed."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # the decimal rule refuses it by name (`nan`, `inf`)
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**64:
        return str(value)  # exact, where JSON numbers beyond 64 bits would go through a float
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    if type(value).__module__ == "numpy":
        dtype = getattr(value, "dtype", None)
        if dtype is not None and dtype.kind == "f" and dtype.itemsize != 8 and getattr(value, "ndim", 1) == 0:
            import numpy as np

            return np.format_float_positional(value, unique=True, trim="-") if np.isfinite(value) else str(float(value))
        if hasattr(value, "tolist"):
            return plain(value.tolist())
    if isinstance(value, Mapping):
        return {k if isinstance(k, str) else str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, range)) or (
        hasattr(value, "__iter__") and not isinstance(value, (bytes, bytearray, dict, set, frozenset))
        and type(value).__module__ in ("pandas.core.series", "pandas.core.arrays.base", "builtins")
    ):
        return [plain(v) for v in value]
    return value


def plain_json(value: Any, name: str) -> str:
    """:func:`plain` ``value`` as JSON text (mappings in their order), for the native
    module's contract reader; a value JSON cannot hold (an object of another kind) is an
    :class:`InputTypeError` naming the argument ``name``."""
    try:
        return json.dumps(plain(value), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as e:
        where = name or "argument"
        raise InputTypeError(
            f"invalid `{where}`: {e}", kind="INVALID_ARGUMENT", family="input", argument=name or None
        ) from None


def given(values: Mapping[str, Any], names: Sequence[str]) -> Dict[str, Any]:
    """The options among ``names`` that are not ``None`` (the others take the core's default):
    a loader's ``locals()`` to the one options object its native call reads."""
    return {k: values[k] for k in names if values.get(k) is not None}
