"""Names nobody listed: the rules must find them by shape and context (none of these is in rules/)."""

import pytest

from kg.extract import extract
from kg.read import Document


def found(nlp, text):
    return [(m.text, m.type) for m in extract([Document("t.txt", text)], nlp) if m.source.startswith("discover:") and m.ids]


@pytest.mark.parametrize(
    "text,expected",
    [
        # Latin given name + surname, in Chinese and English text
        ("還有 Larry Jackal 變成部門主管", [("Larry Jackal", "PERSON")]),
        ("他和 Drew van Camp 一起寫了論文", [("Drew van Camp", "PERSON")]),
        ("Then Marta Kowalczyk joined the lab.", [("Marta Kowalczyk", "PERSON")]),
        # transliterated names with a name dot, both scripts
        ("我和唐·诺曼合作", [("唐·诺曼", "PERSON")]),
        ("斯圖爾特·薩瑟蘭是心理學家", [("斯圖爾特·薩瑟蘭", "PERSON")]),
        # a transliteration glossed by its Latin original
        ("去跟朗格希金斯(Langer·Higgins)学习", [("朗格希金斯", "PERSON"), ("Langer·Higgins", "PERSON")]),
        # by-lines and speaker labels
        ("作者：罗景文，翻译：王启隆 ，责编：邓晓娟", [("罗景文", "PERSON"), ("王启隆", "PERSON"), ("邓晓娟", "PERSON")]),
        # organisations by shape
        ("She moved to the University of Wollongong.", [("University of Wollongong", "ORG")]),
        ("2021年Quanta Computing公司获得融资", [("Quanta Computing公司", "ORG")]),
        # technologies by shape
        ("所以我寫了一個函式庫叫做ConvNetQX", [("ConvNetQX", "TECH")]),
    ],
)
def test_discovery(nlp, text, expected):
    assert sorted(found(nlp, text)) == sorted(expected)


def test_speaker_labels_need_several_turns(nlp):
    one = "邹欣：你好\n杨立昆：你好"
    assert not [n for n in found(nlp, one) if n[0] == "邹欣"]
    two = "邹欣：问题一\n回答\n邹欣：问题二\n回答"
    assert ("邹欣", "PERSON") in found(nlp, two)


def test_capitalised_words_alone_are_not_people(nlp):
    assert found(nlp, "Deep Learning is good. Spectrum asked.") == []
