#!/usr/bin/env bash
# The host's resident memory under the published load: the reference workload's largest body
# (20,000 events, about 1.6 MB) POSTed to the Go telemetry function (512 MB) through its Function
# URL by `hey -c 20`, measured after every block of requests and again after the host idled.
# Usage: bench/host-memory/run.sh [total-requests] [block]   (defaults: 3000 and 500)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
total="${1:-3000}"
block="${2:-500}"
port=9311
data="$(mktemp -d)"
"$root/ember" payload --events 20000 --out "$data/body.json" >/dev/null

"$root/ember" up --template "$root/functions/telemetry/template.yaml" --port "$port" --data-dir "$data/host" --quiet > "$data/host.log" 2>&1 &
host=$!
trap 'kill -TERM $host 2>/dev/null; wait $host 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.25; done
curl -sf "http://127.0.0.1:$port/" >/dev/null || { echo "the host did not start:"; cat "$data/host.log"; exit 1; }
url="http://127.0.0.1:$port/lambda-url/telemetry-go/"
hostpid=$(pgrep -P "$host" -f "ember" | head -1 || true)
hostpid=${hostpid:-$host}
rss() { awk '/^VmRSS:/{printf "%.0f", $2/1024}' "/proc/$hostpid/status"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), $(date -u +%F), commit $(git -C "$root" rev-parse --short HEAD)"
echo "body: $(stat -c %s "$data/body.json") bytes; function: telemetry-go, 512 MB; clients: 20"
printf "%10s %10s\n" requests "RSS (MB)"
printf "%10s %10s\n" 0 "$(rss)"
done_n=0
while [ "$done_n" -lt "$total" ]; do
  hey -n "$block" -c 20 -m POST -T application/json -D "$data/body.json" "$url" > "$data/hey.txt"
  grep -q '\[200\]' "$data/hey.txt" || { echo "requests failed:"; cat "$data/hey.txt"; exit 1; }
  done_n=$((done_n + block))
  printf "%10s %10s\n" "$done_n" "$(rss)"
done
# Idle: no requests for a while (the host's own timers and the GC may give memory back).
for _ in 1 2 3 4 5 6; do sleep 5; done
printf "%10s %10s\n" "idle 30 s" "$(rss)"
