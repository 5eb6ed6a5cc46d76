"""Clear-sky observation statistics in QGIS: the Processing algorithm ``lststudio:cso`` and the dock tab.

Inputs are small package-like folders (``tests/core/test_cso_io.write_package``) with known cloud masks,
so NUM per pixel is known; the tab is driven programmatically and its background task awaited.
"""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pytest
import rasterio
from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProject,
    QgsRasterLayer,
    QgsSingleBandPseudoColorRenderer,
)

from lst_studio.plugin.core import cso
from tests.core.test_cso_io import expected_num, write_package
from tests.qgis.waiting import wait_for

UTC = timezone.utc


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """Eight packages over 2018–2019, random clouds (fixed seed), a nodata margin, one on another grid."""
    root = tmp_path_factory.mktemp("cso_packages")
    rng = np.random.default_rng(11)
    times = [datetime(2018, m, 3 + m, 10, 30, tzinfo=UTC) for m in (1, 3, 4, 7, 12)]
    times += [datetime(2019, 2, 28, 10, 30, tzinfo=UTC), datetime(2019, 3, 1, 10, 30, tzinfo=UTC)]
    masks = []
    for t in times:
        m = (rng.random((32, 40)) < 0.4).astype(np.uint8)
        m[:, -3:] = 255
        masks.append(m)
        write_package(root, t, cloud_mask=m)
    return root, [t.date() for t in times], masks


def test_algorithm_is_registered(provider):
    alg = QgsApplication.processingRegistry().algorithmById("lststudio:cso")
    assert alg is not None and alg.displayName() == "Clear-sky observation statistics"
    names = {p.name() for p in alg.parameterDefinitions()}
    assert {
        "INPUTS",
        "START_YEAR",
        "END_YEAR",
        "MONTH_STEP",
        "SENSOR",
        "STATISTICS",
        "FORMAT",
        "OUTPUT_FOLDER",
    } <= names
    assert {o.name() for o in alg.outputDefinitions()} >= {"OUTPUT_FILES", "OUTPUT_FOLDER"}


def test_algorithm_writes_num_per_pixel(provider, packages, tmp_path):
    import processing

    root, days, masks = packages
    inputs = sorted(str(p) for p in root.iterdir())
    res = processing.run(
        "lststudio:cso",
        {
            "INPUTS": inputs[:-1]
            + [str(next((root / inputs[-1]).glob("*_CLOUD_MASK.tif")))],  # a package file
            "START_YEAR": 2018,
            "END_YEAR": 2019,
            "MONTH_STEP": 6,
            "SENSOR": cso.SENSORS.index("SEN2L"),
            "STATISTICS": [cso.STATISTICS.index("NUM"), cso.STATISTICS.index("MAX")],
            "FORMAT": 1,  # ENVI
            "OUTPUT_FOLDER": str(tmp_path / "out"),
        },
    )
    files = res["OUTPUT_FILES"]
    assert [f.split("/")[-1] for f in files] == [
        "2018-2019_06M_CSO-STATS_SEN2L_NUM.dat",
        "2018-2019_06M_CSO-STATS_SEN2L_MAX.dat",
    ]
    assert res["OBSERVATIONS"] == 7
    with rasterio.open(files[0]) as ds:
        assert ds.descriptions == ("20180101", "20180701", "20190101", "20190701")
        num = ds.read()
    np.testing.assert_array_equal(num, expected_num(days, masks, cso.make_bins(2018, 2019, 6)))
    layer = QgsRasterLayer(files[0], "NUM")
    assert layer.isValid() and layer.bandCount() == 4
    assert layer.dataProvider().dataType(1) == 3  # Qgis.DataType.Int16
    assert "20180701" in layer.bandName(2)


def test_toolbox_run_loads_styled_layers(provider, packages, tmp_path, qgis_new_project):
    import processing

    root, _, _ = packages
    QgsProject.instance().clear()
    processing.runAndLoadResults(
        "lststudio:cso",
        {
            "INPUT_FOLDER": str(root),
            "START_YEAR": 2018,
            "END_YEAR": 2018,
            "MONTH_STEP": 12,
            "STATISTICS": [cso.STATISTICS.index("NUM"), cso.STATISTICS.index("KRT")],
            "OUTPUT_FOLDER": str(tmp_path / "loaded"),
        },
    )
    layers = {layer.name(): layer for layer in QgsProject.instance().mapLayers().values()}
    assert set(layers) == {"NUM", "KRT"}
    num = layers["NUM"].renderer()
    assert isinstance(num, QgsSingleBandPseudoColorRenderer)
    assert num.shader().rasterShaderFunction().colorRampItemList()[0].color.name() == "#ffffcc"
    krt = layers["KRT"].renderer()
    assert (
        isinstance(krt, QgsSingleBandPseudoColorRenderer)
        and krt.classificationMin() == -krt.classificationMax()
    )
    QgsProject.instance().clear()


def test_algorithm_reports_bad_input(provider, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException):
        processing.run(
            "lststudio:cso",
            {
                "INPUTS": [str(tmp_path / "nothing")],
                "START_YEAR": 2018,
                "END_YEAR": 2018,
                "OUTPUT_FOLDER": str(tmp_path / "o"),
            },
        )


@pytest.fixture()
def tab(qgis_iface, qgis_new_project, provider):
    from lst_studio.plugin.gui.cso_tab import CsoTab

    QgsProject.instance().clear()
    t = CsoTab(qgis_iface)
    yield t
    t.shutdown()
    wait_for(lambda: not t.is_running(), 30)
    t.deleteLater()


def test_tab_runs_in_the_background_and_loads_styled_layers(tab, packages, tmp_path):
    root, days, masks = packages
    assert not tab.run_button.isEnabled()  # nothing to run yet
    tab.add_inputs([root])
    tab.add_inputs([root])  # no duplicates
    assert tab.inputs() == [str(root)]
    tab.start_year.setValue(2018)
    tab.end_year.setValue(2019)
    tab.month_step.setValue(3)
    tab.set_statistics(["NUM", "AVG", "SKW"])
    tab.set_output_folder(tmp_path / "tab_out")
    assert tab.run_button.isEnabled()
    assert tab.start_run()
    assert tab.cancel_button.isEnabled()
    assert wait_for(lambda: tab.run is not None and tab.run.finished), "the CSO task did not finish"
    assert wait_for(lambda: len(tab.layers) == 3)
    assert tab.run_button.isEnabled() and not tab.cancel_button.isEnabled()
    by_name = {layer.name().split(" · ")[0]: layer for layer in tab.layers}
    assert set(by_name) == {"NUM", "AVG", "SKW"}
    for layer in tab.layers:
        assert QgsProject.instance().mapLayer(layer.id()) is not None
        assert isinstance(layer.renderer(), QgsSingleBandPseudoColorRenderer)
        assert layer.bandCount() == 8
    num = by_name["NUM"]
    items = num.renderer().shader().rasterShaderFunction().colorRampItemList()
    assert items[0].value == 1 and items[0].color.name() == "#ffffcc"  # the count ramp of cso_num.qml
    expected = expected_num(days, masks, cso.make_bins(2018, 2019, 3))
    # every layer shows the bin with the most clear observations, its legend over that bin's values
    busiest = int(np.argmax(expected.reshape(expected.shape[0], -1).sum(axis=1))) + 1
    assert {layer.renderer().band() for layer in tab.layers} == {busiest}
    assert num.renderer().classificationMax() == max(2, expected[busiest - 1].max())
    avg = by_name["AVG"].renderer()
    assert avg.classificationMax() > 1.0  # days, not the 0–1 of an empty bin
    tree = QgsProject.instance().layerTreeRoot()
    group = tree.findGroup("2018-2019_03M_CSO-STATS_LNDLG")
    assert group is not None
    visible = {n.layer().name().split(" · ")[0] for n in group.findLayers() if n.isVisible()}
    assert visible == {"NUM"}
    with rasterio.open(num.source()) as ds:
        np.testing.assert_array_equal(ds.read(), expected)
    skw = by_name["SKW"].renderer()
    assert skw.classificationMin() == -skw.classificationMax()  # diverging around 0


def test_tab_years_default_to_the_inputs(tab, packages):
    root, days, _ = packages
    tab.start_year.setValue(1990)
    tab.end_year.setValue(1990)
    tab.add_inputs([root])
    assert (tab.start_year.value(), tab.end_year.value()) == (min(days).year, max(days).year)


def test_tab_refuses_to_run_without_inputs(tab, qgis_iface, tmp_path):
    tab.set_output_folder(tmp_path)
    assert not tab.start_run()
    assert "Add delivery packages" in tab.status.text()


def test_tab_reports_a_failed_run(tab, packages, tmp_path):
    root, _, _ = packages
    tab.add_inputs([root])
    tab.start_year.setValue(2010)
    tab.end_year.setValue(2011)
    tab.set_output_folder(tmp_path / "none")
    assert tab.start_run()
    assert wait_for(lambda: tab.run.finished)
    assert "no observation in 2010-2011" in tab.status.text()
    assert tab.layers == []
