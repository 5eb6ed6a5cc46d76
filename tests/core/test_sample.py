"""The sample generator: format, determinism and physics (RTE, SC/SW consistency, clouds, shadows)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import rasterio

from lst_studio.plugin.core.sample import generate, physics
from lst_studio.plugin.core.sample.generate import write_sample

SIZE = 160  # small but with every class, clouds and shadows


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("day"), seed=3, size=SIZE, landsat=True)


def _read(path, band=None):
    with rasterio.open(path) as ds:
        return ds.read(band) if band else ds.read()


def _truth(p):
    t = p.truth_dir
    return {
        "lst": _read(t / "LST.tif", 1),
        "eps": _read(t / "EMISSIVITY.tif"),
        "lc": _read(t / "LANDCOVER.tif", 1),
        "clouds": _read(t / "CLOUDS.tif", 1),
        "height": _read(t / "CLOUD_HEIGHT.tif", 1),
        "atm": json.loads((t / "atmosphere.json").read_text()),
        "scene": json.loads((t / "scene.json").read_text()),
    }


def _product(p):
    gj = json.loads(p.geojson.read_text())
    return gj["features"][0]["properties"]["product"]


def _bt(p):
    dn = _read(p.product_dir / f"{p.product_id}_TIR.tif").astype(np.float64)
    return np.where(dn == generate.NODATA, np.nan, dn / 10.0)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_layout_and_metadata(day):
    pid = day.product_id
    d = day.product_dir
    for name in (
        f"{pid}.geojson",
        f"{pid}_product.json",
        f"{pid}_VNIR.tif",
        f"{pid}_TIR.tif",
        f"{pid}_VNIR_QA.tif",
        f"{pid}_TIR_QA.tif",
        f"{pid}_ANGLES.json",
        f"{pid}_POINTING.json",
        f"{pid}_GVER_ABS.json",
        f"{pid}_GVER_REL.json",
        f"{pid}_SPECTRAL_RESPONSE.csv",
        f"{pid}_RGB.png",
        "GVER_ABS_RED.png",
        f"{pid}_GVER_REL/GVER_REL_RED_TIR1.png",
        f"{pid}_ANGLES/{pid}_SOLAR_ANGLE.tif",
        f"{pid}_ANGLES/{pid}_TIR_TIR1_1_VIEW_ANGLE.tif",
    ):
        assert (d / name).is_file(), name
    product = _product(day)
    assert product["dayNight"] == "DAY"
    images = {img["group"]: img for s in product["sensors"] for img in s["images"]}
    tir, vnir = images["TIR"], images["VNIR"]
    assert tir["radiometric"]["pixelUnits"] == "TOA Brightness Temperature x 10 (K)"
    assert vnir["radiometric"]["pixelUnits"] == "TOA Reflectance x 10k"
    assert tir["bands"] == ["TIR1", "TIR2"] and tir["ids"] == ["B10", "B11"]
    assert vnir["bands"] == ["BLUE", "GREEN", "RED", "NIR", "SWIR1", "SWIR2", "CIRRUS"]
    consts = {c["band"]: c["constants"] for c in tir["radiometric"]["emissiveConstants"]}
    assert consts["TIR1"] == [799.0284, 1329.2405] and consts["TIR2"] == [475.6581, 1198.3494]
    with rasterio.open(d / tir["image"]) as ds:
        assert ds.dtypes == ("int16", "int16") and ds.nodata == -9999
        assert ds.crs.to_epsg() == 32635 and ds.res == (30.0, 30.0) and ds.width == SIZE
        assert ds.profile["blockxsize"] == 512 or ds.width < 512
        assert ds.compression.name.upper() == "LZW"
        data = ds.read(1)
    # rotated footprint: nodata in the corners, data in the centre
    assert data[0, 0] == -9999 and data[-1, -1] == -9999 and data[SIZE // 2, SIZE // 2] != -9999
    stac = json.loads((d / f"{pid}_product.json").read_text())
    roles = {k: a["roles"] for k, a in stac["assets"].items()}
    assert (
        roles[f"{pid}_TIR.tif"] == ["data"] and ["gverify"] in roles.values() and ["angles"] in roles.values()
    )


def test_saturated_pixels_are_flagged(day):
    qa_tir = _read(day.product_dir / f"{day.product_id}_TIR_QA.tif", 1)
    qa_vnir = _read(day.product_dir / f"{day.product_id}_VNIR_QA.tif", 1)
    assert set(np.unique(qa_tir)) <= {0, 1, 2, 5, 6} and set(np.unique(qa_vnir)) <= {0, 1, 2, 5, 6}
    assert 1 <= np.count_nonzero(qa_tir) <= 30
    assert 1 <= np.count_nonzero(qa_vnir) <= 30
    bt = _bt(day)
    sat_bt = generate.saturation_bt("lwir11")
    assert np.all(np.abs(bt[0][qa_tir > 0] - sat_bt) < 0.06)


def test_determinism(tmp_path, day):
    again = write_sample(tmp_path, seed=3, size=SIZE, landsat=True)
    for name in (
        f"{day.product_id}_TIR.tif",
        f"{day.product_id}_VNIR.tif",
        f"{day.product_id}.geojson",
        f"{day.product_id}_GVER_REL.json",
    ):
        assert _sha(day.product_dir / name) == _sha(again.product_dir / name), name
    for name in ("LST.tif", "CLOUDS.tif", "atmosphere.json"):
        assert _sha(day.truth_dir / name) == _sha(again.truth_dir / name), name
    other = write_sample(tmp_path / "other", seed=4, size=SIZE)
    assert _sha(other.truth_dir / "LST.tif") != _sha(day.truth_dir / "LST.tif")


def test_rte_round_trip(day):
    """Truth LST + emissivity + atmosphere through the RTE give the product's BT on clear pixels."""
    t = _truth(day)
    bt = _bt(day)
    clear = (t["clouds"] == 0) & np.isfinite(t["lst"]) & (t["lst"] < 330)
    nedt = json.loads((day.truth_dir / "sensor.json").read_text())["nedt_k"]["lwir11"]
    for k, band in enumerate(("lwir11", "lwir12")):
        a = t["atm"][band]
        eps = t["eps"][k]
        rad = (
            a["transmittance"] * (eps * physics.planck(band, t["lst"]) + (1 - eps) * a["downwelling"])
            + a["upwelling"]
        )
        expected = physics.inverse_planck(band, rad)
        diff = bt[k][clear] - expected[clear]
        # noise (σ = NEdT) plus uniform quantisation (σ = 0.1/√12)
        assert abs(diff.mean()) < 0.01
        assert abs(diff.std() - np.hypot(nedt, 0.1 / np.sqrt(12))) < 0.01
        assert np.abs(diff).max() < 6 * nedt + 0.05


def _sc_sw(bt, eps, w):
    """JM2014 single-channel (B10) and split-window, with the true w and emissivities (algorithms.md §2.2–2.3)."""
    t10, t11 = bt
    e10, e11 = eps
    k1, k2 = physics.K1["lwir11"], physics.K2["lwir11"]
    rad = k1 / np.expm1(k2 / t10)
    psi = [a * w * w + b * w + c for a, b, c in physics.JM2014_PSI_B10]
    # γ = 1 / (∂B/∂T) at the BT (the linearisation behind JM2003/2009), δ = T − γ·L
    gamma = t10**2 * (1 - np.exp(-k2 / t10)) / (k2 * rad)
    delta = t10 - gamma * rad
    sc = gamma * ((psi[0] * rad + psi[1]) / e10 + psi[2]) + delta
    d = t10 - t11
    em = (e10 + e11) / 2
    de = e10 - e11
    sw = t10 + 1.378 * d + 0.183 * d * d - 0.268 + (54.30 - 2.238 * w) * (1 - em) + (-129.20 + 16.40 * w) * de
    return sc, sw


@pytest.mark.parametrize("atmosphere", ["dry", "mid"])
def test_single_channel_and_split_window_are_consistent(tmp_path, atmosphere):
    p = write_sample(tmp_path, seed=5, size=SIZE, atmosphere=atmosphere)
    t = _truth(p)
    bt = _bt(p)
    clear_land = (t["clouds"] == 0) & np.isin(t["lc"], [1, 2, 3]) & (t["lst"] < 330)
    sc, sw = _sc_sw(bt, t["eps"], t["atm"]["water_vapour_gcm2"])
    rmse_sc = np.sqrt(np.mean((sc - t["lst"])[clear_land] ** 2))
    rmse_sw = np.sqrt(np.mean((sw - t["lst"])[clear_land] ** 2))
    assert rmse_sc <= 1.0, rmse_sc
    assert rmse_sw <= 1.0, rmse_sw


def test_atmosphere_inverts_jm2014_and_b11_absorbs_more():
    for w in (0.8, 2.0, 3.5):
        atm = physics.atmosphere_for(w)
        b10, b11 = atm.bands["lwir11"], atm.bands["lwir12"]
        psi = physics.jm2014_psi(w)
        assert 1 / b10.transmittance == pytest.approx(psi[0])
        assert -b10.downwelling - b10.upwelling / b10.transmittance == pytest.approx(psi[1])
        assert b10.downwelling == pytest.approx(psi[2])
        assert b11.transmittance < b10.transmittance
    assert (
        physics.atmosphere_for(0.8).bands["lwir11"].transmittance
        > physics.atmosphere_for(3.5).bands["lwir11"].transmittance
    )


def test_clouds_are_cold_and_shadows_fall_away_from_the_sun(day):
    t = _truth(day)
    bt10 = _bt(day)[0]
    clouds, lc = t["clouds"], t["lc"]
    thick = clouds == 1
    clear_land = (clouds == 0) & np.isin(lc, [1, 2, 3])
    assert thick.sum() > 50 and (clouds == 3).sum() > 20
    assert np.nanmedian(bt10[thick]) < np.nanmedian(bt10[clear_land]) - 5
    # shadows: the thick-cloud mask moved by H·tan(θs) away from the Sun overlaps the shadow mask
    scene = t["scene"]
    tan_z = np.tan(np.radians(scene["sun_zenith_deg"]))
    az = np.radians(scene["sun_azimuth_deg"])
    shadow = clouds == 3
    hits = tested = 0
    rows, cols = np.nonzero(thick)
    for r, c in zip(rows[::7], cols[::7]):
        d = t["height"][r, c] * tan_z / 30.0
        rs, cs = int(round(r + d * np.cos(az))), int(round(c - d * np.sin(az)))
        if 0 <= rs < SIZE and 0 <= cs < SIZE and clouds[rs, cs] != 255:
            tested += 1
            hits += clouds[rs, cs] in (1, 2, 3)  # shadow, or hidden under another cloud
    assert tested > 10 and hits / tested > 0.9
    # and towards the Sun there is (mostly) no shadow
    towards = 0
    for r, c in zip(rows[::7], cols[::7]):
        d = t["height"][r, c] * tan_z / 30.0
        rs, cs = int(round(r - d * np.cos(az))), int(round(c + d * np.sin(az)))
        if 0 <= rs < SIZE and 0 <= cs < SIZE:
            towards += shadow[rs, cs]
    assert towards / tested < 0.2
    # shadows are darker in the NIR than the clear land around them
    vnir = _read(day.product_dir / f"{day.product_id}_VNIR.tif").astype(float) / 1e4
    land_shadow = shadow & np.isin(lc, [1, 2, 3])
    assert np.median(vnir[3][land_shadow]) < 0.6 * np.median(vnir[3][clear_land])


def test_landcover_has_every_class(day):
    lc = _truth(day)["lc"]
    assert set(np.unique(lc)) == {1, 2, 3, 4, 5, 255}


def test_night_has_no_vnir(tmp_path):
    p = write_sample(tmp_path, seed=1, size=96, night=True, landsat=True, tir_shift_px=(0.5, 0.0))
    product = _product(p)
    assert p.landsat_dir.name.startswith("LT09_")
    assert sorted(f.name.split("_")[-1] for f in p.landsat_dir.glob("*.TIF")) == [
        "B10.TIF",
        "B11.TIF",
        "PIXEL.TIF",
        "RADSAT.TIF",
    ]
    assert product["dayNight"] == "NIGHT"
    groups = [img["group"] for s in product["sensors"] for img in s["images"]]
    assert groups == ["TIR"]
    assert not list(p.product_dir.glob("*_VNIR*.tif"))
    assert product["sensors"][0]["images"][0]["angles"]["sunElevation"]["value"] < 0
    t = _truth(p)
    assert (t["clouds"] == 3).sum() == 0  # no shadows without the Sun


def test_all_cloud(tmp_path):
    p = write_sample(tmp_path, seed=1, size=96, all_cloud=True)
    clouds = _truth(p)["clouds"]
    inside = clouds != 255
    assert np.all(clouds[inside] == 1)
    assert _product(p)["cloudCover"] == pytest.approx(100.0)


def test_tir_shift_and_island(tmp_path):
    p0 = write_sample(tmp_path / "a", seed=2, size=128)
    p1 = write_sample(tmp_path / "b", seed=2, size=128, tir_shift_px=(1.0, -2.0), distortion_island=True)
    tie = json.loads((p1.truth_dir / "tiepoints.json").read_text())
    assert tie["dx_px"] == 1.0 and tie["dy_px"] == -2.0 and tie["island"]["radius_px"] >= 12
    lst0 = _read(p0.truth_dir / "LST.tif", 1)
    lst1 = _read(p1.truth_dir / "LST.tif", 1)
    ground1 = _read(p1.truth_dir / "LST_GROUND.tif", 1)
    np.testing.assert_allclose(ground1, lst0, atol=1e-4)
    # away from the island the thermal truth is the unshifted one moved by (dx, dy) = (1, -2) pixels
    island = np.zeros(lst0.shape, bool)
    rr, cc = np.mgrid[0:128, 0:128]
    island[
        np.hypot(cc + 0.5 - tie["island"]["centre_col"], rr + 0.5 - tie["island"]["centre_row"])
        < tie["island"]["radius_px"] + 3
    ] = True
    moved = np.full(lst0.shape, np.nan, np.float32)
    moved[:-2, 1:] = lst0[2:, :-1]  # thermal pixel (c, r) sees the ground at (c - 1, r + 2)
    ok = np.isfinite(moved) & np.isfinite(lst1) & ~island
    ok[np.isfinite(lst1)] &= np.abs(lst1 - moved)[np.isfinite(lst1)] < 100  # not the hot spot edge
    np.testing.assert_allclose(lst1[ok], moved[ok], atol=1e-3)
    # the REL tiepoints RED -> TIR1 carry the pattern (30 m east, +60 m north) + noise
    rel = json.loads(p1.files["GVER_REL"].read_text())
    m = next(x for x in rel["measurements"] if x["to"] == "TIR1")
    d = np.array(m["disparitiesXYInMeters"])
    assert np.median(d[:, 0]) == pytest.approx(30.0, abs=5) and np.median(d[:, 1]) == pytest.approx(
        60.0, abs=5
    )
    assert d[:, 0].max() > 60  # the island's extra 1.5 px east


def test_vnir_on_a_15m_grid(tmp_path):
    p = write_sample(tmp_path, seed=1, size=64, vnir_gsd=15)
    with (
        rasterio.open(p.product_dir / f"{p.product_id}_VNIR.tif") as v,
        rasterio.open(p.product_dir / f"{p.product_id}_TIR.tif") as t,
    ):
        assert v.res == (15.0, 15.0) and v.width == 128 and t.width == 64
        assert v.bounds == t.bounds


def test_landsat_dn_decode_to_the_same_values(day):
    d = day.landsat_dir
    name = d.name
    assert name.startswith("LC09_L1TP_") and name.endswith("_02_T1")
    mtl = json.loads((d / f"{name}_MTL.json").read_text())["LANDSAT_METADATA_FILE"]
    attrs = mtl["IMAGE_ATTRIBUTES"]
    assert attrs["SPACECRAFT_ID"] == "LANDSAT_9" and attrs["SENSOR_ID"] == "OLI_TIRS"
    resc = mtl["LEVEL1_RADIOMETRIC_RESCALING"]
    therm = mtl["LEVEL1_THERMAL_CONSTANTS"]
    assert float(therm["K1_CONSTANT_BAND_10"]) == 799.0284
    bt = _bt(day)
    for k, num in enumerate((10, 11)):
        q = _read(d / f"{name}_B{num}.TIF", 1).astype(np.float64)
        rad = float(resc[f"RADIANCE_MULT_BAND_{num}"]) * q + float(resc[f"RADIANCE_ADD_BAND_{num}"])
        t = float(therm[f"K2_CONSTANT_BAND_{num}"]) / np.log(
            float(therm[f"K1_CONSTANT_BAND_{num}"]) / rad + 1
        )
        ok = (q > 0) & np.isfinite(bt[k])
        assert np.array_equal(q > 0, np.isfinite(bt[k]))
        assert np.abs(t[ok] - bt[k][ok]).max() <= 0.05 + 0.005
    vnir = _read(day.product_dir / f"{day.product_id}_VNIR.tif").astype(np.float64) / 1e4
    sin_se = np.sin(np.radians(float(attrs["SUN_ELEVATION"])))
    for k, num in enumerate((2, 3, 4, 5, 6, 7, 9)):
        q = _read(d / f"{name}_B{num}.TIF", 1).astype(np.float64)
        rho = (
            float(resc[f"REFLECTANCE_MULT_BAND_{num}"]) * q + float(resc[f"REFLECTANCE_ADD_BAND_{num}"])
        ) / sin_se
        ok = q > 0
        assert np.abs(rho[ok] - vnir[k][ok]).max() <= 0.5e-4 + 2e-5 / sin_se
    txt = (d / f"{name}_MTL.txt").read_text()
    assert "GROUP = LEVEL1_THERMAL_CONSTANTS" in txt and "K2_CONSTANT_BAND_11 = 1198.3494" in txt
    radsat = _read(d / f"{name}_QA_RADSAT.TIF", 1)
    assert np.any(radsat & (1 << 9))  # B10 saturated at the hot spot
    qa = _read(d / f"{name}_QA_PIXEL.TIF", 1)
    clouds = _truth(day)["clouds"]
    assert np.array_equal((qa & (1 << 3)) > 0, clouds == 1)


def test_validator_accepts_the_product(day, shared_dir):
    pid = day.product_id
    d = day.product_dir
    files = [d / f"{pid}.geojson"] + [
        d / f"{pid}_{k}.json" for k in ("GVER_ABS", "GVER_REL", "ANGLES", "POINTING")
    ]
    res = subprocess.run(
        ["/usr/bin/python3", str(shared_dir / "validators" / "validate_farearth.py"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_angles_nan_option(tmp_path):
    p = write_sample(tmp_path, seed=1, size=64, angles_nan=True)
    text = p.files["ANGLES"].read_text()
    assert "NaN" in text
    doc = json.loads(text)
    assert np.isnan(np.array(doc["sunAngles"]["zenith"]["values"], dtype=float)).any()


def test_classes_pass_the_fmask_spectral_tests(day):
    """Water, snow and thick clouds have the signatures Fmask's tests look for (algorithms.md §3.1)."""
    t = _truth(day)
    v = _read(day.product_dir / f"{day.product_id}_VNIR.tif").astype(np.float64) / 1e4
    blue, green, red, nir, swir1, swir2, cirrus = v
    bt_c = _bt(day)[0] - 273.15
    clouds, lc = t["clouds"], t["lc"]
    ndvi = (nir - red) / (nir + red)
    ndsi = (green - swir1) / (green + swir1)
    clear = clouds == 0
    water = clear & (lc == 4)
    assert np.all((ndvi[water] < 0.01) & (nir[water] < 0.11))
    snow = clear & (lc == 5)
    assert snow.sum() > 0
    assert np.all((ndsi[snow] > 0.15) & (nir[snow] > 0.11) & (green[snow] > 0.1) & (bt_c[snow] < 3.8))
    thick = (clouds == 1) & (v[0] > 0)
    mean_vis = (blue + green + red) / 3
    whiteness = sum(np.abs((b - mean_vis) / mean_vis) for b in (blue, green, red))
    hot = blue - 0.5 * red - 0.08
    basic = (swir2 > 0.03) & (bt_c < 27) & (ndsi < 0.8) & (ndvi < 0.8)
    pcp = basic & (whiteness < 0.7) & (hot > 0) & (nir / swir1 > 0.75)
    assert pcp[thick].mean() > 0.95
    assert np.percentile(cirrus[clouds == 2], 90) > 0.015
    veg = clear & (lc == 1)
    assert np.median(ndvi[veg]) > 0.5 and np.median(ndvi[clear & (lc == 2)]) < 0.2


def test_humid_atmosphere_damps_the_surface_signal(tmp_path, day):
    """More water vapour: lower transmittance, so BT follows the LST less (slope ≈ τ·ε·B'(Ts)/B'(BT))."""
    humid = write_sample(tmp_path, seed=3, size=SIZE, atmosphere="humid")
    t = _truth(day)
    land = (t["clouds"] == 0) & np.isin(t["lc"], [1, 2, 3]) & (t["lst"] < 330)
    slope_mid = np.polyfit(t["lst"][land], _bt(day)[0][land], 1)[0]
    slope_humid = np.polyfit(t["lst"][land], _bt(humid)[0][land], 1)[0]
    atm = json.loads((humid.truth_dir / "atmosphere.json").read_text())
    assert atm["water_vapour_gcm2"] == 3.5
    assert slope_humid < slope_mid - 0.1
    assert slope_humid == pytest.approx(atm["lwir11"]["transmittance"], abs=0.05)


def test_command_line(tmp_path):
    res = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve().parents[2] / "tools" / "plugin_alias.py"),
            "-m",
            "lst_studio.plugin.core.sample",
            "--out",
            str(tmp_path),
            "--size",
            "64",
            "--night",
            "--seed",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert Path(out["geojson"]).is_file() and "TIRS" in Path(out["product_dir"]).name


def test_truth_cloud_is_the_cloud_some_band_can_see(day):
    """CLOUDS.tif calls a pixel cloud where its cloud changes some band by >= 1 noise σ (model.VISIBLE_SNR);
    fainter cloud is clear and biases the BT by less than the noise (the LST truth of clear pixels holds)."""
    from lst_studio.plugin.core.sample.model import VISIBLE_SNR

    t = _truth(day)
    alpha_c, alpha_i, snr = _read(day.truth_dir / "CLOUD_OPACITY.tif")
    inside = t["clouds"] != 255
    cloudy = (alpha_c > 0) | (alpha_i > 0)
    cloud = np.isin(t["clouds"], (1, 2))
    assert np.array_equal(cloud[inside], (cloudy & (snr >= VISIBLE_SNR))[inside])
    assert np.all(snr[inside & cloudy & (alpha_c >= 0.5)] > 100)  # thick cloud: far above the noise
    sub = inside & cloudy & (t["clouds"] == 0)
    assert sub.sum() >= 10 and np.all(snr[sub] < VISIBLE_SNR)
    nedt = json.loads((day.truth_dir / "sensor.json").read_text())["nedt_k"]["lwir11"]
    a = t["atm"]["lwir11"]
    eps = t["eps"][0]
    rad = a["transmittance"] * (eps * physics.planck("lwir11", t["lst"]) + (1 - eps) * a["downwelling"])
    diff = _bt(day)[0] - physics.inverse_planck("lwir11", rad + a["upwelling"])
    assert abs(float(diff[sub].mean())) < nedt  # the sub-visible cloud's bias is inside the noise
    assert float(diff[sub].mean()) > float(diff[cloud & (alpha_c < 0.5)].mean())  # visible cloud is colder


def test_cloud_tops_are_above_the_ground_beneath():
    """Cloud heights are above the ground (as for the shadow offset): over the mountains a 1.5 km top
    is still at least lapse x 1.5 km colder than the air at the ground, so colder than the surface."""
    from lst_studio.plugin.core.sample.model import LAPSE_RATE_K_PER_M

    _, model = generate.scene_model(generate.SampleOptions(size=600, night=True), seed=1)
    u = np.arange(0.5, 600, 3.0)
    g = model.block(u, u)
    cloudy = (g["alpha_c"] > 0) & (g["elev"] > 1500.0)
    assert cloudy.sum() > 100  # clouds over high ground are in the test
    top = model.cloud_top_temperature(g)[cloudy]
    air = model.air_temperature() - LAPSE_RATE_K_PER_M * (g["elev"][cloudy] - 180.0)
    assert np.all(top <= air - LAPSE_RATE_K_PER_M * 1500.0 + 1e-9)
    assert np.all(top < model.lst(g)[cloudy] - 3.0)
