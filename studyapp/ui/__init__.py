"""The PySide6 window: a thin layer that builds core objects and shows results.

``flow`` (line breaking and hit-testing) is plain Python so it can be tested
without painting; the widgets import Qt.
"""
