"""Ember's Python runtime: runs a `module.function` handler against the Lambda Runtime API.

Standard library only. Speaks the same Runtime API as AWS Lambda's own Python runtime, over one
kept-alive connection, so a handler behaves here as it does on Lambda. The HTTP client is a few
lines over a socket rather than http.client, whose imports (email, ssl) cost more than the rest of
init together; Lambda's own runtime interface client uses a C extension for the same reason.
"""
import os
import sys

if sys.flags.no_site:
    # Ember starts Python with -S: a Lambda environment does not run the host machine's .pth files
    # (here one imported certifi and cost ~80 ms of every cold start). Its site-packages stay
    # importable (boto3 stands in for the one Lambda bundles), without their start-up hooks.
    import site

    sys.path.extend(p for p in site.getsitepackages() if p not in sys.path and os.path.isdir(p))

import importlib
import json
import signal
import socket
import time

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


class Headers(dict):
    """Response headers, looked up in any case as HTTP requires."""

    def get(self, name, default=None):
        return super().get(name.lower(), default)


class RuntimeClient:
    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self._address = (host, int(port))
        self._socket = None
        self._buffer = bytearray()

    def _request(self, method, path, body=None, headers=None):
        body = body or b""
        lines = ["%s %s%s HTTP/1.1" % (method, API_PREFIX, path), "Host: %s:%d" % self._address, "Content-Length: %d" % len(body)]
        lines.extend("%s: %s" % item for item in (headers or {}).items())
        message = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body
        for attempt in (0, 1):
            try:
                if self._socket is None:
                    # No timeout: /next may legitimately wait for hours.
                    self._socket = socket.create_connection(self._address)
                    self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    self._buffer = bytearray()
                self._socket.sendall(message)
                return self._response()
            except OSError:
                self._close()
                if attempt == 1:
                    raise

    def _response(self):
        # Linear in the message's size: the head is searched only in what each recv adds, and the
        # body is received straight into one buffer of its Content-Length (a 5 MB event is one
        # allocation and one copy, as in Lambda's own runtime client, not one copy per chunk).
        buffer = self._buffer
        searched = 0
        while True:
            end = buffer.find(b"\r\n\r\n", max(0, searched - 3))
            if end >= 0:
                break
            searched = len(buffer)
            self._receive()
        status_line, *header_lines = bytes(buffer[:end]).decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers = Headers()
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("Content-Length", "0"))
        start = end + 4
        buffered = len(buffer) - start
        if buffered >= length:
            body = bytes(buffer[start:start + length])
            del buffer[:start + length]
        else:
            body = bytearray(length)
            view = memoryview(body)
            view[:buffered] = buffer[start:]
            buffer.clear()
            while buffered < length:
                received = self._socket.recv_into(view[buffered:])
                if not received:
                    raise ConnectionError("the Runtime API closed the connection")
                buffered += received
            view.release()
        if headers.get("Connection", "").lower() == "close":
            self._close()
        return status, headers, body

    def _receive(self):
        chunk = self._socket.recv(65536)
        if not chunk:
            raise ConnectionError("the Runtime API closed the connection")
        self._buffer += chunk

    def _close(self):
        if self._socket is not None:
            self._socket.close()
        self._socket = None

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
    import traceback  # only on the error path: it costs ~5 ms of init

    # As Lambda's runtime client: the trace starts at the first frame that is not the runtime's own.
    frames = traceback.extract_tb(exc.__traceback__)
    for i, frame in enumerate(frames):
        if not frame.filename.endswith("/bootstrap.py"):
            frames = frames[i:]
            break
    else:
        frames = []
    return json.dumps({
        "errorMessage": str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": request_id,
        "stackTrace": traceback.format_list(frames),
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


_current_request_id = None


JSON_LOGS = os.environ.get("AWS_LAMBDA_LOG_FORMAT", "").upper() == "JSON"


def _configure_logging():
    """In JSON format, as Lambda's Python runtime: the root logger writes JSON records at AWS_LAMBDA_LOG_LEVEL and up.
    (logging is imported only then: it costs milliseconds of every cold start.)"""
    if not JSON_LOGS:
        return
    import logging
    import traceback

    levels = {"TRACE": 5, "DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARN": logging.WARNING, "ERROR": logging.ERROR, "FATAL": logging.CRITICAL}
    names = {5: "TRACE", logging.DEBUG: "DEBUG", logging.INFO: "INFO", logging.WARNING: "WARN", logging.ERROR: "ERROR", logging.CRITICAL: "FATAL"}

    class JsonFormatter(logging.Formatter):
        def format(self, record):
            entry = {
                "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + ".%03dZ" % record.msecs,
                "level": names.get(record.levelno, record.levelname),
                "message": record.getMessage(),
                "logger": record.name,
            }
            if _current_request_id:
                entry["requestId"] = _current_request_id
            if record.exc_info and record.exc_info[0] is not None:
                entry["errorType"] = record.exc_info[0].__name__
                entry["errorMessage"] = str(record.exc_info[1])
                entry["stackTrace"] = traceback.format_tb(record.exc_info[2])
            entry["location"] = "%s:%s:%d" % (record.pathname, record.funcName, record.lineno)
            return json.dumps(entry, default=str)

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(levels.get(os.environ.get("AWS_LAMBDA_LOG_LEVEL", "INFO").upper(), logging.INFO))


def _log_error(error_type, exc):
    """The runtime's own line about a failure: Lambda's text, or a JSON record in JSON format."""
    if JSON_LOGS:
        import traceback

        entry = {"timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + "Z", "level": "ERROR", "message": str(exc),
                 "errorType": error_type, "errorMessage": str(exc), "stackTrace": traceback.format_tb(exc.__traceback__)}
        if _current_request_id:
            entry["requestId"] = _current_request_id
        print(json.dumps(entry, default=str), file=sys.stderr)
    else:
        print("[ERROR] %s: %s" % (error_type, exc), file=sys.stderr)


class HandlerError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


def main():
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    sys.path.insert(0, task_root)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    _configure_logging()

    try:
        handler = load_handler(os.environ["_HANDLER"])
    except Exception as exc:  # Any failure at init is reported to /init/error, then the process exits.
        # Lambda's own faults (Runtime.ImportModuleError, …) by their type; an exception the
        # module raised by its class name (RuntimeError, KeyError), as Lambda's runtime client does.
        error_type = getattr(exc, "error_type", None) or type(exc).__name__
        _log_error(error_type, exc)
        client.post("/init/error", error_body(exc, error_type), {"Lambda-Runtime-Function-Error-Type": error_type})
        sys.exit(1)

    while True:
        headers, body = client.next()
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        global _current_request_id
        _current_request_id = request_id
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
            _log_error(type(exc).__name__, exc)
            client.post("/invocation/%s/error" % request_id, error_body(exc, request_id=request_id),
                        {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
            continue
        client.post("/invocation/%s/response" % request_id, payload)


if __name__ == "__main__":
    main()
