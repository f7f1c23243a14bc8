"""One exceptions module: every error cxkit raises derives from CxkitError."""

from __future__ import annotations

import inspect

import cxkit as cx
from cxkit import errors


def test_every_error_is_a_cxkit_error_and_keeps_its_builtin_base():
    classes = [
        c
        for _, c in inspect.getmembers(errors, inspect.isclass)
        if issubclass(c, Exception) and not issubclass(c, Warning)
    ]
    assert len(classes) >= 6
    for c in classes:
        assert issubclass(c, errors.CxkitError)
    assert issubclass(cx.MissingColumnError, ValueError) and issubclass(
        cx.UnknownMetricError, KeyError
    )
    assert issubclass(cx.CharterError, ValueError)


def test_no_other_module_defines_an_error():
    import pathlib
    import re

    root = pathlib.Path(cx.__file__).parent
    for p in root.rglob("*.py"):
        if p.name != "errors.py":
            assert not re.search(r"^class \w+\((\w+)?(Error|Exception)\)", p.read_text(), re.M), p


def test_reasons_are_documented_text():
    assert all(r.value and r.value == r.value.strip() for r in cx.Reason)
    assert {r.value for r in cx.Reason} == cx.REASONS
