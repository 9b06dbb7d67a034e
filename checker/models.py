"""The report model: one :class:`FileReport` per input file, one :class:`RunSummary` per run.

Every output format (JSON, Markdown, terminal table, SARIF, ...) is drawn from these models, and the
JSON Schema in ``docs/report.schema.json`` is generated from them (``python -m checker.schema``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class Severity(StrEnum):
    """How serious a finding is; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Family(StrEnum):
    """The rule families; each has a score in every report."""

    DATES = "dates"
    TRANSLATION = "translation"
    DUPLICATION = "duplication"
    ATTRIBUTION = "attribution"
    PROVENANCE = "provenance"


FAMILY_PREFIX: dict[Family, str] = {
    Family.DATES: "DT",
    Family.TRANSLATION: "MT",
    Family.DUPLICATION: "DU",
    Family.ATTRIBUTION: "AT",
    Family.PROVENANCE: "PV",
}


class Verdict(StrEnum):
    PASS = "pass"
    REVIEW = "review"
    REJECT = "reject"
    ERROR = "error"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A range of characters in the decoded file text; lines and columns are 1-based."""

    start: int = Field(description="offset of the first character (0-based, in characters)")
    end: int = Field(description="offset one past the last character")
    line: int
    column: int
    end_line: int
    end_column: int = Field(description="column one past the last character")


class Finding(_Model):
    rule: str = Field(description="rule id, e.g. DT001")
    name: str = Field(description="kebab-case rule name, e.g. missing-date")
    family: Family
    severity: Severity
    message: str
    span: Span | None = Field(default=None, description="where in the file; null for whole-file findings")
    excerpt: str = Field(default="", description="the text of the span (shortened when long)")
    evidence: dict[str, Any] = Field(default_factory=dict)


class FileError(_Model):
    """A per-file problem that stopped (part of) the check: unreadable, binary, too large, ..."""

    kind: str = Field(description="machine-readable kind, e.g. empty, binary, too-large, unreadable")
    message: str
    stage: str = Field(default="read", description="read, decode, parse, rule:<ID> or corpus")


class FileInfo(_Model):
    path: str = Field(description="the file as given on the command line (POSIX separators)")
    sha256: str | None = None
    bytes: int | None = None
    encoding: str | None = None
    encoding_confidence: float | None = Field(
        default=None, description="how sure the decoder is of the encoding, 0-1 (1.0 for a byte-order mark, valid UTF-8 or --encoding)"
    )
    bom: bool = False
    encoding_method: str | None = Field(
        default=None,
        description="how the encoding was found: bom, valid-utf-8, mostly-utf-8 (bad bytes replaced), utf-16-pattern "
        "(BOM-less UTF-16 by its NUL bytes), judged (candidate encodings compared by their text), override",
    )
    encoding_note: str | None = Field(default=None, description="why: the evidence for the encoding and the next best candidate")
    undecodable_bytes: int = Field(default=0, description="bytes the encoding could not decode, each sequence replaced by U+FFFD (PV005)")


class DateCandidate(_Model):
    value: str = Field(description="ISO date (YYYY-MM-DD), or YYYY-MM when only the month is known")
    source: str = Field(description="header, dateline, body, filename, near-duplicate, ...")
    confidence: float
    text: str = Field(default="", description="the text the candidate was read from")
    span: Span | None = None
    note: str = ""


class DateInfo(_Model):
    value: str | None = None
    source: str = Field(default="none", description="source of the winning candidate, or none")
    confidence: float = 0.0
    reason: str = ""
    candidates: list[DateCandidate] = Field(default_factory=list)


class TextRef(_Model):
    """A piece of text found in the article, with where it was found."""

    text: str
    span: Span | None = None


class Outlet(_Model):
    """An outlet or agency and the role the text gives it (schema.org publisher / sourceOrganization / citation)."""

    name: str = Field(description="canonical name from the provenance family's outlet list, or the text as written when unknown")
    role: str = Field(description="publisher, wire (credited agency), cited (only named as a source) or credit (picture credit)")
    kind: str | None = Field(
        default=None, description="wire, outlet or photo (picture agency): the provenance family's outlet list; null if found by pattern"
    )
    evidence: str = ""
    span: Span | None = None


class Dateline(_Model):
    """The dateline opening the story: "CAIRO —", "NEW DELHI (AP) -", "LOS ANGELES, Feb 26 -"."""

    place: str = Field(description="the place as written (IPTC located / schema.org locationCreated)")
    region: str | None = Field(default=None, description="state, country or region after the place: 'Fla.', 'Iowa'")
    date: str | None = Field(default=None, description="the date as written in the dateline, when present")
    agency: str | None = Field(default=None, description="the agency in parentheses, when present: AP, Reuters")
    span: Span | None = None


class Credit(_Model):
    """A picture credit in the text (IPTC Credit Line / schema.org ImageObject.creditText)."""

    text: str
    kind: str = Field(default="photo", description="photo, image, video, illustration, graphic, courtesy, screenshot or credit")
    agency: str | None = Field(default=None, description="the agency or outlet credited, when one is named")
    caption: str | None = Field(default=None, description="the caption the credit closes (IPTC Description / schema.org caption)")
    span: Span | None = None


class Language(_Model):
    """schema.org inLanguage / IPTC language."""

    code: str | None = None
    confidence: float = 0.0
    method: str = Field(
        default="none",
        description="function-words or vocabulary (English fast paths), paragraphs (majority of judged paragraphs), langdetect or none",
    )
    paragraphs: list[dict[str, Any]] = Field(default_factory=list, description="per-paragraph languages where they differ")


class Provenance(_Model):
    """The provenance record (mapped to schema.org NewsArticle in docs/report.md)."""

    date: DateInfo = Field(default_factory=DateInfo)
    title: str | None = None
    url: str | None = None
    outlets: list[Outlet] = Field(default_factory=list)
    byline: TextRef | None = None
    signoffs: list[TextRef] = Field(default_factory=list)
    contributors: list[TextRef] = Field(default_factory=list)
    dateline: Dateline | None = None
    credits: list[Credit] = Field(default_factory=list)
    language: Language = Field(default_factory=Language)
    header: dict[str, str] = Field(default_factory=dict, description="metadata header fields as written")


_NOT_CHECKED = "null: not checked (no rule of the family selected)"


class Scores(_Model):
    """0..100 per family, 100 meaning nothing was found against the article."""

    dates: int | None = Field(100, description=_NOT_CHECKED)
    translation: int | None = Field(100, description=_NOT_CHECKED)
    duplication: int | None = Field(100, description=_NOT_CHECKED)
    attribution: int | None = Field(
        100,
        description="from the weighted share of claim sentences with no named source; "
        "null: not checked (no rule of the family selected, the article is not English, or it is in the "
        "writer's own voice: opinion, a review, a guide)",
    )
    provenance: int | None = Field(100, description=_NOT_CHECKED)
    overall: int | None = Field(100, description="the weighted mean of the family scores that are not null; null when none is")


class Tool(_Model):
    name: str = "provcheck"
    version: str


class FileReport(_Model):
    schema_version: str = SCHEMA_VERSION
    tool: Tool
    file: FileInfo
    provenance: Provenance = Field(default_factory=Provenance)
    metrics: dict[str, float | int | str | None] = Field(
        default_factory=dict, description="family signals, namespaced family.metric; present even when no rule fires"
    )
    scores: Scores | None = Field(default_factory=Scores, description="null when the file could not be checked (unreadable, timed out)")
    verdict: Verdict = Verdict.PASS
    findings: list[Finding] = Field(default_factory=list)
    findings_omitted: dict[str, int] = Field(
        default_factory=dict,
        description="rule id -> findings of that rule not listed (beyond max_findings_per_rule; they still count in the scores)",
    )
    details: dict[str, Any] = Field(default_factory=dict, description="per-family evidence (sentence labels, resolved dates, clusters...)")
    errors: list[FileError] = Field(default_factory=list)


class SummaryRow(_Model):
    path: str
    report: str | None = Field(default=None, description="report file name, relative to the reports directory")
    verdict: Verdict
    scores: Scores | None = Field(description="null when the file could not be checked")
    findings: int
    by_severity: dict[str, int]
    top: list[str] = Field(default_factory=list, description="the most serious findings, as 'ID message'")
    errors: list[str] = Field(default_factory=list)


class RunSummary(_Model):
    schema_version: str = SCHEMA_VERSION
    tool: Tool
    status: Literal["complete", "interrupted"] = Field(
        description="complete once every report is written; a summary that says interrupted belongs to a run that stopped half way"
    )
    files: int
    verdicts: dict[str, int]
    findings_by_rule: dict[str, int]
    errors: list[dict[str, str]] = Field(default_factory=list, description="per-file errors: path, kind, message")
    rows: list[SummaryRow] = Field(default_factory=list, description="one row per file, worst first")
    stale: list[str] = Field(
        default_factory=list, description="reports in the folder that belong to no input of this run (removed when pruned is true)"
    )
    pruned: bool = Field(default=False, description="whether the stale reports were removed (`check --prune`)")
    not_checked: list[Family] = Field(
        default_factory=list,
        description="families with no rule selected (`--select`, `--ignore`): their scores are null and their metrics absent",
    )
