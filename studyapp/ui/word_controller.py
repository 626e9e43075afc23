"""WordController: what happens to a word the learner picks.

Looking it up (with the senses its English translation used first), linking
it to that English, saving it with its sentence, marking it known, and the
vocabulary marks and coverage figures in the reader. It owns no widgets: the
window shows what its signals report.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from typing import TYPE_CHECKING

from studyapp.core.errors import StudyappError
from studyapp.core.language.engine import Language
from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.reader_layout import Annotation
from studyapp.ui.reader_view import ReaderView, WordRef
from studyapp.ui.word_actions import word_context, word_data

if TYPE_CHECKING:  # linking and lookups load on the first click, not at start-up
    from studyapp.core.language.lookup import LookupResult
    from studyapp.core.links.word_links import PairLinks, WordLinker


class WordController(QObject):
    looked_up = Signal(object, object, object, bool, bool)  # ref, LookupResult, reading, is_name, saved
    reverse_looked_up = Signal(object)  # LookupResult for an English word
    saved = Signal(object)  # the LookupResult whose word was saved
    status = Signal(str)
    failed = Signal(str, str)  # title, message
    coverage = Signal(str)
    coverage_measured = Signal(int, int)  # words known, words read so far

    def __init__(self, reader: ReaderView, language: Language, vocabulary: VocabularyStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.language = language
        self.vocabulary = vocabulary
        self.current: tuple[WordRef, LookupResult] | None = None
        self._linker: WordLinker | None = None
        self._links_cache: dict[int, PairLinks] = {}
        self._names: set[str] = set()  # learnt from the English of the open document
        self._known_forms: set[str] = set()
        self._saved_forms: set[str] = set()
        self._prefetch: list[int] = []
        self._prefetch_timer = QTimer(self, interval=0)
        self._prefetch_timer.timeout.connect(self._prefetch_one)

    def reset(self) -> None:
        """A new document: forget its links and names."""
        self._links_cache = {}
        self._names = set()
        self._prefetch = []
        self.current = None

    def prefetch_links(self, indices) -> None:
        """Work out the links of these pairs in idle time, one pair per turn of the
        event loop, so that a click finds them ready (a pair costs ~10-50 ms)."""
        queued = set(self._prefetch)
        self._prefetch += [i for i in indices if i not in self._links_cache and i not in queued]
        if self._prefetch and not self._prefetch_timer.isActive():
            self._prefetch_timer.start()

    def _prefetch_one(self) -> None:
        while self._prefetch:
            index = self._prefetch.pop(0)
            if index not in self._links_cache and self.reader.document is not None and index < len(self.reader.document.blocks):
                self.pair_links(index)
                break
        if not self._prefetch:
            self._prefetch_timer.stop()

    def activate(self, ref: WordRef) -> None:
        """Look the word up (senses ranked by its link to the English) and announce it."""
        from studyapp.core.links.word_links import rank_senses

        token = self.reader.token_of(ref)
        if token is None:
            return
        annotation = self.reader.annotation(ref.block)
        result = self.language.lookup(token.text)
        link = self._link_of(ref)
        if link is not None:
            block = self.reader.document.blocks[ref.block]
            result = rank_senses(result, [block.english.text[a:b] for a, b in link.en])
        self.current = (ref, result)
        saved = bool(self.vocabulary.find(token.text))
        self.looked_up.emit(ref, result, annotation.readings[ref.token], token.kind == "name", saved)

    def pair_links(self, index: int) -> PairLinks | None:
        """Sentences and word links of a pair (computed on first need, then kept)."""
        if index not in self._links_cache:
            annotation = self.reader.annotation(index)
            block = self.reader.document.blocks[index]
            if annotation is None or block.english is None or block.chinese is None:
                return None
            if self._linker is None:
                from studyapp.core.links.word_links import WordLinker

                self._linker = WordLinker(self.language)
            found = self._linker.link_pair(block, annotation.tokens, annotation.readings)
            if found.names - self._names:
                self.learn_names(found.names)
                annotation = self.reader.annotation(index)
                found = self._linker.link_pair(block, annotation.tokens, annotation.readings)
            self._links_cache[index] = found
        return self._links_cache[index]

    def learn_names(self, names: set[str]) -> None:
        """Names the English revealed (卢特 + 尼克 = Lutnick) become single words in this document."""
        self._names |= names
        selected = self.reader.token_of(self.reader.selection) if self.reader.selection else None
        changed = self.with_names(dict(self.reader.annotations))
        self._links_cache = {k: v for k, v in self._links_cache.items() if k not in changed}
        self.reader.set_annotations(changed)
        if selected is not None:
            annotation = self.reader.annotation(self.reader.selection.block)
            token = next((k for k, t in enumerate(annotation.tokens) if t.start <= selected.start < t.end), None)
            if token is not None:
                self.reader.selection = WordRef(self.reader.selection.block, token)

    def with_names(self, annotations: dict) -> dict:
        """The annotations whose tokens change when learnt names are joined."""
        if not self._names:
            return {}
        from studyapp.core.links.word_links import join_names

        changed = {}
        for index, annotation in annotations.items():
            tokens, readings = join_names(annotation.tokens, annotation.readings, self._names)
            if len(tokens) != len(annotation.tokens):
                changed[index] = Annotation(tokens, readings)
        return changed

    def _link_of(self, ref: WordRef):
        """The link of the selected word, and the English highlighted for it."""
        found = self.pair_links(ref.block)
        token = self.reader.token_of(ref)
        if found is None or token is None:
            self.reader.set_link(None)
            return None
        link = next((l for l in found.links if l.zh[0] <= token.start < l.zh[1]), None)
        sentence = next((e for e, z in found.sentences if z and e and z[0] <= token.start < z[1]), None)
        self.reader.set_link(ref.block, list(link.en) if link else [], sentence)
        return link

    def english_clicked(self, block: int, offset: int) -> None:
        """An English word: select its Chinese counterpart, or look it up in reverse."""
        from studyapp.core.links.english_lemmas import words as english_words
        from studyapp.core.language.lookup import LookupResult, entry_view

        found = self.pair_links(block)
        link = next((l for l in found.links for a, b in l.en if a <= offset < b), None) if found else None
        annotation = self.reader.annotation(block)
        if link is not None and annotation is not None:
            token = next((k for k, t in enumerate(annotation.tokens) if t.start == link.zh[0]), None)
            if token is not None:
                ref = WordRef(block, token)
                self.reader.select(ref, ensure_visible=False)
                self.activate(ref)
                return
        english = self.reader.document.blocks[block].english.text
        word = next((w for w, a, b in english_words(english) if a <= offset < b), "")
        if word:
            entries = tuple(entry_view(self.language.dictionary, e, follow=False) for e in self.language.dictionary.reverse(word))
            self.reverse_looked_up.emit(LookupResult(word, entries))

    def escape(self) -> None:
        self.reader.set_link(None)
        self.reader.select(None, ensure_visible=False)

    def save_current(self, status: str = "new") -> None:
        """Save the looked-up word with its sentence (and mark it ``status``)."""
        if self.current is None:
            return
        ref, result = self.current
        document = self.reader.document
        token = self.reader.token_of(ref)
        annotation = self.reader.annotation(ref.block)
        data = word_data(result, annotation.readings[ref.token], self.language.converter)
        if status != "new":
            data = type(data)(**{**data.__dict__, "status": status})
        try:
            record = self.vocabulary.save(data, word_context(document, ref.block, token.start, annotation))
            if status != "new" and record.status != status:
                record = self.vocabulary.update(record.id, status=status)
        except StudyappError as exc:
            self.failed.emit("The word was not saved", str(exc))
            return
        self.refresh_marks()
        self.saved.emit(result)
        self.status.emit(f"Saved {record.simplified} ({record.status}); {self.vocabulary.count()} words in your vocabulary")

    def mark_known(self) -> None:
        self.save_current(status="known")

    def refresh_marks(self) -> None:
        """Saved words (new, learning) are highlighted, known ones underlined."""
        known = self.vocabulary.forms(status="known")
        self._known_forms = known
        self._saved_forms = self.vocabulary.forms(status="new") | self.vocabulary.forms(status="learning")
        self.reader.set_highlighted_words(self._saved_forms)
        self.reader.set_known_words(known)
        self.update_coverage()

    def update_coverage(self) -> None:
        """Status bar: the share of the document's words already known, and new words on this page."""
        known, saved = self._known_forms, self._saved_forms
        total = hits = 0
        for annotation in self.reader.annotations.values():
            for token in annotation.tokens:
                if token.kind == "word":
                    total += 1
                    hits += token.text in known
        visible = {t.text for b in self.reader.visible_blocks() if (a := self.reader.annotation(b)) for t in a.tokens if t.kind == "word"}
        fresh = len(visible - known - saved)
        self.coverage.emit(f"known {hits / total:.0%} of the words read so far · {fresh} new on this page" if total else "")
        self.coverage_measured.emit(hits, total)

    def show_context(self, record, open_path) -> None:
        """Open the document a saved word came from (``open_path``), at its sentence, with the word selected."""
        context = next((c for c in reversed(record.contexts) if c.document_path), None)
        if context is None:
            self.status.emit(f"{record.simplified} was not saved from a document")
            return
        current = self.reader.document
        if current is None or str(Path(current.path or "").resolve()) != str(Path(context.document_path).resolve()):
            if not open_path(context.document_path):
                return
        position = context.position or 0
        if self.reader.document is None or position >= len(self.reader.document.blocks):
            return
        self.reader.scroll_to_block(position)
        annotation = self.reader.annotation(position) or self._read_now(position)
        if annotation is not None:
            found = next((k for k, t in enumerate(annotation.tokens) if t.text in (record.simplified, record.traditional)), None)
            if found is not None:
                self.reader.select(WordRef(position, found))

    def _read_now(self, index: int):
        block = self.reader.document.blocks[index]
        if block.chinese is None:
            return None
        tokens, readings = self.language.read_many([block.chinese.text])[0]
        annotation = Annotation(tokens, readings)
        self.reader.set_annotations({index: annotation})
        return annotation
