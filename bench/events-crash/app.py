import os
import time


def handler(event, context):
    """Leaves a file named after the request id (one per delivery, numbered), then takes a little while."""
    base = os.path.join(event["dir"], context.aws_request_id)
    n = 0
    while os.path.exists(f"{base}.{n}"):
        n += 1
    open(f"{base}.{n}", "w").close()
    time.sleep(float(event.get("seconds", 0.05)))
    return {}
