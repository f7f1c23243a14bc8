"""The printable one-page summary of the group's decisions."""

from __future__ import annotations

from cxkit.ui.session import CharterSession


def test_one_page_summary_of_decisions(tmp_path, sample_scorecard):
    from cxkit.i18n import english_leaks
    from cxkit.ui.onepager import write_decisions

    s = CharterSession(tmp_path / "c.yml")
    p = write_decisions(tmp_path / "d.html", s.charter, scorecard=sample_scorecard, lang="fi")
    page = p.read_text(encoding="utf-8")
    assert "Työpajan päätökset" in page and "Missä olemme nyt" in page
    assert s.charter.channels["phone"].goals[0].text in page
    import re

    assert english_leaks(re.sub(r"<[^>]+>", " ", page)) == []
