"""Who published the article, who wrote it, from where, and which pictures it carried: byline,
dateline, sign-off and contributor lines, picture credits and captions, and the outlets named in
them, each with the role the text gives it.

Roles (``provenance.outlets[].role``):

* ``publisher`` -- the outlet the text speaks as or for: a metadata header (source, url), a byline
  organisation ("By Daily Courier Staff"), a sign-off ("X writes for the Daily Courier"), a
  dateline agency that is an outlet ("(CNN)"), a copyright or "originally appeared in" line, or a
  self-reference ("The Daily Courier has reached out to ...");
* ``wire`` -- a news agency credited with the copy: in the dateline ("CAIRO (AP) --"), byline,
  sign-off, contributor line ("AP writer X contributed") or copyright line;
* ``credit`` -- named in a picture credit ("(AP Photo/...)", "(credit: REUTERS/...)");
* ``cited`` -- only named as a source ("told The Daily Courier", "the Daily Courier reported").

Outlets named without any of these cues (the subject of the story: "Apple is in talks with NBC
News") are counted in the details but are not part of the record.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

from checker.article import Article
from checker.segment import Segment
from rules.provenance import lexicon, outlets
from rules.provenance.outlets import Mention
from rules.provenance.readability import syllable_dictionary

BYLINE_PARAGRAPHS = 6  # a byline or dateline is looked for in the first paragraphs of the body
DATELINE_PARAGRAPHS = 8
SIGNOFF_PARAGRAPHS = 4  # sign-off lines in the last paragraphs
MAX_BYLINE_WORDS = 20
CAPTION_MIN_WORDS = 6
CAPTION_MAX_WORDS = 60
CAPTION_MAX_CHARS = 400  # a credit's caption reaches back at most this far (at a sentence start when one is in reach)

ROLE_ORDER = {"publisher": 0, "wire": 1, "credit": 2, "cited": 3}


@dataclass(slots=True)
class Found:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class CreditFound:
    text: str
    start: int
    end: int
    kind: str  # photo, image, video, illustration, courtesy, credit
    agency: str | None
    caption_start: int | None = None  # start of the caption this credit closes


@dataclass(slots=True)
class CaptionFound:
    start: int
    end: int
    reason: str  # credit (ends with a picture credit) or scene (reads as a caption)
    credit: CreditFound | None = None


@dataclass(slots=True)
class DatelineFound:
    place: str
    region: str | None
    date: str | None
    agency: str | None
    separator: str
    start: int
    end: int


@dataclass(slots=True)
class OutletFound:
    name: str
    kind: str | None
    role: str
    evidence: str
    start: int | None
    end: int | None


@dataclass(slots=True)
class Record:
    byline: Found | None = None
    byline_people: list[str] = field(default_factory=list)
    signoffs: list[Found] = field(default_factory=list)
    contributors: list[Found] = field(default_factory=list)
    headline: Found | None = None  # the first line of a body with no header title, when it reads as a headline
    dateline: DatelineFound | None = None
    credits: list[CreditFound] = field(default_factory=list)
    captions: list[CaptionFound] = field(default_factory=list)
    outlets: list[OutletFound] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)  # outlets named with no role cue
    header_origin: dict[str, str] = field(default_factory=dict)  # source, author, url from the header

    @property
    def has_origin(self) -> bool:
        """Anything at all that says where the text came from."""
        return bool(
            self.byline
            or self.signoffs
            or self.contributors
            or self.dateline
            or self.credits
            or self.header_origin
            or any(o.role != "cited" for o in self.outlets)
        )


# --- patterns ---------------------------------------------------------------------------------
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?:\.|(?!\w))"
)
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)"
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]|[A-Z]"
_CAPS_PLACE = rf"(?:{_CAPS_WORD})(?:\s+(?:{_CAPS_WORD})){{0,3}}"
_TITLE_PLACE = r"[A-Z][a-z'’\-]+\.?(?:\s+[A-Z][a-z'’\-]+\.?){0,2}"
_REGION = r"[A-Z][\w'’\-]*\.?(?:\s+[A-Z][\w'’\-]*\.?){0,2}"
# "(AP)", and a press-release wire between slashes: "TAYLOR, Texas, Sept. 9, 2026 /PRNewswire/ --"
_AGENCY = r"(?:\((?=[^)/\n]*\))|/(?=[^/)\n]*/))(?P<agency>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})[)/]"
_FOLLOW = r"(?=[\"“‘'A-Z0-9])"
_DATELINE_CAPS = re.compile(
    rf"(?P<place>{_CAPS_PLACE})(?:,\s*(?P<region>{_REGION}))??(?:,\s*(?P<date>{_DATE}))?\s*(?:{_AGENCY})?"
    rf"(?:\s*(?P<sep>—|–|--|-|:)\s*|\s+(?P<qsep>\?)\s+){_FOLLOW}"
)
_DATELINE_TITLE = re.compile(
    rf"(?P<place>{_TITLE_PLACE})(?:,\s*(?P<region>{_REGION}))?(?:,\s*(?P<date>{_DATE}))?\s*(?:{_AGENCY})?"
    rf"\s*(?P<sep>—|–|--|\s-)\s*{_FOLLOW}"
)
_BYLINE = re.compile(r"(?:By|BY|Written by|Words by|Story by|Text by)[:\s]\s*(?P<rest>\S.*)", re.DOTALL)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||/|;|\s[-—–]\s|\band\b|&)\s*")
_NAMEISH = re.compile(r"(?:[A-Z][\w'’.\-]*|[a-z]{1,3}|of|the|de|van|von|der|bin|al|da|la|le|y)\Z")
_CONTRIB = re.compile(
    r"[Cc]ontributed(?:\s+reporting)?\s+(?:to|for)\s+this\s+(?:report|story|article|piece)|[Cc]ontributed\s+reporting"
    r"|[Rr]eporting\s+by\b|(?:[Ww]riting|[Ee]diting|[Cc]ompiled|[Pp]roduced)\s+by\s+[A-Z]"
)
# one of them is in every _CONTRIB match (the pre-test of _contributors, and where the regex is tried)
_CONTRIB_STEMS = ("ontributed", "eporting", "riting", "diting", "ompiled", "roduced")
_LINE_LEAD = re.compile(r"\s*[(\[]?\s*(?:(?:[Ww]ith\s+)?(?:[Aa]dditional\s+)?|[A-Z][\w ,.'’-]{0,80}[;,]\s*)")
_SYNDICATION = re.compile(
    r"(?:originally\s+(?:appeared|published|ran)\s+(?:in|on|by|at)|first\s+(?:appeared|published)\s+(?:in|on|by|at)"
    r"|(?:republished|reprinted|reproduced)\s+(?:here\s+)?(?:with\s+permission\s+)?(?:from|by|of)|distributed\s+by"
    r"|(?<!\u00c3)©|\(c\)\s*\d{4}|\bcopyright\s+(?:©\s*)?\d{4})",  # "Ã©" is mojibake for "é", not a copyright
    re.IGNORECASE,
)
_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:-\d{2,4})?)?,?\s*(?P<name>[A-Z][\w&.'’ -]{1,60}?)(?:[.,;]|\s+all rights|$)", re.I
)
_SYND_NAME = re.compile(r"(?:in|on|by|at|from|of)\s+(?P<name>(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,5})")
_SENTENCE_NAME = r"[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}"
_PARENS = re.compile(r"[(\[](?P<inner>[^()\[\]\n]{2,200})[)\]]")
# The same matches, as two regexes that open with a literal (scanned for at C speed): a match holds
# no bracket, so no two overlap and their union in order is what _PARENS finds.
_PARENS_ROUND = re.compile(r"\((?P<inner>[^()\[\]\n]{2,200})[)\]]")
_PARENS_SQUARE = re.compile(r"\[(?P<inner>[^()\[\]\n]{2,200})[)\]]")
# a caption's closing credit: "... on the pond. Devon Price/The Eastbrook Observer", "... Pinhão. / Fiona Blake/The Traveller"
_CAPTION_THEN_CREDIT = re.compile(
    r"(?:[.!?](?:\s+/)?|\s/)\s+[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}/(?:The\s+)?[A-Z][\w&'’.\-]*(?:\s+[A-Z][\w&'’.\-]*){0,4}\s*$"
)
_SLASH = re.compile(r"(?P<a>[^/]{2,60})/(?P<b>[^/]{2,80})")
_ALLCAPS = re.compile(r"\b[A-Z][A-Z&.\-]{1,}\b")
_QUOTES = re.compile(r"[\"“”]")
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according)\b")
_MODAL_BEFORE = re.compile(r"\b(?:to|will|would|can|could|may|might|should|must|did|does|do|not|never)\s+$")
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_PLACE_PAIR = re.compile(r"\b(?:in|at|near|outside|on)\s+(?:the\s+)?[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*,\s+[A-Z]")
_DATE_ANY = re.compile(_DATE)
_DIGIT = re.compile(r"\d")


@cache
def _credit_cue() -> re.Pattern[str]:
    cues = lexicon.alternation("credit_cue")
    return re.compile(
        rf"^\s*(?P<cue>{cues})s?\b\s*(?:[:/\-–—]|by\b|courtesy\b(?:\s+of\b)?|of\b)?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL
    )


@cache
def _credit_tail() -> re.Pattern[str]:
    tails = lexicon.alternation("credit_tail")
    return re.compile(rf"^\s*(?P<agency>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){{0,3}}?)\s+(?i:{tails})\b")


@cache
def _credit_line() -> re.Pattern[str]:
    cues = lexicon.alternation("credit_cue")
    return re.compile(rf"(?:^|(?<=\n)|(?<=[.!?”\"’)]\s))(?P<all>(?:{cues})s?\s*(?::|by\b)\s*[A-Z][^\n]{{1,120}})$", re.IGNORECASE)


@cache
def _scene() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lexicon.alternation('scene_verb')})\b")


@cache
def _signoff() -> re.Pattern[str]:
    roles = lexicon.alternation("signoff_role")
    return re.compile(
        rf"^(?P<who>{_SENTENCE_NAME})\s+(?:(?:writes|reports|has\s+written|is\s+writing)(?:\s+[\w ,'’\-]{{1,60}}?)?"
        rf"|covers\s+[\w ,'’\-]{{1,60}}?"
        rf"|is\s+(?:an?|the)\s+(?:[\w\-]+\s+){{0,4}}?(?:{roles})s?)\s+(?:for|at|with)\s+(?P<outlet>.+?)\.?\s*$",
        re.IGNORECASE,
    )


@cache
def _self_after() -> re.Pattern[str]:
    return re.compile(rf"^(?:['’]s)?,?\s+(?:{lexicon.alternation('self_after')})\b", re.IGNORECASE)


@cache
def _self_before() -> re.Pattern[str]:
    return re.compile(rf"(?:{lexicon.alternation('self_before')})\s+(?:the\s+)?$", re.IGNORECASE)


# --- the record --------------------------------------------------------------------------------
def analyse(article: Article) -> Record:
    rec = Record()
    paras = article.paragraphs
    _header(article, rec)
    _credits(article, rec)
    _scene_captions(article, rec)
    _byline(article, rec)
    _dateline(article, rec)
    _signoffs(article, rec)
    _author_bio(article, rec)
    _headline(article, rec)
    _release_source(article, rec)
    _contributors(article, rec)
    _outlet_roles(article, rec, paras)
    rec.credits.sort(key=lambda c: c.start)
    rec.captions.sort(key=lambda c: c.start)
    return rec


def _add_outlet(rec: Record, name: str, kind: str | None, role: str, evidence: str, start: int | None, end: int | None) -> None:
    for o in rec.outlets:
        if o.name == name and o.role == role:
            return
    rec.outlets.append(OutletFound(name, kind, role, " ".join(evidence.split())[:200], start, end))


def _role_for(kind: str | None, default: str = "publisher") -> str:
    if kind == "wire":
        return "wire"
    if kind == "photo":
        return "credit"
    return default


def _header(article: Article, rec: Record) -> None:
    header = article.header
    for key in ("source", "author", "url"):
        f = header.get(key)
        if f is not None and f.value.strip():
            rec.header_origin[key] = f.value.strip()
    source = header.get("source")
    if source is not None and source.value.strip():
        entry = outlets.lookup(source.value) or outlets.from_domain(source.value) if "." in source.value else outlets.lookup(source.value)
        name = entry.name if entry else source.value.strip()
        _add_outlet(
            rec,
            name,
            entry.kind if entry else None,
            _role_for(entry.kind if entry else None),
            f"header {source.key}: {source.value}",
            source.start,
            source.end,
        )
    url = header.get("url")
    if url is not None:
        entry = outlets.from_domain(url.value)
        if entry is not None:
            _add_outlet(rec, entry.name, entry.kind, _role_for(entry.kind), f"header {url.key}: {url.value}", url.start, url.end)
    author = header.get("author")
    if author is not None and author.value.strip():
        rec.byline = Found(author.value.strip(), author.start, author.end)
        _parse_byline(article, rec, author.value, author.start, author.end)


# --- credits and captions ------------------------------------------------------------------------
def _credits(article: Article, rec: Record) -> None:
    text = article.text
    body = article.body_start
    taken: list[tuple[int, int]] = []
    brackets = list(_PARENS_ROUND.finditer(text, body))
    if "[" in text:
        brackets = sorted((*brackets, *_PARENS_SQUARE.finditer(text, body)), key=lambda m: m.start())
    for m in brackets:
        inner = m.group("inner")
        kind = _credit_kind(inner)
        if kind is None:
            continue
        rec.credits.append(CreditFound(m.group(0), m.start(), m.end(), kind, _agency(text, m.start("inner"), m.end("inner"), inner)))
        taken.append((m.start(), m.end()))
    taken_starts = [s for s, _ in taken]  # in order (the brackets are sorted)
    reach = list(accumulate((e for _, e in taken), max))  # the furthest end of the brackets so far
    for para in _paragraphs_with_credit_marks(article):
        lo = max(para.start, para.end - 160)
        line = _credit_line().search(text, lo, para.end)
        if line is None:
            continue
        i = bisect.bisect_left(taken_starts, line.end()) - 1
        if i >= 0 and reach[i] > line.start():
            continue  # inside or over a bracketed credit
        if len(line.group("all").split()) > 14 and not _CAPTION_THEN_CREDIT.search(line.group("all")):
            continue  # a long line is text, unless it is a caption that ends in its credit
        cue = _credit_cue().match(line.group("all"))
        kind = _cue_kind(cue.group("cue")) if cue else "credit"
        rec.credits.append(
            CreditFound(
                line.group("all"),
                line.start("all"),
                line.end("all"),
                kind,
                _agency(text, line.start("all"), line.end("all"), line.group("all")),
            )
        )
    floor = 0
    for credit in sorted(rec.credits, key=lambda c: c.start):
        _caption_for(article, rec, credit, floor)
        floor = max(floor, credit.end)
    for credit in rec.credits:
        if credit.agency:
            entry = outlets.lookup(credit.agency)
            if entry is not None:
                credit.agency = entry.name
            _add_outlet(rec, credit.agency, entry.kind if entry else None, "credit", f"credit: {credit.text}", credit.start, credit.end)


def _paragraphs_with_credit_marks(article: Article) -> list[Segment]:
    """The paragraphs with ":" or " by " in their last 160 characters (every credit line has
    "Cue:" or "Cue by"), in order: found from the marks' positions rather than by testing every
    paragraph."""
    text = article.text
    paras = article.paragraphs
    starts = _paragraph_starts(article)
    hit: set[int] = set()
    for needle in (":", " by "):
        pos = text.find(needle, article.body_start)
        while pos >= 0:
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0:
                para = paras[i]
                if max(para.start, para.end - 160) <= pos and pos + len(needle) <= para.end:
                    hit.add(i)
            pos = text.find(needle, pos + 1)
    return [paras[i] for i in sorted(hit)]


def _paragraph_starts(article: Article) -> Sequence[int]:
    return article.paragraphs.starts


def _cue_kind(cue: str) -> str:
    c = cue.lower()
    for kind in ("photo", "picture", "image", "video", "illustration", "graphic", "courtesy", "screenshot", "screengrab"):
        if kind in c:
            return {"picture": "photo", "screengrab": "screenshot"}.get(kind, kind)
    return "credit"


def _credit_kind(inner: str) -> str | None:
    """The kind of credit a bracketed text is, or None when it is not one."""
    cue = _credit_cue().match(inner)
    if cue is not None:
        rest = cue.group("rest").strip()
        if rest and re.search(r"[A-Z]", rest) and (len(rest.split()) <= 14 or _CAPTION_THEN_CREDIT.search(rest)):
            return _cue_kind(cue.group("cue"))  # "[Photo: Jane Roe/AP]"; "[Photo: A long caption. Jane Roe/The Herald]"
    if _credit_tail().match(inner):
        return "photo"
    m = _SLASH.fullmatch(inner.strip())
    if m is not None:
        a, b = m.group("a").strip(" ,"), m.group("b").strip(" ,")
        known = outlets.lookup(a) or outlets.lookup(b) or outlets.find_known(inner, 0, len(inner))
        if known and _looks_named(a) and _looks_named(b):
            return "photo"
        caps_a = bool(re.fullmatch(r"[A-Z][A-Z&.\-]+", a))
        caps_b = bool(re.fullmatch(r"[A-Z][A-Z&.\-]+", b))
        if (caps_a and _person_like(b)) or (caps_b and _person_like(a)):
            return "photo"
    return None


def _looks_named(part: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][\w&.'’\- ]{0,60}(?:,\s*[Ff]ile)?", part))


def _person_like(part: str) -> bool:
    words = part.replace(", File", "").split()
    return 2 <= len(words) <= 5 and all(w[0].isupper() for w in words)


def _agency(text: str, start: int, end: int, credit: str) -> str | None:
    known = outlets.find_known(text, start, end)
    if known:
        return known[0].name
    cue = _credit_cue().match(credit)
    rest: str = cue.group("rest") if cue else credit
    tail = _credit_tail().match(rest)
    if tail:
        return str(tail.group("agency"))
    caps: list[str] = [w for w in _ALLCAPS.findall(rest) if w.lower() not in {"file", "ap", "via"}]
    if caps:
        return caps[0]
    if "/" in rest:
        return rest.rsplit("/", 1)[1].strip(" )].,") or None
    return None


def _caption_for(article: Article, rec: Record, credit: CreditFound, floor: int) -> None:
    """The caption ``credit`` closes: the text of its sentence before it, or the sentence before
    when the credit opens its own, never reaching back past ``floor`` (the end of the credit before
    it: a row of credits is a row of captionless credits, not ever longer captions) nor further
    than :data:`CAPTION_MAX_CHARS` (then from the first sentence, else the first word, in reach)."""
    para = _paragraph_at(article, credit.start)
    if para is None:
        return
    text = article.text
    starts = _sentence_starts(article)
    sentences = article.sentences
    lo = bisect.bisect_left(starts, para.start)
    k = bisect.bisect_right(starts, credit.start) - 1
    start = None
    if lo <= k and credit.start < max(sentences[k].end, sentences[k].start + 1):
        s = sentences[k]
        if s.start < credit.start and text[s.start : credit.start].strip():
            start = s.start
        elif k > lo:
            start = sentences[k - 1].start
    if start is not None and start < floor:
        start = floor + len(text[floor : credit.start]) - len(text[floor : credit.start].lstrip())
        if start >= credit.start:
            start = None
    if start is not None and credit.start - start > CAPTION_MAX_CHARS:
        reach = credit.start - CAPTION_MAX_CHARS
        j = bisect.bisect_left(starts, reach)
        if j <= k and starts[j] < credit.start and text[starts[j] : credit.start].strip():
            start = starts[j]
        else:
            space = text.find(" ", reach, credit.start)
            start = space + 1 if space >= 0 and text[space + 1 : credit.start].strip() else None
    byline = _BYLINE.match(text, start, credit.start) if start is not None else None
    if byline is not None and _valid_byline(byline.group("rest").strip().rstrip(" .;,|")):
        return  # "Words by Fiona Gallacher. Photographs by Ewan Rennie.": a byline's picture credit, not a caption
    credit.caption_start = start
    rec.captions.append(CaptionFound(start if start is not None else credit.start, credit.end, "credit", credit))


def _paragraph_at(article: Article, pos: int) -> Segment | None:
    i = bisect.bisect_right(_paragraph_starts(article), pos) - 1
    if i >= 0 and pos < article.paragraphs[i].end:
        return article.paragraphs[i]
    return None


def _scene_captions(article: Article, rec: Record) -> None:
    """One-sentence paragraphs that describe a picture: "<Subject> sits/walks/... in <Place>, <Region>"
    or "... on <Weekday>"; no quotes, no reporting verb."""
    text = article.text
    taken = [(c.start, c.end) for c in rec.captions]
    sentence_starts = _sentence_starts(article)
    for para in article.paragraphs:
        if not text[para.start : para.start + 1].isupper() or text[para.end - 1 : para.end] != ".":
            continue
        lo = bisect.bisect_left(sentence_starts, para.start)
        hi = bisect.bisect_left(sentence_starts, para.end)
        if hi - lo != 1:
            continue  # captions are one sentence
        if any(s < para.end and para.start < e for s, e in taken):
            continue
        chunk = text[para.start : para.end]
        if "," not in chunk or ("day" not in chunk and not _DIGIT.search(chunk)):
            continue  # cheap: the place pair needs a comma, a weekday "day", a date a digit (tested below)
        if not CAPTION_MIN_WORDS <= n_words(article, para.start, para.end) <= CAPTION_MAX_WORDS:
            continue
        if _QUOTES.search(chunk) or _REPORTING.search(chunk):
            continue
        verb = _scene().search(chunk)
        if verb is None or len(chunk[: verb.start()].split()) > 10 or len(chunk[: verb.start()].split()) < 1:
            continue
        if _MODAL_BEFORE.search(chunk[: verb.start()]):
            continue
        if not (_PLACE_PAIR.search(chunk) and (_WEEKDAY.search(chunk) or _DATE_ANY.search(chunk))):
            continue  # a caption says where and when
        rec.captions.append(CaptionFound(para.start, para.end, "scene"))


# --- byline ----------------------------------------------------------------------------------
@cache
def _org_suffix() -> re.Pattern[str]:
    return re.compile(rf"^(?P<org>.+?)\s+(?:{lexicon.alternation('byline_org_suffix')})\.?$", re.IGNORECASE)


@cache
def _person_role() -> re.Pattern[str]:
    return re.compile(
        rf"(?:^|\s)(?:(?:AP|Associated Press|Reuters|AFP)\s+)?(?:{lexicon.alternation('byline_person_role')})\.?$", re.IGNORECASE
    )


def _byline(article: Article, rec: Record) -> None:
    if rec.byline is not None:
        return
    text = article.text
    for para in article.paragraphs[:BYLINE_PARAGRAPHS]:
        chunk = text[para.start : para.end]
        m = _BYLINE.fullmatch(chunk)
        if m is None or len(chunk.split()) > MAX_BYLINE_WORDS:
            continue
        rest = m.group("rest").strip().rstrip(".")
        end = para.end
        dated = _BYLINE_DATE.search(rest)
        if dated is not None:  # "By Jo Ng | Health Desk | November 19, 2026": the date is not the writer
            rest = rest[: dated.start()]
            end = para.start + m.start("rest") + len(rest)
        credit = _PICTURE_CREDIT_AFTER.search(rest)
        if credit is not None:  # "Words by Fiona Gallacher. Photographs by Ewan Rennie."
            rest = rest[: credit.start()].rstrip(" .;,|")
            end = para.start + m.start("rest") + len(rest)
        if not _valid_byline(rest):
            continue
        rec.byline = Found(text[para.start : end], para.start, end)
        _parse_byline(article, rec, rest, para.start + m.start("rest"), end)
        return


# a date set off at the end of a byline ("| November 19, 2026", ", Saturday 21 Nov. 2026")
_BYLINE_DATE = re.compile(
    rf"\s*[|·•,\u2013\u2014]\s*(?:(?:Updated|Published|Posted):?\s*)?"
    rf"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:{_DATE}|\d{{4}}-\d\d-\d\d)[\s\w:.,]*$"
)
# a picture credit after the writer's name in one byline paragraph
_PICTURE_CREDIT_AFTER = re.compile(r"[.;,|]\s+(?:Photo(?:graph)?s?|Pictures?|Images?|Video|Illustrations?)\s+(?:by|:)\s", re.IGNORECASE)


def _valid_byline(rest: str) -> bool:
    tokens = re.findall(r"[\w'’.\-]+", rest)
    if not tokens or not tokens[0][0].isupper() or (tokens[0].lower() == "the" and len(tokens) < 3):
        return False
    if _WEEKDAY.match(rest) or re.match(_MONTH, rest):
        return False
    role_words = {w for e in lexicon.words("byline_person_role") | lexicon.words("byline_org_suffix") for w in e.split()}
    for t in tokens:
        if (
            t[0].isupper()
            or t.lower() in role_words
            or t.lower() in {"and", "of", "the", "for", "de", "van", "von", "der", "bin", "al", "da", "la", "le", "y", "in"}
        ):
            continue
        return False
    return True


def _parse_byline(article: Article, rec: Record, rest: str, start: int, end: int) -> None:
    text = article.text
    known = outlets.find_known(text, start, end)
    for k in known:
        _add_outlet(rec, k.name, k.kind, _role_for(k.kind), f"byline: {rest}", k.start, k.end)
    known_names = {text[k.start : k.end] for k in known}
    for part in _BYLINE_SPLIT.split(rest):
        part = part.strip(" .")
        if not part or part in known_names or outlets.lookup(part):
            continue
        org = _org_suffix().match(part)
        if org and not _person_role().search(part):
            name = org.group("org").strip()
            entry = outlets.lookup(name)
            if entry is None and " " not in name and name.lower() in syllable_dictionary():
                continue  # "By Politics team", "Staff reporters": a desk named by a common word, not an outlet
            offset = text.find(name, start, end)
            _add_outlet(
                rec,
                entry.name if entry else name,
                entry.kind if entry else None,
                _role_for(entry.kind if entry else None),
                f"byline: {rest}",
                offset if offset >= 0 else None,
                offset + len(name) if offset >= 0 else None,
            )
            continue
        if outlets.news_name(part) and not _person_role().search(part) and not any(k in part for k in known_names):
            # "By Tom Ashby, Northern Sports Weekly": the writer's publication (not "Crime Reporter")
            at = text.find(part, start, end)
            span = (at, at + len(part)) if at >= 0 else (None, None)
            _add_outlet(rec, part, None, _role_for(None), f"byline: {rest}", *span)
            continue
        person = _person_role().sub("", part).strip(" ,")
        for known_name in known_names:
            person = person.replace(known_name, "").strip(" ,")
        if person.lower() in lexicon.words("byline_org_suffix") or person.lower() in lexicon.words("byline_person_role"):
            continue  # "By Staff", "By Staff Writer": a desk, not a person
        if person and _NAMEISH.match(person.split()[-1]) and person[0].isupper():
            rec.byline_people.append(person)


# --- dateline --------------------------------------------------------------------------------
_SPEAKER_LABEL = re.compile(r"(?:[A-Z][A-Z.'’\-]*\s+){0,3}[A-Z][A-Z.'’\-]*:\s")


def _speaker_turns(article: Article) -> int:
    """Paragraphs that open with a capitalised speaker label ("REYES: ...", "SEN. OKONKWO: ..."): a
    transcript, whose labels are not datelines."""
    text = article.text
    return sum(1 for p in article.paragraphs if _SPEAKER_LABEL.match(text, p.start, p.end))


def _dateline(article: Article, rec: Record) -> None:
    text = article.text
    not_place = lexicon.words("not_place")
    for para in article.paragraphs[:DATELINE_PARAGRAPHS]:
        for regex in (_DATELINE_CAPS, _DATELINE_TITLE):
            m = regex.match(text, para.start, para.end)
            if m is None:
                continue
            place = m.group("place").strip()
            letters = sum(ch.isalpha() for ch in place)
            if letters < 3 or any(w.strip(".").lower() in not_place for w in place.split()) or place.lower() in not_place:
                continue
            sep = (m.groupdict().get("qsep") or m.group("sep") or "").strip()
            if regex is _DATELINE_TITLE and not (m.group("region") or m.group("agency") or m.group("date")):
                continue
            if sep == ":" and (
                len(place.split()) > 2
                or len(text[para.start : para.end].split()) < 20
                or "?" in text[m.end() : para.end]
                or _speaker_turns(article) >= 2
            ):
                continue  # "Q:", "EBONY: What is ...?", "ENGINE: 2.0L", a transcript's "REYES:": labels, not datelines
            agency = m.group("agency")
            rec.dateline = DatelineFound(place, m.group("region"), m.group("date"), agency, sep, m.start(), m.end())
            if agency:
                entry = outlets.lookup(agency)
                a_start = m.start("agency")
                _add_outlet(
                    rec,
                    entry.name if entry else agency,
                    entry.kind if entry else None,
                    _role_for(entry.kind if entry else None, "wire" if entry is None else "publisher"),
                    f"dateline: {text[m.start() : m.end()].strip()}",
                    a_start,
                    a_start + len(agency),
                )
            return


# --- press releases ------------------------------------------------------------------------------
_RELEASE_SOURCE = re.compile(r"SOURCE[ \t]+(?P<name>[A-Z][^\n]{1,80}?)[ \t]*\Z")
RELEASE_SOURCE_PARAGRAPHS = 3


_PRESS_RELEASE = re.compile(r"\b(?:press|news) release\b|\bfor immediate release\b|newswire|business wire|presswire|accesswire", re.I)


def _release_source(article: Article, rec: Record) -> None:
    """A press release's closing "SOURCE Voltaris Energy, Inc." line names its issuer: the publisher
    (only in a text that says it is a press release or was sent by a press-release wire)."""
    text = article.text
    for para in article.paragraphs[-RELEASE_SOURCE_PARAGRAPHS:]:
        m = _RELEASE_SOURCE.match(text, para.start, para.end)
        if m is not None and _PRESS_RELEASE.search(text, 0, para.start):
            entry = outlets.lookup(m.group("name"))
            name = entry.name if entry else m.group("name")
            kind = entry.kind if entry else None
            _add_outlet(rec, name, kind, "publisher", f"press release: {m.group(0)}", m.start("name"), m.end("name"))
            return


# --- sign-offs, contributors, syndication --------------------------------------------------------
def _signoffs(article: Article, rec: Record) -> None:
    text = article.text
    paras = article.paragraphs[-SIGNOFF_PARAGRAPHS:]
    sentences = article.sentences
    starts = _sentence_starts(article)
    may_credit = bool(paras) and _may_credit(text[paras[0].start : paras[-1].end])
    for para in paras:
        for s in sentences[bisect.bisect_left(starts, para.start) : bisect.bisect_left(starts, para.end)]:
            sentence = text[s.start : s.end]
            m = _signoff().match(sentence)
            if m is not None and not _QUOTES.search(sentence):
                rec.signoffs.append(Found(sentence, s.start, s.end))
                o_start = s.start + m.start("outlet")
                _credit_outlets(article, rec, o_start, s.start + m.end("outlet"), f"sign-off: {sentence}", unknown_text=m.group("outlet"))
                continue
            synd = _SYNDICATION.search(sentence) if may_credit and _may_credit(sentence) else None
            if synd is not None and len(sentence.split()) <= 30:
                rec.signoffs.append(Found(sentence, s.start, s.end))
                if re.search(r"©|\(c\)|copyright", sentence, re.I):
                    named = _COPYRIGHT_NAME.search(sentence)
                else:
                    named = _SYND_NAME.search(sentence, synd.end())
                unknown = named.group("name").strip() if named else None
                _credit_outlets(article, rec, s.start, s.end, f"credit line: {sentence}", unknown_text=unknown)


def _headline(article: Article, rec: Record) -> None:
    """A body that opens with a headline line ("Late header sends Riverside into cup quarter-finals",
    then the byline or the story): a short capitalised line with no closing punctuation, not a
    byline or dateline, followed by more text."""
    if "title" in article.header.fields or len(article.paragraphs) < 2:
        return
    text = article.text
    start = article.body_start
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    if end >= 0 and _RELEASE_SLUG.fullmatch(text, start, end):  # "FOR IMMEDIATE RELEASE": the headline follows
        start = end + 1
        while start < len(text) and text[start].isspace():
            start += 1
        end = text.find("\n", start)
    if end < 0:
        return
    line = text[start:end].rstrip()
    words = line.split()
    if not 3 <= len(words) <= HEADLINE_MAX_WORDS or not line[:1].isupper() or line[-1:] in ".!?:;,\"'”’)" or ";" in line:
        return  # not "Pros: a big screen; long battery life"
    if line.lower().startswith("by ") or (rec.dateline is not None and rec.dateline.start < start + len(line)):
        return
    rec.headline = Found(line, start, start + len(line))


HEADLINE_MAX_WORDS = 20
_RELEASE_SLUG = re.compile(r"\s*(?:FOR IMMEDIATE RELEASE|(?:PRESS|NEWS|MEDIA) RELEASE|EMBARGOED[^\n]*)\s*", re.IGNORECASE)


def _author_bio(article: Article, rec: Record) -> None:
    """The closing paragraph that introduces the writer ("Nadia Brooks is a civil engineer and ...
    The views expressed are her own."): a contributor's note, not the article's claims."""
    if not article.paragraphs:
        return
    names = list(rec.byline_people)
    if rec.byline is not None and not rec.byline.text.lower().startswith("by "):
        names.append(rec.byline.text.strip())  # the header's Author
    para = article.paragraphs[-1]
    text = article.text
    for name in names:
        if len(name.split()) >= 2 and _BIO_VERB.match(text, para.start + len(name), para.end) and text.startswith(name, para.start):
            starts = _sentence_starts(article)
            taken = {f.start for f in rec.signoffs}
            for s in article.sentences[bisect.bisect_left(starts, para.start) : bisect.bisect_left(starts, para.end)]:
                if s.start not in taken:  # "X covers ... for the Y" is a sign-off already
                    rec.contributors.append(Found(text[s.start : s.end], s.start, s.end))
            return


_BIO_VERB = re.compile(r"\s+(?:is|was|has|teaches|lives|writes|covers|works)\b")


def _sentence_starts(article: Article) -> Sequence[int]:
    return article.sentences.starts


# Characters that re.IGNORECASE matches to an ASCII letter although str.lower() does not give that
# letter (dotted and dotless i, long s, Kelvin sign): with one of them, the cheap tests below are skipped.
CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
# Each branch of _SYNDICATION needs one of these ("first appeared" and "republished" need the
# "appeared" or "published").
_CREDIT_WORDS = ("originally", "appeared", "published", "reprinted", "reproduced", "distributed", "©", "(c)", "copyright")


def _may_credit(chunk: str) -> bool:
    """False only when ``_SYNDICATION`` cannot match anywhere in ``chunk``."""
    if CASE_ODD.search(chunk):
        return True
    low = chunk.lower()
    return any(w in low for w in _CREDIT_WORDS)


def n_words(article: Article, start: int, end: int) -> int:
    """How many of the article's word tokens start in ``[start, end)`` (``len(article.words_in(...))``)."""
    lo, hi = words_between(article, start, end)
    return hi - lo


def words_between(article: Article, start: int, end: int) -> tuple[int, int]:
    """The indexes in ``article.words`` of the tokens starting in ``[start, end)``."""
    return article.word_range(start, end)


def _credit_outlets(article: Article, rec: Record, start: int, end: int, evidence: str, unknown_text: str | None) -> None:
    """Outlets named in a sign-off or credit line: known ones by kind, else the named text as an
    unknown publisher."""
    text = article.text
    known = outlets.find_known(text, start, end)
    for k in known:
        _add_outlet(rec, k.name, k.kind, _role_for(k.kind), evidence, k.start, k.end)
    if known or not unknown_text:
        return
    name = unknown_text.strip(" .,;")
    name = re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", name) if len(name.split()) > 1 else name
    if not name or not name[0].isupper() or len(name.split()) > 7:
        return
    entry = outlets.lookup(name)
    pos = text.find(name, start, end)
    _add_outlet(
        rec,
        entry.name if entry else name,
        entry.kind if entry else None,
        _role_for(entry.kind if entry else None),
        evidence,
        pos if pos >= 0 else None,
        pos + len(name) if pos >= 0 else None,
    )


def _contributors(article: Article, rec: Record) -> None:
    text = article.text
    if not any(stem in text for stem in _CONTRIB_STEMS):
        return
    hits = _contrib_matches(text, article.body_start)
    if not hits:
        return
    for s in article.sentences:
        inside = [m for m in hits if s.start <= m.start() < s.end]
        if not inside:
            continue
        if all(not m.group(0).lower().startswith("contributed") and not _LINE_LEAD.fullmatch(text[s.start : m.start()]) for m in inside):
            continue  # "according to reporting by the Daily Courier": a citation, not a credit line
        sentence = text[s.start : s.end]
        if len(sentence.split()) <= 60 and not _QUOTES.search(sentence):
            rec.contributors.append(Found(sentence, s.start, s.end))
            for k in outlets.find_known(text, s.start, s.end):
                _add_outlet(rec, k.name, k.kind, _role_for(k.kind), f"contributor line: {sentence}", k.start, k.end)


def _contrib_matches(text: str, body: int) -> list[re.Match[str]]:
    """``list(_CONTRIB.finditer(text, body))``: every match starts one letter before one of the
    stems, so the regex is tried only there (its alternation of character classes makes a scan
    slow: ~0.1 ms per 1,000 characters)."""
    starts = set()
    for stem in _CONTRIB_STEMS:
        i = text.find(stem, body + 1)
        while i >= 0:
            starts.add(i - 1)
            i = text.find(stem, i + 1)
    hits: list[re.Match[str]] = []
    end = body
    for i in sorted(starts):
        if i >= end and (m := _CONTRIB.match(text, i)) is not None:
            hits.append(m)
            end = m.end()
    return hits


# --- outlets in the body ---------------------------------------------------------------------------
def _outlet_roles(article: Article, rec: Record, paras: Sequence[Segment]) -> None:
    text = article.text
    start = article.body_start
    known = outlets.find_known(text, start, len(text))
    credit_spans = [(c.start, c.end) for c in rec.credits]
    placed = [(o.start, o.end) for o in rec.outlets if o.start is not None and o.end is not None]
    mentioned: list[str] = []
    for k in known:
        if any(s <= k.start and k.end <= e for s, e in credit_spans):
            _add_outlet(rec, k.name, k.kind, "credit", f"credit: {text[k.start : k.end]}", k.start, k.end)
            continue
        if any(s <= k.start < e for s, e in placed if s is not None and e is not None):
            continue
        after = text[k.end : k.end + 60]
        before = text[max(start, k.start - 40) : k.start]
        if _self_after().match(after) or _self_before().search(before):
            _add_outlet(
                rec, k.name, k.kind, "publisher" if k.kind != "wire" else "wire", f"self-reference: {_context(text, k)}", k.start, k.end
            )
            continue
        cue = outlets.cited(text, k.start, k.end)
        if cue is not None:
            _add_outlet(rec, k.name, k.kind, "cited", _context(text, k), k.start, k.end)
        elif k.name not in mentioned:
            mentioned.append(k.name)
    for u in outlets.find_unknown_cited(text, start, len(text), known):
        if any(s <= u.start < e for s, e in credit_spans) or any(s <= u.start < e for s, e in placed if s is not None and e is not None):
            continue
        _add_outlet(rec, u.name, None, "cited", _context(text, u), u.start, u.end)
    rec.mentioned = [m for m in mentioned if not any(o.name == m for o in rec.outlets)]
    rec.outlets.sort(key=lambda o: (ROLE_ORDER.get(o.role, 9), o.start if o.start is not None else -1, o.name))


def _context(text: str, m: Mention) -> str:
    """The sentence-ish window around a mention, for evidence."""
    left = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start)) + 1
    right_candidates = [i for i in (text.find(".", m.end), text.find("\n", m.end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    left = max(left, m.start - 120)
    right = min(right, m.end + 120)
    return " ".join(text[left:right].split())
