"""The translation family's document model: logistic regression over hashed n-grams (numpy only).

A model file (``.npz``, written by :mod:`rules.translation.train`) holds:

* ``coef`` -- one float16 coefficient per hash bucket, and ``header``: a JSON object with the feature
  :class:`~rules.translation.features.Settings`, the intercept, the stacking weights, the thresholds
  and a description of the training data (counts, seed, version);
* the stacking weights combine the model's logit with the artefact score of
  :mod:`rules.translation.analysis` into one probability that the text is machine-translated
  (fitted on cross-validated logits, so it is calibrated on texts the model did not see);
* ``threshold``: the probability at which MT000 fires; ``paragraph_threshold``: the paragraph logit
  at which MT006 marks a passage.

The shipped model is ``rules/data/translation/model.npz`` (see docs/models.md); ``[rules.MT000]
model = "path"`` points a run at another file. Scoring a text is linear in its length.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from checker.article import Article
from rules.translation.features import Hasher, IntArray, Settings, logits_of_keys, vector
from rules.translation.tables import DATA

FORMAT = "provcheck-translation-model"
VERSION = 1
SHIPPED = DATA / "model.npz"
ARTEFACT_CAP = 15.0  # the artefact score enters the stacked model capped at this (seed-like texts score 10-20)


class ModelError(ValueError):
    pass


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


@dataclass(frozen=True)
class Model:
    settings: Settings
    coef: npt.NDArray[np.float32]
    intercept: float
    stack: tuple[float, float, float]  # intercept, weight of the model's logit, weight of the capped artefact score
    threshold: float
    paragraph_threshold: float
    header: dict[str, Any]
    path: str

    @property
    def hasher(self) -> Hasher:
        return _hasher(self.settings)

    def logit(self, indices: IntArray) -> float:
        buckets, values = vector(indices)
        return self.intercept + float(np.dot(self.coef[buckets], values)) if len(buckets) else self.intercept

    def logits(self, texts: Sequence[IntArray]) -> list[float]:
        """The logit of each text given as bucket indices, all in one sort (as :meth:`logit` of each)."""
        n, bits = len(texts), self.settings.hash_bits
        sizes = [len(t) for t in texts]
        keys = (np.repeat(np.arange(n, dtype=np.int64), sizes) << bits) | np.concatenate(texts) if sum(sizes) else np.zeros(0, np.int64)
        return logits_of_keys(keys, n, bits, self.coef, self.intercept)

    def probability(self, logit: float, artefact_score: float) -> float:
        """The stacked, calibrated probability that a text is machine-translated."""
        b0, b1, b2 = self.stack
        return sigmoid(b0 + b1 * logit + b2 * min(artefact_score, ARTEFACT_CAP))


@cache
def _hasher(settings: Settings) -> Hasher:
    return Hasher(settings)


def save(path: Path, coef: npt.NDArray[np.floating[Any]], header: dict[str, Any]) -> None:
    """Write a model file with fixed zip metadata, so the same model gives the same bytes."""
    arrays: dict[str, npt.NDArray[Any]] = {
        "coef": np.asarray(coef, dtype=np.float16),
        "header": np.frombuffer(json.dumps({"format": FORMAT, "version": VERSION, **header}, sort_keys=True).encode(), dtype=np.uint8),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())


@cache
def load(path: str | None = None) -> Model:
    """The model in ``path`` (default: the shipped one), read once per process."""
    where = Path(path) if path else SHIPPED
    try:
        with np.load(where, allow_pickle=False) as data:
            coef = data["coef"].astype(np.float32)
            header = json.loads(bytes(data["header"]).decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ModelError(f"cannot read the translation model {str(where)!r}: {exc}") from exc
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        raise ModelError(f"{str(where)!r} is not a provcheck translation model of version {VERSION}")
    settings = Settings.from_header(header["features"])
    if len(coef) != 2**settings.hash_bits:
        raise ModelError(f"{str(where)!r}: {len(coef)} coefficients for {2**settings.hash_bits} hash buckets")
    b0, b1, b2 = (float(x) for x in header["stack"])
    return Model(
        settings=settings,
        coef=coef,
        intercept=float(header["intercept"]),
        stack=(b0, b1, b2),
        threshold=float(header["threshold"]),
        paragraph_threshold=float(header["paragraph_threshold"]),
        header=header,
        path=str(where),
    )


# --- an article's scores -----------------------------------------------------------------------------
PARAGRAPH_MIN_WORDS = 40  # a paragraph is scored on its own from this many tokens (a shorter one says too little)
MAX_PARAGRAPHS = 100  # paragraph scores kept per article (the first ones), so a report stays bounded


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph's own score: its span, its tokens, the model's logit and probability."""

    start: int
    end: int
    tokens: int
    logit: float
    probability: float


@dataclass(frozen=True, slots=True)
class ModelScore:
    logit: float  # the model's logit for the whole body
    passages: tuple[Passage, ...]  # the paragraphs of at least PARAGRAPH_MIN_WORDS tokens, in order


def score_article(model: Model, article: Article) -> ModelScore:
    """The model's logit for the article's body, and each long enough paragraph's own logit and
    probability (the stacked model without artefacts). One pass over the tokens."""
    text, hasher = article.text, model.hasher
    tokens: list[str] = []
    group: list[IntArray] = []
    spans: list[tuple[int, int, int]] = []
    for para in article.paragraphs:
        own = hasher.tokens(text[para.start : para.end])
        scored = len(own) >= PARAGRAPH_MIN_WORDS and len(spans) < MAX_PARAGRAPHS
        group.append(np.full(len(own), len(spans) if scored else -1, dtype=np.int64))
        if scored:
            spans.append((para.start, para.end, len(own)))
        tokens.extend(own)
    n = len(spans)
    keys = hasher.keyed(tokens, np.concatenate(group) if group else np.zeros(0, np.int64), n)
    *logits, document = logits_of_keys(keys, n + 1, model.settings.hash_bits, model.coef, model.intercept)
    passages = tuple(
        Passage(start, end, size, round(logit, 3), round(model.probability(logit, 0.0), 3))
        for (start, end, size), logit in zip(spans, logits, strict=True)
    )
    return ModelScore(round(document, 3), passages)


@cache
def scorer(path: str | None = None) -> Callable[[Article], ModelScore]:
    """The function ``article.derive`` memoises for the model in ``path`` (one per model file)."""
    model = load(path)

    def model_score(article: Article) -> ModelScore:
        return score_article(model, article)

    return model_score
