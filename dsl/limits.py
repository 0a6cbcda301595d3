"""Resource limits: a model that asks for too much gets a clear LimitError, not a hang or
an out-of-memory kill."""
from __future__ import annotations

from typing import Optional

from .structs import Struct

__all__ = ["Limits"]


class Limits(Struct, frozen=True):
    """Ceilings on what one run may use. The defaults suit a laptop; an embedding
    service evaluating untrusted models may lower them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .limit_checks import check_limits
        check_limits(self)  # NaN, negative or non-numeric limits: an ArgumentError

    max_samples: int = 10_000_000
    """Largest sample count a session accepts."""
    max_depth: int = 400
    """Deepest nesting of user-function calls (recursion)."""
    max_list_length: int = 10_000_000
    """Longest list a builtin may build, and the most values a nested list or record
    may hold in all (a part it holds twice counted twice: what showing it writes out)."""
    max_nesting: int = 300
    """Deepest nesting of lists and records in a value (``[[[1]]]`` is 3 deep). Values
    are walked (compared, shown, converted to JSON) within this depth; past a few
    hundred, ``json.dumps`` of a summary meets Python's default recursion limit."""
    max_elements: int = 500_000_000
    """Total elements (samples and list items) a run may allocate: 4 GB of float64.
    1M samples in 500 distribution-valued steps, for example."""
    time_limit: Optional[float] = 600.0
    """Wall-clock seconds a run may take (None: no limit). Checked between evaluation
    steps, so one long numpy operation can overrun it a little."""
