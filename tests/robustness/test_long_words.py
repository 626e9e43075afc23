"""A 10,000-character word through `lookup` and `vocab add`: one clear line, no SQL limit."""

from __future__ import annotations

import pytest

from studyapp import cli

LONG = "银行" * 5_000


@pytest.fixture(autouse=True)
def shared_dictionary(monkeypatch: pytest.MonkeyPatch, language_home) -> None:
    monkeypatch.setenv("STUDYAPP_HOME", str(language_home))  # the session's index: nothing to build


@pytest.mark.parametrize("argv", [["lookup", LONG], ["lookup", LONG, "--json"], ["vocab", "add", LONG]])
def test_a_ten_thousand_character_word_is_one_clear_line(argv: list[str], capsys) -> None:
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "characters" in err


def test_the_dictionary_answers_for_any_number_of_words(dictionary) -> None:
    words = [f"词{n}" for n in range(5_000)] + ["银行", "長"]
    assert dictionary.known(words) == {"银行", "長"}
