"""The shared charter of a notebook: one charter for every widget, save, undo, reset, disk check."""

from __future__ import annotations

import os

from cxkit.charter.model import load_charter
from cxkit.settings import example_charter
from cxkit.ui.charter_widgets import ChannelEditor, TargetBuilder, YamlEditor
from cxkit.ui.session import CharterSession, scratch_session, workshop_session


def _add_whatsapp(editor):
    editor.channel_id.value, editor.medium.value = "whatsapp", "messaging"
    editor.add_channel.click()


def test_every_widget_sees_the_same_charter(tmp_path):
    s = CharterSession(tmp_path / "c.yml", example="finnish_contact_centre")
    form, text, builder = ChannelEditor(s), YamlEditor(s), TargetBuilder(s)
    _add_whatsapp(form)
    assert "whatsapp:" in text.text.value  # the YAML editor follows the form
    assert "whatsapp" in [v for _, v in builder.channel.options]
    assert text.apply() and "whatsapp" in load_charter(s.path).channels  # the form's channel kept


def test_yaml_edits_are_not_silently_overwritten(tmp_path):
    s = CharterSession(tmp_path / "c.yml", example="finnish_contact_centre")
    form, text = ChannelEditor(s), YamlEditor(s)
    text.text.value = text.text.value.replace("name: ", "name: X", 1)
    _add_whatsapp(form)
    assert "⚠" in text.status.value  # warned: the charter changed elsewhere
    assert text.apply() is False and "whatsapp" in s.charter.channels  # first press only warns
    assert text.apply() and s.charter.name.startswith("X")  # the second press applies


def test_nothing_is_written_until_save_and_undo_reset_work(tmp_path):
    s = CharterSession(tmp_path / "c.yml", example="finnish_contact_centre")
    form = ChannelEditor(s)
    _add_whatsapp(form)
    assert not s.path.exists() and s.dirty
    assert s.save() and "whatsapp" in load_charter(s.path).channels and not s.dirty
    new = s.draft()
    del new.channels["whatsapp"]
    s.update(new)
    assert s.undo() and "whatsapp" in s.charter.channels
    s.update(new)
    s.reset()
    assert "whatsapp" in s.charter.channels and not s.dirty  # back to the last save


def test_save_refuses_a_file_changed_on_disk(tmp_path):
    path = tmp_path / "c.yml"
    a, b = CharterSession(path), CharterSession(path)
    assert a.save()
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # as if saved later by a
    assert b.changed_on_disk()
    assert not b.save() and "someone else" in b.status.value
    assert b.save(force=True)
    b.reload()
    assert not b.changed_on_disk()


def test_notebooks_start_from_the_saved_charter_or_the_example(tmp_path, monkeypatch):
    monkeypatch.setenv("CXKIT_WORKSPACE", str(tmp_path))
    first = workshop_session()
    assert first.source == "example"
    assert first.charter.name == load_charter(example_charter("finnish_contact_centre")).name
    _add_whatsapp(ChannelEditor(first))
    first.save()
    again = workshop_session()
    assert again.source == "file" and "whatsapp" in again.charter.channels


def test_self_tests_get_their_own_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("CXKIT_WORKSPACE", str(tmp_path))
    group, mine = workshop_session(), scratch_session()
    _add_whatsapp(ChannelEditor(mine))
    assert mine.save() and mine.path.parent != tmp_path
    assert "whatsapp" not in group.charter.channels and not (tmp_path / "my_charter.yml").exists()


def test_dropdowns_open_with_a_value():
    s = scratch_session()
    form, builder = ChannelEditor(s), TargetBuilder(s)
    assert form.goal_channel.value == "phone" and form.calendar.value is not None
    assert builder.channel.value == "phone" and builder.metric.value is not None
    assert builder.threshold.value > 0  # the sliders are set for the metric, not 0.00
