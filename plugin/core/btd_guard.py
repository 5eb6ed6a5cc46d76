"""Split-window guard: where the TIRS brightness-temperature difference T10 − T11 cannot come from a
clear surface, no split-window value is produced (the retrieval falls back to B10 only and sets QA bit
``split_window_fallback``) and the masks may treat the pixel as suspect. One module, one signal.

Bounds for a clear surface seen at near-nadir (K, T10 = BT of B10 at 10.9 µm, T11 = BT of B11 at 12.0 µm):

- Upper, +8 K — water vapour. B11 absorbs more water vapour than B10, so a warm surface under a moist
  atmosphere has T10 > T11. Inverting the split-window of Jiménez-Muñoz et al. (2014, IEEE GRSL
  11(10):1840–1843, doi:10.1109/LGRS.2014.2312032; c1 = 1.378, c2 = 0.183, with its emissivity terms) for the
  atmospheric correction Ts − T10 that their own single-channel functions ψ(w) give, ΔT reaches 1.6 K at
  300 K, 4.1 K at 310 K, 6.0 K at 320 K and 7.5 K at 330 K for w = 6 g cm⁻² (the wettest atmospheres of
  their simulations; ε = 0.97; tests/core/test_atmosphere_water_vapour.py recomputes it). Larger
  differences are the signature of semi-transparent cloud (the
  Planck non-linearity of a warm/cold mixture: Inoue 1985, J. Meteor. Soc. Japan 63:88–99,
  doi:10.2151/jmsj1965.63.1_88) or of a cloud edge seen at different places by B10 and B11 (TIRS
  band-to-band misregistration and parallax), where a real Landsat-8 scene shows ΔT ≈ 11 K.
- Lower, −3 K — emissivity contrast. A dry atmosphere leaves ΔT ≈ (λT²/c2)·(ε10 − ε11)/ε, and quartz-rich
  soils and sands have ε10 below ε11 (the quartz reststrahlen band's tail; ASTER spectral library,
  Baldridge et al. 2009, RSE 113:711–715, doi:10.1016/j.rse.2008.11.007). ε10 − ε11 = −0.035 at 320 K
  gives ≈ −2.5 K; a temperature inversion over cold ground (night, snow) adds a few tenths. Below −3 K the
  bands do not see the same clear surface.
Both bounds include the TIRS noise of the difference (NEdT ≈ 0.05 K per band on orbit, Montanaro et al.
2014, Remote Sens. 6:11753–11769, doi:10.3390/rs61111753) with a wide margin. They are wide on purpose:
a pixel inside them is not proven clear; one outside cannot be a clear surface.
"""

from __future__ import annotations

import numpy as np

BTD_MIN_K = -3.0
BTD_MAX_K = 8.0
BTD_SOURCE = (
    "clear-surface T10 − T11 within [-3, +8] K: water-vapour upper bound from the Jiménez-Muñoz et al. 2014 "
    "split-window/single-channel relations (doi:10.1109/LGRS.2014.2312032) at w ≤ 6 g/cm², Ts ≤ 330 K; emissivity-"
    "contrast lower bound from quartz-rich soil spectra (Baldridge et al. 2009, doi:10.1016/j.rse.2008.11.007)"
)


def btd(t10, t11) -> np.ndarray:
    """T10 − T11 in kelvin (float32; NaN where either is missing)."""
    return (np.asarray(t10, dtype=np.float32) - np.asarray(t11, dtype=np.float32)).astype(np.float32)


def implausible_btd(t10, t11) -> np.ndarray:
    """True where T10 − T11 lies outside the clear-surface bounds; False where either BT is NaN."""
    d = btd(t10, t11)
    with np.errstate(invalid="ignore"):
        return (d < BTD_MIN_K) | (d > BTD_MAX_K)
