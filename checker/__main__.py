"""``python -m checker`` runs the provcheck command line."""

import sys

from checker.cli import main

sys.exit(main())
