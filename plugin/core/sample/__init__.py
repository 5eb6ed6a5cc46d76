"""Deterministic, physically consistent sample products (FarEarth L1C v1.3, Landsat C2 L1) with truth.

Entry point: ``generate.write_sample(out_dir, seed=1, **options)``; command line
``python -m lst_studio.plugin.core.sample --out DIR``.
"""
