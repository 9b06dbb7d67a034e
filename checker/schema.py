"""The report's JSON Schema, generated from the pydantic models into ``docs/report.schema.json``
(regenerate with ``python -m checker.docs``; a test fails when the committed file is stale)."""

from __future__ import annotations

import json
from typing import Any

from checker.models import FileReport, RunSummary


def report_schema() -> str:
    defs: dict[str, Any] = {}
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://provcheck.invalid/report.schema.json",
        "title": "provcheck reports",
        "description": "A per-file report (FileReport) or a run summary (RunSummary).",
        "oneOf": [{"$ref": "#/$defs/FileReport"}, {"$ref": "#/$defs/RunSummary"}],
        "$defs": defs,
    }
    for model in (FileReport, RunSummary):
        sub = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(sub.pop("$defs", {}))
        defs[model.__name__] = sub
    schema["$defs"] = dict(sorted(defs.items()))
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

