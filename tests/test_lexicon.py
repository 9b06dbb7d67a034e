"""The one data-file format every lexicon uses."""

from __future__ import annotations

from checker.lexicon import parse_sections


def test_sections_comments_and_bracketed_entries() -> None:
    text = "# a comment\nfree\n\n[title]\nMr\n  Dr  \n[grammar.slot-2]\n[...]\n[…]\n# trailing\n"
    assert parse_sections(text) == {"": ("free",), "title": ("Mr", "Dr"), "grammar.slot-2": ("[...]", "[…]")}


def test_no_unsectioned_entries_means_no_empty_section() -> None:
    assert parse_sections("[a]\nx\n") == {"a": ("x",)}
