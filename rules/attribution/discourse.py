"""Discourse links for the attribution rules: who a quotation, a role noun or a pronoun refers to,
looked for in the sentence itself and in the sentences around it (about two paragraphs either way).

The functions here read the text only (spans in, spans out); :mod:`rules.attribution.analysis`
turns the spans they return into sources. They are shared by AT002 (a role noun the article names
nearby), AT003 (a group the article identifies nearby) and AT004 (the speaker of a quotation):

- :func:`tag_speaker`: the speaker a quotation's own sentence gives outside the quotation marks
  ('"...," Jo Roe, a nurse in Ohio, explained in an email', 'One worker, May, told the paper: "..."',
  'Roe's hope is that the plan "..."');
- :func:`subject_person`: a person named (or "he", "she") as the subject of a verb in a sentence
  ("Roe stressed the point.", "..., Roe goes on.") or met in an interview ("I spoke with Jo Roe"):
  the speaker of a quotation in the sentence before or after;
- :func:`introduced`: a quotation under a line that ends with a colon, maybe after a short list;
- :func:`interviewed_group`: the writer's or the outlet's interviewees beside a vague group
  ("I interviewed five families ..." then "most agree");
- :func:`named_referent`: a named person the article links to a role noun within two paragraphs
  ("a senior adviser said ..." and "the adviser, Jo Roe, ..."; "Jo Roe, the county's area manager"),
  or a named organisation it links to a group or a document ("researchers at Queen Mary University",
  "a report by the Harbour Institute").

Every function reads a bounded stretch of text (one sentence, or the sentences of a fixed number of
paragraphs), so a whole article is read a bounded number of times.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from checker.article import Article

CONTEXT_PARAGRAPHS = 2  # how far before and after a sentence a role noun or pronoun is linked to a name
INTRO_LIST_PARAGRAPHS = 3  # short paragraphs (a list) that may stand between a colon line and its quotation
TAG_REACH = 300  # how many characters before a quotation its speaker's tag may start
INTRO_LIST_WORDS = 20  # a list item under a colon line is at most this many words

# a proper name: capitalised words, maybe with particles or initials ("Jo Roe", "Ana de la Cruz", "J. R. Roe")
_WORD = r"[A-Z][\w.\-]*(?:['’][A-Za-z]\w*)?"
_NAME = rf"{_WORD}(?:\s+(?:(?:de|da|van|von|der|den|la|le|al|bin|du|del|di)\s+)*{_WORD}){{0,3}}"
_PERSONAL = r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)"
# a described person: a determiner and up to four words ending in a lower-case noun ("his twin brother",
# "one worker", "a customer", "the band's singer")
_DESCRIBED = (
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|[Oo]ne|[Aa]nother)\s+"
    r"(?:(?!(?:who|which|that|where|when|while|and|or|but|as|if)\b)[\w\-’']+\s+){0,3}[a-z][\w\-]+"
)
# a person and, maybe, an appositive between commas ("Jade Wu, a psychologist with Hatch,")
_PERSON = rf"(?:{_PERSONAL}|{_DESCRIBED}|{_NAME})(?:,\s+[^,\"“”]{{1,100}}?,)?"
# words that end like a finite verb ("-s", "-ed") but are none
_AUX = frozenset(
    ("is", "was", "has", "does", "his", "this", "its", "us", "yes", "less", "unless", "thus", "plus", "always", "perhaps", "news", "series")
)
# a finite verb after its subject, or before it in an inverted tag: "explained", "posts", "said", "put it"
_VERB = (
    rf"(?:[a-z]+ly\s+)?(?!(?:{'|'.join(sorted(_AUX))})\b)"
    r"(?:[a-z]{2,}(?:s|ed)|said|told|wrote|sang|spoke|thought|felt|made|gave|took|began|put it|went on|goes on|go on)"
)

# after the quotation: ', Jo Roe, a nurse, explained in an email', ' his brother posted', ', said Roe', ', by which he means'
_TAG_AFTER = re.compile(
    rf"\s*[,;]?\s*(?:(?:by which|as|when|where|while|which)\s+)?"
    rf"(?:(?P<who>{_PERSON})\s+(?P<verb>{_VERB})\b|(?P<verb2>{_VERB})\s+(?P<who2>{_NAME}|{_DESCRIBED})\b)"
)
# before the quotation: 'One worker, May, confirmed to the paper: ', 'where he sings, ', 'Roe sings ... '
_TAG_BEFORE = re.compile(rf"(?:^|(?<=[\s,;(—–]))(?P<who>{_PERSON})\s+(?P<verb>{_VERB})\b[^\"“”.!?]{{0,80}}?(?:[,:]|\.\.\.|…)\s*$")
# 'Roe's hope is that the synod "...', 'Roe’s view was that'
_POSSESSIVE = re.compile(rf"(?P<who>{_NAME})['’]s\s+(?:[a-z]+\s+){{1,2}}(?:is|was|are|were)\s+that\b")
# a person as the subject of a verb in a sentence: 'Roe stressed ...', '..., Roe goes on.', 'She laughs.'
_SUBJECT = re.compile(rf"(?:^|(?<=[,;:—–]\s)|(?<=\b[Aa]nd\s)|(?<=\b[Bb]ut\s))\s*(?P<who>{_PERSONAL}|{_NAME})\s+(?P<verb>{_VERB})\b")
# an interview's subject: 'I spoke with Jo Roe', 'we sat down with Jo Roe', 'in an interview with Jo Roe'
_INTERVIEWED = re.compile(rf"\b(?:spoke|talked|chatted|sat down|interview)\s+(?:with|to)\s+(?P<who>{_NAME})")
# the capitalised words that open a sentence without naming anyone
_NOT_NAMES = frozenset(
    (
        *("The", "A", "An", "This", "That", "These", "Those", "It", "Its", "There", "Here", "What", "When", "Where", "Why"),
        *("How", "Who", "Which", "If", "In", "On", "At", "As", "For", "From", "By", "With", "But", "And", "Or", "So", "Yet"),
        *("Then", "After", "Before", "While", "Since", "Although", "Though", "Because", "Some", "Many", "Most", "All", "Each"),
        *("Every", "No", "Not", "One", "Our", "Their", "His", "Her", "My", "Your", "We", "They", "I", "He", "She", "You"),
        *("Today", "Yesterday", "Now", "Still", "Also"),
    )
)
_OPENERS = frozenset(("the", "a", "an", "his", "her", "their", "its", "our", "my", "one", "another", "he", "she", "they", "i", "we"))
_SPEAKING_PRONOUNS = frozenset(("he", "she", "He", "She"))
_GROUP_PRONOUNS = frozenset(("I", "We", "we", "They", "they"))


def _is_name(who: str) -> bool:
    words = who.split()
    return bool(words) and words[0] not in _NOT_NAMES and not words[0].endswith(("'s", "’s"))


def _verb_ok(verb: str) -> bool:
    return verb.split()[-1] not in _AUX


def tag_speaker(text: str, start: int, end: int, q_start: int, q_end: int) -> tuple[int, int] | None:
    """The speaker (a span) that the sentence ``start:end`` gives its quotation ``q_start:q_end``
    outside the quotation marks: a tag after it (a person, maybe with an appositive, and a verb:
    '"...," Jo Roe, a nurse, explained in an email'; or inverted: '"...," said Roe'), a subject and
    verb before it that end with a comma, a colon or an ellipsis ('One worker, May, told the paper:
    "...', 'where he sings, "...'), or a possessor whose view the sentence gives ('Roe's hope is that
    "...')."""
    m = _TAG_AFTER.match(text, q_end, end)
    if m is not None:
        group = "who" if m.group("who") is not None else "who2"
        verb = m.group("verb") or m.group("verb2")
        if _verb_ok(verb) and (group == "who" or _is_name(m.group(group)) or m.group(group)[:1].islower()):
            return m.start(group), m.end(group)
    if q_start > start:
        start = max(start, q_start - TAG_REACH)  # a tag before a quotation stands right before it
        m = _TAG_BEFORE.search(text[start:q_start])  # (a slice: "^" and "$" are its ends)
        who = m.group("who") if m is not None else ""
        person = who[:1].islower() or who.split()[0].lower() in _OPENERS or _is_name(who) if who else False
        if m is not None and _verb_ok(m.group("verb")) and (person or m.start("who") > 0):
            return start + m.start("who"), start + m.end("who")
    for m in _POSSESSIVE.finditer(text, start, q_start):
        if _is_name(m.group("who")):
            return m.start("who"), m.end("who")
    return None


def subject_person(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A person the sentence ``start:end`` has speak or act: a name or a personal pronoun as the
    subject of a verb ('Roe stressed the point.', '..., Roe goes on.', 'She laughs.'), or the person
    an interview is with ('I spoke with Jo Roe, ...'); None when it has none."""
    for m in _SUBJECT.finditer(text[start:end]):  # (a slice: "^" is the sentence's start)
        who = m.group("who")
        if _verb_ok(m.group("verb")) and (who in _SPEAKING_PRONOUNS or (who not in _GROUP_PRONOUNS and _is_name(who))):
            return start + m.start("who"), start + m.end("who")
    met = _INTERVIEWED.search(text, start, end)
    if met is not None and _is_name(met.group("who")):
        return met.start("who"), met.end("who")
    return None


def introduced(article: Article, k: int) -> int | None:
    """The sentence that introduces sentence ``k`` (which opens its paragraph) with a colon: the
    sentence just before, or a line above a short list ('Roe maintained:' then 'Taxes are theft.'
    then the quotation); None when no colon introduces it."""
    text = article.text
    sents = article.sentences
    para_of = article.sentence_paragraph
    if k == 0:
        return None
    prev = sents[k - 1]
    if text[prev.start : prev.end].rstrip().endswith(":"):
        return k - 1
    here = para_of[k]
    j = k - 1
    while j >= 0 and here - para_of[j] <= INTRO_LIST_PARAGRAPHS:
        stext = text[sents[j].start : sents[j].end].rstrip()
        if stext.endswith(":"):
            return j
        para = article.paragraphs[para_of[j]]
        if len(text[para.start : para.end].split()) > INTRO_LIST_WORDS:
            return None
        j -= 1
    return None


# an organisation's name: capitalised words, maybe joined by "of", "for", "and", "on" ("Queen Mary
# University of London", "the Harbour Institute", "Canalys")
_ORG = r"[A-Z][\w.&/'’\-]*(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?[A-Z][\w.&/'’\-]*)*"
# what an organisation does with a document it owns: "Canalys has written a report", "the institute released a study"
_PUBLISHED = r"(?:wrote|written|published|released|issued|conducted|commissioned|carried out|put out)"


@cache
def _referent_pattern(nouns: tuple[str, ...], institutions: bool, documents: bool) -> re.Pattern[str]:
    stem = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    name = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+)?[A-Z][a-z'’\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’\-]+)+"
    person = (
        # "the adviser, Jo Roe," / "adviser Jo Roe" / "led by Jo Roe"
        rf"\b(?:led by|lead author|(?i:{stem})s?,?)\s+(?P<a>{name})"
        # "Jo Roe, a senior adviser to ..." / "Jo Roe, the county's area manager"
        rf"|(?P<b>{name}),\s+(?:an?|the|one|his|her|their|its)\s+(?:[\w\-’']+\s+){{0,4}}?(?i:{stem})s?\b"
    )
    if documents:  # "a report by the Harbour Institute", "the Harbour Institute's report", "Canalys has written a report on ..."
        return re.compile(
            rf"\b(?i:{stem})s?,?\s+(?:by|from)\s+(?:the\s+)?(?P<c>{_ORG})"
            # "the latest Harbour/Ipsos opinion poll" (not a capital that only opens the sentence: "Recent polls");
            # the owner only, looked ahead of: the noun may begin another link ("The report, by the Harbour Institute")
            rf"|(?:\b[Tt]he\s+)?(?P<e>{_ORG})(?=\s+(?:[a-z][\w\-]*\s+){{0,2}}?(?i:{stem})s?\b)"
            rf"|(?:\b[Tt]he\s+)?(?P<d>{_ORG})(?=['’]s\s+(?:[\w\-]+\s+){{0,2}}?(?i:{stem})s?\b"
            rf"|\s+(?:has\s+|have\s+|had\s+)?{_PUBLISHED}\s+(?:an?|the|its|their)\s+(?:[\w\-]+\s+){{0,3}}?(?i:{stem})s?\b)"
        )
    if institutions:  # "a team at Queen Mary University", "researchers from the Harbour Institute"
        return re.compile(rf"{person}|\b(?:team|(?i:{stem})s?)\s+(?:at|from)\s+(?:the\s+)?(?P<c>{_ORG})")
    return re.compile(person)


def named_referent(
    article: Article,
    k: int,
    nouns: Collection[str],
    *,
    following: int | None = None,
    institutions: bool = False,
    documents: bool = False,
) -> tuple[int, int] | None:
    """A named person the article links to one of the role ``nouns`` (singular, lower case) in
    sentence ``k`` or within CONTEXT_PARAGRAPHS paragraphs before or after it: by apposition ("the
    adviser, Jo Roe", "Jo Roe, a senior adviser to the governor"), a title before the name
    ("adviser Jo Roe") or "led by Jo Roe". With ``institutions``, a named organisation too: the
    group's ("a team at Queen Mary University", "researchers from the Harbour Institute"). With
    ``documents`` (the nouns name documents), the named owner of such a document instead ("a report
    by the Harbour Institute", "the Harbour Institute's study", "Canalys has written a report").
    With ``following``, only in sentence ``k`` and the ``following`` sentences after it (a group
    is identified by a member who speaks next, not by someone with its title met before). The span
    of the name, the nearest first; None when the article names no one so."""
    if not nouns:
        return None
    pattern = _referent_pattern(tuple(sorted(nouns)), institutions, documents)
    sents = article.sentences
    order = _window_order(article.sentence_paragraph, k) if following is None else range(k, min(len(sents), k + following + 1))
    for j in order:
        for m in pattern.finditer(article.text, sents[j].start, sents[j].end):
            group = next(g for g, v in m.groupdict().items() if v is not None)
            who = m.group(group)
            opens = not article.text[sents[j].start : m.start(group)].strip()
            if group in "ab" or (_is_name(who) and not (group == "e" and opens and len(who.split()) == 1)):
                return m.start(group), m.end(group)
    return None


# the writer's or the outlet's own interviews: 'I interviewed five families', 'we spoke with ten nurses',
# 'eight pollsters interviewed by Reuters', 'the residents interviewed for this story'
_INTERVIEWS = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:also\s+|have\s+|had\s+)?(?:interviewed|surveyed|polled|(?:spoke|talked)\s+(?:with|to))\s+(?!him\b|her\b)"
    r"|\b(?:interviewed|surveyed|polled|contacted)\s+(?:by\s+(?:the\s+)?[A-Z]|for\s+this\s+(?:article|story|report))"
)
INTERVIEW_SENTENCES = 2  # how many sentences before or after a group may say the writer interviewed it


def interviewed_group(article: Article, k: int) -> tuple[int, int] | None:
    """The words (a span) in sentence ``k`` or within INTERVIEW_SENTENCES sentences of it, in its
    context window, that say the writer or the outlet interviewed a group ('I interviewed five
    families', 'eight pollsters and strategists interviewed by Reuters'): the people a vague group
    in sentence ``k`` ('most agree', 'supporters and opponents say') is drawn from. None when there are none."""
    order = _window_order(article.sentence_paragraph, k)
    sents = article.sentences
    for j in order:
        if abs(j - k) > INTERVIEW_SENTENCES:
            continue
        m = _INTERVIEWS.search(article.text, sents[j].start, sents[j].end)
        if m is not None:
            return m.start(), m.end()
    return None


def _window_order(para_of: list[int], k: int) -> list[int]:
    """The sentences within CONTEXT_PARAGRAPHS paragraphs of sentence ``k``, nearest first (a walk
    outward from ``k``: bounded by the window, not by the article)."""
    here = para_of[k]
    out = [k]
    lo, hi = k - 1, k + 1
    while True:
        grew = False
        if lo >= 0 and here - para_of[lo] <= CONTEXT_PARAGRAPHS:
            out.append(lo)
            lo -= 1
            grew = True
        if hi < len(para_of) and para_of[hi] - here <= CONTEXT_PARAGRAPHS:
            out.append(hi)
            hi += 1
            grew = True
        if not grew:
            return out
