"""Files bundled with studyapp (sample document, icons), installed as ``studyapp.resources``."""
