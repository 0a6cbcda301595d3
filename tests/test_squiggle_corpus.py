"""The compatibility corpus: programs real Squiggle 0.10 ran, with its outputs, checked
by the corpus's own compare script (../shared/reference/squiggle)."""
import pathlib
import subprocess
import sys

CORPUS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "reference" / "squiggle"


def test_every_corpus_program_agrees_with_squiggle():
    cmd = f"{sys.executable} -m dsl run {{file}} --json --samples 200000 --seed 7"
    proc = subprocess.run(
        [sys.executable, str(CORPUS / "compare.py"), str(CORPUS / "visible"), "--cmd", cmd,
         "--jobs", "2"], capture_output=True, text=True, timeout=900)
    failures = [line for line in proc.stdout.splitlines() if line.startswith("FAIL")]
    assert proc.returncode == 0 and not failures, "\n".join(failures) + "\n" + proc.stdout[-300:]
    assert proc.stdout.strip().splitlines()[-1].endswith("passed, 0 failed")
