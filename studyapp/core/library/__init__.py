"""The learner's library: documents opened (progress, coverage, last read),
bookmarks, a document's contents, and documents made from pasted text."""
