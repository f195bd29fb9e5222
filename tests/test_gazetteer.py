import pytest

from kg.components.gazetteer import Gazetteer, case_mode
from kg.extract import extract
from kg.read import Document

# The same entity in Traditional, Simplified and English.
BILINGUAL = [
    ("person:yann-lecun", ["楊立昆", "杨立昆", "Yann LeCun"]),
    ("person:geoffrey-hinton", ["辛頓", "辛顿", "Geoffrey Hinton"]),
    ("org:bell-labs", ["貝爾實驗室", "贝尔实验室", "Bell Labs"]),
    ("org:utoronto", ["多倫多大學", "多伦多大学", "University of Toronto"]),
    ("org:facebook", ["臉書", "脸书", "Facebook"]),
    ("tech:backpropagation", ["反向傳播", "反向传播", "backpropagation"]),
    ("tech:convolutional-neural-network", ["卷積神經網路", "卷积神经网络", "convolutional neural network"]),
    ("tech:restricted-boltzmann-machine", ["受限玻爾茲曼機", "受限玻尔兹曼机", "restricted Boltzmann machine"]),
]


@pytest.mark.parametrize("key,forms", BILINGUAL)
def test_every_script_finds_the_same_entity(key, forms, nlp):
    for form in forms:
        mentions = list(extract([Document("t.txt", f"我們談到 {form} 的事。")], nlp))
        assert [m.ids for m in mentions] == [key], form


def test_longest_alias_wins(nlp):
    mentions = list(extract([Document("t.txt", "用受限玻爾茲曼機訓練")], nlp))
    assert [m.ids for m in mentions] == ["tech:restricted-boltzmann-machine"]


def test_latin_aliases_match_whole_words_only(rules):
    gazetteer = Gazetteer(rules)
    assert not [m for m in gazetteer.matches("MAILBOX and EMAIL") if m[2][0].key == "field:artificial-intelligence"]


@pytest.mark.parametrize(
    "alias,mode",
    [("dropout", "any"), ("Backpropagation", "any"), ("TensorFlow", "any"), ("MATLAB", "any"), ("GPU", "exact"),
     ("Geoffrey Hinton", "any"), ("神经网络", "any")],
)
def test_case_policy(alias, mode):
    assert case_mode(alias, "auto") == mode


def test_weak_forms_and_explicit_exact_keep_case():
    assert case_mode("Sun", "auto", weak=True) == "exact"
    assert case_mode("Torch", "exact") == "exact"


def test_exact_case_alias_needs_its_case(nlp):
    assert [m.ids for m in extract([Document("t.txt", "我們先用 Torch 寫的")], nlp)] == ["tech:torch"]
    assert [m.ids for m in extract([Document("t.txt", "hold the torch high")], nlp)] == []


def test_no_match_across_a_subtitle_break(nlp):
    mentions = list(extract([Document("t.txt", "後來我就搬到多倫多 大學的朋友都說很冷")], nlp))
    assert [m.ids for m in mentions] == ["place:toronto"]
