"""LST accuracy and uncertainty honesty on one small sample product (a miniature of benchmarks/accuracy.py).

Ideal world (default generator): RTE with the true atmosphere, stated exact, must be within the issue's
0.3 K on vegetation and bare soil; urban pixels keep the documented NDVI-THM bias (emissivity too high,
LST too low). World with error sources (error_sources=True): the claimed 1-sigma must cover roughly the
share a Gaussian error would (68 %), not nearly everything.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import rasterio

from lst_studio.plugin.core.options import AtmosphereInput, LstOptions
from lst_studio.plugin.core.pipeline import produce
from lst_studio.plugin.core.sample.generate import write_sample

SIZE = 192


def _read(path):
    with rasterio.open(path) as ds:
        return ds.read(1).astype(np.float64)


def _run(tmp_path, algorithm: str, land_cover: bool = False, **world):
    sample = write_sample(tmp_path / "sample", seed=2, size=SIZE, **world)
    t = sample.truth_dir
    atm = json.loads((t / "atmosphere.json").read_text())
    b10, exact = atm["lwir11"], {"lwir11": 0.0}
    given = AtmosphereInput(
        water_vapour_gcm2=atm["water_vapour_gcm2"],
        water_vapour_sigma=0.0,
        transmittance={"lwir11": b10["transmittance"]},
        upwelling={"lwir11": b10["upwelling"]},
        downwelling={"lwir11": b10["downwelling"]},
        transmittance_sigma=exact,
        upwelling_sigma=exact,
        downwelling_sigma=exact,
    )
    options = LstOptions(
        algorithm=algorithm,
        atmosphere=given,
        geometric_verification=False,
        write_vnir=False,
        land_cover=str(sample.land_cover) if land_cover else None,
    )
    res = produce(sample.product_dir, None, options, tmp_path / "out")
    lst, sigma = _read(res.rasters["LST"]), _read(res.rasters["LST_UNCERTAINTY"])
    truth, lc = _read(t / "LST.tif"), _read(t / "LANDCOVER.tif")
    clear = (_read(t / "CLOUDS.tif") == 0) & np.isin(lc, (1, 2, 3)) & np.isfinite(truth) & np.isfinite(lst)
    res.cleanup()
    return (lst - truth)[clear], sigma[clear], lc[clear]


def test_rte_with_the_true_atmosphere_in_the_ideal_world(tmp_path):
    err, sigma, lc = _run(tmp_path, "RTE")
    veg_soil = lc != 3
    assert veg_soil.sum() > 5000
    assert np.sqrt(np.mean(err[veg_soil] ** 2)) <= 0.3
    # urban: NDVI-THM gives ~0.986 where the surface has 0.962 -> LST ~1-1.6 K too low (documented limitation)
    assert (lc == 3).sum() > 100
    assert -2.0 < err[lc == 3].mean() < -0.7
    # the atmosphere was stated exact: sigma is noise + calibration + emissivity (+ adjacency), below 1 K
    assert np.median(sigma) < 1.0


def test_rte_with_the_land_cover_map_corrects_built_up(tmp_path):
    """With the sample's ancillary WorldCover-coded map, built-up pixels take Du et al. 2015's 0.973
    (B10) instead of NDVI-THM's ~0.986; the truth is 0.962, so a smaller bias of the same sign stays."""
    err, _, lc = _run(tmp_path, "RTE", land_cover=True)
    assert np.sqrt(np.mean(err**2)) <= 0.3
    assert -1.0 < err[lc == 3].mean() < -0.3
    assert np.sqrt(np.mean(err[lc != 3] ** 2)) <= 0.3


@pytest.mark.parametrize("algorithm", ["RTE", "SW"])
def test_sigma_is_honest_where_the_world_has_the_errors(tmp_path, algorithm):
    err, sigma, _ = _run(tmp_path, algorithm, error_sources=True)
    within = np.mean(np.abs(err) <= sigma)
    # one scene: the calibration offset and the atmosphere are single draws, so a broad band around 68 %
    assert 0.5 <= within <= 0.9, within
