"""``Tag.*``: Squiggle's value tags. Setting a tag returns a copy of the value carrying it
(``dsl.engine.tags``: the copy shares the value's parts; a distribution's samples are not
copied); the getters read them. The decorators ``@name``, ``@doc``, ``@format`` ... are
these functions called on the bound value (``dsl.engine.evaluator``).

As in Squiggle 0.10, tags stay with a value passed around (a list item, a function's
argument returned as is) and are not carried into new values computed from it
(``x + 1`` has none).
"""
from __future__ import annotations

from dsl.engine.dist import Dist
from dsl.base.errors import ArgumentError
from dsl.base.meter import reserve
from dsl.base.number_format import is_valid_spec, parse_spec
from dsl.engine.registry import Context, builtin
from dsl.engine.tags import NO_TAGS, TAG_NAMES, ExportData, Location, with_tags
from dsl.engine.types import (AnyValue, Boolean, DateT, DurationT, ListOf, ParamType, RecordT,
                       Str)
from dsl.engine.values import FALSE, TRUE, Function, List, Number, Record, String, Value

__all__: list[str] = []

_NONE = String("None")  # what Squiggle's getters give for a tag not set


class _Either(ParamType):
    """Values of the given classes, handed over as the Values themselves (a tag is
    put on the very value)."""

    def __init__(self, name: str, *classes: type) -> None:
        super().__init__(name)
        self.classes = classes

    def accepts(self, value):
        return isinstance(value, self.classes)


NumOrDist = _Either("Dist|Number", Number, Dist)
DistV = _Either("Dist", Dist)
ListV = _Either("List", List)
FnV = _Either("Function", Function)


class _Picture(ParamType):
    """Pictures of the given kinds (Plot, Table, Calculator), or a function making one
    from the value: what ``showAs`` takes for each kind of value, as in Squiggle."""

    def __init__(self, *kinds: str) -> None:
        super().__init__("|".join(kinds) + "|Function")
        self.kinds = kinds

    def accepts(self, value):
        return isinstance(value, Function) or value.type_name in self.kinds


DistPicture = _Picture("Plot")
ListPicture = _Picture("Table")
FunctionPicture = _Picture("Plot", "Calculator")


class _Specification(ParamType):
    """A ``Spec`` value: any value of type Specification with ``name`` and
    ``documentation`` attributes."""

    name = "Specification"

    def accepts(self, value):
        return value.type_name == "Specification"


Specification = _Specification()


def _tagged(value: Value, **tags) -> Value:
    return with_tags(value, value.tags.merge(**tags))


def _text_or_empty(text) -> str:
    return text if text is not None else ""


# ---- name and doc ----

@builtin("Tag.name", examples=[('Tag.getName(Tag.name(3, "Cost"))', '"Cost"'),
                               ('Tag.getName(1 to 2 -> Tag.name("range"))', '"range"')])
def name(value: AnyValue, name: Str) -> AnyValue:
    """The value with a user-facing name, as ``@name("...")`` gives a binding.

    Reports show the name in place of the variable's (which code still uses)."""
    return _tagged(value, name=String(name))


@builtin("Tag.getName", examples=[('Tag.getName(3)', '""')])
def get_name(value: AnyValue) -> Str:
    """The value's ``@name``, or "" when it has none."""
    return _text_or_empty(value.tags.name)


@builtin("Tag.doc", examples=[('Tag.getDoc(Tag.doc(3, "Per year"))', '"Per year"')])
def doc(value: AnyValue, doc: Str) -> AnyValue:
    """The value with documentation text, as ``@doc("...")`` gives a binding."""
    return _tagged(value, doc=String(doc))


@builtin("Tag.getDoc", examples=[('Tag.getDoc([1])', '""')])
def get_doc(value: AnyValue) -> Str:
    """The value's ``@doc`` text, or "" when it has none."""
    return _text_or_empty(value.tags.doc)


# ---- format ----

def _check_format(spec: str) -> None:
    if not is_valid_spec(spec):
        raise ArgumentError(f"Tick format [{spec}] is invalid.")
    width = parse_spec(spec).width
    if width:  # every display of the value makes a string this wide
        reserve(width, "the width of a number format")


@builtin("Tag.format", labels={"numberFormat": "the number format"},
         examples=[('Tag.getFormat(Tag.format(0.25, ".1%"))', '".1%"'),
                   ('String.make(Tag.format(0.25, ".1%"))', '"0.25, with tags {numberFormat: \\".1%\\"}"')])
def format_(value: NumOrDist, numberFormat: Str) -> NumOrDist:
    """The number or distribution with a display format: a
    [d3-format](https://d3js.org/d3-format) specifier such as ``",.2f"``, ``".1%"``,
    ``"$,.0f"``, as ``@format("...")`` gives a binding.

    ``sq run`` then shows the number, or a distribution's statistics, in that format,
    and ``--json`` adds ``"format"`` to the value. A specifier d3-format refuses is an
    error."""
    _check_format(numberFormat)
    return _tagged(value, numberFormat=String(numberFormat))


@builtin("Tag.format")
def _format_duration(value: DurationT, numberFormat: Str) -> DurationT:
    _check_format(numberFormat)
    return _tagged(value, numberFormat=String(numberFormat))


@builtin("Tag.format")
def _format_date(value: DateT, timeFormat: Str) -> DateT:
    return _tagged(value, dateFormat=String(timeFormat))


@builtin("Tag.getFormat", examples=[("Tag.getFormat(3)", '"None"')])
def get_format(value: NumOrDist) -> Str:
    """The number format set by ``Tag.format`` (``@format``), or "None"."""
    return value.tags.number_format or "None"


@builtin("Tag.getFormat")
def _get_format_duration(value: DurationT) -> Str:
    return value.tags.number_format or "None"


@builtin("Tag.getFormat")
def _get_format_date(value: DateT) -> Str:
    return value.tags.date_format or "None"


# ---- flags: hide, notebook, start open or closed ----

@builtin("Tag.hide", examples=[("Tag.getHide(Tag.hide(3))", "true"),
                               ("Tag.getHide(Tag.hide(3, false))", "false")])
def hide(value: AnyValue) -> AnyValue:
    """The value marked hidden, as ``@hide`` marks a binding: reports leave it out
    (only top-level bindings are hidden).

    ``Tag.hide(value, false)`` sets the mark to false."""
    return _tagged(value, hidden=TRUE)


@builtin("Tag.hide")
def _hide_or_not(value: AnyValue, hidden: Boolean) -> AnyValue:
    return _tagged(value, hidden=TRUE if hidden else FALSE)


@builtin("Tag.getHide", examples=[("Tag.getHide(3)", "false")])
def get_hide(value: AnyValue) -> Boolean:
    """Whether the value is marked hidden."""
    return value.tags.hidden


@builtin("Tag.notebook", examples=[('Tag.getNotebook(Tag.notebook(["Cost", 3]))', "true")])
def notebook(value: ListV) -> ListV:
    """The list marked as a notebook, as ``@notebook`` marks a binding: ``sq run``
    shows it as a document, its strings as paragraphs and its other items as values,
    without indices.

    ``Tag.notebook(list, false)`` sets the mark to false."""
    return _tagged(value, notebook=TRUE)


@builtin("Tag.notebook")
def _notebook_or_not(value: ListV, notebook: Boolean) -> ListV:
    return _tagged(value, notebook=TRUE if notebook else FALSE)


@builtin("Tag.getNotebook", examples=[("Tag.getNotebook([1])", "false")])
def get_notebook(value: AnyValue) -> Boolean:
    """Whether the value is marked as a notebook."""
    return value.tags.notebook


@builtin("Tag.startOpen", examples=[('Tag.getStartOpenState(Tag.startOpen(3))', '"open"')])
def start_open(value: AnyValue) -> AnyValue:
    """The value marked to start open in a viewer (Squiggle's playground; ``sq run``
    shows every value in full)."""
    return _tagged(value, startOpenState=String("open"))


@builtin("Tag.startClosed",
         examples=[('Tag.getStartOpenState(Tag.startClosed(3))', '"closed"')])
def start_closed(value: AnyValue) -> AnyValue:
    """The value marked to start collapsed in a viewer."""
    return _tagged(value, startOpenState=String("closed"))


@builtin("Tag.getStartOpenState", examples=[("Tag.getStartOpenState(3)", '""')])
def get_start_open_state(value: AnyValue) -> Str:
    """"open", "closed", or "" when neither was set."""
    state = value.tags.get("startOpenState")
    return state.value if isinstance(state, String) else ""


# ---- showAs and spec: pictures, kept for displays that draw them ----

@builtin("Tag.showAs", examples=[('Tag.getShowAs(3)', '"None"')])
def show_as(ctx: Context, value: DistV, picture: DistPicture) -> DistV:
    """The value with the picture to show it as (a Plot for a distribution, a Table
    for a list, a Plot or Calculator for a function), or a function making that
    picture from the value.

    sqdsl keeps the picture on the value; its text output does not draw it."""
    return _show_as(ctx, value, picture, DistPicture)


@builtin("Tag.showAs")
def _show_list_as(ctx: Context, value: ListV, picture: ListPicture) -> ListV:
    return _show_as(ctx, value, picture, ListPicture)


@builtin("Tag.showAs")
def _show_function_as(ctx: Context, value: FnV, picture: FunctionPicture) -> FnV:
    return _show_as(ctx, value, picture, FunctionPicture)


def _show_as(ctx: Context, value: Value, picture: Value, kind: _Picture) -> Value:
    if isinstance(picture, Function):
        picture = ctx.call(picture, [value])
        if picture.type_name not in kind.kinds:
            raise ArgumentError("showAs must return correct type")
    return _tagged(value, showAs=picture)


@builtin("Tag.getShowAs", examples=[("Tag.getShowAs([1, 2])", '"None"')])
def get_show_as(value: AnyValue) -> AnyValue:
    """The picture set by ``Tag.showAs``, or "None"."""
    tag = value.tags.get("showAs")
    return tag if tag is not None else _NONE


# the example reads the tag: sqdsl cannot make a Spec yet (a picture: issue 18)
@builtin("Tag.spec", examples=[('Tag.getSpec(Tag.omit(3, ["specification"]))', '"None"')])
def spec(value: AnyValue, specification: Specification) -> AnyValue:
    """The value with a specification (a ``Spec``), whose name and documentation
    become the value's ``name`` and ``doc``. A value has at most one: ``Tag.omit`` it
    first."""
    if value.tags.get("specification") is not None:
        raise ArgumentError("Specification already exists. Be sure to use Tag.omit() first.")
    return _tagged(value, specification=specification,
                   name=String(str(getattr(specification, "name", ""))),
                   doc=String(str(getattr(specification, "documentation", ""))))


@builtin("Tag.getSpec", examples=[('Tag.getSpec(3)', '"None"')])
def get_spec(value: AnyValue) -> AnyValue:
    """The specification set by ``Tag.spec``, or "None"."""
    tag = value.tags.get("specification")
    return tag if tag is not None else _NONE


# ---- location and export ----

@builtin("Tag.location",
         examples=[("(3 -> Tag.location -> Tag.getLocation).start.column", "2")])
def location(ctx: Context, value: AnyValue) -> AnyValue:
    """The value with the place in the program where ``Tag.location`` was called (as
    a decorator, ``@location``: the whole binding). Inside a helper function that is
    the helper's line, not its caller's."""
    span = ctx.span
    if span is None:
        raise ArgumentError("Location is missing in call stack")
    source = ctx.evaluator.source.name
    return _tagged(value, location=Location(source, span.line, span.column, span.start,
                                            span.end_line, span.end_column, span.end))


@builtin("Tag.getLocation", examples=[('Tag.getLocation(3)', '"None"')])
def get_location(value: AnyValue) -> AnyValue:
    """Where ``Tag.location`` was called for the value, as ``{source, start: {line,
    column, offset}, end: {...}}`` (lines and columns from 1, offsets from 0, the end
    just past the last character), or "None"."""
    loc = value.tags.get("location")
    return _location_record(loc) if loc is not None else _NONE


@builtin("Tag.getExportData", examples=[('Tag.getExportData(3)', '"None"')])
def get_export_data(value: AnyValue) -> AnyValue:
    """``{sourceId, path}`` for a value an imported module exports, or "None"."""
    data = value.tags.get("exportData")
    return _export_record(data) if data is not None else _NONE


def _location_record(loc: Location) -> Record:
    def point(line, column, offset):
        return Record({"line": Number(line), "column": Number(column),
                       "offset": Number(offset)})
    return Record({"source": String(loc.source),
                   "start": point(loc.line, loc.column, loc.offset),
                   "end": point(loc.end_line, loc.end_column, loc.end_offset)})


def _export_record(data: ExportData) -> Record:
    return Record({"sourceId": String(data.source_id),
                   "path": List(String(p) for p in data.path)})


# ---- all tags ----

@builtin("Tag.getAll", examples=[('Tag.getAll(Tag.hide(Tag.name(3, "N")))',
                                  '{name: "N", hidden: true}'),
                                 ("Tag.getAll(3)", "{}")])
def get_all(value: AnyValue) -> RecordT():
    """A record of every tag set on the value, in Squiggle's order: name, doc,
    showAs, numberFormat, dateFormat, hidden, notebook, exportData, startOpenState,
    location, specification."""
    fields = {}
    for key, tag in value.tags.items():
        if isinstance(tag, Location):
            tag = _location_record(tag)
        elif isinstance(tag, ExportData):
            tag = _export_record(tag)
        fields[key] = tag
    return Record(fields)


@builtin("Tag.omit", examples=[('Tag.getAll(Tag.omit(Tag.hide(Tag.name(3, "N")), ["hidden"]))',
                                '{name: "N"}')])
def omit(value: AnyValue, names: ListOf(Str)) -> AnyValue:
    """The value without the named tags (names as ``Tag.getAll`` lists them)."""
    for key in names:
        if key not in TAG_NAMES:
            raise ArgumentError(f"Invalid ValueTagsTypeName: {key}. Must be one of "
                                + ",".join(TAG_NAMES))
    return with_tags(value, value.tags.omit(names))


@builtin("Tag.clear", examples=[('Tag.getAll(Tag.clear(Tag.name(3, "N")))', "{}")])
def clear(value: AnyValue) -> AnyValue:
    """The value without any tags."""
    return with_tags(value, NO_TAGS) if value.tags else value
