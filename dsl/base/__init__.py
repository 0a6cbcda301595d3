"""The base layer: what every layer shares and that knows nothing of the language.

Source positions and reading files (``source``), the error classes (``errors``), limits
and the run's clock (``limits``, ``meter``, ``steps``, ``recursion``), control
characters, the ``Struct`` helper, histogram bins, JavaScript's number and date formats,
and the hooks a higher layer installs for a lower one (``html_hooks``, ``python_hooks``).
It imports nothing else of ``dsl`` (dsl/layers.py).
"""
