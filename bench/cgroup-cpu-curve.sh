#!/usr/bin/env bash
# Environment fidelity: a CPU-bound process's duration at 128…3008 MB against Lambda's proportional
# curve (1769 MB = 1 vCPU), and the cost of one freeze+thaw cycle. Needs root and cgroups for the
# curve; python3 on PATH. Usage: bench/cgroup-cpu-curve.sh [repetitions=3] [freeze-cycles=500]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/Ember.Benchmarks" -- fidelity "$@"
