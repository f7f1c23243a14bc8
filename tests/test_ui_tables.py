"""Tables to show: headers in the workshop's language, rounded figures, names not ids, no index."""

from __future__ import annotations

import pandas as pd

from cxkit.charter.model import load_charter
from cxkit.i18n import english_leaks
from cxkit.settings import example_charter
from cxkit.ui.tables import display_frame, scorecard_view, show_table, summary_view


def test_display_frame_formats_for_a_finnish_room():
    df = pd.DataFrame(
        {
            "status": ["met", "missed", "no_data"],
            "actual": [74.886215, 1234.5, float("nan")],
            "n": [1200, 5, 0],
            "period_start": pd.to_datetime(
                ["2026-03-02 00:00", "2026-03-02 08:30", "2026-03-03 00:00"]
            ).tz_localize("Europe/Helsinki"),
        },
        index=[7, 8, 9],
    )
    out = display_frame(df, lang="fi")
    assert list(out.columns) == ["Tila", "Toteuma", "n", "Jakso alkaa"]
    assert out.Tila.tolist() == ["saavutettu", "ei saavutettu", "ei dataa"]
    assert out.Toteuma.tolist() == ["74,9", "1\u00a0234,5", "–"]
    assert out["Jakso alkaa"].tolist() == ["2026-03-02", "2026-03-02 08:30", "2026-03-03"]
    assert out.index.tolist() == [0, 1, 2]
    assert '<th class="blank' not in show_table(df, lang="fi").to_html()  # no index column


def test_views_name_targets_not_ids(sample_scorecard):
    from cxkit.measure.scorecard import summary

    charter = load_charter(example_charter("finnish_contact_centre"))
    view = summary_view(summary(sample_scorecard), charter, lang="fi")
    assert view.target.iloc[0].startswith("Puhelin: Palvelutaso")
    shown = display_frame(scorecard_view(sample_scorecard, charter, lang="fi"), lang="fi")
    assert (
        english_leaks(" ".join(map(str, shown.to_numpy().ravel())) + " ".join(shown.columns)) == []
    )
