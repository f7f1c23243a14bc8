"""Every chart can be saved as a PNG with a meaningful name, from a button."""

from __future__ import annotations

import altair as alt
import pandas as pd

from cxkit.ui.charts import png_name, save_button, save_png


def _chart():
    return (
        alt.Chart(pd.DataFrame({"x": [1, 2]}))
        .mark_bar()
        .encode(x="x:Q")
        .properties(title="Puhelin: palvelutaso jaksoittain")
    )


def test_png_name_from_the_title():
    assert png_name(_chart()) == "puhelin-palvelutaso-jaksoittain.png"
    assert png_name(alt.Chart(pd.DataFrame({"x": [1]})).mark_bar()) == "chart.png"


def test_button_saves_the_picture(tmp_path, monkeypatch):
    monkeypatch.setenv("CXKIT_WORKSPACE", str(tmp_path))
    box = save_button(_chart(), lang="fi")
    button, status = box.children
    assert button.description == "Tallenna PNG-kuvana"
    button.click()
    png = tmp_path / "pictures" / "puhelin-palvelutaso-jaksoittain.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "download='puhelin-palvelutaso-jaksoittain.png'" in status.value
    assert save_png(_chart(), tmp_path / "x.png").stat().st_size > 500
