"""translation family (work in progress)."""

RULES: list[type] = []
