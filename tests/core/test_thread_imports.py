"""No module is imported for the first time on a worker thread during a run.

Two threads importing from one package at once can fail half-way: a CLI batch once stopped with
``ImportError: cannot import name 'euclidean' from partially initialized module scipy.spatial.distance``
(the masks' thread imported scikit-image while the CEOS-ARD step imported scipy.optimize). The modules a
run needs are imported with ours, on the thread that imports the plugin (core.morphology,
core.acquisition_time, core.delivery, core.batch.task; the Processing algorithms on the main thread in
``prepareAlgorithm``)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_run_imports_nothing_first_on_a_worker_thread():
    child = [
        sys.executable,
        str(ROOT / "tools" / "plugin_alias.py"),
        str(Path(__file__).parent / "data" / "thread_imports.py"),
    ]
    done = subprocess.run(child, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == []
