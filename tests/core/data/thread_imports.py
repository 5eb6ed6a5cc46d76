"""Child of test_thread_imports.py: imports what a batch task imports (core.batch.task), then runs a day and a
night product -> package -> self-check on two threads and prints, as JSON, every module first imported on a
thread other than the main one (a meta-path finder sees each import that is not yet in sys.modules)."""

import json
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from lst_studio.plugin.core.batch import task  # noqa: F401  (pipeline, export, self-check)
from lst_studio.plugin.core.delivery.package import export_package
from lst_studio.plugin.core.delivery.validate import validate_package
from lst_studio.plugin.core.options import AtmosphereInput, DeliveryOptions, LstOptions
from lst_studio.plugin.core.pipeline import produce
from lst_studio.plugin.core.sample.generate import write_sample

seen: list[tuple[str, str]] = []


class Spy:
    def find_spec(self, name, path=None, target=None):
        if threading.current_thread() is not threading.main_thread():
            seen.append((threading.current_thread().name, name))
        return None  # the real finders import it


root = Path(tempfile.mkdtemp(prefix="lst_thread_imports_"))
samples = [write_sample(root / f"s{night}", seed=1, size=160, night=night) for night in (False, True)]
sys.meta_path.insert(0, Spy())
options = LstOptions(threads=2, atmosphere=AtmosphereInput(water_vapour_gcm2=2.0))
for i, sample in enumerate(samples):
    result = produce(sample.product_dir, None, options, root / f"work{i}")
    if not validate_package(export_package(result, root / f"out{i}", DeliveryOptions())).ok:
        seen.append(("main", "the package failed its self-check"))
shutil.rmtree(root)
print(json.dumps(sorted(set(seen))))
