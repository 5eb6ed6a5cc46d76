"""The REANALYSIS / DOWNLOAD_ERA5 Processing parameters reach the core (core.reanalysis, core.cds_download)."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(tmp_path_factory.mktemp("era5"), seed=1, size=120, land_cover=False, dem=False)


def test_reanalysis_file_parameter_gives_per_pixel_water_vapour(provider, sample, tmp_path):
    import processing

    processing.run(
        "lststudio:producelst",
        {"INPUT": str(sample.geojson), "REANALYSIS": str(sample.era5), "OUTPUT_FOLDER": str(tmp_path / "o")},
    )
    md = json.loads((tmp_path / "o" / "result.json").read_text())["metadata"]
    assert md["atmosphere"]["source"] == "reanalysis (ERA5 file ERA5_SINGLE_LEVELS.nc)"
    assert md["atmosphere"]["reanalysis"]["file"] == str(sample.era5)
    assert md["algorithm"]["inputs"]["water_vapour_per_pixel"] is True


def test_a_bad_reanalysis_file_is_our_error_naming_it(provider, sample, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    bad = tmp_path / "broken.nc"
    bad.write_bytes(b"CDF\x01 truncated")
    with pytest.raises(QgsProcessingException, match="broken.nc"):
        processing.run(
            "lststudio:producelst",
            {"INPUT": str(sample.geojson), "REANALYSIS": str(bad), "OUTPUT_FOLDER": str(tmp_path / "o")},
        )


def test_dock_passes_the_era5_file_and_remembers_it(dock, sample, tmp_path):
    from lst_studio.plugin.gui.settings import DockSettings

    ui = dock.ui
    dock.product_path = str(sample.geojson)
    ui.editOutputFolder.setText(str(tmp_path / "out"))
    assert "REANALYSIS" not in dock.production_parameters()
    ui.editReanalysis.setText(str(sample.era5))
    assert dock.production_parameters()["REANALYSIS"] == str(sample.era5)
    assert dock.current_settings().reanalysis == str(sample.era5)
    dock._apply_settings(DockSettings(reanalysis="/data/era5.nc"))
    assert ui.editReanalysis.text() == "/data/era5.nc"
