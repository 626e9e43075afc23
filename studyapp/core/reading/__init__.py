"""What a reader holds about an open document, without Qt.

``ReadingSession`` (session.py) is the one home of that state: the document,
its paragraphs' words and readings, the names learnt from its English, the
word links, the characters shown (simplified or traditional), the saved and
known words, the selected word, and the answers the window and the command
line ask for (the word at a place, its sentence and English, find, the next
unknown word). annotation.py holds the plain data it hands out, find.py the
search, saving.py what a saved word records, document_cache.py the aligned
documents kept for reopening.
"""
