"""Issue 18 in Processing: a bad input is one line naming file and field; an internal error is one line for
the user and its traceback in the QGIS message log; a refused run leaves no output folder behind."""

from __future__ import annotations

import json

import pytest
from qgis.core import QgsApplication, QgsProcessingException


def _run(params):
    import processing

    return processing.run("lststudio:producepackage", params)


def test_bad_input_is_one_line_naming_file_and_field(provider, tmp_path):
    product = tmp_path / "X.geojson"
    product.write_text(json.dumps({"type": "FeatureCollection", "features": "not a list"}))
    out = tmp_path / "new" / "out"
    with pytest.raises(QgsProcessingException) as info:
        _run({"INPUT": str(product), "OUTPUT_FOLDER": str(out)})
    msg = str(info.value)
    assert "\n" not in msg.strip()
    assert str(product) in msg and "field 'features'" in msg and "expected array" in msg
    assert not (tmp_path / "new").exists()  # the refused run created nothing


def test_output_folder_that_is_a_file_is_refused_before_work(provider, tmp_path, sample_product):
    target = tmp_path / "out"
    target.write_text("x")
    with pytest.raises(QgsProcessingException, match="is a file; expected a folder"):
        _run({"INPUT": str(sample_product), "OUTPUT_FOLDER": str(target)})


def test_internal_error_one_line_and_traceback_in_the_log(provider, tmp_path, sample_product, monkeypatch):
    from lst_studio.plugin.core import pipeline

    def broken(*args, **kwargs):
        return {}["a key that is not there"]

    monkeypatch.setattr(pipeline, "produce", broken)
    logged = []
    log = QgsApplication.messageLog()
    log.messageReceived.connect(lambda text, tag, level: logged.append((tag, text)))
    with pytest.raises(QgsProcessingException) as info:
        _run({"INPUT": str(sample_product), "OUTPUT_FOLDER": str(tmp_path / "out")})
    msg = str(info.value)
    assert "\n" not in msg.strip() and "Internal error (KeyError)" in msg
    assert any(tag == "LST Studio" and "Traceback" in text and "broken" in text for tag, text in logged)
    assert not (tmp_path / "out").exists()
