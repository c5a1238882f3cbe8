#!/usr/bin/env bash
# Event invocations across a crash of the host: sends N Event invocations, kill -9's `ember up`
# halfway through, starts it again on the same data dir, and counts what ran.
#   bench/events-crash/run.sh [N]            (default 200)
# Prints: acknowledged (202), ran at least once, lost, delivered more than once, redeliveries counted by the host.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-200}"
port=$(( 20000 + RANDOM % 20000 ))
data="$(mktemp -d /tmp/ember-events-crash-XXXXXX)"
out="$(mktemp -d /var/tmp/ember-events-crash-XXXXXX)"; chmod 1777 "$out"
acks="$data/acks"; : > "$acks"
start_host() {
  ./ember up -t bench/events-crash/template.yaml --port "$port" --api-port 0 --data-dir "$data/host" --no-auth --no-dynamodb --python-compat -q \
    > "$data/host-$1.log" 2>&1 &
  echo $! > "$data/pid"
  for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.1; done
  echo "the host did not start; see $data/host-$1.log" >&2; exit 1
}
send() {
  for i in $(seq 1 "$n"); do
    id=$(curl -s -D - -o /dev/null -X POST -H 'X-Amz-Invocation-Type: Event' -d "{\"dir\":\"$out\",\"i\":$i,\"seconds\":0.5}" \
      "http://127.0.0.1:$port/2015-03-31/functions/recorder/invocations" | tr -d '\r' | awk 'tolower($1)=="x-amzn-requestid:" {print $2}')
    [ -n "$id" ] && echo "$id" >> "$acks"
  done
}
start_host 1
send &
sender=$!
while [ "$(wc -l < "$acks")" -lt $(( n / 2 )) ]; do sleep 0.05; done
kill -9 "$(cat "$data/pid")"
wait "$sender" 2>/dev/null || true
acked=$(sort -u "$acks" | wc -l)
ran_before=$(ls "$out" | sed 's/\.[0-9]*$//' | sort -u | wc -l)
start_host 2
deadline=$(( $(date +%s) + 120 ))
while :; do
  ran=$(ls "$out" | sed 's/\.[0-9]*$//' | sort -u | comm -12 - <(sort -u "$acks") | wc -l)
  [ "$ran" -ge "$acked" ] || [ "$(date +%s)" -ge "$deadline" ] && break
  sleep 0.2
done
twice=$(ls "$out" | grep -c '\.1$' || true)
redeliveries=$(sqlite3 "$data/host/events.db" "SELECT COALESCE(SUM(redeliveries),0) FROM events")
kill "$(cat "$data/pid")" 2>/dev/null || true
wait 2>/dev/null || true
echo "acknowledged (202): $acked; ran before the kill: $ran_before; ran at least once after the restart: $ran; lost: $(( acked - ran ));" \
  "delivered twice: $twice; redeliveries counted by the host: $redeliveries"
rm -rf "$out"
