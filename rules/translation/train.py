"""Train the translation family's document model (needs the ``train`` extra: scikit-learn, scipy).

    python -m rules.translation.train --data mt_train.jsonl --out model.npz [--tiers weak] [--C 30] [--seed 0]

``--data``: JSON lines with ``text``, ``label`` (``mt`` / ``human``) and optionally ``tier`` (machine
rows of another tier than ``--tiers`` are left out), ``year``, ``pair`` (the cross-validation groups:
year and source language; a file without them is split into five folds), ``kind`` (human rows of kind
``source-original`` are untranslated text; every other human row counts as a translation).

The steps, all deterministic (fixed seed, liblinear, files written with fixed metadata), so the same
data gives the same bytes:

1. the hashed vectors of every text (:mod:`rules.translation.features`);
2. logistic regression on all rows: the coefficients shipped;
3. cross-validated logits: each group scored by a model trained without it;
4. the stacked model: logistic regression of the label on (cross-validated logit, artefact score);
5. the MT000 threshold: the lowest stacked probability at which MT000 (this probability, or the
   artefact score at its own threshold) flags at most 1% of the untranslated human rows and at most
   3% of the translated ones (cross-validated);
6. the MT006 threshold: the paragraph logit that at most 0.1% of the human rows' windows of
   ``WINDOW`` words reach, each scored by the model trained without its group.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from checker.article import Article
from rules.translation.analysis import SCORE_THRESHOLD, analyse, construction_score
from rules.translation.features import Hasher, Settings, most_frequent_words, vector
from rules.translation.model import ARTEFACT_CAP, save, sigmoid

DEFAULTS: dict[str, Any] = {
    "hash_bits": 18,
    "word_n": 2,
    "mask_n": 4,
    "top_words": 300,
    "typography": True,
    "C": 100.0,
    "tiers": ("weak", "mid"),
    "seed": 0,
}
WINDOW = 60  # tokens per window when calibrating the paragraph threshold (a paragraph of news)
HUMAN_TRANSLATED_MAX = 0.03  # MT000 may flag at most this share of human translations ...
HUMAN_ORIGINAL_MAX = 0.01  # ... and this share of untranslated human text (the aim for human news; naeb and PolNeAR are checked apart)
PARAGRAPH_MAX = 0.001  # MT006: share of human windows at or above the paragraph threshold

Row = dict[str, Any]
FloatArray = npt.NDArray[np.float64]


def _sklearn() -> Any:
    try:
        import scipy.sparse
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise SystemExit("training needs the train extra: pip install -e '.[train]'") from exc
    return scipy.sparse, LogisticRegression


def load_rows(path: Path, tiers: Iterable[str] | None = None) -> list[Row]:
    """The rows to train on: every human row and the machine rows of ``tiers`` (all when None)."""
    keep = set(tiers) if tiers is not None else None
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if r["label"] == "human" or keep is None or r.get("tier") in keep]


def group_of(row: Row) -> str:
    """The cross-validation group: year and source language ("2021 ja"); WMT08-12 form one group."""
    if "year" not in row or "pair" not in row:
        return ""
    year = int(row["year"])
    return f"{'2008-12' if year <= 2012 else year} {str(row['pair']).split('-')[0]}"


def groups(rows: Sequence[Row]) -> list[str]:
    """One group name per row; rows without year and pair fall in five folds by position."""
    names = [group_of(r) for r in rows]
    return [n or f"fold {i % 5}" for i, n in enumerate(names)]


def matrix(hasher: Hasher, texts: Sequence[str]) -> Any:
    """The texts' vectors as a sparse matrix (rows: texts)."""
    sparse, _ = _sklearn()
    indices, values, pointers = [], [], [0]
    for text in texts:
        buckets, vals = vector(hasher.indices(hasher.tokens(text))[0])
        indices.append(buckets)
        values.append(vals)
        pointers.append(pointers[-1] + len(buckets))
    shape = (len(texts), 2**hasher.settings.hash_bits)
    return sparse.csr_matrix((np.concatenate(values), np.concatenate(indices), np.array(pointers)), shape=shape)


def fit(x: Any, y: npt.NDArray[np.bool_], c: float, seed: int) -> tuple[FloatArray, float]:
    """Logistic regression (liblinear, L2, solved in the dual: far fewer rows than hash buckets): the
    coefficients and the intercept."""
    _, logistic = _sklearn()
    m = logistic(C=c, solver="liblinear", dual=True, max_iter=2000, random_state=seed).fit(x, y)
    return m.coef_[0].astype(np.float64), float(m.intercept_[0])


def cross_validated(
    x: Any,
    y: npt.NDArray[np.bool_],
    names: Sequence[str],
    c: float,
    seed: int,
    each: Callable[[str, FloatArray, float], None] | None = None,
) -> FloatArray:
    """Each row's logit from a model trained without its group; ``each(group, coef, intercept)`` is
    called with every fold's model (to score more texts of that group)."""
    out = np.zeros(len(names))
    labels = np.array(names)
    for name in sorted(set(names)):
        test = labels == name
        coef, intercept = fit(x[~test], y[~test], c, seed)
        out[test] = x[test] @ coef + intercept
        if each is not None:
            each(name, coef, intercept)
    return out


def artefact_scores(texts: Iterable[str]) -> FloatArray:
    """For each text: the artefact score (MT000's own threshold) and the construction score (what the
    stacked model adds to the logit), as two columns."""
    out = []
    for text in texts:
        a = analyse(Article.from_text(text, "train.txt"))
        out.append((a.score, construction_score(a)))
    return np.array(out, dtype=np.float64).reshape(-1, 2)


def windows(hasher: Hasher, text: str) -> list[Any]:
    """The bucket indices of each run of WINDOW tokens of a text (what a paragraph is scored on)."""
    tokens = hasher.tokens(text)
    cuts = [(a, min(a + WINDOW, len(tokens))) for a in range(0, max(len(tokens) - WINDOW // 2, 1), WINDOW)]
    return hasher.indices(tokens, cuts)[1]


def stack(logits: FloatArray, artefacts: FloatArray, y: npt.NDArray[np.bool_], seed: int) -> tuple[float, float, float]:
    _, logistic = _sklearn()
    z = np.column_stack([logits, np.minimum(artefacts, ARTEFACT_CAP)])
    m = logistic(C=1.0, solver="liblinear", random_state=seed).fit(z, y)
    return float(m.intercept_[0]), float(m.coef_[0][0]), float(m.coef_[0][1])


def threshold(probabilities: FloatArray, artefacts: FloatArray, rows: Sequence[Row]) -> float:
    """The lowest probability at which MT000 (the probability at the threshold, or the artefact score
    at its own) flags at most HUMAN_ORIGINAL_MAX of the untranslated human rows and at most
    HUMAN_TRANSLATED_MAX of the translated ones."""
    limits = []
    for original, share in ((True, HUMAN_ORIGINAL_MAX), (False, HUMAN_TRANSLATED_MAX)):
        group = [
            (p, a >= SCORE_THRESHOLD)
            for p, a, r in zip(probabilities, artefacts, rows, strict=True)
            if r["label"] == "human" and (r.get("kind") == "source-original") == original
        ]
        if not group:
            continue
        allowed = int(share * len(group)) - sum(by_artefacts for _, by_artefacts in group)  # more may reach the threshold
        scores = np.sort([p for p, by_artefacts in group if not by_artefacts])[::-1]
        limits.append(float(scores[allowed]) if 0 <= allowed < len(scores) else 1.0 if allowed < 0 else 0.0)
    return round(float(np.nextafter(max(limits), 1.0)), 6) if limits else 0.5


def train(rows: Sequence[Row], settings: Settings, c: float, seed: int) -> tuple[FloatArray, dict[str, Any]]:
    """The coefficients and the model file's header (everything but the format and version)."""
    hasher = Hasher(settings)
    texts = [r["text"] for r in rows]
    x = matrix(hasher, texts)
    y = np.array([r["label"] == "mt" for r in rows])
    names = groups(rows)
    coef, intercept = fit(x, y, c, seed)
    human_windows: list[float] = []

    def score_windows(name: str, fold_coef: FloatArray, fold_intercept: float) -> None:
        for r, g in zip(rows, names, strict=True):
            if g == name and r["label"] == "human":
                for idx in windows(hasher, r["text"]):
                    b, v = vector(idx)
                    human_windows.append(float(fold_intercept + np.dot(fold_coef[b], v)))

    logits = cross_validated(x, y, names, c, seed, score_windows)
    artefacts, constructions = artefact_scores(texts).T
    weights = stack(logits, constructions, y, seed)
    probabilities = np.array(
        [sigmoid(weights[0] + weights[1] * lo + weights[2] * min(a, ARTEFACT_CAP)) for lo, a in zip(logits, constructions, strict=True)]
    )
    paragraph = float(np.quantile(human_windows, 1.0 - PARAGRAPH_MAX)) if human_windows else 0.0
    header = {
        "features": settings.header(),
        "intercept": intercept,
        "stack": list(weights),
        "threshold": threshold(probabilities, artefacts, rows),
        "paragraph_threshold": round(paragraph, 6),
        "training": {
            "rows": len(rows),
            "mt": int(y.sum()),
            "human": int((~y).sum()),
            "groups": len(set(names)),
            "C": c,
            "seed": seed,
            "solver": "liblinear (dual)",
        },
    }
    return coef, header


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path, help="JSON lines: text, label (mt/human), tier, year, pair, kind")
    ap.add_argument("--out", required=True, type=Path, help="the model file to write (.npz)")
    ap.add_argument("--tiers", default=",".join(DEFAULTS["tiers"]), help="machine tiers to train on, comma-separated; 'all': every row")
    ap.add_argument("--C", type=float, default=DEFAULTS["C"], help="inverse L2 regularisation strength")
    ap.add_argument("--hash-bits", type=int, default=DEFAULTS["hash_bits"])
    ap.add_argument("--word-n", type=int, default=DEFAULTS["word_n"])
    ap.add_argument("--mask-n", type=int, default=DEFAULTS["mask_n"])
    ap.add_argument("--top-words", type=int, default=DEFAULTS["top_words"])
    ap.add_argument("--keep-typography", action="store_true", help="hash curly quotes and dashes as written (default: folded)")
    ap.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    args = ap.parse_args(argv)
    tiers = None if args.tiers == "all" else [t for t in args.tiers.split(",") if t]
    rows = load_rows(args.data, tiers)
    settings = Settings(args.hash_bits, args.word_n, args.mask_n, most_frequent_words(args.top_words), not args.keep_typography)
    coef, header = train(rows, settings, args.C, args.seed)
    header["training"]["tiers"] = tiers or "all"
    header["training"]["data"] = args.data.name
    save(args.out, coef, header)
    t = header["training"]
    print(f"{args.out}: {t['rows']} rows ({t['mt']} mt, {t['human']} human) in {t['groups']} groups; threshold {header['threshold']}")


if __name__ == "__main__":
    main()
