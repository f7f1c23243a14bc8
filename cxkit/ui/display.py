"""Showing a chart in a widget's output area, only when a Jupyter kernel is there to draw it."""

from __future__ import annotations

from typing import Any

import ipywidgets as W

__all__ = ["show"]


def show(out: W.Output, figure: Any) -> None:
    """Draw ``figure`` into ``out`` when running in a Jupyter kernel (not in tests or doctests).

    Parameters
    ----------
    out : ipywidgets.Output
        The widget's output area.
    figure : Any
        A chart (or anything IPython can display).

    Returns
    -------
    None
    """
    from IPython import get_ipython

    ip = get_ipython()
    if ip is None or not hasattr(ip, "kernel"):
        return
    out.clear_output(wait=True)
    with out:
        from IPython.display import display

        display(figure)
