#!/usr/bin/env bash
# Builds the cold-start contenders into $1 (default /tmp/ember-coldstart): hello-go, hello-dotnet as
# committed, and variants that each undo or change one setting, to show what each step buys.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-/tmp/ember-coldstart}"
mkdir -p "$out"
publish() { # name project extra-args...
  local name="$1" project="$2"; shift 2
  dotnet publish "$project" -r linux-x64 -c Release --artifacts-path "$out/.artifacts-$name" -o "$out/$name" -nologo -v quiet "$@" >/dev/null
  echo "built $name: $(stat -c %s "$out/$name/bootstrap") bytes"
}
(cd "$root/examples/hello-go" && CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -trimpath -ldflags "-s -w" -o "$out/hello-go/bootstrap" .)
echo "built hello-go: $(stat -c %s "$out/hello-go/bootstrap") bytes"
publish aot "$root/examples/hello-dotnet"
publish aot-defaults "$root/examples/hello-dotnet" -p:OptimizationPreference= -p:UseSystemResourceKeys=false -p:EventSourceSupport=true -p:StripSymbols=false -p:ConcurrentGarbageCollection=true
publish aot-speed "$root/examples/hello-dotnet" -p:OptimizationPreference=Speed
publish aot-concgc "$root/examples/hello-dotnet" -p:ConcurrentGarbageCollection=true
publish aot-httpclient "$root/bench/lambda-coldstart/httpclient-probe"
dotnet publish "$root/examples/hello-dotnet" -c Release -r linux-x64 --self-contained false -p:PublishAot=false -p:UseAppHost=false \
  --artifacts-path "$out/.artifacts-jit" -o "$out/jit" -nologo -v quiet >/dev/null
printf '#!/bin/sh\nexec dotnet "$(dirname "$0")/bootstrap.dll"\n' > "$out/jit/bootstrap" && chmod +x "$out/jit/bootstrap"
echo "built jit"
