"""Set-up helpers for the notebooks: offline charts, an environment check, a working copy to edit.

The notebooks open on the bundled sample data and example charters (:mod:`cxkit.settings`). To use
your own files, set ``CXKIT_DATA`` (a folder) or pass paths in the notebook's one "your data" cell.

>>> working_copy("small_service_desk").name
'small_service_desk.yml'
"""

from __future__ import annotations

import importlib.metadata as md
import platform
import shutil
from pathlib import Path

import pandas as pd

from cxkit.settings import example_charter, workspace

__all__ = ["environment_report", "setup_charts", "working_copy"]

_PACKAGES = (
    "pandas",
    "numpy",
    "altair",
    "ipywidgets",
    "pydantic",
    "ruamel.yaml",
    "holidays",
    "scipy",
    "duckdb",
    "pyarrow",
    "anywidget",
    "vl-convert-python",
)


def working_copy(example: str, name: str | None = None, *, fresh: bool = False) -> Path:
    """Copy an example charter into the workspace once (or again with ``fresh``) and return its path.

    The workshop edits the copy; the bundled example stays as shipped.

    Parameters
    ----------
    example : str
        One of :func:`cxkit.example_charters` (``finnish_contact_centre``, ``small_service_desk``).
    name : str, optional
        File name of the copy in the workspace; by default the example's own (``<example>.yml``).
    fresh : bool
        Copy again even when the copy exists, discarding its edits.

    Returns
    -------
    pathlib.Path
        The copy in :func:`cxkit.workspace`.
    """
    src = example_charter(example)
    dest = workspace() / (name or src.name)
    if fresh or not dest.exists():
        shutil.copyfile(src, dest)
    return dest


def setup_charts() -> None:
    """Render Altair charts offline (no internet needed in the workshop room), each with a PNG button.

    Also lifts Altair's 5000-row limit on chart data (the charts draw small pre-aggregated frames)
    and, inside IPython, shows a "Save as PNG" button under every chart
    (:func:`cxkit.ui.charts.display_with_save`).

    Returns
    -------
    None
        Nothing, so a notebook cell that ends with it prints nothing.
    """
    import altair as alt

    alt.renderers.enable("jupyter", offline=True)
    alt.data_transformers.disable_max_rows()  # charts are built from small pre-aggregated frames
    from IPython import get_ipython

    ip = get_ipython()
    if ip is not None:
        from cxkit.ui.charts import display_with_save

        ip.display_formatter.ipython_display_formatter.for_type(
            alt.TopLevelMixin, display_with_save
        )


def environment_report() -> pd.DataFrame:
    """Versions of Python and the packages the workbook needs.

    Returns
    -------
    pandas.DataFrame
        One row for Python, then one per package (pandas, numpy, altair, ipywidgets...):
        ``package`` (its distribution name), ``version`` (text; None where missing) and ``ok``
        (bool; False where a package is missing).

    Examples
    --------
    >>> environment_report().iloc[0].package
    'python'
    """
    rows = [{"package": "python", "version": platform.python_version(), "ok": True}]
    for name in _PACKAGES:
        try:
            rows.append({"package": name, "version": md.version(name), "ok": True})
        except md.PackageNotFoundError:
            rows.append({"package": name, "version": None, "ok": False})
    return pd.DataFrame(rows)
