"""Decoder figures on the naeb corpus: how often each legacy encoding of a real news article comes
back exactly, and what decoding costs per MB, for articles and for one large file.

    .venv/bin/python benchmarks/decode.py [CORPORA_DIR] [--corpus naeb|polnear] [--repeat N] [--big-mb N]

``--corpus polnear`` reads PolNeAR's 924 articles (train and dev) instead: held out, as the
decoder's rules were written looking at naeb's failures.

Each article (but those that are mojibake already, by ftfy) is encoded (characters an encoding lacks become '?', as a converter would
leave them) in the Western code pages, in UTF-16 without a byte-order mark, and (those that are
not plain ASCII: ASCII with a few bad bytes holds no sign of UTF-8) as UTF-8 with three bad bytes;
the expected text is what that encoding can hold (with U+FFFD for each bad byte). Only
files that are not plain ASCII count. Timings are process time, the best of ``--repeat`` passes, on
a shared machine: compare them with another decoder measured in the same minute, e.g. an older
checkout: ``PYTHONPATH=/path/to/old/tree python benchmarks/decode.py`` (that tree's decoder is
imported instead; the figures it cannot produce are skipped).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ftfy.badness import is_bad

from checker.decode import InputError, decode

ROOT = Path(__file__).resolve().parent.parent
ENCODINGS = ("cp1252", "latin-1", "iso8859-15", "mac-roman", "utf-16-le", "utf-16-be")


def with_bad_bytes(text: str) -> tuple[bytes, str]:
    """UTF-8 with three ASCII letters turned into bad bytes (spread over the text)."""
    data = bytearray(text.encode("utf-8"))
    letters = [i for i, b in enumerate(data) if 0x61 <= b <= 0x7A]
    for k, bad in zip((1, 2, 3), (0x92, 0xFF, 0xC3), strict=True):
        data[letters[len(letters) * k // 4]] = bad
    raw = bytes(data)
    return raw, raw.decode("utf-8", "replace")


def cases(texts: list[str]) -> dict[str, list[tuple[bytes, str]]]:
    texts = [t for t in texts if not is_bad(t)]  # already mojibake: any reading of it is as right
    out: dict[str, list[tuple[bytes, str]]] = {}
    for enc in ENCODINGS:
        pairs = []
        for t in texts:
            data = t.encode(enc, "replace")
            if enc.startswith("utf-16") or not data.isascii():
                pairs.append((data, data.decode(enc)))
        out[enc] = pairs
    out["utf-8 + 3 bad bytes"] = [with_bad_bytes(t) for t in texts if not t.isascii()]
    return out


def accuracy(pairs: list[tuple[bytes, str]]) -> tuple[int, int]:
    right = 0
    for data, expected in pairs:
        with contextlib.suppress(InputError):
            right += decode(data).text == expected
    return right, len(pairs)


def best_time(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def decode_all(blobs: list[bytes]) -> None:
    for b in blobs:
        with contextlib.suppress(InputError):
            decode(b)


def load(corpora: Path, corpus: str) -> list[str]:
    if corpus == "naeb":
        path = corpora / "naeb" / "articles.jsonl"
        if not path.is_file():
            sys.exit(f"naeb corpus not found at {path}")
        return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    files = sorted((corpora / "polnear").glob("*/text/*.txt"))
    if not files:
        sys.exit(f"polnear corpus not found under {corpora / 'polnear'}")
    return [f.read_text(encoding="utf-8") for f in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="?", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--corpus", choices=["naeb", "polnear"], default="naeb", help="the articles to encode")
    ap.add_argument("--repeat", type=int, default=3, help="timing passes (the best is reported)")
    ap.add_argument("--big-mb", type=int, default=20, help="size of the one large file timed")
    args = ap.parse_args()
    texts = load(Path(args.corpora), args.corpus)
    by_case = cases(texts)
    decode_all([d for d, _ in by_case["cp1252"][:5]])  # warm-up: word lists load once per process

    print(f"{args.corpus}: {len(texts)} articles, {sum(map(is_bad, texts))} left out as already mojibake (ftfy)")
    print("\nexact round trips (files with bytes outside ASCII):")
    worst = 1.0
    for name, pairs in by_case.items():
        right, n = accuracy(pairs)
        worst = min(worst, right / n if n else 1.0)
        print(f"  {name:22} {right:4d} / {n:4d}  ({right / n:.1%})" if n else f"  {name:22} (none)")
    print(f"  worst group: {worst:.1%}")

    print("\ndecode time, best of", args.repeat, "passes (process time):")
    for name in ("utf-8", "cp1252", "utf-8 + 3 bad bytes"):
        blobs = [t.encode("utf-8") for t in texts] if name == "utf-8" else [d for d, _ in by_case[name]]
        mb = sum(map(len, blobs)) / 1e6
        secs = best_time(lambda blobs=blobs: decode_all(blobs), args.repeat)  # type: ignore[misc]
        print(f"  {args.corpus} as {name:20} {len(blobs):4d} files {mb:6.2f} MB  {secs * 1000:8.1f} ms  {secs / mb * 1000:8.1f} ms/MB")
    size = args.big_mb * 1_000_000
    whole = "\n\n".join(texts)
    big_text = whole * (size // len(whole.encode("utf-8")) + 1)
    clean = big_text.encode("utf-8")[:4000]
    rng = random.Random(18)
    noise = bytes(rng.choice(b"\x80\x9a\xc3\xe9\xff  abc") for _ in range(1 << 20))
    bigs = {
        "utf-8": big_text.encode("utf-8")[:size],
        "cp1252": big_text.encode("cp1252", "replace")[:size],
        "utf-16-le, no BOM": big_text.encode("utf-16-le")[:size],
        "random high bytes": (noise * (size // len(noise) + 1))[:size],
        "utf-8, bad but where sampled": ((clean + b"\xff" * (size // 16 - len(clean))) * 16)[:size],
    }
    for name, big in bigs.items():
        secs = best_time(lambda big=big: decode_all([big]), args.repeat)  # type: ignore[misc]
        print(f"  one {len(big) / 1e6:.0f} MB file, {name:24} {secs * 1000:8.1f} ms  {secs / (len(big) / 1e6) * 1000:8.1f} ms/MB")


if __name__ == "__main__":
    main()
