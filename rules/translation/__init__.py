"""Translation family (MT): artefacts of machine translation, each pointed at, and a document score.

* ``tables`` -- the shipped word lists and wordfreq's frequencies;
* ``analysis`` -- the shared per-article artefact analysis (signals of five kinds, the artefact score);
* ``across`` -- MT003 and MT004 across the files of a run and the archive index;
* ``archive`` -- what the family keeps in the archive index, and its lookups there;
* this module -- the analyzer and the rules MT000-MT005.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from checker.article import Article
from checker.models import Family, FileReport, Severity
from checker.rule import (
    Analyzer,
    ArchiveRecord,
    Contribution,
    Corpus,
    CorpusAnalyzer,
    CorpusRule,
    DocumentRule,
    Example,
    Hit,
    RunContext,
)
from rules.translation.across import MAX_SEEN_IN, SHARED_VOCABULARY, Digest, RunVocabulary, digest, mangled_across
from rules.translation.analysis import (
    KINDS,
    SCORE_THRESHOLD,
    Analysis,
    Signal,
    TitleMention,
    Unknown,
    analyse,
    conflicts,
    construction_score,
    document_score,
    judge,
    person_key,
)
from rules.translation.archive import SCHEMA as ARCHIVE_SCHEMA
from rules.translation.archive import archive_of
from rules.translation.archive import record as archive_record
from rules.translation.model import MAX_PARAGRAPHS, PARAGRAPH_MIN_WORDS, Passage, load, scorer

__all__ = [
    "ANALYZERS",
    "KINDS",
    "RULES",
    "SCORE_THRESHOLD",
    "Analysis",
    "BrokenConstruction",
    "ConflictingTitle",
    "Digest",
    "LikelyMachineTranslated",
    "MangledAcronym",
    "OutOfPlaceWord",
    "RunVocabulary",
    "Signal",
    "Stutter",
    "TitleMention",
    "TranslationAnalyzer",
    "Unknown",
    "analyse",
    "conflicts",
    "construction_score",
    "digest",
    "document_score",
    "judge",
    "mangled_across",
    "person_key",
]


# --- the document verdict: artefacts and the model ---------------------------------------------------
MODEL_MIN_WORDS = 100  # the model speaks for a text of at least this many words (a shorter one says too little)
MT006_MAX = 3  # passages MT006 marks per article at most (the most machine-like)
TOP_PASSAGES = 3  # paragraphs MT000's evidence names


class Verdict(BaseModel):
    """MT000's decision for one article, from the artefact score and the model's probability."""

    model_config = ConfigDict(frozen=True)

    artefact_score: float
    probability: float | None  # None: the model abstains (not English, or too short)
    probability_threshold: float
    logit: float | None
    fired: bool
    by: tuple[str, ...]  # "artefacts", "model": what reached its threshold
    passages: tuple[Passage, ...]


def _options(context: RunContext) -> BaseModel:
    """MT000's options as the run configures them (the analyzer and the other rules read them too)."""
    return context.options_for(LikelyMachineTranslated)


def verdict(article: Article, options: BaseModel) -> Verdict:
    """The article's MT000 verdict under MT000's ``options`` (model file and thresholds)."""
    threshold = float(getattr(options, "threshold", SCORE_THRESHOLD))
    wanted, path = getattr(options, "probability", None), getattr(options, "model", None)
    a = article.derive(analyse)
    model = load(path)
    scored = article.derive(scorer(path))
    probability_threshold = model.threshold if wanted is None else float(wanted)
    probability: float | None = None
    logit: float | None = None
    if a.english and a.words >= MODEL_MIN_WORDS:
        logit = scored.logit
        probability = round(model.probability(logit, construction_score(a)), 3)
    by = tuple(
        name
        for name, reached in (
            ("artefacts", a.score >= threshold),
            ("model", probability is not None and probability >= probability_threshold),
        )
        if reached
    )
    return Verdict(
        artefact_score=a.score,
        probability=probability,
        probability_threshold=probability_threshold,
        logit=logit,
        fired=bool(by),
        by=by,
        passages=scored.passages if a.english else (),
    )


# --- plug-ins ------------------------------------------------------------------------------------
class TranslationMetrics(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: float = Field(description="the artefact score (MT000 fires at its threshold, 6.5 by default)")
    probability: float | None = Field(
        description="the document model's calibrated probability that the text is machine-translated, artefacts included; "
        "null when the model abstains (not English, or under 100 words)"
    )
    known_word_share: float = Field(description="share of lower-case words of 3+ letters that wordfreq knows")
    counts: dict[str, int] = Field(description="signals found, by kind")
    signals: list[dict[str, Any]] = Field(description="each signal: kind, span, message")
    paragraphs: list[dict[str, Any]] = Field(
        description=f"the model's probability for each paragraph of {PARAGRAPH_MIN_WORDS}+ tokens "
        f"(the first {MAX_PARAGRAPHS}): start, end, tokens, probability"
    )


class TranslationAnalyzer(Analyzer, CorpusAnalyzer):
    """Per file: the scores, the densities, the signals and the paragraph scores. Its corpus half
    collects each file's :class:`Digest` (what ``index add`` stores for MT003 and MT004) and publishes
    the run's :class:`RunVocabulary` in ``corpus.shared["translation.vocabulary"]``."""

    name = "translation"
    archive_schema = ARCHIVE_SCHEMA

    def collect(self, article: Article) -> Digest | None:
        d = article.derive(digest)
        return d or None

    def archive(self, digest: Any, report: FileReport) -> ArchiveRecord | None:
        """What ``index add`` stores for one article: its person titles and its acronyms and names."""
        return archive_record(digest) if isinstance(digest, Digest) else None

    def analyze_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Contribution]]:
        corpus.shared[SHARED_VOCABULARY] = RunVocabulary(corpus.digests, archive_of(corpus))
        return iter(())

    def analyze(self, article: Article) -> Contribution:
        a = article.derive(analyse)
        v = verdict(article, _options(self.context))
        per = 1000.0 / max(a.words, 1)
        metrics: dict[str, float | int | str | None] = {
            "translation.score": a.score,
            "translation.probability": v.probability,
            "translation.known_word_share": a.known_word_share,
        }
        for kind in KINDS:
            key = kind.replace("-", "_")
            metrics[f"translation.{key}"] = a.counts.get(kind, 0)
            metrics[f"translation.{key}_per_1k"] = round(a.counts.get(kind, 0) * per, 3)
        details = TranslationMetrics(
            score=a.score,
            probability=v.probability,
            known_word_share=a.known_word_share,
            counts=a.counts,
            signals=[{"kind": s.kind, "start": s.start, "end": s.end, "message": s.message} for s in a.signals[:50]],
            paragraphs=[{"start": p.start, "end": p.end, "tokens": p.tokens, "probability": p.probability} for p in v.passages],
        )
        return Contribution(metrics=metrics, details=details)


class _SignalRule(DocumentRule):
    family = Family.TRANSLATION
    kinds: tuple[str, ...] = ()

    def check(self, article: Article) -> Iterator[Hit]:
        a = article.derive(analyse)
        for s in a.signals:
            if s.kind in self.kinds:
                yield Hit(s.message, s.start, s.end, evidence={"signal": s.kind, **s.evidence})


def _model_file(value: str | None) -> str | None:
    if value is not None:
        load(value)  # a model file that cannot be read is a configuration error, named before the run
    return value


class LikelyMachineTranslated(DocumentRule):
    id = "MT000"
    name = "likely-machine-translated"
    family = Family.TRANSLATION
    severity = Severity.ERROR
    summary = "Translation artefacts, or the document model, say the text was machine-translated."
    rationale = (
        "Two kinds of evidence. Artefacts: one odd word proves nothing, but a text in which stutters, "
        "out-of-place words, mangled names, conflicting titles and broken constructions keep turning up "
        "was most likely produced by a weak machine translation; the artefact score adds up each kind per "
        "1,000 words (each kind capped) plus a bonus for every further kind, and fires at 6.5, calibrated to "
        "flag at most 2% of human-written news. The model: most garbled translation shows none of those "
        "artefacts, only wrong prepositions, literal word order, missing articles; a logistic regression over "
        "hashed word n-grams and n-grams of a frequency-masked text (trained on WMT news translations, see "
        "docs/models.md) scores the whole body, and a small stacked model turns its logit and the artefact "
        "score of constructions (odd words are left to the model, which sees them itself) into one calibrated "
        "probability. The rule fires when either reaches its threshold (the "
        "probability's is set in training so that MT000, artefacts included, flags at most 1% of untranslated "
        "and 3% of translated human documents); the evidence names the most machine-like paragraphs. The model "
        "abstains on texts under 100 words and on text that is not English."
    )

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")
        threshold: float = Field(SCORE_THRESHOLD, description="the artefact score at or above which the rule fires")
        probability: float | None = Field(
            None, gt=0.0, le=1.0, description="the model probability at or above which the rule fires; default: the model file's"
        )
        model: str | None = Field(
            None,
            description="a model file written by `python -m rules.translation.train` (relative to the working directory); "
            "default: the shipped one (docs/models.md)",
        )

        _check_model = field_validator("model")(_model_file)

    fire = (
        "The minister arrived in the capital and weeks later, a few weeks later, the talks began again.\n"
        "Officials said that more than 40 Portugal, more than 30 countries, had sent observers to the vote.\n"
        "The the delegation said it would return in the autumn for the of talks with the government.\n",
        "Transport Minister Jane Holloway opened the new rail line on Monday with the mayor.\n"
        "Days later, a few days later, Transport Secretary Jane Holloway said the line would close for repairs.\n"
        "The contractor blamed the weather, and the the unions blamed the ministry for 12 Spain, 12 contracts.\n",
    )
    quiet = (
        "The council approved the budget on Tuesday after a long debate about school funding.\n"
        "Members said the plan would add two teachers to every primary school by next autumn.\n",
        "The company reported higher profits for the third quarter, helped by strong sales in Asia.\n"
        "Its chief executive said the firm would open four new factories next year.\n"
        "Shares rose 3 percent in early trading in New York.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        a = article.derive(analyse)
        v = verdict(article, self.options)
        threshold = float(getattr(self.options, "threshold", SCORE_THRESHOLD))
        if not v.fired:
            return
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(a.counts.items())) or "none"
        top = sorted(v.passages, key=lambda p: (-p.probability, p.start))[:TOP_PASSAGES]
        model = (
            "the model abstains"
            if v.probability is None
            else f"model probability {v.probability:.2f} (threshold {v.probability_threshold:.2f})"
        )
        lines = ", ".join(f"line {article.span(p.start, p.end).line} ({p.probability:.2f})" for p in top)
        where = f"; most machine-like paragraphs: {lines}" if top else ""
        yield Hit(
            f"flagged by {' and '.join(v.by)}: artefact score {a.score:.1f} (threshold {threshold:g}), {model}; "
            f"{len(a.signals)} artefact(s) in {a.words} words: {kinds}{where}",
            evidence={
                "score": a.score,
                "threshold": threshold,
                "probability": v.probability,
                "probability_threshold": v.probability_threshold,
                "by": list(v.by),
                "counts": a.counts,
                "words": a.words,
                "paragraphs": [{"start": p.start, "end": p.end, "probability": p.probability} for p in top],
            },
        )


# MT006's examples: three paragraphs of a human-written council story, and an insert after them
_COUNCIL = (
    "The city council approved the budget on Tuesday after a long debate about school funding, and members "
    "said the plan would add two teachers to every primary school by next autumn, with the mayor promising to "
    "publish the spending figures each quarter.\n\n"
    "Opposition members said the plan did not go far enough and asked for a review of transport spending before "
    "the next election, saying that bus routes in the outer districts had been cut twice in three years "
    "and that nobody had asked the people who depend on them.\n\n"
    "Parents who attended the meeting welcomed the extra staff but warned that several school buildings still "
    "needed new roofs, and a headteacher told councillors that her pupils had spent the winter in "
    "temporary classrooms without proper heating or enough desks.\n\n"
)
_CONSENT = (  # a statement translated word for word
    "The statement of the mayor office said: In the framework of the realisation of the program the city has "
    "taken over the obligation on the support of the schools, and at the same time it is necessary to note that "
    "the financing of the teachers will be carried out at the expense of the means of the city budget of the "
    "current year, on what the deputies have given the consent.\n"
)
_ROADS = (  # an official's words rendered with the source language's articles and government
    "The representative of the ministry said: At the present time the works on the repair of the roads are carried out "
    "in the framework of the regional program, and the financing of the works will be carried out at the expense of the "
    "means of the federal budget, on what the government of the region has given the consent in the past year.\n"
)
_STATEMENT = (  # the same news in an English writer's words
    "In a statement, the mayor's office said the city would pay for the new teachers from this year's budget, "
    "and that councillors had agreed to the plan after a vote late on Tuesday evening.\n"
)


class MachineTranslatedPassage(DocumentRule):
    id = "MT006"
    name = "machine-translated-passage"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    summary = "The document model is confident that one paragraph of an otherwise clean article is machine-translated."
    rationale = (
        "A machine-translated quotation or insert inside a human-written article does not move the "
        "document score, but the model (see MT000) also scores each paragraph of 40 tokens or more on its "
        "own. A paragraph is marked when its logit reaches the paragraph threshold of the model file "
        "(set in training so that at most 0.1% of 60-token windows of human documents reach it), the "
        "article is not flagged as a whole (MT000), and the other scored paragraphs lean human (their "
        "median logit is below zero). At most three paragraphs per article are marked, the most "
        "machine-like first."
    )
    fire = (
        Example(text=_COUNCIL + _CONSENT),
        Example(text=_COUNCIL + _ROADS),
    )
    quiet = (
        Example(text=_COUNCIL + _STATEMENT),
        Example(text=_COUNCIL),
    )

    def check(self, article: Article) -> Iterator[Hit]:
        options = _options(self.context)
        v = verdict(article, options)
        if v.fired or v.probability is None or len(v.passages) < 2:
            return
        model = load(getattr(options, "model", None))
        marked = [p for p in v.passages if p.logit >= model.paragraph_threshold]
        if not marked:
            return
        rest = sorted(p.logit for p in v.passages if p not in marked)
        if not rest or rest[len(rest) // 2] >= 0.0:
            return  # the rest of the article is not clean: a document-level question (MT000)
        for p in sorted(marked, key=lambda p: (-p.logit, p.start))[:MT006_MAX]:
            yield Hit(
                f"this paragraph reads as machine-translated (model probability {p.probability:.2f}) in an article that otherwise does not",
                p.start,
                p.end,
                evidence={
                    "probability": p.probability,
                    "logit": p.logit,
                    "paragraph_threshold": model.paragraph_threshold,
                    "tokens": p.tokens,
                },
            )


class Stutter(_SignalRule):
    id = "MT001"
    name = "stutter"
    severity = Severity.WARNING
    kinds = ("stutter",)
    summary = "A phrase is restated with a small variation a few words later."
    rationale = (
        'Machine translation that renders one source phrase twice leaves a stutter: "weeks later, a '
        'few weeks later". Writers repeat on purpose in quotes and in fixed patterns ("day after '
        'day", "more and more"), so the rule needs a repeated two-word phrase with a content word, '
        "set off by a comma or dash, at most four words apart, with no conjunction between and no "
        'quotation in the sentence. A restatement that only adds emphasis ("a long meeting, a very '
        'long meeting") is a figure of speech and is left alone.'
    )
    fire = (
        "The ministry approved the plan and weeks later, a few weeks later, the first trains ran.\n",
        "The storm hit the coast on Friday. Power lines fell across the region, the whole region, overnight.\n",
    )
    quiet = (
        "Prices rose month after month, and more and more families struggled to pay.\n",
        '"We will rebuild, we will rebuild," the mayor told the crowd.\n',
        "The plan was approved weeks later by the regional council.\n",
    )


class OutOfPlaceWord(_SignalRule):
    id = "MT002"
    name = "out-of-place-word"
    severity = Severity.WARNING
    kinds = ("out-of-place", "unknown-word")
    summary = "A rare or unknown word, unrelated to the article, in word pairs English does not use."
    rationale = (
        "A wrong word sense or an untranslated word stands out three ways at once: it is rare in "
        "general English (wordfreq), nothing else in the article relates to it (no other word shares "
        "its stem), and the pairs it forms with its neighbours are absent from a table of some 250,000 "
        "common English bigrams (built from the wordsegment package). Terms the article uses again, "
        'regular derivations ("re-", "-ly"), compounds of English words, words next to '
        'punctuation on both sides, terms the article defines ("a state called cryptobiosis"), parts '
        "of e-mail and web addresses, mojibake, and the words of a sentence or quotation that is mostly "
        "in another language (a human writer quoting Spanish) are left alone. Human news uses more rare words than machine "
        "translation does, so a rare real word is only reported in a text whose other translation "
        "signals already score 3 or more, and no odd word is reported unless the text also has another "
        "kind of translation artefact (a stutter, a broken construction, a title conflict, a mangled "
        "name) or its artefact score reaches MT000's threshold: odd words alone are technical terms, names and "
        "loanwords far more often than translation faults. They still count towards the artefact score (not "
        "towards the model's probability, which sees unknown words itself)."
    )
    fire = (
        "Rescue teams reached the the flooded villages on Monday and moved the families to the surrounded lampshade near the river.\n",
        "The government says the new tax on fuel will be introduced next year, according to the the minister kesäkuussa.\n",
    )
    quiet = (
        "The museum's new exhibition of medieval tapestries opens on Saturday. The tapestries were restored over five years.\n",
        "Engineers cut 798 rhynchosaur segments for the new telescope mirror, the observatory said on Monday.\n",
        "Doctors prescribed semaglutide to the patient, and semaglutide sales rose again this year.\n",
        "Rescue teams moved the families to a school near the river on Monday.\n",
    )


class ConflictingTitle(CorpusRule):
    id = "MT003"
    name = "conflicting-title"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    summary = 'One person is given two titles that share a portfolio but not the office ("Health Minister" / "Health Secretary").'
    rationale = (
        "Translation systems render an office with the word another country uses: a health minister "
        'becomes a "Health Secretary", a president a "Chairman". When the same named person carries '
        "two titles with the same portfolio word but different office nouns, in one article, across "
        "the files of a run, or against the titles stored in the archive index (`check --index`), the "
        "less common form is flagged (both, in a tie) and the evidence names the files. British and "
        'American spellings of a portfolio ("Defence", "Defense") are one portfolio, and "Minister of '
        'Mining" is the same title as "Mining Minister". A surname after a title ("Defense Secretary '
        'Petrović") is the person the article names in full with a title, when only one such name ends '
        'with it. Past and acting titles ("former", "acting", "deputy") are not compared, since people '
        "change office."
    )
    fire = (
        Example(
            text="Health Minister Ana Costa visited the hospital. Later, Health Secretary Ana Costa said it would expand.\n"
            "Hospital staff said Health Minister Ana Costa had promised new beds.\n",
        ),
        Example(
            text="Finance Secretary Omar Haddad presented the budget to parliament on Tuesday.\n",
            others=(
                "Finance Minister Omar Haddad said the deficit would shrink next year.\n",
                "Finance Minister Omar Haddad met bankers in the capital.\n",
            ),
        ),
        Example(
            text="Defense Secretary Lea Moreau said the frigates would be delivered next spring.\n",
            others=("Defence Minister Lea Moreau signed the frigate contract in Paris.\n",),
        ),
    )
    quiet = (
        Example(
            text="Finance Minister Omar Haddad presented the budget. Former Finance Secretary Omar Haddad had drafted it years ago.\n",
        ),
        Example(
            text="Finance Minister Omar Haddad presented the budget on Tuesday.\n",
            others=("Foreign Secretary Omar Haddad met the envoy.\n", "Health Minister Lina Haddad opened a clinic.\n"),
        ),
    )

    def collect(self, article: Article) -> Digest | None:
        d = article.derive(digest)
        return d if d.titles else None

    def check_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Hit]]:
        mentions = [(path, m) for path, d in sorted(corpus.digests.items()) for m in d.titles]
        run = set(corpus.digests)
        store = archive_of(corpus)
        if store is not None and mentions:
            run_files = frozenset(store.key(p) for p in corpus.digests)
            for row in store.title_mentions({person_key(m.person) for _, m in mentions}, run_files):
                archived = TitleMention(row.person, row.portfolio, row.head, row.title, -1, -1)
                mentions.extend((row.ref, archived) for _ in range(row.mentions))
        for path, m, others in conflicts(mentions):
            if path not in run:
                continue  # an archived article: not this run's to report
            where = {p for p, o in mentions if o in others}
            archive = sorted(where - run)
            files = sorted((where & run) - {path})
            if archive:
                parts = [f"in {len(files)} other file(s)"] if files else []
                parts.append(f"in {len(archive)} archived article(s)")
                place = " and ".join(parts)
            else:
                place = "elsewhere in this file" if where == {path} else f"in {len(where - {path}) or 1} other file(s)"
            evidence: dict[str, Any] = {"person": m.person, "title": m.title, "other_titles": sorted({o.title for o in others})}
            if files or archive:
                evidence["seen_in"] = (files + archive)[:MAX_SEEN_IN]
            yield (
                path,
                Hit(
                    f"{m.person} is called \u201c{m.title}\u201d here but \u201c{others[0].title}\u201d {place}",
                    m.start,
                    m.end,
                    evidence=evidence,
                    excerpt=f"{m.title} {m.person}",
                ),
            )


class MangledAcronym(CorpusRule):
    id = "MT004"
    name = "mangled-acronym"
    family = Family.TRANSLATION
    severity = Severity.WARNING
    summary = "A word missing from the dictionary nearly copies an acronym or name used in the article, the run or the archive."
    rationale = (
        'Machine translation spells an acronym out as a word ("Nato" turns into "Nado") or glues a '
        'foreign case ending onto a name ("Corbynin"). A word that wordfreq does not know and that '
        "is a near match (rapidfuzz ratio of 80 or more) of an acronym or a capitalised name written "
        "elsewhere in the article is that kind of copy. Across files the capitalised unknown words "
        '(the form a mangled acronym takes: "Divak" for DIVAC) are compared, by the same test, with '
        "the acronyms and names written in the other files of the run and in the archive index "
        "(`check --index`), and the evidence names the file where the acronym was seen. English "
        'derivations ("-s", "-ian", "-ese") and the title-case spelling of an acronym ("Nato") are '
        "not flagged, nor is a capitalised word written next to another capitalised word, as part of "
        'a person\'s name ("Dr. Nasra Abdi" beside NASA, "Marta Divak"); across files, neither is a '
        "word that another file or archived article itself writes as a name (a real name known "
        "elsewhere), one that holds the acronym whole "
        '("Tarpit" is not a copy of TARP), nor a match with a word in capitals that is shouted rather '
        'than an acronym: a common English word ("ALSO"), a word only written inside a run of capitals '
        '("GLASS IS HALF FULL"), or a name its article also writes normally ("BERNIE!" beside "Bernie").'
    )
    fire = (
        "The border agency UNRWO said it would reopen the crossing. A spokesman for Unrvo said trucks were waiting.\n",
        "The Labour leader Corbyn spoke on Monday. Critics said corbynin decision split the party.\n",
        Example(
            text="A spokesman for the refugee agency Unhkr said the camp would close before winter.\n",
            others=("The UN refugee agency UNHCR said thousands of families had crossed the border.\n",),
        ),
        Example(
            text="Aid convoys were stopped, a spokeswoman for Divak said on Tuesday.\n",
            others=("The military body DIVAC, which runs the crossings, denied the report.\n",),
        ),
    )
    quiet = (
        "The agency UNRWA said it would reopen the crossing. A spokesman for UNRWA said trucks were waiting.\n",
        "The Labour leader Corbyn spoke on Monday. Critics said Corbyn's decision split the party.\n",
        Example(
            text="The economist Marta Divak said the crossings would stay open.\n",
            others=("The military body DIVAC, which runs the crossings, denied the report.\n",),
        ),
        Example(
            text="The singer Divak opened the festival on Friday evening.\n",
            others=(
                "The military body DIVAC, which runs the crossings, denied the report.\n",
                "Fans of Divak queued overnight for tickets to the concert.\n",
            ),
        ),
    )

    def collect(self, article: Article) -> Digest | None:
        d = article.derive(digest)
        return d or None

    def check_corpus(self, corpus: Corpus) -> Iterator[tuple[str, Hit]]:
        for path in sorted(corpus.digests):
            for s in corpus.digests[path].mangled:
                yield path, Hit(s.message, s.start, s.end, evidence={"signal": s.kind, **s.evidence}, excerpt=s.evidence["word"])
        vocabulary = corpus.shared.get(SHARED_VOCABULARY)
        if not isinstance(vocabulary, RunVocabulary):
            vocabulary = RunVocabulary(corpus.digests, archive_of(corpus))
        yield from mangled_across(corpus.digests, vocabulary)


class BrokenConstruction(_SignalRule):
    id = "MT005"
    name = "broken-construction"
    severity = Severity.ERROR
    kinds = ("broken",)
    summary = "A construction fluent English does not produce: a number before a country, a doubled function word, a stray determiner."
    rationale = (
        "Some word sequences only come out of a machine: a number followed directly by a country as if "
        'the country were countable ("more than 40 Portugal"), a function word written twice ("the '
        'the"), a determiner followed by a preposition or pronoun ("the of", "a they"), and "the '
        'bigger square ever", the comparative that languages building the superlative from article '
        'and comparative leave behind. Years, sports scores ("Spain 2 France 1"), labels ("Route '
        '66") and a country used as a modifier ("30 United Kingdom and Australian troops") are left '
        "alone. Each pattern was measured on human news (212 articles, 211,534 words): together they "
        'fire about 0.4 times per 10,000 words, almost all on real typos ("with with"), so a doubled '
        "word is a warning in a text that MT000 does not flag, an error in one it does."
    )
    fire = (
        "Officials said more than 40 Portugal, more than 30 countries, sent observers.\n",
        "The delegation will return in the autumn for talks with the the government.\n",
        "Negotiators met for the of talks on the border dispute.\n",
    )
    quiet = (
        "In 2019 France introduced a new law on renewable energy.\n",
        "Spain 2 France 1: the hosts scored twice in the second half.\n",
        "More than 40 countries sent observers to the vote.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        flagged: bool | None = None  # MT000's verdict, computed for the first doubled word only
        for hit in super().check(article):
            if hit.evidence.get("pattern") == "doubled-function-word":
                if flagged is None:
                    flagged = verdict(article, _options(self.context)).fired
                if flagged:
                    yield hit
                    continue
                # "the the" in a text with no other sign of translation: a typo to fix, not a reason to review
                typo = f"{hit.message} (a typo: the text shows no other sign of machine translation)"
                hit = replace(hit, message=typo, severity=Severity.WARNING)
            yield hit


RULES = [LikelyMachineTranslated, Stutter, OutOfPlaceWord, ConflictingTitle, MangledAcronym, BrokenConstruction, MachineTranslatedPassage]
ANALYZERS = [TranslationAnalyzer]
