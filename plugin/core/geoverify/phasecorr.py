"""Sub-pixel translation between two image chips by phase correlation (numpy FFT only).

Convention: ``phase_correlation(a, b)`` returns ``(drow, dcol)`` such that ``b(r, c) ≈ a(r - drow, c - dcol)``,
i.e. a feature at (r, c) in ``a`` appears at (r + drow, c + dcol) in ``b`` — the displacement of ``b``
relative to ``a`` in pixels, rows downwards.

Method: both chips are apodised with a Hann window against spectral leakage from the chip borders
(a fixed window pulls the peak slightly towards zero shift; moving the target's window by the estimate
removes that bias, see ``b_window_shift``); the normalised cross-power spectrum ``B·conj(A)/|B·conj(A)|``
(Kuglin & Hines 1975, "The phase correlation image alignment method", Proc. IEEE Int. Conf. Cybernetics
and Society) is weighted by a Gaussian low-pass so that whitened high-frequency noise does not dominate;
the integer peak of its inverse FFT is refined to ``1/upsample`` pixel with the matrix-multiply upsampled
DFT of Guizar-Sicairos, Thurman & Fienup (2008), "Efficient subpixel image registration algorithms",
Opt. Lett. 33(2):156-158, DOI 10.1364/OL.33.000156.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True)
class Shift:
    drow: float  # pixels, positive = target feature lies further down (south on a north-up grid)
    dcol: float  # pixels, positive = target feature lies further right (east)
    peak: float  # height of the normalised phase-correlation peak, 0..1 (1 = pure translation)


def hann2d(rows: int, cols: int, drow: float = 0.0, dcol: float = 0.0) -> np.ndarray:
    """Separable 2-D Hann window (periodic form), its centre moved by (drow, dcol) pixels."""
    wr = 0.5 - 0.5 * np.cos(2 * np.pi * (np.arange(rows) - drow) / rows)
    wc = 0.5 - 0.5 * np.cos(2 * np.pi * (np.arange(cols) - dcol) / cols)
    return np.outer(wr, wc)


@lru_cache(maxsize=16)
def _lowpass(rows: int, cols: int, cutoff: float) -> np.ndarray:
    """Gaussian weight over frequency; ``cutoff`` = its sigma in cycles per pixel (0.5 = Nyquist)."""
    fr = np.fft.fftfreq(rows)[:, None]
    fc = np.fft.fftfreq(cols)[None, :]
    w = np.exp(-0.5 * (fr**2 + fc**2) / cutoff**2)
    w.setflags(write=False)
    return w


def _dft_samples(spectrum: np.ndarray, rows_px: np.ndarray, cols_px: np.ndarray) -> np.ndarray:
    """Inverse DFT of ``spectrum`` at the (fractional) positions ``rows_px`` × ``cols_px``.

    The matrix-multiply form of Guizar-Sicairos et al. (2008, eq. 3): two small products instead of
    a zero-padded FFT, so only the neighbourhood of the peak is evaluated.
    """
    rows, cols = spectrum.shape
    row_kernel = np.exp(2j * np.pi * np.outer(rows_px, np.fft.fftfreq(rows)))  # (n_r, rows)
    col_kernel = np.exp(2j * np.pi * np.outer(np.fft.fftfreq(cols), cols_px))  # (cols, n_c)
    return (row_kernel @ spectrum @ col_kernel).real / (rows * cols)


def _refine(spectrum: np.ndarray, shift: np.ndarray, factor: int, span_px: float) -> tuple[np.ndarray, float]:
    """The maximum of the correlation surface on a 1/``factor`` px lattice ±``span_px``/2 around ``shift``."""
    half = int(np.ceil(span_px * factor / 2))
    offsets = np.arange(-half, half + 1) / factor
    values = _dft_samples(spectrum, shift[0] + offsets, shift[1] + offsets)
    i, j = np.unravel_index(int(np.argmax(values)), values.shape)
    return shift + np.array([offsets[i], offsets[j]]), float(values[i, j])


def phase_correlation(
    a: np.ndarray,
    b: np.ndarray,
    upsample: int = 100,
    lowpass: float = 0.15,  # sigma of the spectral weight, cycles/px: our choice, keeps the edges' band
    window: bool = True,
    b_window_shift: tuple[float, float] = (0.0, 0.0),
) -> Shift:
    """Displacement of chip ``b`` relative to chip ``a`` (same shape), see the module docstring.

    ``b_window_shift`` moves the Hann window of ``b`` by a (sub-pixel) amount: when it equals the true
    displacement, the windowed ``b`` is an exact shifted copy of the windowed ``a`` and the estimate
    carries no window bias (used by the iterative refinement in ``measure.match_chip``).
    """
    if a.shape != b.shape:
        raise ValueError(f"chips differ in shape: {a.shape} vs {b.shape}")
    rows, cols = a.shape
    dtype = np.complex128 if np.iscomplexobj(a) or np.iscomplexobj(b) else np.float64
    a = np.asarray(a, dtype=dtype)
    b = np.asarray(b, dtype=dtype)
    a = a - a.mean()
    b = b - b.mean()
    if window:
        a = a * hann2d(rows, cols)
        b = b * hann2d(rows, cols, *b_window_shift)
    cross = np.fft.fft2(b) * np.conj(np.fft.fft2(a))
    magnitude = np.abs(cross)
    cross = np.where(magnitude > 1e-12 * magnitude.max(initial=0.0), cross / np.maximum(magnitude, 1e-300), 0)
    if lowpass:
        weight = _lowpass(rows, cols, float(lowpass))
        cross = cross * weight
        norm = float(weight.sum())
    else:
        norm = float(rows * cols)
    surface = np.fft.ifft2(cross).real
    r0, c0 = np.unravel_index(int(np.argmax(surface)), surface.shape)
    # Integer peak -> signed shift (the FFT wraps around).
    shift = np.array([r0 - rows if r0 > rows // 2 else r0, c0 - cols if c0 > cols // 2 else c0], float)
    peak = float(surface[r0, c0]) * rows * cols / norm
    if upsample > 1:
        # Two stages: 1/10 px over ±0.75 px around the integer peak, then 1/upsample px over ±1.5
        # coarse steps (31 × 31 samples instead of 151 × 151 in one go; the same maximum).
        coarse = min(10, upsample)
        shift, value = _refine(cross, shift, coarse, 1.5)
        if upsample > coarse:
            shift, value = _refine(cross, shift, upsample, 3.0 / coarse)
        peak = value * rows * cols / norm
    return Shift(float(shift[0]), float(shift[1]), min(max(peak, 0.0), 1.0))
