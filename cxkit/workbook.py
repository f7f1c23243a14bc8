"""Set-up helpers for the notebooks: offline charts, where the data is, a workspace to save into.

The notebooks open on the bundled sample data and example charters. To use your own files, set
``CXKIT_DATA`` (a folder) or pass paths in the notebook's one "your data" cell.

>>> example_charter("small_service_desk").name
'small_service_desk.yml'
"""

from __future__ import annotations

import importlib.metadata as md
import os
import platform
import shutil
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]

_PACKAGES = ("pandas", "numpy", "altair", "ipywidgets", "pydantic", "ruamel.yaml", "holidays", "scipy",
             "duckdb", "pyarrow", "anywidget", "vl-convert-python")


def data_dir() -> Path:
    """The data folder: ``$CXKIT_DATA`` when set, else the repository's bundled ``data/``."""
    env = os.environ.get("CXKIT_DATA")
    return Path(env) if env else ROOT / "data"


def example_charter(name: str) -> Path:
    """Path of a bundled example charter (``finnish_contact_centre`` or ``small_service_desk``)."""
    p = ROOT / "data" / "charters" / (name if name.endswith(".yml") else f"{name}.yml")
    if not p.exists():
        have = ", ".join(sorted(x.stem for x in p.parent.glob("*.yml")))
        raise FileNotFoundError(f"no example charter {name!r}; the examples are: {have}")
    return p


def workspace() -> Path:
    """Folder where the workshop saves its own files: ``$CXKIT_WORKSPACE`` or ``workspace/``."""
    p = Path(os.environ.get("CXKIT_WORKSPACE", ROOT / "workspace"))
    p.mkdir(parents=True, exist_ok=True)
    return p


def working_copy(example: str, name: str | None = None, *, fresh: bool = False) -> Path:
    """Copy an example charter into the workspace once (or again with ``fresh``) and return its path.

    The workshop edits the copy; the bundled example stays as shipped.
    """
    src = example_charter(example)
    dest = workspace() / (name or src.name)
    if fresh or not dest.exists():
        shutil.copyfile(src, dest)
    return dest


def setup_charts() -> str:
    """Render Altair charts offline (no internet needed in the workshop room)."""
    import altair as alt

    alt.renderers.enable("jupyter", offline=True)
    alt.data_transformers.disable_max_rows()  # charts are built from small pre-aggregated frames
    return str(alt.renderers.active)


SAMPLE_TABLES = ("contacts", "tickets", "surveys", "evaluations", "intervals", "staffing")


def sample_dir() -> Path:
    """The bundled sample contact centre (``data/sample``), or ``$CXKIT_DATA/sample``."""
    return data_dir() / "sample"


def load_sample(folder: str | Path | None = None, *, key: bytes | None = None) -> dict:
    """Load every table of a sample folder (as written by ``cxkit sample``) through the generic
    preset: the same validation, quarantine and pseudonymisation as your own files.

    Returns ``{table: LoadResult}``.
    """
    from .load import load

    f = Path(folder) if folder is not None else sample_dir()
    out = {}
    for name in SAMPLE_TABLES:
        p = f / f"{name}.csv.gz"
        if not p.exists():
            raise FileNotFoundError(f"no {p.name} in {f}; write a sample with: cxkit sample --out {f}")
        out[name] = load(p, preset="generic", table=name, pseudonym_key=key)
    return out


def environment_report() -> pd.DataFrame:
    """Versions of Python and the packages the workbook needs; ``ok`` is False where one is missing."""
    rows = [{"package": "python", "version": platform.python_version(), "ok": True}]
    for name in _PACKAGES:
        try:
            rows.append({"package": name, "version": md.version(name), "ok": True})
        except md.PackageNotFoundError:
            rows.append({"package": name, "version": None, "ok": False})
    return pd.DataFrame(rows)
