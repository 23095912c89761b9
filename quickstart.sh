#!/usr/bin/env bash
# One command from a fresh clone to a result: install what is missing, build a Release
# build, and compare every built-in policy on the bundled default workload.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/cli/schedlab compare workloads/default.yaml "$@"
