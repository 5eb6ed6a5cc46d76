"""Translations: the German .ts is complete and current, and with the German QGIS locale the dock speaks German."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from qgis.core import QgsProject

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "i18n" / "lst_studio_de.ts"
QM = ROOT / "i18n" / "lst_studio_de.qm"


def _messages(path: Path) -> dict[tuple[str, str], etree._Element]:
    tree = etree.parse(str(path))
    out = {}
    for ctx in tree.findall("context"):
        name = ctx.findtext("name")
        for m in ctx.findall("message"):
            out[(name, m.findtext("source"))] = m.find("translation")
    return out


def test_german_ts_has_no_unfinished_entries():
    messages = _messages(TS)
    assert len(messages) > 100
    unfinished = [
        src
        for (ctx, src), tr in messages.items()
        if tr.get("type") == "unfinished" or not (tr.text or "").strip()
    ]
    assert unfinished == []


@pytest.mark.skipif(shutil.which("pylupdate5") is None, reason="pylupdate5 (pyqt5-dev-tools) not installed")
def test_german_ts_holds_every_string_of_the_sources(tmp_path):
    # The same scan as tools/update_translations.sh, into a fresh file: nothing may be missing from ours.
    sources = sorted(str(p) for p in (ROOT / "plugin" / "gui").glob("*.py") if p.name != "make_styles.py")
    sources += sorted(str(p) for p in (ROOT / "plugin" / "processing").glob("*.py"))
    sources.append(str(ROOT / "plugin" / "main.py"))
    forms = sorted(str(p) for p in (ROOT / "ui").glob("*.ui"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        ["pylupdate5", "-noobsolete", *sources, *forms, "-ts", str(fresh)], check=True, capture_output=True
    )
    missing = set(_messages(fresh)) - set(_messages(TS))
    assert missing == set(), "run `make i18n` and translate the new strings"


def test_qm_is_compiled_from_the_current_ts():
    assert QM.is_file() and QM.stat().st_mtime >= TS.stat().st_mtime - 1


def test_dock_shows_german_labels_with_german_locale(german, qgis_iface, qgis_new_project):
    from lst_studio.plugin.gui.dock import LstStudioDock

    assert german.translator is not None, "plugin/main.py did not load the German .qm"
    QgsProject.instance().clear()
    dock = LstStudioDock(qgis_iface, qgis_iface.mainWindow())
    try:
        ui = dock.ui
        titles = [ui.tabs.tabText(i) for i in range(5)]
        assert titles == ["Untersuchungsgebiet", "Eingabe", "Einstellungen", "Ausführen", "Export"]
        assert ui.btnRun.text() == "LST erzeugen"
        assert ui.btnCancel.text() == "Abbrechen"
        assert ui.btnDrawRectangle.text() == "Rechteck zeichnen"
        assert ui.comboAlgorithm.itemText(1) == "Inversion der Strahlungstransfergleichung (B10)"
        assert ui.tableTiepoints.horizontalHeaderItem(1).text() == "Anzahl"
        assert ui.labelAoiStatus.text() == "Kein Untersuchungsgebiet: die ganze Szene wird prozessiert."
    finally:
        dock.shutdown()
        dock.deleteLater()


def test_legends_of_classified_layers_in_german(german, tmp_path):
    import numpy as np
    from qgis.core import QgsRasterLayer

    from lst_studio.plugin.core.quality import QA_BIT
    from lst_studio.plugin.gui import styles
    from tests.qgis.test_styles import write_tif

    scl = QgsRasterLayer(write_tif(tmp_path / "SCL.tif", np.arange(8, dtype=np.uint8).reshape(2, 4)), "SCL")
    styles.style_layer(scl, "SCL")
    labels = {c.value: c.label for c in scl.renderer().classes()}
    assert labels[1] == "Wolkenfreies Land" and labels[4] == "Dicke Wolke"
    qa = np.array([[0, 1 << QA_BIT["cloud"] | 1 << QA_BIT["adjacent"]]], dtype=np.uint16)
    qa_layer = QgsRasterLayer(write_tif(tmp_path / "QA.tif", qa), "QA")
    styles.style_layer(qa_layer, "QA")
    assert [c.label for c in qa_layer.renderer().classes()] == [
        "Keine Markierung (gute Qualität)",
        "Wolke + Wolken-/Schattenpuffer",
    ]


def test_dock_stays_english_without_translator(qgis_iface, qgis_new_project):
    from lst_studio.plugin.gui.dock import LstStudioDock

    QgsProject.instance().clear()
    dock = LstStudioDock(qgis_iface, qgis_iface.mainWindow())
    try:
        assert dock.ui.btnRun.text() == "Produce LST"
        assert dock.ui.tabs.tabText(0) == "Area of interest"
    finally:
        dock.shutdown()
        dock.deleteLater()


@pytest.mark.skipif(shutil.which("pylupdate5") is None, reason="pylupdate5 (pyqt5-dev-tools) not installed")
def test_processing_strings_are_all_in_the_one_runtime_context(tmp_path):
    # self.tr("…") would land under the class name, `tr = self.tr; tr("…")` under "@default": at run time
    # LstStudioProcessing.tr translates in "LstStudioProcessing" only, so any other context is a lost string.
    fresh = tmp_path / "processing.ts"
    sources = sorted(str(p) for p in (ROOT / "plugin" / "processing").glob("*.py"))
    subprocess.run(
        ["pylupdate5", "-noobsolete", *sources, "-ts", str(fresh)], check=True, capture_output=True
    )
    contexts = {ctx for ctx, _ in _messages(fresh)}
    assert contexts == {"LstStudioProcessing"}
    assert len(_messages(fresh)) > 100


def _processing_algorithms():
    from lst_studio.plugin.processing.provider import algorithm_classes

    return {cls().name(): cls().create() for cls in algorithm_classes()}  # create(): a fresh initAlgorithm


def test_processing_algorithms_speak_german_with_german_locale(german):
    algs = _processing_algorithms()
    export = algs["exportpackage"]
    assert export.displayName() == "Lieferpaket exportieren"
    assert export.group() == ""  # directly under the provider, no "LST Studio › LST Studio"
    assert export.parameterDefinition("OVERWRITE").description() == "Vorhandenes Paket überschreiben"
    assert export.outputDefinition("VALID").description() == "Paket hat die Selbstprüfung bestanden"
    produce = algs["producepackage"]
    assert produce.displayName() == "Lieferpaket erzeugen"
    assert produce.parameterDefinition("INPUT").description().startswith("Level-1-Produkt (FarEarth-Ordner")
    assert (
        produce.parameterDefinition("ALGORITHM").options()[1]
        == "Inversion der Strahlungstransfergleichung (B10)"
    )
    assert produce.shortHelpString().startswith("Erzeugt LST, Unsicherheit")
    assert "Aufbau des Pakets" in produce.shortHelpString()  # the shared help constant (QT_TR_NOOP)
    masks = algs["masks"]
    assert masks.outputDefinition("CLOUD_PERCENT").description().startswith("Wolke oder Schatten")

    # Every name, description and option shown in the toolbox is a German translation from the .ts,
    # except the CSO statistic titles, which live in the core (no Qt there) and stay English, and the
    # CSO band-set tokens (LNDLG, SEN2L, ...), which are file-name codes.
    german_texts = {
        tr.text for (ctx, _), tr in _messages(TS).items() if ctx == "LstStudioProcessing" and tr.text
    }
    shown = []
    for alg in algs.values():
        shown.append(alg.displayName())
        for param in alg.parameterDefinitions():
            shown.append(param.description())
            if param.name() not in ("STATISTICS", "SENSOR") and hasattr(param, "options"):
                shown.extend(param.options())
        shown.extend(out.description() for out in alg.outputDefinitions())
    untranslated = sorted({text for text in shown if text not in german_texts})
    assert untranslated == []


def test_processing_algorithms_stay_english_without_translator():
    algs = _processing_algorithms()
    assert algs["exportpackage"].displayName() == "Export delivery package"
    assert (
        algs["producepackage"].parameterDefinition("OVERWRITE").description()
        == "Overwrite an existing package"
    )
