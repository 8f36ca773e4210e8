"""/healthz for a proxy or a load balancer: 200 when this instance's Streamlit answers /_stcore/health and
the user store answers a read, 503 (with the reason, in Swedish) otherwise. scripts/serve.py starts it on
FARDPLANER_HEALTH_PORT beside Streamlit, in the same process."""

from __future__ import annotations

import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def check(streamlit_url: str) -> tuple[bool, dict]:
    from queries.user_store import UserStore, UserStoreError

    result = {}
    try:
        with urllib.request.urlopen(f"{streamlit_url}/_stcore/health", timeout=2) as response:
            result["streamlit"] = "ok" if response.status == 200 else f"svarar {response.status}"
    except OSError as exc:
        result["streamlit"] = f"svarar inte ({exc})"
    try:
        store = UserStore()
        result["användardata"] = f"ok ({store.dialect}, schema {store.schema_version()})"
    except UserStoreError as exc:
        result["användardata"] = f"svarar inte: {exc}"
    ok = all(v.startswith("ok") for v in result.values())
    result["sessioner"] = _sessions()
    return ok, result


def _sessions() -> int | None:
    """Open browser sessions on this instance (Streamlit's session manager; None if it is not running)."""
    try:
        from streamlit.runtime import Runtime

        return Runtime.instance()._session_mgr.num_active_sessions() if Runtime.exists() else None
    except Exception:  # a private attribute of Streamlit's runtime: informative only, never fails the check
        return None


def serve(port: int, streamlit_url: str, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            if self.path.split("?")[0] != "/healthz":
                self.send_error(404)
                return
            ok, result = check(streamlit_url)
            body = json.dumps({"status": "ok" if ok else "fel", **result}, ensure_ascii=False).encode()
            self.send_response(200 if ok else 503)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, name="healthz", daemon=True).start()
    return server
