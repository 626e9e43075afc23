"""studyapp: read bilingual English-Chinese texts and learn their words."""

__version__ = "0.1.0"
