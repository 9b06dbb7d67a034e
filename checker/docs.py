"""Every generated document, from one command: ``python -m checker.docs`` (run it from the project
root). Tests compare the committed files with what this writes, so docs cannot drift from code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def _rules() -> str:
    from checker import registry
    from checker.ruledocs import rule_markdown_index

    return rule_markdown_index(registry.load().rules)


def _configuration() -> str:
    from checker.config import config_markdown

    return config_markdown()


def _schema() -> str:
    from checker.schema import report_schema

    return report_schema()


def _cli() -> str:
    from checker.cli import cli_markdown

    return cli_markdown()


GENERATED: dict[str, Callable[[], str]] = {
    "docs/rules.md": _rules,
    "docs/configuration.md": _configuration,
    "docs/report.schema.json": _schema,
    "docs/cli.md": _cli,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="regenerate the generated documents")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    for rel, make in GENERATED.items():
        path = args.root / rel
        path.write_text(make(), encoding="utf-8")
        print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
