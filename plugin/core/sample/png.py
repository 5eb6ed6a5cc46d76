"""A minimal PNG writer (8-bit grey, RGB or RGBA) for thumbnails and tiepoint overlays."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np


def write_png(path: str | Path, image: np.ndarray) -> Path:
    """Write a uint8 array (rows, cols) or (rows, cols, 3|4) as a PNG file."""
    image = np.ascontiguousarray(image, dtype=np.uint8)
    rows, cols = image.shape[:2]
    channels = 1 if image.ndim == 2 else image.shape[2]
    color_type = {1: 0, 3: 2, 4: 6}[channels]
    raw = b"".join(b"\x00" + image[r].tobytes() for r in range(rows))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", cols, rows, 8, color_type, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 3))
        + chunk(b"IEND", b"")
    )
    path = Path(path)
    path.write_bytes(data)
    return path


def stretch(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Linear stretch to uint8; NaN becomes 0."""
    out = np.clip((np.nan_to_num(values, nan=lo) - lo) / (hi - lo), 0, 1)
    return (out * 255 + 0.5).astype(np.uint8)
