#!/usr/bin/env bash
# Creates (idempotently) a separate virtual environment with the peer Persian normalizers
# (hazm, rishe, parsivar) used by the ZWNJ restoration benchmark (bench/zwnj_bench.py).
# They live apart from hamsu's own environment because hazm pins numpy 1.24.
#
# usage: bash bench/peers_env.sh            # venv at bench/.peers-venv
#        PEERS_VENV=/some/dir bash bench/peers_env.sh
#        PYTHON=python3.11 bash bench/peers_env.sh
# A peer that fails to install is reported with a warning; the others are still installed.
# Exit status: 0 if the venv exists afterwards (even with failed peers), 1 if it could not be made.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${PEERS_VENV:-$here/.peers-venv}"
py="${PYTHON:-python3}"
peers=(hazm rishe parsivar)

# pip -q, minus the per-package "Location 'file:///...' is ignored" lines that a find-links/extra-index
# entry pointing at a missing folder makes pip print; pip's exit status is kept.
pipq() {
    "$@" 2> >(grep -v "^WARNING: Location '.*' is ignored" >&2)
}

if [ ! -x "$venv/bin/python" ]; then
    echo "peers_env: creating venv $venv" >&2
    if ! "$py" -m venv "$venv"; then
        echo "peers_env: ERROR: could not create venv at $venv with $py" >&2
        exit 1
    fi
    pipq "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip setuptools wheel \
        || echo "peers_env: WARNING: could not upgrade pip/setuptools/wheel; continuing" >&2
fi
vpy="$venv/bin/python"

failed=()
for p in "${peers[@]}"; do
    mod="$p"
    if "$vpy" -c "import $mod" >/dev/null 2>&1; then
        continue   # already installed and importable
    fi
    echo "peers_env: installing $p" >&2
    if ! pipq "$vpy" -m pip install -q --disable-pip-version-check "$p"; then
        echo "peers_env: WARNING: pip could not install '$p'; skipping it" >&2
        failed+=("$p"); continue
    fi
    if ! "$vpy" -c "import $mod" >/dev/null 2>&1; then
        echo "peers_env: WARNING: '$p' installed but 'import $mod' fails:" >&2
        "$vpy" -c "import $mod" 2>&1 | tail -3 | sed 's/^/    /' >&2
        failed+=("$p")
    fi
done

for p in "${peers[@]}"; do
    v="$("$vpy" -m pip show "$p" 2>/dev/null | sed -n 's/^Version: //p')"
    echo "peers_env: $p ${v:-not installed}" >&2
done
if [ "${#failed[@]}" -gt 0 ]; then
    echo "peers_env: WARNING: unavailable peers: ${failed[*]}" >&2
fi
exit 0
