"""The synthetic scene: land cover, surface temperature, emissivity, clouds and shadows as pointwise fields.

Positions (u, v) are in pixels of the 30 m thermal grid (see ``fields``). The layout scales with the
scene size N (sea on the west, a city near the coast with an urban heat island, a lake, mountains
with a snow cap in the north-east); textures and clouds have fixed sizes in pixels, so a 400 px
demo and a 7800 px scene look alike at the pixel level.

Reflectances are TOA reflectances of the pure classes (they include the path radiance, hence the
bright blue of vegetation and water), chosen from typical Landsat-8 OLI TOA values over the classes
so that Fmask's tests (algorithms.md §3) classify them as Fmask would: vegetation NDVI ≈ 0.73,
bare soil NDVI ≈ 0.14, water NDVI < 0 with NIR < 0.05, snow NDSI ≈ 0.8 with BT < 3.8 °C, thick
clouds white (whiteness < 0.7), HOT > 0, NIR/SWIR1 > 0.75, cold tops.

Emissivities (TIRS B10, B11):
- vegetation 0.987 / 0.989 and bare soil a − b·ρ_red with (a, b) = (0.979, 0.046) / (0.982, 0.027)
  (Skoković et al. 2014, ESA LPVE, via the R package LST; algorithms.md §2.5), so the NDVI-threshold
  method sees the truth on pure pixels; vegetation/soil mixtures mix linearly with the cover fraction;
- urban 0.962 / 0.970 (concrete/asphalt/roof mix, our choice within the ASTER spectral library range);
- water 0.991 / 0.986, snow/ice 0.990 / 0.972 (typical values, algorithms.md §2.5).

Clouds: thick cumulus with discrete top heights 1.5–5.0 km in 0.5 km steps, one height per
Voronoi cloud cell of about 200 px (clouds fade out at the cell borders, so every cloud has a
single height above the ground and one coherent shadow); tops at T_air − 6.5 K/km·(z − 180 m + H)
over ground at elevation z (standard-atmosphere lapse rate, T_air = 296 K by day, 283 K at night at
180 m), so a top is never below the terrain, radiating as black bodies above the atmosphere; thin
cirrus at 9 km with partial opacity (cirrus-band reflectance up to ≈0.036). Shadows of the thick
clouds fall H·tan(θs) away from the cloud, on the side opposite the Sun (scene-centre sun angles;
view parallax is neglected: the sensor looks at nadir); they darken the NIR/SWIR by 70–75 % and
cool the land surface by 3 K. A pixel is labelled cloud in the truth where the cloud is detectable
in principle: where it changes the TOA signal of at least one band by at least the 1 σ sensor noise
(VISIBLE_SNR; NEdT in the TIR, reflectance noise in the optical bands), as manual validation sets
label visible clouds (Foga et al. 2017, RSE 194:379, doi:10.1016/j.rse.2017.03.026). Fainter cloud
(cumulus fringes, cirrus edges) is "clear": it shifts no band by more than its noise, so "clear"
pixels follow the clear-sky RTE to within the noise; the opacities stay in CLOUD_OPACITY.tif.

Surface temperature (day / night): land 299 / 283 K ± large-scale texture, −6.5 K/km with
elevation, bare soil +7 / −1 K, vegetation −2 / 0 K, urban heat island up to +6 / +4 K (+2 K on
the urban class itself), water 291 / 290.5 K, snow ≈ 270.5 / 264 K, one industrial fire (≈ 650 K)
that saturates both TIR bands.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fields import Fourier, gaussian, grid_of, is_separable, smoothstep
from .physics import planck

# Class codes of the truth (LANDCOVER.tif, CLOUDS.tif); generate.TRUTH_* re-exports them.
VEGETATION, BARE_SOIL, URBAN, WATER, SNOW = 1, 2, 3, 4, 5
CLEAR, THICK_CLOUD, THIN_CLOUD, CLOUD_SHADOW = 0, 1, 2, 3
# Truth cloud = cloud whose TOA signature reaches this many noise σ in at least one band: below 1 σ
# in every band no detector working on the pixel can tell it from noise (detection limit, our choice).
VISIBLE_SNR = 1.0
OUTSIDE = 255

OPTICAL_BANDS = ("coastal", "blue", "green", "red", "nir08", "swir16", "swir22", "cirrus")
# TOA reflectance of the pure classes, bands in OPTICAL_BANDS order.
SPECTRA = {
    VEGETATION: (0.100, 0.080, 0.090, 0.055, 0.360, 0.190, 0.090, 0.002),
    BARE_SOIL: (0.110, 0.120, 0.150, 0.190, 0.250, 0.320, 0.260, 0.002),
    URBAN: (0.130, 0.125, 0.135, 0.145, 0.200, 0.220, 0.190, 0.002),
    WATER: (0.110, 0.090, 0.070, 0.040, 0.020, 0.010, 0.005, 0.001),
    SNOW: (0.760, 0.750, 0.720, 0.700, 0.620, 0.080, 0.050, 0.003),
}
THICK_CLOUD_SPECTRUM = (0.470, 0.460, 0.450, 0.440, 0.460, 0.350, 0.220, 0.0)  # cirrus band from height
THIN_CLOUD_SPECTRUM = (0.350, 0.350, 0.350, 0.350, 0.350, 0.250, 0.150, 0.0)
# Fraction of the direct-beam signal lost in a cloud shadow, per band (skylight keeps the blue brighter).
SHADOW_DARKENING = (0.40, 0.45, 0.55, 0.60, 0.70, 0.75, 0.75, 0.0)

EMISSIVITY = {  # (lwir11, lwir12)
    VEGETATION: (0.987, 0.989),
    URBAN: (0.962, 0.970),
    WATER: (0.991, 0.986),
    SNOW: (0.990, 0.972),
}
SOIL_EMISSIVITY_AB = ((0.979, 0.046), (0.982, 0.027))  # ε = a − b·ρ_red (Skoković et al. 2014)

LAPSE_RATE_K_PER_M = 0.0065  # ICAO standard atmosphere
ELEVATION_REF_M = 180.0  # the lowland the land and air temperatures are given for
CLOUD_LEVELS_M = (1500.0, 2000.0, 2500.0, 3000.0, 3500.0, 4000.0, 4500.0, 5000.0)
CIRRUS_HEIGHT_M = 9000.0
GSD_M = 30.0
CLOUD_CELL_PX = 200
CLOUD_CELL_MARGIN_PX = 20
CELL_OFFSET = 6  # lattice cells before the grid (shadow look-ups reach outside it)


@dataclass(frozen=True)
class Layout:
    """Positions (fractions of the scene size) of the fixed features."""

    city: tuple[float, float] = (0.40, 0.50)
    town: tuple[float, float] = (0.64, 0.34)
    lake: tuple[float, float] = (0.63, 0.72)
    mountain: tuple[float, float] = (0.74, 0.26)
    hot_spot: tuple[float, float] = (0.455, 0.545)  # an industrial fire: saturates the TIR bands
    glint: tuple[float, float] = (0.37, 0.455)  # greenhouse-roof glint: saturates the visible bands
    footprint_rotation_deg: float = 12.0


class SceneModel:
    """Every field of the scene, built from the seed; evaluate it at any positions."""

    def __init__(
        self,
        size: int,
        seed: int,
        *,
        night: bool,
        all_cloud: bool,
        cloud_fraction: float,
        sun_zenith: float,
        sun_azimuth: float,
    ):
        self.n = int(size)
        self.night = night
        self.all_cloud = all_cloud
        self.cloud_fraction = float(cloud_fraction)
        self.sun_zenith = sun_zenith
        self.sun_azimuth = sun_azimuth
        self.layout = Layout()
        n = float(self.n)
        rng = np.random.default_rng([seed, 20260421])
        # Large-scale fields have wavelengths relative to the scene size; textures fixed in pixels.
        self.f_elev_ls = Fourier(rng, 8, 0.25 * n, 1.5 * n)
        self.f_elev_ms = Fourier(rng, 10, 15.0, 120.0)
        self.f_coast = Fourier(rng, 8, 0.1 * n, 1.0 * n)
        self.f_lake = Fourier(rng, 8, 10.0, 80.0)
        self.f_snow = Fourier(rng, 8, 10.0, 100.0)
        self.f_urban = Fourier(rng, 10, 6.0, 60.0)
        self.f_veg_ls = Fourier(rng, 8, 0.15 * n, 1.0 * n)
        self.f_veg_ms = Fourier(rng, 12, 12.0, 150.0)
        self.f_bright = Fourier(rng, 10, 5.0, 100.0)
        self.f_t_ls = Fourier(rng, 8, 0.2 * n, 1.5 * n)
        self.f_t_ms = Fourier(rng, 10, 8.0, 100.0)
        self.f_water_t = Fourier(rng, 6, 0.1 * n, 1.0 * n)
        self.f_cum = Fourier(rng, 14, 25.0, 160.0, slope=0.7)
        self.f_cum_ls = Fourier(rng, 6, 0.3 * n, 1.5 * n)
        # Cloud cells: each Voronoi cell holds clouds of one top height (so each cloud has one height
        # and one coherent shadow); clouds fade out near the cell borders.
        ncell = self.n // CLOUD_CELL_PX + 2 * CELL_OFFSET
        self.cell_levels = rng.integers(0, len(CLOUD_LEVELS_M), size=(ncell, ncell))
        self.f_cirrus = Fourier(rng, 10, 40.0, 500.0, angle=0.6, spread=0.2)
        self.f_cirrus_ls = Fourier(rng, 6, 0.3 * n, 1.5 * n)
        # drawn last so that the fields above do not change when these are added
        self.cell_jitter = rng.uniform(-0.3, 0.3, size=(2, ncell, ncell))
        jj, ii = np.mgrid[0:ncell, 0:ncell]
        self.seed_x = ((ii - CELL_OFFSET + 0.5 + self.cell_jitter[0]) * CLOUD_CELL_PX).ravel()
        self.seed_y = ((jj - CELL_OFFSET + 0.5 + self.cell_jitter[1]) * CLOUD_CELL_PX).ravel()
        self.level_flat = self.cell_levels.ravel()
        self.f_cum_cluster = Fourier(rng, 6, 600.0, 3000.0)
        self.t_cum, self.t_cirrus = self._cloud_thresholds()
        self.hot_spot = self._clear_land_near(self.layout.hot_spot)
        self.glint = self._clear_land_near(self.layout.glint)

    # --- geometry -------------------------------------------------------------------------------

    def footprint(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """True inside the rotated, square imaged footprint (positions of the product grid)."""
        uu, vv = grid_of(u, v)
        theta = np.radians(self.layout.footprint_rotation_deg)
        half = 0.5 * self.n / (np.cos(theta) + np.sin(theta)) * 0.985
        du, dv = uu - self.n / 2, vv - self.n / 2
        a = du * np.cos(theta) + dv * np.sin(theta)
        b = -du * np.sin(theta) + dv * np.cos(theta)
        return (np.abs(a) <= half) & (np.abs(b) <= half)

    def footprint_corners(self) -> list[tuple[float, float]]:
        """(u, v) of the footprint corners, clockwise from the top, closed ring."""
        theta = np.radians(self.layout.footprint_rotation_deg)
        half = 0.5 * self.n / (np.cos(theta) + np.sin(theta)) * 0.985
        corners = []
        for a, b in ((-half, -half), (half, -half), (half, half), (-half, half), (-half, -half)):
            du = a * np.cos(theta) - b * np.sin(theta)
            dv = a * np.sin(theta) + b * np.cos(theta)
            corners.append((self.n / 2 + du, self.n / 2 + dv))
        return corners

    def shadow_offset_px(self, height_m: float) -> tuple[float, float]:
        """(du, dv) from a cloud to its shadow, in thermal-grid pixels (away from the Sun)."""
        d = height_m * np.tan(np.radians(self.sun_zenith)) / GSD_M
        az = np.radians(self.sun_azimuth)
        return -d * np.sin(az), d * np.cos(az)

    # --- fields ---------------------------------------------------------------------------------

    def _at(self, frac: tuple[float, float]) -> tuple[float, float]:
        return frac[0] * self.n, frac[1] * self.n

    def _cells(self, u, v) -> tuple[np.ndarray, np.ndarray]:
        """Distance (px) to the border of the Voronoi cloud cell at each position, and the cell's level.

        Seeds sit on a CLOUD_CELL_PX lattice jittered by up to ±0.3 cell, so the nearest seed is always
        among the 3 × 3 neighbouring lattice cells.
        """
        if is_separable(u, v):
            return self._cells_separable(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64))
        uu, vv = grid_of(u, v)
        uu = np.asarray(uu, dtype=np.float64)
        vv = np.asarray(vv, dtype=np.float64)
        s, off = float(CLOUD_CELL_PX), CELL_OFFSET
        ncell = self.cell_levels.shape[0]
        ci = np.minimum(np.maximum(np.floor(uu / s).astype(np.int64) + off, 1), ncell - 2)
        cj = np.minimum(np.maximum(np.floor(vv / s).astype(np.int64) + off, 1), ncell - 2)
        base = cj * ncell + ci
        offsets = np.array([dj * ncell + di for dj in (-1, 0, 1) for di in (-1, 0, 1)])
        sx = np.empty((9, *uu.shape))
        sy = np.empty((9, *uu.shape))
        d2 = np.empty((9, *uu.shape))
        for k, o in enumerate(offsets):
            idx = base + o
            sx[k] = self.seed_x.take(idx)
            sy[k] = self.seed_y.take(idx)
            d2[k] = (uu - sx[k]) ** 2 + (vv - sy[k]) ** 2
        nearest = np.argmin(d2, axis=0)
        best = np.take_along_axis(d2, nearest[None], axis=0)[0]
        s1x = np.take_along_axis(sx, nearest[None], axis=0)[0]
        s1y = np.take_along_axis(sy, nearest[None], axis=0)[0]
        border = np.full(uu.shape, np.inf)
        for k in range(9):
            sep = np.hypot(sx[k] - s1x, sy[k] - s1y)
            own = nearest == k
            sep[own] = 1.0
            # distance from the point to the bisector between its seed and seed k
            dist = (d2[k] - best) / (2 * sep)
            dist[own] = np.inf
            np.minimum(border, dist, out=border)
        return border, self.level_flat.take(base + offsets[nearest])

    def _seed(self, i: int, j: int) -> tuple[float, float]:
        s, off = float(CLOUD_CELL_PX), CELL_OFFSET
        return (i - off + 0.5 + self.cell_jitter[0, j, i]) * s, (
            j - off + 0.5 + self.cell_jitter[1, j, i]
        ) * s

    def _cells_separable(self, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``_cells`` for a rectilinear block: per lattice cell the 9 candidate seeds are scalars."""
        s, off = float(CLOUD_CELL_PX), CELL_OFFSET
        last = self.cell_levels.shape[0] - 1
        ci = np.clip(np.floor(u / s).astype(np.int64) + off, 1, last - 1)
        cj = np.clip(np.floor(v / s).astype(np.int64) + off, 1, last - 1)
        border = np.empty((v.size, u.size))
        level = np.empty((v.size, u.size), np.int64)
        for a in np.unique(ci):
            cols = np.nonzero(ci == a)[0]
            ub = u[cols]
            for b in np.unique(cj):
                rows = np.nonzero(cj == b)[0]
                vb = v[rows]
                cells = [(a + di, b + dj) for dj in (-1, 0, 1) for di in (-1, 0, 1)]
                seeds = np.array([self._seed(i, j) for i, j in cells])
                d2 = (ub[None, None, :] - seeds[:, 0, None, None]) ** 2 + (
                    vb[None, :, None] - seeds[:, 1, None, None]
                ) ** 2
                nearest = np.argmin(d2, axis=0)
                best = np.take_along_axis(d2, nearest[None], axis=0)[0]
                sep = np.hypot(seeds[:, None, 0] - seeds[None, :, 0], seeds[:, None, 1] - seeds[None, :, 1])
                np.fill_diagonal(sep, 1.0)  # a seed has no border with itself (masked below)
                block_border = np.full(best.shape, np.inf)
                for k in range(len(cells)):
                    # distance to the bisector between the nearest seed and seed k
                    dist = (d2[k] - best) / (2 * np.take(sep[:, k], nearest))
                    dist[nearest == k] = np.inf
                    np.minimum(block_border, dist, out=block_border)
                lv = np.array([self.cell_levels[j, i] for i, j in cells])
                sel = np.ix_(rows, cols)
                border[sel] = block_border
                level[sel] = lv[nearest]
        return border, level

    def _cumulus_field(self, u, v, border: np.ndarray | None = None):
        """The thick-cloud field: textures, large-scale clustering, minus a penalty near cell borders."""
        if border is None:
            border, _ = self._cells(u, v)
        return self._raw_cumulus(u, v) - 4.0 * (1.0 - smoothstep(border / CLOUD_CELL_MARGIN_PX))

    def _raw_cumulus(self, u, v):
        return self.f_cum(u, v) + 0.8 * self.f_cum_ls(u, v) + 1.0 * self.f_cum_cluster(u, v)

    def _cirrus_field(self, u, v):
        return self.f_cirrus(u, v) + 0.8 * self.f_cirrus_ls(u, v)

    def _cloud_thresholds(self) -> tuple[float, float]:
        """Field levels above which the wanted cloud fraction (inside the footprint) is covered."""
        m = 256
        u = (np.arange(m) + 0.5) * self.n / m
        inside = self.footprint(u, u)
        cum = self._cumulus_field(u, u)[inside]
        cir = self._cirrus_field(u, u)[inside]
        # cumulus covers 0.7·cf of the footprint and cirrus 0.35·cf; cf up to 1/0.7 makes an overcast
        # scene (cumulus 100 % at cf = 1/0.7) that keeps its cloud heights and its shadows
        cf = min(max(self.cloud_fraction, 0.0), 1.0 / 0.7)
        t_cum = float(np.quantile(cum, max(1.0 - 0.7 * cf, 0.0))) if cf > 0 else np.inf
        t_cir = float(np.quantile(cir, 1.0 - 0.35 * cf)) + 0.3 if cf > 0 else np.inf
        return t_cum, t_cir

    def _clear_land_near(self, frac: tuple[float, float]) -> tuple[float, float]:
        """The first clear, cloud-free land spot (u, v) on a spiral around ``frac`` (so the saturated
        pixels are really there); ``frac`` itself when there is none (e.g. an overcast scene)."""
        cu, cv = self._at(frac)
        patch = np.arange(-3, 4, dtype=np.float64)
        for r in np.arange(0.0, 0.35 * self.n, 3.0):
            for a in np.linspace(0, 2 * np.pi, max(1, int(r)), endpoint=False):
                u0, v0 = round(cu + r * np.cos(a)) + 0.5, round(cv + r * np.sin(a)) + 0.5
                u, v = u0 + patch, v0 + patch
                if not self.footprint(u, v).all():
                    continue
                g = self.ground(u, v)
                alpha_c, _ = self.cumulus(u, v)
                if (
                    np.isin(g["class"], (VEGETATION, BARE_SOIL, URBAN)).all()
                    and alpha_c.max() == 0
                    and self.cirrus(u, v).max() == 0
                    and self.shade(u, v).max() == 0
                ):
                    return u0 - 0.3, v0 + 0.2
        return cu, cv

    def cumulus(self, u, v) -> tuple[np.ndarray, np.ndarray]:
        """Opacity (0..1) and top height (m) of the thick clouds (height is only meaningful where α > 0)."""
        levels = np.asarray(CLOUD_LEVELS_M)
        if self.all_cloud:
            _, level = self._cells(u, v)
            return np.ones(level.shape), levels[level]
        raw = self._raw_cumulus(u, v)
        alpha = np.zeros(raw.shape)
        height = np.full(raw.shape, levels[0])
        # the cell-border penalty only lowers the field: the cells are needed only where the raw field
        # could reach the threshold (a small part of the scene), which keeps full scenes fast
        cand = raw > self.t_cum - 0.075
        if cand.any():
            uu, vv = grid_of(u, v)
            border, level = self._cells(uu[cand][None, :], vv[cand][None, :])
            field = raw[cand] - 4.0 * (1.0 - smoothstep(border[0] / CLOUD_CELL_MARGIN_PX))
            alpha[cand] = smoothstep((field - self.t_cum) / 0.15 + 0.5)
            height[cand] = levels[level[0]]
        return alpha, height

    def cirrus(self, u, v) -> np.ndarray:
        """Opacity (0..0.45) of the thin cirrus."""
        if not np.isfinite(self.t_cirrus):
            return np.zeros(grid_of(u, v)[0].shape)
        return 0.45 * smoothstep((self._cirrus_field(u, v) - self.t_cirrus) / 0.3 + 0.5)

    def shade(self, u, v) -> np.ndarray:
        """Cloud-shadow strength 0..1 (0 at night)."""
        uu, vv = grid_of(u, v)
        out = np.zeros(uu.shape)
        if self.night or self.all_cloud or not np.isfinite(self.t_cum):
            return out
        for h in CLOUD_LEVELS_M:
            du, dv = self.shadow_offset_px(h)
            # the shadow at p is cast by the cloud at p + (towards the Sun)·D
            qu, qv = np.asarray(u) - du, np.asarray(v) - dv
            alpha, height = self.cumulus(qu, qv)
            np.maximum(out, np.where(height == h, alpha, 0.0), out=out)
        return out

    def ground(self, u, v) -> dict[str, np.ndarray]:
        """Land cover, cover fractions, elevation at the positions."""
        n = self.n
        elev = (
            ELEVATION_REF_M
            + 120.0 * self.f_elev_ls(u, v)
            + 80.0 * self.f_elev_ms(u, v)
            + 3000.0 * gaussian(u, v, *self._at(self.layout.mountain), 0.12 * n)
        )
        elev = np.maximum(elev, 2.0)
        uu, _ = grid_of(u, v)
        coast = (uu - 0.2 * n) / n + 0.06 * self.f_coast(u, v)
        lake = gaussian(u, v, *self._at(self.layout.lake), 0.05 * n) + 0.12 * self.f_lake(u, v)
        water = (coast < 0) | (lake > 0.6)
        snow = ~water & (elev > 2300.0 + 80.0 * self.f_snow(u, v))
        city = gaussian(u, v, *self._at(self.layout.city), 0.07 * n) + 0.8 * gaussian(
            u, v, *self._at(self.layout.town), 0.03 * n
        )
        urban = ~water & ~snow & (city + 0.18 * self.f_urban(u, v) > 0.5)
        veg_field = 0.8 * self.f_veg_ls(u, v) + 0.6 * self.f_veg_ms(u, v) - 0.6 * (elev / 2000.0) + 0.25
        fv = smoothstep(0.5 + 3.0 * veg_field)
        cls = np.where(fv >= 0.5, VEGETATION, BARE_SOIL).astype(np.uint8)
        cls[urban] = URBAN
        cls[snow] = SNOW
        cls[water] = WATER
        bright = 1.0 + 0.08 * self.f_bright(u, v)
        return {"class": cls, "fv": fv, "elev": elev, "city": city, "bright": bright, "coast": coast}

    def block(self, u, v) -> dict[str, np.ndarray]:
        """Everything at the positions, computed once: ground, cloud opacities and heights, shade."""
        g = self.ground(u, v)
        g["u"], g["v"] = u, v
        g["alpha_c"], g["height"] = self.cumulus(u, v)
        g["alpha_i"] = self.cirrus(u, v)
        g["shade"] = self.shade(u, v)
        return g

    def reflectance(self, g: dict) -> np.ndarray:
        """TOA reflectance (8, rows, cols), bands in OPTICAL_BANDS order, clouds and shadows included."""
        u, v = g["u"], g["v"]
        cls, fv, bright = g["class"], g["fv"], g["bright"]
        shape = cls.shape
        out = np.empty((len(OPTICAL_BANDS), *shape))
        alpha_c, height, alpha_i, shade = g["alpha_c"], g["height"], g["alpha_i"], g["shade"]
        for k in range(len(OPTICAL_BANDS)):
            land = fv * SPECTRA[VEGETATION][k] + (1 - fv) * SPECTRA[BARE_SOIL][k]
            rho = np.where(cls == URBAN, 0.85 * SPECTRA[URBAN][k] + 0.15 * SPECTRA[VEGETATION][k], land)
            rho = np.where(cls == WATER, SPECTRA[WATER][k], rho)
            rho = np.where(cls == SNOW, SPECTRA[SNOW][k], rho)
            if k < 7:
                rho = rho * bright
            rho = rho * (1.0 - SHADOW_DARKENING[k] * shade)
            if k == 7:  # cirrus band: sees only high clouds (absorbing water vapour below)
                cloud_rho = 0.005 + 0.006 * height / 1000.0
                rho = (1 - alpha_c) * rho + alpha_c * cloud_rho
                rho = rho + alpha_i * 0.08
            else:
                cloud_rho = THICK_CLOUD_SPECTRUM[k] * (0.95 + 0.05 * bright)
                rho = (1 - alpha_c) * rho + alpha_c * cloud_rho
                rho = (1 - 0.3 * alpha_i) * rho + alpha_i * THIN_CLOUD_SPECTRUM[k]
            if k in (0, 1, 2, 3):  # glint: a few specular greenhouse roofs, brighter than the sensor range
                rho = rho + 2.0 * gaussian(u, v, *self.glint, 0.6)
            out[k] = rho
        return out

    def emissivity(self, g: dict) -> tuple[np.ndarray, np.ndarray]:
        cls, fv, bright = g["class"], g["fv"], g["bright"]
        red_soil = SPECTRA[BARE_SOIL][3] * bright
        out = []
        for b in range(2):
            a, slope = SOIL_EMISSIVITY_AB[b]
            eps = fv * EMISSIVITY[VEGETATION][b] + (1 - fv) * (a - slope * red_soil)
            for c in (URBAN, WATER, SNOW):
                eps = np.where(cls == c, EMISSIVITY[c][b], eps)
            out.append(eps)
        return out[0], out[1]

    def air_temperature(self) -> float:
        """Near-surface air temperature (K) the cloud tops are referred to."""
        return 283.0 if self.night else 296.0

    def lst(self, g: dict) -> np.ndarray:
        """True land surface temperature (K)."""
        u, v = g["u"], g["v"]
        cls, fv, elev, city = g["class"], g["fv"], g["elev"], g["city"]
        if self.night:
            t0, soil_dt, veg_dt, uhi, t_water, t_snow = 283.0, -1.0, 0.0, 4.0, 290.5, 264.0
        else:
            t0, soil_dt, veg_dt, uhi, t_water, t_snow = 299.0, 7.0, -2.0, 6.0, 291.0, 270.5
        land = (
            t0
            + 1.5 * self.f_t_ls(u, v)
            + 0.8 * self.f_t_ms(u, v)
            - LAPSE_RATE_K_PER_M * (elev - ELEVATION_REF_M)
            + soil_dt * (1 - fv)
            + veg_dt * fv
            + uhi * np.minimum(city, 1.0)
        )
        t = np.where(cls == URBAN, land + 2.0, land)
        t = np.where(cls == WATER, t_water + 0.8 * self.f_water_t(u, v) + 0.3 * self.f_t_ms(u, v), t)
        t = np.where(cls == SNOW, np.minimum(t_snow + 1.0 * self.f_t_ms(u, v), 272.8), t)
        if not self.night:
            shade = g["shade"]
            t = t - np.where(cls == WATER, 0.3, np.where(cls == SNOW, 0.5, 3.0)) * shade
        hot = gaussian(u, v, *self.hot_spot, 0.7)
        return t + np.where(cls == WATER, 0.0, 380.0 * hot)

    def cloud_top_temperature(self, g: dict) -> np.ndarray:
        """Thick-cloud top temperature (K): the height is above the ground beneath, as for the shadow
        offset, so a cloud top is never below the terrain (lapse rate from the air at ELEVATION_REF_M)."""
        above_ref = g["elev"] - ELEVATION_REF_M + g["height"]
        return self.air_temperature() - LAPSE_RATE_K_PER_M * above_ref

    def at_sensor_cloud_radiance(self, band: str, clear_radiance: np.ndarray, g: dict) -> np.ndarray:
        """TOA radiance with thick clouds (black bodies at their tops) and cirrus (partly opaque)."""
        alpha_c, alpha_i = g["alpha_c"], g["alpha_i"]
        t_air = self.air_temperature()
        t_top = self.cloud_top_temperature(g)
        rad = (1 - alpha_c) * clear_radiance + alpha_c * planck(band, t_top)
        eps_ci = 1.2 * alpha_i
        t_ci = t_air - LAPSE_RATE_K_PER_M * CIRRUS_HEIGHT_M
        return (1 - eps_ci) * rad + eps_ci * planck(band, t_ci)

    def optical_cloud_snr(self, g: dict, sigma: float) -> np.ndarray:
        """Largest change of TOA reflectance the clouds cause in any optical band, in noise σ (0 at night)."""
        cloudy = (g["alpha_c"] > 0) | (g["alpha_i"] > 0)
        if self.night or not cloudy.any():
            return np.zeros(cloudy.shape)
        clear = dict(g, alpha_c=np.zeros(cloudy.shape), alpha_i=np.zeros(cloudy.shape))
        return np.abs(self.reflectance(g) - self.reflectance(clear)).max(axis=0) / sigma

    def cloud_classes(self, g: dict, snr: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """CLOUDS truth codes and the thick-cloud top height (NaN where no thick cloud).

        ``snr``: the clouds' largest TOA signal over the bands in noise σ; cloud is truth where it
        reaches VISIBLE_SNR (None: any cloud contribution at all is cloud).
        """
        alpha_c, height, alpha_i, shade = g["alpha_c"], g["height"], g["alpha_i"], g["shade"]
        out = np.full(alpha_c.shape, CLEAR, dtype=np.uint8)
        out[shade >= 0.5] = CLOUD_SHADOW
        visible = True if snr is None else snr >= VISIBLE_SNR
        out[((alpha_i > 0) | (alpha_c > 0)) & visible] = THIN_CLOUD
        out[alpha_c >= 0.5] = THICK_CLOUD
        h = np.where(alpha_c >= 0.5, height, np.nan)
        return out, h


__all__ = ["OPTICAL_BANDS", "SceneModel", "is_separable"]
