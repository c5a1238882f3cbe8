"""Ember's Python runtime: runs a `module.function` handler against the Lambda Runtime API.

Standard library only. Speaks the same Runtime API as AWS Lambda's own Python runtime, over one
kept-alive connection, so a handler behaves here as it does on Lambda.
"""
import http.client
import importlib
import json
import os
import signal
import sys
import time
import traceback

API_PREFIX = "/2018-06-01/runtime"


class LambdaContext:
    """The context object handlers receive, with the attributes and method Lambda's has."""

    def __init__(self, request_id, deadline_ms, invoked_function_arn, client_context, identity):
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_function_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME", "")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME", "")
        self.client_context = client_context
        self.identity = identity
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


class RuntimeClient:
    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self._host = host
        self._port = int(port)
        self._connection = None

    def _request(self, method, path, body=None, headers=None):
        for attempt in (0, 1):
            if self._connection is None:
                # No timeout: /next may legitimately wait for hours.
                self._connection = http.client.HTTPConnection(self._host, self._port, timeout=None)
            try:
                self._connection.request(method, API_PREFIX + path, body=body, headers=headers or {})
                response = self._connection.getresponse()
                return response.status, response.headers, response.read()
            except (ConnectionError, http.client.HTTPException):
                self._connection.close()
                self._connection = None
                if attempt == 1:
                    raise

    def next(self):
        status, headers, body = self._request("GET", "/invocation/next")
        if status != 200:
            raise RuntimeError("Runtime API /next answered %d: %r" % (status, body[:200]))
        return headers, body

    def post(self, path, body, headers=None):
        status, _, answer = self._request("POST", path, body, headers)
        if status != 202:
            raise RuntimeError("Runtime API %s answered %d: %r" % (path, status, answer[:200]))


def error_body(exc, error_type=None, request_id=""):
    return json.dumps({
        "errorMessage": str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": request_id,
        "stackTrace": traceback.format_list(traceback.extract_tb(exc.__traceback__)),
    }).encode()


def load_handler(handler_name):
    module_name, _, function_name = handler_name.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise HandlerError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, exc)) from exc
    except SyntaxError as exc:
        raise HandlerError("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, exc)) from exc
    handler = getattr(module, function_name, None)
    if handler is None:
        raise HandlerError("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


class HandlerError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


def main():
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    sys.path.insert(0, task_root)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    try:
        handler = load_handler(os.environ["_HANDLER"])
    except Exception as exc:  # Any failure at init is reported to /init/error, then the process exits.
        error_type = getattr(exc, "error_type", "Runtime.Unknown")
        print("[ERROR] %s: %s" % (error_type, exc), file=sys.stderr)
        client.post("/init/error", error_body(exc, error_type), {"Lambda-Runtime-Function-Error-Type": error_type})
        sys.exit(1)

    while True:
        headers, body = client.next()
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        trace_id = headers.get("Lambda-Runtime-Trace-Id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        client_context = headers.get("Lambda-Runtime-Client-Context")
        identity = headers.get("Lambda-Runtime-Cognito-Identity")
        context = LambdaContext(
            request_id,
            int(headers.get("Lambda-Runtime-Deadline-Ms", "0")),
            headers.get("Lambda-Runtime-Invoked-Function-Arn", ""),
            json.loads(client_context) if client_context else None,
            json.loads(identity) if identity else None,
        )
        try:
            event = json.loads(body) if body else {}
            result = handler(event, context)
            payload = json.dumps(result).encode() if result is not None else b"null"
        except Exception as exc:
            print("[ERROR] %s: %s" % (type(exc).__name__, exc), file=sys.stderr)
            client.post("/invocation/%s/error" % request_id, error_body(exc, request_id=request_id),
                        {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
            continue
        client.post("/invocation/%s/response" % request_id, payload)


if __name__ == "__main__":
    main()
