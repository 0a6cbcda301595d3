"""The manifest of builtin names is current, and modules load only when used."""
import subprocess
import sys

from stdlib.catalogue import MANIFEST_PATH, MODULES


def test_manifest_is_up_to_date():
    # built in a fresh interpreter, so that every module is imported by the builder
    fresh = subprocess.run([sys.executable, "-c",
                            "from stdlib.catalogue import manifest_source; "
                            "print(manifest_source(), end='')"],
                           capture_output=True, text=True, check=True).stdout
    assert fresh == MANIFEST_PATH.read_text(), \
        "stdlib/manifest.py is stale: regenerate it with `python -m stdlib.catalogue`"


def test_every_declaring_module_is_catalogued():
    from stdlib.manifest import MANIFEST
    for module in MANIFEST:
        assert module in MODULES or module.startswith("stdlib.takeoff_"), module


def _loaded_after(source: str) -> set[str]:
    code = ("import sys, dsl\n"
            f"dsl.evaluate({source!r}, samples=10)\n"
            "print(' '.join(m for m in sys.modules if m.startswith('stdlib.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_modules_load_on_first_use():
    assert _loaded_after("1") == {"stdlib.manifest"}
    used = _loaded_after("normal(0, 1) + 1")
    assert {"stdlib.dists", "stdlib.arithmetic"} <= used
    assert "stdlib.takeoff_rates" not in used and "stdlib.lists" not in used
    assert "stdlib.takeoff_rates" in _loaded_after("growthRate(4)")


def test_names_are_known_before_loading():
    code = ("import sys, dsl, stdlib\n"
            "from dsl.engine.registry import DEFAULT\n"
            "names = DEFAULT.global_names()\n"
            "assert 'growthRate' in names and 'List' in DEFAULT.namespace_names()\n"
            "assert 'map' in DEFAULT.members('List')\n"
            "assert 'stdlib.takeoff_rates' not in sys.modules\n"
            "try:\n"
            "    dsl.evaluate('grothRate(4)')\n"
            "except dsl.DslError as e:\n"
            "    print(e.message)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "did you mean growthRate?" in out
