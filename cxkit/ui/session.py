"""One charter in memory, shared by every widget and editor of a notebook.

A workshop edits the charter from several widgets at once (the channel form, the YAML editor, the
target builder). They all hold the same :class:`CharterSession`: every change goes through it, every
widget redraws when it changes, nothing is written until someone presses **Save**, a save refuses
to overwrite a file that changed on disk since it was loaded (someone else saved it), and **Undo**
and **Reset to last save** take the group back.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "c.yml"
>>> s = CharterSession(path, example="small_service_desk")     # no file yet: starts from the example
>>> s.source
'example'
>>> n = len(s.charter.channels)
>>> new = s.draft(); del new.channels["email"]; s.update(new)
>>> len(s.charter.channels) == n - 1, s.dirty
(True, True)
>>> s.undo(), len(s.charter.channels) == n
(True, True)
>>> s.save(), path.exists(), s.dirty
(True, True, False)
"""

from __future__ import annotations

import html
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import ipywidgets as W

from cxkit.charter.model import Charter, CharterError, load_charter, save_charter
from cxkit.i18n import t
from cxkit.settings import example_charter, workspace

__all__ = [
    "WORKSHOP_CHARTER",
    "CharterSession",
    "copy_charter",
    "scratch_session",
    "workshop_session",
]

#: File name of the group's charter in the workspace (``workspace/my_charter.yml``).
WORKSHOP_CHARTER = "my_charter.yml"

_MAX_UNDO = 50


def copy_charter(charter: Charter) -> Charter:
    """Copy a charter deeply, with the source document it was loaded from.

    Parameters
    ----------
    charter : Charter
        The charter to copy.

    Returns
    -------
    Charter
        An independent copy that saves with the original file's comments.
    """
    import copy

    new = charter.model_copy(deep=True)
    new._source = copy.deepcopy(charter._source)
    new._source_text, new._source_data = charter._source_text, copy.deepcopy(charter._source_data)
    return new


def _mtime(path: Path | None) -> float | None:
    return path.stat().st_mtime_ns if path is not None and path.exists() else None


class CharterSession:
    """The charter a notebook's widgets share, with save, undo and reset to the last save.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The file **Save** writes. When it exists the session starts from it; otherwise from the
        example (``example``), and the first save creates the file.
    charter : Charter, optional
        Start from this charter instead of reading ``path`` (it is copied, never changed in place).
    example : str
        The bundled example to start from when ``path`` does not exist yet.
    lang : str
        Language of the toolbar and its messages, ``en`` or ``fi``.

    Attributes
    ----------
    charter : Charter
        The charter as it stands now (replace it with :meth:`update`).
    source : str
        Where it came from: ``file``, ``example`` or ``memory``.
    status : ipywidgets.HTML
        The last save / undo / reset message (the toolbar shows it).
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        charter: Charter | None = None,
        example: str = "finnish_contact_centre",
        lang: str = "en",
    ):
        self.path = Path(path) if path is not None else None
        self.example, self.lang = example, lang
        self._listeners: list[Callable[[], None]] = []
        self._undo: list[Charter] = []
        self.status = W.HTML()
        self._toolbar: W.Widget | None = None
        if charter is not None:
            self.source = "memory"
            self._saved = copy_charter(charter)
        elif self.path is not None and self.path.exists():
            self.source = "file"
            self._saved = load_charter(self.path)
        else:
            self.source = "example"
            self._saved = load_charter(example_charter(example))
        self._loaded_mtime = _mtime(self.path)
        self.charter = copy_charter(self._saved)
        self.dirty = False

    # -- changes -------------------------------------------------------------------------------------
    def draft(self) -> Charter:
        """A copy of the current charter to change and hand back with :meth:`update`.

        Returns
        -------
        Charter
            An independent deep copy.
        """
        return copy_charter(self.charter)

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` after every change (update, undo, reset, reload).

        Parameters
        ----------
        listener : callable
            Called without arguments; widgets redraw from :attr:`charter` in it.

        Returns
        -------
        None
        """
        self._listeners.append(listener)

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    def update(self, charter: Charter) -> None:
        """Make ``charter`` the current one (undo goes back to the one before) and tell every widget.

        Parameters
        ----------
        charter : Charter
            The new charter, usually a :meth:`draft` with changes.

        Returns
        -------
        None
        """
        self._undo = [*self._undo[-_MAX_UNDO + 1 :], self.charter]
        self.charter = charter
        self.dirty = True
        self._notify()

    def undo(self) -> bool:
        """Go back one change.

        Returns
        -------
        bool
            True when there was a change to undo.
        """
        if not self._undo:
            self.status.value = html.escape(t("nothing_to_undo", self.lang))
            return False
        self.charter = self._undo.pop()
        self.dirty = True
        self.status.value = html.escape(t("undone", self.lang))
        self._notify()
        return True

    def reset(self) -> None:
        """Throw away every change since the last save (or since loading).

        Returns
        -------
        None
        """
        self._undo = [*self._undo, self.charter]
        self.charter = copy_charter(self._saved)
        self.dirty = False
        self.status.value = html.escape(t("reset_done", self.lang))
        self._notify()

    # -- the file ------------------------------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        """Whether the file was written by someone else since this session loaded or saved it.

        Returns
        -------
        bool
            True when the file's modification time differs from the one seen at load / save.
        """
        return self.path is not None and _mtime(self.path) != self._loaded_mtime

    def save(self, *, force: bool = False) -> bool:
        """Save the charter to :attr:`path` atomically, unless the file changed on disk meanwhile.

        Parameters
        ----------
        force : bool
            Overwrite even when the file changed on disk since it was loaded.

        Returns
        -------
        bool
            True when saved; False (with the reason in :attr:`status` and :attr:`problems`) when
            there is no path, the file changed on disk, or the charter does not validate.
        """
        self.problems: list[tuple[str, str]] = []
        if self.path is None:
            self.status.value = f"<i>{html.escape(t('no_file', self.lang))}</i>"
            return False
        if self.changed_on_disk() and not force:
            self.status.value = (
                f"<b style='color:#b35806'>⚠ {html.escape(t('changed_on_disk', self.lang))}</b> "
                f"<code>{html.escape(str(self.path))}</code>"
            )
            return False
        try:
            save_charter(self.charter, self.path)
        except CharterError as err:
            self.problems = list(err.problems)
            items = "".join(
                f"<li><code>{html.escape(p)}</code>: {html.escape(m)}</li>" for p, m in err.problems
            )
            self.status.value = f"<b style='color:#b2182b'>{html.escape(t('problems', self.lang))}</b><ul>{items}</ul>"
            return False
        self._saved = copy_charter(self.charter)
        self._loaded_mtime = _mtime(self.path)
        self.source, self.dirty = "file", False
        self.status.value = (
            f"✔ {html.escape(t('saved', self.lang))}: <code>{html.escape(self.path.name)}</code>"
        )
        return True

    def reload(self) -> None:
        """Read the file again (someone else saved it), dropping unsaved changes; undo keeps them.

        Returns
        -------
        None
        """
        if self.path is None or not self.path.exists():
            return
        self._undo = [*self._undo, self.charter]
        self._saved = load_charter(self.path)
        self._loaded_mtime = _mtime(self.path)
        self.charter, self.dirty, self.source = copy_charter(self._saved), False, "file"
        self.status.value = html.escape(t("reloaded", self.lang))
        self._notify()

    # -- display -------------------------------------------------------------------------------------
    @property
    def toolbar(self) -> W.Widget:
        """Save, undo, reset and reload buttons with the status line (built once, shared)."""
        if self._toolbar is None:
            lang = self.lang
            buttons = [
                (t("save", lang), "success", lambda _: self.save()),
                (t("undo", lang), "", lambda _: self.undo()),
                (t("reset_to_saved", lang), "warning", lambda _: self.reset()),
                (t("reload_file", lang), "", lambda _: self.reload()),
            ]
            row = []
            for label, style, fn in buttons:
                b = W.Button(description=label, button_style=style, layout=W.Layout(width="auto"))
                b.on_click(fn)
                row.append(b)
            self.save_button, self.undo_button, self.reset_button, self.reload_button = row
            where = t("from_example", lang) if self.source == "example" else t("from_file", lang)
            self._toolbar = W.VBox(
                [W.HTML(f"<i>{html.escape(where)}</i>"), W.HBox(row), self.status]
            )
        return self._toolbar

    def _ipython_display_(self) -> None:  # pragma: no cover - display only
        from IPython.display import display

        display(self.toolbar)


def workshop_session(
    example: str = "finnish_contact_centre", *, lang: str = "en", name: str = WORKSHOP_CHARTER
) -> CharterSession:
    """The group's charter: ``workspace/my_charter.yml`` when saved before, else the example.

    Every notebook that edits the charter starts here, so it starts from what the group saved (or
    the bundled example), never from what another notebook's demo did.

    Parameters
    ----------
    example : str
        The bundled example to start from when nothing was saved yet.
    lang : str
        Language of the toolbar, ``en`` or ``fi``.
    name : str
        The file name in :func:`cxkit.workspace`.

    Returns
    -------
    CharterSession
        Saving writes ``workspace/<name>``.
    """
    return CharterSession(workspace() / name, example=example, lang=lang)


def scratch_session(example: str = "finnish_contact_centre", *, lang: str = "en") -> CharterSession:
    """A session on a throw-away copy of an example, for self-tests that must not touch the group's file.

    Parameters
    ----------
    example : str
        The bundled example to copy.
    lang : str
        Language of the toolbar, ``en`` or ``fi``.

    Returns
    -------
    CharterSession
        Saving writes a file in a new temporary folder.

    Examples
    --------
    >>> s = scratch_session("small_service_desk")
    >>> s.save(), s.path.parent != workspace()
    (True, True)
    """
    folder = Path(tempfile.mkdtemp(prefix="cxkit-selftest-"))
    path = folder / f"{example}.yml"
    shutil.copyfile(example_charter(example), path)
    return CharterSession(path, lang=lang)


def as_session(
    charter: Charter | CharterSession, path: str | Path | None = None, lang: str = "en"
) -> CharterSession:
    """The session a widget works in: ``charter`` itself, or a new session around a charter."""
    if isinstance(charter, CharterSession):
        return charter
    return CharterSession(path, charter=charter, lang=lang)
