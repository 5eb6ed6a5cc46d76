"""The main job: write the sample L1C product and turn it into a delivery package, headless.

Runs the same Processing algorithm the dock uses (``lststudio:producepackage``) inside a QgsApplication
without a display, then prints where the package is, LST min/median/max, cloud %, the measured
geometric accuracy and the result of ../shared/validators/check_package.py (when ../shared is there).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VALIDATOR = ROOT.parent / "shared" / "validators" / "check_package.py"


def _import_plugin():
    """Import this checkout under its plugin name, as QGIS would (plugin_alias.py: no symlink)."""
    import plugin_alias  # beside this script, so on sys.path[0]

    return plugin_alias.install()


def _start_qgis(profile: Path):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QGIS_CUSTOM_CONFIG_PATH"] = str(profile)
    runtime = profile / "runtime"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    return app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out", help="output folder (default: out/)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", type=int, default=None, help="sample size in TIR pixels per side")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    lst_studio = _import_plugin()
    from lst_studio.plugin.core.sample import generate

    t0 = time.perf_counter()
    kwargs = {"size": args.size} if args.size else {}
    sample = generate.write_sample(out / "sample", seed=args.seed, **kwargs)
    print(f"sample product : {sample.product_dir}")
    print(f"land cover     : {sample.land_cover}")
    print(f"ERA5 (sample)  : {sample.era5}")

    app = _start_qgis(out / ".qgis-profile")
    plugin = lst_studio.classFactory(None)
    plugin.initProcessing()
    try:
        import processing
        from qgis.core import QgsProcessingFeedback

        class Feedback(QgsProcessingFeedback):
            """Prints progress in 10 % steps, warnings and errors, as the dock's log would show them."""

            def __init__(self):
                super().__init__()
                self._shown = -10
                self.progressChanged.connect(self._progress)

            def _progress(self, value):
                if value - self._shown >= 10:
                    self._shown = value - value % 10
                    print(f"  progress {self._shown:3.0f} %")

            def pushWarning(self, warning):
                print(f"  warning: {warning}")

            def reportError(self, error, fatalError=False):
                print(f"  error: {error}", file=sys.stderr)

        feedback = Feedback()
        result = processing.run(
            "lststudio:producepackage",
            {
                "INPUT": str(sample.geojson),
                # the sample's land-cover map, as an analyst would add ESA WorldCover: built-up emissivity
                "LAND_COVER": str(sample.land_cover),
                # the sample's ERA5-like NetCDF, as an analyst would download it from the CDS: per-pixel w
                "REANALYSIS": str(sample.era5),
                "AOI_NAME": "Demo AOI",
                "AOI_ID": "demo-aoi-1",
                "OUTPUT_FOLDER": str(out / "packages"),
                "PRODUCT_TOKEN": "LST",
                "ORGANIZATION_ID": "demo-org",
                "OVERWRITE": True,
                "ZIP": True,
            },
            feedback=feedback,
        )
    finally:
        plugin.unload()
    elapsed = time.perf_counter() - t0

    package = Path(result["PACKAGE"])
    print()
    print(f"package        : {package}")
    print(
        f"LST (K)        : min {result['LST_MIN']:.2f}  median {result['LST_MEDIAN']:.2f}  max {result['LST_MAX']:.2f}"
    )
    print(f"cloud          : {result['CLOUD_PERCENT']:.1f} %")
    item = next(package.glob("*_METADATA.json"), None)
    if item is not None:
        geo = json.loads(item.read_text(encoding="utf-8"))["properties"].get("lst:geometric_accuracy") or {}
        if geo.get("assessed"):
            print(
                f"geometry       : band-to-band radial RMSE {geo['radial_rmse_px']:.3f} px, "
                f"CE90 {geo['ce90_m']:.1f} m (measured, {len(geo.get('pairs', []))} band pairs)"
            )
        else:
            print("geometry       : not assessed (too few reliable tiepoints)")
    if result.get("VALIDATION"):
        print(f"self-check     : {result['VALIDATION']}")
    print(f"wall time      : {elapsed:.1f} s")

    rc = 0
    if VALIDATOR.is_file():
        check = subprocess.run(
            ["/usr/bin/python3", str(VALIDATOR), "-q", "--strict-cog", str(package)],
            capture_output=True,
            text=True,
        )
        print()
        print(check.stdout.strip())
        print(
            f"validation     : {'PASS' if check.returncode == 0 else 'FAIL'} (check_package.py --strict-cog)"
        )
        rc = check.returncode
    else:
        print(f"validation     : skipped ({VALIDATOR} not found)")
    app.exitQgis()
    return rc


if __name__ == "__main__":
    sys.exit(main())
