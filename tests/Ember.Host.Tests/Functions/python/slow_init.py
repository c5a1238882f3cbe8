"""A module whose import, the init phase, takes INIT_SLEEP seconds; it says when init starts and ends."""
import os
import time

print("slow init started", os.getpid(), flush=True)
time.sleep(float(os.environ["INIT_SLEEP"]))
print("slow init done", os.getpid(), flush=True)


def handler(event, context):
    return {"pid": os.getpid(), "requestId": context.aws_request_id}
