"""ReadingSession: everything a reader holds about the open document.

The document; each paragraph's words and readings as segmented (filled in
batches by a background reader, or on demand); the names the English
revealed (卢特 + 尼克 = Lutnick), joined into single words for the rest of the
document; the word links of each pair; the characters shown (as written,
simplified or traditional) and 一/不 as spoken or in citation tones; the saved
and known words; the selected word and the English highlighted for it. The window owns one session and the reader
view draws it; every change is announced to the session's listeners with a
``Changes`` record saying what to redraw. Example::

    >>> session = ReadingSession(Language())                       # doctest: +SKIP
    >>> session.open(open_document("sample.md"))                   # doctest: +SKIP
    >>> session.annotate_now([2])                                  # doctest: +SKIP
    >>> ref = session.word_at(2, "zh", 51); session.token(ref).text # doctest: +SKIP
    '西湖'
    >>> session.english_of(ref).words                              # doctest: +SKIP
    ('West', 'Lake')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from studyapp.core.reading.annotation import Annotation, WordRef
from studyapp.core.reading.find import DocumentFinder, FindResult
from studyapp.core.reading.navigation import next_word
from studyapp.core.reading.results import Changes, Coverage, EnglishOfWord, LinkJob
from studyapp.core.text.document import Document, Token
from studyapp.core.text.sentences import sentence_span

if TYPE_CHECKING:  # linking loads on the first click, not at start-up
    from studyapp.core.language.engine import Language
    from studyapp.core.links.word_links import PairLinks, WordLinker

SCRIPTS = ("original", "simplified", "traditional")
__all__ = ["Changes", "Coverage", "EnglishOfWord", "FindResult", "LinkJob", "ReadingSession"]


Listener = Callable[[Changes], None]


class ReadingSession:
    """The open document and what the reader knows about it (see the module docstring)."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.document: Document | None = None
        self.script = "original"
        self.sandhi = False  # 一 and 不 read as spoken
        self.saved: frozenset[str] = frozenset()
        self.known: frozenset[str] = frozenset()
        self.levels: Mapping[str, int] = {}  # familiarity of saved forms: 1-5, 0 ignored
        self.selection: WordRef | None = None
        self.link: EnglishOfWord | None = None
        self._listeners: list[Listener] = []
        self._raw: dict[int, Annotation] = {}  # as segmented
        self._shown: dict[int, Annotation] = {}  # names joined, display forms set
        self._names: set[str] = set()
        self._links: dict[int, PairLinks] = {}
        self._counts: dict[int, tuple[int, int]] = {}  # per block: words, known words (for coverage)
        self._linker: WordLinker | None = None
        self._finder = DocumentFinder(language)

    # --- listeners -----------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with a Changes record after every change."""
        self._listeners.append(listener)

    def _announce(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)

    # --- the document -------------------------------------------------------------------

    def continues_preview(self, document: Document) -> bool:
        """True if ``document`` is the whole of the preview now open."""
        previous = self.document
        return previous is not None and not previous.complete and previous.path == document.path

    def open(self, document: Document | None) -> None:
        """Read ``document`` from now on; words of a preview's unchanged blocks are kept."""
        kept = self._reusable(document) if document is not None and self.continues_preview(document) else {}
        self.document = document
        self._raw, self._shown = {}, {}
        self._names, self._links, self._counts = set(), {}, {}
        self.selection = self.link = None
        self._store(kept)
        self._announce(Changes(document=True))

    def _reusable(self, document: Document) -> dict[int, Annotation]:
        assert self.document is not None
        kept = {}
        for index, block in enumerate(self.document.blocks[: len(document.blocks)]):
            same = document.blocks[index].chinese
            if index in self._raw and block.chinese and same and same.text == block.chinese.text:
                kept[index] = self._raw[index]
        return kept

    def chinese_blocks(self) -> list[int]:
        """Indices of the blocks with a Chinese side (the ones to segment)."""
        return [k for k, b in enumerate(self.document.blocks) if b.chinese is not None] if self.document else []

    # --- words and readings ---------------------------------------------------------------

    @property
    def annotations(self) -> Mapping[int, Annotation]:
        """Every block's words read so far, as shown (do not change it)."""
        return self._shown

    def annotation(self, index: int) -> Annotation | None:
        return self._shown.get(index)

    def add_annotations(self, batch: Mapping[int, Annotation]) -> None:
        """Words and readings of some blocks, as segmented (names and display forms are applied here).

        Raises ValueError if a block's tokens do not spell its Chinese text (words of another document).
        """
        for index, annotation in batch.items():
            if "".join(t.text for t in annotation.tokens) != self._chinese(index):
                raise ValueError(f"the words given for block {index} are not its text")
        if batch:
            self._store(batch)
            self._announce(Changes(blocks=frozenset(batch)))

    def annotate_cached(self, indices: Iterable[int]) -> bool:
        """Words of these blocks from the segmentation cache only (no jieba); False if any is missing."""
        wanted = self._unread(indices)
        if not wanted:
            return True
        results = self.language.read_cached([self._chinese(k) for k in wanted])
        if results is None:
            return False
        self.add_annotations({k: Annotation(t, r) for k, (t, r) in zip(wanted, results)})
        return True

    def annotate_now(self, indices: Iterable[int]) -> None:
        """Segment and read these blocks now (starting jieba if need be)."""
        wanted = self._unread(indices)
        if wanted:
            results = self.language.read_many([self._chinese(k) for k in wanted])
            self.add_annotations({k: Annotation(t, r) for k, (t, r) in zip(wanted, results)})

    def _unread(self, indices: Iterable[int]) -> list[int]:
        blocks = self.document.blocks if self.document else ()
        return [k for k in indices if 0 <= k < len(blocks) and blocks[k].chinese is not None and k not in self._raw]

    def _chinese(self, index: int) -> str:
        side = self.document.blocks[index].chinese if self.document else None
        return side.text if side is not None else ""

    def _store(self, batch: Mapping[int, Annotation]) -> None:
        for index, annotation in batch.items():
            self._raw[index] = annotation
            self._shown[index] = self._as_shown(annotation)
            self._counts.pop(index, None)

    def _as_shown(self, raw: Annotation) -> Annotation:
        tokens, readings = raw.tokens, raw.readings
        if self._names:
            from studyapp.core.links.word_links import join_names

            tokens, readings = join_names(tokens, readings, self._names)
        if self.sandhi:
            from studyapp.core.language.readings import apply_sandhi

            readings = [list(r) if r else r for r in readings]  # the citation readings stay as segmented
            apply_sandhi(tokens, readings)
        return Annotation(tokens, readings, self._display(tokens))

    def token(self, ref: WordRef) -> Token | None:
        annotation = self._shown.get(ref.block)
        return annotation.tokens[ref.token] if annotation is not None and 0 <= ref.token < len(annotation.tokens) else None

    def reading(self, ref: WordRef) -> list[str] | None:
        annotation = self._shown.get(ref.block)
        return annotation.readings[ref.token] if annotation is not None and 0 <= ref.token < len(annotation.tokens) else None

    # --- the characters shown ------------------------------------------------------------

    def set_script(self, script: str) -> None:
        """Show the Chinese as written, or converted word by word to simplified or traditional."""
        if script not in SCRIPTS:
            raise ValueError(script)
        self.script = script
        self._shown = {k: replace(a, display=self._display(a.tokens)) for k, a in self._shown.items()}
        self._announce(Changes(blocks=frozenset(self._shown)))

    def set_sandhi(self, on: bool) -> None:
        """Show 一 and 不 with their tone sandhi as spoken (yí, bú), or in citation tones."""
        if on != self.sandhi:
            self.sandhi = on
            self._shown = {k: self._as_shown(raw) for k, raw in self._raw.items()}  # same words: links stay
            self._announce(Changes(blocks=frozenset(self._shown)))

    def _display(self, tokens: list[Token]) -> list[str] | None:
        if self.script == "original":
            return None
        converter = self.language.converter
        return converter.tokens_to_traditional(tokens) if self.script == "traditional" else converter.tokens_to_simplified(tokens)

    # --- saved and known words --------------------------------------------------------------

    def set_marks(self, saved: Iterable[str], known: Iterable[str], levels: Mapping[str, int] | None = None) -> None:
        """The learner's saved (new, learning) and known (or ignored) words, marked wherever
        they occur; ``levels`` gives each saved form's familiarity for its colour."""
        self.saved, self.known, self.levels = frozenset(saved), frozenset(known), dict(levels or {})
        self._counts = {}
        self._announce(Changes(marks=True))

    def coverage(self, page: Iterable[int]) -> Coverage:
        """Words read so far and how many are known; words on ``page`` neither known nor saved."""
        total = known = 0
        for index, annotation in self._shown.items():
            counts = self._counts.get(index)
            if counts is None:
                words = [t.text for t in annotation.tokens if t.kind == "word"]
                counts = self._counts[index] = (len(words), sum(w in self.known for w in words))
            total += counts[0]
            known += counts[1]
        on_page = {t.text for b in page if (a := self._shown.get(b)) for t in a.tokens if t.kind == "word"}
        return Coverage(total, known, len(on_page - self.known - self.saved))

    # --- selection and links -----------------------------------------------------------------

    def select(self, ref: WordRef | None) -> None:
        if ref != self.selection:
            before, self.selection = self.selection, ref
            self._announce(Changes(selection=(before, ref)))

    def show_english_of(self, ref: WordRef | None) -> EnglishOfWord | None:
        """Highlight the English that translates ``ref`` (None: no highlight); returns it."""
        english = self.english_of(ref) if ref is not None else None
        before, self.link = self.link, english
        changed = {e.block for e in (before, english) if e is not None}
        if changed:
            self._announce(Changes(link_blocks=frozenset(changed)))
        return english

    @property
    def linker(self) -> WordLinker:
        """The word linker (made on first use: ask for it on the GUI thread before handing it to a worker)."""
        if self._linker is None:
            from studyapp.core.links.word_links import WordLinker

            self._linker = WordLinker(self.language)
        return self._linker

    def linkable(self, index: int) -> bool:
        """A pair with English and Chinese (the blocks that have word links)."""
        block = self.document.blocks[index] if self.document and 0 <= index < len(self.document.blocks) else None
        return block is not None and block.chinese is not None and block.english is not None and block.english.lang == "en"

    def pair_links(self, index: int) -> PairLinks | None:
        """Sentences and word links of a pair (worked out on first need, then kept).

        Names the English reveals become single words everywhere, and the
        pair is linked again with them.
        """
        if index not in self._links:
            annotation = self._shown.get(index)
            if annotation is None or not self.linkable(index) or self.document is None:
                return None
            block = self.document.blocks[index]
            found = self.linker.link_pair(block, annotation.tokens, annotation.readings)
            if found.names - self._names:
                self.learn_names(found.names)
                annotation = self._shown[index]
                found = self.linker.link_pair(block, annotation.tokens, annotation.readings)
            self._links[index] = found
        return self._links[index]

    def has_links(self, index: int) -> bool:
        return index in self._links

    def link_jobs(self, indices: Iterable[int]) -> list[LinkJob]:
        """Pairs among ``indices`` that have words but no links yet, to link in the background."""
        if self.document is None:
            return []
        return [LinkJob(self.document, k, self._shown[k].tokens, self._shown[k].readings)
                for k in indices if self.linkable(k) and k in self._shown and k not in self._links]

    def accept_links(self, job: LinkJob, found: PairLinks) -> bool:
        """Keep links worked out for ``job``; False if its words changed meanwhile or it
        revealed new names (they are joined now, and the pair must be linked again)."""
        annotation = self._shown.get(job.index)
        if job.document is not self.document or annotation is None or annotation.tokens is not job.tokens:
            return False
        if found.names - self._names:
            self.learn_names(found.names)
            if self._shown[job.index].tokens is not job.tokens:
                return False
        self._links[job.index] = found
        return True

    def learn_names(self, names: Iterable[str]) -> None:
        """Join these names into single words wherever they occur (卢特 + 尼克 -> 卢特尼克)."""
        self._names |= set(names)
        selected = self.token(self.selection) if self.selection is not None else None
        changed = {}
        for index, raw in self._raw.items():
            shown = self._as_shown(raw)
            if len(shown.tokens) != len(self._shown[index].tokens):
                changed[index] = shown
        if not changed:
            return
        self._shown.update(changed)
        self._links = {k: v for k, v in self._links.items() if k not in changed}
        for index in changed:
            self._counts.pop(index, None)
        before = self.selection
        if before is not None and selected is not None and before.block in changed:
            token = changed[before.block].token_at(selected.start)
            self.selection = WordRef(before.block, token) if token is not None else None
        moved = (before, self.selection) if before != self.selection else None
        self._announce(Changes(blocks=frozenset(changed), selection=moved))

    def link_document(self) -> list[PairLinks | None]:
        """Every pair's links, with the names found anywhere in the document joined everywhere.

        Names are gathered from every pair as segmented first, then each pair
        is linked with all of them joined.
        """
        document = self.document
        if document is None:
            return []
        self.annotate_now(self.chinese_blocks())
        names: set[str] = set()
        for index in (k for k in range(len(document.blocks)) if self.linkable(k)):
            raw = self._raw[index]
            names |= self.linker.link_pair(document.blocks[index], raw.tokens, raw.readings).names
        self.learn_names(names)
        return [self.pair_links(k) for k in range(len(document.blocks))]

    # --- questions about a word ------------------------------------------------------------------

    def word_at(self, block: int, side: str, offset: int) -> WordRef | None:
        """The Chinese word at ``offset`` of a block's Chinese side, or the one linked to the
        English word at ``offset`` of its English side."""
        annotation = self._shown.get(block)
        if annotation is None:
            return None
        if side == "zh":
            token = annotation.token_at(offset)
            return WordRef(block, token) if token is not None and annotation.tokens[token].is_chinese else None
        found = self.pair_links(block)
        link = next((candidate for candidate in found.links for a, b in candidate.en if a <= offset < b), None) if found else None
        annotation = self._shown[block]  # linking may have joined names
        token = annotation.token_starting_at(link.zh[0]) if link is not None else None
        return WordRef(block, token) if token is not None else None

    def english_word_at(self, block: int, offset: int) -> str:
        """The English word at ``offset`` of a block's English side ('' if none)."""
        from studyapp.core.links.english_lemmas import words

        side = self.document.blocks[block].english if self.document else None
        return next((w for w, a, b in words(side.text) if a <= offset < b), "") if side else ""

    def chinese_translations_of(self, block: int, english_offset: int, word: str) -> list[str]:
        """Words of the Chinese sentence aligned with the English one at ``english_offset``
        that may translate ``word`` (threats -> 威胁), for a reverse lookup."""
        found = self.pair_links(block)
        span = found.chinese_sentence_of(english_offset) if found else None
        annotation = self._shown.get(block)
        if span is None or annotation is None:
            return []
        words = [t.text for t in annotation.tokens if t.is_chinese and span[0] <= t.start < span[1]]
        return self.linker.translations_in(word, words)

    def sentence_of(self, ref: WordRef) -> tuple[int, int] | None:
        """The span of the Chinese sentence a word is in."""
        token = self.token(ref)
        return sentence_span(self._chinese(ref.block), token.start, "zh") if token is not None else None

    def english_of(self, ref: WordRef) -> EnglishOfWord | None:
        """The English words linked to ``ref`` and its English sentence (None without a pair)."""
        token = self.token(ref)
        found = self.pair_links(ref.block) if token is not None else None  # may join names: offsets stay
        if found is None or token is None or self.document is None:
            return None
        link = next((candidate for candidate in found.links if candidate.zh[0] <= token.start < candidate.zh[1]), None)
        sentence = next((e for e, z in found.sentences if z and e and z[0] <= token.start < z[1]), None)
        spans = tuple(link.en) if link else ()
        english = self.document.blocks[ref.block].english
        words = tuple(english.text[a:b] for a, b in spans) if english else ()
        return EnglishOfWord(ref.block, spans, sentence, words, link is not None)

    def english_sentence_of(self, ref: WordRef) -> str | None:
        """The English sentence aligned with the word's sentence, if the pair has one."""
        english = self.english_of(ref)
        side = self.document.blocks[ref.block].english if self.document else None
        return side.text[english.sentence[0] : english.sentence[1]] if english and english.sentence and side else None

    # --- moving from word to word ------------------------------------------------------------------

    def words_in(self, block: int) -> list[WordRef]:
        annotation = self._shown.get(block)
        return [WordRef(block, k) for k in annotation.word_indices()] if annotation is not None else []

    def next_word(self, ref: WordRef | None, step: int, start_block: int = 0,
                  accept: Callable[[Token], bool] = lambda token: True) -> WordRef | None:
        """The next (step 1) or previous (-1) word after ``ref`` that ``accept``s, over the blocks
        read so far; from ``start_block`` when nothing is selected. None if there is none."""
        blocks = len(self.document.blocks) if self.document else 0
        return next_word(self._shown, blocks, ref, step, start_block, accept)

    def next_unknown_word(self, ref: WordRef | None, step: int = 1, start_block: int = 0) -> WordRef | None:
        """The next (or previous) word not marked known, among the blocks read so far."""
        return self.next_word(ref, step, start_block, lambda token: token.kind == "word" and token.text not in self.known)

    # --- find ------------------------------------------------------------------------------------

    def find(self, query: str) -> FindResult:
        """Every place ``query`` occurs in the whole document: English, Chinese, or toneless pinyin."""
        if self.document is None:
            return FindResult([], [])
        return self._finder.find(self.document, self._shown, query)
