#!/usr/bin/env bash
# Install the Debian packages schedlab needs, skipping those already present.
# Runs apt-get as root (or through sudo). Safe to run again.
set -euo pipefail

packages=(
  # build, and the architecture check (scripts/check_layers.py: python3, pmccabe)
  g++ cmake ninja-build pkg-config python3 pmccabe
  # kernel and CLI
  libyaml-dev libfmt-dev libboost-program-options-dev nlohmann-json3-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # a real single-node Slurm for the sweep test (tests/slurm/run.sh; skipped without them)
  slurm-wlm munge
  # the visualizer, and running it headless in tests
  libsdl2-dev libimgui-dev libstb-dev xvfb xauth
  # rendering the HTML comparison report in headless Chromium (tests/html_report_test.cpp)
  chromium
  # the Python module (python/, docs/python.md): import schedlab, its tests and notebook
  python3-dev pybind11-dev python3-pybind11 python3-pytest python3-pandas python3-matplotlib
  python3-nbconvert python3-ipykernel
  # the fuzz targets (fuzz/): clang 14 and its libFuzzer / sanitizer runtimes
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo_cmd=()
elif command -v sudo >/dev/null; then
  sudo_cmd=(sudo)
else
  echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
