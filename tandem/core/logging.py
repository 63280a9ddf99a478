"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to.

RequestIdMiddleware sets the id for the request (the proxy's X-Request-ID, or a new one);
RequestIdFilter copies it onto every record logged while the request runs, whichever logger wrote
it; JsonFormatter writes the record with any `extra` fields it was given.
"""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

current_request_id: ContextVar[str] = ContextVar("tandem_request_id", default="")

# Attributes every LogRecord has: anything else on a record came from `extra` and is written out.
# `request` (on Django's records) is left out: written whole it would show the query string, which
# can hold what staff searched for.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
    "request",
}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            # Django logs a 4xx or 5xx answer (django.request) after the middleware has finished,
            # with the request on the record.
            request = getattr(record, "request", None)
            record.request_id = current_request_id.get() or getattr(request, "request_id", "")
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or current_request_id.get(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and not name.startswith("_"):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
