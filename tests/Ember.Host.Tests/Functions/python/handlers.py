"""Small Python handlers the functional tests run on the real host, one behaviour each."""
import base64
import json
import os
import sys
import time


def echo(event, context):
    print("echo handler saw", json.dumps(event, sort_keys=True))
    return {"event": event, "requestId": context.aws_request_id, "pid": os.getpid(),
            "remaining": context.get_remaining_time_in_millis(),
            "functionName": context.function_name, "memory": context.memory_limit_in_mb,
            "logGroup": context.log_group_name, "logStream": context.log_stream_name,
            "arn": context.invoked_function_arn,
            "env": {k: v for k, v in os.environ.items()}}


def url_echo(event, context):
    """Returns the Function URL event itself, so tests can check the mapping byte for byte."""
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps(event)}


def url_response(event, context):
    """Answers with a status, headers, cookies and a base64 body, so tests check the mapping back."""
    return {"statusCode": 201, "headers": {"x-custom": "yes", "content-type": "application/octet-stream"},
            "cookies": ["a=1; Path=/", "b=2"], "isBase64Encoded": True,
            "body": base64.b64encode(bytes([0, 1, 2, 255])).decode()}


def plain_json(event, context):
    return {"hello": "world"}


def sleepy(event, context):
    time.sleep(float(event.get("seconds", 5)))
    return {"slept": True}


def crash(event, context):
    print("about to exit", flush=True)
    os._exit(int(event.get("code", 3)))


def fail(event, context):
    raise ValueError("asked to fail")


def wait_for_file(event, context):
    """Blocks until a file exists: lets a test hold invocations open without sleeping itself.
    Announces that it started with an empty file named after its request id in the folder `started`
    (a file of its own: each environment is its own user, and may not write into another's file)."""
    open(os.path.join(event["started"], context.aws_request_id), "w").close()
    deadline = time.time() + 20
    while not os.path.exists(event["release"]) and time.time() < deadline:
        time.sleep(0.01)
    return {"pid": os.getpid(), "requestId": context.aws_request_id}


def big_response(event, context):
    return {"data": "x" * (7 * 1024 * 1024)}


def write_marker(event, context):
    with open(event["path"], "w") as f:
        f.write(context.aws_request_id)
    return {}


_held = []


def hold_memory(event, context):
    """Allocates and keeps `mb` megabytes (touched, so they are resident)."""
    block = bytearray(int(event["mb"]) * 1024 * 1024)
    for i in range(0, len(block), 4096):
        block[i] = 1
    _held.append(block)
    return {"held": sum(len(b) for b in _held) // (1024 * 1024), "hwmKb": _status_kb("VmHWM")}


def _status_kb(field):
    """A kB field of this process's /proc/self/status (its peak resident set, for VmHWM)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def url_body_length(event, context):
    """Says how many bytes of request body reached the function, after undoing any base64."""
    body = event.get("body") or ""
    raw = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode()
    return {"length": len(raw), "isBase64Encoded": event.get("isBase64Encoded")}


def say_request_id(event, context):
    """Prints the request id it runs under, so a test can match it with the API's; fails if asked."""
    print("request id seen:", event.get("tag"), context.aws_request_id, flush=True)
    if event.get("fail"):
        raise RuntimeError("asked to fail")
    return {"requestId": context.aws_request_id}


def mirror(event, context):
    """Returns the event as it arrived, and nothing else."""
    return event


def probe(event, context):
    """Who the environment runs as, and what it can read and write: for each path in `read`, "ok" or the error."""
    def attempt(path):
        try:
            with open(path, "rb") as f:
                f.read(1)
            return "ok"
        except OSError as e:
            return type(e).__name__
    scratch = os.path.join(os.environ["TMPDIR"], event.get("mark", "scratch"))
    with open(scratch, "w") as f:
        f.write("mine")
    return {"uid": os.getuid(), "gid": os.getgid(), "euid": os.geteuid(), "groups": os.getgroups(),
            "pid": os.getpid(), "home": os.environ.get("HOME"), "tmpdir": os.environ["TMPDIR"],
            "tmpOwner": os.stat(os.environ["TMPDIR"]).st_uid, "read": {p: attempt(p) for p in event.get("read", [])}}


def dynamo_put(event, context):
    """Puts {"id": request id, "note": event["note"]} into the table named by TABLE, through the local
    DynamoDB API at AWS_ENDPOINT_URL_DYNAMODB, as an AWS SDK would (its JSON protocol)."""
    import urllib.request
    body = json.dumps({"TableName": os.environ["TABLE"],
                       "Item": {"id": {"S": context.aws_request_id}, "note": {"S": event.get("note", "")}}}).encode()
    request = urllib.request.Request(os.environ["AWS_ENDPOINT_URL_DYNAMODB"] + "/", data=body, method="POST", headers={
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "DynamoDB_20120810.PutItem",
        "X-Amz-Date": "20261206T000000Z",
        "Authorization": "AWS4-HMAC-SHA256 Credential=%s/20261206/%s/dynamodb/aws4_request, SignedHeaders=host, Signature=0"
                         % (os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_REGION"]),
    })
    with urllib.request.urlopen(request) as response:
        return {"status": response.status, "id": context.aws_request_id}


def log_levels(event, context):
    """Logs a record at each level through logging, and prints a line: what a JSON-format function's log keeps."""
    import logging
    logger = logging.getLogger()
    logger.debug("a debug record")
    logger.info("an info record")
    logger.warning("a warning record")
    print("a printed line")
    return {"logged": True}
