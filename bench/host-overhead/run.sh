#!/usr/bin/env bash
# Host overhead on a warm invocation through a Function URL, with a function that does nothing:
# latency percentiles and invocations per second at 1, 4 and 16 concurrent clients (hey), next to
# the functions' own Duration from the REPORT records, so the difference is Ember's share; and, at each
# level in the same run, a Go net/http server that echoes the body (one HTTP hop), with Ember's rate as
# a ratio of it (issue 18: at least 0.4x at 1 client, 0.3x at 16).
# Usage: bench/host-overhead/run.sh [requests-per-level]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-20000}"
port=9301
data="$(mktemp -d)"
mkdir -p "$here/.build"
(cd "$here/noop" && CGO_ENABLED=0 go build -o "$here/.build/bootstrap" main.go)
(cd "$here/echo" && CGO_ENABLED=0 go build -o "$here/.build/echo" main.go)
echo_port=9302
"$here/.build/echo" "$echo_port" &
echo_server=$!

"$root/ember" up --template "$here/template.yaml" --port "$port" --data-dir "$data" --quiet --concurrency 1000 > "$data/host.log" 2>&1 &
host=$!
trap 'kill -TERM $host $echo_server 2>/dev/null; wait $host 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/lambda-url/noop/"

hey -n 2000 -c 16 -m POST -d '{}' "$url" >/dev/null   # warm-up: environments for 16 clients
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), $(date -u +%F)"
hostpid=$(pgrep -P "$host" -f "ember up" | head -1 || true)
hostpid=${hostpid:-$host}
cpu() { awk '{print $14+$15}' "/proc/$hostpid/stat"; }   # user+system ticks (1/100 s)
hey -n 2000 -c 16 -m POST -d '{}' "http://127.0.0.1:$echo_port/" >/dev/null
for c in 1 4 16; do
  echo_rps=$(hey -n "$n" -c "$c" -m POST -d '{}' "http://127.0.0.1:$echo_port/" | awk '/Requests\/sec/{print $2}')
  since=$(date -u +%Y-%m-%dT%H:%M:%S)
  before=$(cpu)
  out=$(hey -n "$n" -c "$c" -m POST -d '{}' "$url")
  after=$(cpu)
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '/50% in/{print $3*1000}')
  p99=$(echo "$out" | awk '/99% in/{print $3*1000}')
  sleep 1
  own=$(sqlite3 "$data/invocations.db" "select duration_ms from invocations where function='noop' and started_at >= '$since' order by duration_ms" \
    | awk '{a[NR]=$1} END {printf "%.3f %.3f", a[int(NR*0.5)], a[int(NR*0.99)]}')
  echo "c=$c  requests/s=$rps  client p50=${p50}ms p99=${p99}ms  function Duration p50/p99 (ms)=$own  host CPU/invocation=$(( (after - before) * 10000 / n )) us  Go echo server=$echo_rps/s  Ember/echo=$(echo "scale=2; $rps / $echo_rps" | bc)x"
done
