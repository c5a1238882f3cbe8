"""The I/O-bound telemetry variant in Python: the same aggregation as functions/telemetry (telemetry.py
is a copy of its app.py, kept identical by tests/Ember.Telemetry.Tests/IoVariantTests), then one
DynamoDB PutItem of its headline figures, with boto3 (which Lambda's Python runtime ships, and
Ember's provides from the machine: Debian's python3-boto3).

The item: id = the invocation's request id, runtime, total_events, unique_users, p95_duration_ms
(numbers as DynamoDB numbers), in the table TABLE_NAME. AWS_ENDPOINT_URL_DYNAMODB, when set (Ember
sets it to its local DynamoDB), is the endpoint: newer boto3 reads it itself, the one Debian ships
does not, so it is passed on here.
"""

import os
import time

import boto3

import telemetry

TABLE = os.environ.get("TABLE_NAME", "TelemetryAggregates")
# Made once per environment, in init, as Lambda's guidance has it: warm invocations reuse its connections.
_dynamodb = boto3.client("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL_DYNAMODB") or None)


def handler(event, context):
    started = time.perf_counter()
    try:
        if not isinstance(event, dict):
            raise telemetry.InvalidRequest("the event is not a JSON object")
        total, unique_users, p95, top, statuses = telemetry.aggregate(telemetry._read_events(event))
    except telemetry.InvalidRequest as error:
        detail = str(error).splitlines()[0] if str(error) else "invalid request"
        return telemetry._response(400, telemetry.json.dumps({"error": "invalid request", "detail": detail}))
    compute_ms = int((time.perf_counter() - started) * 1000)
    _dynamodb.put_item(
        TableName=TABLE,
        Item={
            "id": {"S": context.aws_request_id},
            "runtime": {"S": "python"},
            "total_events": {"N": str(total)},
            "unique_users": {"N": str(unique_users)},
            "p95_duration_ms": {"N": str(p95)},
        },
    )
    return telemetry._response(200, telemetry.render(total, unique_users, p95, top, statuses, compute_ms))
