"""One way to read a user's JSON: core.jsonload.load_json, called directly (no pass-through copies)."""

from __future__ import annotations

from lst_studio.plugin.core import jsonload
from lst_studio.plugin.core.products import farearth, open_product


def test_farearth_reads_its_json_through_jsonload_directly(tmp_path, monkeypatch):
    from lst_studio.plugin.core.sample.generate import write_sample

    assert not hasattr(farearth, "load_json")  # the pass-through is gone
    sample = write_sample(tmp_path, seed=2, size=32, era5=False, dem=False, land_cover=False)
    seen: list[str] = []
    real = jsonload.load_json

    def load_json(path, what, schema=None, **kwargs):
        seen.append(what)
        return real(path, what, schema, **kwargs)

    monkeypatch.setattr(jsonload, "load_json", load_json)
    scene = open_product(sample.product_dir)
    scene.close()
    assert "FarEarth metadata" in seen and "angles file" in seen
