"""WordFilter: the store's SQL and the table's in-memory test choose the same words."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.core.study.vocabulary import STATUSES, Context, VocabularyStore, WordData
from studyapp.core.study.word_filter import WordFilter

WORDS = [("银行", "yin2 hang2", "bank"), ("中国", "Zhong1 guo2", "China"), ("学习", "xue2 xi2", "to study"), ("长", "zhang3", "to grow"),
         ("长", "chang2", "long"), ("觉得", "jue2 de5", "to think"), ("关税", "guan1 shui4", "tariff"), ("西湖", "Xi1 hu2", "West Lake")]
TAGS = ["money", "verbs", "hsk_1", "places"]
DOCUMENTS = ["/d/a.md", "/d/b.md", "Errands"]
START = 1_800_000_000


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> VocabularyStore:
    rng = random.Random(3)
    clock = iter(range(START, START + 10_000_000, 100))
    store = VocabularyStore.open(tmp_path_factory.mktemp("filter") / "v.sqlite3", clock=lambda: next(clock))
    for simplified, pinyin, meaning in WORDS:
        data = WordData(simplified, simplified, pinyin, [meaning], rng.choice([None, 1, 3, 7]), status=rng.choice(STATUSES),
                        tags=rng.sample(TAGS, rng.randint(0, 2)))
        document = rng.choice(DOCUMENTS)
        record = store.save(data, Context(f"{simplified}。", document_path=document if document.startswith("/") else "",
                                          document_title=document if not document.startswith("/") else ""))
        if rng.random() < 0.5:
            store.mark_exported([record.id])
            if rng.random() < 0.5:
                store.update(record.id, note="changed")
    return store


filters = st.builds(
    WordFilter,
    status=st.none() | st.sampled_from(STATUSES),
    tag=st.none() | st.sampled_from(TAGS + ["%", "_"]),
    hsk=st.none() | st.sampled_from([1, 3, 7]),
    document=st.none() | st.sampled_from(DOCUMENTS + ["/d/none.md"]),
    since=st.none() | st.integers(START, START + 3_000),
    until=st.none() | st.integers(START, START + 3_000),
    changed_since_export=st.booleans(),
    word_ids=st.none() | st.frozensets(st.integers(1, 10), max_size=5),
    search=st.sampled_from(["", "yin", "zhōngguó", "zhong1guo2", "ZHONGGUO", "bank", "长", "  to ", "changed", "xihu", "hu2"]),
)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters)
def test_the_store_and_the_table_choose_the_same_words(store: VocabularyStore, chosen: WordFilter) -> None:
    every = store.words()
    in_memory = [every[i].id for i in chosen.select(every)]
    assert [r.id for r in store.words(chosen)] == in_memory
    assert [r.id for r in every if chosen.matches(r)] == in_memory


@pytest.mark.parametrize(("search", "expected"), [("zhongguo", ["中国"]), ("zhōngguó", ["中国"]), ("zhong1 guo2", ["中国"]),
                                                  ("bank", ["银行"]), ("长", ["长", "长"]), ("xihu", ["西湖"])])
def test_search_by_hanzi_english_and_any_pinyin(store: VocabularyStore, search: str, expected: list[str]) -> None:
    assert [r.simplified for r in store.words(WordFilter(search=search))] == expected
