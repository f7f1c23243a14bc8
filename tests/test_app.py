"""The app mode: steps discovered from the notebooks, navigation, the Voila hook and config."""

from __future__ import annotations

import json
from types import SimpleNamespace

import nbformat

from cxkit.ui.app import (
    HIDDEN_TAGS,
    nav_markdown,
    prelaunch_hook,
    voila_command,
    workshop_steps,
    write_voila_config,
)

from .conftest import ROOT


def _nb(folder, name, heading):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {heading}")])
    (folder / name).write_text(json.dumps(nb))


def test_steps_are_the_numbered_notebooks_present(tmp_path):
    _nb(tmp_path, "01_goals.ipynb", "01 · Goals · Tavoitteet")
    _nb(tmp_path, "05_journeys.ipynb", "05 · Journeys · Asiakaspolut")  # a new one joins by itself
    _nb(tmp_path, "scratch.ipynb", "not a step")
    steps = workshop_steps(tmp_path, lang="fi")
    assert steps.file.tolist() == ["01_goals.ipynb", "05_journeys.ipynb"]
    assert steps.title.tolist() == ["Tavoitteet", "Asiakaspolut"]


def test_the_repository_steps_start_at_the_welcome():
    steps = workshop_steps(ROOT / "notebooks")
    assert steps.step.iloc[0] == "00" and "04" in set(steps.step)


def test_nav_marks_here_and_links_next(tmp_path):
    _nb(tmp_path, "01_goals.ipynb", "01 · Goals · Tavoitteet")
    _nb(tmp_path, "02_targets.ipynb", "02 · Targets · Tavoitetasot")
    steps = workshop_steps(tmp_path, lang="fi")
    nav = nav_markdown(steps, "01_goals.ipynb", lang="fi")
    assert "**▶ 01 · Tavoitteet** *(Olet tässä)*" in nav
    assert "**Seuraavaksi:** [02 · Tavoitetasot](02_targets.ipynb?lang=fi)" in nav
    assert "Tämä on viimeinen vaihe" in nav_markdown(steps, "02_targets.ipynb", lang="fi")


def test_hook_sets_the_language_and_adds_navigation(tmp_path):
    _nb(tmp_path, "01_goals.ipynb", "01 · Goals · Tavoitteet")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    req = SimpleNamespace(
        request=SimpleNamespace(path="/voila/render/01_goals.ipynb", query="lang=fi")
    )
    out = prelaunch_hook(req, nb, str(tmp_path))
    assert out.cells[0].source == "import os\nos.environ['CXKIT_LANG'] = 'fi'"
    assert "Olet tässä" in out.cells[1].source and "Olet tässä" in out.cells[-1].source
    assert len(nb.cells) == 1  # the notebook itself is not changed


def test_voila_config_hides_code_asserts_and_solutions(tmp_path):
    text = write_voila_config(tmp_path).read_text()
    assert "strip_sources = True" in text and "prelaunch_hook" in text
    assert "TagRemovePreprocessor.remove_cell_tags" in text
    assert all(tag in text for tag in HIDDEN_TAGS)
    cmd = voila_command(ROOT / "notebooks", port=9999, config_dir=tmp_path)
    assert "--port=9999" in cmd and "--no-browser" in cmd and "--Voila.ip=127.0.0.1" in cmd


def test_my_notebooks_tag_asserts_and_solutions():
    for name in (
        "00_welcome",
        "01_channels_and_goals",
        "02_metrics_and_targets",
        "03_load_your_data",
        "04_check_against_targets",
        "08_staffing_and_blending",
    ):
        nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert "LANG = cx.language()" in "".join(code[0]["source"]), name
        for c in code:
            src = "".join(c["source"])
            tags = c["metadata"].get("tags", [])
            if src.lstrip().startswith(("assert", "# ")) and "assert " in src:
                assert tags, (name, src[:60])
