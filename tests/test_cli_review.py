"""``studyapp review`` and ``studyapp stats`` as scripts use them (in-process ``main``)."""

from __future__ import annotations

import json
from datetime import datetime

import fsrs
import pytest

from studyapp.cli import main
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData


@pytest.fixture
def saved() -> None:
    store = VocabularyStore.open(clock=lambda: 1_799_000_000)
    store.save(WordData("银行", "銀行", "yin2 hang2", ["bank"]), Context("我去银行取钱。", "I went to the bank."))
    store.save(WordData("长", "長", "zhang3", ["to grow"]), Context("他长大了。"))
    store.close()


def run(capsys, *argv: str) -> tuple[int, object]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if "--json" in argv and code == 0 else out


def test_due_lists_todays_cards_due_first(saved, capsys) -> None:
    code, due = run(capsys, "review", "due", "--now", "2027-01-15T09:00:00+08:00", "--json")
    assert code == 0
    assert [(c["word"], c["type"]) for c in due] == [("银行", "recognition"), ("长", "recognition")]
    first = due[0]["card"]
    run(capsys, "review", "answer", str(first), "good", "--now", "2027-01-15T09:00:00+08:00", "--json")
    _, later = run(capsys, "review", "due", "--now", "2027-01-15T09:20:00+08:00", "--json")
    assert (later[0]["card"], later[0]["due"]) == (first, "2027-01-15T09:10:00+08:00")  # the learning card, due first
    assert [c["word"] for c in later] == ["银行", "长"]


def test_answers_with_now_are_the_fsrs_schedulers_without_fuzz(saved, capsys) -> None:
    card = run(capsys, "review", "due", "--now", "2027-01-15T09:00:00Z", "--json")[1][0]["card"]
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    theirs = fsrs.Card(card_id=card)
    for rating, when in (("good", "2027-01-15T09:00:00Z"), ("good", "2027-01-15T09:10:00Z"), ("easy", "2027-01-18T10:00:00Z"), ("hard", "2027-02-20T10:00:00Z")):
        code, ours = run(capsys, "review", "answer", str(card), rating, "--now", when, "--json")
        assert code == 0 and set(ours) == {"card", "due", "stability", "difficulty", "state"}
        moment = datetime.fromisoformat(when)
        theirs, _ = scheduler.review_card(theirs, fsrs.Rating[rating.capitalize()], moment)
        assert ours["due"] == theirs.due.isoformat()
        assert (ours["stability"], ours["difficulty"]) == pytest.approx((theirs.stability, theirs.difficulty), rel=1e-12)
        assert ours["state"] == theirs.state.name.lower()


def test_stats_json_shape(saved, capsys) -> None:
    card = run(capsys, "review", "due", "--now", "2027-01-15T09:00:00Z", "--json")[1][0]["card"]
    run(capsys, "review", "answer", str(card), "easy", "--now", "2027-01-15T09:00:00Z", "--json")
    code, stats = run(capsys, "stats", "--now", "2027-01-15T12:00:00Z", "--json")
    assert code == 0
    assert stats["familiarity"] == {"1": 2, "2": 0, "3": 0, "4": 0, "5": 0, "ignored": 0}
    assert stats["reviews_by_day"][-1] == {"day": "2027-01-15", "reviews": 1, "again": 0}
    assert len(stats["due_forecast"]) == 30 and sum(d["due"] for d in stats["due_forecast"]) == 1
    assert stats["retention"]["last_30_days"] is None  # no answer to a card in review yet
    assert len(stats["familiarity_by_day"]) == 30
    code, text = run(capsys, "stats", "--now", "2027-01-15T12:00:00Z")
    assert code == 0 and "words by familiarity: 1: 2" in text


def test_bad_review_input_is_one_line_and_exit_2(saved, capsys) -> None:
    assert main(["review", "answer", "999", "good", "--json"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["review", "due", "--now", "tomorrow"]) == 2
    assert "ISO 8601" in capsys.readouterr().err
    assert main(["review", "answer", "1", "maybe"]) == 2
    assert "invalid choice: 'maybe'" in capsys.readouterr().err
