#!/usr/bin/env python3
"""Cold start of Lambda custom-runtime executables: process start to their first /next call.

Serves a tiny fake Runtime API on 127.0.0.1, starts each bootstrap N times (interleaved, so both see
the same machine load), and times from just before spawn to the arrival of GET /next. With --check
it also sends {"name":"x"} and {"fail":true} and prints what came back.

    python3 bench/lambda-coldstart/coldstart.py --runs 200 hello-go=/tmp/go/bootstrap hello-dotnet=/tmp/net/bootstrap
"""
import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None, None, None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        rest += conn.recv(65536)
    return method, path, (headers, rest[:length])


def send(conn, status, body=b"", headers=None):
    reason = {200: "OK", 202: "Accepted"}.get(status, "X")
    head = f"HTTP/1.1 {status} {reason}\r\nContent-Length: {len(body)}\r\n"
    for name, value in (headers or {}).items():
        head += f"{name}: {value}\r\n"
    conn.sendall(head.encode() + b"\r\n" + body)


def event_headers(request_id):
    return {
        "Lambda-Runtime-Aws-Request-Id": request_id,
        "Lambda-Runtime-Deadline-Ms": str(int(time.time() * 1000) + 10000),
        "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:000000000000:function:hello",
        "Lambda-Runtime-Trace-Id": "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0",
        "Content-Type": "application/json",
    }


def start(path, port, quiet=True):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{port}",
        "AWS_LAMBDA_FUNCTION_NAME": "hello",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "TZ": ":UTC",
    }
    return subprocess.Popen([path], env=env, stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.DEVNULL if quiet else None)


def cold_start(path, listener, port):
    t0 = time.perf_counter_ns()
    proc = start(path, port)
    conn, _ = listener.accept()
    method, request_path, _ = read_request(conn)
    t1 = time.perf_counter_ns()
    assert method == "GET" and request_path.endswith("/invocation/next"), (method, request_path)
    proc.kill()  # before closing: an HTTP client may retry /next on a new connection
    proc.wait()
    conn.close()
    return (t1 - t0) / 1e6


def check(path, listener, port):
    proc = start(path, port, quiet=False)
    conn, _ = listener.accept()
    results = []
    for i, event in enumerate([b'{"name":"x"}', b'{"fail":true}']):
        method, request_path, _ = read_request(conn)
        assert request_path.endswith("/next"), request_path
        send(conn, 200, event, event_headers(f"req-{i}"))
        method, request_path, (headers, body) = read_request(conn)
        results.append((request_path, headers.get("lambda-runtime-function-error-type"), body.decode()))
        send(conn, 202, b'{"status":"OK"}')
    read_request(conn)  # the third /next: proves the connection was kept alive
    proc.kill()  # before closing: an HTTP client may retry /next on a new connection
    proc.wait()
    conn.close()
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("functions", nargs="+", help="name=path/to/bootstrap")
    args = parser.parse_args()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    functions = [f.split("=", 1) for f in args.functions]
    if args.check:
        for name, path in functions:
            for row in check(path, listener, port):
                print(name, *row)
        return
    samples = {name: [] for name, _ in functions}
    for name, path in functions:  # warm the page cache once each
        cold_start(path, listener, port)
    for _ in range(args.runs):
        order = functions[:]
        random.shuffle(order)  # no contender always runs right after another
        for name, path in order:
            samples[name].append(cold_start(path, listener, port))
    base = statistics.median(samples[functions[0][0]])
    print(f"{'function':<16}{'median ms':>10}{'p10':>8}{'p90':>8}{'min':>8}{'ratio':>8}")
    for name, _ in functions:
        s = sorted(samples[name])
        med = statistics.median(s)
        p10, p90 = s[len(s) // 10], s[(len(s) * 9) // 10]
        print(f"{name:<16}{med:>10.2f}{p10:>8.2f}{p90:>8.2f}{s[0]:>8.2f}{med / base:>8.2f}")
    print(json.dumps({name: round(statistics.median(v), 3) for name, v in samples.items()}))


if __name__ == "__main__":
    sys.exit(main())
