#!/usr/bin/env bash
# Measures the calibration points of the lab's AWS estimate on this machine and writes them to
# src/Ember.Lab/Data/aws-estimate.json (docs/lab.md, "The AWS estimate"):
#   - the lab's four runtimes (their telemetry functions at 100 events), and
#   - hello-world custom runtimes in Rust, Node.js, Java and shell (tools/estimate/template.yaml),
# each cold-started 10 times at 512 MB by `ember lab`, which records Init Duration, the first
# invocation's Duration, Max Memory Used and the memory held when init ended.
# Needs rustc and a JDK (javac) besides what the lab needs. Usage: tools/estimate/calibrate.sh [COLD_STARTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
cold="${1:-10}"
out="$(mktemp -d /tmp/ember-estimate-XXXXXX)"
rustc -O -C strip=symbols -o tools/estimate/hello-rust/bootstrap tools/estimate/hello-rust/main.rs
javac -d tools/estimate/hello-java tools/estimate/hello-java/Hello.java
echo '{}' > "$out/empty.json"
./ember lab --sizes 100 --memory 512 --cold "$cold" -n 20 -c 1 --out "$out/lab"
./ember lab --template tools/estimate/template.yaml --function hello-rust --function hello-node --function hello-java \
  --function hello-shell --payload "$out/empty.json" --memory 512 --cold "$cold" -n 20 -c 1 --out "$out/hello"
python3 tools/estimate/points.py "$out/lab/results.csv" "$out/hello/results.csv" "$cold" > src/Ember.Lab/Data/aws-estimate.json
echo "wrote src/Ember.Lab/Data/aws-estimate.json (runs in $out)"
