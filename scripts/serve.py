"""Start the dashboard: `python scripts/serve.py [streamlit options]`.

Same as `streamlit run app.py`, with one fix: Streamlit decides at server start whether the app uses the
legacy pages/ folder, and until app.py has run once it treats a deep link (e.g. /insatser?karna=haninge)
as a legacy page and shows the wrong navigation. This app always uses st.navigation, so say so first.
"""
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

PagesManager.uses_pages_directory = False
APP = Path(__file__).resolve().parents[1] / "app.py"

if __name__ == "__main__":
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())
