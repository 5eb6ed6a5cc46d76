"""Pure-Python core of LST Studio. Never imports qgis or Qt (tests/core/test_layering.py enforces it)."""
