#!/usr/bin/env bash
# Every test edgepurge has, from a fresh clone: unit, property, demo-account, AWS-backend (mocked,
# replayed, and against a local moto server), CLI and benchmark smoke tests. Set-up that tests
# need is done here, so this one command is enough.
set -euo pipefail
cd "$(dirname "$0")/.."

# moto (a local emulator of CloudFront) and the AWS CLI, pinned, in a virtualenv under target/.
# Installed once; a second run finds them and goes straight on.
MOTO_VERSION=5.2.5
AWSCLI_VERSION=1.46.3
VENV=target/moto-venv
PINS="moto[server]==$MOTO_VERSION awscli==$AWSCLI_VERSION"
if [[ "$(cat "$VENV/edgepurge-pins" 2>/dev/null)" != "$PINS" ]]; then
    echo "test.sh: installing $PINS into $VENV" >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV" || {
        echo "test.sh: python3 -m venv failed; install Python 3 with venv (Debian: apt-get install python3-venv)" >&2
        exit 1
    }
    # shellcheck disable=SC2086 # the pins are separate words on purpose
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $PINS
    echo "$PINS" >"$VENV/edgepurge-pins"
fi

# moto on a free loopback port, stopped however this script ends.
PORT=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT" >target/moto.log 2>&1 &
MOTO_PID=$!
trap 'kill "$MOTO_PID" 2>/dev/null || true' EXIT
ready=false
for _ in $(seq 100); do
    if "$VENV/bin/python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/moto-api/', timeout=1)" 2>/dev/null; then
        ready=true
        break
    fi
    if ! kill -0 "$MOTO_PID" 2>/dev/null; then
        echo "test.sh: moto_server stopped; its log:" >&2
        cat target/moto.log >&2
        exit 1
    fi
    sleep 0.2
done
if ! $ready; then
    echo "test.sh: moto_server did not answer on port $PORT; its log is target/moto.log" >&2
    exit 1
fi

# The moto tests read these; they give the emulator dummy credentials themselves, to the
# processes they start, never the user's.
export EDGEPURGE_MOTO_URL="http://127.0.0.1:$PORT"
export EDGEPURGE_AWS_CLI="$PWD/$VENV/bin/aws"

# One debug build of every test target; benchmarks run once each as smoke tests. Arguments
# that choose targets (--test NAME, --lib, ...) choose alone: cargo lets --all-targets
# override them, which would run everything.
targets=(--all-targets)
for arg in "$@"; do
    case "$arg" in
    --) break ;;
    --lib | --bins | --bin | --bin=* | --tests | --test | --test=* | --benches | --bench | --bench=* | --examples | --example | --example=* | --doc)
        targets=()
        break
        ;;
    esac
done
cargo test "${targets[@]}" --locked "$@"
