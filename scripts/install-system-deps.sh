#!/usr/bin/env bash
# Install the Debian packages given as arguments, but only those that are missing.
#
#   scripts/install-system-deps.sh python3-venv gettext poppler-utils ...
#
# As root: `apt-get update` (only when something is missing), then
# `apt-get install -y --no-install-recommends` the missing packages.
# Not root: print what is missing and carry on (exit 0), so `make` still works on a prepared machine.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 PACKAGE..." >&2
    exit 2
fi

is_installed() {
    # `dpkg -s` also succeeds for removed packages whose config files remain, so check the status line.
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

if ! command -v dpkg >/dev/null 2>&1; then
    echo "install-system-deps: not a Debian/Ubuntu system; make sure these are installed: $*" >&2
    exit 0
fi

missing=()
for package in "$@"; do
    if ! is_installed "$package"; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: missing Debian packages: ${missing[*]}" >&2
    echo "install-system-deps: install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    echo "install-system-deps: continuing without them." >&2
    exit 0
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
