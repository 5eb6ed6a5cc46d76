"""A corpus of bad and unusual inputs for the whole chain behind ``lststudio:producepackage``.

Every case copies a small, valid sample product (plugin/core/sample, 64 x 64 px) and breaks one thing
in a real file, or leaves it valid in an unusual form. ``expect`` says what a correct program does:
"refuse" (our exception, naming file and field) or "valid" (a package that passes its self-check).
Used by benchmarks/bad_inputs.py (counts by outcome) and tests/core/test_bad_inputs.py.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import rasterio

SIZE = 64  # pixels per side of the sample's thermal grid: big enough for the masks, fast to process
RAW = "__RAW__"  # placeholder replaced by raw JSON text (numbers Python's json would never write)


@dataclass
class Bases:
    """Valid sample products written once; every case works on copies."""

    root: Path
    farearth: Path = None
    landsat: Path = None
    land_cover: Path = None

    @classmethod
    def make(cls, root: Path) -> Bases:
        from lst_studio.plugin.core.sample import generate

        s = generate.write_sample(root / "sample", seed=1, size=SIZE, landsat=True, era5=False, dem=False)
        return cls(root, s.product_dir, s.landsat_dir, s.land_cover)


@dataclass
class Run:
    """What to run: product path, AOI, options, output folder."""

    product: Path
    out: Path
    aoi: object = None
    land_cover: Path | None = None
    overwrite: bool = False
    make_zip: bool = False
    prepare: list = field(default_factory=list)  # callables run right before (e.g. an earlier package)
    cleanup: list = field(default_factory=list)  # callables run afterwards (e.g. unmount)


@dataclass
class Case:
    name: str
    expect: str  # "refuse" | "valid"
    build: Callable[[Path, Bases], Run]


# --- helpers that break real files ------------------------------------------------------------------
def copy_fe(work: Path, b: Bases) -> Path:
    dst = work / b.farearth.name
    shutil.copytree(b.farearth, dst)
    return dst


def copy_ls(work: Path, b: Bases) -> Path:
    dst = work / b.landsat.name
    shutil.copytree(b.landsat, dst)
    return dst


def geojson(folder: Path) -> Path:
    return next(folder.glob("*.geojson"))


def edit_json(path: Path, fn, raw: str | None = None) -> None:
    """Apply ``fn`` to the parsed document (FarEarth NaN allowed); RAW placeholders become ``raw``."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    fn(doc)
    text = json.dumps(doc)
    if raw is not None:
        text = text.replace(json.dumps(RAW), raw)
    path.write_text(text, encoding="utf-8")


def product_of(doc: dict) -> dict:
    return doc["features"][0]["properties"]["product"]


def group(doc: dict, name: str) -> dict:
    for sensor in product_of(doc)["sensors"]:
        for image in sensor["images"]:
            if image["group"] == name:
                return image
    raise KeyError(name)


def fe_edit(fn, raw: str | None = None) -> Callable[[Path, Bases], Run]:
    def build(work: Path, b: Bases) -> Run:
        folder = copy_fe(work, b)
        edit_json(geojson(folder), fn, raw)
        return Run(folder, work / "out")

    return build


def fe_text(transform) -> Callable[[Path, Bases], Run]:
    def build(work: Path, b: Bases) -> Run:
        folder = copy_fe(work, b)
        path = geojson(folder)
        data = transform(path.read_bytes())
        path.write_bytes(data)
        return Run(folder, work / "out")

    return build


def fe_file(pattern: str, transform, no_group_angles: bool = False) -> Callable[[Path, Bases], Run]:
    """Rewrite the bytes of one product file (glob ``pattern``)."""

    def build(work: Path, b: Bases) -> Run:
        folder = copy_fe(work, b)
        if no_group_angles:  # make the reader fall back to ANGLES.json
            edit_json(geojson(folder), _drop_group_sun)
        path = next(folder.glob(pattern))
        path.write_bytes(transform(path.read_bytes()))
        return Run(folder, work / "out")

    return build


def _drop_group_sun(doc: dict) -> None:
    for sensor in product_of(doc)["sensors"]:
        for image in sensor["images"]:
            image["angles"].pop("sunElevation", None)


def json_edit(pattern: str, fn, raw: str | None = None, no_group_angles: bool = False):
    def build(work: Path, b: Bases) -> Run:
        folder = copy_fe(work, b)
        if no_group_angles:
            edit_json(geojson(folder), _drop_group_sun)
        edit_json(next(folder.glob(pattern)), fn, raw)
        return Run(folder, work / "out")

    return build


def rewrite_raster(path: Path, fn) -> None:
    """Replace a GeoTIFF by ``fn(data, profile) -> (data, profile)`` (written fresh)."""
    with rasterio.open(path) as ds:
        data, profile = ds.read(), ds.profile
    data, profile = fn(data, profile)
    path.unlink()
    profile.update(count=data.shape[0], dtype=str(data.dtype))
    with rasterio.open(path, "w", **profile) as ds:
        ds.write(data)


def fe_raster(pattern: str, fn) -> Callable[[Path, Bases], Run]:
    def build(work: Path, b: Bases) -> Run:
        folder = copy_fe(work, b)
        rewrite_raster(next(folder.glob(pattern)), fn)
        return Run(folder, work / "out")

    return build


def truncate(fraction: float):
    return lambda data: data[: int(len(data) * fraction)]


def deep(n: int) -> str:
    return "[" * n + "]" * n


def mtl_edit(old: str, new: str) -> Callable[[Path, Bases], Run]:
    def build(work: Path, b: Bases) -> Run:
        folder = copy_ls(work, b)
        mtl = next(folder.glob("*_MTL.txt"))
        text = mtl.read_text()
        lines = [ln for ln in text.splitlines() if ln.strip().startswith(old + " =")]
        assert lines, f"{old} not in the sample MTL"
        mtl.write_text(text.replace(lines[0], f"    {old} = {new}"))
        return Run(folder, work / "out")

    return build


def ls_file(pattern: str, transform) -> Callable[[Path, Bases], Run]:
    def build(work: Path, b: Bases) -> Run:
        folder = copy_ls(work, b)
        path = next(folder.glob(pattern))
        path.write_bytes(transform(path.read_bytes()))
        return Run(folder, work / "out")

    return build


def with_land_cover(transform=None, raster_fn=None, missing: bool = False):
    def build(work: Path, b: Bases) -> Run:
        folder = copy_fe(work, b)
        lc = work / "landcover.tif"
        shutil.copyfile(b.land_cover, lc)
        if raster_fn is not None:
            rewrite_raster(lc, raster_fn)
        if transform is not None:
            lc.write_bytes(transform(lc.read_bytes()))
        if missing:
            lc.unlink()
        return Run(folder, work / "out", land_cover=lc)

    return build


def aoi_case(geometry: dict, crs: str = "EPSG:4326"):
    def build(work: Path, b: Bases) -> Run:
        from lst_studio.plugin.core.options import Aoi

        return Run(copy_fe(work, b), work / "out", aoi=Aoi(geometry, crs, name="test", id="t1"))

    return build


def scene_centre(b: Bases) -> tuple[float, float]:
    doc = json.loads(geojson(b.farearth).read_text())
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    return float(np.mean([p[0] for p in ring[:-1]])), float(np.mean([p[1] for p in ring[:-1]]))


def aoi_from_centre(shape: str):
    def build(work: Path, b: Bases) -> Run:
        from lst_studio.plugin.core.options import Aoi

        x, y = scene_centre(b)
        d = 0.002
        rings = {
            "line": [[x, y], [x + d, y + d], [x, y]],
            "point": [[x, y], [x, y], [x, y], [x, y]],
            "collinear": [[x, y], [x + d, y], [x + 2 * d, y], [x, y]],
            "square": [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]],
        }
        geometry = {"type": "Polygon", "coordinates": [rings[shape]]}
        return Run(copy_fe(work, b), work / "out", aoi=Aoi(geometry, "EPSG:4326", name=shape, id=shape))

    return build


def zipped(members=None, bomb_mb: int = 0, many: int = 0, slip: bool = False, cut: float = 0.0):
    def build(work: Path, b: Bases) -> Run:
        path = work / f"{b.farearth.name}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(b.farearth.rglob("*")):
                if f.is_file():
                    zf.write(f, f"{b.farearth.name}/{f.relative_to(b.farearth)}")
            if bomb_mb:
                zf.writestr(f"{b.farearth.name}/padding.bin", b"\0" * (bomb_mb << 20))
            for i in range(many):
                zf.writestr(f"{b.farearth.name}/extra/{i}.txt", b"")
            if slip:
                zf.writestr("../../evil.txt", b"x")
        if cut:
            path.write_bytes(path.read_bytes()[: int(path.stat().st_size * cut)])
        return Run(path, work / "out")

    return build


def ls_tar(symlink: bool = False, gz: bool = False):
    def build(work: Path, b: Bases) -> Run:
        path = work / (b.landsat.name + (".tar.gz" if gz else ".tar"))
        with tarfile.open(path, "w:gz" if gz else "w") as tf:
            for f in sorted(b.landsat.iterdir()):
                tf.add(f, f.name)
            if symlink:
                info = tarfile.TarInfo("link_MTL.txt")
                info.type = tarfile.SYMTYPE
                info.linkname = "/etc/passwd"
                tf.addfile(info, io.BytesIO(b""))
        return Run(path, work / "out")

    return build


def output_case(kind: str):
    def build(work: Path, b: Bases) -> Run:
        folder = copy_fe(work, b)
        run = Run(folder, work / "out")
        if kind == "file":
            run.out.write_text("I am a file")
        elif kind == "parent-file":
            (work / "afile").write_text("x")
            run.out = work / "afile" / "out"
        elif kind in ("readonly", "tiny"):
            mnt = work / "mnt"
            mnt.mkdir()
            opts = {"readonly": "ro,size=64m", "tiny": "size=1m"}[kind]
            if subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(mnt)]).returncode != 0:
                raise RuntimeError("cannot mount a tmpfs (needs root)")
            run.cleanup.append(lambda: subprocess.run(["umount", "-l", str(mnt)]))
            run.out = mnt / "out"
        return run

    return build


def existing_package(overwrite: bool):
    def build(work: Path, b: Bases) -> Run:
        folder = copy_fe(work, b)
        run = Run(folder, work / "out", overwrite=overwrite)
        run.prepare.append(lambda: produce_package(run))  # an earlier run's package of the same name
        return run

    return build


def valid(kind: str):
    def build(work: Path, b: Bases) -> Run:
        if kind == "folder":
            return Run(copy_fe(work, b), work / "out")
        if kind == "geojson":
            return Run(geojson(copy_fe(work, b)), work / "out")
        if kind == "product_json":
            return Run(next(copy_fe(work, b).glob("*_product.json")), work / "out")
        if kind == "landsat":
            return Run(copy_ls(work, b), work / "out")
        if kind == "mtl":
            return Run(next(copy_ls(work, b).glob("*_MTL.txt")), work / "out")
        if kind == "zip":
            return zipped()(work, b)
        if kind in ("tar", "tar.gz"):
            return ls_tar(gz=kind == "tar.gz")(work, b)
        if kind == "land_cover":
            return with_land_cover()(work, b)
        if kind == "nested_out":
            return Run(copy_fe(work, b), work / "a" / "b" / "out")
        if kind == "zip_out":
            run = Run(copy_fe(work, b), work / "out")
            run.make_zip = True
            return run
        raise KeyError(kind)

    return build


# --- the one chain behind lststudio:producepackage (processing/alg_produce_package.py) ---------------
def produce_package(run: Run) -> Path:
    """The core calls of ``ProducePackageAlgorithm.process`` and its self-check rule."""
    from lst_studio.plugin.core.delivery.package import export_package
    from lst_studio.plugin.core.delivery.validate import validate_package
    from lst_studio.plugin.core.delivery.workspace import output_place, work_folder
    from lst_studio.plugin.core.errors import ExportError
    from lst_studio.plugin.core.options import DeliveryOptions, LstOptions
    from lst_studio.plugin.core.pipeline import produce

    options = LstOptions()
    if run.land_cover is not None:
        options.land_cover = str(run.land_cover)
    delivery = DeliveryOptions(overwrite=run.overwrite, make_zip=run.make_zip)
    with output_place(run.out):
        workdir = work_folder(run.out, "result")
        try:
            result = produce(run.product, run.aoi, options, workdir=workdir)
            package = export_package(result, run.out, delivery)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    check = validate_package(package)
    if not check.ok:
        raise ExportError(f"{package}: the package failed its self-check: {check.summary.splitlines()[0]}")
    return package


def _set(path: list, value):
    def fn(doc):
        node = doc
        for key in path[:-1]:
            node = node[key] if not callable(key) else key(node)
        node[path[-1]] = value

    return fn


P = ["features", 0, "properties", "product"]
DESC = [*P, "descriptor"]
TR = [*DESC, "temporalRange"]


def _tir(key_path: list, value):
    def fn(doc):
        node = group(doc, "TIR")
        for key in key_path[:-1]:
            node = node[key]
        node[key_path[-1]] = value

    return fn


def _tir_del(key_path: list):
    def fn(doc):
        node = group(doc, "TIR")
        for key in key_path[:-1]:
            node = node[key]
        node.pop(key_path[-1])

    return fn


def _all_groups(key_path: list, value):
    def fn(doc):
        for name in ("TIR", "VNIR"):
            node = group(doc, name)
            for key in key_path[:-1]:
                node = node[key]
            node[key_path[-1]] = value

    return fn


def _constants(value):
    def fn(doc):
        for entry in group(doc, "TIR")["radiometric"]["emissiveConstants"]:
            entry["constants"] = value

    return fn


def _scale_tir(factor: float, dtype: str):
    def fn(data, profile):
        valid = data != profile.get("nodata", -9999)
        out = np.where(valid, data * factor, profile.get("nodata") or 0).astype(dtype)
        if np.dtype(dtype).kind == "u":
            profile["nodata"] = None
        return out, profile

    return fn


def _const(value, dtype=None):
    def fn(data, profile):
        return np.full_like(data, value, dtype=dtype or data.dtype), profile

    return fn


def _huge_writer(pattern: str):
    def build(work: Path, b: Bases) -> Run:
        folder = copy_fe(work, b)
        path = next(folder.glob(pattern))
        with rasterio.open(path) as ds:
            profile = ds.profile
        path.unlink()
        profile.update(width=100000, height=100000, tiled=True, blockxsize=256, blockysize=256)
        profile.update(compress="deflate", sparse_ok=True)
        with rasterio.open(path, "w", **profile):
            pass
        edit_json(geojson(folder), _tir(["geometric", "imageDimensions"], [100000, 100000]))
        return Run(folder, work / "out")

    return build


def cases() -> list[Case]:
    R, V = "refuse", "valid"
    sun = ["angles", "sunElevation"]
    geo = ["geometric"]
    big = "9" * 5000
    out = [
        # descriptor and times
        Case("sunElevation 'high'", R, fe_edit(_tir(sun, "high"))),
        Case("sunElevation 1000", R, fe_edit(_tir(sun, {"units": "DEGREES", "value": 1000}))),
        Case("sunElevation NaN", R, fe_edit(_tir(sun, {"units": "DEGREES", "value": RAW}), "NaN")),
        Case("sunElevation list", R, fe_edit(_tir(sun, [1, 2]))),
        Case("sunElevation 1e400", R, fe_edit(_tir(sun, RAW), "1e400")),
        Case("sunElevation 5000-digit int", R, fe_edit(_tir(sun, RAW), big)),
        Case("cloudCover 'many'", R, fe_edit(_set([*P, "cloudCover"], "many"))),
        Case("cloudCover 150", R, fe_edit(_set([*P, "cloudCover"], 150))),
        Case("cloudCover -5", R, fe_edit(_set([*P, "cloudCover"], -5))),
        Case("cloudCover Infinity", R, fe_edit(_set([*P, "cloudCover"], RAW), "Infinity")),
        Case("temporalRange missing", R, fe_edit(_set([*DESC, "temporalRange"], {}))),
        Case("from 'yesterday'", R, fe_edit(_set([*TR, "from"], "yesterday"))),
        Case(
            "date 2099", R, fe_edit(_set(TR, {"from": "2099-01-01T00:00:00Z", "to": "2099-01-01T00:00:24Z"}))
        ),
        Case(
            "date 1900", R, fe_edit(_set(TR, {"from": "1900-04-12T08:39:48Z", "to": "1900-04-12T08:40:12Z"}))
        ),
        Case(
            "date before L9 launch",
            R,
            fe_edit(_set(TR, {"from": "2019-04-12T08:39:48Z", "to": "2019-04-12T08:40:12Z"})),
        ),
        Case("to before from", R, fe_edit(_set([*TR, "to"], "2022-04-12T08:00:00Z"))),
        Case("from epoch 1e30", R, fe_edit(_set([*TR, "from"], 1e30))),
        Case("from true", R, fe_edit(_set([*TR, "from"], True))),
        Case("from object", R, fe_edit(_set([*TR, "from"], {}))),
        Case("spacecraft SENTINEL-2A", R, fe_edit(_set([*DESC, "spacecraft"], "SENTINEL-2A"))),
        Case("spacecraft 42", R, fe_edit(_set([*DESC, "spacecraft"], 42))),
        Case("productId list", R, fe_edit(_set([*DESC, "productId"], ["a"]))),
        Case("descriptor string", R, fe_edit(_set([*P, "descriptor"], "x"))),
        # structure
        Case("sensors 'abc'", R, fe_edit(_set([*P, "sensors"], "abc"))),
        Case("sensors []", R, fe_edit(_set([*P, "sensors"], []))),
        Case("sensors[0] string", R, fe_edit(_set([*P, "sensors", 0], "x"))),
        Case("images 'abc'", R, fe_edit(_set([*P, "sensors", 0, "images"], "abc"))),
        Case("images[0] string", R, fe_edit(_set([*P, "sensors", 0, "images", 0], "x"))),
        Case("features []", R, fe_edit(_set(["features"], []))),
        Case("features 'x'", R, fe_edit(_set(["features"], "x"))),
        Case("product missing", R, fe_edit(lambda d: d["features"][0]["properties"].pop("product"))),
        Case("top level array", R, fe_text(lambda _: b"[]")),
        Case("empty geojson", R, fe_text(lambda _: b"")),
        Case("geojson not UTF-8", R, fe_text(lambda data: b"\xff\xfe\x00" + data)),
        Case("geojson truncated", R, fe_text(truncate(0.5))),
        Case("geojson nested 100000 deep", R, fe_text(lambda _: deep(100000).encode())),
        Case("geojson nested 100 deep", R, fe_text(lambda _: deep(100).encode())),
        Case("geojson 65 MB", R, fe_text(lambda data: data + b" " * (65 << 20))),
        Case("geojson trailing garbage", R, fe_text(lambda data: data + b"}}")),
        # band groups
        Case("image missing", R, fe_edit(_tir_del(["image"]))),
        Case("image 42", R, fe_edit(_tir(["image"], 42))),
        Case("image ''", R, fe_edit(_tir(["image"], ""))),
        Case("image file missing", R, fe_edit(_tir(["image"], "nope.tif"))),
        Case("image ../../etc/passwd", R, fe_edit(_tir(["image"], "../../../../../etc/passwd"))),
        Case("pixelUnits unknown", R, fe_edit(_tir(["radiometric", "pixelUnits"], "Kelvin"))),
        Case("pixelUnits 3", R, fe_edit(_tir(["radiometric", "pixelUnits"], 3))),
        Case(
            "pixelUnits reflective on TIR",
            R,
            fe_edit(_tir(["radiometric", "pixelUnits"], "TOA Reflectance x 10k")),
        ),
        Case("bands missing", R, fe_edit(_tir_del(["bands"]))),
        Case("bands wrong count", R, fe_edit(_tir(["bands"], ["TIR1"]))),
        Case("bands string", R, fe_edit(_tir(["bands"], "TIR1"))),
        Case("emissiveConstants missing", R, fe_edit(_tir_del(["radiometric", "emissiveConstants"]))),
        Case("constants [1, 1]", R, fe_edit(_constants([1, 1]))),
        Case("constants swapped", R, fe_edit(_constants([1329.2405, 799.0284]))),
        Case("constants strings", R, fe_edit(_constants(["a", "b"]))),
        Case("constants 1e400", R, fe_edit(_constants([RAW, 1329.0]), "1e400")),
        Case("constants NaN", R, fe_edit(_constants([RAW, RAW]), "NaN")),
        Case("emissiveConstants 'x'", R, fe_edit(_tir(["radiometric", "emissiveConstants"], "x"))),
        Case("imageDimensions NaN", R, fe_edit(_tir([*geo, "imageDimensions"], [RAW, SIZE]), "NaN")),
        Case("imageDimensions 1e400", R, fe_edit(_tir([*geo, "imageDimensions"], [RAW, SIZE]), "1e400")),
        Case("imageDimensions strings", R, fe_edit(_tir([*geo, "imageDimensions"], ["64", "64"]))),
        Case("imageDimensions 5000 digits", R, fe_edit(_tir([*geo, "imageDimensions"], [RAW, SIZE]), big)),
        Case("imageDimensions wrong", R, fe_edit(_tir([*geo, "imageDimensions"], [1, 1]))),
        Case("imageDimensions one value", R, fe_edit(_tir([*geo, "imageDimensions"], [3]))),
        Case("projection 'UTM'", R, fe_edit(_tir([*geo, "projection"], "UTM"))),
        Case("projection EPSG:4326", R, fe_edit(_tir([*geo, "projection"], "EPSG:4326"))),
        Case("spatialResolution strings", R, fe_edit(_tir([*geo, "spatialResolution"], ["a", "b"]))),
        Case("spatialResolution wrong", R, fe_edit(_tir([*geo, "spatialResolution"], [60, -60]))),
        Case("qaMask file missing", R, fe_edit(_tir(["qaMask"], "nope_QA.tif"))),
        Case("qaMask 42", R, fe_edit(_tir(["qaMask"], 42))),
        Case("earthSunDistance 'far'", R, fe_edit(_tir(["radiometric", "earthSunDistance"], "far"))),
        Case("earthSunDistance 1e400", R, fe_edit(_tir(["radiometric", "earthSunDistance"], RAW), "1e400")),
        Case("angles string", R, fe_edit(_tir(["angles"], "x"))),
        Case("esun string", R, fe_edit(lambda d: group(d, "VNIR")["radiometric"].__setitem__("esun", "x"))),
        Case(
            "centerWavelength string",
            R,
            fe_edit(
                lambda d: group(d, "TIR")["radiometric"]["spectral"][0].__setitem__("centerWavelength", "x")
            ),
        ),
        Case("viewingAngles 5", R, fe_edit(_set([*P, "viewingAngles"], 5))),
        Case("two geojson files", R, lambda w, b: _two_geojson(w, b)),
        # ANGLES.json (the reader falls back to it without group sun angles)
        Case(
            "ANGLES zenithAngle missing",
            R,
            json_edit("*_ANGLES.json", lambda d: d["meanSunAngle"].pop("zenithAngle"), None, True),
        ),
        Case(
            "ANGLES zenithAngle string",
            R,
            json_edit(
                "*_ANGLES.json", lambda d: d["meanSunAngle"].__setitem__("zenithAngle", "x"), None, True
            ),
        ),
        Case(
            "ANGLES zenithAngle NaN",
            R,
            json_edit(
                "*_ANGLES.json", lambda d: d["meanSunAngle"].__setitem__("zenithAngle", RAW), "NaN", True
            ),
        ),
        Case(
            "ANGLES meanSunAngle list",
            R,
            json_edit("*_ANGLES.json", lambda d: d.__setitem__("meanSunAngle", [1]), None, True),
        ),
        Case("ANGLES nested 100000 deep", R, fe_file("*_ANGLES.json", lambda _: deep(100000).encode(), True)),
        Case("ANGLES malformed", R, fe_file("*_ANGLES.json", truncate(0.5), True)),
        Case("no sun angle anywhere", R, lambda w, b: _no_sun(w, b)),
        # GVER / POINTING
        Case(
            "GVER_REL measurements 'x'",
            R,
            json_edit("*_GVER_REL.json", lambda d: d.__setitem__("measurements", "x")),
        ),
        Case(
            "GVER_REL measurement 5",
            R,
            json_edit("*_GVER_REL.json", lambda d: d["measurements"].__setitem__(0, 5)),
        ),
        Case(
            "GVER_REL coords strings",
            R,
            json_edit(
                "*_GVER_REL.json", lambda d: d["measurements"][0].__setitem__("coordsLonLat", [["a", "b"]])
            ),
        ),
        Case(
            "GVER_REL count mismatch",
            R,
            json_edit("*_GVER_REL.json", lambda d: d["measurements"][0]["coordsLonLat"].pop()),
        ),
        Case("GVER_ABS malformed", R, fe_file("*_GVER_ABS.json", truncate(0.5))),
        Case(
            "POINTING measurements 'x'",
            R,
            json_edit("*_POINTING.json", lambda d: d.__setitem__("measurements", "x")),
        ),
        Case(
            "POINTING 5000-digit int",
            R,
            fe_file("*_POINTING.json", lambda data: b'{"measurements": [], "n": ' + big.encode() + b"}"),
        ),
        # rasters
        Case("TIR truncated (tail)", R, fe_file("*_TIR.tif", truncate(0.9))),
        Case("TIR truncated (half)", R, fe_file("*_TIR.tif", truncate(0.5))),
        Case("TIR empty file", R, fe_file("*_TIR.tif", lambda _: b"")),
        Case("TIR not a GeoTIFF", R, fe_file("*_TIR.tif", lambda _: b"hello")),
        Case("TIR stored as uint8", R, fe_raster("*_TIR.tif", _scale_tir(0.05, "uint8"))),
        Case("TIR float kelvin", R, fe_raster("*_TIR.tif", _scale_tir(0.1, "float32"))),
        Case("TIR float x10", R, fe_raster("*_TIR.tif", _scale_tir(1.0, "float32"))),
        Case("TIR x100 (3000 K)", R, fe_raster("*_TIR.tif", _scale_tir(10.0, "int16"))),
        Case("TIR all fill", R, fe_raster("*_TIR.tif", _const(-9999))),
        Case("TIR all saturated (QA)", R, fe_raster("*_TIR_QA.tif", _const(2))),
        Case("TIR all filled (QA)", R, fe_raster("*_TIR_QA.tif", _const(4))),
        Case("TIR header 100000 x 100000", R, _huge_writer("*_TIR.tif")),
        Case("TIR QA truncated", R, fe_file("*_TIR_QA.tif", truncate(0.6))),
        Case("VNIR truncated", R, fe_file("*_VNIR.tif", truncate(0.7))),
        Case("VNIR QA not a GeoTIFF", R, fe_file("*_VNIR_QA.tif", lambda _: b"hello")),
        # land cover
        Case("land cover truncated", R, with_land_cover(transform=truncate(0.6))),
        Case("land cover float", R, with_land_cover(raster_fn=lambda d, p: (d.astype("float32"), p))),
        Case("land cover not a raster", R, with_land_cover(transform=lambda _: b"hello")),
        Case("land cover missing", R, with_land_cover(missing=True)),
        # AOI
        Case("AOI zero-area line", R, aoi_from_centre("line")),
        Case("AOI zero-area point", R, aoi_from_centre("point")),
        Case("AOI zero-area collinear", R, aoi_from_centre("collinear")),
        Case(
            "AOI outside the scene",
            R,
            aoi_case({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}),
        ),
        Case("AOI Point geometry", R, aoi_case({"type": "Point", "coordinates": [0, 0]})),
        # archives
        Case("zip bomb (64 MiB of zeros)", R, zipped(bomb_mb=64)),
        Case("zip with 10001 extra members", R, zipped(many=10001)),
        Case("zip slip", R, zipped(slip=True)),
        Case("zip truncated", R, zipped(cut=0.6)),
        Case("tar with symlink", R, ls_tar(symlink=True)),
        # Landsat MTL
        Case("MTL SUN_ELEVATION high", R, mtl_edit("SUN_ELEVATION", "high")),
        Case("MTL SUN_ELEVATION 1e400", R, mtl_edit("SUN_ELEVATION", "1e400")),
        Case("MTL DATE_ACQUIRED 2099", R, mtl_edit("DATE_ACQUIRED", "2099-01-01")),
        Case("MTL DATE_ACQUIRED 1900", R, mtl_edit("DATE_ACQUIRED", "1900-04-12")),
        Case("MTL DATE_ACQUIRED garbage", R, mtl_edit("DATE_ACQUIRED", "soon")),
        Case("MTL RADIANCE_MULT_BAND_10 abc", R, mtl_edit("RADIANCE_MULT_BAND_10", "abc")),
        Case("MTL K1_CONSTANT_BAND_10 nan", R, mtl_edit("K1_CONSTANT_BAND_10", "nan")),
        Case("MTL UTM_ZONE inf", R, mtl_edit("UTM_ZONE", "inf")),
        Case("MTL UTM_ZONE 40 digits", R, mtl_edit("UTM_ZONE", "9" * 40)),
        Case("MTL truncated", R, ls_file("*_MTL.txt", truncate(0.5))),
        Case("Landsat B10 truncated", R, ls_file("*_B10.TIF", truncate(0.7))),
        Case("Landsat B4 truncated", R, ls_file("*_B4.TIF", truncate(0.5))),
        # output folder
        Case("output path is a file", R, output_case("file")),
        Case("output parent is a file", R, output_case("parent-file")),
        Case("output filesystem read-only", R, output_case("readonly")),
        Case("output filesystem nearly full (1 MB)", R, output_case("tiny")),
        Case("package exists, no overwrite", R, existing_package(False)),
        # valid, sometimes unusual
        Case("valid: FarEarth folder", V, valid("folder")),
        Case("valid: FarEarth .geojson", V, valid("geojson")),
        Case("valid: FarEarth _product.json", V, valid("product_json")),
        Case("valid: FarEarth .zip", V, valid("zip")),
        Case("valid: Landsat folder", V, valid("landsat")),
        Case("valid: Landsat _MTL.txt", V, valid("mtl")),
        Case("valid: Landsat .tar", V, valid("tar")),
        Case("valid: Landsat .tar.gz", V, valid("tar.gz")),
        Case("valid: with land cover", V, valid("land_cover")),
        Case("valid: output folder to create", V, valid("nested_out")),
        Case("valid: with zip", V, valid("zip_out")),
        Case("valid: small AOI", V, aoi_from_centre("square")),
        Case(
            "valid: v1.2 'units' key",
            V,
            fe_edit(
                lambda d: [
                    g["radiometric"].__setitem__("units", g["radiometric"].pop("pixelUnits"))
                    for g in (group(d, "TIR"), group(d, "VNIR"))
                ]
            ),
        ),
        Case("valid: imageDimensions as [h, w]", V, fe_edit(_tir([*geo, "imageDimensions"], [SIZE, SIZE]))),
        Case("valid: sun from ANGLES.json", V, lambda w, b: _angles_fallback(w, b)),
        Case("valid: cloudCover null", V, fe_edit(_set([*P, "cloudCover"], None))),
        Case("valid: epoch-ms time", V, fe_edit(_set(TR, {"from": 1649752788000, "to": 1649752812000}))),
        Case("valid: package exists, overwrite", V, existing_package(True)),
        Case("valid: no GVER/POINTING files", V, lambda w, b: _no_extras(w, b)),
    ]
    return out


def _two_geojson(work: Path, b: Bases) -> Run:
    folder = copy_fe(work, b)
    shutil.copyfile(geojson(folder), folder / "other.geojson")
    return Run(folder, work / "out")


def _no_sun(work: Path, b: Bases) -> Run:
    folder = copy_fe(work, b)
    edit_json(geojson(folder), lambda d: (_drop_group_sun(d), product_of(d).pop("viewingAngles", None)))
    next(folder.glob("*_ANGLES.json")).unlink()
    return Run(folder, work / "out")


def _angles_fallback(work: Path, b: Bases) -> Run:
    folder = copy_fe(work, b)
    edit_json(geojson(folder), _drop_group_sun)
    return Run(folder, work / "out")


def _no_extras(work: Path, b: Bases) -> Run:
    folder = copy_fe(work, b)
    for pattern in ("*_GVER_*.json", "*_POINTING.json"):
        for f in folder.glob(pattern):
            f.unlink()
    return Run(folder, work / "out")
