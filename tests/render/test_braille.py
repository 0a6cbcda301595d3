"""The Braille dot canvas (dsl.render.braille)."""
import numpy as np

from dsl.render.braille import BRAILLE_BASE, Canvas


def test_each_dot_has_its_bit():
    canvas = Canvas(1, 1)
    canvas.set([0], [0])
    assert canvas.rows() == [chr(BRAILLE_BASE + 0x01)]
    canvas = Canvas(1, 1)
    canvas.set([1], [3])
    assert canvas.rows() == [chr(BRAILLE_BASE + 0x80)]
    canvas = Canvas(1, 1)
    canvas.set([0, 0, 0, 0, 1, 1, 1, 1], [0, 1, 2, 3, 0, 1, 2, 3])
    assert canvas.rows() == ["⣿"]


def test_empty_cells_are_spaces_and_outside_dots_are_dropped():
    canvas = Canvas(3, 2)
    canvas.set([-1, 6, 2], [0, 0, 9])
    assert canvas.rows() == ["   ", "   "]


def test_a_diagonal_line_sets_one_dot_per_column():
    canvas = Canvas(4, 2)  # 8 x 8 dots
    canvas.polyline([0, 7], [7, 0])
    assert canvas.dots.sum() == 8
    assert all(canvas.dots[7 - i, i] for i in range(8))
    assert canvas.rows() == ["  ⡠⠊", "⡠⠊  "]


def test_a_nan_breaks_a_line():
    canvas = Canvas(4, 1)
    canvas.polyline([0, 3, np.nan, 5, 7], [0, 0, 0, 3, 3])
    assert canvas.dots[0, :4].all() and not canvas.dots[:, 4].any()
    assert canvas.dots[3, 5:].all()


def test_dotted_lines_set_every_other_dot():
    canvas = Canvas(4, 1)
    canvas.polyline([0, 7], [1, 1], dotted=True)
    assert canvas.dots[1].tolist() == [True, False] * 4


def test_bands_are_lighter_for_wider_levels():
    dense, light = Canvas(10, 3), Canvas(10, 3)
    for canvas, density in ((dense, 2), (light, 4)):
        canvas.fill_between([0, 19], [2, 2], [9, 9], density)
    assert 0 < light.dots.sum() < dense.dots.sum()
    assert not dense.dots[:2].any() and not dense.dots[10:].any()


def test_a_point_between_gaps_is_a_dot():
    canvas = Canvas(4, 1)
    canvas.polyline([0, 3, 5, 7], [np.nan, 2, np.nan, 1])
    assert canvas.dots.sum() == 2 and canvas.dots[2, 3] and canvas.dots[1, 7]
