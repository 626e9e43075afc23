"""``python -m studyapp`` runs the same entry point as the ``studyapp`` command."""

import sys

from studyapp.cli import main

sys.exit(main())
