"""The headless application: documents, alignment, language data, vocabulary.

Nothing under ``studyapp.core`` imports Qt; the GUI in ``studyapp.ui`` is a thin
layer over it, and the CLI uses it directly.
"""
