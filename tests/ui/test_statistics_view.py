"""The statistics view shows the figures of a known review history and the open document's coverage."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from studyapp.core.study.review.scheduling import AGAIN, GOOD
from studyapp.core.study.review.store import ReviewStore
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.ui.statistics_view import StatisticsView

T0 = 1_800_000_000  # 2027-01-15 08:00 UTC
DAY = 86400


def test_charts_and_figures_of_a_known_history(qtbot, tmp_path: Path) -> None:
    now = [T0 - 3 * DAY]
    vocabulary = VocabularyStore.open(tmp_path / "v.sqlite3", clock=lambda: now[0])
    reviews = ReviewStore(vocabulary, lambda: now[0], UTC)
    for word in ("银行", "关税", "长"):
        vocabulary.save(WordData(word, word, "zi4 zi4", ["x"]), Context(f"{word}。"))
    vocabulary.save(WordData("的", "的", "de5", ["of"], status="known"))
    first, second = reviews.queue().new[:2]
    reviews.answer(first.id, GOOD, fuzz=False)
    reviews.answer(second.id, AGAIN, fuzz=False)
    now[0] = T0
    words = ["的"] * 90 + ["银行"] * 6 + ["关税"] * 4
    view = StatisticsView(reviews, lambda: ("News", words))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.words_label.text() == "Words: 4 saved — 1 (new) 3, 2 (learning) 0, 3 (learning) 0, 4 (learning) 0, 5 (known) 1, ignored 0"
    remembered, again = view.reviews_chart.sets
    assert [remembered.at(k) for k in range(30)][-4:] == [1.0, 0.0, 0.0, 0.0] and again.at(26) == 1.0
    assert view.reviews_chart.days.categories()[-1] == "15"  # today, 15 January
    due = view.due_chart.sets[0]
    assert due.at(0) == 2.0 and sum(due.at(k) for k in range(30)) == 2.0  # both learning cards are overdue: today
    assert view.due_label.text().startswith("Due today: 2 · tomorrow: 0")
    known = view.familiarity_chart.sets[4]  # level 5
    assert known.at(29) == 1.0 and view.familiarity_chart.sets[0].at(29) == 3.0
    assert view.retention_label.text().startswith("True retention: – in the last 30 days (0 answers)")
    assert view.coverage_label.text() == (
        "News: you know 90.0% of its 100 running words (2 different words to learn); 1 more words for 95%; 2 more words for 98%."
    )
    vocabulary.set_familiarity([vocabulary.find("银行")[0].id], 5)
    view.refresh()
    assert "you know 96.0%" in view.coverage_label.text() and "0 more words for 95%" in view.coverage_label.text()
