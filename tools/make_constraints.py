"""Print pip constraints pinning the Debian versions of the packages that must never come from PyPI.

A rasterio or numpy wheel would bring its own GDAL/PROJ into the QGIS process and crash it.
"""

import contextlib
import importlib.metadata as md

for dist in ("numpy", "rasterio", "GDAL", "pyproj", "scipy", "lxml", "jsonschema", "affine", "PyYAML"):
    with contextlib.suppress(md.PackageNotFoundError):
        print(f"{dist}=={md.version(dist)}")
