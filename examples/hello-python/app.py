import json


def handler(event, context):
    """Hello from Python: the classic function, answering through a Function URL or the Invoke API."""
    if event.get("requestContext"):  # a Function URL event
        body = json.loads(event.get("body") or "{}")
        name = body.get("name", "world")
        return {"statusCode": 200, "headers": {"content-type": "application/json"},
                "body": json.dumps({"message": "Hello, %s" % name})}
    if event.get("fail"):
        raise ValueError("asked to fail")
    print("greeting", event.get("name", "world"))
    return {"message": "Hello, %s" % event.get("name", "world")}
