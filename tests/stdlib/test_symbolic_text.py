"""How Sym.* values and point sets read as strings: Squiggle's toString."""
import dsl


def ev(source: str):
    return dsl.Session(samples=1000, seed=1).evaluate(source)


def test_strings_are_squiggles():
    got = ev("[String(Sym.normal(5, 1)), String(Sym.gamma(2, 3)), "
             "String(Sym.triangular(1, 2, 3)), String(Sym.normal(0.1, 1e-7) * 3), "
             "String(PointSet.fromNumber(3)), String(normal(5, 1))]").to_python()
    assert got == ["Normal(5,1)", "(2, 3)", "Triangular(1, 2, 3)",
                   "Normal(0.30000000000000004,3e-7)", "Point Set Distribution",
                   "Sample Set Distribution"]
