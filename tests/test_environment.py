"""environment.yml stays in step with pyproject.toml; notebooks are stored without outputs."""

from __future__ import annotations

import json
import re
import tomllib

import yaml

from .conftest import ROOT

CONDA_NAMES = {"duckdb": "python-duckdb"}


def _norm(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    assert m, spec
    return m.group(1).lower(), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    py = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pip_deps = dict(_norm(d) for d in py["project"]["dependencies"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {}
    for d in env["dependencies"]:
        if isinstance(d, str) and not d.startswith(("python=", "pip")):
            name, spec = _norm(d)
            conda[name] = spec
    expected = {CONDA_NAMES.get(k, k): v for k, v in pip_deps.items()}
    assert conda == expected
    assert "python=3.11" in env["dependencies"]
    pip_section = next(d for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section["pip"]


def test_notebooks_are_stored_without_outputs():
    nbs = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert nbs
    for p in nbs:
        nb = json.loads(p.read_text())
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and not cell.get("execution_count"), p.name


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / "README.md").read_text()
    assert "make test" in (ROOT / ".ci" / "run").read_text()
