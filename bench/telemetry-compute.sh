#!/usr/bin/env bash
# The telemetry workload's in-process compute, C# / Go / Python side by side: for each reference
# size, the Function URL event bytes go in and the response bytes come out, median of N runs
# (C# after a JIT warm-up; Go after one warm-up call; Python through timeit, json.loads of the
# event and json.dumps of the response included, as its bootstrap would do them).
#
#   bench/telemetry-compute.sh            # 15 runs per size
#   RUNS=31 bench/telemetry-compute.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-15}"
sizes="${SIZES:-100 1000 5000 10000 20000}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$root/functions/telemetry/go" && go build -o "$tmp/bootstrap" .)

python_median() {
  python3 - "$1" "$runs" <<'PY'
import json, statistics, sys, timeit
sys.path.insert(0, "functions/telemetry/python")
import app
raw = open(sys.argv[1], "rb").read()
def once():
    json.dumps(app.handler(json.loads(raw), None)).encode()
once()
print(f"{statistics.median(timeit.repeat(once, number=1, repeat=int(sys.argv[2]))) * 1000:.3f}")
PY
}

printf '%-7s %10s %10s %10s %9s %9s %9s %12s\n' events event_KB csharp_ms go_ms python_ms go/cs py/cs cs_MB/s
for n in $sizes; do
  event="$tmp/event-$n.json"
  "$root/ember" payload --events "$n" --function-url-event --out "$event"
  bytes=$(stat -c %s "$event")
  cs=$("$root/ember" telemetry-compute --event "$event" --runs "$runs")
  go=$("$tmp/bootstrap" --bench "$event" -n "$runs")
  py=$(cd "$root" && python_median "$event")
  awk -v n="$n" -v b="$bytes" -v cs="$cs" -v go="$go" -v py="$py" 'BEGIN {
    printf "%-7d %10.0f %10.3f %10.3f %9.3f %9.1f %9.1f %12.0f\n", n, b / 1024, cs, go, py, go / cs, py / cs, b / 1e6 / (cs / 1e3) }'
done
