#!/usr/bin/env bash
# The Python runtime receiving a large event: the Duration of a fresh environment's first
# invocation against the median of its next warm ones, at 128 MB and 1,769 MB, from the REPORT
# lines (X-Amz-Log-Type: Tail). Receiving is linear in the event's size, so the first should cost
# about what a warm one does (issue target: at most 3x).
# Usage: bench/python-large-event/run.sh [event-megabytes=5] [warm-invocations=9]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mb="${1:-5}"
warm="${2:-9}"
port=9303
work="$(mktemp -d)"
python3 -c "import json, sys; sys.stdout.write(json.dumps('x' * ($mb * 1024 * 1024)))" > "$work/event.json"
"$root/ember" up --template "$here/template.yaml" --port "$port" --data-dir "$work/data" --quiet --no-auth > "$work/host.log" 2>&1 &
host=$!
trap 'kill -TERM $host 2>/dev/null; wait $host 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

duration() {  # the Duration of one invocation of $1, in ms
  curl -s -D - -o /dev/null -H 'X-Amz-Log-Type: Tail' --data-binary @"$work/event.json" \
      "http://127.0.0.1:$port/2015-03-31/functions/$1/invocations" \
    | awk -F': ' 'tolower($1)=="x-amz-log-result"{print $2}' | tr -d '\r' | base64 -d \
    | grep -o 'Duration: [0-9.]* ms' | head -1 | awk '{print $2}'
}
echo "machine: $(nproc) cores, $(date -u '+%F %H:%M') UTC, commit $(git -C "$root" rev-parse --short HEAD), event ${mb} MB, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-11s %12s %18s %8s\n' function "first (ms)" "warm median (ms)" ratio
for f in event-128 event-1769; do
  first=$(duration "$f")
  median=$(for _ in $(seq 1 "$warm"); do duration "$f"; done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-11s %12s %18s %7.2fx\n' "$f" "$first" "$median" "$(echo "$first $median" | awk '{print $1/$2}')"
done
