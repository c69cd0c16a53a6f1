"""``python -m policy_kb`` — see :mod:`policy_kb.cli`."""

import sys

from .cli import main

sys.exit(main())
