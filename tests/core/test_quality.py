"""The QA-bit and scene-class table is consistent and covers what the masks set."""

from __future__ import annotations

import re

from lst_studio.plugin.core import quality


def test_qa_bits_are_unique_and_fit_uint16():
    bits = [b.bit for b in quality.QA_BITS]
    names = [b.name for b in quality.QA_BITS]
    assert len(set(bits)) == len(bits) and all(0 <= b < 16 for b in bits)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9_]+", n) for n in names)
    expected = {b.name: b.bit for b in quality.QA_BITS}
    assert expected == quality.QA_BIT


def test_ceos_ard_per_pixel_items_have_bits():
    # CEOS-ARD ST "Per-Pixel Metadata": no data, incomplete testing, saturation (per TIR band), cloud,
    # cloud shadow, snow/ice; plus the other flags the issue lists
    required = {
        "nodata",
        "tests_incomplete",
        "saturated_lwir11",
        "saturated_lwir12",
        "undersaturated",
        "filled",
        "cloud",
        "thin_cloud",
        "cloud_shadow",
        "snow_ice",
        "water",
        "lst_not_retrieved",
    }
    assert required <= set(quality.QA_BIT)


def test_scene_classes_are_unique_and_leave_room_for_nodata():
    values = [c.value for c in quality.SCL_CLASSES]
    assert len(set(values)) == len(values)
    assert quality.SCL_NODATA not in values and all(0 <= v < 255 for v in values)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c.color) for c in quality.SCL_CLASSES)
    for name in ("clear_land", "water", "snow_ice", "thick_cloud", "thin_cloud", "cloud_shadow", "saturated"):
        assert name in quality.SCL


def test_every_bit_and_class_the_masks_set_is_in_the_table():
    import numpy as np
    from rasterio.windows import Window

    from lst_studio.plugin.core.masks import compute_masks
    from lst_studio.plugin.core.options import MaskOptions

    from .test_masks import make_scene

    size = 160
    sat = np.zeros((size, size), bool)
    sat[5:8, 5:8] = True
    nodata = np.zeros((size, size), bool)
    nodata[:, -4:] = True
    scene, _ = make_scene(
        size=size, quality={"sat_lwir11": sat, "under_lwir12": sat, "filled": sat, "nodata": nodata}
    )
    r = compute_masks(scene, Window(0, 0, size, size), None, MaskOptions())
    used_bits = {b for b in range(16) if ((r.qa >> b) & 1).any()}
    table_bits = {b.bit for b in quality.QA_BITS}
    assert used_bits <= table_bits
    names = (
        "nodata",
        "saturated_lwir11",
        "undersaturated",
        "filled",
        "cloud",
        "cloud_shadow",
        "adjacent",
        "snow_ice",
        "water",
    )
    assert {quality.QA_BIT[n] for n in names} <= used_bits
    values = set(np.unique(r.scl).tolist()) - {quality.SCL_NODATA}
    assert values <= {c.value for c in quality.SCL_CLASSES}
    assert {
        quality.SCL[n] for n in ("clear_land", "water", "snow_ice", "thick_cloud", "cloud_shadow")
    } <= values
