"""The package's import graph keeps its layers (dsl/layers.py, DESIGN.md section 5).

Every import of every module of ``dsl`` and ``stdlib`` is read from its syntax tree: at
module level, inside functions and under ``if TYPE_CHECKING:`` alike, relative or
absolute, and ``importlib.import_module("literal")``. ``from P import n`` is an import
of the module ``P.n`` when there is one, else of ``P`` itself; ``import dsl`` and
``from dsl import run`` import the package's ``__init__``. The tests fail, naming the
import with its file and line, on

- a module that has no layer in ``dsl.layers.MODULES``;
- an import from a higher layer;
- an import of ``dsl/__init__.py`` (the API) from inside ``dsl``;
- a package ``__init__`` importing at module level what one of its modules may not;
- an import circle (imports under ``if TYPE_CHECKING:`` do not run, so they make no
  circle; they still count for the layers).

``ALLOWED`` lists the imports still to be removed, each with its reason; it may only
shrink (an entry that is no longer needed fails too). ``python tests/test_layers.py``
prints the whole graph's violations.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Iterable, NamedTuple, Optional


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dsl import layers  # noqa: E402

PACKAGES = ("dsl", "stdlib")

# (importer, imported): why the import is still there. Remove an entry with its import.
ALLOWED: dict[tuple[str, str], str] = {}


class Import(NamedTuple):
    """One import statement's edge: ``source`` imports ``target`` at ``path:line``."""
    source: str
    target: str
    path: str
    line: int
    in_function: bool
    type_checking: bool

    def where(self) -> str:
        kind = " (in a function)" if self.in_function else ""
        return f"{self.path}:{self.line}: {self.source} imports {self.target}{kind}"


def find_modules(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Every module under the packages: dotted name -> file (``pkg/__init__.py`` is
    ``pkg``)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if "__pycache__" in parts or not all(p.isidentifier() for p in parts):
                continue
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _known(name: str, modules: dict[str, Path]) -> Optional[str]:
    """The longest prefix of a dotted name that is one of our modules."""
    parts = name.split(".")
    while parts and ".".join(parts) not in modules:
        parts.pop()
    return ".".join(parts) if parts else None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def read_imports(module: str, path: Path, modules: dict[str, Path],
                 root: Path = ROOT) -> list[Import]:
    """The imports of one module of ours, in file order."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    shown = str(path.relative_to(root))
    found: list[Import] = []

    def add(name: Optional[str], node: ast.AST, in_function: bool, tc: bool) -> None:
        if name is not None and name != module:
            found.append(Import(module, name, shown, node.lineno, in_function, tc))

    def visit(node: ast.AST, in_function: bool, tc: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(_known(alias.name, modules), node, in_function, tc)
            return
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            submodules = [f"{name}.{a.name}" for a in node.names
                          if f"{name}.{a.name}" in modules]
            for sub in submodules:
                add(sub, node, in_function, tc)
            if len(submodules) < len(node.names):
                add(_known(name, modules), node, in_function, tc)
            return
        if isinstance(node, ast.Call) and node.args and \
                isinstance(node.args[0], ast.Constant) and \
                isinstance(node.args[0].value, str):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else None
            if called in ("import_module", "__import__"):
                add(_known(node.args[0].value, modules), node, in_function, tc)
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, in_function, True)
            for child in node.orelse:
                visit(child, in_function, tc)
            return
        inner = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                 ast.Lambda))
        for child in ast.iter_child_nodes(node):
            visit(child, inner, tc)

    visit(tree, False, False)
    return found


def all_imports(root: Path = ROOT, packages: Iterable[str] = PACKAGES
                ) -> tuple[dict[str, Path], list[Import]]:
    """The modules and every import between them."""
    modules = find_modules(root, packages)
    edges = [imp for name, path in modules.items()
             for imp in read_imports(name, path, modules, root)]
    return modules, edges


def cycles(edges: Iterable[Import]) -> list[list[str]]:
    """The import circles: strongly connected components of more than one module
    (Tarjan's algorithm, iterative), each sorted, imports under TYPE_CHECKING left out."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        if not e.type_checking:
            graph.setdefault(e.source, set()).add(e.target)
            graph.setdefault(e.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def _rank(module: str) -> int:
    return layers.LAYERS.index(layers.layer_of(module))


def upward(edges: Iterable[Import]) -> list[Import]:
    """Imports from a higher layer than the importer's."""
    return [e for e in edges if layers.layer_of(e.source) and layers.layer_of(e.target)
            and _rank(e.target) > _rank(e.source)]


def api_imports(edges: Iterable[Import]) -> list[Import]:
    """Imports of ``dsl/__init__.py`` from inside ``dsl``."""
    return [e for e in edges if e.target == "dsl" and e.source.startswith("dsl.")]


def init_imports(modules: dict[str, Path], edges: Iterable[Import]) -> list[Import]:
    """Module-level imports of a package's ``__init__`` above the lowest layer of the
    modules inside it (the ``__init__`` runs before each of them)."""
    bad = []
    for e in edges:
        if e.in_function or e.type_checking or modules[e.source].name != "__init__.py":
            continue
        inside = [m for m in modules if m.startswith(e.source + ".") and layers.layer_of(m)]
        if inside and layers.layer_of(e.target) and \
                _rank(e.target) > min(_rank(m) for m in inside):
            bad.append(e)
    return bad


def _not_allowed(edges: Iterable[Import]) -> list[Import]:
    return [e for e in edges if (e.source, e.target) not in ALLOWED]


MODULES, EDGES = all_imports()


def test_every_module_has_a_layer():
    missing = sorted(m for m in MODULES if layers.layer_of(m) is None)
    assert not missing, (
        f"modules without a layer: {', '.join(missing)}. Add each to MODULES in "
        "dsl/layers.py under the layer it belongs to (base, syntax, engine, render, front)")


def test_the_table_names_only_existing_modules():
    stale = sorted(m for m in layers.MODULES
                   if not m.endswith(".*") and m not in MODULES)
    stale += sorted(m for m in layers.MODULES if m.endswith(".*") and m[:-2] not in MODULES)
    assert not stale, f"dsl/layers.py names modules that do not exist: {stale}"
    assert set(layers.MODULES.values()) <= set(layers.LAYERS)


def test_no_import_from_a_higher_layer():
    bad = _not_allowed(upward(EDGES))
    assert not bad, "imports from a higher layer (dsl/layers.py):\n" + "\n".join(
        f"  {e.where()}: {layers.layer_of(e.source)} -> {layers.layer_of(e.target)}"
        for e in bad)


def test_nothing_in_dsl_imports_the_api():
    bad = _not_allowed(api_imports(EDGES))
    assert not bad, ("dsl/__init__.py is the API, above every module: import the module "
                     "that defines the name instead:\n" +
                     "\n".join(f"  {e.where()}" for e in bad))


def test_package_inits_import_only_what_their_modules_may():
    bad = _not_allowed(init_imports(MODULES, EDGES))
    assert not bad, ("a package's __init__ runs before each of its modules, so at module "
                     "level it may import only what all of them may:\n" +
                     "\n".join(f"  {e.where()}" for e in bad))


def test_no_import_cycles():
    kept = _not_allowed(EDGES)
    found = cycles(kept)
    lines = []
    for component in found:
        members = set(component)
        lines.append(f"  a circle of {len(component)}: {', '.join(component)}")
        lines += [f"    {e.where()}" for e in kept
                  if e.source in members and e.target in members and not e.type_checking]
    assert not found, "import circles:\n" + "\n".join(lines)


def test_the_allowed_list_only_shrinks():
    needed = {(e.source, e.target) for e in
              upward(EDGES) + api_imports(EDGES) + init_imports(MODULES, EDGES)}
    # an allowed import is also needed while leaving it in would close a circle
    for pair in ALLOWED:
        rest = [e for e in EDGES if (e.source, e.target) not in ALLOWED or
                (e.source, e.target) == pair]
        if any(pair[0] in c and pair[1] in c for c in cycles(rest)):
            needed.add(pair)
    stale = sorted(set(ALLOWED) - needed)
    assert not stale, f"remove these from ALLOWED in tests/test_layers.py: {stale}"


def test_every_module_lives_in_its_layers_package():
    """The layers are packages: a module's layer is the package it is in (only the API,
    ``python -m dsl`` and the layer table sit at the top of ``dsl``)."""
    top = {"dsl", "dsl.__main__", "dsl.layers"}
    for module in MODULES:
        if module in top or module.startswith("stdlib"):
            continue
        assert module.split(".")[1] == layers.layer_of(module), module
    assert {m for m in MODULES if m.count(".") == 1 and m.startswith("dsl.")} == \
        {"dsl.__main__", "dsl.layers", "dsl.base", "dsl.syntax", "dsl.engine",
         "dsl.render", "dsl.front"}


def test_the_version_is_the_projects():
    from dsl.base.version import __version__
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'\nversion = "{__version__}"\n' in text


# ---- the checker itself, on a made-up package (so that it can fail) ----

def _package(tmp_path: Path, files: dict[str, str]) -> tuple[dict[str, Path], list[Import]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return all_imports(tmp_path, ["pkg"])


def test_the_walker_reads_every_kind_of_import(tmp_path):
    modules, edges = _package(tmp_path, {
        "pkg/__init__.py": "from .a import x\n",
        "pkg/a.py": "x = 1\n",
        "pkg/b.py": "from . import a\nimport pkg\n",
        "pkg/c.py": "def f():\n    from .sub.d import y\n    return y\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/d.py": "from ..a import x\nfrom .. import b as bb, x\n"
                        "import importlib\nimportlib.import_module('pkg.c')\n",
        "pkg/e.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                    "    from pkg.sub import d\nimport os.path\n",
    })
    got = {(e.source, e.target, e.line, e.in_function, e.type_checking) for e in edges}
    assert got == {
        ("pkg", "pkg.a", 1, False, False),
        ("pkg.b", "pkg.a", 1, False, False),
        ("pkg.b", "pkg", 2, False, False),
        ("pkg.c", "pkg.sub.d", 2, True, False),
        ("pkg.sub.d", "pkg.a", 1, False, False),
        ("pkg.sub.d", "pkg.b", 2, False, False),
        ("pkg.sub.d", "pkg", 2, False, False),  # x is the package's own name
        ("pkg.sub.d", "pkg.c", 4, False, False),
        ("pkg.e", "pkg.sub.d", 3, False, True),
    }
    found = cycles(edges)
    # b -> a only; c -> d -> c is a circle, though c's import is inside a function;
    # d -> pkg -> a is not; e's TYPE_CHECKING import makes none
    assert found == [["pkg.c", "pkg.sub.d"]]
    assert api_imports(edges) == []  # "pkg" is not "dsl"


def test_the_checks_find_upward_imports_and_inits(tmp_path, monkeypatch):
    modules, edges = _package(tmp_path, {
        "pkg/__init__.py": "from . import high\n",
        "pkg/low.py": "def f():\n    from . import high\n",
        "pkg/high.py": "from . import low\n",
    })
    monkeypatch.setattr(layers, "MODULES", {"pkg": "front", "pkg.high": "render",
                                            "pkg.low": "base"})
    assert [(e.source, e.target) for e in upward(edges)] == [("pkg.low", "pkg.high")]
    assert [(e.source, e.target) for e in init_imports(modules, edges)] == \
        [("pkg", "pkg.high")]
    assert cycles(edges) == [["pkg.high", "pkg.low"]]


if __name__ == "__main__":
    for e in upward(EDGES):
        print("up   ", e.where(), f"({layers.layer_of(e.source)} -> "
              f"{layers.layer_of(e.target)})")
    for e in api_imports(EDGES) + init_imports(MODULES, EDGES):
        print("api  ", e.where())
    for component in cycles(EDGES):
        print(f"cycle {len(component)}: {' '.join(component)}")
    missing = sorted(m for m in MODULES if layers.layer_of(m) is None)
    if missing:
        print("no layer in dsl/layers.py:", " ".join(missing))
    print(f"{len(MODULES)} modules, {len(EDGES)} imports read")
