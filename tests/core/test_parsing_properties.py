"""Property tests (Hypothesis) of the JSON and MTL parsing: whatever the file holds, the only exception
that escapes the readers is our ProductError (never KeyError, TypeError, RecursionError, ...)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from lst_studio.plugin.core import jsonload
from lst_studio.plugin.core.errors import ProductError
from lst_studio.plugin.core.products import open_product

from .data.reader_fixtures import PID, make_truth, write_farearth, write_landsat

# LST_HYPOTHESIS_EXAMPLES=1000 for a longer search than the suite's bounded one
# Hypothesis keeps its example database and character tables under the working directory by default:
# keep them out of the checkout.
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="lst-hypothesis-"))
SETTINGS = settings(
    max_examples=int(os.environ.get("LST_HYPOTHESIS_EXAMPLES", 60)),
    deadline=None,
    database=None,  # no .hypothesis/ folder in the checkout
    suppress_health_check=[HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**50), 10**50)
    | st.floats(allow_nan=True, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def fe_template(tmp_path_factory) -> Path:
    return write_farearth(tmp_path_factory.mktemp("fe"), make_truth(8, 10, seed=1))


@pytest.fixture(scope="module")
def mtl_template(tmp_path_factory) -> Path:
    return write_landsat(tmp_path_factory.mktemp("ls"), make_truth(8, 10, seed=1))


def _paths(node, prefix=()):
    """Every (path, value) of a JSON document."""
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


def _only_product_error(path: Path) -> None:
    try:
        with open_product(path) as scene:
            scene.read_quality()
    except ProductError as exc:
        assert exc.path, str(exc)


@given(text=st.text(max_size=300))
@SETTINGS
def test_any_text_parses_or_raises_product_error(text):
    try:
        jsonload.loads(Path("x.json"), text)
    except ProductError as exc:
        assert exc.field, str(exc)  # line/column, JSON path or "document root"


@given(depth=st.integers(65, 200_000), brackets=st.sampled_from(["[]", "{}"]))
@settings(max_examples=15, deadline=None, database=None)  # no .hypothesis/ folder in the checkout
def test_deep_nesting_is_refused_with_a_position(depth, brackets):
    text = ('{"a":' * depth + "1" + "}" * depth) if brackets == "{}" else "[" * depth + "]" * depth
    with pytest.raises(ProductError, match="nested") as info:
        jsonload.loads(Path("deep.json"), text)
    assert info.value.field


@given(data=st.data())
@SETTINGS
def test_farearth_metadata_with_any_value_anywhere(fe_template, data):
    doc = json.loads((fe_template / f"{PID}.geojson").read_text())
    paths = [p for p, _ in _paths(doc) if p]
    path = data.draw(st.sampled_from(paths))
    value = data.draw(json_values)
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / PID
        shutil.copytree(fe_template, folder)
        (folder / f"{PID}.geojson").write_text(json.dumps(doc))
        _only_product_error(folder)


@given(data=st.data())
@SETTINGS
def test_angles_json_with_any_value_anywhere(fe_template, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / PID
        shutil.copytree(fe_template, folder)
        geo = folder / f"{PID}.geojson"
        doc = json.loads(geo.read_text())
        for sensor in doc["features"][0]["properties"]["product"]["sensors"]:
            for image in sensor["images"]:
                image["angles"].pop("sunElevation", None)  # the reader then needs ANGLES.json
        geo.write_text(json.dumps(doc))
        angles = next(folder.glob("*_ANGLES.json"))
        adoc = json.loads(angles.read_text())
        paths = [p for p, _ in _paths(adoc) if p and len(p) <= 3]
        path = data.draw(st.sampled_from(paths))
        node = adoc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = data.draw(json_values)
        angles.write_text(json.dumps(adoc))
        _only_product_error(folder)


@given(data=st.data())
@SETTINGS
def test_mtl_with_any_value_for_any_key(mtl_template, data):
    lines = mtl_template.read_text().splitlines()
    keyed = [i for i, ln in enumerate(lines) if "=" in ln and "GROUP" not in ln]
    i = data.draw(st.sampled_from(keyed))
    key = lines[i].split("=", 1)[0]
    value = data.draw(
        st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30)
        | st.sampled_from(["1e400", "nan", "inf", "-1e308", "9" * 5000, '""', "2099-01-01", "0"])
    )
    lines[i] = f"{key}= {value}"
    if data.draw(st.booleans()):  # and sometimes a truncated file
        lines = lines[: data.draw(st.integers(0, len(lines)))]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / mtl_template.parent.name
        shutil.copytree(mtl_template.parent, folder)
        (folder / mtl_template.name).write_text("\n".join(lines) + "\n")
        _only_product_error(folder / mtl_template.name)


@given(data=st.data())
@SETTINGS
def test_farearth_without_jsonschema_still_raises_only_product_error(fe_template, data, monkeypatch_module):
    """Where python3-jsonschema is missing (jsonload.validate is then a no-op) the readers' own guards hold."""
    test_farearth_metadata_with_any_value_anywhere.hypothesis.inner_test(fe_template, data)


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    mp.setattr(jsonload, "validate", lambda *args, **kwargs: None)
    yield mp
    mp.undo()
