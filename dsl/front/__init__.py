"""The front-end layer: what a person drives. The command line (``cli``, ``progress``,
``watch``), the REPL (``repl``), the notebook's HTML (``notebook``), the ``%%sq``
magics (``jupyter_magics``) and the playground's server (``serve``). Nothing below
``dsl.front`` imports from here (dsl/layers.py)."""
