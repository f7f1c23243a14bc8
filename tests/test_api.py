"""The public API: one flat namespace, documented, with no module shadowing a function."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil

import cxkit as cx


def test_every_exported_function_is_documented_numpydoc_style():
    missing = []
    for name in cx.__all__:
        obj = getattr(cx, name)
        if inspect.isfunction(obj):
            doc = inspect.getdoc(obj) or ""
            if inspect.signature(obj).parameters and "Parameters" not in doc:
                missing.append(f"{name}: Parameters")
            if "Returns" not in doc:
                missing.append(f"{name}: Returns")
    assert missing == []


def test_no_module_shares_a_name_with_a_public_function():
    for name in cx.__all__:
        assert importlib.util.find_spec(f"cxkit.{name}") is None, name


def test_every_module_declares_all():
    for info in pkgutil.walk_packages(cx.__path__, "cxkit."):
        mod = importlib.import_module(info.name)
        if info.ispkg or info.name.endswith("__main__"):
            continue
        assert hasattr(mod, "__all__"), info.name
        for name in mod.__all__:
            assert hasattr(mod, name), f"{info.name}.{name}"


def test_one_import_does_the_whole_flow():
    names = {
        "load_charter",
        "example_charter",
        "load_tables",
        "sample_dir",
        "check",
        "summary",
        "review",
        "compare_variants",
        "bullet_chart",
        "bullet_frame",
        "write_html",
        "staffing_table",
    }
    assert names <= set(cx.__all__)


def test_row_accounting_of_nothing_is_an_empty_table():
    assert list(cx.row_accounting({}).columns)[:3] == ["table", "source", "rows_read"]
