from __future__ import annotations

from cxkit.charter.model import Charter, load_charter
from cxkit.ui.charter_widgets import CatalogBrowser, ChannelEditor, TargetBuilder, YamlEditor

from .conftest import CHARTERS


def _empty():
    return Charter.model_validate(
        {"name": "Workshop", "calendars": {"office": {"hours": {"mon": "08:00-16:00"}}}}
    )


def test_catalog_browser_filters_and_translates():
    b = CatalogBrowser()
    b.kind.value = "async"
    assert "service_level" not in set(b.frame().id)
    b.metric.value = "first_response_time"
    assert "First response time" in b.detail.value
    b.language.value = "fi"
    assert "Ensimmäisen vastauksen aika" in b.detail.value
    assert b.kind.value == "async"  # the filter survives the language switch


def test_channel_editor_adds_channel_goal_and_saves(tmp_path):
    path = tmp_path / "charter.yml"
    ed = ChannelEditor(_empty(), path=path, lang="fi")
    ed.channel_id.value = "email"
    ed.medium.value = "email"
    ed.label_en.value, ed.label_fi.value = "Email", "Sähköposti"
    ed.calendar.value = "office"
    ed.add_channel.click()
    assert ed.charter.channels["email"].kind == "async"
    ed.goal_text.value = "Sähköpostiin vastataan samana päivänä."
    ed.add_goal.click()
    assert ed.charter.channels["email"].goals[0].text.startswith("Sähköpostiin")
    ed.save_button.click()
    assert "Tallennettu" in ed.status.value
    assert load_charter(path).channels["email"].label.fi == "Sähköposti"


def test_channel_editor_reports_bad_id():
    ed = ChannelEditor(_empty())
    ed.channel_id.value = "Bad Id!"
    ed.add_channel.click()
    assert "not a valid id" in ed.status.value and "Bad Id!" in ed.status.value
    assert not ed.charter.channels


def test_yaml_editor_names_path_of_problem(tmp_path):
    c = load_charter(CHARTERS / "small_service_desk.yml")
    ed = YamlEditor(c, path=tmp_path / "c.yml")
    ed.text.value = ed.text.value.replace("metric: aht", "metric: ahtt")
    ed.save_button.click()
    assert "channels.phone.targets[3].metric" in ed.status.value
    assert not (tmp_path / "c.yml").exists()
    ed.text.value = ed.text.value.replace("metric: ahtt", "metric: aht")
    ed.save_button.click()
    assert (tmp_path / "c.yml").exists()


def test_target_builder_review_updates_live_and_adds(tmp_path):
    c = Charter.model_validate(
        {
            "name": "x",
            "channels": {
                "phone": {"label": {"en": "Phone", "fi": "Puhelin"}, "kind": "sync", "targets": []}
            },
        }
    )
    tb = TargetBuilder(c, path=tmp_path / "c.yml")
    tb.channel.value = "phone"
    tb.metric.value = "aht"
    tb.threshold.value = 240
    tb.amber.value = 270
    assert any(f.code == "CX001" for f in tb.findings())
    assert "CX001" in tb.review_html.value
    assert tb.add_button.click() is None and tb.charter.channels["phone"].targets[0].metric == "aht"
    tb.metric.value = "repeat_contact_rate"
    tb.threshold.value, tb.amber.value = 15, 20
    assert not any(f.code == "CX001" for f in tb.findings())  # the counterweight clears it
    tb.add_button.click()
    tb.save_button.click()
    assert [t.metric for t in load_charter(tmp_path / "c.yml").channels["phone"].targets] == [
        "aht",
        "repeat_contact_rate",
    ]


def test_target_builder_metric_list_follows_channel_kind():
    c = load_charter(CHARTERS / "finnish_contact_centre.yml")
    tb = TargetBuilder(c)
    tb.channel.value = "email"
    ids = [v for _, v in tb.metric.options]
    assert "response_service_level" in ids and "service_level" not in ids
    tb.metric.value = "response_service_level"
    assert tb.within.description.endswith("(h)") and tb.within.value == 8


def test_target_builder_bad_amber_shows_problem_not_crash():
    c = load_charter(CHARTERS / "finnish_contact_centre.yml")
    tb = TargetBuilder(c)
    tb.channel.value = "phone"
    tb.metric.value = "service_level"
    tb.amber.value = 95  # above an 80 % threshold: wrong side
    assert "near band" in tb.review_html.value
    assert tb.add() is False
