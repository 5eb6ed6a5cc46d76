"""The sample generator's overcast option: cloud_fraction above 1 (up to 1/0.7) covers more than 95 % of
the footprint with cumulus that keeps its heights and casts shadows into the gaps (benchmarks/masks.py
``--cloud-fraction``)."""

from __future__ import annotations

import numpy as np

from lst_studio.plugin.core.sample.generate import SampleOptions, scene_model


def _cover(cloud_fraction: float) -> tuple[float, float]:
    _, model = scene_model(SampleOptions(size=400, cloud_fraction=cloud_fraction), 3)
    u = np.arange(400) + 0.5
    inside = model.footprint(u, u)
    alpha, _ = model.cumulus(u, u)
    shade = model.shade(u, u)
    return float((alpha[inside] > 0.5).mean()), float(((shade > 0.5) & (alpha < 0.5))[inside].mean())


def test_overcast_sample_covers_more_than_95_percent_and_keeps_shadows():
    cloudy, visible_shadow = _cover(1.3)
    assert cloudy > 0.9  # cumulus alone; cirrus adds to it
    assert visible_shadow > 0.0  # shadows in the gaps
    assert _cover(1.0)[0] < 0.75  # up to 1 the option means what it did: cumulus 0.7 x cloud_fraction
    assert _cover(5.0)[0] == _cover(1.0 / 0.7)[0]  # capped where cumulus covers everything
