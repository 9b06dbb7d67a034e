"""Dates family (DT): is the article placed in time?"""

from __future__ import annotations

from collections.abc import Iterator

from checker.article import Article
from checker.models import Family, Severity
from checker.rule import DocumentRule, Example, Hit


class MissingDate(DocumentRule):
    id = "DT001"
    name = "missing-date"
    family = Family.DATES
    severity = Severity.ERROR
    summary = "The file declares no publication date in its header or front matter."
    rationale = (
        "An archive orders, filters and cites articles by their publication date. A file whose header "
        "or front matter gives no date cannot be placed in time, and every relative expression in it "
        "(\"on Thursday\", \"last month\") is left without an anchor. Dates that only appear in the body "
        "are evidence for recovering the date, not a declaration of it."
    )
    fire = (
        "Officials met on Thursday to discuss the budget.\n",
        Example(text="Title: Council votes on budget\nAuthor: Jane Roe\n\nThe council voted 7-2 on Monday.\n"),
    )
    quiet = (
        " date 2024-11-05 Officials met on Thursday to discuss the budget.\n",
        "---\ntitle: Budget vote\ndate: 2024-11-05\n---\nThe council voted 7-2 on Monday.\n",
        "Date: 5 November 2024\n\nThe council voted 7-2 on Monday.\n",
    )

    def check(self, article: Article) -> Iterator[Hit]:
        if article.header.get("date") is None:
            yield Hit("no publication date in the header or front matter")


RULES = [MissingDate]
