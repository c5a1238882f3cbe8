#!/usr/bin/env python3
"""Writes src/Ember.Lab/Data/published-init.json from one day's file of maxday/lambda-perf.

    python3 tools/published/maxday.py data/2026-08-22.json > src/Ember.Lab/Data/published-init.json

Keeps the zip, x86_64 rows of the runtimes the lab compares with (and Rust, the platform floor, and
Node.js, Java and shell, the AWS estimate's further calibration points), at every memory size the file has: acd (the average
Init Duration of the day's 10 forced cold starts), ad (the average Duration of those first
invocations) and mu (their average Max Memory Used), as the file has them.
"""
import json
import re
import sys

KEEP = {
    "go_on_provided_al2023": "go (prov.al2023)",
    "dotnet10_aot_on_provided_al2023": ".NET 10 Native AOT (prov.al2023)",
    "dotnet10": ".NET 10 managed",
    "python312": "python 3.12",
    "python313": "python 3.13",
    "python311": "python 3.11",
    "rust_on_provided_al2023": "rust (prov.al2023)",
    "nodejs22x": "node 22",
    "java21": "java 21",
    "java17": "java 17",
    "shell_on_provided_al2023": "shell (prov.al2023)",
}

LAB = [
    ("csharp-aot", "dotnet10_aot_on_provided_al2023", "published: .NET 10 AOT",
     "The same runtime as the lab's function: .NET 10 Native AOT on provided.al2023 (on Ember.Lambda here, on the AWS runtime client there)."),
    ("csharp-jit", "dotnet10", "published: .NET 10 managed",
     "The lab's function is the same C# code framework-dependent (JIT) on .NET 10; on AWS that is the managed dotnet10 runtime."),
    ("go", "go_on_provided_al2023", "published: Go (provided.al2023)",
     "The same runtime as the lab's function: a Go binary on provided.al2023."),
    ("python", "python312", "published: Python 3.12",
     "functions/telemetry/template.yaml declares Runtime: python3.12 for telemetry-python (locally it runs on the machine's python3)."),
]


def main(path):
    with open(path) as f:
        day = json.load(f)
    figures = {}
    for row in day["runtimeData"]:
        match = re.match(r"lambda-perf-(.+)-(zip|image)-(\d+)-(x86_64|arm64)$", row["r"])
        if not match:
            continue
        runtime, package, memory, arch = match.groups()
        if runtime not in KEEP or package != "zip" or arch != "x86_64":
            continue
        figures.setdefault(runtime, []).append({
            "memoryMb": int(memory),
            "initMs": row["acd"],
            "firstDurationMs": row["ad"],
            "maxMemoryUsedMb": row["mu"],
        })
    generated = day["metadata"]["generatedAt"]
    name = path.split("/")[-1]
    out = {
        "source": "maxday lambda-perf",
        "method": "the average Init Duration, first-invocation Duration and Max Memory Used of a day's 10 forced cold starts of a hello-world function per runtime",
        "url": "https://github.com/maxday/lambda-perf",
        "file": "data/" + name,
        "generatedAt": generated,
        "architecture": "x86_64",
        "package": "zip",
        "note": "initMs is the file's acd: the average Init Duration, from the REPORT lines of that day's 10 forced cold starts (each function freshly deployed from a zip, then invoked 10 times as cold starts); firstDurationMs is its ad, the average Duration of those first invocations (where a JIT runtime compiles the handler); maxMemoryUsedMb is its mu, the average Max Memory Used. All copied as the file has them, x86_64 zip rows only (the lab's functions are x86_64 zips). A published Init Duration includes the platform's own share of the init phase (the microVM's process start, paging the code in from the deployment package, its Runtime API), which a local host does not have: rust_on_provided_al2023, whose own start is next to nothing, is listed as that floor. Lambda's Init does not follow the memory size (the init phase is not held to the memory's CPU share), so a size missing here is read at the nearest size listed.",
        "platformFloor": "rust_on_provided_al2023",
        "runtimes": [
            {"id": runtime, "name": KEEP[runtime], "figures": sorted(figures[runtime], key=lambda f: f["memoryMb"])}
            for runtime in KEEP if runtime in figures
        ],
        "labRuntimes": [{"lab": lab, "published": published, "label": label, "why": why} for lab, published, label, why in LAB],
    }
    missing = [published for _, published, _, _ in LAB if published not in figures]
    if missing:
        sys.exit(f"{path}: no zip x86_64 rows for {', '.join(missing)}")
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
