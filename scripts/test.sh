#!/usr/bin/env bash
# Every test edgepurge has, from a fresh clone: unit, property, demo-account, CLI and benchmark
# smoke tests. Set-up that tests need is done here, so this one command is enough.
set -euo pipefail
cd "$(dirname "$0")/.."

# One debug build of every test target; benchmarks run once each as smoke tests.
cargo test --all-targets --locked "$@"
