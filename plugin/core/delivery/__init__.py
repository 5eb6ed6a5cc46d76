"""Delivery package writer: ``package.export_package(result, out_dir, options, progress) -> Path``.

Modules: ``layout`` (the package's TYPEs, file names, STAC asset keys and the reader ``open_package``),
``naming`` (the stem, geohash), ``cog`` (encoding + GDAL COG driver, per-layer creation
options), ``quicklook`` (RGBA quicklooks, JPG thumbnails, the documented LST colour scale; ``inferno``: its table),
``footprint`` (valid-data footprint), ``facts`` (what the metadata writers read from a ProductResult),
``stac`` (STAC Item 1.1.0; custom fields under the prefix ``lst:``), ``iso`` (ISO 19115-2 / INSPIRE
XML), ``ceos_ard`` (CEOS-ARD Surface Temperature self-assessment), ``package`` (atomic export), ``steps`` (the
export's and the self-check's independent steps side by side on every core), ``validate`` (self-check).
"""
