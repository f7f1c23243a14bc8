"""A solution behind a button: the room thinks first, the trainer reveals.

>>> box = reveal("42 agents", lang="fi")
>>> box.children[0].description, box.children[1].layout.display
('Näytä ratkaisu', 'none')
>>> box.children[0].click()
>>> box.children[1].layout.display is None
True
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as W

from cxkit.i18n import t

__all__ = ["reveal"]


def reveal(*lines: Any, lang: str = "en") -> W.VBox:
    """The solution's lines, hidden until someone presses "Show solution".

    Parameters
    ----------
    *lines : Any
        The solution, one line each (text, escaped).
    lang : str
        Language of the button, ``en`` or ``fi``.

    Returns
    -------
    ipywidgets.VBox
        The button (``.children[0]``; pressing it again hides the solution) and the hidden
        lines (``.children[1]``).
    """
    body = W.HTML(
        "<br>".join(html.escape(str(line)) for line in lines), layout=W.Layout(display="none")
    )
    button = W.Button(
        description=t("show_solution", lang), icon="eye", layout=W.Layout(width="auto")
    )

    def toggle(_: Any) -> None:
        shown = body.layout.display is None
        body.layout.display = "none" if shown else None
        button.description = t("show_solution" if shown else "hide_solution", lang)

    button.on_click(toggle)
    return W.VBox([button, body])
