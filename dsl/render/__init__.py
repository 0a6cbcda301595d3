"""The render layer: values -> views (``views``) -> text (``text``), JSON (``json``) and
SVG/HTML. Imports only from the engine (values, distributions, pictures, number
formats), never from a front end (session drivers, CLI, REPL)."""
