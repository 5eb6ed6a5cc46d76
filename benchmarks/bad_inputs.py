"""Corpus of bad and unusual inputs through the chain behind ``lststudio:producepackage``; counts by outcome.

    .venv/bin/python benchmarks/bad_inputs.py [--qgis-process N] [-k SUBSTRING] [-v]

Cases: tests/core/data/bad_inputs.py (each breaks one thing in a real file of a small sample product,
or is a valid input in an unusual form). Each runs through the core calls of
``ProducePackageAlgorithm.process`` (output folder check, work place, produce, export, self-check);
``--qgis-process N`` also runs the first N refusals and the first valid case through
``/usr/bin/qgis_process.bin run lststudio:producepackage`` itself.

Outcomes:
- refused-with-file-and-field: our exception; a ProductError with file and field, an AoiError naming the
  AOI's geometry, or an Output/ExportError naming the output folder (the field is the folder itself);
- refused-without-field: our exception, but it names no field;
- valid package: a package that passed its self-check;
- traceback: any other exception;
- silently accepted: a bad input that gave a package;
- valid input refused: a valid input that was refused.
A run also fails the "nothing left behind" check when the output folder or the temporary folder holds
anything after a refusal that was not there before (or anything but the package after success).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QGIS_PROCESS = "/usr/bin/qgis_process.bin"
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))
import plugin_alias  # noqa: E402

plugin_alias.install()

from lst_studio.plugin.core.errors import AoiError, ExportError, LstError, ProductError  # noqa: E402
from tests.core.data import bad_inputs as corpus  # noqa: E402


def tree(path: Path) -> set[str]:
    if not path.exists():
        return set()
    if path.is_file():
        return {"."}
    return {str(p.relative_to(path)) for p in path.rglob("*")}


def names_file_and_field(exc: LstError) -> bool:
    if isinstance(exc, ProductError):
        return bool(exc.path) and bool(exc.field)
    if isinstance(exc, AoiError):
        return "geometry" in str(exc)
    if isinstance(exc, ExportError):
        return str(exc).startswith("/") and ("folder" in str(exc) or "package" in str(exc))
    return False


def classify(case, work: Path, bases) -> tuple[str, str, bool]:
    """(outcome, message, left_nothing_behind) of one case."""
    run = case.build(work, bases)
    tmp = work / "tmp"
    tmp.mkdir()
    tempfile.tempdir = str(tmp)  # archives unpack here: it must be empty afterwards
    try:
        for step in run.prepare:
            step()
        before = tree(run.out)
        try:
            package = corpus.produce_package(run)
        except LstError as exc:
            outcome = "refused-with-file-and-field" if names_file_and_field(exc) else "refused-without-field"
            if case.expect == "valid":
                outcome = "valid input refused"
            clean = tree(run.out) == before and not any(tmp.iterdir())
            return outcome, str(exc), clean
        except Exception as exc:
            clean = tree(run.out) == before and not any(tmp.iterdir())
            return "traceback", f"{type(exc).__name__}: {exc}", clean
        after = tree(run.out)
        new = {p for p in after - before if not p.startswith(package.name + "/")}
        expected_new = {package.name, package.name + ".zip"} if run.make_zip else {package.name}
        clean = (new <= expected_new) and not any(tmp.iterdir())
        return ("valid package" if case.expect == "valid" else "silently accepted"), str(package), clean
    finally:
        tempfile.tempdir = None
        for step in run.cleanup:
            step()


def qgis_env(base: Path) -> dict:
    """A throw-away QGIS profile with the plugin installed as the release zip holds it (as
    tests/e2e/test_qgis_process.py does) and enabled."""
    import site

    plugins = base / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    install = [sys.executable, str(ROOT / "tools" / "build_package.py"), "--install-into", str(plugins)]
    subprocess.run(install, check=True, capture_output=True, timeout=300)
    runtime = base / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(base), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(runtime), HOME=str(base), PYTHONPATH=os.pathsep.join(site.getsitepackages()))  # fmt: skip
    subprocess.run(
        [QGIS_PROCESS, "plugins", "enable", "lst_studio"], env=env, check=True, capture_output=True
    )
    return env


def qgis_process(case, work: Path, bases, env: dict) -> tuple[str, str]:
    """Run one case through qgis_process.bin run lststudio:producepackage."""
    run = case.build(work, bases)
    for step in run.prepare:
        step()
    cmd = [QGIS_PROCESS, "--json", "run", "lststudio:producepackage", "--",
           f"INPUT={run.product}", f"OUTPUT_FOLDER={run.out}", f"OVERWRITE={run.overwrite}"]  # fmt: skip
    if run.land_cover is not None:
        cmd.append(f"LAND_COVER={run.land_cover}")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    text = proc.stdout + proc.stderr
    for step in run.cleanup:
        step()
    if proc.returncode == 0:
        return ("valid package" if case.expect == "valid" else "silently accepted"), ""
    if "Traceback" in text:
        return "traceback", text[-400:]
    lines = [
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith(("ERROR 1:", "Warning"))
    ]
    ours = [ln for ln in lines if "field '" in ln or "output path" in ln or "folder" in ln]
    return "refused", (ours[-1] if ours else lines[-1] if lines else "")[:300]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-k", default="", help="only cases whose name contains this (alternatives: a|b)")
    ap.add_argument("-v", action="store_true", help="print every case's message")
    ap.add_argument("--qgis-process", type=int, default=0, help="also run N refusals + 1 valid case there")
    ap.add_argument("--json", help="write the per-case results here")
    args = ap.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="lst-bad-inputs-"))
    try:
        bases = corpus.Bases.make(root / "bases")
        cases = [c for c in corpus.cases() if any(k in c.name for k in args.k.split("|"))]
        counts, dirty, rows = collections.Counter(), [], []
        t0 = time.perf_counter()
        for i, case in enumerate(cases):
            work = root / f"case{i:03d}"
            work.mkdir()
            outcome, message, clean = classify(case, work, bases)
            counts[outcome] += 1
            if not clean:
                dirty.append(case.name)
            rows.append({"case": case.name, "expect": case.expect, "outcome": outcome, "message": message})
            if args.v or outcome not in ("refused-with-file-and-field", "valid package") or not clean:
                print(f"[{outcome}{'' if clean else ', LEFT SOMETHING BEHIND'}] {case.name}: {message[:300]}")
            shutil.rmtree(work, ignore_errors=True)
        print(f"\n{len(cases)} cases in {time.perf_counter() - t0:.0f} s "
              f"({sum(c.expect == 'refuse' for c in cases)} bad, {sum(c.expect == 'valid' for c in cases)} valid):")  # fmt: skip
        for outcome in ("refused-with-file-and-field", "valid package", "refused-without-field",
                        "traceback", "silently accepted", "valid input refused"):  # fmt: skip
            print(f"  {outcome:30s} {counts.get(outcome, 0)}")
        print(f"  {'left something behind':30s} {len(dirty)} {dirty if dirty else ''}")
        if args.qgis_process:
            # AOI cases need a vector layer parameter, the tmpfs cases root: those stay in the core run
            refusals = [
                c for c in cases if c.expect == "refuse" and not c.name.startswith(("AOI", "output fil"))
            ]
            refusals = refusals[:: max(1, len(refusals) // max(args.qgis_process, 1))][: args.qgis_process]
            picked = refusals + [c for c in cases if c.expect == "valid"][:1]
            print(f"\nthrough /usr/bin/qgis_process.bin run lststudio:producepackage ({len(picked)} cases):")
            env = qgis_env(root / "qgis-profile")
            for i, case in enumerate(picked):
                work = root / f"qp{i:03d}"
                work.mkdir()
                outcome, message = qgis_process(case, work, bases, env)
                print(f"  [{outcome}] {case.name}: {message}")
        if args.json:
            Path(args.json).write_text(json.dumps(rows, indent=1))
        bad = counts["traceback"] + counts["silently accepted"] + counts["refused-without-field"]
        return 1 if bad or dirty or counts["valid input refused"] else 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
