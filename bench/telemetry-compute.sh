#!/usr/bin/env bash
# The telemetry workload's in-process compute, C# / Go / Python side by side: for each reference
# size, the Function URL event bytes go in and the response bytes come out, median of N runs.
# C# twice: Native AOT (x86-64-v3, as the function ships) and JIT (after a tiering warm-up);
# Go after one warm-up call; Python through timeit, json.loads of the event and json.dumps of the
# response included, as its bootstrap does them. MB/s is event bytes over C# AOT time.
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
dotnet publish "$root/bench/Ember.Telemetry.AotCompute" -c Release -r linux-x64 -o "$tmp/aot" --nologo -v q -clp:ErrorsOnly >&2
"$root/ember" --help >/dev/null

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

printf '%-7s %9s %9s %9s %9s %10s %8s %8s %9s\n' events event_KB aot_ms jit_ms go_ms python_ms go/aot py/aot aot_MB/s
for n in $sizes; do
  event="$tmp/event-$n.json"
  "$root/ember" payload --events "$n" --function-url-event --out "$event"
  bytes=$(stat -c %s "$event")
  aot=$("$tmp/aot/Ember.Telemetry.AotCompute" "$event" "$runs")
  cs=$("$root/ember" telemetry-compute --event "$event" --runs "$runs")
  go=$("$tmp/bootstrap" --bench "$event" -n "$runs")
  py=$(cd "$root" && python_median "$event")
  awk -v n="$n" -v b="$bytes" -v aot="$aot" -v cs="$cs" -v go="$go" -v py="$py" 'BEGIN {
    printf "%-7d %9.0f %9.3f %9.3f %9.3f %10.3f %8.1f %8.1f %9.0f\n", n, b / 1024, aot, cs, go, py, go / aot, py / aot, b / 1e6 / (aot / 1e3) }'
done
