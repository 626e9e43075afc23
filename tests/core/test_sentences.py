"""Sentence splitting in both languages, quotes respected."""

from __future__ import annotations

from studyapp.core.text.sentences import sentence_span, sentence_spans


def split(text: str, lang: str = "zh") -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, lang)]


def test_a_quoted_question_with_its_attribution_is_one_sentence() -> None:
    assert split("“你好吗？”他问。天黑了！") == ["“你好吗？”他问。", "天黑了！"]
    assert split("「這個多少錢？」他問。「三十塊。」") == ["「這個多少錢？」他問。", "「三十塊。」"]
    assert split('He asked, "How much is this?" and then he laughed. "Fine," she said.', "en") == [
        'He asked, "How much is this?" and then he laughed.', '"Fine," she said.']
    assert split('"Who is writing them?" I asked.', "en") == ['"Who is writing them?" I asked.']


def test_a_quotation_that_closes_its_sentence_ends_it() -> None:
    assert split("他说：“走吧。”我们就走了。") == ["他说：“走吧。”", "我们就走了。"]
    assert split('He said, "Go." Then he left.', "en") == ['He said, "Go."', "Then he left."]
    assert split("“好！”大家都笑了起来，笑声传得很远很远很远很远。") == ["“好！”", "大家都笑了起来，笑声传得很远很远很远很远。"]


def test_a_quotation_followed_by_its_sentence_does_not_end_it() -> None:
    assert split("“这鱼真的新鲜吗？”那个女人问，把鱼翻过来看了两遍。") == ["“这鱼真的新鲜吗？”那个女人问，把鱼翻过来看了两遍。"]
    assert split("“有没有人见过一只棕色的小狗？”路灯杆上的寻狗启事这样写道。") == [
        "“有没有人见过一只棕色的小狗？”路灯杆上的寻狗启事这样写道。"]
    assert split("鱼贩大喊一声“胡说！”，声音大得把猫都吓跑了。") == ["鱼贩大喊一声“胡说！”，声音大得把猫都吓跑了。"]
    assert split('"Is this really fresh?" the woman asked, turning the fish over.', "en") == [
        '"Is this really fresh?" the woman asked, turning the fish over.']


def test_the_last_sentence_of_a_quotation_keeps_its_attribution() -> None:
    assert split("“绿色的？木头柄的？”接电话的人问。") == ["“绿色的？", "木头柄的？”接电话的人问。"]
    assert split('"A green one? With a wooden handle?" the clerk asked.', "en") == [
        '"A green one?', 'With a wooden handle?" the clerk asked.']


def test_abbreviations_do_not_end_sentences() -> None:
    assert split("Mr. Li went home at 5 p.m. on Monday. It was late.", "en") == [
        "Mr. Li went home at 5 p.m. on Monday.", "It was late."]


def test_the_span_around_a_position() -> None:
    text = "“这个多少钱？”他问。老板说三十块。"
    assert text[slice(*sentence_span(text, 2))] == "“这个多少钱？”他问。"
    assert sentence_span("没有句号", 1) == (0, 4)
