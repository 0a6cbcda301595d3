"""Tag.* and the decorators: Squiggle 0.10's value tags (values checked against what
Squiggle 0.10 gave for the same programs; tests/squiggle has the recorded corpus)."""
from __future__ import annotations

import json

import numpy as np
import pytest

import dsl
from dsl import DslError
from dsl.render.report import render_text
from dsl.engine.dist import Dist
from dsl.engine.tags import NO_TAGS
from dsl.engine.values import Number


def ev(source: str):
    return dsl.Session(samples=1_000, seed=0).evaluate(source)


def run(source: str):
    return dsl.run(source, samples=1_000, seed=0)


@pytest.mark.parametrize("source, expected", [
    ('Tag.getName(Tag.name(3, "Cost"))', "Cost"),
    ('Tag.getDoc(Tag.doc(3, "Per year"))', "Per year"),
    ("Tag.getName(3)", ""),
    ("Tag.getDoc(3)", ""),
    ('Tag.getFormat(Tag.format(0.25, ".1%"))', ".1%"),
    ('Tag.getFormat(normal(0, 1) -> Tag.format("$,.2f"))', "$,.2f"),
    ("Tag.getFormat(3)", "None"),
    ("Tag.getShowAs(3)", "None"),
    ("Tag.getSpec(3)", "None"),
    ("Tag.getExportData(3)", "None"),
    ("Tag.getLocation(3)", "None"),
    ("Tag.getStartOpenState(3)", ""),
    ("Tag.getStartOpenState(Tag.startOpen(3))", "open"),
    ("Tag.getStartOpenState(Tag.startClosed(3))", "closed"),
    # the value is a tagged copy: later tags replace earlier ones of the same name
    ('Tag.getName(Tag.name(Tag.name(3, "a"), "b"))', "b"),
    # tags stay with the value passed around...
    ('Tag.getName([Tag.name(1, "a")][0])', "a"),
    ('Tag.getName({k: Tag.name(1, "a")}.k)', "a"),
    ('Tag.getName({|x| x}(Tag.name(1, "a")))', "a"),
    # ...and are not carried into values computed from it, as in Squiggle
    ('Tag.getFormat(Tag.format(3, ".1%") + 1)', "None"),
    ('Tag.getName(mean(Tag.name(normal(0, 1), "n")))', ""),
])
def test_getters(source, expected):
    assert ev(source).value == expected


@pytest.mark.parametrize("source, expected", [
    ("Tag.getHide(Tag.hide(3))", True),
    ("Tag.getHide(Tag.hide(3, false))", False),
    ("Tag.getHide(3)", False),
    ("Tag.getNotebook(Tag.notebook([1]))", True),
    ("Tag.getNotebook(Tag.notebook([1], false))", False),
    ("Tag.getNotebook([1])", False),
    ('Tag.name(3, "a") == 3', True),   # a tagged value compares as the value
    ('[Tag.name(1, "a"), 2] == [1, 2]', True),
])
def test_flags_and_equality(source, expected):
    assert ev(source).value is expected


def test_get_all_lists_tags_in_squiggles_order():
    got = ev('Tag.getAll(Tag.location(Tag.startOpen(Tag.hide(Tag.notebook('
             'Tag.doc(Tag.name([1], "N"), "D"))))))').to_python()
    assert list(got) == ["name", "doc", "hidden", "notebook", "startOpenState", "location"]
    assert got["name"] == "N" and got["hidden"] is True and got["startOpenState"] == "open"
    assert ev("Tag.getAll(3)").to_python() == {}


def test_omit_and_clear():
    assert ev('Tag.getAll(Tag.omit(Tag.hide(Tag.name(3, "N")), ["hidden"]))').to_python() \
        == {"name": "N"}
    assert ev('Tag.getAll(Tag.clear(Tag.hide(Tag.name(3, "N"))))').to_python() == {}
    assert ev('Tag.clear(Tag.name(3, "N"))').tags is NO_TAGS


def test_decorators_are_tag_calls_on_the_bound_value():
    res = run('@doc("d") @name("N")\nx = 1\na = Tag.getDoc(x)\nb = Tag.getName(x)\n'
              '@hide\nh = 2\nc = Tag.getHide(h)\n@notebook\nnb = ["text", 1]\n'
              'd = Tag.getNotebook(nb)\n@format(".1%")\np = 0.25\ne = Tag.getFormat(p)\n'
              '@name("F") f(x) = x + 1\ng = Tag.getName(f)\nk = f(2)')
    values = res.to_python()
    assert (values["a"], values["b"], values["c"], values["d"], values["e"], values["g"]) \
        == ("d", "N", True, True, ".1%", "F")
    assert values["k"] == 3  # a tagged function still calls
    binding = res.info["x"]
    assert (binding.label, binding.doc, binding.hidden) == ("N", "d", False)
    assert res.info["h"].hidden


def test_the_first_decorator_is_applied_last():
    # Squiggle 0.10: `@startOpen @name("a") @startClosed x = 1` is open
    res = run('@startOpen @name("a") @startClosed\nx = 1\ns = Tag.getStartOpenState(x)')
    assert res.to_python()["s"] == "open"


def test_tags_set_in_the_expression_label_the_binding_as_decorators_do():
    res = run('x = 1 -> Tag.name("X") -> Tag.doc("about x")\ny = 2 -> Tag.hide\nz = 3')
    assert (res.info["x"].label, res.info["x"].doc) == ("X", "about x")
    assert res.info["y"].hidden and not res.info["z"].hidden
    assert "y" not in res.summary()["bindings"]


def test_a_tagged_distribution_shares_its_samples():
    s = dsl.Session(samples=1_000, seed=0)
    s.run('x = normal(0, 1)\n@format(".1f")\ny = x\nz = Tag.name(x, "z")')
    x, y, z = (s.bindings[n].value for n in "xyz")
    assert isinstance(y, Dist) and y.samples is x.samples and z.samples is x.samples
    assert y.law is x.law and y.mean() == x.mean()
    assert x.tags is NO_TAGS and y.tags.number_format == ".1f"


def test_untagged_values_carry_nothing():
    n = Number(1.0)
    assert n.tags is NO_TAGS and type(n) is Number
    assert not hasattr(n, "__dict__")


def test_location_is_the_call_or_the_whole_decorated_binding():
    # the offsets, lines and columns Squiggle 0.10 gave for this program
    res = run("@location\nx = 1\ny = 2 -> Tag.location\n"
              "f(v) = Tag.location(v)\nw = f(3)\n"
              "a = Tag.getLocation(x)\nb = Tag.getLocation(y)\nc = Tag.getLocation(w)")
    values = res.to_python()
    assert values["a"]["start"] == {"line": 1, "column": 1, "offset": 0}
    assert values["a"]["end"] == {"line": 2, "column": 6, "offset": 15}
    assert values["b"]["start"] == {"line": 3, "column": 5, "offset": 20}
    assert values["b"]["end"] == {"line": 3, "column": 22, "offset": 37}
    # inside a helper: the helper's own call of Tag.location
    assert values["c"]["start"] == {"line": 4, "column": 8, "offset": 45}
    assert values["c"]["end"] == {"line": 4, "column": 23, "offset": 60}


def test_json_adds_the_format_of_formatted_values():
    summary = run('@format(".1%")\np = 0.25\nq = normal(0, 1) -> Tag.format("$,.2f")\n'
                  'r = [Tag.format(2, "d")]\ns = 1').summary()["bindings"]
    assert summary["p"] == {"type": "number", "value": 0.25, "format": ".1%"}
    assert summary["q"]["format"] == "$,.2f" and summary["q"]["type"] == "dist"
    assert summary["r"]["items"][0]["format"] == "d"
    assert "format" not in summary["s"]
    json.dumps(summary, allow_nan=False)


@pytest.mark.parametrize("source, kind, fragment, column", [
    ('Tag.format(3, "abc")', "ArgumentError", "Tick format [abc] is invalid.", 1),
    ('Tag.omit(3, ["foo"])', "ArgumentError",
     "Invalid ValueTagsTypeName: foo. Must be one of name,doc,showAs,numberFormat,", 1),
    ("Tag.notebook(3)", "ArgumentError", "Tag.notebook(value: List)", 1),
    ('Tag.format("s", ".1%")', "ArgumentError", "Tag.format(value: Dist|Number", 1),
    ("Tag.getFormat([1])", "ArgumentError", "Tag.getFormat(value: Dist|Number)", 1),
    ("Tag.showAs(3, 4)", "ArgumentError", "Tag.showAs", 1),
    ("Tag.name(3)", "ArgumentError", "was given 1 argument", 1),
])
def test_errors(source, kind, fragment, column):
    with pytest.raises(DslError) as info:
        ev("x = 1\n" + source)
    e = info.value
    assert (e.kind, e.line, e.column) == (kind, 2, column), e.message
    assert fragment in e.message


@pytest.mark.parametrize("source, fragment", [
    ('@format(".1%")\nx = "s"', "Tag.format(value: Dist|Number"),
    ('@format("abc")\nx = 3', "Tick format [abc] is invalid."),
    ("@notebook\nx = 3", "Tag.notebook(value: List)"),
    ("@name(1)\nx = 3", "Tag.name(value: Any, name: String)"),
])
def test_a_decorator_error_points_at_the_binding(source, fragment):
    with pytest.raises(DslError) as info:
        run("y = 1\n" + source)
    assert (info.value.line, info.value.column) == (2, 1)
    assert fragment in info.value.message


def test_unknown_decorator_is_a_parse_error_naming_it():
    with pytest.raises(DslError) as info:
        run('@color("red")\nx = 1')
    assert "@color" in info.value.message


def test_tagging_a_big_distribution_copies_no_samples():
    s = dsl.Session(samples=200_000, seed=0)
    s.run("x = normal(0, 1)\ny = x -> Tag.name('y') -> Tag.doc('d') -> Tag.hide")
    assert np.shares_memory(s.bindings["x"].value.samples, s.bindings["y"].value.samples)


# ---- how reports show tags ----

def report(source: str) -> str:
    return render_text(run(source), color=False, width=80)


def test_format_applies_to_numbers_and_to_a_distributions_figures():
    text = report('@format(".1%")\np = 0.1234\nxs = [Tag.format(1234.5, "$,.0f"), 2]\n'
                  'q = normal(5, 1) -> Tag.format("$,.2f")')
    lines = text.splitlines()
    assert lines[0] == "p: 12.3%"
    assert lines[1] == "xs: [$1,235, 2]"
    assert lines[3] == "q"
    assert lines[4].startswith("  mean $5.00  stdev $1.00  5% $3.36")
    # the histogram's ticks and marks too
    assert lines[-3].split() == ["$3.00", "$4.00", "$5.00", "$6.00", "$7.00"]
    assert lines[-1].split() == ["▲", "mean", "$5.00", "△", "median", "$5.00"]


def test_notebook_is_a_document_of_paragraphs_and_values():
    text = report('@notebook\nnb = ["## Costs", "Rent is\\nfixed.", Tag.format(0.25, ".0%"), '
                  '{a: 1}]\nafter = 1')
    assert text.splitlines() == ["nb:", "  ## Costs", "", "  Rent is", "  fixed.", "",
                                 "  25%", "", "  {a: 1}", "", "after: 1"]


def test_a_notebook_shows_a_distribution_with_its_histogram():
    text = report('@notebook\nnb = ["A normal:", normal(0, 1)]')
    lines = text.splitlines()
    assert lines[:3] == ["nb:", "  A normal:", ""]
    assert lines[3].startswith("  mean 0  stdev 1")
    assert any("┬" in line for line in lines[4:])


def test_a_list_without_notebook_prints_as_before():
    assert report('nb = ["## Costs", 1]') == 'nb: ["## Costs", 1]'
    assert report('nb = Tag.notebook(["a"], false)') == 'nb: ["a"]'


def test_an_imported_modules_exports_carry_their_export_data(tmp_path):
    (tmp_path / "costs.sq").write_text("export rate = 3\nsecret = 4\n")
    (tmp_path / "model.sq").write_text(
        'import "./costs.sq" as costs\na = Tag.getExportData(costs.rate)\n'
        "b = Tag.getExportData(costs)\nc = costs.rate * 2\nd = Tag.getExportData(c)\n")
    values = dsl.run_file(str(tmp_path / "model.sq"), samples=100).to_python()
    assert values["a"] == {"sourceId": "./costs.sq", "path": ["rate"]}
    assert values["b"] == {"sourceId": "./costs.sq", "path": []}
    assert (values["c"], values["d"]) == (6, "None")


def test_decorators_inside_a_block_tag_the_value_too():
    # Squiggle 0.10: y = { @name("N") x = 1; Tag.getName(x) } is "N"
    assert ev('{\n  @name("N")\n  x = 1\n  Tag.getName(x)\n}').value == "N"
    assert ev('{ @hide @doc("d") x = 2; [Tag.getHide(x), Tag.getDoc(x)] }').to_python() \
        == [True, "d"]


def test_a_session_recomputes_a_block_whose_decorator_reads_a_binding():
    s = dsl.Session(samples=100, seed=0)
    s.run('label = "first"\ny = { @name(label) x = 1; Tag.getName(x) }')
    assert s.bindings["y"].value.value == "first"
    s.run('label = "second"')
    assert s.bindings["y"].value.value == "second"


def test_wide_formatted_figures_wrap_at_the_width():
    lines = report('v = 1B to 8B -> Tag.format("$,.0f")').splitlines()
    assert lines[0] == "v"
    assert lines[1].startswith("  mean $") and lines[2].startswith("  25% $")
    assert all(len(line) <= 80 for line in lines)


def test_a_notebook_list_item_hangs_under_its_text():
    text = report('@notebook\nnb = ["- ' + "word " * 20 + '"]')
    assert text.splitlines()[1:] == ["  - " + "word " * 14 + "word",
                                     "    " + "word " * 4 + "word"]


def test_a_formatted_condition_shows_its_probability_in_the_format():
    line = report('@format(".1%")\np = normal(0, 1) > 1').splitlines()[0]
    shown = line.split()[2]  # "p: probability 14.9%  ███..."
    # P(Z > 1) = 15.87%; 1,000 samples: standard error 1.2 points
    assert shown.endswith("%") and abs(float(shown[:-1]) - 15.87) < 5
    assert len(shown.split(".")[1]) == 2  # one decimal, as ".1%" says


def test_show_as_wants_the_picture_for_the_kind_of_value():
    with pytest.raises(DslError) as info:
        ev("Tag.showAs([1], {|d| 3})")
    assert info.value.message == "showAs must return correct type"
    with pytest.raises(DslError) as info:  # a list shows as a Table, not a number
        ev("Tag.showAs([1], 3)")
    assert "Tag.showAs(value: List, picture: Table|Function)" in info.value.message


def test_show_as_keeps_the_picture():
    assert ev("Tag.getShowAs(normal(0, 1) -> Tag.showAs({|d| Plot.dist(d)}))").type_name \
        == "Plot"
    with pytest.raises(DslError):  # a Plot is for a distribution or a function
        ev("Tag.showAs([1], Plot.dist(normal(0, 1)))")
