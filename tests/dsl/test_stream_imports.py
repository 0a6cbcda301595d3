"""A streamed run's imports travel as text (dsl/engine/stream_imports.py): resolved and
read where the run starts, with the in-memory run's checks; a chunk never reads a file,
so chunks run in other processes, in another working directory, with the model's
folder gone, give the in-memory run's figures."""
from __future__ import annotations

import concurrent.futures
import os

import numpy as np
import pytest

import dsl
from dsl.base.errors import DslError
from dsl.base.limits import Limits
from dsl.engine.parallel import CHUNK
from dsl.engine.stream_chunk import ChunkTask, run_chunk
from dsl.engine.streaming import stream_run

MAIN = """import "./lib.sq" as lib
import "./sub/deep.sq" as deep
x = lib.scaled(normal(0, 1))
y = x + deep.shift
p = prob(y > lib.cut)
m = mean(y)
"""
LIB = """import "./sub/deep.sq" as deep
export scaled(d) = d * 2 + deep.shift
export cut = 3
"""
DEEP = """export shift = 1 to 2
"""
N = 3 * CHUNK


def _folder(root) -> str:
    folder = root / "model"
    (folder / "sub").mkdir(parents=True)
    (folder / "main.sq").write_text(MAIN)
    (folder / "lib.sq").write_text(LIB)
    (folder / "sub" / "deep.sq").write_text(DEEP)
    return str(folder)


def _chdir_to(path: str) -> None:
    os.chdir(path)


class ElsewhereExecutor:
    """Runs each chunk in a fresh worker process whose working directory is another
    folder, after moving the model's folder away: a chunk that read an import from
    disk would fail."""

    def __init__(self, folder: str, elsewhere: str) -> None:
        self.folder, self.elsewhere = folder, elsewhere

    def map(self, fn, tasks):
        if os.path.isdir(self.folder):
            os.rename(self.folder, self.folder + "-gone")
        with concurrent.futures.ProcessPoolExecutor(
                1, initializer=_chdir_to, initargs=(self.elsewhere,)) as pool:
            yield from pool.map(fn, list(tasks))


def test_imports_reach_chunks_in_other_processes_as_text(tmp_path):
    folder = _folder(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    main = os.path.join(folder, "main.sq")
    memory = dsl.run_file(main, samples=N, seed=3)
    local = dsl.run_file(main, samples=N, seed=3, stream=True, chunk=CHUNK)
    streamed = dsl.run_file(main, samples=N, seed=3, stream=True, chunk=CHUNK,
                            executor=ElsewhereExecutor(folder, str(elsewhere)))
    assert not os.path.exists(folder)  # the chunks ran without it
    for name in ("x", "y"):
        a, b = streamed.bindings[name], memory.bindings[name]
        assert float(a.mean()) == pytest.approx(float(b.mean()), rel=1e-12)
        assert float(a.stdev()) == pytest.approx(float(b.stdev()), rel=1e-12)
        assert float(a.mean()) == float(local.bindings[name].mean())  # bit for bit
        assert np.array_equal(a.samples, b.samples[:CHUNK])  # the first chunk's draws
    assert float(streamed.bindings["p"]) == float(memory.bindings["p"])  # a count
    assert float(streamed.bindings["m"]) == pytest.approx(float(memory.bindings["m"]),
                                                          rel=1e-12)


def test_the_tasks_carry_the_texts_as_plain_data(tmp_path):
    folder = _folder(tmp_path)
    seen = []

    class Recording:
        def map(self, fn, tasks):
            for task in tasks:
                seen.append(task)
                yield fn(task)

    dsl.run_file(os.path.join(folder, "main.sq"), samples=2 * CHUNK, stream=True,
                 chunk=CHUNK, executor=Recording())
    links, texts = seen[0].imports
    assert dict(texts) == {"lib.sq": LIB, os.path.join("sub", "deep.sq"): DEEP}
    # each import statement, from the model ("") or a module, and the text it names
    assert set(links) == {("", "./lib.sq", "lib.sq"),
                          ("", "./sub/deep.sq", os.path.join("sub", "deep.sq")),
                          ("lib.sq", "./sub/deep.sq", os.path.join("sub", "deep.sq"))}
    assert all(isinstance(s, str) for link in links for s in link)
    assert all(task.imports == seen[0].imports for task in seen)


def test_a_chunk_never_reads_an_import_from_disk(tmp_path):
    folder = _folder(tmp_path)
    main = os.path.join(folder, "main.sq")
    task = ChunkTask(MAIN, main, 0, CHUNK, CHUNK, 0, {}, Limits())  # no texts shipped
    with pytest.raises(DslError, match="resolved where the run started") as e:
        run_chunk(task)
    assert e.value.line == 1  # at the import


@pytest.mark.parametrize("path", ["../outside.sq", "/etc/passwd.sq", "./link.sq"])
def test_an_import_leaving_the_models_folder_is_still_refused(tmp_path, path):
    folder = _folder(tmp_path)
    (tmp_path / "outside.sq").write_text("export a = 1\n")
    os.symlink(tmp_path / "outside.sq", os.path.join(folder, "link.sq"))
    main = os.path.join(folder, "bad.sq")
    with open(main, "w") as f:
        f.write(f'import "{path}" as o\ny = o.a\n')
    with pytest.raises(DslError) as memory:
        dsl.run_file(main, samples=1000)
    with pytest.raises(DslError) as streamed:
        dsl.run_file(main, samples=2 * CHUNK, stream=True, chunk=CHUNK)
    assert str(streamed.value) == str(memory.value)  # the same message and place
    assert streamed.value.line == 1 and "cannot import" in str(streamed.value)


def test_an_import_from_source_text_is_refused_as_in_memory():
    source = 'import "./lib.sq" as lib\nx = lib.cut\n'
    with pytest.raises(DslError, match="only possible from a model file") as memory:
        dsl.run(source, samples=1000)
    with pytest.raises(DslError, match="only possible from a model file") as streamed:
        stream_run(source, samples=2 * CHUNK, chunk=CHUNK)
    assert str(streamed.value) == str(memory.value)


def test_an_import_cycle_is_refused_as_in_memory(tmp_path):
    (tmp_path / "a.sq").write_text('import "./b.sq" as b\nexport v = 1\n')
    (tmp_path / "b.sq").write_text('import "./a.sq" as a\nexport w = 2\n')
    main = tmp_path / "main.sq"
    main.write_text('import "./a.sq" as a\nx = a.v\n')
    with pytest.raises(DslError, match="cycle") as memory:
        dsl.run_file(str(main), samples=1000)
    with pytest.raises(DslError, match="cycle") as streamed:
        dsl.run_file(str(main), samples=2 * CHUNK, stream=True, chunk=CHUNK)
    assert str(streamed.value) == str(memory.value)
