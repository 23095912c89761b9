"""examples/notebooks/policies.ipynb runs from top to bottom without an error."""
import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (Debian: python3-nbconvert)")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (Debian: python3-nbconvert)")
pytest.importorskip("ipykernel", reason="ipykernel is not installed (Debian: python3-ipykernel)")


def test_the_notebook_runs_and_draws(monkeypatch):
    # The kernel inherits the environment: its own inline backend, not ctest's Agg.
    monkeypatch.delenv("MPLBACKEND", raising=False)
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(ROOT / "examples/notebooks/policies.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT / "examples/notebooks")}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3  # two Gantt charts and the box plot
    sjf = nb.cells[-1].outputs[0]["data"]["text/plain"]
    assert "sjf" in sjf and "Sjf" in sjf
