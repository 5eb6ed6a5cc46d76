"""delivery/inferno.py: the exact published inferno table (Smith & van der Walt 2015), used by the
quicklook and (through colour_table / inferno_stops) by the map style."""

from __future__ import annotations

import numpy as np
import pytest

from lst_studio.plugin.core.delivery import inferno, quicklook


def test_known_entries_of_the_published_table():
    data = inferno.INFERNO_DATA
    assert len(data) == 256
    # matplotlib _cm_listed._inferno_data[0], [128], [255]
    assert data[0] == (0.001462, 0.000466, 0.013866)
    assert data[128] == (0.735683, 0.215906, 0.330245)
    assert data[255] == (0.988362, 0.998364, 0.644924)


def test_the_table_equals_matplotlibs_where_matplotlib_is_installed():
    cm_listed = pytest.importorskip("matplotlib._cm_listed")
    np.testing.assert_array_equal(np.asarray(inferno.INFERNO_DATA), np.asarray(cm_listed._inferno_data))


def test_quicklook_and_stops_use_the_exact_table():
    table = quicklook.colour_table()
    assert table.shape == (256, 3) and table.dtype == np.uint8
    assert table[0].tolist() == [0, 0, 4] and table[128].tolist() == [188, 55, 84]
    assert table[255].tolist() == [252, 255, 164]
    stops = inferno.inferno_stops()
    assert len(stops) == 256 and stops[0] == (0.0, "#000004") and stops[-1] == (1.0, "#fcffa4")
    assert stops[128][1] == "#bc3754"
    nine = inferno.inferno_stops(9)
    assert [p for p, _ in nine] == pytest.approx(np.linspace(0, 1, 9), abs=0.5 / 255)  # table entries
    assert tuple(c for _, c in nine) == quicklook.INFERNO_STOPS
    with pytest.raises(ValueError, match="at least 2"):
        inferno.inferno_stops(1)


def test_lightness_rises_monotonically():
    """The property the map is chosen for: a colder pixel is never drawn lighter (CIE L* via sRGB)."""
    rgb = np.asarray(inferno.INFERNO_DATA)
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    y = lin @ np.array([0.2126, 0.7152, 0.0722])
    lightness = np.where(y > 216 / 24389, 116 * np.cbrt(y) - 16, y * 24389 / 27)
    assert (np.diff(lightness) > 0).all()
