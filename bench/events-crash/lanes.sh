#!/usr/bin/env bash
# One function's backlog against another function's event: 20 Event invocations of `recorder` that take
# 40 s each, then one of `other`; prints how long `other`'s event waited from its 202 to its handler starting
# (Lambda: each function has its own queue, so about a cold start).
#   bench/events-crash/lanes.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
port=$(( 20000 + RANDOM % 20000 ))
data="$(mktemp -d /tmp/ember-events-lanes-XXXXXX)"
out="$(mktemp -d /var/tmp/ember-events-lanes-XXXXXX)"; chmod 1777 "$out"
./ember up -t bench/events-crash/template.yaml --port "$port" --api-port 0 --data-dir "$data" --no-auth --no-dynamodb --python-compat -q > "$data/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
send() { curl -s -o /dev/null -X POST -H 'X-Amz-Invocation-Type: Event' -d "$2" "http://127.0.0.1:$port/2015-03-31/functions/$1/invocations"; }
for i in $(seq 1 20); do send recorder "{\"dir\":\"$out\",\"seconds\":40}"; done
sleep 2   # let the 20 slow ones start (this is the backlog, not a measurement)
mkdir -m 1777 "$out/other"
start=$(date +%s.%N)
send other "{\"dir\":\"$out/other\",\"seconds\":0}"
while [ -z "$(ls "$out/other")" ]; do sleep 0.01; done
end=$(date +%s.%N)
echo "other's event waited $(echo "$end - $start" | bc) s from its 202 to its handler, behind $(ls "$out" | grep -vc other) running slow events of recorder"
