"""Issue 19 point 10: core messages (reader errors, plausibility, reanalysis, run warnings) reach a German UI in
German. The core keeps English templates (core/messages.msg); the GUI translates them (gui/core_text.py) through
i18n/lst_studio_core_de.ts, compiled into the plugin's .qm."""

from __future__ import annotations

import ast
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from lst_studio.plugin.core.errors import ProductError
from lst_studio.plugin.core.messages import CORE_DIR, fields, msg, templates, templates_in
from lst_studio.plugin.gui.core_text import translate_core
from tests.qgis.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]
CORE_TS = ROOT / "i18n" / "lst_studio_core_de.ts"
QM = ROOT / "i18n" / "lst_studio_de.qm"

# Messages of the core written as plain English (an f-string or literal given to one of our errors or appended
# to a warnings list) instead of msg(): they reach the UI untranslated. A ratchet: the counts may only shrink
# (turn the message into msg("…", name=value) and translate it with `make i18n`); a module not listed has none.
UNMARKED_ALLOWED = {}
ERRORS = {
    "LstError",
    "ProductError",
    "AoiError",
    "ExportError",
    "OutputError",
    "ReanalysisError",
    "CdsUnavailable",
}
MESSAGE_ARG = {
    "ProductError": 2,
    "ReanalysisError": 1,
}  # (path, field, message), (path, problem); others first


def _is_english_text(node) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return " " in node.value  # a sentence, not a field name such as "bands/ids"
    if isinstance(node, ast.BinOp):
        return _is_english_text(node.left) or _is_english_text(node.right)
    return False


def _unmarked(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        owner = getattr(node.func, "value", None)
        warning = name == "append" and "warnings" in (getattr(owner, "id", "") + getattr(owner, "attr", ""))
        if name in ERRORS or warning:
            at = MESSAGE_ARG.get(name, 0)
            args = node.args[at : at + 1] + [
                k.value for k in node.keywords if k.arg in ("message", "problem")
            ]
            if any(_is_english_text(a) for a in args):
                lines.append(node.lineno)
    return lines


def _ts() -> dict[str, ET.Element]:
    return {m.findtext("source"): m.find("translation") for m in ET.parse(CORE_TS).getroot().iter("message")}


def _names(template: str) -> set[str]:
    return {name for _literal, name in fields(template) if name}


def test_no_new_untranslatable_core_message():
    counts = {}
    for path in sorted(CORE_DIR.rglob("*.py")):
        found = _unmarked(path)
        if found:
            counts[path.relative_to(CORE_DIR).as_posix()] = len(found)
    grown = {m: (n, UNMARKED_ALLOWED.get(m, 0)) for m, n in counts.items() if n > UNMARKED_ALLOWED.get(m, 0)}
    assert (
        grown == {}
    ), f"write these messages as msg('template', name=value) (core/messages.py): {({m: _unmarked(CORE_DIR / m) for m in grown})}"


def test_the_ratchet_detects_an_english_message(tmp_path):
    source = tmp_path / "x.py"
    source.write_text(
        "def f(p, w):\n"
        "    raise ProductError(p, 'field', f'value {w} is wrong')\n"
        "def g(p, warnings):\n"
        "    warnings.append(msg('fine {p}', p=p))\n"
        "    warnings.append('Not fine at all')\n"
    )
    assert _unmarked(source) == [2, 5]


def test_every_template_is_a_literal_with_plain_names():
    for path in sorted(CORE_DIR.rglob("*.py")):
        for template, line in templates_in(path):
            where = f"{path.relative_to(CORE_DIR)}:{line}"
            assert template, f"{where}: msg() needs a string literal as its template"
            assert all(
                n.isidentifier() for n in _names(template)
            ), f"{where}: placeholders must be plain names"
            literal = "".join(lit for lit, _ in fields(template))
            assert (
                len(literal.strip(" ,;:.()[]")) >= 3
            ), f"{where}: a template needs fixed text to be recognised"


def test_every_core_template_has_a_german_translation_with_the_same_placeholders():
    ts = _ts()
    assert set(templates()) == set(ts), "run `make i18n` (tools/core_messages_ts.py) and translate"
    for template, translation in ts.items():
        assert translation.get("type") != "unfinished" and (translation.text or "").strip(), template
        assert _names(translation.text) == _names(template), template


def test_the_qm_holds_every_core_template():
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        missing = [t for t in templates() if QCoreApplication.translate("CoreMessages", t) == t]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert missing == [], "run `make i18n`: the .qm was built before these templates"


def test_english_text_stays_as_it_is_without_a_translator():
    text = str(ProductError("/data/x_TIR.tif", "sensors[1].images[0].image", msg("file or folder not found")))
    assert (
        translate_core(text)
        == text
        == "/data/x_TIR.tif: field 'sensors[1].images[0].image': file or folder not found"
    )


def test_german_error_keeps_file_and_values(german):
    reason = msg("{value:g} is outside [{lo}, {hi}]", value=1.5, lo=0.9, hi=1.1)
    text = str(ProductError("/p/MTL.txt", "EARTH_SUN_DISTANCE", reason))
    assert translate_core(text) == "/p/MTL.txt: Feld 'EARTH_SUN_DISTANCE': 1.5 liegt außerhalb von [0.9, 1.1]"
    # a prefix that is no file (the batch log) and two lines (the warnings of one run)
    two = "[failed] x: file or folder not found\nBand lwir12 unusable: single-channel algorithm used instead of split-window"
    assert translate_core(two) == (
        "[failed] x: Datei oder Ordner nicht gefunden\n"
        "Band lwir12 unbrauchbar: Einkanalverfahren statt Split-Window verwendet"
    )
    assert translate_core("Something no template knows") == "Something no template knows"
    # a JSON schema error of a reader, and the weaker of two matching templates loses
    schema = str(
        ProductError("/p/x.geojson", "properties.sunElevation", msg("missing; expected this member"))
    )
    assert (
        translate_core(schema)
        == "/p/x.geojson: Feld 'properties.sunElevation': fehlt; erwartet wird dieses Element"
    )
    assert translate_core("/p/LC08: file or folder not found") == "/p/LC08: Datei oder Ordner nicht gefunden"


def test_german_numbers_in_core_messages_take_a_decimal_comma(german):
    from qgis.PyQt.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.German, QLocale.Germany))
    try:
        text = msg(
            "Water vapour {w:.2f} ± {sigma:.2f} g/cm² estimated from the image (Ren et al. 2015)",
            w=1.97,
            sigma=0.5,
        )
        assert (
            translate_core(text) == "Wasserdampf 1,97 ± 0,50 g/cm² aus dem Bild geschätzt (Ren et al. 2015)"
        )
    finally:
        QLocale.setDefault(previous)


def test_german_batch_aoi_error_translates_frame_and_reason(german, tmp_path):
    """An AoiError (not a ProductError) framed as 'file: field …: reason', raised by the real reader."""
    from lst_studio.plugin.core.batch.inputs import read_aois
    from lst_studio.plugin.core.errors import AoiError

    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    feature = {"type": "Feature", "geometry": square, "properties": {"id": "a", "name": "A"}}
    path = tmp_path / "aois.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature, feature]}))
    with pytest.raises(AoiError) as caught:
        read_aois(path)
    assert str(caught.value) == f"{path}: field 'id': expected unique ids, repeated: a"
    assert (
        translate_core(str(caught.value))
        == f"{path}: Feld 'id': erwartet werden eindeutige ids, wiederholt: a"
    )
    # an archive error and a warning with a fixed-point number (the locale's decimal comma)
    assert translate_core(f"{path}: archive not found") == f"{path}: Archiv nicht gefunden"
    from qgis.PyQt.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.German, QLocale.Germany))
    try:
        text = msg(
            "Land cover {name} covers {coverage:.1f} % of the area; elsewhere emissivity and the night cloud test "
            "do without it",
            name="wc.tif",
            coverage=42.34,
        )
        assert translate_core(text) == (
            "Landbedeckung wc.tif deckt 42,3 % des Gebiets ab; anderswo kommen Emissivität und der nächtliche "
            "Wolkentest ohne sie aus"
        )
    finally:
        QLocale.setDefault(previous)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from lst_studio.plugin.core.sample.generate import write_sample

    return write_sample(tmp_path_factory.mktemp("sample"), seed=1, size=160)


def test_german_ui_shows_a_truncated_thermal_file_in_german(german, dock, qgis_iface, sample, tmp_path):
    import shutil

    product = Path(shutil.copytree(sample.product_dir, tmp_path / sample.product_dir.name))
    tir = next(product.glob("*_TIR.tif"))
    tir.write_bytes(tir.read_bytes()[: tir.stat().st_size // 4])  # a download cut short
    assert not dock.open_input(str(product), wait=True)
    shown = qgis_iface.messageBar().get_messages(Qgis.Critical)[-1]
    assert tir.name in shown and "Feld 'sensors[" in shown
    assert (
        "Pixel nicht lesbar (" in shown and "cannot read" not in shown
    )  # the bar's line is cut at 300 chars
    whole = dock.ui.textSummary.toPlainText()
    assert whole.endswith("); erwartet wird ein vollständiges, lesbares GeoTIFF") and tir.name in whole


def test_german_run_summary_shows_the_run_warnings_in_german(
    german, dock, qgis_iface, sample, provider, tmp_path
):
    QgsProject.instance().clear()
    ui = dock.ui
    ui.editOutputFolder.setText(str(tmp_path / "out"))
    # the settings other tests left behind are the user's: choose what this test needs
    for edit in (
        ui.editWaterVapour,
        ui.editTransmittance,
        ui.editUpwelling,
        ui.editDownwelling,
        ui.editReanalysis,
    ):
        edit.setText("")
    ui.comboAlgorithm.setCurrentIndex(3)  # single-channel (B10): on Landsat-9 warns about the L8 coefficients
    assert dock.open_input(str(sample.product_dir), wait=True)
    assert dock.start_run()
    assert wait_for(lambda: dock.run.finished, 300) and wait_for(lambda: dock.ui.btnRun.isEnabled())
    assert dock.result_group is not None, dock.ui.labelRunStatus.text()
    english = dock.run_summary.warnings
    assert any(w.startswith("Landsat-9: JM 2014 coefficients") for w in english), english  # sample: Landsat-9
    text = dock.labelSummary.text()
    assert "Landsat-9: die Koeffizienten von JM 2014 sind die von Landsat-8 TIRS" in text
    assert "JM 2014 coefficients" not in text
    assert "Warnung" in qgis_iface.messageBar().get_messages(Qgis.Success)[-1]  # "… see the Run tab"
