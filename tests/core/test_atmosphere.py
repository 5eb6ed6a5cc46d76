"""Atmosphere sources: user profile, user water vapour, climatology by latitude and month."""

from __future__ import annotations

import numpy as np
import pytest

from lst_studio.plugin.core import atmosphere as a
from lst_studio.plugin.core import lst
from lst_studio.plugin.core.options import AtmosphereInput


@pytest.mark.parametrize(
    ("lat", "month", "w", "name"),
    [
        (5.0, 1, 4.12, "tropical"),
        (45.0, 7, 2.92, "midlatitude summer"),
        (45.0, 1, 0.85, "midlatitude winter"),
        (-45.0, 1, 2.92, "midlatitude summer"),
        (60.0, 12, 0.42, "subarctic winter"),
        (60.0, 4, (2.08 + 0.42) / 2, "subarctic transition"),
    ],
)
def test_climatology(lat, month, w, name):
    assert a.climatology_water_vapour(lat, month) == (pytest.approx(w), name)


def test_default_is_named_climatology():
    atm = a.resolve(AtmosphereInput(), 45.0, 7)
    assert atm.source.startswith("climatology (") and "midlatitude summer" in atm.source
    assert atm.water_vapour_gcm2 == pytest.approx(2.92)
    assert atm.water_vapour_sigma == pytest.approx(1.46)
    assert atm.profile_source == "JM 2014 psi functions of w"


def test_user_water_vapour_and_profile():
    atm = a.resolve(AtmosphereInput(water_vapour_gcm2=1.5), 0.0, 1)
    assert atm.source == "user" and atm.water_vapour_sigma == pytest.approx(0.25)
    tau, lu, ld = a.profile_from_water_vapour(1.5)
    p1, p2, p3 = lst.psi(1.5)
    assert tau == pytest.approx(1 / p1) and ld == pytest.approx(p3) and -ld - lu / tau == pytest.approx(p2)
    assert atm.transmittance["lwir11"] == pytest.approx(tau)
    prof = a.resolve(
        AtmosphereInput(
            transmittance={"lwir11": 0.85}, upwelling={"lwir11": 1.2}, downwelling={"lwir11": 2.0}
        ),
        0,
        1,
    )
    assert prof.source == "user profile" and prof.has_profile
    assert prof.profile_sigma() == pytest.approx(a.profile_error_fits(0.85, 1.2, 2.0))
    assert prof.metadata()["lwir11"]["tau"] == 0.85


def test_rte_with_psi_profile_close_to_sc():
    # tau/Lu/Ld from psi(w) in the RTE differ from SC only by SC's linearisation of Planck (< 0.1 K here)
    atm = a.resolve(AtmosphereInput(water_vapour_gcm2=1.5), 0.0, 1)
    k1, k2 = 774.8853, 1321.0789
    rte = lst.rte(
        8.455, 0.98, atm.transmittance["lwir11"], atm.upwelling["lwir11"], atm.downwelling["lwir11"], k1, k2
    )
    assert rte == pytest.approx(lst.single_channel(8.455, 0.98, 1.5, k1, k2), abs=0.1)


def test_bad_inputs():
    with pytest.raises(ValueError, match="transmittance"):
        a.resolve(
            AtmosphereInput(
                transmittance={"lwir11": 1.5}, upwelling={"lwir11": 1}, downwelling={"lwir11": 1}
            ),
            0,
            1,
        )
    with pytest.raises(ValueError, match="water_vapour"):
        a.resolve(AtmosphereInput(water_vapour_gcm2=-1), 0, 1)


def test_profile_without_water_vapour_takes_climatology_w():
    given = AtmosphereInput(
        transmittance={"lwir11": 0.85}, upwelling={"lwir11": 1.2}, downwelling={"lwir11": 2.0}
    )
    atm = a.resolve(given, 45.0, 1)
    assert atm.source == "user profile" and atm.water_vapour_gcm2 == pytest.approx(0.85)
    assert "climatology" in atm.description and atm.water_vapour_sigma == pytest.approx(0.5)


def test_user_sigmas_replace_the_defaults_term_by_term():
    given = AtmosphereInput(
        water_vapour_gcm2=1.5,
        water_vapour_sigma=0.0,
        transmittance={"lwir11": 0.85},
        upwelling={"lwir11": 1.2},
        downwelling={"lwir11": 2.0},
        transmittance_sigma={"lwir11": 0.0},
        upwelling_sigma={"lwir11": 0.05},
    )
    atm = a.resolve(given, 0.0, 1)
    fit = a.profile_error_fits(0.85, 1.2, 2.0)
    # tau and Lu as stated, Ld (not stated) from the USGS fit: -0.0052916*4 + 0.0737638*2 - 0.0070660 = 0.119295
    assert atm.profile_sigma("lwir11") == pytest.approx((0.0, 0.05, fit[2]))
    assert fit[2] == pytest.approx(0.119295, abs=1e-6)
    assert atm.water_vapour_sigma == 0.0 and atm.water_vapour_sigma_source == "user"
    meta = atm.metadata()
    assert meta["lwir11"]["sigma"] == {"tau": 0.0, "lu": 0.05, "ld": pytest.approx(fit[2])}
    assert meta["lwir11"]["sigma_source"].startswith("user (tau, lu)")
    # without stated sigmas: the documented defaults, unchanged
    plain = a.resolve(AtmosphereInput(water_vapour_gcm2=1.5), 0.0, 1)
    assert plain.water_vapour_sigma == pytest.approx(0.25) and "10 %" in plain.water_vapour_sigma_source


def test_zero_sigma_atmosphere_has_no_atmospheric_term():
    from lst_studio.plugin.core import uncertainty as unc

    exact = {"lwir11": 0.0}
    atm = a.resolve(
        AtmosphereInput(
            water_vapour_gcm2=1.5,
            transmittance={"lwir11": 0.85},
            upwelling={"lwir11": 1.2},
            downwelling={"lwir11": 2.0},
            transmittance_sigma=exact,
            upwelling_sigma=exact,
            downwelling_sigma=exact,
        ),
        0.0,
        1,
    )
    c = unc.rte_components(
        8.455,
        0.98,
        0.01,
        0.85,
        1.2,
        2.0,
        atm.profile_sigma(),
        774.8853,
        1321.0789,
        nedt=0.05,
        calibration=0.0,
    )
    assert float(c["atmosphere"]) == 0.0
    # what is left is noise and emissivity of the §2.6 worked example: hypot(0.06, 0.51) ~ 0.51 K
    assert float(c["total"]) == pytest.approx(np.hypot(float(c["noise"]), float(c["emissivity"])), abs=1e-12)
    assert float(c["total"]) == pytest.approx(0.51, abs=0.01)


@pytest.mark.parametrize(
    ("field", "value"),
    [("transmittance_sigma", {"lwir11": -0.1}), ("upwelling_sigma", {"lwir11": float("nan")})],
)
def test_bad_sigmas(field, value):
    given = AtmosphereInput(
        transmittance={"lwir11": 0.85}, upwelling={"lwir11": 1.2}, downwelling={"lwir11": 2.0}
    )
    setattr(given, field, value)
    with pytest.raises(ValueError, match=field):
        a.resolve(given, 0, 1)
    with pytest.raises(ValueError, match="water_vapour_sigma"):
        a.resolve(AtmosphereInput(water_vapour_gcm2=1.0, water_vapour_sigma=-1.0), 0, 1)
