"""`python -m sotay` entry point."""

import sys

from sotay.cli import main

sys.exit(main())
