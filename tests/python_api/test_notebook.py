"""examples/from_python.ipynb runs from top to bottom in a real kernel (nbclient; the
jupyter, pandas and plot extras; skipped, saying which is missing, without them)."""
from pathlib import Path

import pytest

for module, extra in (("nbclient", "jupyter"), ("nbformat", "jupyter"),
                      ("ipykernel", "jupyter"), ("pandas", "pandas"),
                      ("matplotlib", "plot")):
    pytest.importorskip(module, reason=f'the {extra} extra is not installed '
                                       f'(pip install "sqdsl[{extra}]")')

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "from_python.ipynb"


def test_the_example_notebook_runs(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = {k for o in outputs for k in o.get("data", {})}
    assert "image/png" in kinds  # the plot
    html = "".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    assert "<svg" in html          # a run's rich view
    assert "<table" in html        # a DataFrame
    texts = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                    for o in outputs)
    assert "P(overrun)" in html and "Dist " in texts
    # the sweep: more units, a higher mean cost
    sweep = next(c for c in nb.cells if "sweep = pd.DataFrame" in c.source)
    assert "200" in sweep.outputs[0]["data"]["text/plain"]
