"""Provenance family (PV): who published the article, who wrote it, from where, in what language,
and whether the file is whole.

The record (``report.provenance``) is built by :class:`Record` from one shared analysis per article
(:func:`analysis`): :mod:`.extract` (byline, dateline, sign-offs, contributors, picture credits and
captions, outlets and their roles), :mod:`.language` (langdetect behind an English fast path),
:mod:`.readability` (textstat, offline) and :mod:`.quality` (boilerplate, truncation, encoding).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checker.article import Article
from checker.models import Credit, Dateline, Family, Language, Outlet, Severity, TextRef
from checker.rule import Analyzer, Contribution, DocumentRule, Hit
from rules.provenance import extract, quality, readability
from rules.provenance import language as lang
from rules.provenance.language import detect_language

__all__ = ["ANALYZERS", "RULES", "Analysis", "analysis", "detect_language"]

MAX_HITS_PER_RULE = 25
# A report lists at most this many credits, captions and boilerplate spans; details["omitted"] counts
# the rest (5,000 picture credits in one file are one fact, not 5,000 lines of report).
MAX_LISTED = 100


@dataclass(slots=True)
class Analysis:
    record: extract.Record
    language: lang.LanguageResult
    boilerplate: list[quality.Span]
    truncation: quality.Span | None
    damage: list[quality.Span]
    readability: dict[str, float | None]
    readability_chars: int


def analysis(article: Article) -> Analysis:
    """The family's shared per-article analysis (memoised on the article by :meth:`Article.derive`)."""
    return article.derive(_analyse)


def _analyse(article: Article) -> Analysis:
    record = article.derive(extract.analyse)  # shared with the attribution family (credit lines are no claims)
    language = lang.analyse(article)
    residue = quality.boilerplate(article)
    truncated = quality.truncation(article, record, residue)
    damage = quality.encoding_damage(article, record)
    scores: dict[str, float | None] = {"flesch_reading_ease": None, "flesch_kincaid_grade": None}
    sample = ""
    if language.code == "en":
        sample = readability.sample(article)
        scores = readability.scores(sample)
    return Analysis(record, language, residue, truncated, damage, scores, len(sample))


# --- the record ----------------------------------------------------------------------------------
class Record(Analyzer):
    """The provenance record: outlets and roles, byline, sign-offs, contributors, dateline, credits,
    language; counts and readability as metrics."""

    name = "provenance"

    def analyze(self, article: Article) -> Contribution:
        a = analysis(article)
        rec = a.record
        span = article.span
        header = article.header
        prov: dict[str, Any] = {
            "outlets": [
                Outlet(
                    name=o.name,
                    role=o.role,
                    kind=o.kind,
                    evidence=o.evidence,
                    span=span(o.start, o.end) if o.start is not None and o.end is not None else None,
                )
                for o in rec.outlets
            ],
            "byline": TextRef(text=rec.byline.text, span=span(rec.byline.start, rec.byline.end)) if rec.byline else None,
            "signoffs": [TextRef(text=f.text, span=span(f.start, f.end)) for f in rec.signoffs],
            "contributors": [TextRef(text=f.text, span=span(f.start, f.end)) for f in rec.contributors],
            "dateline": Dateline(
                place=rec.dateline.place,
                region=rec.dateline.region,
                date=rec.dateline.date,
                agency=rec.dateline.agency,
                span=span(rec.dateline.start, rec.dateline.end),
            )
            if rec.dateline
            else None,
            "credits": [
                Credit(
                    text=c.text,
                    kind=c.kind,
                    agency=c.agency,
                    caption=" ".join(article.text[c.caption_start : c.start].split()) or None if c.caption_start is not None else None,
                    span=span(c.start, c.end),
                )
                for c in rec.credits[:MAX_LISTED]
            ],
            "language": Language(
                code=a.language.code,
                confidence=a.language.confidence,
                method=a.language.method,
                paragraphs=[
                    {
                        "paragraph": p.index + 1,
                        "code": p.code,
                        "confidence": p.confidence,
                        "words": p.words,
                        "span": span(p.start, p.end).model_dump(),
                    }
                    for p in a.language.differing()
                ],
            ),
        }
        if (title := header.get("title")) is not None:
            prov["title"] = title.value
        elif rec.headline is not None:
            prov["title"] = rec.headline.text  # a header-less article's headline line
        if (url := header.get("url")) is not None:
            prov["url"] = url.value
        metrics: dict[str, float | int | str | None] = {
            "provenance.words": article.word_count,
            "provenance.sentences": len(article.sentences),
            "provenance.paragraphs": len(article.paragraphs),
            "provenance.flesch_reading_ease": a.readability["flesch_reading_ease"],
            "provenance.flesch_kincaid_grade": a.readability["flesch_kincaid_grade"],
            "provenance.english_share": round(a.language.english_share, 3),
            "provenance.origin_signals": _origin_signals(rec),
            "provenance.captions": len(rec.captions),
            "provenance.boilerplate_spans": len(a.boilerplate),
            "provenance.encoding_damage": len(a.damage),
            "provenance.truncated": int(a.truncation is not None),
        }
        details = {
            "byline_people": rec.byline_people,
            "captions": [
                {"reason": c.reason, "span": span(c.start, c.end).model_dump(), "text": article.excerpt(c.start, c.end)}
                for c in rec.captions[:MAX_LISTED]
            ],
            "outlets_mentioned": rec.mentioned,
            "boilerplate": [
                {"kind": b.kind, "span": span(b.start, b.end).model_dump(), "text": article.excerpt(b.start, b.end, 120)}
                for b in a.boilerplate[:MAX_LISTED]
            ],
            "language_paragraphs_judged": len(a.language.paragraphs),
            "language_langdetect_calls": sum(1 for p in a.language.paragraphs if p.method == "langdetect")
            + (a.language.method == "langdetect"),
            "readability_sample_chars": a.readability_chars,
        }
        lists = {"credits": len(rec.credits), "captions": len(rec.captions), "boilerplate": len(a.boilerplate)}
        if omitted := {k: n - MAX_LISTED for k, n in lists.items() if n > MAX_LISTED}:
            details["omitted"] = omitted
        return Contribution(metrics=metrics, provenance=prov, details=details)


def _origin_signals(rec: extract.Record) -> int:
    return sum(
        (
            rec.byline is not None,
            bool(rec.signoffs),
            bool(rec.contributors),
            rec.dateline is not None,
            bool(rec.credits),
            bool(rec.header_origin),
            any(o.role in {"publisher", "wire"} for o in rec.outlets),
        )
    )


# --- rules -----------------------------------------------------------------------------------------
class UnknownOrigin(DocumentRule):
    id = "PV001"
    name = "unknown-origin"
    family = Family.PROVENANCE
    severity = Severity.WARNING
    summary = "Nothing in the file says where it came from: no publisher, byline, credit, sign-off or dateline."
    rationale = (
        "A curator has to know whose text an article is before it can be cited, licensed or weighed "
        "against other sources. The check looks for any trace of origin: a source, author or url in "
        'the metadata header, a byline ("By Jane Roe"), a dateline ("CAIRO (AP) --"), a sign-off or '
        "contributor line, a picture or copyright credit, or an outlet the text speaks as. Outlets "
        'that are only cited as sources ("told the Daily Courier") say nothing about who published '
        "the article and do not count."
    )
    fire = (
        "The council voted on Tuesday to close two libraries.\n\nResidents said they would appeal the decision.\n",
        "Title: Harbour reopens\n\nThe harbour reopened after repairs, an official told the Coastal Herald.\n"
        "Fishing boats returned on Friday.\n",
    )
    quiet = (
        "By Jane Roe\n\nThe council voted on Tuesday to close two libraries.\n",
        "SPRINGFIELD (AP) — The council voted on Tuesday to close two libraries.\n",
        "Source: Daily Courier\n\nThe council voted on Tuesday to close two libraries.\n",
        "The council voted on Tuesday to close two libraries.\n\nJane Roe writes for the Daily Courier.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        a = analysis(article)
        if article.word_count and not a.record.has_origin:
            cited = [o.name for o in a.record.outlets if o.role == "cited"]
            yield Hit(
                "no publisher, byline, dateline, credit or sign-off: the origin of the text is unknown",
                evidence={"cited_outlets": cited},
            )


class EmbeddedCaption(DocumentRule):
    id = "PV002"
    name = "embedded-caption"
    family = Family.PROVENANCE
    severity = Severity.WARNING
    summary = "A photo caption or picture credit sits inside the body text."
    rationale = (
        "Scraped articles often keep the captions and credit lines of the pictures that stood between "
        'paragraphs: "A man walks past a shop in Leeds, England, Monday. (AP Photo/Jane Roe)". They '
        "are not part of the story, break its reading order and mislead counts, quotes and duplicate "
        "detection. Each caption is reported as a span (the caption and its credit) so it can be "
        "stripped. A caption without a credit is recognised when a one-sentence paragraph describes a "
        "scene in the present tense with a place or a day and no quotation."
    )
    fire = (
        "The bridge will close for repairs.\n\nA cyclist rides past the bridge in Leeds, England, Monday, "
        "March 3, 2025. (AP Photo/Jane Roe)\n\nWork starts next week.\n",
        "The ministry approved the plan. Officials at the signing ceremony. (Photo: Daily Courier/John Doe)\n",
        "Two children sit on the steps of the flooded school in Riverton, Ohio, on Tuesday.\n\n"
        "The school board met on Wednesday to discuss repairs.\n",
    )
    quiet = (
        "The bridge will close for repairs, the council said on Monday.\n\nWork starts next week.\n",
        "Police said the driver was taken to hospital in Leeds, England, on Monday.\n",
        "The company (which employs 300 people) said profits rose.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        for cap in analysis(article).record.captions[:MAX_HITS_PER_RULE]:
            credit = cap.credit
            if credit is not None:
                msg = f"picture credit {credit.text!r} and its caption inside the body"
                if credit.caption_start is None:
                    msg = f"picture credit {credit.text!r} inside the body"
                ev: dict[str, Any] = {"credit": credit.text, "kind": credit.kind, "agency": credit.agency}
            else:
                msg = "a one-sentence paragraph that reads as a photo caption"
                ev = {"reason": "scene"}
            yield Hit(msg, cap.start, cap.end, evidence=ev)


class Truncated(DocumentRule):
    id = "PV003"
    name = "truncated"
    family = Family.PROVENANCE
    severity = Severity.ERROR
    summary = "The text ends mid-sentence or mid-word, or stops at a cut-off marker."
    rationale = (
        "A file that stops in the middle of a sentence lost its end to a scraper, a paywall or a "
        "size limit; what it says may be incomplete or misleading. The last paragraph of running "
        "text is judged (trailing boilerplate, credits and sign-off lines are skipped; list items "
        "and headings are not prose): it must end with closing punctuation, and must not end on a "
        'comma, a dangling word such as "the" or "and", a word fragment, or a marker such as '
        '"Continue reading". An incomplete file is not one to add to an archive as it is, so this is '
        "an error: the default gate fails on it (set `[severity] PV003 = \"warning\"` to accept cut files)."
    )
    fire = (
        "The council voted to close two libraries on Tuesday.\n\nResidents said they would appeal the decision and that the\n",
        "The council voted to close two libraries on Tuesday.\n\n"
        "The mayor said the savings would be spent on road repairs across the distr\n",
        "The council voted to close two libraries on Tuesday.\n\nThe mayor said the savings would be spent on roads. Continue reading\n",
    )
    quiet = (
        "The council voted to close two libraries on Tuesday.\n\nResidents said they would appeal.\n",
        "The council voted to close two libraries on Tuesday.\n\n\u201cWe will fight this,\u201d one resident said.\n",
        "Results of the vote:\n\nLibraries closed\nRoads repaired\nParks renamed\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        t = analysis(article).truncation
        if t is not None:
            yield Hit(f"the text seems cut off: {t.detail}", t.start, t.end, evidence={"kind": t.kind})


class LanguageOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_article_confidence: float = Field(
        default=0.8, ge=0.0, le=1.0, description="langdetect confidence needed to call the article foreign"
    )
    min_paragraph_confidence: float = Field(default=0.9, ge=0.0, le=1.0, description="langdetect confidence needed to flag one paragraph")


class LanguageMismatch(DocumentRule):
    id = "PV004"
    name = "language-mismatch"
    family = Family.PROVENANCE
    severity = Severity.WARNING
    summary = "The article, or a paragraph of it, is not in one of the configured languages."
    rationale = (
        "An archive is built for readers of given languages (``languages`` in the config, English by "
        "default). A whole article in another language, or paragraphs of one left untranslated in an "
        "English story, must be routed or translated. The language is detected with langdetect "
        "(seeded, so the result is repeatable) behind an English fast path; paragraphs shorter than "
        f"{lang.MIN_PARAGRAPH_WORDS} words are not judged alone, since detection on a few words is unreliable."
    )
    Options = LanguageOptions
    fire = (
        "Le conseil municipal a voté mardi la fermeture de deux bibliothèques. Les habitants ont déclaré "
        "qu'ils feraient appel de cette décision devant le tribunal administratif.\n",
        "The council voted on Tuesday to close two libraries in the old town, and residents said they would appeal.\n\n"
        "Der Bürgermeister sagte, die Einsparungen würden für die Reparatur der Straßen im ganzen Bezirk verwendet, "
        "und der Rat werde im nächsten Monat erneut darüber beraten.\n",
    )
    quiet = (
        "The council voted on Tuesday to close two libraries in the old town, and residents said they would appeal.\n",
        "The mayor greeted visitors with a cheerful \u201cbienvenue\u201d and a short speech about the history "
        "of the town and its people.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        res = analysis(article).language
        allowed = set(self.context.languages)
        opts = self.options
        assert isinstance(opts, LanguageOptions)
        if res.code is not None and res.code not in allowed and res.confidence >= opts.min_article_confidence:
            yield Hit(
                f"the article is in {res.code!r} (confidence {res.confidence:.2f}), not in {', '.join(sorted(allowed))}",
                evidence={"code": res.code, "confidence": res.confidence, "method": res.method},
            )
            return
        n = 0
        for p in res.paragraphs:
            if p.code is None or p.code in allowed or p.confidence < opts.min_paragraph_confidence:
                continue
            n += 1
            if n > MAX_HITS_PER_RULE:
                break
            yield Hit(
                f"paragraph {p.index + 1} is in {p.code!r} (confidence {p.confidence:.2f})",
                p.start,
                p.end,
                evidence={"code": p.code, "confidence": p.confidence, "words": p.words},
            )


LOCAL_DAMAGE = frozenset(("lost-character", "control-character"))  # PV005 warnings; the rest are errors


class EncodingDamage(DocumentRule):
    id = "PV005"
    name = "encoding-damage"
    family = Family.PROVENANCE
    severity = Severity.ERROR
    summary = "Mojibake, replacement characters, control characters or characters lost to '?'."
    rationale = (
        'Text that went through the wrong encoding shows it: "cafÃ©" for "café" (mojibake, '
        "recognised and repaired by ftfy), U+FFFD replacement characters where bytes could not be "
        "decoded (when the decoder itself replaced them, the finding gives their byte offsets in the "
        "file), stray control characters, or question marks where a converter dropped what it "
        'could not represent ("don?t", "GROTON ? Police"). Quotes and names in such text are '
        "not reliable until the file is re-decoded or repaired. Mojibake and replacement characters "
        "mean the whole file went through the wrong encoding: an error, so the file is reviewed and "
        "re-decoded before it is archived. Characters lost to '?' and stray control characters are "
        "warnings: the loss is local. Damage of one kind on one line is one finding, spanning the "
        "line's first to last damaged character, with every damaged span in its evidence."
    )
    fire = (
        "The caf\u00c3\u00a9 reopened on Monday, the owner\u00e2\u20ac\u2122s son said.\n",
        "The mayor said the plan \ufffd\ufffd would save money.\n",
        "The mayor said he didn?t know when the work would start.\n",
    )
    quiet = (
        "The caf\u00e9 reopened on Monday, the owner\u2019s son said.\n",
        "Why? Nobody knows. The mayor said he didn't know when the work would start.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        damage = analysis(article).damage
        text = article.text
        lines: dict[tuple[int, str], list[quality.Span]] = {}
        for d in damage:  # one finding per line and kind: a mangled paragraph is one thing to repair
            lines.setdefault((text.rfind("\n", 0, d.start), d.kind), []).append(d)
        for group in list(lines.values())[:MAX_HITS_PER_RULE]:
            first = group[0]
            count = f" ({len(group)} places on this line)" if len(group) > 1 else ""
            evidence: dict[str, object] = {"kind": first.kind, "total": len(damage), "spans": [[d.start, d.end] for d in group]}
            raw = [(offset, chunk) for d in group for offset, chunk in d.raw]
            if raw:  # bytes the decoder replaced: where they are in the file, so it can be repaired
                evidence["bytes"] = [{"offset": offset, "hex": chunk.hex(" ")} for offset, chunk in raw[:MAX_HITS_PER_RULE]]
                evidence["undecodable_bytes_in_file"] = article.decoded.invalid_bytes
                offsets = ", ".join(f"{offset:,}" for offset, _ in raw[:5]) + (", ..." if len(raw) > 5 else "")
                message = (
                    f"{len(raw)} undecodable byte sequence(s) replaced by U+FFFD on this line, at byte offset(s) {offsets} "
                    f"({article.decoded.invalid_bytes} undecodable bytes in the file)"
                )
            else:
                message = f"{first.kind.replace('-', ' ')}{count}: {first.detail}"
            yield Hit(
                message,
                first.start,
                max(d.end for d in group),
                evidence=evidence,
                severity=Severity.WARNING if first.kind in LOCAL_DAMAGE else None,
            )


class Boilerplate(DocumentRule):
    id = "PV006"
    name = "boilerplate"
    family = Family.PROVENANCE
    severity = Severity.INFO
    summary = "Web-page residue in the text: advertisement labels, newsletter prompts, share buttons, 'click here'."
    rationale = (
        'Text copied from a web page carries the page around the story: "Advertisement", "Sign up '
        'for our newsletter", "Share on Facebook", "Click here", affiliate disclosures. It is not '
        "the author's text; it inflates counts and fools duplicate detection, and it shows the file "
        "was not cleaned. Each piece is reported as a span (the line, or the sentence holding the "
        "phrase); the patterns are in rules/data/provenance/boilerplate.txt."
    )
    fire = (
        "The council voted on Tuesday to close two libraries.\n\nAdvertisement\n\nResidents said they would appeal.\n",
        "The council voted on Tuesday to close two libraries. Click here to read the full decision.\n",
        "The council voted on Tuesday to close two libraries.\n\nSign up for our free morning newsletter to get the news first.\n",
    )
    quiet = (
        "The council voted on Tuesday to close two libraries.\n\nResidents said they would appeal.\n",
        "The agency said its advertisement budget would be cut, and residents could sign up for classes at the library.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        for b in analysis(article).boilerplate[:MAX_HITS_PER_RULE]:
            yield Hit(f"web boilerplate ({b.kind})", b.start, b.end, evidence={"kind": b.kind, "match": b.detail or b.text.strip()[:80]})


RULES = [UnknownOrigin, EmbeddedCaption, Truncated, LanguageMismatch, EncodingDamage, Boilerplate]
ANALYZERS = [Record]
