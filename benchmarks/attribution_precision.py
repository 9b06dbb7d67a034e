"""Precision of the attribution findings (AT001-AT004) the way a curator meets them: a fixed sample of
findings per rule, each read with the paragraphs around it, judged by hand against a written rubric
(``benchmarks/data/attribution_rubric.md``).

The sample: every finding of each rule on PolNeAR dev and naeb gets a priority from a hash of its key
and the seed; an article gives at most ``--per-article`` findings (its first by priority) and the
``--n`` first by priority overall are the rule's sample. A finding keeps its priority while the rules
change, so after a change the sample differs only by the findings that came or went: their
judgements carry over, and only the new ones need judging.

A finding's key is ``article<TAB>rule<TAB>hash``: the article (``polnear-dev/<stem>`` or
``naeb/<id>``), the rule, and the first 12 hex digits of the SHA-1 of the finding's sentence (its
words joined by single spaces), with ``#2``, ``#3`` for further findings of the rule in the same
sentence.

The judgement file (default ``benchmarks/data/attribution_judgements.tsv``) holds one line per
judged finding: ``article<TAB>rule<TAB>hash<TAB>verdict<TAB>why``, the verdict ``correct``,
``wrong`` or ``debatable``; lines starting with ``#`` are comments. ``--emit-unjudged FILE`` writes
the sampled findings that have no judgement yet in that same format, each with its context as
comment lines and an empty verdict to fill in: the filled file's lines can be appended to the
judgement file as they are.

Precision per rule: strict (correct / judged) and lenient ((correct + debatable) / judged), each
with its 95% Wilson interval.

    .venv/bin/python benchmarks/attribution_precision.py [CORPORA] [--n 40] [--per-article 3] [--seed 19]
    .venv/bin/python benchmarks/attribution_precision.py --emit-unjudged /tmp/to_judge.tsv
    .venv/bin/python benchmarks/attribution_precision.py --show   # print the sample with its contexts
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import math
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.article import Article  # noqa: E402
from checker.rule import RunContext  # noqa: E402
from rules.attribution import RULES  # noqa: E402

JUDGEMENTS = ROOT / "benchmarks" / "data" / "attribution_judgements.tsv"
VERDICTS = ("correct", "wrong", "debatable")
CONTEXT_PARAGRAPHS = 2  # paragraphs printed before and after the finding's own
Z95 = 1.959964


@dataclass(frozen=True, slots=True)
class Finding:
    article: str
    rule: str
    digest: str  # the sentence's hash, with "#2"... for further findings in one sentence
    message: str
    sentence: str
    context: str  # the paragraphs around, the sentence marked >>> <<< and the finding's span [[ ]]
    priority: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.article, self.rule, self.digest)


def load_articles(corpora: Path) -> list[tuple[str, str]]:
    """(article id, text) of PolNeAR dev and naeb."""
    out: list[tuple[str, str]] = []
    dev = corpora / "polnear" / "dev" / "text"
    for path in sorted(dev.glob("*.txt")):
        out.append((f"polnear-dev/{path.stem}", path.read_text(encoding="utf-8")))
    naeb = corpora / "naeb" / "articles.jsonl"
    if naeb.is_file():
        for line in naeb.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((f"naeb/{row['id']}", row["text"]))
    return out


def sentence_hash(sentence: str) -> str:
    return hashlib.sha1(" ".join(sentence.split()).encode("utf-8")).hexdigest()[:12]


def _context(article: Article, start: int, end: int, s_start: int, s_end: int) -> str:
    text = article.text
    paras = article.paragraphs
    k = next((i for i, p in enumerate(paras) if p.start <= s_start < p.end), 0)
    lines: list[str] = []
    for i in range(max(0, k - CONTEXT_PARAGRAPHS), min(len(paras), k + CONTEXT_PARAGRAPHS + 1)):
        p = paras[i]
        if i != k:
            lines.append(" ".join(text[p.start : p.end].split()))
            continue
        a, b = max(start, s_start), min(max(end, start), s_end)
        marked = (
            text[p.start : s_start] + ">>> " + text[s_start:a] + "[[" + text[a:b] + "]]" + text[b:s_end] + " <<<" + text[s_end : p.end]
        )
        lines.append(" ".join(marked.split()))
    return "\n\n".join(lines)


def findings(articles: list[tuple[str, str]], seed: int) -> dict[str, list[Finding]]:
    """Every finding of each attribution rule, by rule."""
    ctx = RunContext(today=date(2026, 11, 22))
    rules = [cls(ctx) for cls in RULES]
    out: dict[str, list[Finding]] = {r.id: [] for r in rules}
    for art_id, text in articles:
        article = Article.from_text(text)
        sents = article.sentences
        starts = [s.start for s in sents]
        for rule in rules:
            seen: dict[str, int] = {}
            for hit in rule.check(article):
                pos = hit.start or 0
                k = max(0, bisect.bisect_right(starts, pos) - 1)
                s = sents[k] if sents else None
                s_start, s_end = (s.start, s.end) if s is not None else (pos, hit.end or pos)
                sentence = " ".join(text[s_start:s_end].split())
                digest = sentence_hash(sentence)
                seen[digest] = seen.get(digest, 0) + 1
                if seen[digest] > 1:
                    digest = f"{digest}#{seen[digest]}"
                key = f"{seed}\t{art_id}\t{rule.id}\t{digest}"
                out[rule.id].append(
                    Finding(
                        art_id,
                        rule.id,
                        digest,
                        hit.message,
                        sentence,
                        _context(article, pos, hit.end or pos, s_start, s_end),
                        hashlib.sha1(key.encode("utf-8")).hexdigest(),
                    )
                )
    return out


def draw(all_findings: list[Finding], n: int, per_article: int) -> list[Finding]:
    """The rule's sample: at most ``per_article`` findings of an article, the ``n`` first by priority."""
    taken: dict[str, int] = {}
    sample: list[Finding] = []
    for f in sorted(all_findings, key=lambda f: f.priority):
        if taken.get(f.article, 0) >= per_article:
            continue
        taken[f.article] = taken.get(f.article, 0) + 1
        sample.append(f)
        if len(sample) == n:
            break
    return sample


def read_judgements(path: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    out: dict[tuple[str, str, str], tuple[str, str]] = {}
    if not path.is_file():
        return out
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 4 or not parts[3].strip():
            continue  # not judged yet
        verdict = parts[3].strip().lower()
        if verdict not in VERDICTS:
            sys.exit(f"{path}:{n}: verdict {parts[3]!r} is not one of {', '.join(VERDICTS)}")
        out[(parts[0], parts[1], parts[2])] = (verdict, parts[4].strip() if len(parts) > 4 else "")
    return out


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion k/n."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def block(f: Finding, verdict: str = "", why: str = "") -> str:
    context = "\n".join(f"#   {line}" if line else "#" for line in f.context.split("\n"))
    return (
        f"# --- {f.rule} in {f.article}: {f.message}\n"
        f"# sentence: {f.sentence}\n"
        f"# context (the finding's sentence between >>> <<<, its span in [[ ]]):\n{context}\n"
        f"{f.article}\t{f.rule}\t{f.digest}\t{verdict}\t{why}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--n", type=int, default=40, help="findings sampled per rule")
    parser.add_argument("--per-article", type=int, default=3)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--emit-unjudged", type=Path, metavar="FILE", help="write the unjudged sampled findings, to fill in")
    parser.add_argument("--show", action="store_true", help="print every sampled finding with its context and judgement")
    args = parser.parse_args()
    corpora = Path(args.corpora)
    if not (corpora / "polnear" / "dev" / "text").is_dir():
        sys.exit(f"PolNeAR dev not found under {corpora}")
    articles = load_articles(corpora)
    by_rule = findings(articles, args.seed)
    judged = read_judgements(args.judgements)
    samples = {rule: draw(fs, args.n, args.per_article) for rule, fs in by_rule.items()}
    print(
        f"{len(articles)} articles (PolNeAR dev + naeb); seed {args.seed}, at most {args.per_article} per article, "
        f"{args.n} per rule; judgements: {args.judgements.relative_to(ROOT) if args.judgements.is_relative_to(ROOT) else args.judgements}"
    )
    if args.show:
        for sample in samples.values():
            for f in sample:
                verdict, why = judged.get(f.key, ("", ""))
                print(block(f, verdict, why))
    unjudged = [f for sample in samples.values() for f in sample if f.key not in judged]
    if args.emit_unjudged is not None:
        with args.emit_unjudged.open("w", encoding="utf-8") as out:
            out.write(
                "# Unjudged attribution findings. Fill the 4th column with correct, wrong or debatable and the 5th with why\n"
                "# (see benchmarks/data/attribution_rubric.md); then append the filled lines to the judgement file.\n"
                "# article\trule\thash\tverdict\twhy\n\n"
            )
            for f in unjudged:
                out.write(block(f) + "\n")
        print(f"wrote {len(unjudged)} unjudged findings to {args.emit_unjudged}")
    head = f"{'rule':6s} {'findings':>8s} {'sampled':>7s} {'judged':>6s} {'ok':>4s} {'wrong':>5s} {'debat':>5s}"
    print(f"\n{head}   strict P [95% CI]      lenient P [95% CI]")
    for rule, sample in samples.items():
        verdicts = [judged[f.key][0] for f in sample if f.key in judged]
        n = len(verdicts)
        ok, bad, deb = (verdicts.count(v) for v in VERDICTS)
        if n:
            lo, hi = wilson(ok, n)
            llo, lhi = wilson(ok + deb, n)
            strict = f"{ok / n:.2f} [{lo:.2f}, {hi:.2f}]"
            lenient = f"{(ok + deb) / n:.2f} [{llo:.2f}, {lhi:.2f}]"
        else:
            strict = lenient = "n/a (nothing judged)"
        print(f"{rule:6s} {len(by_rule[rule]):8d} {len(sample):7d} {n:6d} {ok:4d} {bad:5d} {deb:5d}   {strict:22s} {lenient}")
    if unjudged:
        print(f"\n{len(unjudged)} sampled findings have no judgement yet (--emit-unjudged FILE writes them to fill in)")


if __name__ == "__main__":
    main()
