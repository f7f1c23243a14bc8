"""The app mode: the workshop's notebooks served by Voila, without code, step by step.

``cxkit app`` (or ``make app``) starts Voila on the notebooks folder. Every page it renders gets:

- the workshop's steps, discovered from the notebooks present (``NN_name.ipynb``), with
  "you are here" and a link to the next step, at the top and the bottom of the page;
- the language picked at the start (``?lang=fi`` or ``CXKIT_LANG``) handed to the notebook's
  kernel in ``CXKIT_LANG``, which ``cx.language()`` reads;
- no code (Voila strips the sources), and no cells tagged ``assert`` or ``solution`` (nbconvert's
  ``TagRemovePreprocessor``, configured in the Voila config this module writes).

>>> import pathlib, tempfile, json
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> for name, head in [("00_welcome", "Welcome"), ("01_goals", "01 · Goals · Tavoitteet"),
...                    ("02_targets", "02 · Targets · Tavoitetasot")]:
...     _ = (d / f"{name}.ipynb").write_text(json.dumps({"cells": [{"cell_type": "markdown",
...         "metadata": {}, "source": ["# " + head]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
>>> workshop_steps(d, lang="fi")[["step", "title"]].values.tolist()
[['00', 'Welcome'], ['01', 'Tavoitteet'], ['02', 'Tavoitetasot']]
>>> print(nav_markdown(workshop_steps(d), "01_goals.ipynb", lang="en").splitlines()[-1])
**Next:** [02 · Targets](02_targets.ipynb?lang=en)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pandas as pd

from cxkit.i18n import t
from cxkit.settings import LANG_ENV

__all__ = [
    "HIDDEN_TAGS",
    "NOTEBOOKS_ENV",
    "app_url",
    "nav_markdown",
    "prelaunch_hook",
    "serve_app",
    "voila_command",
    "workshop_steps",
    "write_voila_config",
]

#: Cell tags the app never shows (nor runs): checks and exercise solutions.
HIDDEN_TAGS = ("assert", "solution")

#: Environment variable naming the notebooks folder the app serves (set by :func:`serve_app`).
NOTEBOOKS_ENV = "CXKIT_APP_NOTEBOOKS"

_STEP = re.compile(r"^(\d\d)_[\w-]+\.ipynb$")


def _title(path: Path, lang: str) -> str:
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        cells = []
    for cell in cells:
        src = "".join(cell.get("source", "")) if cell.get("cell_type") == "markdown" else ""
        for line in src.splitlines():
            if line.startswith("# "):
                parts = [p.strip() for p in line[2:].split("·")]
                if len(parts) >= 3 and parts[0].isdigit():  # "01 · English · Suomi"
                    return parts[2] if lang == "fi" else parts[1]
                if len(parts) == 2:  # "English · Suomi"
                    return parts[1] if lang == "fi" else parts[0]
                return parts[1] if len(parts) > 1 and parts[0].isdigit() else line[2:].strip()
    return path.stem.split("_", 1)[1].replace("_", " ")


def workshop_steps(folder: str | Path, *, lang: str = "en") -> pd.DataFrame:
    """The workshop's steps: every ``NN_name.ipynb`` in ``folder``, in order.

    New notebooks join the navigation by being there; nothing else needs to change.

    Parameters
    ----------
    folder : str or pathlib.Path
        The notebooks folder.
    lang : str
        Language of the titles (``en`` or ``fi``): a heading ``# 01 · English · Suomi`` gives
        one or the other.

    Returns
    -------
    pandas.DataFrame
        One row per notebook, sorted by step: ``step`` (the two digits, text), ``file`` (file
        name) and ``title`` (the notebook's first heading in ``lang``, without its number).
    """
    files = sorted(p for p in Path(folder).iterdir() if _STEP.match(p.name))
    return pd.DataFrame(
        {
            "step": [p.name[:2] for p in files],
            "file": [p.name for p in files],
            "title": [_title(p, lang) for p in files],
        },
        columns=["step", "file", "title"],
    )


def nav_markdown(steps: pd.DataFrame, current: str, *, lang: str = "en") -> str:
    """The "you are here / next" bar of one page, as Markdown.

    Parameters
    ----------
    steps : pandas.DataFrame
        :func:`workshop_steps` (its ``step``, ``file`` and ``title`` columns).
    current : str
        The file name of the page being shown.
    lang : str
        Language of the bar; the links keep it (``?lang=...``).

    Returns
    -------
    str
        Three lines: links to this page in Finnish and in English; every step (the current one
        in bold with "you are here"); a link to the next step (or a note that this is the last).
    """
    names = list(steps.file)
    items = []
    for r in steps.itertuples():
        label = f"{r.step} · {r.title}"
        if r.file == current:
            items.append(f"**▶ {label}** *({t('you_are_here', lang)})*")
        else:
            items.append(f"[{label}]({r.file}?lang={lang})")
    here = names.index(current) if current in names else -1
    if 0 <= here < len(names) - 1:
        nxt = steps.iloc[here + 1]
        last = f"**{t('next_step', lang)}:** [{nxt.step} · {nxt.title}]({nxt.file}?lang={lang})"
    else:
        last = f"*{t('last_step', lang)}*"
    switch = " | ".join(
        f"[{name}]({current}?lang={code})"
        for code, name in (("fi", "Suomeksi"), ("en", "In English"))
    )
    return f"{switch}  \n**{t('workshop_steps', lang)}:** " + " · ".join(items) + "  \n" + last


def _lang_of(handler: Any) -> str:
    query = parse_qs(getattr(getattr(handler, "request", None), "query", "") or "")
    lang = (query.get("lang") or [os.environ.get(LANG_ENV, "en")])[0]
    return lang if lang in ("en", "fi") else "en"


def prelaunch_hook(handler: Any, notebook: Any, cwd: str) -> Any:
    """Voila's pre-launch hook: the language cell and the navigation bars, added to each page.

    Parameters
    ----------
    handler : tornado.web.RequestHandler
        Voila's request (its path names the notebook, its query may say ``lang=fi``).
    notebook : nbformat.NotebookNode
        The notebook about to run; a changed copy is returned, the file is not touched.
    cwd : str
        The notebook's folder (where the steps are discovered).

    Returns
    -------
    nbformat.NotebookNode
        The notebook with a first cell setting ``CXKIT_LANG`` in the kernel, and the navigation
        in Markdown cells at the top and the bottom.
    """
    import nbformat

    lang = _lang_of(handler)
    current = Path(str(getattr(getattr(handler, "request", None), "path", ""))).name
    folder = Path(cwd) if cwd else Path(os.environ.get(NOTEBOOKS_ENV, "."))
    nb = nbformat.from_dict(json.loads(json.dumps(notebook)))
    nav = nav_markdown(workshop_steps(folder, lang=lang), current, lang=lang)
    set_lang = nbformat.v4.new_code_cell(f"import os\nos.environ[{LANG_ENV!r}] = {lang!r}")
    nb.cells = [
        set_lang,
        nbformat.v4.new_markdown_cell(nav),
        *nb.cells,
        nbformat.v4.new_markdown_cell(nav),
    ]
    for cell in nb.cells:
        cell.pop("id", None)  # the added cells have no ids; keep the notebook valid either way
    return nb


def write_voila_config(folder: str | Path) -> Path:
    """Write the Voila config of the app (``voila.py``) into ``folder``.

    Parameters
    ----------
    folder : str or pathlib.Path
        Where to write it (a temporary folder; pass it to Voila as ``config_file_paths``).

    Returns
    -------
    pathlib.Path
        The config file: the pre-launch hook, sources stripped, no tracebacks shown to the room,
        and the cells tagged :data:`HIDDEN_TAGS` removed by nbconvert's ``TagRemovePreprocessor``.
    """
    path = Path(folder) / "voila.py"
    path.write_text(
        "from cxkit.ui.app import prelaunch_hook\n"
        "c = get_config()  # noqa: F821\n"
        "c.VoilaConfiguration.prelaunch_hook = prelaunch_hook\n"
        "c.VoilaConfiguration.strip_sources = True\n"
        "c.VoilaConfiguration.show_tracebacks = False\n"
        f"c.TagRemovePreprocessor.remove_cell_tags = {set(HIDDEN_TAGS)!r}\n"
        "c.TagRemovePreprocessor.enabled = True\n"
        "# a page closed without saying goodbye leaves its kernel; free it after an idle hour\n"
        "c.MappingKernelManager.cull_idle_timeout = 3600\n"
        "c.MappingKernelManager.cull_interval = 300\n",
        encoding="utf-8",
    )
    return path


def voila_command(
    notebooks: str | Path, *, port: int = 8866, config_dir: str | Path, open_browser: bool = False
) -> list[str]:
    """The command line that serves ``notebooks`` as the app.

    Parameters
    ----------
    notebooks : str or pathlib.Path
        The notebooks folder.
    port : int
        The local port (the app listens on 127.0.0.1 only).
    config_dir : str or pathlib.Path
        The folder holding the config written by :func:`write_voila_config`.
    open_browser : bool
        Let Voila open a browser tab.

    Returns
    -------
    list of str
        ``python -m voila ...`` with its options.
    """
    cmd = [
        sys.executable,
        "-m",
        "voila",
        str(Path(notebooks).resolve()),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--Voila.config_file_paths={config_dir}",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    return cmd


def app_url(port: int, *, lang: str = "en", page: str = "00_welcome.ipynb") -> str:
    """The address of a page of the app.

    Parameters
    ----------
    port : int
        The port the app listens on.
    lang : str
        The workshop's language, ``en`` or ``fi``.
    page : str
        The notebook file name.

    Returns
    -------
    str
        ``http://127.0.0.1:<port>/voila/render/<page>?lang=<lang>``.

    Examples
    --------
    >>> app_url(8866, lang="fi")
    'http://127.0.0.1:8866/voila/render/00_welcome.ipynb?lang=fi'
    """
    return f"http://127.0.0.1:{port}/voila/render/{page}?lang={lang}"


def serve_app(
    notebooks: str | Path, *, port: int = 8866, lang: str = "en", open_browser: bool = True
) -> int:
    """Serve the workshop as an app until interrupted (what ``cxkit app`` does).

    Parameters
    ----------
    notebooks : str or pathlib.Path
        The notebooks folder.
    port : int
        The local port.
    lang : str
        The language the app starts in (``en`` or ``fi``); the start page links to both.
    open_browser : bool
        Open the start page in a browser tab.

    Returns
    -------
    int
        Voila's exit status.
    """
    with tempfile.TemporaryDirectory(prefix="cxkit-app-") as tmp:
        write_voila_config(tmp)
        env = {**os.environ, LANG_ENV: lang, NOTEBOOKS_ENV: str(Path(notebooks).resolve())}
        url = app_url(port, lang=lang)
        print(f"cxkit app: {url}  (Ctrl+C stops it)", flush=True)
        proc = subprocess.Popen(
            voila_command(notebooks, port=port, config_dir=tmp), env=env, cwd=str(notebooks)
        )
        if open_browser:  # pragma: no cover - opens a window
            import webbrowser

            webbrowser.open(url)
        import signal

        def stop(*_: Any) -> None:  # pragma: no cover - interactive
            proc.terminate()

        previous = signal.signal(signal.SIGTERM, stop)  # `kill <cxkit>` stops Voila too
        try:
            return proc.wait()
        except KeyboardInterrupt:  # pragma: no cover - interactive
            proc.terminate()
            return proc.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)
