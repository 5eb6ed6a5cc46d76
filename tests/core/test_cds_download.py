"""Optional CDS download against a local server on 127.0.0.1 (never the internet), cache and offline."""

from __future__ import annotations

import json
import socket
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from lst_studio.plugin.core import cds_download as cds
from lst_studio.plugin.core import reanalysis as rean

from .test_reanalysis import write_current

pytest.importorskip("cdsapi")
WHEN = datetime(2022, 4, 12, 8, 40, tzinfo=timezone.utc)


@pytest.fixture()
def fake_cds(tmp_path):
    """A tiny server speaking the CDS API the installed cdsapi uses: POST a request, GET the file."""
    seen = {"requests": [], "auth": [], "payload": write_current(tmp_path / "served.nc").read_bytes()}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output quiet
            pass

        def _json(self, doc, code=200):
            body = json.dumps(doc).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen["requests"].append((self.path, json.loads(body)))
            seen["auth"].append(self.headers.get("Authorization", ""))
            reply = {"state": "completed", "request_id": "r1", "location": "/download/era5.nc"}
            reply.update(content_length=len(seen["payload"]), content_type="application/x-netcdf")
            self._json(reply)

        def do_GET(self):
            if self.path.endswith("status.json"):
                return self._json({})
            self.send_response(200)
            self.send_header("Content-Length", str(len(seen["payload"])))
            self.end_headers()
            self.wfile.write(seen["payload"])

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v2", seen
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_download_into_the_cache_then_reuse_without_a_request(fake_cds, tmp_path):
    url, seen = fake_cds
    path = cds.download_era5(WHEN, (26.7, 27.0), (37.9, 38.2), tmp_path / "cache", url=url, key="123:abc")
    assert path.parent == tmp_path / "cache" and path.name.startswith("era5_20220412T08_")
    (req_path, req), auth = seen["requests"][0], seen["auth"][0]
    assert req_path.endswith("/resources/reanalysis-era5-single-levels") and auth.startswith("Basic ")
    assert req["time"] == ["08:00", "09:00"] and "total_column_water_vapour" in req["variable"]
    assert req["area"] == [38.7, 26.2, 37.4, 27.5]  # N, W, S, E with the 0.5° margin
    w, _ = rean.read_era5(path).sample(WHEN, np.array([26.8]), np.array([38.1]))
    assert np.isfinite(w).all()
    again = cds.download_era5(WHEN, (26.7, 27.0), (37.9, 38.2), tmp_path / "cache", url=url, key="123:abc")
    assert again == path and len(seen["requests"]) == 1  # from the cache


def test_offline_says_so_in_one_line(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(cds.CdsUnavailable) as exc:
        cds.download_era5(
            WHEN, (26.7, 27.0), (37.9, 38.2), tmp_path, url=f"http://127.0.0.1:{port}/api", key="1:a"
        )
    assert str(exc.value).startswith("Offline: cannot reach the CDS at 127.0.0.1") and "\n" not in str(
        exc.value
    )
    assert not any(tmp_path.iterdir())


def test_no_import_of_cdsapi_at_module_import():
    import subprocess
    import sys

    code = (
        "import sys; sys.path.insert(0, 'tools'); import plugin_alias; plugin_alias.install(); "
        "import lst_studio.plugin.core.cds_download, lst_studio.plugin.core.retrieval; "
        "print('cdsapi' in sys.modules)"
    )
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


def test_produce_downloads_era5_only_when_asked(fake_cds, tmp_path, monkeypatch):
    from lst_studio.plugin.core.options import AtmosphereInput, LstOptions
    from lst_studio.plugin.core.pipeline import produce
    from lst_studio.plugin.core.sample.generate import write_sample

    url, seen = fake_cds
    sample = write_sample(tmp_path / "s", seed=2, size=60, land_cover=False, dem=False)
    seen["payload"] = sample.era5.read_bytes()
    rc = tmp_path / "cdsapirc"
    rc.write_text(f"url: {url}\nkey: 1:secret\n")
    monkeypatch.setenv("CDSAPI_RC", str(rc))
    common = {"geometric_verification": False, "write_vnir": False}
    plain = produce(sample.product_dir, None, LstOptions(**common), tmp_path / "plain")
    assert seen["requests"] == [] and "reanalysis" not in plain.metadata["atmosphere"]["source"]
    atm = AtmosphereInput(download_era5=True, era5_cache_dir=str(tmp_path / "cache"))
    res = produce(sample.product_dir, None, LstOptions(atmosphere=atm, **common), tmp_path / "dl")
    assert len(seen["requests"]) == 1
    meta = res.metadata["atmosphere"]
    assert meta["source"].startswith("reanalysis (ERA5 file era5_") and meta["reanalysis"]["file"].startswith(
        str(tmp_path / "cache")
    )
