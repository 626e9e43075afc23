"""The standalone build's entry point: the same ``studyapp`` command."""

import sys

from studyapp.cli import main

sys.exit(main())
