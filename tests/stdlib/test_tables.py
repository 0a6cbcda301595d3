"""Table.make, Calculator.make, Input.* and Spec.make: Squiggle 0.10's tables, calculators
and specifications as values (texts and messages as Squiggle 0.10 gave them)."""
from __future__ import annotations

import pytest

import dsl
from dsl import DslError
from dsl.render.report import render_text
from dsl.engine.pictures import Input, Specification
from dsl.engine.table_values import Calculator, CellError, Table


def ev(source: str):
    return dsl.Session(samples=1_000, seed=0).evaluate(source)


def error(source: str) -> DslError:
    with pytest.raises(DslError) as caught:
        dsl.run("a = 1\nx = " + source, samples=1_000)
    return caught.value


# ---- tables ----

def test_a_tables_cells_are_its_columns_functions_of_its_items():
    t = ev('Table.make([1, 2, 3], {columns: [{name: "x", fn: {|x| x}}, '
           '{name: "dist", fn: {|x| normal(x, 1)}}]})')
    assert isinstance(t, Table)
    assert [name for name, _ in t.columns] == ["x", "dist"]
    assert [row[0].value for row in t.cells] == [1, 2, 3]
    assert [row[1].mean() for row in t.cells] == pytest.approx([1, 2, 3], abs=1e-12)
    s = t.summary()
    assert s["type"] == "table" and s["text"] == "Table with 2x3 elements"
    assert [c["name"] for c in s["columns"]] == ["x", "dist"]
    assert s["columns"][0]["fn"] == {"type": "function", "params": ["x"]}
    assert [d["value"] for d in s["data"]] == [1, 2, 3]
    assert s["rows"][1][0] == {"type": "number", "value": 2.0}
    assert s["rows"][1][1]["type"] == "dist"


def test_a_failing_cell_holds_its_error_and_the_table_stands():
    t = ev('Table.make([1, 2], {columns: [{fn: {|x| x == 2 ? throw("no two") : x}}]})')
    assert t.cells[0][0].value == 1
    assert isinstance(t.cells[1][0], CellError) and "no two" in t.cells[1][0].message
    assert t.summary()["rows"][1][0] == {"type": "error", "message": t.cells[1][0].message}
    assert t.columns[0][0] is None


def test_table_forms_types_and_texts():
    assert ev('typeOf(Table.make([1], {columns: []}))').value == "Table Chart"
    assert ev('String(Table.make({data: [1, 2, 3], columns: [{fn: {|x| x}, name: "a"}, '
              '{fn: {|x| x}}]}))').value == "Table with 2x3 elements"
    assert ev('String(Table([1], {columns: []}))').value == "Table with 0x1 elements"
    # keys Squiggle does not name are ignored
    assert isinstance(ev('Table.make([1], {columns: [{fn: {|x| x}, extra: 3}]})'), Table)


@pytest.mark.parametrize("source", ["Table.make([1, 2], {columns: [{fn: {|x, y| x}}]})",
                                    "Table.make([1, 2], {columns: [{fn: 3}]})"])
def test_a_column_needs_a_function_of_one_item(source):
    assert "does not support arguments" in error(source).message


def test_table_report_line():
    out = dsl.run('t = Table.make([1, 2], {columns: [{name: "x", fn: {|x| x}}, '
                  '{name: "y", fn: {|x| x}}]})', samples=100)
    assert render_text(out, color=False) == (
        "t: Table of 2 rows and 2 columns: x, y\n  x  y\n  1  1\n  2  2")
    assert out.to_python()["t"]["rows"] == [[1.0, 1.0], [2.0, 2.0]]


def test_show_as_a_table_for_a_list():
    out = ev("[1, 2] -> Tag.showAs({|xs| Table.make(xs, {columns: [{fn: {|x| x * 10}}]})})")
    assert out.tags.get("showAs").cells[1][0].value == 20


# ---- calculators and inputs ----

def test_calculator_holds_its_function_inputs_and_settings():
    c = ev('Calculator.make({|a, b| a + b}, {title: "Sum", inputs: ['
           'Input.text({name: "a", default: "1"}), Input.text({name: "b", default: 2})], '
           'sampleCount: 10k})')
    assert isinstance(c, Calculator)
    assert [(i.name, i.default) for i in c.inputs] == [("a", "1"), ("b", "2")]
    assert (c.title, c.description, c.autorun, c.sample_count) == ("Sum", None, True, 10000)
    s = c.summary()
    assert s["type"] == "calculator" and s["text"] == "Calculator"
    assert s["fn"] == {"type": "function", "params": ["a", "b"]}
    assert s["inputs"][1] == {"type": "input", "kind": "text", "name": "b",
                              "description": None, "default": "2", "text": "Text input"}
    assert (s["autorun"], s["sampleCount"]) == (True, 10000.0)


def test_a_bare_function_gets_one_text_field_per_parameter():
    c = ev("Calculator({|x: [1, 10], y| x})")
    assert [(i.kind, i.name, i.default, i.type_text) for i in c.inputs] == [
        ("text", "x", "", "Number.rangeDomain(1, 10)"), ("text", "y", "", "any")]
    assert ev("typeOf(({|x| x * 5}) -> Calculator)").value == "Calculator"
    # a builtin's fields as Squiggle names them, with its default code for the type
    assert [(i.name, i.type_text, i.default) for i in ev("Calculator.make(Math.sqrt)").inputs
            ] == [("Input 1", "Number", "0")]


def test_title_and_description_come_from_the_functions_tags():
    session = dsl.Session(samples=100, seed=0)
    session.run('@name("Speed") @doc("km per hour") f(d, t) = d / t')
    c = session.evaluate("Calculator(f)")
    assert (c.title, c.description) == ("Speed", "km per hour")


def test_the_record_form_leaves_autorun_unset():
    c = ev('Calculator.make({fn: {|x| x}, inputs: [Input.text({name: "a"})]})')
    assert c.autorun is None  # Squiggle 0.10's `autorun === null ? true : autorun`
    assert ev('Calculator.make({|x| x}, {autorun: false})').autorun is False


@pytest.mark.parametrize("source, message", [
    ('Calculator.make({|x, y| x}, {inputs: [Input.text({name: "a"})]})',
     "Calculator function needs 2 parameters, but 1 fields were provided."),
    ('Calculator.make({|x| x}, {inputs: [Input.text({name: "a"}), Input.text({name: "a"})]})',
     "Duplicate calculator field names found."),
    ('Calculator.make({|x| x}, {inputs: [Input.text({name: ""})]})',
     "Calculator field names can't be empty."),
    ('Calculator.make({|x, y| x}, {inputs: [Input.text({name: ""}), Input.text({name: ""}), '
     'Input.text({name: ""})]})', "Duplicate calculator field names found."),
    ("Calculator.make({fn: {|x| x}})",
     "Calculator function needs 1 parameters, but 0 fields were provided."),
    ('Calculator.make(normal, {inputs: []})',
     "Calculator function needs 1 or 2 parameters, but 0 fields were provided."),
    ('Input.select({name: "a", options: []})', "Options cannot be empty"),
    ('Input.select({name: "a", options: ["x"], default: "y"})',
     "Default value must be one of the options provided"),
    ('Input.select({name: "a", options: ["x", "x"]})', "Options cannot have duplicate values"),
])
def test_bad_calculators_and_inputs_are_errors_at_the_call(source, message):
    e = error(source)
    assert e.message == message
    assert (e.line, e.column) == (2, 5)


@pytest.mark.parametrize("source, text", [
    ('Input.text({name: "a"})', "Text input"),
    ('Input.textArea({name: "a", default: "[1, 2]"})', "Text area input"),
    ('Input.checkbox({name: "a", default: true})', "Check box input"),
    ('Input.select({name: "a", options: ["x", "y"]})', "Select input (x, y)"),
])
def test_inputs_text_and_type(source, text):
    assert ev(f"String({source})").value == text
    assert ev(f"typeOf({source})").value == "Input"


def test_input_defaults_as_squiggle_keeps_them():
    assert ev('Input.text({name: "a", default: 2.5})').default == "2.5"
    assert ev('Input.text({name: "a", default: 0})').default is None  # falsy: none
    assert ev('Input.text({name: "a", default: ""})').default is None
    assert ev('Input.text({name: "a", description: ""})').description is None
    assert ev('Input.checkbox({name: "a"})').default is None
    select = ev('Input.select({name: "a", options: ["x", "y"], default: "y"})')
    assert isinstance(select, Input)
    assert select.summary()["options"] == ["x", "y"] and select.default == "y"
    for source in ['Input.text({name: "a", default: true})', "Input.text({})"]:
        assert "does not support arguments" in error(source).message


def test_inputs_and_calculators_are_not_comparable():
    e = error('Input.text({name: "a"}) == Input.text({name: "a"})')
    assert e.message == "Equal not implemented for these inputs"
    assert ev('Input.text({name: "a"}) == Input.checkbox({name: "a"})').value is False


def test_calculator_report_line():
    out = dsl.run('c = Calculator.make({|a, b| a}, {title: "T", inputs: ['
                  'Input.text({name: "a"}), Input.checkbox({name: "b", default: true})]})\n'
                  'i = Input.checkbox({name: "b", default: true})', samples=100)
    assert render_text(out, color=False) == (
        'c: Calculator "T" with 2 inputs: a, b\n'
        '  T\n'
        '    input  kind             default\n'
        '    a      Text input\n'
        '    b      Check box input  true\n'
        '\n'
        '    result of the defaults\n'
        '      no result: a field has no default\n'
        '\n'
        'i: Check box input "b" (default true)')


# ---- specifications ----

def test_a_specification_and_tag_spec():
    spec = ev('Spec.make({name: "Stock", documentation: "Market values", '
              'validate: {|f| ""}})')
    assert isinstance(spec, Specification)
    assert (spec.name, spec.documentation) == ("Stock", "Market values")
    assert spec.summary()["validate"] == {"type": "function", "params": ["f"]}
    assert ev('typeOf(Spec({name: "a", documentation: "b", validate: {|x| x}}))').value == \
        "Specification"
    session = dsl.Session(samples=100, seed=0)
    session.run('s = Spec.make({name: "Stock", documentation: "Market values", '
                'validate: {|f| ""}})\n@spec(s) est = 3')
    assert session.evaluate("Tag.getName(est)").value == "Stock"
    assert session.evaluate("Tag.getDoc(est)").value == "Market values"
    assert session.evaluate("s == s").value is True
    assert session.evaluate("Tag.getSpec(est) == s").value is True
    other = 'Spec.make({name: "Stock", documentation: "Market values", validate: {|f| ""}})'
    assert session.evaluate(f"s == {other}").value is False  # only itself


def test_a_specification_needs_a_function():
    assert "does not support arguments" in error(
        'Spec.make({name: "a", documentation: "b", validate: 3})').message
