#!/usr/bin/env bash
# Host overhead on a warm invocation through a Function URL, with a function that does nothing:
# latency percentiles and invocations per second at 1, 4 and 16 concurrent clients (hey), next to
# the functions' own Duration from the REPORT records, so the difference is Ember's share; and, at each
# level in the same run, a Go net/http server that echoes the body (one HTTP hop), with Ember's rate as
# a ratio of it (issue 18: at least 0.4x at 1 client, 0.3x at 16); and the same function behind the least a host
# can do (minimal-host), with Ember's rate as a ratio of that ceiling. The CPU columns split each invocation's
# cost between the host, the functions and the rest of the machine (hey, the kernel).
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
(cd "$here/minimal-host" && CGO_ENABLED=0 go build -o "$here/.build/minimal-host" main.go)
echo_port=9302
"$here/.build/echo" "$echo_port" &
echo_server=$!
# The same no-op function behind the least a host can do (minimal-host: two HTTP exchanges, nothing else),
# 16 runtime processes as Ember starts for 16 clients: the ceiling this function and machine allow.
minimal_port=9303
"$here/.build/minimal-host" "$minimal_port" 9304 &
minimal=$!
runtimes=()
for _ in $(seq 1 16); do
  AWS_LAMBDA_RUNTIME_API=127.0.0.1:9304 "$here/.build/bootstrap" &
  runtimes+=($!)
done

"$root/ember" up --template "$here/template.yaml" --port "$port" --data-dir "$data" --quiet --concurrency 1000 > "$data/host.log" 2>&1 &
host=$!
trap 'kill -TERM $host $echo_server $minimal "${runtimes[@]}" 2>/dev/null; wait $host 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/lambda-url/noop/"

hey -n 2000 -c 16 -m POST -d '{}' "$url" >/dev/null   # warm-up: environments for 16 clients
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), $(date -u +%F)"
hostpid=$(pgrep -P "$host" -f "ember up" | head -1 || true)
hostpid=${hostpid:-$host}
cpu() { awk '{print $14+$15}' "/proc/$hostpid/stat"; }   # user+system ticks (1/100 s)
# The no-op functions' own CPU, and the whole machine's: what a host that cost nothing would still leave.
fcpu() { for p in $(pgrep -f "$here/.build/bootstrap"); do awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null; done | awk '{s+=$1} END {print s+0}'; }
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }
hey -n 2000 -c 16 -m POST -d '{}' "http://127.0.0.1:$echo_port/" >/dev/null
hey -n 2000 -c 16 -m POST -d '{}' "http://127.0.0.1:$minimal_port/" >/dev/null
for c in 1 4 16; do
  echo_rps=$(hey -n "$n" -c "$c" -m POST -d '{}' "http://127.0.0.1:$echo_port/" | awk '/Requests\/sec/{print $2}')
  minimal_rps=$(hey -n "$n" -c "$c" -m POST -d '{}' "http://127.0.0.1:$minimal_port/" | awk '/Requests\/sec/{print $2}')
  since=$(date -u +%Y-%m-%dT%H:%M:%S)
  before=$(cpu); fbefore=$(fcpu); bbefore=$(busy)
  out=$(hey -n "$n" -c "$c" -m POST -d '{}' "$url")
  after=$(cpu); fafter=$(fcpu); bafter=$(busy)
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '/50% in/{print $3*1000}')
  p99=$(echo "$out" | awk '/99% in/{print $3*1000}')
  sleep 1
  own=$(sqlite3 "$data/invocations.db" "select duration_ms from invocations where function='noop' and started_at >= '$since' order by duration_ms" \
    | awk '{a[NR]=$1} END {printf "%.3f %.3f", a[int(NR*0.5)], a[int(NR*0.99)]}')
  echo "c=$c  requests/s=$rps  client p50=${p50}ms p99=${p99}ms  function Duration p50/p99 (ms)=$own  host CPU/invocation=$(( (after - before) * 10000 / n )) us  functions CPU/invocation=$(( (fafter - fbefore) * 10000 / n )) us  machine busy/invocation=$(( (bafter - bbefore) * 10000 / n )) us  Go echo server=$echo_rps/s  Ember/echo=$(echo "scale=2; $rps / $echo_rps" | bc)x  minimal host=$minimal_rps/s  Ember/minimal=$(echo "scale=2; $rps / $minimal_rps" | bc)x"
done
