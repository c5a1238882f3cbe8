"""API Gateway events, as a REST API (payload 1.0) and an HTTP API (2.0 and 1.0) send them.

`items` serves the REST API's routes, `http` the HTTP API's; each answers with what it received, so
`curl` shows the event. `broken` answers something that is not a proxy response, to show API
Gateway's 502.
"""

import json


def _answer(status, payload, headers=None):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json", **(headers or {})},
        "body": json.dumps(payload),
    }


def items(event, context):
    resource = event["resource"]
    if resource == "/items/{id}":
        item_id = event["pathParameters"]["id"]
        return _answer(200, {"id": item_id, "name": f"item {item_id}", "event": event})
    if resource == "/hello":
        body = json.loads(event["body"] or "{}")
        return _answer(201, {"hello": body.get("name", "world"), "event": event})
    return _answer(200, {"event": event})


def http(event, context):
    # Format 2.0 has rawPath and routeKey; 1.0 (PayloadFormatVersion "1.0") has resource and path.
    if event.get("version") == "2.0":
        return {"statusCode": 200, "cookies": ["seen=1"], "body": json.dumps({"routeKey": event["routeKey"], "event": event})}
    return _answer(200, {"resource": event["resource"], "event": event})


def broken(event, context):
    return "this is not a proxy response"
