"""provcheck's built-in rules, one module per family, registered through the ``provcheck.rules``
entry points in ``pyproject.toml``. Shared lexicons live in ``rules/data/``."""
