#!/usr/bin/env bash
# edgepurge's CLI against the AWS CLI, side by side on one moto server: listing 2,000
# invalidations, and creating one. Prints each run, the medians and the ratios
# (edgepurge / aws; the goal is 0.25 or less).
#
#   scripts/measure-cli.sh [RUNS]      (default 7 runs of each command)
#
# Uses moto and the AWS CLI that scripts/test.sh installs in target/moto-venv (run it once
# first), and target/release/edgepurge (built when missing; EDGEPURGE_BIN overrides).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-7}
VENV=target/moto-venv
if [[ ! -x "$VENV/bin/moto_server" || ! -x "$VENV/bin/aws" ]]; then
    echo "measure-cli.sh: no moto in $VENV; run scripts/test.sh once (it installs moto and the AWS CLI)" >&2
    exit 1
fi
BIN=${EDGEPURGE_BIN:-target/release/edgepurge}
if [[ ! -x "$BIN" ]]; then
    echo "measure-cli.sh: building $BIN (cargo build --release)" >&2
    cargo build --release --locked
fi

# moto on a free loopback port, stopped however this script ends.
PORT=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT" >target/moto-measure.log 2>&1 &
MOTO_PID=$!
trap 'kill "$MOTO_PID" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    if "$VENV/bin/python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/moto-api/', timeout=1)" 2>/dev/null; then
        break
    fi
    sleep 0.2
done

# Dummy credentials only, and no profile or config file of the user's, for both tools.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_SESSION_TOKEN

MOTO_URL="http://127.0.0.1:$PORT" EDGEPURGE="$BIN" AWS_CLI="$VENV/bin/aws" RUNS="$RUNS" \
    "$VENV/bin/python" - <<'PY'
import json, os, statistics, subprocess, time

import boto3

url, edgepurge, aws, runs = os.environ["MOTO_URL"], os.environ["EDGEPURGE"], os.environ["AWS_CLI"], int(os.environ["RUNS"])
cf = boto3.client("cloudfront", endpoint_url=url)
dist = cf.create_distribution(DistributionConfig={
    "CallerReference": f"measure-{time.time_ns()}", "Comment": "edgepurge measure", "Enabled": True,
    "Origins": {"Quantity": 1, "Items": [{"Id": "o", "DomainName": "origin.example.com",
        "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}]},
    "DefaultCacheBehavior": {"TargetOriginId": "o", "ViewerProtocolPolicy": "redirect-to-https",
        "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
})["Distribution"]["Id"]
for n in range(2000):
    cf.create_invalidation(DistributionId=dist, InvalidationBatch={
        "Paths": {"Quantity": 1, "Items": [f"/measure/{n}"]}, "CallerReference": f"measure-{n}"})

pairs = {
    "list 2,000 invalidations": (
        [edgepurge, "--endpoint-url", url, "invalidations", dist, "--all", "--json"],
        [aws, "--endpoint-url", url, "cloudfront", "list-invalidations", "--distribution-id", dist],
    ),
    "create one invalidation": (
        [edgepurge, "--endpoint-url", url, "purge", dist, "/a", "/b", "--yes", "--json"],
        [aws, "--endpoint-url", url, "cloudfront", "create-invalidation", "--distribution-id", dist, "--paths", "/a", "/b"],
    ),
}

def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    took = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({out.returncode}): {out.stderr.decode()}")
    return took, out.stdout

# Both list all 2,000 before anything is timed.
listed = json.loads(subprocess.run(pairs["list 2,000 invalidations"][0], stdout=subprocess.PIPE, check=True).stdout)
assert len(listed) == 2000, len(listed)
listed = json.loads(subprocess.run(pairs["list 2,000 invalidations"][1], stdout=subprocess.PIPE, check=True).stdout)
assert len(listed["InvalidationList"]["Items"]) == 2000, len(listed["InvalidationList"]["Items"])

print(f"moto {url}, distribution {dist}, {runs} runs each, alternating\n")
ratios = []
for name, (ours, theirs) in pairs.items():
    a, b = [], []
    for _ in range(runs):
        a.append(timed(ours)[0])
        b.append(timed(theirs)[0])
    ma, mb = statistics.median(a), statistics.median(b)
    ratios.append(ma / mb)
    print(name)
    print("  edgepurge: " + " ".join(f"{t*1000:.0f}" for t in a) + f" ms; median {ma*1000:.0f} ms")
    print("  aws:       " + " ".join(f"{t*1000:.0f}" for t in b) + f" ms; median {mb*1000:.0f} ms")
    print(f"  ratio {ma/mb:.3f} ({'meets' if ma/mb <= 0.25 else 'misses'} the goal of 0.25)\n")
    print("  $ " + " ".join(ours[:1] + ["--endpoint-url", "URL"] + ours[3:]))
    print("  $ " + " ".join(theirs[:1] + ["--endpoint-url", "URL"] + theirs[3:]) + "\n")
PY
