"""Smooth analytic fields that can be evaluated exactly at any position, block by block.

Every quantity of the synthetic scene is a pointwise function of the ground position (u, v) in
pixels of the thermal (TIR) grid (u = column, v = row, pixel centres at c + 0.5). Sampling the
thermal group at shifted positions is therefore exact, and a block is computed without looking at
its neighbours.

Positions come in two forms:
- *separable*: ``u`` of shape (ncols,) and ``v`` of shape (nrows,) describe a rectilinear block. A
  Fourier sum is then a small matrix product (sin(a + b) = sin a·cos b + cos a·sin b), which keeps a
  full 7800 × 7800 scene fast.
- *general*: ``u`` and ``v`` are 2-D arrays of the same shape (e.g. a local distortion).
"""

from __future__ import annotations

import numpy as np


def is_separable(u: np.ndarray, v: np.ndarray) -> bool:
    return np.ndim(u) == 1 and np.ndim(v) == 1


def grid_of(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """2-D (u, v) arrays of a block (broadcast views for separable positions)."""
    if is_separable(u, v):
        return np.broadcast_arrays(np.asarray(u)[None, :], np.asarray(v)[:, None])
    return np.asarray(u), np.asarray(v)


class Fourier:
    """Σ_k a_k · sin(2π(fx_k·u + fy_k·v) + φ_k), unit standard deviation, zero mean.

    Wavelengths are log-uniform in [wl_min, wl_max] pixels, directions uniform (or around ``angle``
    within ``spread`` radians, for streaky fields), amplitudes ∝ wavelength^slope.
    """

    def __init__(
        self,
        rng: np.random.Generator,
        n: int,
        wl_min: float,
        wl_max: float,
        slope: float = 1.0,
        angle: float | None = None,
        spread: float = np.pi,
    ):
        wl = np.exp(rng.uniform(np.log(wl_min), np.log(wl_max), n))
        if angle is None:
            theta = rng.uniform(0, np.pi, n)
        else:
            theta = angle + rng.uniform(-spread, spread, n)
        self.fx = np.cos(theta) / wl
        self.fy = np.sin(theta) / wl
        self.phase = rng.uniform(0, 2 * np.pi, n)
        amp = wl**slope
        self.amp = amp / np.sqrt(np.sum(amp**2) / 2.0)

    def __call__(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        two_pi = 2 * np.pi
        if is_separable(u, v):
            u = np.asarray(u, dtype=np.float64)
            v = np.asarray(v, dtype=np.float64)
            a = two_pi * self.fx[:, None] * u[None, :]  # (K, ncols)
            b = two_pi * self.fy[None, :] * v[:, None] + self.phase[None, :]  # (nrows, K)
            return (np.sin(b) * self.amp) @ np.cos(a) + (np.cos(b) * self.amp) @ np.sin(a)
        u = np.asarray(u, dtype=np.float64)
        v = np.asarray(v, dtype=np.float64)
        out = np.zeros(np.broadcast(u, v).shape)
        for fx, fy, ph, am in zip(self.fx, self.fy, self.phase, self.amp):
            out += am * np.sin(two_pi * (fx * u + fy * v) + ph)
        return out


def gaussian(u: np.ndarray, v: np.ndarray, cu: float, cv: float, sigma: float) -> np.ndarray:
    """exp(−((u − cu)² + (v − cv)²) / (2σ²)); separable positions give an outer product."""
    if is_separable(u, v):
        gu = np.exp(-((np.asarray(u, dtype=np.float64) - cu) ** 2) / (2 * sigma**2))
        gv = np.exp(-((np.asarray(v, dtype=np.float64) - cv) ** 2) / (2 * sigma**2))
        return np.outer(gv, gu)
    return np.exp(-((np.asarray(u) - cu) ** 2 + (np.asarray(v) - cv) ** 2) / (2 * sigma**2))


def smoothstep(x: np.ndarray) -> np.ndarray:
    """0 below 0, 1 above 1, C1-smooth in between."""
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3 - 2 * x)
