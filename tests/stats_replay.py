"""A replay server on loopback for the Kolada and SCB tests: serves tests/fixtures/{kolada,scb} (TEST DATA
in the documented formats) under /kolada/v3 and /scb/v2, filtered by what the request asks for, in pages.

`server.mode` makes it misbehave: "500", "404", "302" (a redirect elsewhere), "slow" (answers after
`server.delay` seconds), and `server.mutate(kind, payload)` may change a payload before it is sent (a
changed format, a bad value)."""

from __future__ import annotations

import copy
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PER_PAGE = 100


class Replay(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.mode = "ok"
        self.delay = 2.0
        self.mutate = None
        self.requests: list[str] = []
        self.kolada = {n: json.loads((FIXTURES / f"kolada/{n}.json").read_text("utf-8")) for n in ("kpi", "data")}
        self.scb = {n: json.loads((FIXTURES / f"scb/tab638-{n}.json").read_text("utf-8")) for n in ("totalt", "kon")}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Replay

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, payload) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _misbehave(self) -> bool:
        self.server.requests.append(self.path)
        if self.server.mode == "slow":
            time.sleep(self.server.delay)
        if self.server.mode == "302":
            self.send_response(302)
            self.send_header("Location", "http://example.org/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if self.server.mode in ("500", "404"):
            status = int(self.server.mode)
            self._send(status, {"title": "Fel", "status": status, "detail": "replay"})
            return True
        return False

    def _mutated(self, kind: str, payload):
        payload = copy.deepcopy(payload)
        return self.server.mutate(kind, payload) if self.server.mutate else payload

    def do_GET(self):  # noqa: N802 - http.server's name
        if self._misbehave():
            return
        url = urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        if parts[:3] == ["kolada", "v3", "kpi"]:
            ids = parts[3].split(",")
            values = [v for v in self.server.kolada["kpi"]["values"] if v["id"] in ids]
            self._send(200, self._mutated("kpi", {"count": len(values), "values": values, "next_url": ""}))
            return
        if parts[:4] == ["kolada", "v3", "data", "kpi"] and len(parts) >= 8:
            kpis, codes, years = parts[4].split(","), parts[6].split(","), parts[8].split(",")
            values = [
                r
                for r in self.server.kolada["data"]["values"]
                if r["kpi"] in kpis and r["municipality"] in codes and str(r["period"]) in years
            ]
            page = int(parse_qs(url.query).get("page", ["1"])[0])
            chunk = values[(page - 1) * PER_PAGE : page * PER_PAGE]
            more = page * PER_PAGE < len(values)
            nxt = f"{self.server.base}{url.path}?page={page + 1}" if more else ""
            self._send(200, self._mutated("data", {"count": len(chunk), "values": chunk, "next_url": nxt}))
            return
        self._send(404, {"title": "Not Found", "status": 404})

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if self._misbehave():
            return
        if urlsplit(self.path).path.rstrip("/") == "/scb/v2/tables/TAB638/data":
            codes = {s["variableCode"] for s in body.get("selection", [])}
            self._send(200, self._mutated("scb", self.server.scb["kon" if "Kon" in codes else "totalt"]))
            return
        self._send(404, {"title": "Not Found", "status": 404})


def start() -> Replay:
    server = Replay()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
