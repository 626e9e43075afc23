"""WordController: what happens to a word the learner picks.

Looking it up (with the senses its English translation used first),
highlighting that English, saving it with its sentence, marking it known,
the vocabulary marks and coverage figures, and jumping back to where a saved
word was met. The reading state is the session's: each user action is a call
or two on it, and the reader view redraws what the session says changed.
It owns no widgets: the window shows what its signals report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from studyapp.core.errors import StudyappError
from studyapp.core.language.engine import Language
from studyapp.core.reading.annotation import WordRef
from studyapp.core.reading.saving import word_context, word_data
from studyapp.core.reading.session import LinkJob, ReadingSession
from studyapp.core.study.familiarity import counts_as_known, levels_by_form
from studyapp.core.study.vocabulary import VocabularyStore, WordRecord
from studyapp.ui.background import BackgroundOp, Gate

if TYPE_CHECKING:  # lookups load on the first click, not at start-up
    from studyapp.core.language.lookup import LookupResult
    from studyapp.core.links.word_links import PairLinks


class WordController(QObject):
    looked_up = Signal(object, object, object, bool, bool)  # ref, LookupResult, reading, is_name, saved
    reverse_looked_up = Signal(object)  # LookupResult for an English word
    saved = Signal(object)  # the LookupResult whose word was saved
    status = Signal(str)
    failed = Signal(str, str)  # title, message
    coverage = Signal(str)
    coverage_measured = Signal(int, int)  # words known, words read so far
    reveal_requested = Signal(int, object)  # block to scroll to, WordRef to select there (or None)

    def __init__(self, session: ReadingSession, language: Language, vocabulary: VocabularyStore,
                 page: Callable[[], list[int]], gate: Gate | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.language = language
        self.vocabulary = vocabulary
        self._page = page  # the blocks on screen
        self._gate = gate or Gate()  # held while a click is answered
        self.current: tuple[WordRef, LookupResult] | None = None
        self._wanted: list[int] = []  # pairs whose links to work out next
        self._linking: BackgroundOp[None] | None = None
        self._stopped = False  # after stop() no thread starts again (none may outlive the window)

    def reset(self) -> None:
        """A new document: forget the word looked up and the links queued."""
        self._wanted = []
        if self._linking is not None:
            self._linking.cancel()
        self.current = None

    def prefetch_links(self, indices: Iterable[int]) -> None:
        """Work out the links of these pairs in a worker, so that a click finds them
        ready (a pair costs ~10-50 ms); the session takes them on the GUI thread."""
        self._wanted += [i for i in indices if i not in self._wanted and self.session.linkable(i) and not self.session.has_links(i)]
        self._start_linking()

    def _start_linking(self) -> None:
        if self._stopped or self._linking is not None or not self._wanted:
            return
        jobs, self._wanted = self.session.link_jobs(self._wanted), []
        if not jobs:
            return
        linker = self.session.linker

        def link(op: BackgroundOp[None]) -> None:
            for job in jobs:
                if not op.checkpoint():
                    return
                op.report((job, job.run(linker)))

        self._linking = BackgroundOp(self, link, self._gate)
        self._linking.on_report(self._on_links_found).on_finished(self._on_linking_finished).start()

    def _on_links_found(self, found: tuple[LinkJob, PairLinks]) -> None:
        job, links = found
        if not self.session.accept_links(job, links) and job.document is self.session.document:
            self._wanted.append(job.index)  # names were joined meanwhile: link it again

    def _on_linking_finished(self) -> None:
        self._linking = None
        self._start_linking()

    def wait_idle(self, timeout_ms: int = 60000) -> bool:
        """Block until the links being worked out are done (tests, shutting down)."""
        return self._linking.wait(timeout_ms) if self._linking is not None else True

    def stop(self) -> None:
        """Stop linking in the background for good (the window is closing)."""
        self._stopped = True
        self._wanted = []
        if self._linking is not None:
            self._linking.cancel()
            self._linking.wait()

    def activate(self, ref: WordRef) -> None:
        """Look the word up (senses ranked by its link to the English) and announce it."""
        from studyapp.core.links.word_links import rank_senses

        if self.session.token(ref) is None:
            return
        self._gate.hold()  # background work pauses while the click is answered
        self.session.select(ref)
        english = self.session.show_english_of(ref)
        ref = self.session.selection or ref  # linking may have joined a name around it
        token, reading = self.session.token(ref), self.session.reading(ref)
        if token is None:
            return
        result = self.language.lookup(token.text)
        if english is not None and english.linked:
            result = rank_senses(result, list(english.words))
        self.current = (ref, result)
        saved = bool(self.vocabulary.find(token.text))
        self.looked_up.emit(ref, result, reading, token.kind == "name", saved)

    def english_clicked(self, block: int, offset: int) -> None:
        """An English word: select its Chinese counterpart, or look it up in reverse."""
        self._gate.hold()
        ref = self.session.word_at(block, "en", offset)
        if ref is not None:
            self.activate(ref)
            return
        word = self.session.english_word_at(block, offset)
        if word:
            from studyapp.core.language.lookup import LookupResult, entry_view

            dictionary = self.language.dictionary
            # Words of the aligned Chinese sentence that translate it come first (threats -> 威胁).
            first = [e for w in self.session.chinese_translations_of(block, offset, word) for e in dictionary.lookup(w)]
            rest = [e for e in dictionary.reverse(word) if e not in first]
            entries = tuple(entry_view(dictionary, e, follow=False) for e in first + rest)
            self.reverse_looked_up.emit(LookupResult(word, entries))

    def escape(self) -> None:
        self.session.show_english_of(None)
        self.session.select(None)

    def save_current(self, status: str = "new") -> None:
        """Save the looked-up word with its sentence (and mark it ``status``)."""
        if self.current is None or self.session.document is None:
            return
        ref, result = self.current
        token, annotation = self.session.token(ref), self.session.annotation(ref.block)
        if token is None or annotation is None:
            return
        data = word_data(result, annotation.readings[ref.token], self.language.converter)
        if status != "new":
            data = replace(data, status=status)
        try:
            found = self.session.pair_links(ref.block)  # the pair's sentences, aligned
            context = word_context(self.session.document, ref.block, token.start, annotation, found.sentences if found else None)
            record = self.vocabulary.save(data, context)
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
        """Saved words (levels 1-4) are highlighted in their level's colour, known ones underlined;
        ignored words count as known and are not marked."""
        levels = levels_by_form(self.vocabulary.connection)
        saved = {form for form, level in levels.items() if not counts_as_known(level)}
        self.session.set_marks(saved, set(levels) - saved, levels)
        self.update_coverage()

    def update_coverage(self) -> None:
        """Status bar: the share of the document's words already known, and new words on this page."""
        figures = self.session.coverage(self._page())
        if figures.words:
            self.coverage.emit(f"known {figures.known / figures.words:.0%} of the words read so far · {figures.new_on_page} new on this page")
        else:
            self.coverage.emit("")
        self.coverage_measured.emit(figures.known, figures.words)

    def show_context(self, record: WordRecord, open_path: Callable[[str], bool]) -> None:
        """Open the document a saved word came from (``open_path``), at its sentence, with the word selected."""
        context = next((c for c in reversed(record.contexts) if c.document_path), None)
        if context is None:
            self.status.emit(f"{record.simplified} was not saved from a document")
            return
        current = self.session.document
        if current is None or str(Path(current.path or "").resolve()) != str(Path(context.document_path).resolve()):
            if not open_path(context.document_path):
                return
        position = context.position or 0
        document = self.session.document
        if document is None or position >= len(document.blocks):
            return
        self.session.annotate_now([position])
        annotation = self.session.annotation(position)
        found = next((k for k, t in enumerate(annotation.tokens) if t.text in (record.simplified, record.traditional)), None) if annotation else None
        self.reveal_requested.emit(position, WordRef(position, found) if found is not None else None)
