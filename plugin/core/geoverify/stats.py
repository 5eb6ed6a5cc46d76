"""Statistics of tiepoint sets (FarEarth GVER_ABS/GVER_REL or our own measurement).

Conventions (the same for given and measured tiepoints):

- A tiepoint's disparity ``(dx, dy)`` is the displacement of the target (REL ``to`` band; ABS: the
  verified band) relative to the source (REL ``from`` band; ABS: the reference), in metres east and
  north: a feature at (E, N) in the source image appears at (E + dx, N + dy) in the target image.
- Outliers: a tiepoint whose dx or dy lies more than ``outlier_sigma`` robust standard deviations from
  the median of its set (robust sigma = 1.4826 × MAD per axis, Rousseeuw & Croux 1993, JASA 88(424):1273,
  DOI 10.1080/01621459.1993.10476408), floored at ``MIN_SIGMA_PX`` pixels so that a near-perfect set
  does not flag noise-level differences (``MIN_SIGMA_M`` when the GSD is unknown). Outliers are counted and excluded from every error figure.
- ``count`` is the number of tiepoints of the set, ``outliers`` how many of them were flagged; the error
  figures use the ``count - outliers`` inliers.
- Error figures are errors of the disparity itself (bias included), as CEOS-ARD asks for the accuracy
  relative to the reference: RMSE per axis, radial RMSE = sqrt(mean(dx² + dy²)), and CE90 = the 90th
  percentile (linear interpolation, numpy's default) of the radial disparity sqrt(dx² + dy²).
- Pixels are pixels of ``gsd_m`` (ABS: the reference resolution; REL/ours: the product grid). Without a
  GSD, the pixel figures and the disparity classes are None.
- ``class_counts`` bins every tiepoint (outliers included: the overlay draws them all) into the five
  GVerify classes of ``products.gver.DISPARITY_CLASSES`` (spec-notes §2.4) by |d| / gsd.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from ..products.gver import DISPARITY_CLASSES, disparity_class
from ..products.scene import Tiepoints

MIN_SIGMA_PX = 0.1  # floor of the robust sigma, pixels (our chips reach ~0.02 px on clean synthetic data)
MIN_SIGMA_M = 1.0  # the floor when no GSD is known: a tenth of a 10 m pixel
MAD_TO_SIGMA = 1.4826  # 1 / Phi^-1(3/4): MAD of a normal distribution -> its standard deviation


@dataclass
class TiepointStats:
    source: str
    target: str
    kind: str  # "ABS" or "REL"
    count: int
    outliers: int
    mean_dx_m: float | None
    mean_dy_m: float | None
    rmse_x_m: float | None
    rmse_y_m: float | None
    radial_rmse_m: float | None
    radial_rmse_px: float | None
    ce90_m: float | None
    ce90_px: float | None
    gsd_m: float | None
    class_counts: list[int] | None  # 5 bins of DISPARITY_CLASSES, all tiepoints

    @property
    def inliers(self) -> int:
        return self.count - self.outliers

    def as_dict(self) -> dict:
        return asdict(self)


def outlier_flags(dxy_m: np.ndarray, gsd_m: float | None = None, outlier_sigma: float = 3.0) -> np.ndarray:
    """Bool (n,): True where a disparity is an outlier of its set (see the module docstring)."""
    dxy = np.asarray(dxy_m, dtype=float).reshape(-1, 2)
    n = len(dxy)
    if n < 3:
        return np.zeros(n, dtype=bool)
    median = np.median(dxy, axis=0)
    sigma = MAD_TO_SIGMA * np.median(np.abs(dxy - median), axis=0)
    floor = MIN_SIGMA_PX * gsd_m if gsd_m else MIN_SIGMA_M
    sigma = np.maximum(sigma, floor)
    return np.any(np.abs(dxy - median) > outlier_sigma * sigma, axis=1)


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


def statistics_of(
    tp: Tiepoints, outlier_sigma: float = 3.0, default_gsd_m: float | None = None
) -> tuple[TiepointStats, np.ndarray]:
    """Statistics of one tiepoint set and its outlier flags."""
    dxy = np.asarray(tp.dxy_m, dtype=float).reshape(-1, 2)
    gsd = tp.gsd_m or default_gsd_m
    flags = outlier_flags(dxy, gsd, outlier_sigma)
    good = dxy[~flags]
    radial_all = np.hypot(dxy[:, 0], dxy[:, 1])
    classes = None
    if gsd:
        bins = disparity_class(radial_all / gsd)
        classes = [int(np.count_nonzero(bins == i)) for i in range(len(DISPARITY_CLASSES))]
    mean_dx = mean_dy = rmse_x = rmse_y = rrmse = ce90 = None
    if len(good):
        mean_dx, mean_dy = np.mean(good, axis=0)
        rmse_x, rmse_y = np.sqrt(np.mean(good**2, axis=0))
        radial = np.hypot(good[:, 0], good[:, 1])
        rrmse = float(np.sqrt(np.mean(radial**2)))
        ce90 = float(np.percentile(radial, 90))
    stats = TiepointStats(
        source=tp.source,
        target=tp.target,
        kind=tp.kind,
        count=len(dxy),
        outliers=int(np.count_nonzero(flags)),
        mean_dx_m=_round(mean_dx),
        mean_dy_m=_round(mean_dy),
        rmse_x_m=_round(rmse_x),
        rmse_y_m=_round(rmse_y),
        radial_rmse_m=_round(rrmse),
        radial_rmse_px=_round(rrmse / gsd) if gsd and rrmse is not None else None,
        ce90_m=_round(ce90),
        ce90_px=_round(ce90 / gsd) if gsd and ce90 is not None else None,
        gsd_m=gsd,
        class_counts=classes,
    )
    return stats, flags


def tiepoint_statistics(
    tiepoints: list[Tiepoints], outlier_sigma: float = 3.0, default_gsd_m: float | None = None
) -> list[TiepointStats]:
    """One TiepointStats per band (ABS) or band pair (REL), in the order given.

    ``default_gsd_m`` is used for sets that carry no GSD (FarEarth REL files state none).
    """
    return [statistics_of(tp, outlier_sigma, default_gsd_m)[0] for tp in tiepoints]
