"""JSON log lines for production (one object per line, for journald, Loki, CloudWatch).

Fields: time (UTC, ISO 8601), level, logger, message, and anything passed in ``extra``;
exceptions as ``exc``. Request logs carry method, path and status, never cookies or
query strings (a search for a name is personal data).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
_DROP = {"request", "server_time"}  # Django's request objects are not JSON


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = request.path
        for key, value in vars(record).items():
            if key in _STANDARD or key in _DROP or key.startswith("_"):
                continue
            entry[key] = (
                value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
            )
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
