#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh machine and run the whole suite.
#   - Debian's chromium (for the browser tests) when it is missing: needs root, as in CI
#   - Debian's nginx, for the test of two app instances behind a proxy (deploy/nginx.conf)
#   - Debian's postgresql server binaries: the tests start a throw-away cluster on loopback (tests/pg_server.py)
#   - a virtual environment .venv with the pinned requirements-dev.txt
#   - then ruff check and ruff format --check (ruff.toml), and pytest
#   - a second one, .venv-oidc, with the OpenID Connect provider the sign-in tests start on loopback
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installerar chromium (Debian) för webbläsartesterna …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "Webbläsartesterna behöver Debians chromium: kör 'sudo apt-get install chromium' först." >&2
    exit 1
  fi
fi

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installerar postgresql (Debian) för användardatatesterna mot PostgreSQL …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "Testerna mot PostgreSQL behöver Debians postgresql: kör 'sudo apt-get install postgresql' först." >&2
    exit 1
  fi
fi

if [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installerar nginx (Debian) för testet med två instanser bakom en proxy …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
    pkill -x nginx || true  # the package may start its default site; the test starts its own on loopback
  else
    echo "Testet med två instanser behöver Debians nginx: kör 'sudo apt-get install nginx' först." >&2
    exit 1
  fi
fi

if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "Tillgänglighetstesterna behöver npm (axe-core): installera nodejs och npm först." >&2
    exit 1
  fi
fi
[ -f node_modules/axe-core/axe.min.js ] || npm ci --silent --no-audit --no-fund

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
[ -x .venv-oidc/bin/python ] || python3 -m venv .venv-oidc
.venv-oidc/bin/python -m pip install -q --disable-pip-version-check -r requirements-oidc.txt
# the linter and the formatter (ruff.toml) before the suite: a finding stops the run with ruff's own report
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# whole modules per worker (--dist loadfile): a module's server, browser and stores start once, not once per worker.
# Modules in the order they are collected (--no-loadscope-reorder): the browser modules, long but with few tests,
# come first; xdist's default order (most tests first) left them for the end, one worker running them alone.
exec .venv/bin/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder "$@"
