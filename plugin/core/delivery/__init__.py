"""Delivery package writer: ``package.export_package(result, out_dir, options, progress) -> Path``.

Modules: ``naming`` (file names, geohash), ``cog`` (encoding + GDAL COG driver, per-layer creation
options), ``quicklook`` (RGBA quicklooks, JPG thumbnails, the documented LST colour scale),
``footprint`` (valid-data footprint), ``facts`` (what the metadata writers read from a ProductResult),
``stac`` (STAC Item 1.1.0; custom fields under the prefix ``lst:``), ``iso`` (ISO 19115-2 / INSPIRE
XML), ``ceos_ard`` (CEOS-ARD Surface Temperature self-assessment), ``package`` (atomic export).
"""
