"""How the work was done before: the older plans' organisation, meetings, financing and aims (Kärnprofil, Källor)."""
