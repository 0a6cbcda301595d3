"""The takeoff reference figures (tests/data/takeoff_cases.json), for the tests.

Each case has an ``id``, a ``name``, a ``kind`` (``deterministic`` or ``probabilistic``),
the ``function`` and ``inputs`` it is about, the ``expected`` figures with their
``tolerance`` (and ``monte_carlo_tolerance`` for probabilistic ones) and the ``source``
each figure comes from. The file is checked on load so that a malformed edit fails every
test that reads it, with a message saying which case is wrong.
"""
from __future__ import annotations

import json
from pathlib import Path

__all__ = ["CASES", "FILE", "case", "cases_of_kind", "case_named"]

FILE = Path(__file__).resolve().parent / "data" / "takeoff_cases.json"
FORMAT = "sqdsl-takeoff-cases/1"
_REQUIRED = ("id", "name", "kind", "function", "inputs", "expected", "tolerance", "source")


def _load() -> list[dict]:
    document = json.loads(FILE.read_text(encoding="utf-8"))
    if document.get("format") != FORMAT:
        raise ValueError(f"{FILE}: format {document.get('format')!r}, expected {FORMAT!r}")
    ids = set()
    for entry in document["cases"]:
        missing = [key for key in _REQUIRED if key not in entry]
        if missing:
            raise ValueError(f"{FILE}: case {entry.get('id')!r} lacks {missing}")
        if entry["kind"] not in ("deterministic", "probabilistic"):
            raise ValueError(f"{FILE}: case {entry['id']!r} has kind {entry['kind']!r}")
        if entry["kind"] == "probabilistic" and "monte_carlo_tolerance" not in entry:
            raise ValueError(f"{FILE}: probabilistic case {entry['id']!r} has no band")
        if entry["id"] in ids:
            raise ValueError(f"{FILE}: case id {entry['id']!r} is used twice")
        ids.add(entry["id"])
    return document["cases"]


CASES: list[dict] = _load()


def case(case_id: str) -> dict:
    """The case with this id."""
    for entry in CASES:
        if entry["id"] == case_id:
            return entry
    raise KeyError(case_id)


def case_named(prefix: str) -> dict:
    """The one case whose name starts with ``prefix``."""
    (match,) = [entry for entry in CASES if entry["name"].startswith(prefix)]
    return match


def cases_of_kind(kind: str) -> list[dict]:
    """Every deterministic or every probabilistic case, in file order."""
    return [entry for entry in CASES if entry["kind"] == kind]
