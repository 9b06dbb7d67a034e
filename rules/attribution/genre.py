"""Genre and voice: whether a text's unsourced sentences are checkable claims at all (AT001).

A news report states facts in the third person; a review, a buying guide, a personal essay or an
opinion piece speaks as "I" or "we" and talks to "you", and a shopping listing gives prices with a
way to buy. Their sentences are views, advice and sales copy, not claims that need a source, even
when they hold a number or a name. Two tests, both on the writer's own sentences (those with no
source of their own or of their quotation):

- per sentence (:func:`not_a_claim`): a sentence that addresses the reader ("You can gift this
  box of four coffees") or offers something for sale ("Get it from the maker for $13.49");
- per text (:func:`writer_voice`): when a large share of the writer's own sentences speak in the
  first or second person, or sell, every unsourced sentence of the text is the writer's voice.

Only pronouns, prices and a few selling phrases are read: no topic, name or outlet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

# the reader addressed: a sentence that speaks to "you" gives advice or sells, it reports nothing
_YOU = r"\b(?i:you|your|yours|yourself|yourselves|you['’](?:re|ve|d|ll))\b"
SECOND_PERSON = re.compile(_YOU)
# the writer speaking ("I", "we") or talking to the reader ("you"): case-sensitive "I", the rest any case
PERSONAL = re.compile(rf"\bI\b|\bI['’](?:m|ve|d|ll)\b|\b(?i:my|me|myself|we|our|ours|us|ourselves|we['’](?:re|ve|d|ll))\b|{_YOU}")
PRICE = re.compile(r"[$£€¥]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros|pounds)\b", re.IGNORECASE)
# a way to buy, beside a price: sales copy, not a report of what something cost
SELLING = re.compile(
    r"\b(?:(?:get|grab|order|snag) (?:it|one|them|yours|this|these|the|a|an)|pick (?:it|one|them) up"
    r"|buy (?:it|one|them|now|yours|here|this|these)|shop (?:now|it|here|this|these)"
    r"|on sale|(?:original|regular|list|sale) price|originally|regularly|msrp|srp|retails? (?:for|at)"
    r"|available (?:at|from|on|in)|\d+\s?% off|free shipping|promo code|coupon code|in stock|add to cart)\b",
    re.IGNORECASE,
)
OWN_QUOTED = 0.3  # a sentence with more of its characters in quotation marks than this is not the writer's own
VOICE_SHARE = 0.2  # the share of the writer's own sentences in the first or second person that marks the text
VOICE_MIN = 4  # ... and at least this many such sentences (a short text's one "we" marks nothing)
SELLING_SHARE = 0.1  # the share of the writer's own sentences that sell that marks a shopping listing
SELLING_MIN = 3


class _Sentence(Protocol):
    start: int
    end: int
    quoted: float

    @property
    def attributions(self) -> Sequence[object]: ...

    @property
    def inherited(self) -> object | None: ...


# a verb in the past or the perfect: an event that happened ("left", "has been named", "broke up"),
# not a participle after a determiner ("the lost island", "a fixed price")
PAST_OR_PERFECT = re.compile(
    r"(?<!\b[Tt]he )(?<!\b[Aa] )(?<!\b[Aa]n )(?<!\b[Ii]ts )(?<!\b[Hh]is )(?<!\b[Hh]er )(?<!\b[Tt]heir )"
    r"\b(?i:was|were|had|has|have|['’]ve|['’]d|did|[a-z]{2,}ed"
    r"|went|came|took|made|got|gave|told|won|lost|left|became|began|saw|found|paid|held|ran|met|fell|rose|led|sold|built|brought"
    r"|thought|knew|grew|wrote|chose|drew|flew|spent|sent|kept|felt|stood|hit|put|set|cut|beat|threw|struck|shot|caught|fought"
    r"|bought|taught|said|broke|spoke|drove|rode|wore|stole|froze|swore|sang|sank|shook|withdrew|overtook|upheld|sought|meant"
    r"|heard|quit|dealt|fled|bled|sat|slept|bound|tore|swept|dug|fed|ate|drank|forgot|hid|lit|slid|spun|split|spread|stuck)\b"
)


def reports_an_event(text: str, start: int, end: int) -> bool:
    """The sentence tells what happened (a verb in the past or the perfect), not what someone or
    something is or does in the present: a description, a plot, a feature ("Ash starts the
    tournament as a simple Krabby", "The bundle comes wrapped", "Scott struggles to deliver")."""
    return PAST_OR_PERFECT.search(text, start, end) is not None


def _selling(text: str, start: int, end: int) -> bool:
    return PRICE.search(text, start, end) is not None and SELLING.search(text, start, end) is not None


def not_a_claim(text: str, start: int, end: int) -> str | None:
    """Why the sentence ``text[start:end]`` is not a claim for its genre, or None: it addresses the
    reader, or it offers something for sale at a price."""
    if SECOND_PERSON.search(text, start, end):
        return "addresses the reader (advice, a guide or sales copy)"
    if _selling(text, start, end):
        return "shopping or product listing"
    return None


def writer_voice(text: str, sentences: Sequence[_Sentence]) -> str | None:
    """Why the whole text is no report of checkable claims, or None: the writer's own sentences (no
    source, not quoted) speak as "I" or "we" or to "you" (VOICE_SHARE of them, VOICE_MIN at least),
    or sell at a price (SELLING_SHARE, SELLING_MIN)."""
    own = personal = selling = 0
    for s in sentences:
        if s.attributions or s.inherited is not None or s.quoted > OWN_QUOTED:
            continue
        own += 1
        if PERSONAL.search(text, s.start, s.end):
            personal += 1
        if _selling(text, s.start, s.end):
            selling += 1
    if personal >= VOICE_MIN and personal >= VOICE_SHARE * own:
        return "the writer's own voice (I, we, you): a review, guide, essay or opinion"
    if selling >= SELLING_MIN and selling >= SELLING_SHARE * own:
        return "shopping or product listing"
    return None
