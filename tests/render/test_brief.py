"""``sq run --brief`` (dsl.render.brief): one line per binding."""
from pathlib import Path

import dsl
from dsl.front.cli import main
from dsl.render.brief import brief_text

HERE = Path(__file__).parent


def test_one_aligned_line_per_visible_binding():
    result = dsl.run('@name("Cost")\ncost = 10 to 100\n@hide\nsecret = 1\n'
                     'n = 3\np = cost > 50\nr = {a: 1}', samples=20_000, seed=1)
    lines = brief_text(result, 80).splitlines()
    assert [l.split()[0] for l in lines] == ["Cost", "n", "p", "r"]
    assert lines[0].startswith("Cost  mean 40.4  90% 10 to 100  ")
    assert lines[1] == "n     3"
    assert lines[2] == "p     probability 0.255"
    assert lines[3] == "r     {a: 1}"
    spark = lines[0].split()[-1]
    assert len(spark) == 12 and set(spark) <= set("▁▂▃▄▅▆▇█ ")


def test_lines_are_cut_to_the_width_and_format_applies():
    result = dsl.run('@format("$,.0f")\ncost = 1k to 20k\nlong = List.upTo(1, 100)',
                     samples=5000, seed=1)
    lines = brief_text(result, 40).splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines[0].startswith("cost  mean $6,7") and lines[1].endswith("…")


def test_cli(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    model = tmp_path / "m.sq"
    model.write_text("a = 1 to 2\nb = 3\n")
    assert main(["run", str(model), "--brief", "--samples", "1000"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and out[0].startswith("a  mean 1.45  90% 1 to 2  ") and out[1] == "b  3"


def test_cutting_keeps_colour_codes_whole():
    from dsl.render.text import cut_visible, visible_len
    line = "\x1b[1mname\x1b[0m  " + "x" * 40
    cut = cut_visible(line, 20)
    assert visible_len(cut) == 20 and cut.startswith("\x1b[1mname\x1b[0m")
    assert cut.endswith("\x1b[0m…")
    assert cut_visible("abcdef", 4) == "abc…"
