"""Child process of tests/core/test_concurrency.py: import everything, print READY, wait for GO on stdin,
then run the producepackage chain (``produce PRODUCT OUT``) or the export (``export RESULT_DIR OUT
OVERWRITE``) and print one JSON line with the outcome. Run through tools/plugin_alias.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from lst_studio.plugin.core.delivery import workspace
from lst_studio.plugin.core.delivery.package import export_package
from lst_studio.plugin.core.errors import OutputError
from lst_studio.plugin.core.options import DeliveryOptions
from lst_studio.plugin.core.result import ProductResult
from tests.core.data import bad_inputs as corpus


def main(mode: str, source: str, out: str, overwrite: str = "1") -> None:
    print("READY", flush=True)
    if sys.stdin.readline().strip() != "GO":
        return
    try:
        if mode == "produce":
            path = corpus.produce_package(corpus.Run(Path(source), Path(out), overwrite=overwrite == "1"))
        else:
            result = ProductResult.load(source)
            path = export_package(result, Path(out), DeliveryOptions(overwrite=overwrite == "1"))
        snap = {k: list(v) for k, v in workspace.snapshot(path).items()}
        print(json.dumps({"outcome": "ok", "path": str(path), "snapshot": snap}), flush=True)
    except OutputError as exc:
        print(json.dumps({"outcome": "refused", "message": str(exc)}), flush=True)
    except BaseException as exc:
        print(json.dumps({"outcome": "error", "message": repr(exc)}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
