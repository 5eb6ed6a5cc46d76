"""metadata.txt carries every key the official QGIS plugin repository requires."""

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = (
    "name",
    "qgisMinimumVersion",
    "description",
    "about",
    "version",
    "author",
    "email",
    "homepage",
    "repository",
    "tracker",
    "tags",
    "category",
    "icon",
    "hasProcessingProvider",
    "changelog",
)


def _general():
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(ROOT / "metadata.txt", encoding="utf-8")
    return cfg["general"]


def test_every_required_key_is_present_and_filled():
    general = _general()
    missing = [k for k in REQUIRED if not general.get(k, "").strip()]
    assert missing == []


def test_values_the_plugin_relies_on():
    general = _general()
    assert general["name"] == "LST Studio"
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["category"] == "Raster"
    assert general["hasProcessingProvider"] == "yes"
    assert (ROOT / general["icon"]).is_file()
    assert general["icon"].endswith(".svg")
    for url_key in ("homepage", "repository", "tracker"):
        assert general[url_key].startswith("https://")


def test_license_is_gpl2_or_later():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 2" in text
    assert "any later version" in text
