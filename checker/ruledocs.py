"""Rule documentation, drawn from each rule's own metadata: ``provcheck explain``, ``provcheck
rules`` and ``docs/rules.md`` (regenerate with ``python -m checker.docs``) all come from here."""

from __future__ import annotations

import json
from typing import Any

from checker.rule import CorpusRule, Rule


def _one_line(text: str) -> str:
    return " ".join(text.split())


def rule_record(rule: type[Rule]) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "family": rule.family.value,
        "severity": rule.severity.value,
        "kind": "corpus" if issubclass(rule, CorpusRule) else "document",
        "summary": _one_line(rule.summary),
        "rationale": _one_line(rule.rationale),
        "options": rule.Options.model_json_schema().get("properties", {}),
        "fire": [e.model_dump(exclude_defaults=True) for e in rule.examples("fire")],
        "quiet": [e.model_dump(exclude_defaults=True) for e in rule.examples("quiet")],
    }


def _example_block(example: dict[str, Any]) -> list[str]:
    out = ["```text", example["text"].rstrip("\n"), "```"]
    for i, other in enumerate(example.get("others", ()), 1):
        out += [f"with another file of the run ({i}):", "```text", other.rstrip("\n"), "```"]
    if example.get("options"):
        out.append(f"with options `{json.dumps(example['options'])}`")
    return out


def rule_markdown(rule: type[Rule], level: int = 1) -> str:
    rec = rule_record(rule)
    h = "#" * level
    out = [f"{h} {rec['id']} {rec['name']}", ""]
    out.append(f"Family **{rec['family']}**, default severity **{rec['severity']}**, a {rec['kind']} rule.")
    out += ["", f"{h}# What it does", "", rec["summary"], "", f"{h}# Why", "", rec["rationale"], ""]
    if rec["options"]:
        out += [f"{h}# Options", "", "| option | type | default | description |", "|---|---|---|---|"]
        for name, spec in rec["options"].items():
            kind = spec.get("type", "/".join(a.get("type", "?") for a in spec.get("anyOf", [])))
            out.append(f"| `{name}` | {kind} | `{json.dumps(spec.get('default'))}` | {spec.get('description', '')} |")
        out.append("")
    out += [f"{h}# Fires on", ""]
    for e in rec["fire"]:
        out += [*_example_block(e), ""]
    out += [f"{h}# Stays quiet on", ""]
    for e in rec["quiet"]:
        out += [*_example_block(e), ""]
    return "\n".join(out)


def rule_markdown_index(rules: tuple[type[Rule], ...]) -> str:
    out = [
        "# Rules reference",
        "",
        "Generated from the rules' own metadata by `python -m checker.docs`; do not edit by hand.",
        "`provcheck explain ID` prints the same page for one rule.",
        "",
        "| id | name | family | severity | what it finds |",
        "|---|---|---|---|---|",
    ]
    for r in rules:
        out.append(f"| [{r.id}](#{r.id.lower()}-{r.name}) | {r.name} | {r.family.value} | {r.severity.value} | {_one_line(r.summary)} |")
    out.append("")
    for r in rules:
        out += [rule_markdown(r, level=2), ""]
    return "\n".join(out).rstrip("\n") + "\n"

