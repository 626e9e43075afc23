"""User-facing errors: one clear line that the CLI prints and the GUI shows."""


class StudyappError(Exception):
    """Base class for errors whose message is meant for the user as is."""


class DocumentError(StudyappError):
    """A document could not be opened or understood (bad path, encoding, content)."""
