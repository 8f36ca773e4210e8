"""Source data and the build of the reference store (no Streamlit imports here)."""
