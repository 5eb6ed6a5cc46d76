"""Thermal calibration constants shared by the readers: plausibility checks and the Planck pair.

TIRS band constants (``BT = K2 / ln(K1/L + 1)``, ``L = K1 / (exp(K2/BT) - 1)``) are from the
USGS Landsat 8 / Landsat 9 Data Users Handbooks (USGS 2019, LSDS-1574; USGS 2022, LSDS-2082) and
match the MTL files of LPGS >= 2.5 (algorithms.md §1.2, spec-notes §1.5).
"""

from __future__ import annotations

import numpy as np

from ..errors import ProductError
from ..messages import msg

# (platform, band common name) -> (K1 [W m-2 sr-1 um-1], K2 [K]); USGS LSDS-1574 / LSDS-2082.
USGS_THERMAL_CONSTANTS: dict[tuple[str, str], tuple[float, float]] = {
    ("LANDSAT-8", "lwir11"): (774.8853, 1321.0789),
    ("LANDSAT-8", "lwir12"): (480.8883, 1201.1442),
    ("LANDSAT-9", "lwir11"): (799.0284, 1329.2405),
    ("LANDSAT-9", "lwir12"): (475.6581, 1198.3494),
}

# Plausible envelope for any 8-14 um band (Planck constants c1/lambda^5 and c2/lambda between
# 8 and 14 um give K1 in about 60-3000 and K2 in about 1000-1800; kept wide on purpose).
K1_RANGE = (10.0, 5000.0)
K2_RANGE = (500.0, 3000.0)
# Relative deviation from the USGS values that deserves a warning (not an error).
WARN_DEVIATION = 0.01


def check_thermal_constants(
    path, field: str, constants, platform: str | None = None, band: str | None = None
) -> tuple[float, float, list[str]]:
    """Validate ``constants`` as [K1, K2] for a thermal band; return (K1, K2, warnings).

    Raises ProductError naming ``field`` when the pair is missing, not two numbers, the reflective
    unity pair (1, 1), swapped (K1 >= K2) or outside the plausible envelope.
    """
    if constants is None:
        raise ProductError(path, field, msg("missing; expected [K1, K2] for a thermal band"))
    try:
        values = [float(v) for v in constants]
    except (TypeError, ValueError) as exc:
        raise ProductError(
            path, field, msg("{constants!r} is not a list of numbers; expected [K1, K2]", constants=constants)
        ) from exc
    if len(values) != 2:
        raise ProductError(
            path, field, msg("{count} values; expected exactly 2 ([K1, K2])", count=len(values))
        )
    k1, k2 = values
    if not (np.isfinite(k1) and np.isfinite(k2)):
        raise ProductError(path, field, msg("{values} is not finite; expected [K1, K2]", values=values))
    if k1 == 1.0 and k2 == 1.0:
        raise ProductError(
            path, field, msg("unity constants (1, 1) mark a reflective band; a thermal band needs [K1, K2]")
        )
    if k1 >= k2:
        raise ProductError(
            path,
            field,
            msg("[{k1}, {k2}] has K1 >= K2; expected [K1, K2] with K1 < K2 (swapped order?)", k1=k1, k2=k2),
        )
    if not (K1_RANGE[0] <= k1 <= K1_RANGE[1] and K2_RANGE[0] <= k2 <= K2_RANGE[1]):
        raise ProductError(
            path,
            field,
            msg(
                "[{k1}, {k2}] is not a plausible [K1, K2]; expected K1 in {k1_range} and K2 in {k2_range}",
                k1=k1,
                k2=k2,
                k1_range=K1_RANGE,
                k2_range=K2_RANGE,
            ),
        )
    warnings = []
    ref = USGS_THERMAL_CONSTANTS.get((platform or "", band or ""))
    if ref is not None:
        dev = max(abs(k1 - ref[0]) / ref[0], abs(k2 - ref[1]) / ref[1])
        if dev > WARN_DEVIATION:
            warnings.append(
                msg(
                    "{field}: [K1, K2] = [{k1}, {k2}] deviates by {dev:.1%} from the USGS values [{ref_k1}, {ref_k2}] for {platform} {band}",
                    field=field,
                    k1=k1,
                    k2=k2,
                    dev=dev,
                    ref_k1=ref[0],
                    ref_k2=ref[1],
                    platform=platform,
                    band=band,
                )
            )
    return k1, k2, warnings


def bt_from_radiance(radiance, k1: float, k2: float):
    """BT = K2 / ln(K1/L + 1) (USGS LSDS-1574 eq. 4); NaN where L <= 0."""
    L = np.asarray(radiance, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        bt = k2 / np.log(k1 / L + 1.0)
    return np.where(L > 0, bt, np.nan)
