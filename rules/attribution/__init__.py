"""Attribution family (AT): which statements rest on a named source, an unnamed one, or nothing.

Every sentence is labelled attributed-named, attributed-anonymous, attributed-vague,
unattributed-claim or not-a-claim by :func:`rules.attribution.analysis.analyse` (computed once per
article through ``article.derive``); the rules below and the ``attribution`` analyzer only read it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from checker.article import Article
from checker.models import Family, Severity
from checker.rule import Analyzer, Contribution, DocumentRule, Hit
from rules.attribution import discourse
from rules.attribution.analysis import (
    _NOT_ACTOR_START,
    ACT_NOT_REPORT,
    ANONYMOUS,
    LABELS,
    NAMED,
    NOT_A_CLAIM,
    UNATTRIBUTED,
    VAGUE,
    Analysis,
    Attribution,
    _best,
    analyse,
    context_window,
    is_heading,
)
from rules.attribution.lexicon import grammar, lexicon


def shared_analysis(article: Article) -> Analysis:
    """The shared per-article analysis (memoised on the article)."""
    return article.derive(analyse)


def _span(att: Attribution) -> tuple[int, int]:
    if att.source_start is None or att.source_end is None:
        return att.cue_start, att.cue_end
    return min(att.cue_start, att.source_start), max(att.cue_end, att.source_end)


def _ref(article: Article, start: int | None, end: int | None) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"start": start, "end": end, "text": article.text[start:end]}


class UnattributedClaim(DocumentRule):
    id = "AT001"
    name = "unattributed-claim"
    family = Family.ATTRIBUTION
    severity = Severity.INFO
    summary = "A sentence states a checkable fact (a number, a ranking, a cause, a named actor) with no source."
    rationale = (
        "A curator checking an article needs to know which statements rest on a source and which on the "
        "writer's word alone. A sentence that gives a quantity, ranks something, asserts a cause or has "
        "a named actor doing something, with no reporting verb, no 'according to' and no surrounding "
        "quotation to carry a source, is a claim the reader must take on trust. Reporters' own "
        "observations are legitimate, so this is informational: one finding per such sentence, each "
        "costing less than the last, with the reason the sentence counts as a claim. Bylines, "
        "sign-offs, contributor and credit lines and photo captions (as the provenance record finds "
        "them) are not claims of the article; nor are headlines (a short single-line first paragraph, "
        "whatever its punctuation), instructions and recipes, shopping blurbs, verbless list items, "
        "forecasts and conditions ('will', 'if'), a named actor described in the present with no event "
        "('In the film, Captain Reyes steers the trawler to the island', 'the bundle comes wrapped'), a sentence that refers "
        "back to a document cited before ('the survey' after 'a Pew survey found'), an ordinal 'first' "
        "('the first round of talks'; 'the first state to ...' ranks), sentences that address the reader ('You can pick up "
        "...') or sell at a price ('Get it from ... for $49.99'), or the sentences of a text labelled "
        "opinion, letters, review or recipe, or written in the writer's own voice (a fifth of its own "
        "sentences say 'I', 'we' or 'you': a review, a buying guide, an essay, an op-ed) or selling "
        "(a tenth of them): such a text gets no attribution score either."
    )
    fire = (
        "The factory laid off 240 workers in March and closed its second plant.\n",
        "The flood was the worst the valley has seen since records began.\n",
        "Mayor Helen Ortiz cancelled the festival after the storm damaged the main stage.\n",
        "The four-pack of lamps cost the council $24,000 last year.\n",
        "Captain Ada Reyes steered the trawler through the storm and docked at Kinsale on Monday.\n",
    )
    quiet = (
        "The factory laid off 240 workers in March, the company said.\n",
        "According to the county's records, the flood was the worst since 1951.\n",
        "Was it worth it? Nobody can say.\n",
        "Photo: A volunteer fills sandbags (AP Photo/Jane Roe)\n",
        "The decision to shut 2 fire stations was widely criticized.\n",
        "22:00 \u2014 Polls have closed. All times are GMT.\n",
        "Preheat the oven to 200C and bake the loaf for 40 minutes.\n",
        "The new depot will cost $4 million and open in 2028.\n",
        "Depot sale approved.\n\nThe council voted 7-2 on Monday to sell the depot, the clerk said after the meeting.\n",
        "The shop plays Christmas music in every aisle of the store.\n",
        "You can pick up the four-pack for $24 at most garden centres.\n",
        "Get the set from the maker's shop for $49.99, in three colours.\n",
        "In the film, Captain Ada Reyes steers the trawler through a storm to the lost island.\n",
        "The first round of talks took place on the island in October.\n",
        "A Harbour Institute survey found that fares rose sharply. The survey covered 2,000 riders in 12 towns.\n",
        "I have owned this kettle for three months.\n\nIt boils 1.7 litres in under four minutes, the fastest I have "
        "tried.\n\nMy mornings are quieter since I bought it.\n\nYou will pay about $60 for it.\n\nWe never had to "
        "descale it.\n\nThe base holds 40 centimetres of cord.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        result = shared_analysis(article)
        orphan_sentences = {o.sentence for o in result.orphans}
        for info in result.sentences:
            if info.label != UNATTRIBUTED or info.index in orphan_sentences:
                continue
            detail = f" (\u201c{info.evidence}\u201d)" if info.evidence else ""
            yield Hit(
                f"claim with no source: {info.reason}{detail}",
                info.start,
                info.end,
                evidence={"reason": info.reason, "signal": _ref(article, info.evidence_start, info.evidence_end)},
            )


class AnonymousSource(DocumentRule):
    id = "AT002"
    name = "anonymous-source"
    family = Family.ATTRIBUTION
    severity = Severity.WARNING
    summary = "A statement is attributed to an unnamed source (officials, diplomats, 'a source', 'people familiar')."
    rationale = (
        "Anonymous sourcing is sometimes necessary, but the reader cannot weigh a source they cannot "
        "identify, and unnamed officials are the usual vehicle for trial balloons and spin. Newsroom "
        "standards (AP, Reuters, NYT) require saying why a source is not named; when the article does "
        "('speaking on condition of anonymity because they were not authorized to discuss...'), the "
        "finding is lowered to info, and so are the group's other mentions. One finding per "
        "attribution, with the cue and source spans. What passes on no claim is not sourcing: requests "
        "and orders ('officers asked residents to leave'), questions ('asked whether'), refusals ('have "
        "not said when'), undertakings ('threatened to'), acts ('retweeted the post'); headlines are "
        "not judged: the sourcing is in the body; nor a sentence that names its source, nor a role "
        "noun that the article names within two paragraphs ('the adviser, Jo Roe, ...'), nor a group "
        "of officials whose titled member speaks in the next sentences ('\"...,\" said Jo Roe, the county's "
        "area manager'). Nor what names no one who speaks: a gerund's object ('in welcoming the "
        "delegates'), an agent inside a noun phrase ('coaching by advisers added'), everyone ('anyone "
        "familiar with the route') or a vague share of a group ('many lawmakers say': AT003's)."
    )
    fire = (
        "Two senior officials said the talks had collapsed on Tuesday night.\n",
        "A person familiar with the negotiations told reporters the deal was off.\n",
        "The merger will be announced next week, according to sources close to the board.\n",
        "The talks went on.\n\nTwo senior officials said the talks had collapsed. Later, Jo Roe, a senior official, walked out.\n",
    )
    quiet = (
        "Finance Minister Ana Silva said the talks had collapsed on Tuesday night.\n",
        "The merger will be announced next week, according to a filing with the SEC.\n",
        "The city hired 40 new officials last year.\n",
        "A senior adviser later retweeted the governor's post about the bridge.\n",
        "The border was busy.\n\nAnyone familiar with the route will have expected the delay at the crossing.\n",
        "The bank published its study.\n\nCoaching by advisers added as much as two percentage points a year.\n",
        "The county cut homelessness by a third, local officials say.\n\n"
        '"Housing always comes first," said Dana Weller, the area manager of the county housing office.\n',
    )

    def check(self, article: Article) -> Iterator[Hit]:
        result = shared_analysis(article)
        reasons: dict[str, Attribution] = {}
        for att in result.attributions:
            if att.kind == "anonymous" and att.reason_given:
                reasons.setdefault(att.name, att)
        for att in result.attributions:
            if att.kind != "anonymous" or att.cue_class == "intention" or att.pronoun or is_heading(article, att.sentence):
                continue  # "officers saw": an unnamed actor, not source; "they said": flagged where first named; a headline
            if result.sentences[att.sentence].label == NAMED or not _reports(article, att):
                continue  # the sentence names its source; "the adviser retweeted the post": no statement passed on
            if not _speaking_source(article, att):
                continue  # "in welcoming the members", "coaching by advisors added", "anyone familiar", "many lawmakers"
            if _named_nearby(article, result, att):
                continue  # "a senior adviser said ..." and, a paragraph on, "the adviser, Jo Roe, ...": named
            why = att if att.reason_given else reasons.get(att.name)
            start, end = _span(att)
            who = article.text[att.source_start : att.source_end] if att.source_start is not None else att.name
            msg = f"unnamed source: \u201c{' '.join(who.split())}\u201d ({att.name})"
            if why is not None:
                msg += "; the article says why it is unnamed"
            yield Hit(
                msg,
                start,
                end,
                evidence={
                    "source": _ref(article, att.source_start, att.source_end),
                    "cue": _ref(article, att.cue_start, att.cue_end),
                    "name": att.name,
                    "reason": _ref(article, why.reason_start, why.reason_end) if why is not None else None,
                },
                severity=Severity.INFO if why is not None else None,
            )


class VagueAttribution(DocumentRule):
    id = "AT003"
    name = "vague-attribution"
    family = Family.ATTRIBUTION
    severity = Severity.WARNING
    summary = "Weasel or hedged sourcing: 'critics say', 'some experts', 'reportedly', 'it is believed'."
    rationale = (
        "Weasel words make a claim sound sourced while naming no one: 'critics say', 'many believe', "
        "'according to reports', 'it is understood that'. Hedges such as 'reportedly' and agentless "
        "passives ('ministers were told') pass on a claim without saying who made it. A weasel source "
        "is a warning; a hedge or an agentless passive, which may be honest caution, is info. Headlines "
        "are not judged (they compress; the sourcing is in the body), nor a group the article has "
        "already introduced ('the experts said') or identifies in the next sentences ('researchers "
        "reported ...', then 'the team, led by Dr. Ana Silva'), or within two paragraphs before, nor a "
        "document whose owner it names within two paragraphs ('a recent report' and 'the Harbour Institute's "
        "report', 'a report by ...', 'the institute published a report'), nor a group drawn from the writer's "
        "or the outlet's own interviews within two sentences ('I interviewed five families ...', then 'most "
        "agree'; 'eight pollsters interviewed by the Ledger'), or lets "
        "named sources speak in the sentence before or the two after (not one who opposes it: 'But "
        "Mayor Roe disagreed'); nor a sentence that names its source ('Reportedly, ..., according to Governor Jo Roe'), "
        "or gives the weasel document to a named owner ('a Harbour Institute analysis of ticket records shows'), nor a "
        "hedge beside the named report it stands for ('has reportedly offered' ... 'The Harbour Ledger reports'), nor what is "
        "no attribution ('reported missing', 'reported as income', 'is expected to take place', a "
        "forecast 'is expected to win', 'that being said', 'something to be said for'), nor a group that "
        "passes on no statement: an agent ('blocked by people protesting'), an indirect question ('how "
        "people think'), a result ('so that people feel full'), an ability or a counterfactual ('someone "
        "can feel', 'few would have guessed'), a question put ('\"Why?\" some ask'), a group described by what "
        "it does ('anyone who accuses the council'); nor a hedge in a sentence that gives its source ('by some "
        "measures, one official said')."
    )
    fire = (
        "Critics say the new stadium will never pay for itself.\n",
        "The minister has reportedly offered to resign twice this year.\n",
        "It is widely believed that the vote was rigged.\n",
        "By some estimates, the flood cost the valley $40 million.\n",
        "Some wonder whether the mayor knew about the 40 missing files.\n",
        "Ferry fares\n\nA recent report found that fares rose 9 percent in a year.\n\nThe report covers ten ports.\n",
        "Critics say the fares are too high. The mayor interviewed ten captains for the harbour job.\n",
    )
    quiet = (
        "The auditor's report says the new stadium will never pay for itself.\n",
        "The minister offered to resign twice this year, his spokeswoman said.\n",
        "Some 300 people attended the vote.\n",
        "Many shopkeepers are confident that the new bridge will bring trade back.\n",
        "Council closes two libraries, critics say\n\nThe council voted 7-2 on Monday, the clerk said.\n",
        "Two hikers were reported missing on Sunday near the ridge.\n",
        "Reportedly, the mayor will resign in May, according to Governor Jane Roe.\n",
        "That being said, the ferry still leaves at noon every day of the week.\n",
        "Some analysts said the merger would raise fares. Fares rose 9 percent last time, Tomas Varga of the Harbour Institute said.\n",
        "The bridge was blocked by people protesting the new toll on Sunday.\n",
        "Few commuters would have guessed how long the repairs took.\n",
        '"Why does the ferry cost more than the bus?" some ask.\n',
        "Fares rose 9 percent last year, a Harbour Institute analysis of ticket records shows.\n",
        "The pills slow digestion so that people feel full for longer.\n",
        "The ferry operator has reportedly offered to sell two boats. The deal is worth $40 million, The Harbour Ledger reports.\n",
        "Ferry fares\n\nA recent report found that fares rose 9 percent in a year.\n\nThe Harbour Institute's report covers ten ports.\n",
        "Ferry fares\n\nThis winter I interviewed five ferry captains about the fares. Most agree that the fares are too high.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        result = shared_analysis(article)
        for att in result.attributions:
            if att.kind != "vague" or att.cue_class == "intention" or att.pronoun or is_heading(article, att.sentence):
                continue
            if result.sentences[att.sentence].label == NAMED:
                continue  # "Reportedly, ..., according to Governor Jo Roe": the sentence names its source
            start, end = _span(att)
            weasel = att.via in ("verb", "according-to", "colon") and att.source_start is not None
            if weasel and not _source_like(article, att):
                continue  # "some 24 million tons": no person, organisation or document
            if weasel and (_passes_no_claim(article, att) or _document_of_named(article, att)):
                continue  # "hijacked by people defending", "how people think"; "a Reuters analysis of reports shows"
            if weasel and _identified_nearby(article, att):
                continue  # "researchers reported ..." then "The team, led by Dr. Ana Silva, ...": identified
            if weasel and discourse.interviewed_group(article, att.sentence) is not None:
                continue  # "I interviewed five families ..." then "most agree": the writer's own interviewees
            if weasel and _named_speaker_beside(article, result, att):
                continue  # "Some economists say ..." then "Jo Roe of the central bank said ...": the group's members speak
            if att.via == "hedge" and _named_speaker_beside(article, result, att, reports=True):
                continue  # "Apple has reportedly ..." beside "..., The Daily Ledger reports": the report is named
            if not weasel and any(_cites(o) for o in result.sentences[att.sentence].attributions):
                continue  # "exceeding expectations by some measures, one state official said": the sentence gives its source
            what = "weasel source" if weasel else ("agentless passive" if att.via == "passive" else "hedge")
            yield Hit(
                f"vague attribution ({what}): \u201c{' '.join(article.text[start:end].split())}\u201d",
                start,
                end,
                evidence={
                    "kind": what,
                    "source": _ref(article, att.source_start, att.source_end),
                    "cue": _ref(article, att.cue_start, att.cue_end),
                    "name": att.name,
                },
                severity=None if weasel else Severity.INFO,
            )


_DOCUMENTS = frozenset(("report", "study", "survey", "poll", "statement", "document", "analysis", "analyse", "data", "filing", "record"))


def _identified_nearby(article: Article, att: Attribution) -> bool:
    """A weasel source that the sentence itself or the sentences within two paragraphs before or
    after identify (:func:`discourse.named_referent`): by a person's name with the source's noun
    ("The team, led by Dr. Ana Silva", "the adviser, Jane Doe", "Jane Doe, an economist at ..."),
    by its institution ("a team at Queen Mary University") or, for a document, by its owner ("a
    report by the Harbour Institute", "the Harbour Institute's study"). The source's nouns are its
    head and those it lists ("experts ..., including two gastroenterologists")."""
    start, end = _span(att)
    listed = article.text[start:end].lower().partition("including ")[2].split()  # "experts, including two gastroenterologists"
    nouns = {w.strip(",.;:()").removesuffix("s") for w in listed if len(w) >= 5}
    head = att.name.split(": ")[-1].split()[-1].lower().removesuffix("s")
    if head in _DOCUMENTS:
        return discourse.named_referent(article, att.sentence, {head}, documents=True) is not None
    return discourse.named_referent(article, att.sentence, {*nouns, head}, institutions=True) is not None


BESIDE_SENTENCES = 2  # how many sentences after a weasel source (one before) may name who in the group speaks


def _named_speaker_beside(article: Article, result: Analysis, att: Attribution, *, reports: bool = False) -> bool:
    """A weasel source whose sentence, the one before or the BESIDE_SENTENCES after it has a named
    source speaking ("Some economists say ..." then "Jo Roe, of the central bank, said ..."): the
    article goes on to identify who in the group says it. With ``reports``
    (a hedge, "reportedly"), only a named source that reports or is cited ("The Daily Ledger
    reports", "according to The Daily Ledger"): the report the hedge stands for."""
    lo, hi = max(0, att.sentence - 1), min(len(result.sentences), att.sentence + BESIDE_SENTENCES + 1)
    for info in result.sentences[lo:hi]:
        opposed = _CONTRAST.search(article.text[info.start : info.end]) is not None
        if info.index != att.sentence and (opposed or is_heading(article, info.index)):
            continue  # "But Mayor Roe disagreed": an opposing voice, not one of the group; a headline speaks for no one
        for other in info.attributions:
            cited = other.source_start is not None and (not other.implicit or reports) and not other.pronoun
            if not cited or other.kind != "named" or not other.name[:1].isupper():
                continue
            cue = article.text[other.cue_start : other.cue_end].lower()
            if not reports or cue.startswith("report") or other.via == "according-to":
                return True
    return False


# a sentence that opposes what came before: its speaker is not one of the group before it
_CONTRAST = re.compile(
    r"^\W*(?:[Bb]ut|[Yy]et)\b|\b(?:[Hh]owever|disagree\w*|disput\w+|reject\w*|den(?:y|ies|ied)|counter\w*|rebut\w*)\b"
)  # "but" and "yet" open the sentence: not "... with nuclear weapons yet"


# before a weasel source: an agent ("hijacked by people defending"), an indirect question ("how
# people think"), a result ("so that people feel"); between it and its verb: an ability or a
# counterfactual ("someone can feel", "few would have described"): no statement is passed on
_NO_CLAIM_BEFORE = re.compile(r"\b(?:how|what|why|whether|so that|so)\s+$", re.IGNORECASE)
_NO_CLAIM_WITHIN = re.compile(r"\b(?:how|why|whether)\s", re.IGNORECASE)  # the same words inside the source's span
_PARENTHETICAL_END = re.compile(r"\s*(?:[,;:)\]—–]|$)")  # "by some estimates, ...": a hedge, not an agent
_NO_CLAIM_BETWEEN = re.compile(
    r"\b(?:can|cannot|would have)\b", re.IGNORECASE
)  # not "some might argue": a weasel's insinuation
_RESTRICTIVE_WHO = re.compile(r"(?<![,\s])\s+who\s*$|^\s+who\s+$", re.IGNORECASE)  # "anyone who accuses", not "critics, who say"
_ASKING = frozenset(("ask", "asks", "asked", "asking", "wonder", "wonders", "wondered", "wondering"))


def _cites(att: Attribution) -> bool:
    """A named or unnamed source that passes on a statement (not "the labourer preferred")."""
    speaks = att.cue_class in ("speech", "evidence", "according") or att.via == "according-to"
    return att.kind != "vague" and att.source_start is not None and not att.implicit and speaks


def _passes_no_claim(article: Article, att: Attribution) -> bool:
    """A weasel source that passes on no statement: the agent of a passive or of "followed by", the
    subject of an indirect question or of a result clause, an ability or a counterfactual before its verb
    ("someone can feel", "few would have described"), or a question ("some ask")."""
    if att.source_start is None or att.source_end is None:
        return False
    text = article.text
    s = article.sentences[att.sentence]
    source = text[att.source_start : att.source_end]
    agent = re.search(r"\b[Bb]y\s", source) or re.search(r"\bby\s+$", text[max(s.start, att.source_start - 4) : att.source_start])
    if agent and not _PARENTHETICAL_END.match(text, att.cue_end):
        return True  # "hijacked by people defending X", "humbler by encouraging everyone", not "by some estimates, ..."
    if _NO_CLAIM_BEFORE.search(text[max(s.start, att.source_start - 12) : att.source_start] + " ") or _NO_CLAIM_WITHIN.search(source):
        return True  # "how people think"; "not sure how many of us predicted"
    cue = text[att.cue_start : att.cue_end].lower()
    if cue.split()[-1] in _ASKING and "?" in text[s.start : s.end]:
        return True  # '"How does it differ?" some ask': a question, not "some wonder whether the mayor knew"
    lo, hi = (att.source_end, att.cue_start) if att.source_end <= att.cue_start else (att.cue_end, att.source_start)
    if _RESTRICTIVE_WHO.fullmatch(text, lo, hi) or _RESTRICTIVE_WHO.search(source):
        return True  # "Anyone who accuses him ...": the group is described by what it does, it says nothing here
    return _NO_CLAIM_BETWEEN.search(text, lo, hi) is not None or _NO_CLAIM_BETWEEN.search(source) is not None


def _document_of_named(article: Article, att: Attribution) -> bool:
    """A weasel document ("reports", "polls", "a statement") that its clause gives to a named person or
    organisation ("a USA TODAY analysis of newly filed reports shows", "the Security Council issued a
    statement calling", "Jo Roe went on to discuss recent polls, including ones showing"): named."""
    if att.source_start is None:
        return False
    head = att.name.split(": ")[-1].split()[-1].lower()
    if head.removesuffix("s") not in _DOCUMENTS:
        return False
    text = article.text
    s = article.sentences[att.sentence]
    clause_start = max(s.start, text.rfind(",", s.start, att.source_start) + 1)
    words = [w.strip("\"'“”‘’()[],.;:") for w in text[clause_start : att.source_start].split()]
    for n, word in enumerate(words):
        if not word[:1].isupper():
            continue
        if clause_start > s.start or n > 0:
            return True  # "a USA TODAY analysis", "the Security Council issued a statement"
        if word.lower() in _NOT_ACTOR_START:
            continue
        if n + 1 < len(words) and words[n + 1][:1].isupper():
            return True  # "Jo Roe went on to discuss ..."
        # the sentence's first word is a name when the text around it writes it so mid-sentence ("Caddell
        # went on to discuss polls" after "said Pat Caddell"), not "Recent polls show"
        lo, hi = context_window(article.sentence_paragraph, att.sentence)
        mid = re.compile(rf"[\w,;:]\s+{re.escape(word)}\b")
        if any(mid.search(text, t.start, t.end) for t in article.sentences[lo:hi]):
            return True
    return False


def _reports(article: Article, att: Attribution) -> bool:
    """The cue passes on a statement: not an act such as "retweeted the post" with no content after it."""
    cue = article.text[att.cue_start : att.cue_end].lower()
    if cue not in ACT_NOT_REPORT:
        return True
    after = article.text[att.cue_end : att.cue_end + 40]
    return any(mark in after for mark in (" that ", ":", '"', "\u201c")) or '"' in article.text[att.cue_start - 3 : att.cue_start]


GROUP_MEMBER_SENTENCES = 2  # how many sentences after "officials said" a named official may speak for them
_NOBODY_IN_PARTICULAR = grammar()["nobody-in-particular"]  # "anyone familiar with", "many lawmakers say"
_OFFICIAL_TITLES = grammar()["official-titles"]  # a person named with one of them speaks for "officials"
# gerunds whose object is the source they name ("citing people familiar with ..."); any other's is whom it addresses
_SOURCE_OBJECT = frozenset(("citing", "quoting"))


def _speaking_source(article: Article, att: Attribution) -> bool:
    """The unnamed source is the one who speaks: not the object of a gerund ("in welcoming the
    members"), not an agent inside a noun phrase before the verb ("coaching by advisors added"),
    not everyone or a vague share of a group ("anyone familiar with", "many lawmakers say")."""
    if att.source_start is None or att.source_end is None:
        return True
    text = article.text
    words = text[att.source_start : att.source_end].lower().split()
    if words and words[0] in _NOBODY_IN_PARTICULAR:
        return False
    cue = text[att.cue_start : att.cue_end].lower()
    if att.source_start >= att.cue_end:
        return not cue.endswith("ing") or cue in _SOURCE_OBJECT
    return "by" not in words and not text[max(0, att.source_start - 3) : att.source_start].lower().endswith("by ")


def _named_nearby(article: Article, result: Analysis, att: Attribution) -> bool:
    """The article names the unnamed source within reach (:func:`discourse.named_referent`): a person
    introduced with its role noun; for a group, one who speaks with that role in the next sentences
    ('local officials say ...' then '"...," said Jo Roe, the county's area manager')."""
    if not att.plural:
        return discourse.named_referent(article, att.sentence, _role_nouns(att)) is not None
    span = discourse.named_referent(article, att.sentence, _role_nouns(att), following=GROUP_MEMBER_SENTENCES)
    if span is None:
        return False
    k = bisect_right([s.start for s in article.sentences], span[0]) - 1
    return result.sentences[k].label == NAMED


def _role_nouns(att: Attribution) -> set[str]:
    """The nouns a named person may be introduced with to be this unnamed source ("the adviser" for
    "a senior adviser"; for a group of officials, an official's titles too)."""
    head = att.name.split(": ")[-1].split()[-1].lower()
    noun = head.removesuffix("s") if att.plural or head.endswith("s") else head
    return {noun} | (_OFFICIAL_TITLES if noun == "official" else set())


def _source_like(article: Article, att: Attribution) -> bool:
    """A weasel source that is people, an organisation or a document ("critics", "some experts",
    "reports"), not a quantity ("some 24 million tons") or a thing."""
    if att.source_start is None or att.source_end is None:
        return True
    if any(ch.isdigit() for ch in article.text[att.source_start : att.source_end]):
        return False
    lex = lexicon()
    head = att.name.split(": ")[-1].split()[-1].lower()
    return head in lex.vague_nouns or head in lex.anonymous_nouns or head in lex.on_record or head.removesuffix("s") in _DOCUMENTS


class OrphanQuote(DocumentRule):
    id = "AT004"
    name = "orphan-quote"
    family = Family.ATTRIBUTION
    severity = Severity.WARNING
    summary = "Quoted speech with no speaker: no reporting verb in or next to the quotation."
    rationale = (
        "A quotation is evidence only if the reader knows who said it. Quoted sentences with no "
        "speaker tag ('she said'), no introducing sentence ('He said:'), no roundup label ('Jane Roe, "
        "The Daily Ledger: ...') and no speaker in the sentence before are often left over from editing "
        "or machine translation, or quotes lifted from elsewhere. The speaker may be in the quotation's "
        "sentence (its subject, 'Roe adds,', 'As Jo Roe put it,'), the sentence before or after ('She "
        "laughs.'), a dash tag ('\u2014 Jo Roe, a nurse') or the paragraph's quoted speaker. Short scare "
        "quotes, titles, slogans, signs, cited texts ('John 3:16', ', by Jo Roe'), the wording of a "
        "document the sentence names ('the treaty requires ...'), example prompts, inch marks and quoted "
        "crossheads are not counted; a transcript label opening the quotation ('\"HOST: ...'), a line "
        "that introduces it with a colon ('Roe maintained:') or a subject and verb before a comma or "
        "colon ('A shopper gushed, ...') gives its speaker; so does a tag with an appositive and any verb "
        "('\"...,\" Jo Roe, a nurse, explained in a letter'), a possessor's view ('Roe's hope is that \"...\"'), "
        "and the sentence before, in the paragraph before too, when its speaker goes on or a person acts "
        "in it ('Roe stressed the point.', '..., Roe goes on.'), across crossheads. Lines under an "
        "introducing colon (and its short list), the words of a work a quoted title names (lyrics), "
        "terms of under four words, examples ('requests like') and what someone 'calls' are no orphans."
    )
    fire = (
        'The council met on Monday.\n\n"We will not raise taxes this year, whatever happens in the budget."\n',
        "Residents were angry.\n\n\u201cNobody asked us. Nobody told us anything about the plan.\u201d\n",
        'Reactions were mixed.\n\nOur verdict, in brief: "A triumph of hope over arithmetic, and a costly one."\n',
        'The hall was full.\n\n"Nobody asked us. Nobody told us anything about the plan."\n\nThe meeting ended at ten.\n',
    )
    quiet = (
        'The council met on Monday.\n\n"We will not raise taxes this year," the mayor said.\n',
        "The mayor said on Monday:\n\n\u201cNobody asked us. Nobody told us anything about the plan.\u201d\n",
        'The so-called "temporary" tax has lasted ten years.\n',
        'A sign at the gate reads: "No entry after dark. Visitors must report to the office."\n',
        'Reactions were mixed.\n\nTomas Varga, The Lakeside Courier: "A triumph of hope over arithmetic, and a costly one."\n',
        '"Nobody expected the library to survive the budget, least of all the people who use it." \u2014 Jo Rivera, a nurse\n',
        'The band closed with "The Long Road Back to the Valley" at midnight.\n',
        'A shopper gushed, "This kettle has changed the way our whole family starts every single morning."\n',
        'The interview went as follows.\n\n"HOST: Let us turn to the budget and what it means for the schools.\n',
        'The forward is 6\'3" and weighs 210 pounds, and he led the team in rebounds last season.\n',
        'The treaty requires each side "to reduce its stockpile by half within five years of the signing."\n',
        '"The ferry will not run until spring," Tomas Varga, a captain from the north shore, explained in a letter.\n',
        'Hollerich stressed the value of small groups.\n\n"They let everyone speak without splitting the room into camps."\n',
        'The pilot made three points:\n\nFares rise.\n\n"Nobody will fly from here if the tickets cost more than the train."\n',
        'The choir closed with "Down by the Harbour Wall". "The boats come home at evening and the lamps are burning low."\n',
    )

    def check(self, article: Article) -> Iterator[Hit]:
        for orphan in shared_analysis(article).orphans:
            yield Hit(
                f"quotation of {orphan.words} words with no speaker",
                orphan.start,
                orphan.end,
                evidence={"words": orphan.words},
            )


def _merge_names(names: list[str]) -> dict[str, str]:
    """Map a short named source onto the longest one it ends ("Katz" -> "Defense Minister Israel Katz");
    between names of the same length, the one the article mentions first."""
    out: dict[str, str] = {}
    by_last: dict[str, list[list[str]]] = {}
    for name in sorted(dict.fromkeys(names), key=lambda n: -len(n.split())):
        words = name.split()
        if ":" in name or name == "unresolved" or not words:
            out[name] = name
            continue
        target = name
        low = [w.lower() for w in words]
        for longer in by_last.get(low[-1], []):
            if len(longer) > len(low) and [w.lower() for w in longer[-len(low) :]] == low:
                target = out[" ".join(longer)]
                break
        out[name] = target
        by_last.setdefault(low[-1], []).append(words)
    return out


# details.attribution lists the labels of the first this many sentences (``sentences_omitted``
# counts the rest; the metrics count them all): 1,000,000 one-line sentences are not a 14-times-larger report.
MAX_LISTED_SENTENCES = 2000

# How much a claim sentence of each label takes from the attribution score: a named source nothing, the
# writer's own word (an unattributed claim, which may be the reporter's observation) 0.4, an unnamed
# source 0.5, a vague one (a weasel, a hedge, a quotation nobody speaks) all. Every article starts
# with PRIOR_CLAIMS claims of deficit PRIOR_DEFICIT each (a typical article's sourcing): without
# them a short article's share is 0 or 1 by chance, and rare labels (anonymous, vague) would mark
# long articles more often than short ones. The weighted share takes at most SCORE_SPAN points: an
# article whose every claim is vague scores 25 (under the family's reject limit, 30), one whose
# claims are all the writer's own word 70 (the family's review limit). See docs/scoring.md.
SCORE_WEIGHTS = {NAMED: 0.0, UNATTRIBUTED: 0.4, ANONYMOUS: 0.5, VAGUE: 1.0}
PRIOR_CLAIMS = 5
PRIOR_DEFICIT = 0.2
SCORE_SPAN = 75


def attribution_score(counts: dict[str, int]) -> int:
    """100 times one minus the weighted share of claim sentences that rest on no named source (with
    the prior's claims added): a share, so the length of the article does not move it."""
    claims = sum(counts[label] for label in SCORE_WEIGHTS) + PRIOR_CLAIMS
    deficit = sum(w * counts[label] for label, w in SCORE_WEIGHTS.items()) + PRIOR_CLAIMS * PRIOR_DEFICIT
    return round(100 - SCORE_SPAN * deficit / claims)


class AttributionAnalyzer(Analyzer):
    name = "attribution"

    def analyze(self, article: Article) -> Contribution:
        result = shared_analysis(article)
        counts = dict.fromkeys(LABELS, 0)
        for info in result.sentences:  # one pass for every label
            if info.label in counts:
                counts[info.label] += 1
        claims = counts[NAMED] + counts[ANONYMOUS] + counts[VAGUE] + counts[UNATTRIBUTED]
        attributed = counts[NAMED] + counts[ANONYMOUS] + counts[VAGUE]
        merge = _merge_names([a.name for a in result.attributions if a.kind == "named"])
        inventory: dict[str, dict[str, Any]] = {}
        for att in result.attributions:
            if att.implicit:
                continue  # an attitude or an agentless passive: the sentence is attributed, no one is cited
            key = merge.get(att.name, att.name)
            entry = inventory.get(key)
            if entry is None:
                entry = inventory[key] = {"name": key, "kind": att.kind, "count": 0, "cues": [], "mentions": []}
            entry["count"] += 1
            cue = " ".join(article.text[att.cue_start : att.cue_end].lower().split())
            if cue not in entry["cues"]:
                entry["cues"].append(cue)
            if att.source_start is not None and att.source_end is not None:
                mention = " ".join(article.text[att.source_start : att.source_end].split())
                if mention not in entry["mentions"]:
                    entry["mentions"].append(mention)
        sources = sorted(inventory.values(), key=lambda e: (-e["count"], e["name"]))
        metrics: dict[str, float | int | str | None] = {
            "attribution.family_score": attribution_score(counts) if result.checked and not result.genre else None,
            "attribution.sentences": len(result.sentences),
            "attribution.claim_sentences": claims,
            "attribution.attributed_sentences": attributed,
            "attribution.named_sentences": counts[NAMED],
            "attribution.anonymous_sentences": counts[ANONYMOUS],
            "attribution.vague_sentences": counts[VAGUE],
            "attribution.unattributed_sentences": counts[UNATTRIBUTED],
            "attribution.not_a_claim_sentences": counts[NOT_A_CLAIM],
            "attribution.unattributed_share": round(counts[UNATTRIBUTED] / claims, 3) if claims else 0.0,
            "attribution.anonymous_share": round(counts[ANONYMOUS] / attributed, 3) if attributed else 0.0,
            "attribution.vague_share": round(counts[VAGUE] / attributed, 3) if attributed else 0.0,
            "attribution.sources": len(sources),
            "attribution.named_sources": sum(1 for e in sources if e["kind"] == "named"),
            "attribution.anonymous_sources": sum(1 for e in sources if e["kind"] == "anonymous"),
            "attribution.quotes": len({q.chain for q in result.quotes}),
            "attribution.orphan_quotes": len(result.orphans),
        }
        sentences = []
        text = article.text
        for info in result.sentences[:MAX_LISTED_SENTENCES]:
            row: dict[str, Any] = {"start": info.start, "end": info.end, "label": info.label, "reason": info.reason}
            atts = info.attributions  # info.source, inline (as _ref below)
            src = (atts[0] if len(atts) == 1 else _best(atts)) if atts else info.inherited
            if src is not None:
                a, b = src.source_start, src.source_end
                row["source"] = None if a is None or b is None else {"start": a, "end": b, "text": text[a:b]}
                row["source_name"] = merge.get(src.name, src.name)
                a, b = src.cue_start, src.cue_end
                row["cue"] = {"start": a, "end": b, "text": text[a:b]}
                if src.implicit:
                    row["implicit"] = True  # a long-tail cue ("was widely criticized"): not a citation, not in `sources`
                if not atts:
                    row["context"] = info.via_context
            elif info.evidence_start is not None:
                row["signal"] = _ref(article, info.evidence_start, info.evidence_end)
            sentences.append(row)
        details = {
            "labels": list(LABELS),
            "sentences": sentences,
            "sources": sources,
            "orphan_quotes": [{"start": o.start, "end": o.end, "words": o.words} for o in result.orphans],
        }
        if len(result.sentences) > MAX_LISTED_SENTENCES:
            details["sentences_omitted"] = len(result.sentences) - MAX_LISTED_SENTENCES
        return Contribution(metrics=metrics, details=details)


RULES = [UnattributedClaim, AnonymousSource, VagueAttribution, OrphanQuote]
ANALYZERS = [AttributionAnalyzer]
