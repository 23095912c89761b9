import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(os.environ.get("SCHEDLAB_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
WORKLOADS = ROOT / "workloads"


def bundled_workloads():
    return sorted(p.relative_to(WORKLOADS).as_posix() for p in WORKLOADS.rglob("*.yaml"))


@pytest.fixture
def cli():
    """Runs the schedlab command; returns its stdout (asserts the exit status)."""
    exe = os.environ.get("SCHEDLAB_CLI")
    if not exe or not os.path.exists(exe):
        pytest.skip("SCHEDLAB_CLI is not set to the schedlab program (run under ctest)")

    def run(*args, status=0):
        p = subprocess.run([exe, *map(str, args)], capture_output=True, text=True)
        assert p.returncode == status, p.stderr
        return p.stdout
    return run
