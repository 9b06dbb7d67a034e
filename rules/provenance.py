"""Provenance family (PV): where the file came from and whether it is whole."""

from __future__ import annotations

from functools import cache

from langdetect import DetectorFactory, detector_factory
from langdetect.lang_detect_exception import LangDetectException

from checker.article import Article
from checker.models import Language
from checker.rule import Analyzer, Contribution

LANGDETECT_SEED = 0
LANGDETECT_MAX_CHARS = 2000


@cache
def _factory() -> DetectorFactory:
    DetectorFactory.seed = LANGDETECT_SEED
    detector_factory.init_factory()
    factory = detector_factory._factory
    assert factory is not None
    return factory


def detect_language(text: str) -> tuple[str | None, float]:
    """langdetect with a fixed seed (repeatable), over at most LANGDETECT_MAX_CHARS characters."""
    detector = _factory().create()
    detector.set_max_text_length(LANGDETECT_MAX_CHARS)
    detector.append(text)
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    if not best:
        return None, 0.0
    return best[0].lang, round(best[0].prob, 3)


class Record(Analyzer):
    """The basic record: language, counts."""

    name = "provenance"

    def analyze(self, article: Article) -> Contribution:
        code, confidence = detect_language(article.body)
        header = article.header
        prov: dict[str, object] = {"language": Language(code=code, confidence=confidence)}
        if (title := header.get("title")) is not None:
            prov["title"] = title.value
        if (url := header.get("url")) is not None:
            prov["url"] = url.value
        return Contribution(
            metrics={
                "provenance.words": article.word_count,
                "provenance.sentences": len(article.sentences),
                "provenance.paragraphs": len(article.paragraphs),
            },
            provenance=prov,
        )


RULES: list[type] = []
ANALYZERS = [Record]
