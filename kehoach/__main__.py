"""`python -m kehoach ...`: the `kehoach` command."""
import sys

from kehoach.cli import main

sys.exit(main())
