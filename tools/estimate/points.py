#!/usr/bin/env python3
"""Turns the cold rows of two `ember lab` runs (tools/estimate/calibrate.sh) into the calibration points of
the lab's AWS estimate, src/Ember.Lab/Data/aws-estimate.json, with the machine, date and commit they
were measured on. Each point names the published runtime (published-init.json) it is set against."""
import csv
import datetime
import json
import os
import platform
import subprocess
import sys

# The published runtime of each calibration point: the lab's mapping for its own runtimes; for the
# hello runtimes, the published runtime in the same language (the JDK here is 17; Node is 20, the
# table's nearest is 22).
PUBLISHED = {
    "csharp-aot": "dotnet10_aot_on_provided_al2023",
    "csharp-jit": "dotnet10",
    "go": "go_on_provided_al2023",
    "python": "python312",
    "hello-rust": "rust_on_provided_al2023",
    "hello-node": "nodejs22x",
    "hello-java": "java17",
    "hello-shell": "shell_on_provided_al2023",
}


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    memory = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    return f"{os.cpu_count()} cores ({cpu}), {memory / 1024 / 1024:.0f} GiB, {platform.system()} {platform.release()}"


def main(lab_csv, hello_csv, cold):
    points = []
    for path in (lab_csv, hello_csv):
        for row in csv.DictReader(open(path)):
            if row["phase"] != "cold" or row["runtime"] not in PUBLISHED:
                continue
            points.append({
                "id": row["runtime"],
                "published": PUBLISHED[row["runtime"]],
                "initMs": round(float(row["init_duration_avg_ms"]), 2),
                "firstDurationMs": round(float(row["server_duration_avg_ms"]), 2),
                "maxMemoryUsedMb": round(float(row["max_memory_used_mb"]), 1),
                "residentFileMb": round(float(row["init_resident_file_mb"]), 2),
                "residentAnonymousMb": round(float(row["init_resident_anon_mb"]), 2),
            })
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    out = {
        "measuredAt": datetime.date.today().isoformat(),
        "machine": machine(),
        "commit": commit,
        "command": f"tools/estimate/calibrate.sh {cold}",
        "memoryMb": 512,
        "coldStarts": int(cold),
        "note": "Each point is one function's average over its cold starts on Ember's local host at 512 MB: Init Duration, the first invocation's Duration, Max Memory Used, and the file-backed and anonymous memory its processes held when init ended. The lab's own runtimes are measured through their telemetry functions at 100 events; the others are hello-world custom runtimes with their language's standard library only (tools/estimate).",
        "points": points,
    }
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
