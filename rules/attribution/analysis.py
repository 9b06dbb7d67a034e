"""Who says what: the per-article attribution analysis shared by every AT rule and the analyzer.

The model follows PolNeAR's notion of an attribution: a *cue* (a reporting verb, "according to", a
hedge such as "reportedly"), a *source* (who or what the content comes from) and the *content*.
The analysis is a few regular-expression passes over the article plus a small amount of work per
cue; no parser and no model.

1. Quotations are found per paragraph (curly, straight and doubled quotes, and ‘single’ quotes),
   a quotation left open at a paragraph's end continues into the next paragraph when that one
   opens with a quotation mark (the news convention for long quotes).
2. Cues outside quotations are found with the lexicons of ``rules/data/attribution_*.txt``. For each cue
   the source is looked for to its left (the subject: "Egyptian officials, speaking on condition of
   anonymity, said"), to its right ('"...," said the minister'; "according to the ministry"), or it
   is a passive with no agent ("ministers were told") or a hedge ("reportedly").
3. Each source is classified: *anonymous* (an unnamed official, diplomat, source, "people familiar
   with..."; or the sentence says the source is anonymous), *vague* (critics, experts, "some say",
   hedges, agentless passives) or *named* (a person, organisation, document or outlet). Pronouns
   take the kind and the name of the latest compatible source.
4. Context: every sentence of a quotation takes the quotation's speaker (a cue in a sentence the
   quotation overlaps, or the sentence introducing it: "He said:"); a paragraph that follows a
   sentence ending "X said:" takes X. In an interview transcript (paragraphs that open "Q:" and
   "A:"), an answer's sentences are the interviewee's and the questions are not claims.
5. Sentences left without a source are *unattributed claims* when they state something checkable
   (a quantity, a superlative, a cause, a named actor) and *not a claim* otherwise (questions,
   headings, captions and credits, bylines, scene-setting). A date or a clock time ("22:00 —" in a
   live blog) is no quantity. A named actor counts only in a sentence that tells an event (a verb in
   the past or the perfect), and a sentence that refers back to a document cited before ("the
   survey") rests on it.
6. Genre (``rules/attribution/genre.py``): a sentence that addresses the reader or sells at a price
   is no claim; in a text labelled opinion, letters, review or recipe, or in the writer's own voice
   ("I", "we", "you") or selling, no sentence is, and the text gets no attribution score.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import islice
from operator import attrgetter, itemgetter

from checker.article import Article
from rules.attribution import discourse
from rules.attribution.genre import not_a_claim as genre_not_a_claim
from rules.attribution.genre import reports_an_event, writer_voice
from rules.attribution.lexicon import Lexicon, grammar, letter_runs, letter_words, lexicon
from rules.provenance.extract import Record
from rules.provenance.extract import analyse as provenance_record
from rules.provenance.language import english_share

NAMED = "attributed-named"
ANONYMOUS = "attributed-anonymous"
VAGUE = "attributed-vague"
UNATTRIBUTED = "unattributed-claim"
NOT_A_CLAIM = "not-a-claim"
LABELS = (NAMED, ANONYMOUS, VAGUE, UNATTRIBUTED, NOT_A_CLAIM)
KIND_LABEL = {"named": NAMED, "anonymous": ANONYMOUS, "vague": VAGUE}

# --- closed word classes (rules/data/attribution_grammar.txt) ------------------------------------
_GRAMMAR = grammar()
_DETERMINERS = _GRAMMAR["determiners"]
_QUANTIFIERS = _GRAMMAR["quantifiers"]
_AUXILIARIES = _GRAMMAR["auxiliaries"]
_TIME_WORDS = _GRAMMAR["time-words"]
_BREAK_WORDS = _GRAMMAR["break-words"]
_MODIFIER_START = _GRAMMAR["modifier-start"]
_POST_MODIFIER = _GRAMMAR["post-modifier"]
_PRONOUNS = {
    "he": "singular",
    "she": "singular",
    "they": "plural",
    "it": "thing",
    "we": "plural",
    "i": "singular",
    "you": "singular",
}
_POSSESSIVES = _GRAMMAR["possessives"]
_PUNCT = "\"'“”‘’()[]{},.;:!?—–-…*"
_SENTENCE_OPENERS = _GRAMMAR["sentence-openers"]
_NUMBER_WORDS = _GRAMMAR["number-words"]
_NAME_PARTICLES = _GRAMMAR["name-particles"]
_PASSIVE_AUX = _GRAMMAR["passive-aux"]
_PASSIVE_SPEECH = _GRAMMAR["passive-speech"]
_CAPITAL_STOP = _GRAMMAR["capital-stop"]
_DOCUMENT_NOUNS = frozenset(["report", "reports", "study", "studies", "survey", "surveys", "poll", "polls", "statement", "document"])

# A word (letters, digits, apostrophes, hyphens; inner dots before a letter or digit: "U.S.") or a
# punctuation mark. Written unrolled (a run of word characters, then dot-led runs), which matches the
# same tokens as the one-character-at-a-time form ``[^\W_](?:[\w'’\-]|\.(?=[^\W_]))*`` twice as fast.
_TOKEN = re.compile(r"[^\W_][\w'’\-]*(?:\.[^\W_][\w'’\-]*)*(?:(?<=\.[^\W_])\.)?|''|[,;:()\[\]—–\"“”‘’«»]")
_SPLIT = re.compile(r"''|[,;:()\[\]—–\"“”‘’«»]")
_SPLIT_TOKENS = frozenset(("''", *',;:()[]—–"“”‘’«»'))  # the tokens _SPLIT matches whole (a set lookup is faster)
_QUOTE_TOKENS = frozenset(('"', "“", "”", "«", "»", "''"))
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_YEAR_OR_DAY = re.compile(r"1[89]\d\d|20\d\d|[1-9]|[12]\d|3[01]")
_FIXED_FIRST = re.compile(r"\bin the first place\b|\bfirst lad(?:y|ies)\b|\bat first\b|\bfirst of all\b|\bfirst[- ]hand\b")
# "first" that ranks: "the first state to ...", "the first time since 1990", "first-ever"; not an ordinal in a
# sequence ("the first session of the synod", "attack first")
_FIRST_RANKS = re.compile(
    r"\bfirst[- ]ever\b|\bfor the first time\b"
    r"|\bfirst (?:[\w\-]+ ){0,6}?(?:to|since|ever|who|in (?:history|years|decades|a decade|a century)|of (?:its|their) kind)\b"
)
_AMOUNT_AFTER = re.compile(r"\s*(?:per|million|billion|bn|m|k)\b", re.IGNORECASE)  # a currency letter's amount: "P95 per kg"
_TIME_OF_DAY = re.compile(r"\b([a-z]+)\s+(?:in the (?:morning|afternoon|evening)|at night|o['’]clock)")  # group 1: the number word
_LIST_MARK = re.compile(r"\(?(?:\d{1,2}|[a-z])[.)]|[-•*–—]")  # "3.", "b)", "(2)", "-", "•"
_CLOCK = re.compile(r"\d{1,2}[:.]\d\d(?:[:.]\d\d)?")
# a quantity, or a time of day ("22:00", "10.30pm", "3 a.m."), which is no quantity: group "clock"
# (a duration such as "33:30" is a quantity)
_NUMBER = re.compile(
    r"(?P<clock>(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\b\.?)?|\d{1,2}(?:\.[0-5]\d)?\s*[ap]\.?m\b\.?)"
    r"|\d[\d,.]*(?:\s*(?:%|percent|per cent|million|billion|trillion))?",
    re.IGNORECASE,
)
_QUOTE_CHAR = re.compile(r"[\"“”«»]|''|(?<![\w’'])‘|’(?![\w])")
_QUOTE_BEFORE = re.compile(r"[,.!?]?[\"”']+\s+(?:\w+\s+){0,3}$")
# A double quotation mark or "''". Written to start with a character set (an apostrophe is taken
# only before another), which the regular-expression engine skips to directly: the same matches as
# ``[\"“”«»]|''``, twice as fast.
_DOUBLE_QUOTE_CHAR = re.compile(r"[\"“”«»'](?:(?<=')'|(?<!'))")
_COLON_SPEAKER = re.compile(r"([A-Z][\w.'’\-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w.'’\-]*){0,4})\s*:\s+(?=\S)")
# a roundup label opening a paragraph: "Jane Roe, The Daily Ledger: \"...", "Jane Roe (Ledger): \"...",
# "JANE ROE, Economics Editor: \"...": the person (group 1) before an outlet or a title, then the quotation
_ROUNDUP = re.compile(
    r"([A-Z][\w.'’\-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w.'’\-]*){1,3})(?:,\s+[^,:;\"“\n]{2,60}?|\s+\([^()\"“\n]{2,60}\))\s*:\s+(?=[\"“])"
)
# an inverted tag that introduces a quotation: "Added the senator: \"...", "Continued Stone:" (group 1 the cue)
_INVERTED_TAG = re.compile(r"([A-Z][a-z]+)\s+((?:the\s+)?[A-Za-z][\w.'’\-]*(?:\s+[\w.'’\-]+){0,5}?)\s*:\s*(?=[\"“]|$)")
_SENT_END = re.compile(r"[.!?…:][\"'”’)\]]*\s*$")
_CAPITALISED = re.compile(r"[A-Z]")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # ``w[:1] in _UPPER``: what _CAPITALISED.match(w) tells, faster
_LOW_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# every byte but a-z and "-" to a space: the lower-case words of a text are then its space-separated
# runs (the runs with a hyphen told apart by _LOW_WORD), several times faster than _LOW_WORD alone
_WORD_BYTES = bytes(c if 97 <= c <= 122 or c == 45 else 32 for c in range(256))
_WORD_CHAR = re.compile(r"[\w'’\-]").match


# Not frozen, for speed: a frozen dataclass's __init__ sets each of these 14 fields with a call to
# object.__setattr__ (about five times slower, and a few dozen are made per article). The analysis
# never changes an Attribution once made (``dataclasses.replace`` makes a new one); ``unsafe_hash``
# gives the hash a frozen one has.
@dataclass(slots=True, unsafe_hash=True)
class Attribution:
    """One attribution: a cue, maybe a source, and what kind of source it is."""

    kind: str  # named, anonymous or vague
    name: str  # the source as listed in the inventory ("Israel Katz", "anonymous: officials")
    via: str  # verb, according-to, noun, passive, hedge, colon
    sentence: int
    cue_start: int
    cue_end: int
    source_start: int | None = None
    source_end: int | None = None
    reason_start: int | None = None  # where the article says why the source is unnamed
    reason_end: int | None = None
    plural: bool = False
    cue_class: str = ""  # speech, stance, evidence, cognition, intention (verbs); noun; according
    pronoun: bool = False  # a pronoun or "the official": it refers back to an earlier mention of the source
    implicit: bool = False  # a long-tail cue (_fallback_attributions): not a citation, kept out of the inventory

    @property
    def reason_given(self) -> bool:
        return self.reason_start is not None


@dataclass(slots=True, unsafe_hash=True)  # not frozen, for speed (as Attribution)
class Quote:
    start: int
    end: int
    words: int
    chain: int  # quotes continued across paragraphs share a chain number


@dataclass(slots=True)
class SentenceInfo:
    index: int
    start: int
    end: int
    label: str = UNATTRIBUTED
    reason: str = ""  # why it is (not) a claim, or how it got its source
    evidence: str = ""  # the text that decided the claim reason
    evidence_start: int | None = None
    evidence_end: int | None = None
    attributions: list[Attribution] = field(default_factory=list)  # cues in this sentence
    inherited: Attribution | None = None  # the source of the quotation / context it belongs to
    via_context: str = ""  # quote, introduced
    quoted: float = 0.0  # share of its characters inside quotation marks

    @property
    def source(self) -> Attribution | None:
        if self.attributions:
            return _best(self.attributions)
        return self.inherited


@dataclass(frozen=True, slots=True)
class OrphanQuote:
    start: int
    end: int
    words: int
    sentence: int


@dataclass(slots=True)
class Analysis:
    sentences: list[SentenceInfo]
    attributions: list[Attribution]
    quotes: list[Quote]
    orphans: list[OrphanQuote]
    checked: bool = True  # False when the text is not English: nothing was judged
    genre: str = ""  # why the text's own sentences are no claims (opinion, a review, a guide): it gets no attribution score

    def count(self, label: str) -> int:
        return sum(1 for s in self.sentences if s.label == label)


# --- quotations ----------------------------------------------------------------------------------
def _quotes(article: Article) -> list[Quote]:
    text = article.text
    out: list[Quote] = []
    chain = 0
    carry = False  # the previous paragraph ended inside a quotation
    for para in article.paragraphs:
        open_at = -1
        open_ch = ""
        first = True
        ptext = text[para.start : para.end]
        if "‘" in ptext:
            marks = _QUOTE_CHAR.finditer(text, para.start, para.end)
        elif '"' in ptext or "“" in ptext or "”" in ptext or "''" in ptext or "«" in ptext:
            marks = _DOUBLE_QUOTE_CHAR.finditer(text, para.start, para.end)
        else:
            carry = False
            continue
        for m in marks:
            ch = m.group()
            if ch == '"' and open_at < 0 and m.start() > para.start and text[m.start() - 1].isdigit():
                continue  # an inch mark (6'3"), not a quotation
            if ch in "‘’" and open_ch not in ("", "‘"):
                continue  # an apostrophe or a quotation nested in a double-quoted one
            if ch in "“«‘":
                opening = True
            elif ch in "”»’":
                opening = False
            else:  # straight or doubled quotes: open unless one is open
                opening = open_at < 0
            if opening:
                if open_at < 0:
                    open_at, open_ch = m.start(), ch
                    if not (first and carry and m.start() == para.start):
                        chain += 1
            elif open_at < 0:  # closes a quotation opened before the paragraph (or never opened)
                if ch != "’" and first:
                    if not carry:
                        chain += 1
                    out.append(Quote(para.start, m.end(), _count_words(text, para.start, m.end()), chain))
            else:
                out.append(Quote(open_at, m.end(), _count_words(text, open_at, m.end()), chain))
                open_at, open_ch = -1, ""
            first = False
        if open_at >= 0 and open_ch != "‘":
            out.append(Quote(open_at, para.end, _count_words(text, open_at, para.end), chain))
            carry = True
        else:
            carry = False
    return out


def _count_words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


# --- sources -------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Source:
    start: int
    end: int
    kind: str  # named, anonymous, vague, pronoun
    name: str
    plural: bool


_last_tokens: tuple[str, int, int, list[tuple[int, int, str]]] = ("", 0, 0, [])
_tok_start = itemgetter(0)
_tok_end = itemgetter(1)


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The tokens of ``text[start:end]``. A window inside the last one tokenised that starts where
    one of its tokens starts and ends where one ends (a source span found in it) is read from it:
    the same tokens, since a token's extent depends on nothing before its start or after its end."""
    global _last_tokens
    last_text, last_start, last_end, last = _last_tokens
    if last_text is text and last_start <= start and end <= last_end and start < end:
        i = bisect_left(last, start, key=_tok_start)
        j = bisect_left(last, end, key=_tok_end)
        if i < len(last) and j < len(last) and last[i][0] == start and last[j][1] == end:
            return last[i : j + 1]
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    _last_tokens = (text, start, end, toks)
    return toks[:]  # the caller's own copy


def _is_skip(tok: str) -> bool:
    low = tok.lower()
    if low in _AUXILIARIES or low in _TIME_WORDS:
        return True
    if tok[0].isdigit():
        return True
    return tok.islower() and low.endswith("ly") and len(low) > 4


def _left_source(text: str, lex: Lexicon, start: int, cue: int) -> tuple[int, int] | None:
    """The subject of the cue at ``cue``: the noun phrase of the clause to its left."""
    toks = _tokens(text, max(start, cue - 160), cue)
    i = len(toks) - 1
    while i >= 0 and _is_skip(toks[i][2]):
        i -= 1
    # The runs of tokens between punctuation, right to left: the last four at most (no more are read).
    segments: list[list[tuple[int, int, str]]] = []
    run_end = i + 1
    for j in range(i, -1, -1):
        tok = toks[j][2]
        if tok in _SPLIT_TOKENS:
            if run_end > j + 1:
                segments.append(toks[j + 1 : run_end])
                if len(segments) == 4:
                    break
            run_end = j
            if tok in _QUOTE_TOKENS:
                break  # a quotation ends the clause
    else:
        if run_end > 0:
            segments.append(toks[:run_end])
    if not segments:
        return None
    if segments[0][-1][2].lower() in ("who", "which", "that") and len(segments[0]) > 1:
        segments[0] = segments[0][:-1]  # "a staffer who told": the antecedent speaks
    # An apposition after a name names the same source: "Patrick Leahy, Democrat of Vermont, said";
    # "Jean Dupont, the foreign minister, a member of the council, said".
    for n in (1, 2):
        if (
            n < len(segments)
            and _is_name(segments[n])
            and not all(t[2].lower() in _TIME_WORDS for t in segments[n])  # "On Monday, several tenants said"
            and not _is_name(segments[0], False)
            and not _is_pronoun(segments[0])
            and all(not _is_name(segments[m], False) for m in range(1, n))
        ):
            name = _name_tail(segments[n])
            return name[0][0], name[-1][1]
    j = 0
    while j + 1 < len(segments) and j < 3:
        seg = segments[j]
        head = seg[0][2].lower()
        prev = segments[j + 1]
        hop = head in _MODIFIER_START or (head.endswith("ing") and seg[0][2].islower())
        if (
            not hop
            and (head in _DETERMINERS or head in _NUMBER_WORDS)
            and len(prev) <= 4
            and (all(t[2][:1] in _UPPER for t in prev) or prev[-1][2].lower() in lex.anonymous_nouns)
        ):
            hop = True  # apposition: "Katz, the defence minister, said"; "Two officials, one Israeli, told"
        if not hop:
            break
        j += 1
    main = segments[j]
    if j > 0 and segments[j - 1][0][2].lower() == "which":
        # "members of the government, which has denied": the thing before "which" is the source
        cut = max((n for n, t in enumerate(main) if t[2].lower() in ("of", "for", "at", "from")), default=-1)
        if 0 <= cut < len(main) - 1:
            main = main[cut + 1 :]
    # The tail of the clause after its last conjunction or subordinator.
    k = len(main)
    nouns = lex.source_nouns
    while k > 0:
        word = main[k - 1][2]
        low = word.lower()
        if low in ("and", "or"):
            # coordinated sources: "Trump and Israeli officials", "Human Rights Watch and other groups"
            if k >= 2 and k < len(main) and (main[k - 2][2][:1] in _UPPER or main[k - 2][2].lower() in nouns):
                k -= 1
                continue
            break
        if low in _BREAK_WORDS:
            break
        if k < len(main) and word.islower() and (low in _AUXILIARIES or low in lex.cue_forms or _verb_like(main, k - 1, lex)):
            break
        k -= 1
    tail = main[k:]
    if not tail:
        return None
    if len(tail) > 10:
        tail = tail[:6]
    return tail[0][0], tail[-1][1]


def _name_tail(seg: list[tuple[int, int, str]], prefixed: bool = True) -> list[tuple[int, int, str]]:
    """The name a segment ends with: "and John Bentel" -> "John Bentel"; "the economist Jared
    Bernstein" -> "Jared Bernstein"."""
    k = len(seg)
    while k > 0 and seg[k - 1][2].lower() not in _BREAK_WORDS:
        k -= 1
    tail = seg[k:]
    n = len(tail)
    while n > 0 and (tail[n - 1][2][:1] in _UPPER or tail[n - 1][2].lower() in _NAME_PARTICLES):
        n -= 1
    if prefixed and n > 0 and len(tail) - n >= 2:
        return tail[n:]
    return tail


def _is_name(seg: list[tuple[int, int, str]], prefixed: bool = True) -> bool:
    """A short run of capitalised words: "Patrick J. Leahy", "Jean-Marc Ayrault" (with ``prefixed``,
    also after a lower-case role: "the economist Jared Bernstein")."""
    words = [t[2] for t in _name_tail(seg, prefixed)]
    if not 1 <= len(words) <= 5 or words[0].lower() in _CAPITAL_STOP:
        return False
    return all(w[:1] in _UPPER or w.lower() in _NAME_PARTICLES for w in words)


def _is_pronoun(seg: list[tuple[int, int, str]]) -> bool:
    return len(seg) == 1 and seg[0][2].lower() in _PRONOUNS


def _verb_like(toks: list[tuple[int, int, str]], i: int, lex: Lexicon) -> bool:
    """A past-tense verb ("voiced", "pressed"), not a post-modifier ("involved in", "published in")."""
    low = toks[i][2].lower()
    if not low.endswith("ed") or lex.qualifiers.match(low):
        return False
    nxt = toks[i + 1][2].lower() if i + 1 < len(toks) else ""
    return nxt not in _POST_MODIFIER


def _right_source(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase right after a cue ("said the minister", "according to the ministry")."""
    toks = _tokens(text, start, end)
    out: list[tuple[int, int, str]] = []
    for tok in toks:
        low = tok[2].lower()
        if _SPLIT.fullmatch(tok[2]) or low in ("that", "which", "who", "when", "as", "because", "while", "if"):
            break
        if not out and low in ("on", "in", "at", "to", "last", "this", "during"):
            break
        out.append(tok)
        if len(out) >= 10:
            break
    while out and out[-1][2].lower() in _TRAILING_SKIP:
        out.pop()
    if not out:
        return None
    return out[0][0], out[-1][1]


def _classify(text: str, lex: Lexicon, start: int, end: int) -> _Source:
    toks = [t for t in _tokens(text, start, end) if t[2] not in _SPLIT_TOKENS]
    if not toks:
        return _Source(start, end, "named", text[start:end].strip(), False)
    if len(toks) == 1 and toks[0][2].lower() in _PRONOUNS:
        low = toks[0][2].lower()
        return _Source(start, end, "pronoun", low, _PRONOUNS[low] == "plural")
    # pre-modifiers and head / post-modifiers
    cut = len(toks)
    for n in range(1, len(toks)):
        word = toks[n][2]
        low = word.lower()
        if low in _POST_MODIFIER or (word.islower() and low.endswith("ed")):
            cut = n
            break
    pre, post = toks[:cut], toks[cut:]
    head_tok = pre[-1][2] if pre else toks[-1][2]
    head = _strip_possessive(head_tok).lower()
    words = [t[2] for t in pre]
    lowers = [w.lower() for w in words]
    first_low = lowers[0] if words else ""
    proper = [
        w
        for n, w in enumerate(words)
        if w[:1] in _UPPER
        and _strip_possessive(w) not in lex.demonyms
        and not (n == 0 and first_low in _NOT_NAME_START)
        and lowers[n] not in lex.source_nouns
        and lowers[n] not in _TIME_WORDS
    ]
    plural = (head_tok.islower() or head in lex.anonymous_nouns or head in lex.vague_nouns) and (
        (head.endswith("s") and not head.endswith("ss")) or head in _PLURAL_NOUNS
    )
    post_text = " ".join([t[2] for t in post])
    if "and" in lowers or "or" in lowers:
        if proper:
            return _Source(start, end, "named", _proper_phrase(words) or " ".join(proper), True)
        if head in lex.anonymous_nouns and lex.qualifiers.match(post_text):
            return _Source(start, end, "anonymous", f"anonymous: {_plural(head)}", True)  # "data and two people involved in ..."
        if any(w in lex.vague_nouns or w in _QUANTIFIERS for w in lowers) or any(
            w.endswith("s") and w not in lex.anonymous_nouns and w not in ("and", "or") for w in lowers
        ):
            return _Source(start, end, "vague", f"vague: {head}", True)  # "experts and some lawmakers"
    if head in lex.on_record or (len(pre) >= 2 and f"{pre[-2][2]} {head}".lower() in lex.on_record):
        body = _proper_phrase([t[2] for t in post]) or head
        return _Source(start, end, "named", f"{head} ({body})" if body != head else head, False)
    if (
        head_tok[:1].isupper()
        and len(pre) >= 2
        and pre[-2][2][:1] in _UPPER
        and _strip_possessive(pre[-2][2]) not in lex.demonyms
        and pre[-2][2].lower() not in _NOT_NAME_START
    ):
        return _Source(start, end, "named", _proper_phrase(words) or head_tok, False)  # "Business Insider"
    if (
        head in lex.vague_nouns
        and head not in lex.anonymous_nouns
        and len(post) >= 2
        and post[0][2].lower() in ("at", "from", "with")
        and (org := _proper_phrase([t[2] for t in post[1:]]))
    ):
        return _Source(start, end, "named", org, plural)  # "analysts at Carnegie", "researchers at Stanford": their institution
    if head in lex.anonymous_nouns and not (head in lex.vague_nouns and not lex.qualifiers.match(post_text)):
        if head in ("person", "people") and proper:
            return _Source(start, end, "named", _proper_phrase(words) or head, plural)
        return _Source(start, end, "anonymous", f"anonymous: {_plural(head)}", plural)
    if (
        (head in lex.vague_nouns or first_low in _QUANTIFIERS)
        and (not proper or first_low in _QUANTIFIERS)
        and not lex.qualifiers.match(post_text)
    ):
        return _Source(start, end, "vague", f"vague: {head}", plural)
    if head in lex.vague_nouns and lex.qualifiers.match(post_text):
        return _Source(start, end, "anonymous", f"anonymous: {_plural(head)}", plural)
    if proper:
        return _Source(start, end, "named", _proper_phrase(words) or " ".join(proper), plural)
    if head in _DOCUMENT_NOUNS and (first_low in ("a", "an", "one", "some", "new", "recent") or len(pre) == 1) and not _has_capital(post):
        return _Source(start, end, "vague", f"vague: {_plural(head)}", plural)
    if (
        len(words) >= 2
        and first_low != "the"
        and any(_strip_possessive(w) in lex.demonyms and w.isalpha() and not w.isupper() for w in words)
        and all(_strip_possessive(w) in lex.demonyms or w.lower() in _DETERMINER_OR_STOP for w in words)
    ):
        return _Source(start, end, "anonymous", f"anonymous: {head}", plural)
    name = " ".join(w for w in words if w.lower() not in _DETERMINERS).lower() or head
    return _Source(start, end, "named", name, plural)


def _is_proper(name: str) -> bool:
    """A source name that is a proper name ("Barack Obama"), not a role ("israeli officials")."""
    return ":" not in name and name[:1] in _UPPER


def _has_capital(toks: list[tuple[int, int, str]]) -> bool:
    return any(t[2][:1] in _UPPER for t in toks)


def _strip_possessive(word: str) -> str:
    last = word[-1:]
    if last == "s":
        return word[:-2] if word[-2:-1] in ("'", "’") else word  # "Trump's"
    if last == "'" or last == "’":
        return word[:-1]  # "the officials'"
    return word


def _plural(noun: str) -> str:
    if noun.endswith("s") or noun == "people":
        return noun
    if noun == "person":
        return "people"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _proper_phrase(words: list[str]) -> str:
    """The longest run of capitalised words ("Defense Minister Israel Katz", "Times of Israel")."""
    best: list[str] = []
    run: list[str] = []
    for w in words:
        if w[:1] in _UPPER and w.lower() not in _CAPITAL_STOP:
            run.append(_strip_possessive(w))
        elif run and w.lower() in _NAME_JOINERS:
            run.append(w)
            continue
        else:
            while run and run[-1][:1] not in _UPPER:
                run.pop()
            if len(run) > len(best):
                best = run
            run = []
    while run and run[-1][:1] not in _UPPER:
        run.pop()
    if len(run) > len(best):
        best = run
    return " ".join(best)


def _best(attributions: list[Attribution]) -> Attribution:
    """The attribution that labels a sentence: "according to" over the main reporting verb over an
    agentless passive over a hedge, and any of them over an actor's implicit cue ("the minister has
    reportedly offered to resign": a hedge); among equals, a named source over an unnamed one ("Critics say
    ..., said historian Jo Roe": the sentence names its source), then the first."""
    if len(attributions) == 1:
        return attributions[0]
    order = {"according-to": 0, "verb": 1, "colon": 1, "noun": 1, "passive": 2, "hedge": 3}
    return min(
        attributions, key=lambda a: (a.implicit or a.cue_class == "intention", order.get(a.via, 1), not names_source(a), a.cue_start)
    )


def names_source(att: Attribution) -> bool:
    """The attribution names its source: a person, an organisation or a document, resolved."""
    return att.kind == "named" and not att.implicit and att.cue_class != "intention" and not att.name.startswith("unresolved")


# --- the analysis --------------------------------------------------------------------------------
_LEADING = _GRAMMAR["leading"]
# unions used in loops, computed once
_TRAILING_SKIP = _TIME_WORDS | _AUXILIARIES | {"on", "in", "at", "by", "of"}
_NOT_NAME_START = _CAPITAL_STOP | _DETERMINERS | _QUANTIFIERS
_DETERMINER_OR_STOP = _DETERMINERS | _CAPITAL_STOP
_NAME_JOINERS = _NAME_PARTICLES | {"of", "for", "the", "and"}
_NOT_ACTOR_START = _DETERMINERS | _CAPITAL_STOP | _BREAK_WORDS | _SENTENCE_OPENERS | frozenset(_PRONOUNS)
_CONTRACTION_START = _SENTENCE_OPENERS | frozenset(_PRONOUNS) | {"what", "who", "here", "there", "let"}
_SUBORDINATE_OPEN = _GRAMMAR["subordinate-open"]
_NOT_SPEECH_BEFORE = _GRAMMAR["not-speech-before"]
_WRITTEN_TEXTS = _GRAMMAR["written-texts"]
_PERSONAL = frozenset(("he", "she", "they"))
_OPEN_QUOTES = frozenset("\"“‘'«")
_CLOSE_QUOTES = frozenset("\"”’'»")
_PASSIVE_NOT_SPEECH = re.compile(rf"\s+(?:{'|'.join(sorted(map(re.escape, _GRAMMAR['passive-not-speech']), key=len, reverse=True))})\b")
ACT_NOT_REPORT = _GRAMMAR["act-not-report"]


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    kind: str  # verb, according, noun, nominal, weak (see _fallback_attributions)
    form: str


ENGLISH_SAMPLE_CHARS = 2000  # the start of the body sampled for the language test
MIN_ENGLISH_SHARE = 0.04  # English: ~0.29 of its words are function words (lists ~0.05); German, Italian...: 0.00-0.03


def _reads_as_english(text: str, start: int) -> bool:
    """The share of frequent English function words among the sample's words (too few words: yes)."""
    words = letter_words(text[start : start + ENGLISH_SAMPLE_CHARS].lower())  # its runs of a-z
    return len(words) < 30 or english_share(words) >= MIN_ENGLISH_SHARE


def analyse(article: Article) -> Analysis:
    lex = lexicon()
    text = article.text
    sents = article.sentences
    infos = [SentenceInfo(i, s.start, s.end) for i, s in enumerate(sents)]
    if not sents:
        return Analysis(infos, [], [], [])
    if not _reads_as_english(text, sents[0].start):
        for info in infos:  # the cues, sources and claim tests are English: abstain (PV004 reports the language)
            info.label, info.reason = NOT_A_CLAIM, "not English: attribution is only judged in English text"
        return Analysis(infos, [], [], [], checked=False)
    # the provenance record, shared with that family (memoised on the article): its dateline is no
    # source, its credit and caption lines are no claims
    record = article.derive(provenance_record)
    dateline = record.dateline
    starts = [s.start for s in sents]
    body_start, body_end = sents[0].start, sents[-1].end
    quotes = _quotes(article)
    q_starts = [q.start for q in quotes]

    def in_quote(pos: int) -> bool:
        k = bisect_right(q_starts, pos) - 1
        return k >= 0 and quotes[k].start < pos < quotes[k].end

    def sentence_of(pos: int) -> int:
        return bisect_right(starts, pos) - 1

    for q in quotes:
        lo = max(0, sentence_of(q.start))
        for k in range(lo, len(sents)):
            s = sents[k]
            if s.start >= q.end:
                break
            overlap = min(s.end, q.end) - max(s.start, q.start)
            if overlap > 0:
                infos[k].quoted += overlap / max(1, s.end - s.start)

    by_sentence: list[list[_Cue]] = [[] for _ in sents]
    hedges: dict[int, list[tuple[int, int]]] = {}  # sentence -> its hedges (few sentences have one)
    # the gates' first test, done here when it is their only one: a trigger word among the sentence's words
    according_words = lex.according.words if lex.according.only_words else None
    hedge_words = lex.hedge.words if lex.hedge.only_words else None
    hedge_anchors = lex.hedge.anchors_needed(text)  # tested next: half the sentences have a trigger ("is")
    low_body = text[body_start:body_end].lower()
    same_length = len(low_body) == body_end - body_start
    # low_body with every character that _LOW_WORD cannot match as a space (one byte per character)
    letters = low_body.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii")
    lows: list[str] = []
    wsets: list[set[str]] = []
    for k, s in enumerate(sents):
        low = low_body[s.start - body_start : s.end - body_start]
        runs = letters[s.start - body_start : s.end - body_start]
        words = runs.split()
        if "-" in runs and ("--" in runs or " -" in runs or "- " in runs or runs[0] == "-" or runs[-1] == "-"):
            # "well-known" stays whole (as above), a stray, leading or doubled hyphen separates
            words = [w for run in words for w in (_LOW_WORD.findall(run) if "-" in run else (run,))]
        wset = set(words)  # the words in _LOW_WORD.findall(low)'s order: the same set iteration order
        lows.append(low)
        wsets.append(wset)
        found = wset & lex.cue_words
        if found:
            # cue forms are lower case: in title-case headlines look them up case-insensitively
            hay, offset = text[s.start : s.end], s.start
            if same_length and not all(map(hay.__contains__, found)) and _is_title_case(hay):  # (map: faster than a generator)
                hay = low
            for form in found:
                pos = hay.find(form)
                while pos >= 0:
                    end = pos + len(form)
                    if (pos == 0 or not _WORD_CHAR(hay[pos - 1])) and (end == len(hay) or not _WORD_CHAR(hay[end])):
                        cue = _cue(text, lex, body_start, s.start, offset + pos, offset + end, form, in_quote)
                        if cue is None:
                            cue = _nominal_cue(text, lex, offset + pos, offset + end, form, in_quote)
                        if cue is not None:
                            by_sentence[k].append(cue)
                    pos = hay.find(form, end)
        if according_words is None or not according_words.isdisjoint(wset):
            for m in lex.according.finditer(text, s.start, s.end, wset, low):
                if not in_quote(m.start()):
                    by_sentence[k].append(_Cue(m.start(), m.end(), "according", m.group()))
        if (hedge_words is None or not hedge_words.isdisjoint(wset)) and (
            hedge_anchors is None
            or not hedge_anchors.isdisjoint(wset)
            or ("-" in low and not hedge_anchors.isdisjoint(letter_runs(low)))
        ):
            found_hedges = [(m.start(), m.end()) for m in lex.hedge.finditer(text, s.start, s.end, wset, low) if not in_quote(m.start())]
            if found_hedges:
                hedges[k] = found_hedges

    turns = _transcript_turns(article, lex)
    attributions: list[Attribution] = []
    history: list[Attribution] = []
    for k, s in enumerate(sents):
        info = infos[k]
        cues = by_sentence[k]
        if cues:
            if len(cues) > 1:
                cues = sorted(cues, key=_cue_start)
            ss = s.start
            if dateline is not None and ss <= dateline.start < s.end:
                ss = max(ss, dateline.end)  # "NAIROBI, Kenya (AP) — ...": the place and the wire are no source
            own = _sentence_attributions(text, lows[k], wsets[k], lex, k, ss, s.end, cues, history, in_quote)
        else:
            own = []
        for hs, he in hedges.get(k, ()):
            clash = [a for a in own if (a.cue_start < he and hs < a.cue_end) or _within(a, hs, he)]
            if clash:
                # "critics say": the verb already carries the weasel source; "it is believed": the
                # hedge replaces a pronoun that refers to nothing
                if any(a.kind == "vague" and a.source_start is not None for a in clash):
                    continue
                if all(a.source_start is None or _within(a, hs, he) for a in clash):
                    own = [a for a in own if a not in clash]
                else:
                    continue
            via = "according-to" if any(a.via == "according-to" for a in clash) else "hedge"
            hedge = _norm_hedge(text[hs:he])
            # "is expected to win": a forecast, not a claim passed on (attributed, but no AT003)
            forecast = "expected to" in hedge
            own.append(Attribution("vague", f"vague: {hedge}", via, k, hs, he, cue_class="intention" if forecast else ""))
        if "heard" in wsets[k] or "told" in wsets[k]:
            hearing = _hearing(text, lex, k, s.start, s.end, in_quote)
            if hearing is not None:  # the proceedings, not an agentless "was told"
                own = [a for a in own if not (a.via == "passive" and a.cue_start < hearing.cue_end and hearing.cue_start < a.cue_end)]
                own.insert(0, hearing)
        turn = turns.get(k)
        if turn is not None:
            label_start, label_end = turn.label
            own = [a for a in own if a.source_start is None or not (label_start <= a.source_start < label_end)]  # "Q" is no source
            if turn.speaker is not None:
                # "we expect", "I think" in a turn: the speaker ("we" is the speaker's side)
                who = turn.speaker
                own = [replace(a, kind=who.kind, name=who.name, plural=False, pronoun=True) if _first_person(a, text) else a for a in own]
                if who.sentence == k:
                    own.insert(0, who)
        if not own:
            colon = _colon_attribution(text, lex, k, s.start, s.end)
            if colon is not None:
                own.append(colon)
        if not own:
            low = lows[k]
            # the sentence's runs of letters, when they line up with the text (see _in_document)
            letters_of: set[str] | None = None if not same_length else wsets[k] if "-" not in low else letter_runs(low) | wsets[k]
            own = _implicit_attributions(text, lex, k, s.start, s.end, by_sentence[k], history, in_quote, letters_of)
            if not own:
                continue  # the sentence keeps its empty list of attributions
        if len(own) > 1:
            own.sort(key=_att_start)
        info.attributions = own
        attributions.extend(own)
        history.extend(a for a in own if a.via != "hedge")

    orphans = _assign_quotes(article, lex, infos, quotes, sentence_of)
    _assign_introduced(article, infos)
    _assign_documents(article, infos)
    for k, turn in turns.items():  # a turn's other sentences are its speaker's too
        info = infos[k]
        if turn.speaker is not None and not info.attributions and info.inherited is None:
            info.inherited, info.via_context = turn.speaker, "transcript turn"
    for info in infos:
        _label(article, lex, info, lows[info.index], wsets[info.index])
    for k, turn in turns.items():
        info = infos[k]
        if turn.speaker is None and not info.attributions and info.inherited is None:
            _set(info, NOT_A_CLAIM, "interviewer's question (Q&A)")
    _credit_lines(record, infos)
    genre = "opinion, letters, review or recipe" if _genre(article, lex) else writer_voice(text, infos)
    if genre:
        for info in infos:  # opinion, letters, a review, a recipe, a guide: views and instructions, not checkable claims
            if info.label == UNATTRIBUTED:
                _set(info, NOT_A_CLAIM, genre)
    return Analysis(infos, attributions, quotes, orphans, genre=genre or "")


GENRE_PARAGRAPHS = 3  # the paragraphs at the top where a genre label ("Opinion", "Letters") is looked for


def _genre(article: Article, lex: Lexicon) -> bool:
    """A label among the first paragraphs that marks the text as opinion, letters, a review or a
    recipe ("OPINION", "Letters to the editor", "Review: ...", "Ingredients:")."""
    genre = lex.genre
    if genre is None:
        return False
    text = article.text
    top = any(p.end - p.start <= 80 and genre.fullmatch(text[p.start : p.end].strip()) for p in article.paragraphs[:GENRE_PARAGRAPHS])
    # a recipe's "Ingredients" heading may come anywhere
    paras = article.paragraphs
    return top or any(text[p.start : p.end].strip().lower().rstrip(":") == "ingredients" for p in paras if p.end - p.start <= 14)


def _hearing(text: str, lex: Lexicon, k: int, ss: int, se: int, in_quote: Callable[[int], bool]) -> Attribution | None:
    """ "The court heard that ...", "Jurors were told ...": evidence given in a hearing, sourced to
    the proceedings (named: they are on the record)."""
    m = lex.hearing.search(text, ss, se)
    if m is None or in_quote(m.start()):
        return None
    body = m.group(1).lower()
    return Attribution("named", f"{body} (hearing)", "verb", k, m.start(2), m.end(2), m.start(), m.end(1))


@dataclass(frozen=True, slots=True)
class _Turn:
    label: tuple[int, int]  # the speaker label before the colon ("Q", "A", "REYES")
    speaker: Attribution | None  # the attribution of every sentence of the turn; None for an interviewer's question


# "Q:", "A:", "Question:", "Answer:", or a speaker's name in capitals ("REYES:", "SEN. OKONKWO:")
_TURN = re.compile(r"(?:((?i:Q|Question))|((?i:A|Answer))|((?:[A-Z][A-Z.'’\-]*\s+){0,3}[A-Z][A-Z.'’\-]*[A-Z.]))\s*:\s+(?=\S)")


def _transcript_turns(article: Article, lex: Lexicon) -> dict[int, _Turn]:
    """The sentences of an interview or hearing transcript's turns, by sentence index: the paragraphs
    that open with a speaker label. "Q:" paragraphs are the interviewer's questions and "A:" ones
    the interviewee's answers when the article has both (the source "interviewee", kind named: the
    article names the person, the label does not); "REYES:" paragraphs are that speaker's when two
    or more paragraphs open with a name in capitals."""
    text = article.text
    found: list[tuple[int, re.Match[str]]] = []
    for n, para in enumerate(article.paragraphs):
        if text[para.start : para.start + 1].isupper():
            m = _TURN.match(text, para.start, para.end)
            if m is None or (m.group(3) and (_not_a_speaker(m.group(3), lex) or not _speech(text, m.end(), para.end))):
                continue  # "UPDATE: ...", "ENGINE: 2.0 liter inline-4": a label and a value, not a speaker's turn
            found.append((n, m))
    qa = any(m.group(1) for _, m in found) and any(m.group(2) for _, m in found)
    named = sum(1 for _, m in found if m.group(3)) >= 2
    if not qa and not named:
        return {}
    para_of = article.sentence_paragraph
    first = {para_of[k]: k for k in range(len(para_of) - 1, -1, -1)}  # paragraph -> its first sentence
    turns: dict[int, _Turn] = {}
    for n, m in found:
        k = first.get(n)
        if k is None or (m.group(3) and not named) or (not m.group(3) and not qa):
            continue
        label = (m.start(), m.end(m.lastindex or 0))
        colon = text.index(":", label[1])
        speaker = None
        if m.group(2):
            speaker = Attribution("named", "interviewee", "colon", k, colon, colon + 1, *label)
        elif m.group(3):
            name = _classify(text, lex, *label).name
            speaker = Attribution("named", name.title() if name.isupper() else name, "colon", k, colon, colon + 1, *label)
        while k < len(para_of) and para_of[k] == n:
            turns[k] = _Turn(label, speaker)
            k += 1
    return turns


def _speech(text: str, start: int, end: int) -> bool:
    """What follows a speaker label reads as speech: four words or more, ending a sentence."""
    said = text[start:end].rstrip()
    return len(said.split()) >= 4 and said[-1:] in ".?!…\"'”’)"


_FIRST_PERSON = frozenset(("i", "we", "i'm", "i've", "i'd", "i'll", "we're", "we've", "we'd", "we'll"))


def _first_person(att: Attribution, text: str) -> bool:
    """The attribution's source is the speaker's "I" or "we"."""
    if att.source_start is None or att.source_end is None:
        return False
    return text[att.source_start : att.source_end].lower().replace("’", "'") in _FIRST_PERSON


def _not_a_speaker(label: str, lex: Lexicon) -> bool:
    """A label before a colon that names no speaker: "Update", "PHOTO", "Note", a demonym."""
    low = label.lower()
    return low in lex.not_speakers or low in lex.on_record or all(w in lex.demonyms for w in label.title().split())


def _credit_lines(rec: Record, infos: list[SentenceInfo]) -> None:
    """Sentences the provenance record reads as a byline, sign-off, contributor or credit line, or a
    photo caption ("AP writer X contributed", "(AP Photo/Y)"), are not claims of the article."""
    spans = [(f.start, f.end) for f in (*rec.signoffs, *rec.contributors)]
    spans += [(c.start, c.end) for c in rec.credits]
    spans += [(c.start, c.end) for c in rec.captions]
    if rec.byline is not None:
        spans.append((rec.byline.start, rec.byline.end))
    if not spans:
        return
    for info in infos:
        if info.label != UNATTRIBUTED:
            continue
        inside = sum(max(0, min(e, info.end) - max(s, info.start)) for s, e in spans)
        if inside * 2 >= info.end - info.start:
            info.label, info.reason = NOT_A_CLAIM, "credit, sign-off or caption (provenance record)"
            info.evidence, info.evidence_start, info.evidence_end = "", None, None


_cue_start = attrgetter("start")
_att_start = attrgetter("cue_start")


def _cue(
    text: str, lex: Lexicon, body_start: int, sentence_start: int, start: int, end: int, form: str, in_quote: Callable[[int], bool]
) -> _Cue | None:
    """A cue word at ``text[start:end]`` (``form`` lower case) of the sentence from ``sentence_start``,
    unless it is a noun or quoted."""
    if in_quote(start):
        return None
    prev = text[max(body_start, start - 30) : start].rsplit(None, 2)  # the last two words are read
    last = prev[-1] if prev else ""
    low = last.lower()
    possessive = low in _POSSESSIVES or (last.endswith(("'s", "’s")) and not _is_contraction(low))
    if form in lex.nouns and possessive:
        return _Cue(start, end, "noun", form)
    if form not in lex.cue_forms and form not in lex.weak:
        return None
    if low in _DETERMINERS or possessive:
        return None  # a noun: "the report", "his claims", "Trump's claim"
    if (
        form in lex.noun_like
        and (not _verbal_context(last, lex) or (len(prev) >= 2 and prev[-2].lower() in _DETERMINERS))
        and not (text.startswith((".", ";", "!"), end) and _TAG_SUBJECT.search(text, max(sentence_start, start - 50), start))
    ):
        return None  # "his Republican support"; but "..., the paper reports." is a tag
    if form in lex.needs_to and not text.startswith(" to ", end):
        return None
    if form in lex.complements and not _complement_follows(text, end, lex.complements[form]):
        return None  # "aware of", "seen as"; not "the seen and the unseen"
    if form in lex.tag_only and not (
        _QUOTE_BEFORE.search(text, max(sentence_start, start - 25), start) or text.startswith((":", ', "', ", “"), end)
    ):
        return None  # "the fighting continued" is not a speech tag
    if form in _ADD_FORMS and _ADDED_THING.match(text, end) and not _QUOTE_BEFORE.search(text, max(sentence_start, start - 25), start):
        return None  # "added 14 villages", "added to the pressure": adding something, not saying it
    after_comma = last.endswith(",") and _NAME_THEN_COMMA.match(text, end) is not None
    if form in _NAMING_FORMS and (after_comma or _names_something(text, lex, start, end, last)):
        return None  # "a bread called a Shropshire cob", "elected officials, called superdelegates,": a name
    if text.startswith((" up ", " up,", " up.", " off ", " off."), end) and lex.cue_forms.get(form) == "evidence":
        return None  # "showed up"
    if text.startswith(" with ", end) and form in ("spoke", "speak", "speaks", "talked", "talk", "talks"):
        return None  # "spoke with their consulates": a conversation, not what was said
    if form.endswith("ed"):
        after = text[end : end + 12].split()
        if after and after[0].lower() in ("is", "was", "are", "were", "by"):
            return None  # a participle modifying a noun: "the names mentioned is"
        if text[max(body_start, start - 2) : start].strip() == "," and text[end : end + 6].split()[:1] in (
            ["to"],
            ["by"],
            ["as"],
            ["in"],
            ["for"],
            ["from"],
            ["on"],
            ["after"],
        ):
            return None  # a reduced relative: "members, called to service by the governor, are"
    return _Cue(start, end, "weak" if form in lex.weak else "verb", form)


_ADD_FORMS = frozenset(("add", "adds", "added", "adding"))
# what follows "added" when something is added, not said: "to", "up", a number, an article or quantifier
_ADDED_THING = re.compile(r"\s+(?:to|up|on|in|\d[\d,.]*|a|an|another|more|some|several|two|three|four|five|new)\b", re.IGNORECASE)
_NAMING_FORMS = frozenset(("called", "named", "dubbed"))
# after "X, called": one word or a capitalised name, then the apposition closes (", called EB-5,", ", called
# superdelegates,", ", called the Legacy Fund,"); not "..., Cummings, called him a master"
_NAME_THEN_COMMA = re.compile(r"\s+(?:the\s+)?(?:[\w\-]+|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){1,5})\s*[,;)]")
_INDEFINITE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Ss]omething|[Ss]omeone)\s+(?:[a-z][\w\-]*\s+){0,2}$")  # "a bread ", "a new group "
_NAMED_AFTER = frozenset(("for", "on", "off", "out", "up", "back", "in", "it", "him", "her", "them", "me", "us"))


def _names_something(text: str, lex: Lexicon, start: int, end: int, last: str) -> bool:
    """ "called"/"named" after an indefinite noun phrase ("a bread called ...", "a new group named
    ..."), as a name is given; not a speaker's verb ("the union called the offer ...") nor "called for"."""
    low = last.lower()
    if not low.isalpha() or low in lex.source_nouns or low in lex.anonymous_nouns or low in lex.vague_nouns:
        return False
    if not _INDEFINITE_BEFORE.search(text, max(0, start - 40), start):
        return False  # "The union called the offer an insult": a speaker
    nxt = text[end : end + 12].split()[:1]
    return not nxt or nxt[0].lower().strip(",.") not in _NAMED_AFTER


def _is_title_case(sentence: str) -> bool:
    words = sentence.split()
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= 0.7 * len(words)


def _verbal_context(prev: str, lex: Lexicon) -> bool:
    low = prev.lower().strip(",")
    if low in _PRONOUNS or low in ("who", "which", "that", "to") or low in _AUXILIARIES:
        return True
    if low in lex.anonymous_nouns or low in lex.vague_nouns:
        return True
    return bool(prev) and prev[0].isupper() and not prev.endswith((",", ":", ";"))


def _sentence_attributions(
    text: str,
    low: str,
    wset: set[str],
    lex: Lexicon,
    k: int,
    ss: int,
    se: int,
    cues: list[_Cue],
    history: list[Attribution],
    in_quote: Callable[[int], bool],
) -> list[Attribution]:
    if not cues:
        return []
    marker = lex.anonymity_marker.search(text, ss, se, wset, low)
    reason = lex.anonymity_reason.search(text, ss, se, wset, low)
    verbs = [c for c in cues if c.kind == "verb"]
    out: list[Attribution] = []
    primary: list[_Cue] = []
    trailing = _trailing_cue(text, lex, ss, se, verbs, in_quote)
    if trailing is not None:
        primary = [trailing]
    else:
        lead_end = _leading_clause_end(text, ss, se)
        for c in verbs:
            if c.start < lead_end:
                continue  # "After Trump announced the plan, officials said ..."
            before = text[ss : c.start].split()
            if before and before[-1].lower() == "to":
                continue  # a complement: "refused to say", "urged Cairo to agree"
            primary = [c]
            break
        if not primary:
            primary = [c for c in verbs if text[ss : c.start].split()[-1:] != ["to"]][:1]
    for c in primary:
        att = _attribution(text, lex, k, ss, se, c, marker, reason, history)
        if att is not None:
            out.append(att)
    if not out:
        for c in cues:
            if c.kind == "noun":
                att = _attribution(text, lex, k, ss, se, c, marker, reason, history)
                if att is not None:
                    out.append(att)
                    break
    for c in cues:
        if c.kind == "according":
            att = _attribution(text, lex, k, ss, se, c, marker, reason, history)
            if att is not None:
                out.append(att)
    return out


def _trailing_cue(text: str, lex: Lexicon, ss: int, se: int, verbs: list[_Cue], in_quote: Callable[[int], bool]) -> _Cue | None:
    """The cue of a closing or parenthetical tag: "..., officials said." / '"...," said the minister.' /
    "Those who stayed, they said, include ..."."""
    for c in reversed(verbs):
        head = text[ss : c.start]
        cut = max(head.rfind(","), head.rfind("—"), head.rfind("”"), head.rfind('"'), head.rfind("–"))
        if cut < 0 or in_quote(ss + cut):
            continue
        between = _TOKEN.findall(head[cut + 1 :])
        if len(between) > 8:
            continue
        lows = [w.lower() for w in between]
        if lows and (lows[0] in _BREAK_WORDS or lows[0] in _MODIFIER_START):
            continue
        if not _TAG_BREAKS.isdisjoint(lows):  # "that", "which", "who", "when", "because", "whose", "whom"
            continue
        after = text[c.end : se]
        earlier = [e for e in verbs if e.start < ss + cut]
        # "..., said historian Jo Roe.": an inverted closing tag sources the whole sentence too
        closing = _closing_tag(lex, between, lows, after) or (not between and _few_tokens(after, 6) and not _THAT_OR_QUOTE.search(after))
        if not closing and any(not (e.form.endswith("ing") and text[ss : e.start].rstrip().endswith(",")) for e in earlier):
            continue  # an earlier reporting verb introduces this clause: the later cue is nested
        first = next(e for e in verbs if e.start > ss + cut)
        if after.lstrip().startswith(","):
            return first  # parenthetical
        if _few_tokens(after, 10) and not _THAT_OR_QUOTE.search(after):
            return first
    return None


def _closing_tag(lex: Lexicon, between: list[str], lows: list[str], after: str) -> bool:
    """The sentence ends with a tag whose subject is a plain noun phrase ("Staff recommended a
    challenge, the people said."): it sources the whole sentence, whatever verbs come before."""
    if not between or len(between) > 5 or not _few_tokens(after, 3) or _THAT_OR_QUOTE.search(after):
        return False
    first = lows[0]
    if not (first in _DETERMINERS or first in _NUMBER_WORDS or between[0][:1] in _UPPER or first in lex.source_nouns):
        return False  # "the people", "two officials", "Reuters", "officials"
    # not a clause ("the state he's called home"): no pronoun, gerund or conjunction in the subject
    return not any(
        w.endswith("ing") or w in ("what", "how", "as", "than", "and", "or") or w.replace("’", "'").split("'")[0] in _PRONOUNS for w in lows
    )


# a closing tag's subject right before a cue at the sentence's end: "..., the paper reports."
_TAG_SUBJECT = re.compile(r",\s+(?:the|a|an|its|their|his|her|our)\s+(?:[\w'’\-]+\s+){1,2}$", re.IGNORECASE)
_TAG_BREAKS = frozenset(("that", "which", "who", "when", "because", "whose", "whom"))
_THAT_OR_QUOTE = re.compile(r"\bthat\b|[,;:]\s*[\"“]")


def _few_tokens(text: str, most: int) -> bool:
    """``len(_TOKEN.findall(text)) <= most``, reading no further than needed."""
    return next(islice(_TOKEN.finditer(text), most, None), None) is None  # no token after the first ``most``


def _within(att: Attribution, start: int, end: int) -> bool:
    return att.source_start is not None and start <= att.source_start and (att.source_end or 0) <= end


def _norm_hedge(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _leading_clause_end(text: str, ss: int, se: int) -> int:
    """End of an opening subordinate clause ("After X said Y, ..."), or the sentence start."""
    first = text[ss : min(se, ss + 20)].split()[:1]
    if first and first[0].lower() in _SUBORDINATE_OPEN:
        comma = text.find(",", ss, se)
        if comma > 0:
            return comma
    return ss


def _possessor(text: str, ss: int, cs: int) -> tuple[int, int] | None:
    """The owner of a noun cue: "Trump's [claim]", "the ministry's [statement]", "her [remarks]"."""
    toks = [t for t in _tokens(text, max(ss, cs - 80), cs) if not _SPLIT.fullmatch(t[2])]
    if not toks:
        return None
    last = toks[-1]
    if last[2].lower() in _POSSESSIVES:
        return last[0], last[1]
    i = len(toks) - 1
    while i > 0 and (toks[i - 1][2][:1] in _UPPER or toks[i - 1][2].lower() in ("of", "the")) and len(toks) - i < 6:
        i -= 1
    while i < len(toks) - 1 and toks[i][2][:1] not in _UPPER:
        i += 1
    return toks[i][0], last[1] - (2 if last[2].endswith(("'s", "’s")) else 0)


def _content_before(words: list[str]) -> str:
    """The last word before a cue that is not an auxiliary or an adverb."""
    for w in reversed(words):
        low = w.lower()
        if low in _AUXILIARIES or (w.islower() and low.endswith("ly") and len(low) > 4):
            continue
        return low
    return ""


def _names_next(lex: Lexicon, np: list[tuple[int, int, str]], seg: list[tuple[int, int, str]], i: int) -> bool:
    """A study or a group of researchers, then a capitalised name within the next three tokens
    ("a study in the journal Gut", "researchers at Stanford")."""
    head = np[-1][2].lower()
    return (head in _DOCUMENT_NOUNS or head in lex.vague_nouns) and any(t[2][:1] in _UPPER for t in seg[i : i + 3])


def _clause_subject(text: str, lex: Lexicon, ss: int, cs: int) -> tuple[int, int] | None:
    """The subject at the start of the sentence: the source of "..., warning that" / "... and said"."""
    toks = _tokens(text, ss, cs)
    segs: list[list[tuple[int, int, str]]] = [[]]
    for t in toks:
        if _SPLIT.fullmatch(t[2]):
            if segs[-1]:
                segs.append([])
        else:
            segs[-1].append(t)
    for seg in segs:
        if not seg:
            continue
        if seg[0][2].lower() in ("but", "and", "so", "yet") and len(seg) > 1:
            seg = seg[1:]
        if seg[0][2].lower() in _LEADING or seg[0][2].lower() in _TIME_WORDS:
            continue
        np: list[tuple[int, int, str]] = []
        for n, t in enumerate(seg):
            low = t[2].lower()
            if np and (low in _AUXILIARIES or low in lex.cue_forms or low in _BREAK_WORDS or (t[2].islower() and low.endswith("ed"))):
                break
            if _is_skip(t[2]) and t[2].islower() and not (np and low in ("in", "at") and _names_next(lex, np, seg, n + 1)):
                break  # but "A study in the journal Gut ... found", "researchers at Stanford": the name is part of it
            np.append(t)
            if len(np) >= 8:
                break
        if np:
            return np[0][0], np[-1][1]
        return None
    return None


def _attribution(
    text: str,
    lex: Lexicon,
    k: int,
    ss: int,
    se: int,
    cue: _Cue,
    marker: re.Match[str] | None,
    reason: re.Match[str] | None,
    history: list[Attribution],
) -> Attribution | None:
    cs, ce = cue.start, cue.end
    span: tuple[int, int] | None
    via = "verb"
    if cue.kind == "according":
        span = _right_source(text, ce, se)
        via = "according-to"
        if span is None:
            return None
    elif cue.kind == "noun":
        span = _possessor(text, ss, cs)
        via = "noun"
        if span is None:
            return None
    else:
        form = cue.form
        before = text[ss:cs].split()
        idx = len(before) - 1
        while idx >= 0 and before[idx].lower().rstrip(",") in _VERB_ADVERBS:
            idx -= 1
        prev = before[idx].lower() if idx >= 0 else ""
        passive = prev in _PASSIVE_AUX and form.endswith(("ed", "en", "wn", "ld", "ght", "id", "ew", "nd", "ot", "un", "elt"))
        if passive and prev == "being" and idx >= 1 and before[idx - 1].lower() in ("that", "this", "all", "with"):
            return None  # "That being said, ...": a turn of phrase, no report
        after = text[ce:se]
        if passive and form != "asked" and not after.lstrip().startswith(("as saying", "as telling", "as stating", "as writing")):
            m = _BY.match(after)
            if m:
                span = _right_source(text, ce + m.end(), se)
            elif form in _PASSIVE_SPEECH:
                if _PASSIVE_NOT_SPEECH.match(after):
                    return None  # "was reported missing", "reported as income", "were told to leave"
                return Attribution("vague", f"vague: {form} (no agent)", "passive", k, cs, ce)
            else:
                return None
        elif (form.endswith("ing") and prev.endswith(",")) or _content_before(before) in ("and", "but", "or", "while", "by"):
            span = _clause_subject(text, lex, ss, cs)
        else:
            span = _left_source(text, lex, ss, cs)
            if span is None:
                right = _right_source(text, ce, se)
                if right is not None and (
                    text[right[0]][:1] in _UPPER or text[right[0] : right[0] + 4].lower() in ("the ", "a ", "an ")
                ):
                    span = right
    if span is None:
        if marker is not None:
            rs = reason.start() if reason else None
            return Attribution(
                "anonymous", "anonymous: unnamed", via, k, cs, ce, reason_start=rs, reason_end=reason.end() if reason else None
            )
        return Attribution("named", "unresolved", via, k, cs, ce)
    src = _classify(text, lex, span[0], span[1])
    part = _PARTITIVE.match(text, span[0], span[1]) if text.find(" of ", span[0], span[1]) > 0 else None  # (a cheap test first)
    if part is not None:  # "two of them", "one of the people familiar with the review": the group
        if part.group(1):
            src = _Source(span[0], span[1], "pronoun", "they", True)
        else:
            group = _classify(text, lex, part.end(), span[1])
            src = _Source(span[0], span[1], group.kind, group.name, group.plural)
    kind, name, plural = src.kind, src.name, src.plural
    repeat = False
    definite = _DEFINITE.match(text, span[0]) is not None
    if kind == "vague" and definite:
        # "the experts said": experts the article introduced before; "the people said" after "three
        # people familiar with the review": the same unnamed people
        noun = name.split(": ")[-1]
        same = next((a for a in reversed(history) if a.kind != "named" and a.name.split(": ")[-1] == noun), None)
        repeat = same is not None
        if same is not None:
            kind, name = same.kind, same.name
        else:
            kind, name = "named", " ".join(text[span[0] : span[1]].lower().split())
    if kind == "anonymous" and not plural and marker is None and definite:
        # "the official said": the same unnamed source again, or someone the article named before
        if any(a.name == name for a in history):
            repeat = True
        else:
            kind, name = "named", " ".join(text[span[0] : span[1]].lower().split())
    if kind == "pronoun":
        ref = _resolve(src.name, history, k)
        if ref is None:
            kind, name = "named", f"unresolved: {src.name}"
        else:
            kind, name, plural = ref.kind, ref.name, ref.plural
    if marker is not None and kind != "vague" and not (kind == "named" and src.kind == "named" and _is_proper(src.name)):
        kind = "anonymous"
        if not name.startswith("anonymous"):
            name = f"anonymous: {name.split(': ')[-1]}"
    if kind == "anonymous" and reason is None:
        reason = lex.anonymity_reason.search(text, ss, se, set(_LOW_WORD.findall(text[ss:se].lower())), text[ss:se].lower())
    rs = re_ = None
    if kind == "anonymous" and reason is not None:
        rs, re_ = reason.start(), reason.end()
    cls = lex.cue_forms.get(cue.form, cue.kind) if cue.kind == "verb" else cue.kind
    if cue.form in lex.action_before_to and _TO_VERB.match(text, ce):
        cls = "intention"  # "lawmakers agreed to cut the levy": an action, not sourcing
    elif cue.form in lex.request_before_to and _OBJECT_TO_VERB.match(text, ce):
        cls = "intention"  # "officers asked the residents to turn it down": a request, not a claim
    elif cue.kind == "verb" and _modal_or_negated(text, cue.form, ss, cs, ce):
        cls = "intention"  # "someone should ask", "have not said when", "asked whether": no claim is passed on
    elif _comparison_before(text, max(ss, span[0] - 8), span[0]):
        cls = "intention"  # "rose more than analysts expected", "not as toxic as insiders believe": a comparison
    elif _CAUSATIVE.search(text, max(ss, span[0] - 12), span[1]):
        cls = "intention"  # "to make his supporters feel ...": a feeling caused, not a statement
    elif cue.form.endswith("ing") and span[1] <= cs and not text[span[1] : cs].strip() and not text[ss : span[0]].strip(" \"“'‘("):
        cls = "intention"  # "Anyone expecting a quick fix will ...": a reduced relative clause, not a report
    return Attribution(kind, name, via, k, cs, ce, span[0], span[1], rs, re_, plural, cls, src.kind == "pronoun" or repeat)


# "to" and a word that is not a determiner or pronoun: an infinitive ("agreed to cut"), not "agreed to the plan"
_TO_VERB = re.compile(
    r"\s+to\s+(?:\w+ly\s+)?(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|him|them|us|me|it)\b)[a-z]+\b"
)


# an object of one or two words (after a determiner), then "to" and a verb: "asked the residents to
# turn", "urged lawmakers to reject"; not "told reporters the plan to cut taxes would pass", nor
# "asked not to be named"
_OBJECT_TO_VERB = re.compile(
    r"\s+(?!(?:not|never|to|that)\b)(?:(?:the|a|an|his|her|their|its|our|my|your|all|both|other|local)\s+)?[\w'’\-]+(?:\s+[\w'’\-]+)??"
    r"\s+to\s+(?:\w+ly\s+)?(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|him|them|us|me|it)\b)[a-z]+\b"
)
_DEFINITE = re.compile(r"(?:the|those|these)\s", re.IGNORECASE)  # "the experts", "those people": a group met before
# a causative verb before the source, its last word at the source's end: "make his supporters (feel)"
_CAUSATIVE = re.compile(
    r"\b(?:make|makes|made|making|let|lets|letting|leave|leaves|left|leaving)\s+(?:[\w'’\-]+\s+){0,3}[\w'’\-]+\s*$", re.IGNORECASE
)
_COMPARISON_BEFORE = re.compile(r"\b(?:than|as)\s+$", re.IGNORECASE)  # the source of a comparison clause


def _comparison_before(text: str, start: int, end: int) -> bool:
    low = text[start:end].lower()
    return ("than" in low or "as" in low) and _COMPARISON_BEFORE.search(low) is not None
_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever)\s+(?:\w+ly\s+)?$", re.IGNORECASE)  # "have not said", "didn't say"
# a question passes on no claim; "some wonder whether ..." insinuates one, so "wonder" is not here
_QUESTION_FORMS = frozenset(("ask", "asks", "asked", "asking", "question", "questions", "questioned", "questioning"))
_QUESTION_WORD = re.compile(r"\s+(?:whether|if|how|why|what|when|who|where|which)\b", re.IGNORECASE)
_RULED_OUT = re.compile(r"\s+(?:\w+\s+)?out\b")


def _modal_or_negated(text: str, form: str, ss: int, cs: int, ce: int) -> bool:
    """A reporting verb that passes on no claim: what ought to be said ("someone should ask"), negated
    ("lawmakers have not said when"), a question ("asked whether", "questioned how") or a decision
    ("ruled that out"). The patterns run only when one of their words is before the cue."""
    window = text[max(ss, cs - 30) : cs]
    low = window.lower()
    if ("should" in low or "must" in low or "ought" in low) and _OBLIGATION.search(window):
        return True
    if ("not" in low or "n't" in low or "n’t" in low or "never" in low) and _NEGATED.search(window):
        return True
    if form in _QUESTION_FORMS and _QUESTION_WORD.match(text, ce):
        return True
    return form.startswith("rule") and _RULED_OUT.match(text, ce) is not None


# a modal of obligation right before the cue ("should ask", "must not tell", "ought to explain")
_OBLIGATION = re.compile(r"\b(?:should|must|ought\s+to)(?:\s+not|n['’]t)?(?:\s+\w+ly)?\s+$", re.IGNORECASE)


_PLURAL_NOUNS = frozenset(("people", "police", "men", "women", "children", "staff", "personnel"))  # plurals with no -s
# a part of a group: "two of them", "one of the people ...", "most of those" (group 1: a pronoun)
_PARTITIVE = re.compile(
    r"(?i:one|two|three|four|five|six|several|some|most|many|all|both|each|none|either|neither|a few)\s+of\s+"
    r"(?:((?i:them|those|these|us))\b|(?=(?i:the)\s))"
)


_VERB_ADVERBS = frozenset(
    ("widely", "also", "generally", "often", "long", "not", "never", "previously", "repeatedly", "reportedly", "already")
)  # skipped between a passive auxiliary and its verb ("was also told")
_BY = re.compile(r"\s+by\s+")
_CUE_COMPLEMENTS = _GRAMMAR["cue-complements"]
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")


_CONTRACTED = frozenset(_PRONOUNS) | {"that", "who", "what", "there", "here", "where", "which"}


def _is_contraction(low: str) -> bool:
    """ "he's", "that’s", "there's": a pronoun and "is"/"has", not a possessive."""
    return low[:-2] in _CONTRACTED


def _complement_follows(text: str, end: int, words: frozenset[str]) -> bool:
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).lower() in words


def _nominal_cue(text: str, lex: Lexicon, start: int, end: int, form: str, in_quote: Callable[[int], bool]) -> _Cue | None:
    """A cue word that :func:`_cue` turned down as a noun or a modifier but that introduces content or
    a source all the same: "their support for the bill", "criticism of the plan", "his doubts about",
    "the law, backed by unions". It makes its sentence attributed only when nothing else does. Verbs
    that report speech only in a quotation's tag stay out ("the fighting continued for days")."""
    if in_quote(start) or form in lex.tag_only:
        return None
    if form in lex.without_to:
        prev = text[max(0, start - 20) : start].split()[-1:]
        if prev and (prev[0].lower() in _DETERMINERS or prev[0].endswith(("'s", "’s"))):
            return None  # "their hopes"
        return _Cue(start, end, "weak", form)  # "she seemed hopeful"
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return None
    nxt = m.group(1).lower()
    if nxt not in _CUE_COMPLEMENTS or (nxt == "by" and not form.endswith(("ed", "en", "wn"))):
        return None
    return _Cue(start, end, "nominal", form)


def _implicit_attributions(
    text: str,
    lex: Lexicon,
    k: int,
    ss: int,
    se: int,
    cues: list[_Cue],
    history: list[Attribution],
    in_quote: Callable[[int], bool],
    words: set[str] | None = None,
) -> list[Attribution]:
    """Attributions for a sentence that the main passes left without one (see the functions called)."""
    if cues:
        found = _fallback_attributions(text, lex, k, ss, se, cues, history)
        if found:
            return found
    document = _in_document(text, lex, k, ss, se, in_quote, words)
    if document is not None:
        return [document]
    colon = _colon_headline(text, lex, k, ss, se)
    return [colon] if colon is not None else []


def _in_document(
    text: str, lex: Lexicon, k: int, ss: int, se: int, in_quote: Callable[[int], bool], words: set[str] | None = None
) -> Attribution | None:
    """"In a new poll, ...", "in a CBS News poll", "In a statement, ...": the document is the source
    when the phrase opens the sentence or names who made the document ("in the polls" alone is not)."""
    if lex.in_documents is None:
        return None
    if words is not None and any(map(words.isdisjoint, lex.in_documents_needs)):  # a clause with none of ``words``
        # ``words``: the runs of letters of the lower-cased sentence, which lines up with the text: a
        # match has "in" or "atop" and a document noun among them (required_words)
        return None
    for m in lex.in_documents.finditer(text, ss, se):
        start, end = m.span(1)
        if in_quote(m.start()) or not (m.start() == ss or _CAPITALISED.search(text, start, end)):
            continue
        src = _classify(text, lex, start, end)
        kind = "named" if src.kind == "pronoun" else src.kind
        return Attribution(kind, src.name, "according-to", k, m.start(), start - 1, start, end, plural=src.plural, cue_class="intention")
    return None


def _colon_headline(text: str, lex: Lexicon, k: int, ss: int, se: int) -> Attribution | None:
    """A headline or transcript line that gives its speaker before a colon and a clause after it:
    "Mayor: Budget Cuts Will Close Two Libraries", "Q: Did you expect to win?". Labels before a
    colon ("Update:", "Photo:") are not speakers."""
    if text.find(":", ss, se) < 0:
        return None  # _COLON_SPEAKER needs a colon
    m = _COLON_SPEAKER.match(text, ss, se)
    if m is None or len(text[m.end() : se].split()) < 4:
        return None
    who = m.group(1)
    if len(who) < 2 or _not_a_speaker(who, lex):
        return None
    return _colon_speaker(text, lex, k, m)


def _colon_speaker(text: str, lex: Lexicon, k: int, m: re.Match[str]) -> Attribution | None:
    """The speaker in group 1 of ``m``, before a colon, as a "colon" attribution (not a pronoun)."""
    src = _classify(text, lex, m.start(1), m.end(1))
    if src.kind == "pronoun":
        return None
    colon = text.index(":", m.end(1))
    return Attribution(src.kind, src.name, "colon", k, colon, colon + 1, m.start(1), m.end(1), plural=src.plural)


def _fallback_attributions(
    text: str, lex: Lexicon, k: int, ss: int, se: int, cues: list[_Cue], history: list[Attribution]
) -> list[Attribution]:
    """A cue that gave no attribution still makes its sentence attributed, as in PolNeAR: an agentless
    passive of a non-speech cue ("the plan was widely criticized"), a cue in a complement ("refused
    to explain") or in an opening clause ("After the minister announced the cuts, ..."). The subject
    of the clause is the source when there is one. A long-tail cue (the ``-more`` sections, predicate
    adjectives of attitude) is tried here too, after every other cue of the sentence. Such attributions
    carry the "intention" class: the sentence is attributed, but they are not reported as anonymous or
    vague sourcing (AT002, AT003), whose precision matters more than their recall."""
    verbs = sorted((c for c in cues if c.kind in ("verb", "nominal", "weak")), key=lambda c: c.start)
    if not verbs:
        return []
    for c in verbs:
        if c.kind == "weak" and not text[ss : c.start].rstrip().lower().endswith(" to"):
            # a long-tail verb ("lambasted", "clarified"; "are confident that") gets its source
            # like any reporting verb when it has a subject
            att = _attribution(text, lex, k, ss, se, _Cue(c.start, c.end, "verb", c.form), None, None, history)
            if att is not None:
                return [replace(att, cue_class="intention", implicit=True)]
    c = verbs[0]
    before = text[ss : c.start].split()
    prev = before[-1].lower() if before else ""
    passive = prev in _PASSIVE_AUX or (len(before) >= 2 and prev.endswith("ly") and before[-2].lower() in _PASSIVE_AUX)
    if passive and c.form not in lex.attitude:  # "was criticized"; not "are concerned about"
        return [Attribution("vague", f"vague: {c.form} (no agent)", "passive", k, c.start, c.end, cue_class="intention", implicit=True)]
    if c.kind == "nominal" and (prev in _POSSESSIVES or prev.endswith(("'s", "’s"))):
        span = _possessor(text, ss, c.start)
    else:
        span = _clause_subject(text, lex, ss, c.start)
    if span is None:
        return [Attribution("named", "unresolved", "verb", k, c.start, c.end, cue_class="intention", implicit=True)]
    src = _classify(text, lex, span[0], span[1])
    kind, name, plural = src.kind, src.name, src.plural
    if kind == "pronoun":
        ref = _resolve(src.name, history, k)
        if ref is None:
            kind, name = "named", f"unresolved: {src.name}"
        else:
            kind, name, plural = ref.kind, ref.name, ref.plural
    pronoun = src.kind == "pronoun"
    return [
        Attribution(
            kind, name, "verb", k, c.start, c.end, span[0], span[1], plural=plural, cue_class="intention", pronoun=pronoun, implicit=True
        )
    ]


def _resolve(pronoun: str, history: list[Attribution], k: int) -> Attribution | None:
    want = _PRONOUNS.get(pronoun, "singular")
    for att in reversed(history[-12:]):
        if k - att.sentence > 2:
            break
        if want == "plural" and not att.plural:
            continue
        if want == "singular" and att.plural:
            continue
        return att
    return None


def _colon_attribution(text: str, lex: Lexicon, k: int, ss: int, se: int) -> Attribution | None:
    """A headline or line that gives its speaker before a colon: "Minister: we will not resign"; or a
    roundup paragraph that opens with a person and their outlet or title before a quotation."""
    if text.find(":", ss, se) < 0:
        return None
    inv = _INVERTED_TAG.match(text, ss, se)
    if inv is not None and inv.group(1).lower() in lex.cue_forms and not _not_a_speaker(inv.group(2), lex):
        src = _classify(text, lex, inv.start(2), inv.end(2))  # "Added the senator: ...", "Continued Stone:"
        if src.kind in ("named", "anonymous", "vague"):
            return Attribution(src.kind, src.name, "colon", k, inv.start(1), inv.end(1), inv.start(2), inv.end(2), plural=src.plural)
    m = _COLON_SPEAKER.match(text, ss, se)
    if m is None:
        m = _ROUNDUP.match(text, ss, se)
        if m is None or (ss > 0 and text[ss - 1] != "\n"):
            return None  # a roundup label opens its paragraph
        src = _classify(text, lex, m.start(1), m.end(1))
        return _colon_speaker(text, lex, k, m) if src.kind == "named" and not _not_a_speaker(m.group(1), lex) else None
    who = m.group(1)
    if not re.match(r"[\"“‘']|(?:I|We|We['’]\w+|I['’]\w+|My|Our)\b", text[m.end() : se]):
        return None  # only a quotation or first-person words after the colon are someone's speech
    if _not_a_speaker(who, lex):
        return None
    return _colon_speaker(text, lex, k, m)


def _assign_quotes(
    article: Article, lex: Lexicon, infos: list[SentenceInfo], quotes: list[Quote], sentence_of: Callable[[int], int]
) -> list[OrphanQuote]:
    """Give every sentence of a quotation its speaker; return the quotations nobody speaks."""
    orphans: list[OrphanQuote] = []
    para_of = article.sentence_paragraph
    chains: dict[int, list[Quote]] = {}
    for q in quotes:
        chains.setdefault(q.chain, []).append(q)
    for chain in chains.values():
        words = sum(q.words for q in chain)
        first_s = max(0, sentence_of(chain[0].start))
        last_s = max(0, sentence_of(chain[-1].end - 1))
        if len(chain) == 1:  # most chains: no generator per sentence (for speed)
            one = chain[0]
            members = [i for i in range(first_s, last_s + 1) if _overlaps(infos[i], one)]
        else:
            members = [i for i in range(first_s, last_s + 1) if any(_overlaps(infos[i], q) for q in chain)]
        if not members:
            continue
        speaker: Attribution | None = None
        best_gap = 1 << 30
        for i in members:
            for att in infos[i].attributions:
                if att.via == "hedge":
                    continue
                gap = min(abs(att.cue_start - q.end) for q in chain) if att.cue_start >= chain[0].start else chain[0].start - att.cue_end
                if gap < best_gap:
                    speaker, best_gap = att, gap
        if speaker is None:  # a sentence that another quotation already gave a speaker: "X calls it \"...\": \"...\""
            given = (infos[i].inherited for i in members)
            speaker = next((g for g in given if g is not None and g.via != "quote"), None)
        if speaker is None:
            speaker = _speaker_nearby(article, lex, infos, chain, first_s, last_s)
        if speaker is None and first_s > 0:
            prev = infos[first_s - 1]
            same_para = para_of[first_s - 1] == para_of[first_s]
            opens_para = chain[0].start == article.paragraphs[para_of[first_s]].start
            ends_colon = article.text[prev.start : prev.end].rstrip().endswith(":")
            cands = [a for a in prev.attributions if a.via not in ("hedge", "passive")] or (
                [prev.inherited] if prev.inherited is not None and same_para else []
            )
            if cands and (same_para or ends_colon or opens_para):
                speaker = cands[-1]
            elif ends_colon and chain[0].start == infos[first_s].start:
                speaker = _intro_line(article, lex, infos, first_s - 1)
        speech = words >= SHORTEST_SPEECH and not (len(chain) == 1 and _not_speech(article.text, chain[0]))
        if speaker is None and speech and not _after_title(article, infos, first_s, chain[0].start):
            speaker = _discourse_speaker(article, lex, infos, chain, first_s, last_s)  # (not a title's or a term's)
        if speaker is not None:
            for i in members:
                if not infos[i].attributions and infos[i].inherited is None:
                    infos[i].inherited = speaker
                    infos[i].via_context = "quote"
            continue
        ends = any(_SENT_END.search(article.text[q.start : q.end].rstrip("\"“”«»'’ ")) for q in chain)
        if not speech and (words >= SHORTEST_SPEECH or not ends):
            continue  # a title, a slogan, a cited text; a phrase that ends no sentence
        if len(members) == 1 and is_heading(article, members[0]):
            continue  # a quoted crosshead or headline
        document = _document_named(article.text, infos[members[0]], chain[0]) if len(chain) == 1 else None
        if document is not None:  # the wording of a document the sentence names: that document is its source
            if not infos[members[0]].attributions and infos[members[0]].inherited is None:
                infos[members[0]].inherited, infos[members[0]].via_context = document, "document"
            continue
        if not speech:
            continue  # a term or a short phrase that ends a sentence ('"Scramble mode."'), not speech
        intro = discourse.introduced(article, first_s) if infos[first_s].start == article.paragraphs[para_of[first_s]].start else None
        if intro is not None:  # under a line that ends with a colon: what it introduces (its speaker's, when it has one)
            introducing = [a for a in infos[intro].attributions if a.via not in ("hedge", "passive")]
            if introducing:
                speaker = _best(introducing)
            else:
                span = discourse.subject_person(article.text, infos[intro].start, infos[intro].end)
                speaker = _spoken_by(article, lex, infos, intro, span, "intro") if span is not None else None
            if speaker is None:  # introduced, by no one the line names: the source is unknown, but it is no orphan
                colon = infos[intro].end - 1
                speaker = Attribution("vague", "introduced by a colon", "colon", intro, colon, colon + 1)
            for i in members:
                if not infos[i].attributions and infos[i].inherited is None:
                    infos[i].inherited, infos[i].via_context = speaker, "introduced"
            continue
        if _after_title(article, infos, first_s, chain[0].start):
            continue  # the words of the work a quoted title names (lyrics, a poem)
        unknown: Attribution | None = None
        for i in members:
            if infos[i].attributions or infos[i].inherited is not None:
                continue
            if infos[i].quoted >= 0.5 or words >= 8:
                if unknown is None:
                    orphans.append(OrphanQuote(chain[0].start, chain[-1].end, words, members[0]))
                    unknown = Attribution("vague", "unknown speaker", "quote", i, chain[0].start, chain[0].start + 1)
                infos[i].inherited = unknown
                infos[i].via_context = "quotation with no speaker"
    return orphans


# a quotation followed by its citation: ', by Jane Roe', ' USATODAY.com', '[Quartz]', scripture
# ('John 3:16'), a statute ('42 U.S.C. 1983', '§ 12')
_CITATION_AFTER = re.compile(
    r"\s*,?\s*(?:\(?by\s+[A-Z]|\(?[A-Z][\w\-]*\.(?:com|org|net|gov|co\.uk)\b|\[[A-Z]|\(?(?:[1-3]\s)?[A-Z][a-z]+\.?\s+\d+:\d+"
    r"|\(?\d+\s+U\.?\s?S\.?\s?C|\(?§)"
)
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# a dash tag after a quotation: '"..." — Jo Rivera, a nurse in Ohio'
_DASH_TAG = re.compile(r"\s*(?:—|–|―|--|-\s)\s*([A-Z][\w.'’\-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w.'’\-]*){0,3})")
# a person before the colon that opens a quotation in the same sentence: "... doesn't surprise pollster Daron Shaw: \"...\""
_NAME_COLON = re.compile(r"([A-Z][\w.'’\-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w.'’\-]*){1,3})\s*:\s*$")
# a short beat that sets a speaker: "She laughs.", "Rivera shrugs."
# "As Jo Roe, a professor at Yale, put it, '...": the person after "as" and before a verb of saying
_AS_PUT = re.compile(
    r"\b[Aa]s\s+((?:the\s+)?(?:[a-z][\w\-]*\s+){0,3}[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})[^\"“”]{0,120}?"
    r"\b(?:put it|wrote|written|said|noted|observed|remarked|argued|explained|joked|quipped|tweeted)\b[^\"“”]{0,40}?,\s*$"
)
# a sentence whose subject (a pronoun or a name, maybe after "And" or an opening phrase) goes on to a
# quotation: 'She went on: "...', 'Trump embraced the idea -- "...', 'The Daily Ledger calls it "...'
_INTRO_SUBJECT = re.compile(
    r"(?:(?:And|But|So|Yet|Then)\b,?\s+)?(?:[^,:\"“”]{0,80},\s+)?"
    r"(He|She|They|[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}?)(?:['’]s)?\s+[a-z][^:\"“”—–]{0,100}?(?:[:—–]|--)?\s*$"
)
# a subject and its verb that open a quotation in the same sentence: 'Silverman interjected, "...',
# 'The campaign projects that "...', 'as prosecutor Marc Roe put it, "...'
_SUBJECT_VERB = re.compile(
    r"(?:^|[,;—]\s*|\b(?:as|and|but|when|which)\s+)((?:[Tt]he\s+)?(?:[a-z][\w\-]*\s+){0,2}(?:[A-Z][\w.'’\-]*\s+){0,3}"
    r"(?:[A-Z][\w.'’\-]*|[a-z]+))\s+(?:[a-z]+ly\s+)?([a-z]+(?:s|ed)|put it|wrote|said)"
    r"(?:\s+(?:to|with)\s+(?:the\s+)?[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2}|\s+(?:it|them|this)\s+as|\s+that)?\s*[,:]?\s*$"
)
# a transcript speaker label that opens a quotation: '"WALLACE: Let us start ...', '"MS. ROE: ...'
_LABEL_IN_QUOTE = re.compile(r"[\"“]\s*((?:[A-Z]{2,4}\.\s+)?[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){0,2})\s*:\s")


def _not_speech(text: str, q: Quote) -> bool:
    """A quotation that is a title, a name, a slogan, a sign or a cited text, not someone's speech:
    in title case ('"The Other Side of the Party"'), after a word that names what it is ('the film',
    'a sign reading', 'titled') or before its citation (', by Jane Roe', 'John 3:16', '42 U.S.C. 1983')."""
    if _title_case(text, q.start, q.end):
        return True
    before = text[max(0, q.start - 40) : q.start].lower().split()[-3:]
    if any(w.strip(_PUNCT) in _NOT_SPEECH_BEFORE for w in before):
        return True
    return _CITATION_AFTER.match(text, q.end, min(len(text), q.end + 40)) is not None


TITLE_MOST_WORDS = 24  # a quotation in title case of at most this many words is a title ("The Real Anthony Fauci: Bill Gates, ...")


def _title_case(text: str, start: int, end: int) -> bool:
    """The quoted words ``start:end`` are in title case ('"The Other Side of the Party"'): a title."""
    inner = _TITLE_WORD.findall(text, start, end)
    long_words = [w for w in inner if len(w) >= 4]
    return len(long_words) >= 2 and len(inner) <= TITLE_MOST_WORDS and all(w[:1].isupper() for w in long_words)


TITLE_REACH = 200  # how many characters before a quotation a quoted title that it comes right after may start
# a quotation that ends a stretch of text (maybe with its punctuation): 'we sing the carol "The Holy City"?'
_LAST_QUOTATION = re.compile(r"[\"“]([^\"“”]{1,100})[\"”][,.;:!?]?\s*$")


def _after_title(article: Article, infos: list[SentenceInfo], k: int, q_start: int) -> bool:
    """The quotation at ``q_start`` (in sentence ``k``) comes right after a quoted title, in its
    sentence or at the end of the sentence before in its paragraph ('Dare we sing the carol "The Holy
    City"? "As the shadow of a cross arose ..."'): the words of that work (lyrics, a poem), not speech."""
    para_of = article.sentence_paragraph
    lo = infos[k - 1].start if k > 0 and para_of[k - 1] == para_of[k] else infos[k].start
    lo = max(lo, q_start - TITLE_REACH)
    m = _LAST_QUOTATION.search(article.text[lo:q_start])  # (a slice: "$" is the quotation's start)
    return m is not None and _title_case(article.text, lo + m.start(1), lo + m.end(1))


def _document_named(text: str, info: SentenceInfo, quote: Quote) -> Attribution | None:
    """The written text a sentence names outside its quotation ('the resolution', 'per the bylaws',
    'this finding:'), as the source of the quotation, which is that document's wording; None when it
    names none."""
    for m in _TITLE_WORD.finditer(text, info.start, info.end):
        if m.group().lower() in _WRITTEN_TEXTS and not quote.start <= m.start() < quote.end:
            return Attribution("named", m.group().lower(), "document", info.index, m.start(), m.end(), m.start(), m.end())
    return None


def _speaker_nearby(
    article: Article, lex: Lexicon, infos: list[SentenceInfo], chain: list[Quote], first_s: int, last_s: int
) -> Attribution | None:
    """The speaker of a quotation that has none in its own sentences: a dash tag after it, a person
    before a colon that opens it, the next sentence of its paragraph when that one has a speaker
    ('"...". That was how Mayor Roe put it.'), a short beat before it ('She laughs.'), or the
    speaker of an earlier quotation in the same paragraph."""
    text = article.text
    para_of = article.sentence_paragraph
    end = chain[-1].end
    m = _DASH_TAG.match(text, end, min(len(text), end + 80))
    if m is not None and not _not_a_speaker(m.group(1), lex):
        src = _classify(text, lex, m.start(1), m.end(1))
        if src.kind == "named":
            return Attribution("named", src.name, "dash", last_s, m.start(), m.start(1), m.start(1), m.end(1))
    m = _LABEL_IN_QUOTE.match(text, chain[0].start, min(len(text), chain[0].start + 40))
    if m is not None:
        return Attribution("named", m.group(1), "label", first_s, m.start(1), m.end(1), m.start(1), m.end(1))
    m = _NAME_COLON.search(text, infos[first_s].start, chain[0].start)
    if m is not None and not _not_a_speaker(m.group(1), lex):
        src = _classify(text, lex, m.start(1), m.end(1))
        if src.kind == "named" and _is_proper(src.name):
            colon = text.index(":", m.end(1))
            return Attribution("named", src.name, "colon", first_s, colon, colon + 1, m.start(1), m.end(1))
    lead = infos[first_s].start
    m = _SUBJECT_VERB.search(text[lead : chain[0].start]) if chain[0].start > lead else None  # (a slice: "^" is its start)
    if m is not None and m.group(2) not in _AUXILIARIES:
        a, b, c, d = lead + m.start(1), lead + m.end(1), lead + m.start(2), lead + m.end(2)
        src = _classify(text, lex, a, b)
        if src.kind == "pronoun":
            return _named_before(infos, first_s, para_of) or Attribution("named", f"unresolved: {src.name}", "verb", first_s, c, d, a, b)
        if src.kind == "named" and _is_proper(src.name):
            return Attribution("named", src.name, "verb", first_s, c, d, a, b)
        if src.kind in ("named", "anonymous", "vague") and m.group().rstrip()[-1:] in (",", ":"):  # 'A shopper gushed, "...'
            return Attribution(src.kind, src.name, "verb", first_s, c, d, a, b)
    for pattern in (_AS_PUT, _INTRO_SUBJECT):
        prefix = text[lead : chain[0].start]
        m = (pattern.search(prefix) if pattern is _AS_PUT else pattern.match(prefix)) if prefix else None
        if m is None or (pattern is _INTRO_SUBJECT and m.group(1).split()[0].lower() in _NOT_ACTOR_START - _PERSONAL):
            continue
        a, b = lead + m.start(1), lead + m.end(1)
        src = _classify(text, lex, a, b)
        if src.kind == "pronoun":
            return _named_before(infos, first_s, para_of) or Attribution("named", f"unresolved: {src.name}", "intro", first_s, a, b)
        words = m.group(1).split()
        if len(words) == 1 and pattern is _INTRO_SUBJECT and not text.startswith(("'s", "’s"), b) and not _name_elsewhere(text, words[0]):
            continue  # "Reactions were mixed: ...": a capital that only opens the sentence
        if src.kind == "named" and _is_proper(src.name) and not _not_a_speaker(m.group(1), lex):
            return Attribution("named", src.name, "intro", first_s, a, b, a, b)
    nxt = last_s + 1
    if nxt < len(infos) and para_of[nxt] == para_of[last_s]:
        cands = [a for a in infos[nxt].attributions if a.via not in ("hedge", "passive") and a.source_start is not None]
        if cands:
            return cands[0]
        beat = _beat(article, lex, infos, nxt)
        if beat is not None:
            return beat
    if first_s > 0:
        opens_para = chain[0].start == article.paragraphs[para_of[first_s]].start
        if para_of[first_s - 1] == para_of[first_s] or opens_para:
            beat = _beat(article, lex, infos, first_s - 1)
            if beat is not None:
                return beat
    for j in range(first_s - 1, -1, -1):
        if para_of[j] != para_of[first_s]:
            break
        info = infos[j]
        src_j = _best(info.attributions) if info.attributions else info.inherited
        if info.quoted > 0 and src_j is not None and src_j.via not in ("hedge", "passive", "quote") and src_j.kind == "named":
            return src_j  # the paragraph's quoted speaker goes on speaking
    return None


SHORTEST_SPEECH = 4  # a quotation of fewer words is a term, a name or a phrase, not speech with a missing speaker
CONTINUED_SENTENCES = 8  # how far back in the paragraph before a quotation its going-on speaker is looked for
ADJACENT_HEADINGS = 3  # crossheads that may stand between a quotation and the sentence before it that gives its speaker


def _discourse_speaker(
    article: Article, lex: Lexicon, infos: list[SentenceInfo], chain: list[Quote], first_s: int, last_s: int
) -> Attribution | None:
    """The speaker the discourse around a quotation gives (:mod:`rules.attribution.discourse`) when
    the cues did not: a tag in its own sentence ('"...," Jo Roe, a nurse, explained in an email'), the
    speaker of the sentence before it (across crossheads: a quotation paragraph goes on with the
    quotation above it) or of the sentence after it, or the person either sentence has speak or act
    ("Roe stressed the point.", "I spoke with Jo Roe")."""
    text = article.text
    para_of = article.sentence_paragraph
    span = discourse.tag_speaker(text, infos[first_s].start, infos[last_s].end, chain[0].start, chain[-1].end)
    tagged = _spoken_by(article, lex, infos, first_s, span, "tag") if span is not None else None
    if tagged is not None:
        return tagged
    before = first_s - 1
    skipped = 0
    while before >= 0 and skipped < ADJACENT_HEADINGS and is_heading(article, before):
        before, skipped = before - 1, skipped + 1
    # the sentence before may be in the paragraph before (the quotation goes on with what it says), and
    # so may the sentence after; but one there that reports its own statement is another matter
    for j, anchor, reach in ((before, first_s, 1 + skipped), (last_s + 1, last_s, 1)):
        if not 0 <= j < len(infos) or abs(para_of[j] - para_of[anchor]) > reach or is_heading(article, j):
            continue
        info = infos[j]
        if j > anchor and para_of[j] != para_of[anchor] and info.attributions:
            continue  # '"...". (new paragraph) Mayor Roe said the vote was close.': Roe says something else
        given = [a for a in info.attributions if a.via not in ("hedge", "passive") and a.source_start is not None and a.kind != "vague"]
        if given:
            return given[-1] if j < anchor else given[0]
        if j < anchor:  # the quotation before goes on: the speaker of that paragraph's last quotation that has one
            i = j
            while i >= 0 and para_of[i] == para_of[j] and j - i < CONTINUED_SENTENCES:
                inherited = infos[i].inherited
                if inherited is not None and inherited.kind != "vague" and infos[i].via_context == "quote":
                    return inherited
                i -= 1
        span = discourse.subject_person(text, info.start, info.end)
        person = _spoken_by(article, lex, infos, j, span, "beside") if span is not None else None
        if person is not None:
            return person
    return None


def _spoken_by(article: Article, lex: Lexicon, infos: list[SentenceInfo], k: int, span: tuple[int, int], via: str) -> Attribution | None:
    """The source a discourse link found in sentence ``k`` (a pronoun: the person named before it)."""
    a, b = span
    src = _classify(article.text, lex, a, b)
    if src.kind == "pronoun":
        return _named_before(infos, k, article.sentence_paragraph) or Attribution("named", f"unresolved: {src.name}", via, k, a, b)
    if (src.kind == "named" and _is_proper(src.name)) or (via == "tag" and src.kind in ("named", "anonymous", "vague")):
        return Attribution(src.kind, src.name, via, k, a, b, a, b, plural=src.plural)
    return None  # beside a quotation, only a person named (or a pronoun) gives its speaker: not "Residents"


def _intro_line(article: Article, lex: Lexicon, infos: list[SentenceInfo], k: int) -> Attribution | None:
    """The speaker of sentence ``k`` as a line that introduces the quotation after it with a colon
    and a verb the lexicon does not know ("Roe steadfastly maintained:", "Roe made this remark:")."""
    text = article.text
    info = infos[k]
    m = _INTRO_SUBJECT.match(text[info.start : info.end].rstrip())
    if m is None or m.group(1).split()[0].lower() in _NOT_ACTOR_START - _PERSONAL:
        return None
    a, b = info.start + m.start(1), info.start + m.end(1)
    src = _classify(text, lex, a, b)
    if src.kind == "pronoun":
        return _named_before(infos, k, article.sentence_paragraph)
    proper = src.kind == "named" and _is_proper(src.name) and _name_elsewhere(text, m.group(1).split()[0])
    if proper and not _not_a_speaker(m.group(1), lex):
        return Attribution("named", src.name, "intro", k, a, b, a, b)
    return None


def _name_elsewhere(text: str, word: str) -> bool:
    """``word`` is capitalised somewhere inside a sentence of the text too: a name, not a capital
    that only opens a sentence."""
    return re.search(rf"[a-z,;]\s+{re.escape(word)}\b", text) is not None


BEAT_WORDS = 8  # a beat that sets a speaker ("She laughs.") is a short sentence


def _beat(article: Article, lex: Lexicon, infos: list[SentenceInfo], k: int) -> Attribution | None:
    """Sentence ``k``, short (at most BEAT_WORDS words) and with no source of its own, as a beat that
    sets a speaker: the person it has speak or act (:func:`discourse.subject_person`: "She laughs.",
    "Rivera shrugs."). A longer sentence is a statement of its own, not a beat ('Trump had never been
    in a debate like this - 90-plus minutes ... NBC's "Nightly News."')."""
    info = infos[k]
    short = len(article.text[info.start : info.end].split()) <= BEAT_WORDS
    span = discourse.subject_person(article.text, info.start, info.end) if short and not info.attributions else None
    return _spoken_by(article, lex, infos, k, span, "beat") if span is not None else None


CONTEXT_PARAGRAPHS = 2  # how far before and after a sentence the article may name who it speaks of


def context_window(para_of: list[int], k: int) -> tuple[int, int]:
    """The sentences (a range ``lo, hi``) within CONTEXT_PARAGRAPHS paragraphs before and after
    sentence ``k``: where a role noun, a group or a pronoun is linked to a named person (AT002,
    AT003, AT004)."""
    here = para_of[k]
    lo = k
    while lo > 0 and here - para_of[lo - 1] <= CONTEXT_PARAGRAPHS:
        lo -= 1
    hi = k + 1
    while hi < len(para_of) and para_of[hi] - here <= CONTEXT_PARAGRAPHS:
        hi += 1
    return lo, hi


def _named_before(infos: list[SentenceInfo], k: int, para_of: list[int]) -> Attribution | None:
    """The last named person's attribution in the context window before sentence ``k`` (a pronoun's referent)."""
    lo, _ = context_window(para_of, k)
    for j in range(k - 1, lo - 1, -1):
        for att in reversed(infos[j].attributions):
            if att.kind == "named" and not att.plural and not att.implicit and not att.name.startswith("unresolved"):
                return att
    return None


def _overlaps(info: SentenceInfo, q: Quote) -> bool:
    return info.start < q.end and q.start < info.end


def _assign_introduced(article: Article, infos: list[SentenceInfo]) -> None:
    """A paragraph that follows "X said:" is X's."""
    para_of = article.sentence_paragraph
    for i, info in enumerate(infos[:-1]):
        if not info.attributions or not article.text[info.start : info.end].rstrip().endswith(":"):
            continue
        att = _best(info.attributions)
        para = para_of[i + 1]
        j = i + 1
        while j < len(infos) and para_of[j] == para:
            if not infos[j].attributions and infos[j].inherited is None:
                infos[j].inherited = att
                infos[j].via_context = "introduced"
            j += 1


# a document referred back to: "the survey", "its report", "the 40-page study"
_DOCUMENT_BACK = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+(?:[\w\-]+\s+)?"
    r"(report|study|survey|poll|analysis|audit|census|data|research|findings|paper|filing|lawsuit|complaint|ruling|indictment)s?\b"
)
DOCUMENT_LOOKBACK = 12  # sentences (within the context window) searched back for the document's citation


def _assign_documents(article: Article, infos: list[SentenceInfo]) -> None:
    """A sentence with no source that refers back to a document a sentence before cited ("A Pew
    survey found ..." then "The survey also covered 2,000 households") rests on that document."""
    text = article.text
    para_of = article.sentence_paragraph
    for k, info in enumerate(infos):
        if info.attributions or info.inherited is not None:
            continue
        m = _DOCUMENT_BACK.search(text, info.start, info.end)
        if m is None:
            continue
        noun = m.group(1).lower()
        lo = max(context_window(para_of, k)[0], k - DOCUMENT_LOOKBACK)
        cited = (
            a
            for j in range(k - 1, lo - 1, -1)
            for a in infos[j].attributions
            if a.source_start is not None and a.source_end is not None and noun in text[a.source_start : a.source_end].lower()
        )
        source = next(cited, None)
        if source is not None:
            info.inherited, info.via_context = source, "the document cited before"


def _label(article: Article, lex: Lexicon, info: SentenceInfo, low: str, wset: set[str]) -> None:
    text = article.text
    start, end = info.start, info.end
    m = lex.credit.search(text, start, end, wset, low)
    if m:
        info.attributions = []
        info.inherited = None
        _set(info, NOT_A_CLAIM, "caption, credit or byline", m.start(), m.end(), m.group())
        return
    atts = info.attributions  # info.source, inline
    src = (atts[0] if len(atts) == 1 else _best(atts)) if atts else info.inherited
    if src is not None:
        info.label = KIND_LABEL[src.kind]
        info.reason = info.via_context or src.via
        return
    m = lex.not_a_claim.search(text, start, end, wset, low)
    if m:
        _set(info, NOT_A_CLAIM, "link, contact line or editorial note", m.start(), m.end(), m.group())
        return
    stext = text[start:end]
    if stext.rstrip("\"'”’)] ").endswith("?"):
        _set(info, NOT_A_CLAIM, "question")
        return
    raw = stext.split()
    if len(raw) < 4:
        _set(info, NOT_A_CLAIM, "fragment")
        return
    if is_heading(article, info.index, raw):
        _set(info, NOT_A_CLAIM, "heading")
        return
    opener = raw[1] if _LIST_MARK.fullmatch(raw[0]) and len(raw) > 1 else raw[0]
    op_low = opener.strip(_PUNCT).lower()
    if (op_low in lex.imperative or f"{op_low} {raw[1].lower()}" in lex.imperative) and opener[:1] in _UPPER:
        after = raw[raw.index(opener) + 1].lower().strip(_PUNCT) if raw.index(opener) + 1 < len(raw) else ""
        if after not in _AUXILIARIES and after not in _IMPERATIVE_NOT:
            _set(info, NOT_A_CLAIM, "instruction", evidence=opener)
            return
    if _verbless(raw):
        _set(info, NOT_A_CLAIM, "fragment with no verb")
        return
    why = genre_not_a_claim(text, start, end)
    if why:
        _set(info, NOT_A_CLAIM, why)
        return
    m = lex.opinion.search(text, start, end, wset, low)
    if m:
        _set(info, NOT_A_CLAIM, "opinion or comment", m.start(), m.end(), m.group())
        return
    for m in _NUMBER.finditer(text, start, end):
        value = m.group().rstrip(".,")
        before = text[m.start() - 1 : m.start()]
        label = before.isalpha() and "," not in value and not _AMOUNT_AFTER.match(text, m.end())  # "N59", not "P2,500", "R20 million"
        if m.group("clock") or _YEAR_OR_DAY.fullmatch(value) or before in ("'", "’") or label:
            continue  # "in 2010", "Feb. 13", "at 22:00", "the '80s", a road "N59": a date, time or label, not a quantity
        _set(info, UNATTRIBUTED, "quantity", m.start(), m.start() + len(value), value)
        return
    hit = wset & lex.quantity_words
    if hit:
        hit = hit.difference(_TIME_OF_DAY.findall(low))  # "nine in the morning": a time, not a quantity
    if hit:
        _set(info, UNATTRIBUTED, "quantity", *_locate(text, start, end, min(hit, key=low.find), low))
        return
    if "est" in low or not lex.superlatives.isdisjoint(wset):  # a word ending "est" is in the text
        sup = [w for w in wset if w in lex.superlatives or (w.endswith("est") and len(w) > 4 and w not in lex.not_superlative)]
        if "first" in sup and not _FIRST_RANKS.search(_FIXED_FIRST.sub(" ", low)):
            sup.remove("first")  # "in the first place", "first lady", "at first": no ranking
    else:
        sup = []
    if sup:
        _set(info, UNATTRIBUTED, "superlative", *_locate(text, start, end, min(sup, key=low.find), low))
        return
    if not lex.causal_words.isdisjoint(wset):
        joined = f" {' '.join(_LOW_WORD.findall(low))} "
        for phrase in lex.causal:
            if phrase in joined:
                _set(info, UNATTRIBUTED, "cause or consequence", *_locate(text, start, end, phrase.strip(), low))
                return
    words = [w.strip(_PUNCT) for w in raw]
    lows = [w.lower() for w in words]
    # where the sentence's words start: after a list item's number ("3. Squeeze the garlic") or a live
    # blog's time stamp ("22:00 — Polls have closed.", "7:05 p.m. ET - The blog is closed.")
    first = 0
    if raw and _LIST_MARK.fullmatch(raw[0]):
        first = 1
    while first < len(words) and (
        not words[first] or (words[first][:1].isdigit() and _CLOCK.fullmatch(words[first])) or (first and lows[first] in _TIME_WORDS)
    ):
        first += 1
    quoted = _quoted_words(raw)
    for n, w in enumerate(words):
        if not w or w[:1] not in _UPPER or lows[n] in _TIME_WORDS or w == "I":
            continue
        if n + 1 < len(words) and words[n + 1] in ("Day", "Eve"):
            continue  # "Labor Day", "Christmas Eve": a date, not an actor
        if not w.isalpha() and any(ch.isdigit() for ch in w):
            continue  # "N59", "GT500": a road or a model, not an actor
        if quoted[n]:
            continue  # '"Rapid Mode"', 'the “Sour Mash” label': a quoted name, title or term, not an actor
        if _strip_possessive(w) in lex.demonyms and n + 1 < len(words) and words[n + 1][:1] not in _UPPER:
            continue  # "American", "French": an adjective, not an actor
        if (n == first or (n and raw[n - 1].endswith(":"))) and (
            raw[n].endswith(",")
            or lows[n] == "born"
            or (len(lows[n]) > 5 and lows[n].endswith("ed"))  # "Born May 24, ...", "Asked about ...": a participle
            or lows[n] in _NOT_ACTOR_START
            or lows[n].replace("’", "'").split("'")[0] in _CONTRACTION_START
            or not (raw[n].endswith(("'s", "’s")) or (len(words) > n + 1 and words[n + 1][:1] in _UPPER and lows[n + 1] not in _TIME_WORDS))
        ):
            continue  # a capital that only starts the sentence ("Now", "Seriously"), not a name
        a, b, _ = _locate(text, start, end, w)
        last = n  # the whole name is the evidence ("Anna Rudd", not "Anna"): the capitalised words that follow
        while (
            last + 1 < len(words)
            and (raw[last] == words[last] or (raw[last] == words[last] + "." and len(words[last]) <= 4))  # "Capt. Luis Ortega"
            and words[last + 1][:1] in _UPPER
            and lows[last + 1] not in _TIME_WORDS
        ):
            last += 1
        if last > n:
            tail = text.find(words[last], b, end)
            if tail >= 0:
                b = tail + len(words[last])
        if text.endswith(("'s", "’s"), a, b) and b - a > 2:
            b -= 2  # "the Scottish Government's scheme": the actor is "Scottish Government"
        if not reports_an_event(text, start, end):
            break  # "Ash starts the tournament as a Krabby", "the bundle comes wrapped": a description, no event
        _set(info, UNATTRIBUTED, "named actor", a, b, text[a:b])
        return
    _set(info, NOT_A_CLAIM, "no checkable fact (scene-setting or comment)")


def is_heading(article: Article, index: int, words: list[str] | None = None) -> bool:
    """Sentence ``index`` is a headline or subheading: a paragraph of its own, of 14 words at most,
    with no closing punctuation or in title case; or, whatever its punctuation, the text's first
    paragraph when it is that short, on one line, and more paragraphs follow."""
    s = article.sentences[index]
    para = article.paragraphs[article.sentence_paragraph[index]]
    if para.start != s.start or para.end != s.end:
        return False
    stext = article.text[s.start : s.end]
    if len(words if words is not None else stext.split()) > 14:
        return False
    first_line = index == 0 and "\n" not in stext.strip() and len(article.paragraphs) > 1
    return not _SENT_END.search(stext) or _is_title_case(stext) or first_line


_IMPERATIVE_NOT = frozenset(("of", "and", "or", "for", "to", "in", "on", "at", "is", "was"))  # "Order of the day", "Visit numbers"
_FINITE_HINT = re.compile(r"(?:ed|en|n't)$")


def _quoted_words(raw: list[str]) -> list[bool]:
    """For each word of a sentence: whether it is inside quotation marks that open on a word."""
    out: list[bool] = []
    inside = False
    for w in raw:
        inside = inside or (w[:1] in _OPEN_QUOTES and w[1:2].isalpha())
        out.append(inside)
        if inside and w.rstrip(",.;:!?)")[-1:] in _CLOSE_QUOTES:
            inside = False
    return out


def _verbless(raw: list[str]) -> bool:
    """A list item or label with no verb: opens with a gerund ("Deregulating the telecom industry.")
    and has no auxiliary, no past form and, before its last word, no word that could be a verb in the
    present ("-s")."""
    first = raw[0].strip(_PUNCT)
    if not (first.endswith("ing") and first[:1] in _UPPER) or len(raw) > 12:
        return False
    for w in raw[1:-1]:  # the last word may be a plural noun ("... three bank bills.")
        low = w.strip(_PUNCT).lower()
        if low in _AUXILIARIES or _FINITE_HINT.search(low) or (low.endswith("s") and not low.endswith("ss") and len(low) > 3):
            return False
    return True


def _locate(text: str, start: int, end: int, word: str, low: str | None = None) -> tuple[int, int, str]:
    pos = (low.find(word) + start) if low is not None else text.find(word, start, end)
    if pos < start:
        return start, start, word
    return pos, pos + len(word), text[pos : pos + len(word)]


def _set(info: SentenceInfo, label: str, reason: str, start: int | None = None, end: int | None = None, evidence: str = "") -> None:
    info.label = label
    info.reason = reason
    info.evidence_start = start
    info.evidence_end = end
    info.evidence = evidence
