"""Every chart on screen comes with a "Save as PNG" button, for the slides after the workshop.

:func:`cxkit.setup_charts` registers :func:`display_with_save` with IPython, so any Altair chart a
notebook shows (also inside a widget) is drawn with a button under it. The button renders the chart
with ``vl-convert`` (no browser, no internet), writes ``<workspace>/pictures/<name>.png`` and offers
the same file as a download link; ``<name>`` comes from the chart's title.

>>> import altair as alt, pandas as pd
>>> chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q").properties(
...     title="Phone: service level by interval (target 80 %)")
>>> png_name(chart)
'phone-service-level-by-interval-target-80.png'
"""

from __future__ import annotations

import base64
import html
import re
import unicodedata
from pathlib import Path
from typing import Any

__all__ = ["display_with_save", "png_name", "save_png", "save_button"]


def _title_text(chart: Any) -> str:
    title = getattr(chart, "title", None)
    if title is None or type(title).__name__ == "UndefinedType":
        return ""
    if isinstance(title, str):
        return title
    text = getattr(title, "text", None)
    if isinstance(text, str):
        return text
    return " ".join(text) if isinstance(text, list) else ""


def png_name(chart: Any, default: str = "chart") -> str:
    """A file name for the chart's picture, from its title (lower case, ASCII, dashes).

    Parameters
    ----------
    chart : altair.TopLevelMixin
        The chart.
    default : str
        The name when the chart has no title.

    Returns
    -------
    str
        ``<slug>.png`` (at most 80 characters before ``.png``).
    """
    text = unicodedata.normalize("NFKD", _title_text(chart)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")
    return f"{slug or default}.png"


def save_png(chart: Any, path: str | Path | None = None, *, scale: float = 2.0) -> Path:
    """Render ``chart`` as a PNG file (offline, with ``vl-convert``).

    Parameters
    ----------
    chart : altair.TopLevelMixin
        The chart.
    path : str or pathlib.Path, optional
        Where to write; by default ``<workspace>/pictures/<png_name(chart)>``.
    scale : float
        Pixel density (2 = sharp on slides).

    Returns
    -------
    pathlib.Path
        The PNG written.
    """
    import vl_convert as vlc

    from cxkit.settings import workspace

    p = Path(path) if path is not None else workspace() / "pictures" / png_name(chart)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(vlc.vegalite_to_png(chart.to_json(), scale=scale))
    return p


def save_button(chart: Any, *, lang: str | None = None) -> Any:
    """A "Save as PNG" button for ``chart``, with the link to the file once saved.

    Parameters
    ----------
    chart : altair.TopLevelMixin
        The chart.
    lang : str, optional
        ``en`` or ``fi``; by default :func:`cxkit.language`.

    Returns
    -------
    ipywidgets.VBox
        The button (``.children[0]``) and the status line (``.children[1]``: the file name and
        a download link after a click).
    """
    import ipywidgets as W

    from cxkit.i18n import t
    from cxkit.settings import language

    lang = lang or language()
    button = W.Button(
        description=t("save_png", lang), icon="download", layout=W.Layout(width="auto")
    )
    status = W.HTML()

    def click(_: Any) -> None:
        path = save_png(chart)
        data = base64.b64encode(path.read_bytes()).decode()
        status.value = (
            f"{html.escape(t('saved_png', lang))}: <a download='{html.escape(path.name)}' "
            f"href='data:image/png;base64,{data}'>{html.escape(path.name)}</a>"
        )

    button.on_click(click)
    box = W.VBox([button, status])
    box.add_class("cxkit-save-png")
    return box


def display_with_save(chart: Any) -> bool:
    """IPython display hook: show the chart as usual, then its "Save as PNG" button.

    Parameters
    ----------
    chart : altair.TopLevelMixin
        The chart being displayed.

    Returns
    -------
    bool
        True (the chart was displayed).
    """
    from IPython.display import display, publish_display_data

    bundle = chart._repr_mimebundle_()
    data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
    publish_display_data(data, metadata=metadata or {})
    display(save_button(chart))
    return True
