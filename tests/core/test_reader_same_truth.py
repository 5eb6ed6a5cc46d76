"""FarEarth and Landsat-style products written from one truth read to the same physical values."""

from __future__ import annotations

import hashlib
import tarfile

import numpy as np
import pytest
from rasterio.windows import Window

from lst_studio.plugin.core.products import open_product

from .data.reader_fixtures import REFLECTIVE, make_truth, write_farearth, write_landsat

WINDOWS = [None, Window(0, 0, 8, 8), Window(5, 3, 17, 11), Window(31, 23, 1, 1)]


@pytest.mark.parametrize("vnir_factor", [1, 2], ids=["vnir30m", "vnir15m"])
def test_same_truth_same_values(tmp_path, vnir_factor):
    truth = make_truth(24, 32, seed=7, vnir_factor=vnir_factor)
    fe = open_product(write_farearth(tmp_path / "fe", truth))
    ls = open_product(write_landsat(tmp_path / "ls", truth).parent)
    try:
        assert fe.grid == ls.grid
        for window in WINDOWS:
            for name in ("lwir11", "lwir12"):
                a, b = fe.read(name, window), ls.read(name, window)
                assert (a.mask == b.mask).all()
                assert np.abs(a - b).max() <= 0.1  # FarEarth stores BT x10 (0.05 K steps)
                ra, rb = fe.radiance(name, window), ls.radiance(name, window)
                assert np.abs(ra - rb).max() <= 0.01  # 0.05 K is about 0.007 W m-2 sr-1 um-1 at 300 K
            for name in REFLECTIVE:
                a, b = fe.read(name, window), ls.read(name, window)
                assert (a.mask == b.mask).all()
                assert np.abs(a - b).max() <= 1e-3
            qa, qb = fe.read_quality(window), ls.read_quality(window)
            assert (qa.nodata == qb.nodata).all()
        # radiance of a reflective band agrees too (FarEarth via ESUN, Landsat via ML/AL)
        ra, rb = fe.radiance("red", WINDOWS[2]), ls.radiance("red", WINDOWS[2])
        assert np.abs(ra - rb).max() / np.abs(rb).max() < 2e-3
        assert fe.is_day == ls.is_day and fe.sun_elevation == pytest.approx(ls.sun_elevation)
    finally:
        fe.close()
        ls.close()


def test_landsat_inputs_never_modified(tmp_path):
    truth = make_truth(8, 10, seed=2)
    mtl = write_landsat(tmp_path / "src", truth)
    tar = tmp_path / "p.tar"
    with tarfile.open(tar, "w") as tf:
        for f in sorted(mtl.parent.iterdir()):
            tf.add(f, arcname=f.name)
    files = [*sorted(mtl.parent.iterdir()), tar]

    def state():
        return [(f.name, f.stat().st_mtime_ns, hashlib.sha256(f.read_bytes()).hexdigest()) for f in files]

    before = state()
    names_before = sorted(p.name for p in mtl.parent.iterdir())
    for path in (mtl, mtl.parent, tar):
        with open_product(path) as scene:
            for name in scene.bands:
                scene.read(name)
            scene.read_quality()
            scene.radiance("lwir11")
    assert state() == before
    assert sorted(p.name for p in mtl.parent.iterdir()) == names_before  # no .aux.xml either
