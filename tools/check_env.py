"""Fails loudly when the venv would load a second GDAL (a rasterio/numpy wheel over Debian's)."""

import sys

import numpy
import rasterio
from osgeo import gdal

problems = []
if not rasterio.__file__.startswith("/usr/lib/python3/dist-packages"):
    problems.append(f"rasterio comes from {rasterio.__file__}, not Debian")
if not numpy.__file__.startswith("/usr/lib/python3/dist-packages"):
    problems.append(f"numpy comes from {numpy.__file__}, not Debian")
if rasterio.__gdal_version__ != gdal.__version__:
    problems.append(f"rasterio GDAL {rasterio.__gdal_version__} != osgeo GDAL {gdal.__version__}")
if problems:
    sys.exit("environment check failed: " + "; ".join(problems))
print(f"environment ok: numpy {numpy.__version__}, rasterio {rasterio.__version__}, GDAL {gdal.__version__}")
