"""Issue 18: bad input through the whole chain behind ``lststudio:producepackage``; each case a real broken
file (tests/core/data/bad_inputs.py) refused with our exception naming file and field, and nothing left
behind. The whole corpus with counts by outcome is benchmarks/bad_inputs.py."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from lst_studio.plugin.core.errors import AoiError, ExportError, LstError, ProductError

from .data import bad_inputs as corpus

# The cases issue 18 names, one test each (the corpus holds ~150).
ISSUE_CASES = [
    "TIR truncated (tail)",
    "land cover truncated",
    "geojson nested 100000 deep",
    "imageDimensions 5000 digits",
    "constants 1e400",
    "imageDimensions NaN",
    "imageDimensions strings",
    "images[0] string",
    "ANGLES zenithAngle missing",
    "TIR header 100000 x 100000",
    "output path is a file",
    "output parent is a file",
    "TIR stored as uint8",
    "TIR float kelvin",
    "TIR all saturated (QA)",
    "TIR all fill",
    "date 2099",
    "date 1900",
    "sunElevation 'high'",
    "AOI zero-area line",
    "AOI zero-area collinear",
    "zip bomb (64 MiB of zeros)",
    "zip with 10001 extra members",
    "package exists, no overwrite",
    "MTL SUN_ELEVATION high",
    "MTL DATE_ACQUIRED 2099",
    "Landsat B10 truncated",
    "VNIR truncated",
]
BY_NAME = {c.name: c for c in corpus.cases()}


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> corpus.Bases:
    return corpus.Bases.make(tmp_path_factory.mktemp("bad-input-bases"))


def _tree(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {"."} if path.is_file() else {str(p.relative_to(path)) for p in path.rglob("*")}


def _refused(case: corpus.Case, work: Path, bases) -> LstError:
    run = case.build(work, bases)
    tmp = work / "tmp"
    tmp.mkdir()
    old = tempfile.tempdir
    tempfile.tempdir = str(tmp)
    try:
        for step in run.prepare:
            step()
        before = _tree(run.out)
        with pytest.raises(LstError) as info:
            corpus.produce_package(run)
        assert _tree(run.out) == before, "a refused run left something in the output folder"
        assert not any(tmp.iterdir()), "a refused run left a temporary folder"
    finally:
        tempfile.tempdir = old
        for step in run.cleanup:
            step()
    return info.value


@pytest.mark.parametrize("name", ISSUE_CASES)
def test_refused_naming_file_and_field(name, bases, tmp_path):
    err = _refused(BY_NAME[name], tmp_path, bases)
    msg = str(err)
    assert "\n" not in msg.strip()
    if isinstance(err, ProductError):
        assert err.path and err.field, msg
        assert msg.startswith(err.path) and f"field '{err.field}'" in msg
        assert str(tmp_path) in err.path  # the user's file (an archive's own name, never a temp folder)
    elif isinstance(err, AoiError):
        assert "geometry" in msg
    else:
        assert isinstance(err, ExportError) and msg.startswith(str(tmp_path)), msg


def test_messages_say_what_was_expected(bases, tmp_path):
    cases = {
        "TIR all saturated (QA)": "saturated",
        "TIR all fill": "only fill",
        "TIR float kelvin": "expected 16-bit integers",
        "date 2099": "between the launch of LANDSAT-9",
        "TIR header 100000 x 100000": "100000 x 100000 px",
        "AOI zero-area line": "zero area",
        "zip bomb (64 MiB of zeros)": "compression ratio",
        "geojson nested 100000 deep": "nested too deeply",
        "imageDimensions 5000 digits": "5000 digits",
    }
    for i, (name, fragment) in enumerate(cases.items()):
        work = tmp_path / str(i)
        work.mkdir()
        assert fragment in str(_refused(BY_NAME[name], work, bases)), name


@pytest.mark.parametrize("band", ["4", "10"])
def test_a_truncated_landsat_band_is_named_with_its_own_field(band, bases, tmp_path):
    """Whichever read meets the damage first (the quality block reads every band's DNs on Collection 1),
    the error names the damaged file and its MTL field, not the QA file."""
    err = _refused(BY_NAME[f"Landsat B{band} truncated"], tmp_path, bases)
    assert isinstance(err, ProductError)
    assert err.path.endswith(f"_B{band}.TIF") and err.field == f"FILE_NAME_BAND_{band}", str(err)


def test_archive_errors_name_the_archive_not_a_temp_folder(bases, tmp_path):
    """A product inside a zip whose band file is truncated: refused at open, named as archive!/member."""
    import shutil
    import zipfile

    work = tmp_path / "w"
    work.mkdir()
    folder = corpus.copy_fe(work, bases)
    tif = next(folder.glob("*_TIR.tif"))
    tif.write_bytes(tif.read_bytes()[: int(tif.stat().st_size * 0.9)])
    archive = tmp_path / "product.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in sorted(folder.rglob("*")):
            zf.write(f, f"{folder.name}/{f.relative_to(folder)}")
    shutil.rmtree(work)
    err = _refused(corpus.Case("zip", "refuse", lambda w, b: corpus.Run(archive, w / "out")), tmp_path, bases)
    assert isinstance(err, ProductError)
    assert err.path.startswith(f"{archive}!/") and err.path.endswith("_TIR.tif"), err.path
    assert "lststudio-product-" not in str(err)


@pytest.mark.parametrize("name", ["valid: FarEarth .zip", "valid: Landsat .tar", "valid: small AOI"])
def test_unusual_valid_inputs_give_valid_packages(name, bases, tmp_path):
    run = BY_NAME[name].build(tmp_path, bases)
    package = corpus.produce_package(run)  # includes the self-check
    assert sorted(p.name for p in run.out.iterdir()) == [package.name]  # no work folder left
