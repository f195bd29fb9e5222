"""Names no rules file lists, in Traditional Chinese, Simplified Chinese and English: discovery finds
them, glosses and acronyms join their sides, and what one document defines is found in the others.

Every name here is made up, so nothing can come from the gazetteer (the first test checks that).
"""

import pytest

import kg
from kg.normalize import key_of, search_key
from kg.ruleset import load_rules

INVENTED = [
    "Ilse Westmark", "韋斯特馬克", "韦斯特马克", "Kestrel Oscillator Network", "稀疏振盪網路", "KON", "Cascade Attention Transformer", "CAT",
    "Gated Echo Unit", "GEU", "回声门控网络", "Orla Brennagh", "奥拉·布伦纳", "自動推理實驗室", "ARL",
    "Tomasz Wierzbowski", "University of Wollongong", "Quanta Computing", "賽勒斯·費恩", "Cyrus Fane",
]


def test_the_names_are_not_in_the_gazetteer():
    known = {key_of(a) for r in load_rules().entities.values() for a in (r.label, r.label_zh, *r.aliases, *r.short) if a}
    assert [n for n in INVENTED if key_of(n) in known] == []


def build(tmp_path, docs: dict[str, str]):
    for name, text in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return kg.build([tmp_path])


def node(G, text):
    """The one node named `text`: kg.find gives it, and no other node has that name."""
    named = [n for n, d in G.nodes(data=True) if search_key(text) in {search_key(a) for a in (d["label"], d["label_zh"], *d["aliases"].split("|")) if a}]
    assert len(named) == 1 and kg.find(G, text) == named[0], f"{text}: {named}"
    return named[0]


# (documents, groups of surface forms that must be one node of the given type, in the given documents)
GOLDEN = [
    # Traditional: a transliteration glossed by its Latin name; the other documents say one side only
    (
        {"a.txt": "我們請到了韋斯特馬克（Ilse Westmark）教授。", "b.txt": "Ilse Westmark 在實驗室工作。",
         "c.txt": "韦斯特马克后来去了谷歌。"},
        [({"韋斯特馬克", "Ilse Westmark", "韦斯特马克"}, "PERSON", {"a.txt", "b.txt", "c.txt"})],
    ),
    # Traditional: a Chinese technology name, its English name and the acronym it defines
    (
        {"a.txt": "他提出了稀疏振盪網路（Kestrel Oscillator Network，簡稱 KON）。", "b.txt": "KON was used widely."},
        [({"稀疏振盪網路", "Kestrel Oscillator Network", "KON"}, "TECH", {"a.txt", "b.txt"})],
    ),
    # Simplified: a lab and its acronym; a name with a name dot and its gloss
    (
        {"a.txt": "她在自動推理實驗室（ARL）工作了十年，和奥拉·布伦纳（Orla Brennagh）一起。",
         "b.txt": "后来 ARL 关门了。Orla Brennagh 去了多伦多。"},
        [({"自動推理實驗室", "ARL"}, "ORG", {"a.txt", "b.txt"}),
         ({"奥拉·布伦纳", "Orla Brennagh"}, "PERSON", {"a.txt", "b.txt"})],
    ),
    # Simplified: a named network after a naming verb
    ({"a.txt": "我们把它叫做回声门控网络，效果很好。"}, [({"回声门控网络"}, "TECH", {"a.txt"})]),
    # English: an acronym defined after its long form, then used alone; the reverse order too
    (
        {"a.txt": "We trained a Gated Echo Unit (GEU) on speech.", "b.txt": "GEU beat the baseline in 2019."},
        [({"Gated Echo Unit", "GEU"}, "TECH", {"a.txt", "b.txt"})],
    ),
    # English: given name + surname; surname alone later; a university by its shape
    (
        {"a.txt": "Then Tomasz Wierzbowski moved to the University of Wollongong. Wierzbowski stayed there."},
        [({"Tomasz Wierzbowski", "Wierzbowski"}, "PERSON", {"a.txt"}),
         ({"University of Wollongong"}, "ORG", {"a.txt"})],
    ),
    # Traditional and English: a dotted transliteration glossed by a name the given-name list lacks
    (
        {"a.txt": "賽勒斯·費恩（Cyrus Fane）是我的導師。", "b.txt": "賽勒斯·費恩後來退休了。"},
        [({"賽勒斯·費恩", "Cyrus Fane"}, "PERSON", {"a.txt", "b.txt"})],
    ),
]


@pytest.mark.parametrize("docs,groups", GOLDEN)
def test_unseen_names_are_found_and_joined(tmp_path, docs, groups):
    G = build(tmp_path, docs)
    for forms, kind, in_docs in groups:
        nodes = {node(G, f) for f in forms}
        assert len(nodes) == 1, f"{forms} gave {nodes}"
        attrs = G.nodes[nodes.pop()]
        assert attrs["type"] == kind
        assert set(attrs["docs"].split("|")) == in_docs


def test_a_learned_name_says_why(tmp_path):
    G = build(tmp_path, {"a.txt": "韋斯特馬克（Ilse Westmark）說。", "b.txt": "韦斯特马克说。"})
    reasons = G.nodes[node(G, "Ilse Westmark")]["resolution"]
    assert "韦斯特马克 (a name the corpus defined elsewhere)" in reasons


def test_a_form_that_named_two_entities_is_not_learned(tmp_path):
    # "PRM" defines two different things in two documents: a third document's bare PRM names neither.
    G = build(tmp_path, {
        "a.txt": "We built a Pulse Rate Model (PRM) for it.",
        "b.txt": "She joined the Plasma Research Mission (PRM) later.",
        "c.txt": "PRM was mentioned once.",
    })
    prm = [n for n in G if "PRM" in G.nodes[n]["aliases"].split("|")]
    assert len(prm) == 2
    assert all("c.txt" not in G.nodes[n]["docs"].split("|") for n in prm)


def test_lower_case_words_do_not_match_a_learned_acronym(tmp_path):
    G = build(tmp_path, {"a.txt": "The Cascade Attention Transformer (CAT) won.", "b.txt": "My cat won."})
    assert G.nodes[node(G, "CAT")]["docs"] == "a.txt"
