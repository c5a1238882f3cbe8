"""The telemetry workload in Python: aggregate a burst of events posted to a Function URL.

Contract: /work/shared/spec/telemetry.md (docs/telemetry.md in the repository). Standard library
only. `handler(event, context)` returns the Function URL response dict; Ember's Python bootstrap
JSON-encodes it. `python3 app.py` (or `python3 -m app`) reads one event on stdin and prints the
response, for parity tests without a host.
"""

import base64
import binascii
import json
import math
import re
import sys
import time
from collections import Counter

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1

# A body that contains no "\u" escape into the surrogate range cannot hold a lone surrogate, so
# the exact (and slower) walk over every string only runs when this finds something.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]|\\u[dD][c-fC-F]")


class InvalidRequest(Exception):
    pass


def _reject_constant(name):
    raise InvalidRequest(f"{name} is not JSON")


def _is_int64(value):
    return type(value) is int and INT64_MIN <= value <= INT64_MAX


def _has_lone_surrogate(value):
    if isinstance(value, str):
        return any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    return False


def _read_events(event):
    body = event.get("body")
    if body is None or body == "":
        return []
    if not isinstance(body, str):
        raise InvalidRequest("body is not a string")
    if event.get("isBase64Encoded") is True:
        try:
            text = base64.b64decode(body, validate=True).decode("utf-8")
        except (binascii.Error, ValueError) as error:
            raise InvalidRequest(f"body is not base64 of UTF-8 text: {error}") from None
    else:
        try:
            body.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidRequest("body is not valid Unicode") from None
        text = body
    try:
        events = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise InvalidRequest(f"body is not JSON: {error}") from None
    except RecursionError:
        raise InvalidRequest("body nests too deeply") from None
    if not isinstance(events, list):
        raise InvalidRequest("body is not a JSON array")
    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(events):
        raise InvalidRequest("a string holds a lone surrogate")
    return events


def _duration(value):
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0
    if isinstance(value, float):
        if math.isnan(value) or not (-9223372036854775808.0 <= value < 9223372036854775808.0):
            raise InvalidRequest("duration_ms is outside the 64-bit range")
        return int(value)  # truncates toward zero
    if not INT64_MIN <= value <= INT64_MAX:
        raise InvalidRequest("duration_ms is outside the 64-bit range")
    return value


def aggregate(events):
    endpoints = Counter()
    statuses = Counter()
    users = set()
    durations = []
    for item in events:
        if not isinstance(item, dict):
            continue
        endpoint = item.get("endpoint")
        endpoints[endpoint if isinstance(endpoint, str) and endpoint else "unknown"] += 1

        status = item.get("status")
        if isinstance(status, str):
            statuses[status] += 1
        elif _is_int64(status):
            statuses[str(status)] += 1
        else:
            statuses["unknown"] += 1

        user = item.get("user_id")
        if isinstance(user, str):
            if user:
                users.add(user)
        elif _is_int64(user):
            users.add(str(user))

        durations.append(_duration(item.get("duration_ms")))

    p95 = 0
    if durations:
        durations.sort()
        # floor(0.95 * (n - 1)) in integers: equal to the float formula, without its doubt.
        p95 = durations[95 * (len(durations) - 1) // 100]
    top = sorted(endpoints.items(), key=lambda pair: (-pair[1], pair[0]))[:5]
    return len(events), len(users), p95, top, sorted(statuses.items())


def _string(value):
    # The contract's escaping: json.dumps with ensure_ascii=False, plus U+2028 and U+2029.
    return json.dumps(value, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(total, unique_users, p95, top, status_counts, compute_ms):
    top_json = ",".join(f"[{_string(name)},{count}]" for name, count in top)
    status_json = ",".join(f"{_string(name)}:{count}" for name, count in status_counts)
    return (
        f'{{"total_events":{total},"unique_users":{unique_users},"p95_duration_ms":{p95},'
        f'"top_endpoints":[{top_json}],"status_counts":{{{status_json}}},'
        f'"compute_ms":{compute_ms},"language":"python"}}'
    )


def _response(status_code, body):
    return {"statusCode": status_code, "headers": {"content-type": "application/json"}, "body": body}


def handler(event, context):
    started = time.perf_counter()
    try:
        if not isinstance(event, dict):
            raise InvalidRequest("the event is not a JSON object")
        result = aggregate(_read_events(event))
    except InvalidRequest as error:
        detail = str(error).splitlines()[0] if str(error) else "invalid request"
        return _response(400, json.dumps({"error": "invalid request", "detail": detail}))
    compute_ms = int((time.perf_counter() - started) * 1000)
    return _response(200, render(*result, compute_ms))


def _main():
    raw = sys.stdin.buffer.read()
    try:
        event = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        response = _response(400, json.dumps({"error": "invalid request", "detail": f"event is not JSON: {error}"}))
    else:
        response = handler(event, None)
    sys.stdout.buffer.write(json.dumps(response, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    sys.stdout.buffer.write(b"\n")


if __name__ == "__main__":
    _main()
