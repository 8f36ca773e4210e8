"""Start the dashboard: `python scripts/serve.py [streamlit options]`.

Same as `streamlit run app.py`, with one fix: Streamlit decides at server start whether the app uses the
legacy pages/ folder, and until app.py has run once it treats a deep link (e.g. /insatser?karna=haninge)
as a legacy page and shows the wrong navigation. This app always uses st.navigation, so say so first.
With FARDPLANER_HEALTH_PORT set, /healthz (scripts/health.py) answers on that port too.
"""

import os
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

PagesManager.uses_pages_directory = False
APP = Path(__file__).resolve().parents[1] / "app.py"


def _option(name: str, default: str) -> str:
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return default


if __name__ == "__main__":
    if os.environ.get("FARDPLANER_HEALTH_PORT"):
        sys.path.insert(0, str(APP.parent))
        from scripts.health import serve

        port = _option("--server.port", "8501")
        serve(
            int(os.environ["FARDPLANER_HEALTH_PORT"]),
            f"http://127.0.0.1:{port}",
            os.environ.get("FARDPLANER_HEALTH_HOST", "127.0.0.1"),
        )
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())
