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

from pydantic import BaseModel, ConfigDict, Field

from checker.article import Article
from checker.models import Family, FileReport, Severity
from checker.rule import Analyzer, ArchiveRecord, Contribution, Corpus, CorpusAnalyzer, CorpusRule, DocumentRule, Example, Hit
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
    document_score,
    judge,
    person_key,
)
from rules.translation.archive import SCHEMA as ARCHIVE_SCHEMA
from rules.translation.archive import archive_of
from rules.translation.archive import record as archive_record

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
    "digest",
    "document_score",
    "judge",
    "mangled_across",
    "person_key",
]


# --- plug-ins ------------------------------------------------------------------------------------
class TranslationMetrics(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: float = Field(description="MT000's document score")
    known_word_share: float = Field(description="share of lower-case words of 3+ letters that wordfreq knows")
    counts: dict[str, int] = Field(description="signals found, by kind")
    signals: list[dict[str, Any]] = Field(description="each signal: kind, span, message")


class TranslationAnalyzer(Analyzer, CorpusAnalyzer):
    """Per file: the score, the densities and the signals. Its corpus half collects each file's
    :class:`Digest` (what ``index add`` stores for MT003 and MT004) and publishes the run's
    :class:`RunVocabulary` in ``corpus.shared["translation.vocabulary"]``."""

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
        per = 1000.0 / max(a.words, 1)
        metrics: dict[str, float | int | str | None] = {
            "translation.score": a.score,
            "translation.known_word_share": a.known_word_share,
        }
        for kind in KINDS:
            key = kind.replace("-", "_")
            metrics[f"translation.{key}"] = a.counts.get(kind, 0)
            metrics[f"translation.{key}_per_1k"] = round(a.counts.get(kind, 0) * per, 3)
        details = TranslationMetrics(
            score=a.score,
            known_word_share=a.known_word_share,
            counts=a.counts,
            signals=[{"kind": s.kind, "start": s.start, "end": s.end, "message": s.message} for s in a.signals[:50]],
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


class LikelyMachineTranslated(DocumentRule):
    id = "MT000"
    name = "likely-machine-translated"
    family = Family.TRANSLATION
    severity = Severity.ERROR
    summary = "The density and variety of translation artefacts say the text was machine-translated."
    rationale = (
        "One odd word proves nothing; a text in which stutters, out-of-place words, mangled names, "
        "conflicting titles and broken constructions keep turning up was most likely produced by a "
        "weak machine translation. The score adds up each kind of signal per 1,000 words (each kind "
        "capped, so one repeated fault cannot carry it) plus a bonus for every further kind, and the "
        "rule fires at a threshold calibrated to flag at most 2% of human-written news."
    )

    class Options(BaseModel):
        model_config = ConfigDict(extra="forbid")
        threshold: float = Field(SCORE_THRESHOLD, description="the score at or above which the rule fires")

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
        threshold = float(getattr(self.options, "threshold", SCORE_THRESHOLD))
        if a.score < threshold:
            return
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(a.counts.items()))
        yield Hit(
            f"translation score {a.score:.1f} (threshold {threshold:g}) from {len(a.signals)} signal(s) in {a.words} words: {kinds}",
            evidence={"score": a.score, "threshold": threshold, "counts": a.counts, "words": a.words},
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
        "name) or is likely machine-translated (MT000): odd words alone are technical terms, names and "
        "loanwords far more often than translation faults. They still count towards the MT000 score."
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
        a = article.derive(analyse)
        opts = self.context.options_for(LikelyMachineTranslated)
        threshold = getattr(opts, "threshold", SCORE_THRESHOLD)
        for hit in super().check(article):
            if hit.evidence.get("pattern") == "doubled-function-word" and a.score < threshold:
                # "the the" in a text with no other sign of translation: a typo to fix, not a reason to review
                typo = f"{hit.message} (a typo: the text shows no other sign of machine translation)"
                hit = replace(hit, message=typo, severity=Severity.WARNING)
            yield hit


RULES = [LikelyMachineTranslated, Stutter, OutOfPlaceWord, ConflictingTitle, MangledAcronym, BrokenConstruction]
ANALYZERS = [TranslationAnalyzer]
