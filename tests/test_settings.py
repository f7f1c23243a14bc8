"""The examples ship inside the package and load from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys

import cxkit as cx
from cxkit.settings import examples_dir


def test_examples_are_inside_the_package():
    assert examples_dir().parent == __import__("pathlib").Path(cx.__file__).parent
    assert cx.example_charters() == ["finnish_contact_centre", "small_service_desk"]
    assert (cx.sample_dir() / "contacts.csv.gz").exists()


def test_examples_load_from_another_working_directory(tmp_path):
    code = (
        "import cxkit as cx; c = cx.load_charter(cx.example_charter('small_service_desk')); "
        "print(len(cx.load_tables([cx.sample_dir()], pseudonym_key=b'k')))"
    )
    env = {**os.environ, "CXKIT_WORKSPACE": str(tmp_path / "ws")}
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "7"


def test_workspace_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CXKIT_WORKSPACE", str(tmp_path / "w"))
    assert cx.workspace() == tmp_path / "w" and (tmp_path / "w").is_dir()
