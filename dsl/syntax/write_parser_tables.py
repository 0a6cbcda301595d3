"""``python -m dsl.syntax.write_parser_tables [--check]``: write (or check) dsl/syntax/parser_tables.py,
the LALR tables built ahead of time from grammar.lark (see dsl/syntax/built_parser.py).

A tool for whoever edits the grammar, above both the parser and the table loader: it
reads the grammar and the post-lexer from ``dsl.syntax.parser`` and hands them to
``dsl.syntax.built_parser``, which knows neither.
"""
from __future__ import annotations

import sys
from typing import Optional

from . import parser_tables
from .built_parser import TABLES, tables_key, tables_source
from .parser import GRAMMAR, StatementSeparators

__all__ = ["up_to_date", "main"]


def up_to_date(grammar: str) -> bool:
    """Whether the shipped tables were made from ``grammar`` with these options."""
    return parser_tables.TABLES_KEY == tables_key(grammar, StatementSeparators())


def main(argv: Optional[list] = None) -> int:
    """Write dsl/syntax/parser_tables.py, or with ``--check`` exit 1 if it is out of date."""
    argv = sys.argv[1:] if argv is None else argv
    grammar = GRAMMAR.read_text(encoding="utf-8")
    if "--check" in argv:
        if not up_to_date(grammar):
            print(f"{TABLES} is out of date: run python -m dsl.syntax.write_parser_tables",
                  file=sys.stderr)
            return 1
        return 0
    TABLES.write_text(tables_source(grammar, StatementSeparators()), encoding="utf-8")
    print(f"wrote {TABLES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
