"""Fixtures for the browser tests: Chromium through Playwright, the app (Voila) and JupyterLab.

The servers start on free localhost ports, in a temporary workspace, and are always stopped. Without
Chromium the tests are skipped on a developer machine and fail in CI (``CI=true``): they are never
silently skipped there. Screenshots go to ``out/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxkit.ui.app import NOTEBOOKS_ENV, voila_command, write_voila_config

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM = os.environ.get("CXKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, proc: subprocess.Popen[bytes], log: Path, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(
        f"server did not answer {url} in {timeout_s:.0f} s:\n{log.read_text()[-3000:]}"
    )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server and its kernels: the whole process group it leads (and nothing else)."""
    import signal

    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass
    time.sleep(0.5)
    with contextlib.suppress(ProcessLookupError):  # kernels that outlived their server
        os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium is not installed ({CHROMIUM}); .ci/run installs it with apt-get"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def _env(workspace: Path, lang: str) -> dict[str, str]:
    env = {**os.environ, "CXKIT_LANG": lang, "CXKIT_WORKSPACE": str(workspace)}
    env[NOTEBOOKS_ENV] = str(NOTEBOOKS)
    env.pop("CXKIT_DATA", None)
    return env


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[str]:
    """The app (Voila) serving the notebooks, started in Finnish; yields its base address."""
    tmp = tmp_path_factory.mktemp("app")
    port = _free_port()
    write_voila_config(tmp)
    log = tmp / "voila.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            voila_command(NOTEBOOKS, port=port, config_dir=tmp),
            cwd=NOTEBOOKS,
            env=_env(tmp / "workspace", "fi"),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for(f"http://127.0.0.1:{port}/", proc, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def lab_url(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[str]:
    """JupyterLab on a copy of the notebooks (kernels in Finnish, no token); yields its address.

    A copy, because JupyterLab autosaves what it runs: the repository's notebooks stay stripped.
    """
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "notebooks"
    shutil.copytree(
        NOTEBOOKS, root, ignore=shutil.ignore_patterns("workspace", ".ipynb_checkpoints")
    )
    port = _free_port()
    log = tmp / "lab.log"
    env = _env(tmp / "workspace", "fi")
    env["JUPYTER_CONFIG_DIR"] = str(tmp / "config")  # no user settings, no announcements
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp / "lab-workspaces")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp / "runtime")
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",  # CI runs as root on a fresh machine
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for(f"http://127.0.0.1:{port}/lab", proc, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)
