"""The package self-check on a real package (sample -> produce -> export_package) and on broken copies.

Each broken copy is a real broken file (truncated COG, wrong checksum, removed asset, XML without an
INSPIRE element, ...) and must be detected by the check that is about it; the good package passes, as
it does with the offline validator kit (``check_package.py --strict-cog``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from lst_studio.plugin.core.delivery import iso, validate
from lst_studio.plugin.core.delivery.validate import (
    CEOS_ARD_ST_REQUIREMENTS,
    FAIL,
    ISO_ELEMENTS,
    PASS,
    SKIP,
    validate_package,
)
from lst_studio.plugin.core.options import DeliveryOptions, LstOptions


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    from lst_studio.plugin.core.delivery.package import export_package
    from lst_studio.plugin.core.pipeline import produce
    from lst_studio.plugin.core.sample.generate import write_sample

    base = tmp_path_factory.mktemp("validate")
    sample = write_sample(base / "sample", seed=1, size=96)
    result = produce(sample.product_dir, None, LstOptions(), workdir=base / "result")
    return export_package(result, base / "out", DeliveryOptions(organization_id="test"))


@pytest.fixture()
def copy(package, tmp_path) -> Path:
    """A copy of the good package under the same folder name (the names are part of the check)."""
    return Path(shutil.copytree(package, tmp_path / package.name))


def _file(folder: Path, type_: str) -> Path:
    return folder / f"{folder.name}_{type_}"


def _status(check, name: str) -> tuple[str, str]:
    hits = [c for c in check.checks if c.name == name]
    assert len(hits) == 1, (name, [c.name for c in check.checks])
    return hits[0].status, hits[0].message


def _item(folder: Path) -> dict:
    return json.loads(_file(folder, "METADATA.json").read_text())


def _write_item(folder: Path, item: dict) -> None:
    _file(folder, "METADATA.json").write_text(json.dumps(item, indent=2))


def test_good_package_passes_every_check(package):
    check = validate_package(package)
    assert check.ok, check.summary
    assert {c.status for c in check.checks} == {PASS}
    names = {c.name for c in check.checks}
    tifs = sorted(p.name for p in package.glob("*.tif"))
    # 7 layers (VNIR by day) + 2 quicklooks + the CEOS-ARD companions ANGLES, ACQUISITION_TIME,
    # CLOUD_DISTANCE, TRANSMITTANCE, WATER_VAPOUR, MASK_TESTS
    assert len(tifs) == 15
    assert {f"COG {t}" for t in tifs} | {f"raster {t}" for t in tifs} <= names
    item = _item(package)
    assert {f"asset {k}" for k in item["assets"]} <= names
    assert {
        "file names",
        "STAC item",
        "ISO 19115-2 XML",
        "INSPIRE elements",
        "CEOS-ARD self-assessment",
    } <= names
    assert check.summary.startswith(
        f"Package self-check passed: {len(check.checks)} checks ({len(check.checks)} PASS"
    )
    assert _status(check, "INSPIRE elements")[1] == f"all {len(ISO_ELEMENTS)} elements present"
    assert _status(check, "CEOS-ARD self-assessment")[1].startswith("all 29 requirements assessed, ")


def test_the_kit_agrees_on_the_good_package(package, shared_dir):
    out = subprocess.run(
        [
            "/usr/bin/python3",
            str(shared_dir / "validators" / "check_package.py"),
            "--strict-cog",
            "-q",
            str(package),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0 and "OVERALL: PASS" in out.stdout, out.stdout[-3000:]
    assert validate_package(package).ok


def test_truncated_cog_is_detected(copy):
    lst = _file(copy, "LST.tif")
    data = lst.read_bytes()
    lst.write_bytes(data[: int(len(data) * 0.7)])
    check = validate_package(copy)
    assert not check.ok
    assert _status(check, f"COG {lst.name}")[0] == FAIL
    status, message = _status(check, f"raster {lst.name}")
    assert status == FAIL and "cannot be read completely" in message
    status, message = _status(check, "asset lst")
    assert status == FAIL and f"{int(len(data) * 0.7)} bytes; file:size says {len(data)}" in message
    assert check.summary.startswith("Package self-check FAILED")
    assert f"FAIL raster {lst.name}" in check.summary


def test_wrong_checksum_is_detected(copy):
    item = _item(copy)
    good = item["assets"]["qa"]["file:checksum"]
    item["assets"]["qa"]["file:checksum"] = good[:-4] + ("0000" if not good.endswith("0000") else "1111")
    _write_item(copy, item)
    check = validate_package(copy)
    status, message = _status(check, "asset qa")
    assert status == FAIL and "differs from file:checksum" in message
    assert [c.name for c in check.checks if c.status == FAIL] == ["asset qa"]


def test_removed_asset_is_detected(copy):
    _file(copy, "SCL.tif").unlink()
    check = validate_package(copy)
    status, message = _status(check, "asset scl")
    assert status == FAIL and message.endswith("_SCL.tif does not exist")
    assert not check.ok


def test_file_without_asset_warns(copy):
    extra = _file(copy, "EXTRA.txt")
    extra.write_text("not listed")
    check = validate_package(copy)
    status, message = _status(check, "files listed in the STAC item")
    assert status == "WARN" and extra.name in message
    assert check.ok  # a stray file makes the package suspicious, not broken


def test_xml_missing_an_element_is_detected(copy):
    xml = _file(copy, "METADATA.xml")
    tree = etree.parse(str(xml))
    (abstract,) = tree.getroot().xpath("//gmd:abstract", namespaces=iso.NS)
    abstract.getparent().remove(abstract)
    tree.write(str(xml), xml_declaration=True, encoding="UTF-8")
    check = validate_package(copy)
    status, message = _status(check, "INSPIRE elements")
    assert status == FAIL and message == "missing or empty: Resource abstract"
    assert _status(check, "ISO 19115-2 XML")[0] == PASS  # still well-formed


def test_malformed_xml_is_detected(copy):
    xml = _file(copy, "METADATA.xml")
    xml.write_bytes(xml.read_bytes()[:-40])
    status, message = _status(validate_package(copy), "ISO 19115-2 XML")
    assert status == FAIL and "not well-formed" in message


def test_every_iso_element_xpath_finds_the_writer_output(package):
    root = etree.parse(str(_file(package, "METADATA.xml"))).getroot()
    for name, xpath, _ in ISO_ELEMENTS:
        assert root.xpath(xpath, namespaces=iso.NS), name


def test_nodata_mismatch_with_stac_is_detected(copy):
    item = _item(copy)
    item["assets"]["lst"]["bands"][0]["nodata"] = 0
    item["assets"]["lst"]["bands"][0]["raster:scale"] = 0.1
    _write_item(copy, item)
    status, message = _status(validate_package(copy), f"raster {_file(copy, 'LST.tif').name}")
    assert status == FAIL
    assert "band 1 nodata 65535.0; STAC says 0" in message and "band 1 scale 0.01; STAC says 0.1" in message


def test_ceos_ard_missing_requirement_is_detected(copy):
    path = _file(copy, "CEOS_ARD.json")
    doc = json.loads(path.read_text())
    doc["requirements"] = [r for r in doc["requirements"] if r["identifier"] != "pxl.per-pixel-cloud"]
    path.write_text(json.dumps(doc))
    status, message = _status(validate_package(copy), "CEOS-ARD self-assessment")
    assert status == FAIL and message == "requirement(s) not assessed: pxl.per-pixel-cloud"
    assert len(CEOS_ARD_ST_REQUIREMENTS) == len(set(CEOS_ARD_ST_REQUIREMENTS)) == 29


def test_badly_named_file_is_detected(copy):
    _file(copy, "CEOS_ARD.txt").rename(copy / "ceos report.txt")
    status, message = _status(validate_package(copy), "file names")
    assert status == FAIL and "ceos report.txt" in message


def test_missing_stac_item_fails(copy):
    _file(copy, "METADATA.json").unlink()
    check = validate_package(copy)
    assert _status(check, "STAC item")[0] == FAIL and not check.ok


def test_without_gdal_cog_validator_the_structure_check_is_skipped(package, monkeypatch):
    # None in sys.modules makes the import raise ImportError, as on a GDAL without osgeo_utils
    monkeypatch.setitem(sys.modules, "osgeo_utils.samples.validate_cloud_optimized_geotiff", None)
    assert validate._load_cog_validator() is None
    monkeypatch.setattr(validate, "_COG_VALIDATOR", None)  # what the module loads then (at import)
    check = validate_package(package)
    skipped = [c for c in check.checks if c.status == SKIP]
    assert len(skipped) == len(list(package.glob("*.tif"))) and all(
        c.name.startswith("COG ") for c in skipped
    )
    assert check.ok  # the decode and STAC comparisons still run
    assert "SKIP COG" in check.summary and f"(and {len(skipped) - 1} more)" in check.summary


def test_malformed_metadata_fails_the_check_without_crashing(copy):
    item = _item(copy)
    item["assets"]["lst"]["bands"] = ["not a band object"]
    _write_item(copy, item)
    ceos = _file(copy, "CEOS_ARD.json")
    ceos.write_text(json.dumps({"requirements": ["pxl.per-pixel-cloud"]}))
    check = validate_package(copy)
    status, message = _status(check, f"raster {_file(copy, 'LST.tif').name}")
    assert status == FAIL and message.startswith("could not be checked (AttributeError")
    status, message = _status(check, "CEOS-ARD self-assessment")
    assert status == FAIL and "is not a CEOS-ARD report" in message


def test_each_metadata_file_is_parsed_once_per_validation(package, monkeypatch):
    """The evidence references of the CEOS-ARD report point many times into the STAC item and the ISO
    record; one validation parses each of them once (they were parsed again for every reference)."""
    from collections import Counter

    from lst_studio.plugin.core.delivery import evidence

    reads: Counter = Counter()
    real_read, real_parse = Path.read_text, etree.parse

    def read_text(self, *args, **kwargs):
        reads[self.name] += 1
        return real_read(self, *args, **kwargs)

    def parse(source, *args, **kwargs):
        reads[Path(str(source)).name] += 1
        return real_parse(source, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    monkeypatch.setattr(etree, "parse", parse)
    check = validate_package(package)
    assert check.ok, check.summary
    cited = {
        evidence.parse_evidence(e)[0]
        for r in json.loads(real_read(_file(package, "CEOS_ARD.json")))["requirements"]
        for e in r.get("evidence") or []
    }
    assert {f"{package.name}_METADATA.json", f"{package.name}_METADATA.xml"} <= cited
    meta = {n: c for n, c in reads.items() if n.endswith((".json", ".xml"))}
    assert meta and all(c == 1 for c in meta.values()), meta
    # a second validation parses them again (the cache lives for one call): a changed file is seen
    xml = _file(package, "METADATA.xml")
    reads.clear()
    validate_package(package)
    assert reads[xml.name] == 1


def test_cancel_stops_the_check_with_files_in_flight(package):
    """The files are checked side by side (steps.run_steps): a cancel still ends the check at once."""
    from lst_studio.plugin.core.errors import ProcessingCancelled
    from lst_studio.plugin.core.progress import Progress

    seen: list[float] = []
    with pytest.raises(ProcessingCancelled):
        validate_package(package, Progress(seen.append, lambda: any(v > 40.0 for v in seen)))
    assert seen and max(seen) <= 90.0  # stopped among the rasters (30-90 %), before the metadata checks
