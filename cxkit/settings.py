"""Where things are: the bundled examples, the user's data folder and the workshop's workspace.

The examples (two charters and the sample contact centre) ship inside the package, so they load
from an installed cxkit as well as from a clone. ``CXKIT_DATA`` points the notebooks at your own
folder; ``CXKIT_WORKSPACE`` is where the workshop saves its files.

>>> example_charter("small_service_desk").name
'small_service_desk.yml'
>>> sorted(p.name for p in sample_dir().glob("contacts.*"))
['contacts.csv.gz']
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = [
    "DATA_ENV",
    "LANG_ENV",
    "WORKSPACE_ENV",
    "data_dir",
    "example_charter",
    "example_charters",
    "examples_dir",
    "language",
    "sample_dir",
    "workspace",
]

#: Environment variable naming the user's data folder.
DATA_ENV = "CXKIT_DATA"
#: Environment variable naming the folder where the workshop saves its files.
WORKSPACE_ENV = "CXKIT_WORKSPACE"
#: Environment variable choosing the workshop's language (``en`` or ``fi``).
LANG_ENV = "CXKIT_LANG"


def language(default: str = "en") -> str:
    """The workshop's language: ``CXKIT_LANG`` when set to ``en`` or ``fi``, else ``default``.

    Every notebook opens with ``LANG = cx.language()``, so the app mode and the browser tests can run
    the whole workshop in Finnish by setting one environment variable.

    Parameters
    ----------
    default : str
        The language when ``CXKIT_LANG`` is unset (``en`` unless a notebook chooses otherwise).

    Returns
    -------
    str
        ``en`` or ``fi``.

    Raises
    ------
    ValueError
        When ``CXKIT_LANG`` holds another value (the message names the two it accepts).

    Examples
    --------
    >>> import os
    >>> os.environ.pop(LANG_ENV, None) and None
    >>> language(), language("fi")
    ('en', 'fi')
    """
    value = os.environ.get(LANG_ENV, "").strip().lower()
    if not value:
        return default
    if value not in ("en", "fi"):
        raise ValueError(f"{LANG_ENV}={value!r}: set it to 'en' or 'fi'")
    return value


def examples_dir() -> Path:
    """The examples bundled inside the installed package (``cxkit/examples``).

    Returns
    -------
    pathlib.Path
        The folder holding ``charters/`` (example charters) and ``sample/`` (the sample contact
        centre's tables).

    Examples
    --------
    >>> sorted(p.name for p in examples_dir().iterdir() if p.is_dir())
    ['charters', 'sample']
    """
    return Path(str(resources.files("cxkit") / "examples"))


def example_charters() -> list[str]:
    """Names of the bundled example charters (``finnish_contact_centre``, ``small_service_desk``).

    Returns
    -------
    list of str
        The charter names, sorted, without the ``.yml`` suffix; each one is a valid argument of
        :func:`example_charter`.

    Examples
    --------
    >>> example_charters()
    ['finnish_contact_centre', 'small_service_desk']
    """
    return sorted(p.stem for p in (examples_dir() / "charters").glob("*.yml"))


def example_charter(name: str) -> Path:
    """Path of a bundled example charter, by name (``finnish_contact_centre`` or ``small_service_desk``).

    Raises ``FileNotFoundError`` naming the examples when ``name`` is not one of them.

    Parameters
    ----------
    name : str
        One of :func:`example_charters`, with or without the ``.yml`` suffix.

    Returns
    -------
    pathlib.Path
        The charter's YAML file inside the package (read it with ``cx.load_charter``; copy it with
        ``cx.working_copy`` before editing).

    Examples
    --------
    >>> example_charter("finnish_contact_centre.yml").stem
    'finnish_contact_centre'
    """
    p = examples_dir() / "charters" / (name if name.endswith(".yml") else f"{name}.yml")
    if not p.exists():
        raise FileNotFoundError(
            f"no example charter {name!r}; the examples are: {', '.join(example_charters())}"
        )
    return p


def data_dir() -> Path | None:
    """The user's data folder from ``$CXKIT_DATA``, or ``None`` when it is not set.

    Returns
    -------
    pathlib.Path or None
        The folder named by ``$CXKIT_DATA`` (not checked for existence), or ``None``.
    """
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else None


def sample_dir() -> Path:
    """The sample contact centre: ``$CXKIT_DATA/sample`` when that exists, else the bundled one.

    Returns
    -------
    pathlib.Path
        The folder of the sample tables (``contacts``, ``tickets``, ``surveys``, ``evaluations``,
        ``intervals``, ``staffing``); pass it to ``cx.load_tables([cx.sample_dir()])``.
    """
    user = data_dir()
    if user is not None and (user / "sample").is_dir():
        return user / "sample"
    return examples_dir() / "sample"


def workspace() -> Path:
    """Folder where the workshop saves its own files: ``$CXKIT_WORKSPACE``, else ``./workspace``.

    Created on first use.

    Returns
    -------
    pathlib.Path
        The workspace folder (``./workspace`` is relative to the current working directory).
    """
    p = Path(os.environ.get(WORKSPACE_ENV, Path.cwd() / "workspace"))
    p.mkdir(parents=True, exist_ok=True)
    return p
