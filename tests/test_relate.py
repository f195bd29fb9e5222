"""Typed, dated relations from our own bilingual sentences (none taken from the sample corpus)."""


import pytest

import kg
from kg.ruleset import RulesError, load_rules


def typed(tmp_path, text, name="t.txt"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    G = kg.build([tmp_path / name])
    return G, {(u.split(":", 1)[1], k, v.split(":", 1)[1], d["years"]) for u, v, k, d in G.edges(keys=True, data=True) if k != "CO_OCCURS"}


GOLDEN = [
    # the subject greeted at the start speaks in the first person (Traditional, English)
    ("嗨，Yoshua，謝謝你來。我在 1993 年加入了貝爾實驗室。", {("yoshua-bengio", "WORKED_AT", "bell-labs", "1993")}),
    ("Hi, Yoshua. I joined Bell Labs in 1993.", {("yoshua-bengio", "WORKED_AT", "bell-labs", "1993")}),
    # worked at, created, with the year of the clause and the year of the technology
    ("李飞飞在斯坦福大学工作。", {("fei-fei-li", "WORKED_AT", "stanford", "")}),
    ("後來 Geoffrey Hinton 發明了膠囊網路。", {("geoffrey-hinton", "CREATED", "capsule-network", "")}),
    ("Geoffrey Hinton invented capsule networks in 2017.",
     {("geoffrey-hinton", "CREATED", "capsule-network", "2017"), ("capsule-network", "IN_YEAR", "2017", "")}),
    # organisations: who bought whom, in either order; what belongs to what
    ("DeepMind 被谷歌收购了。", {("google", "ACQUIRED", "deepmind", "")}),
    ("DeepMind is a subsidiary of Alphabet.", {("deepmind", "PART_OF", "alphabet", "")}),
    ("Alphabet 旗下的子公司 Waymo 很强。", {("waymo", "PART_OF", "alphabet", "")}),
    # people: advisor and student, a list of authors sharing the verb
    ("Hinton 是 Ilya Sutskever 的博士导师。", {("geoffrey-hinton", "ADVISED", "ilya-sutskever", "")}),
    ("Yann LeCun 领导 Facebook 人工智能研究院。", {("yann-lecun", "LEADS", "fair", "")}),
    ("Ilya Sutskever co-founded OpenAI in 2015.", {("ilya-sutskever", "FOUNDED", "openai", "2015")}),
    ("PyTorch 使用 Python 作为前端。", {("pytorch", "USED", "python", "")}),
    # no trigger: only CO_OCCURS
    ("Geoffrey Hinton、斯坦福大学、1999 年。", set()),
]


@pytest.mark.parametrize("text,expected", GOLDEN)
def test_golden_relations(tmp_path, text, expected):
    assert typed(tmp_path, text)[1] == expected


def test_a_list_of_authors_all_created_it(tmp_path):
    _, edges = typed(tmp_path, "1986 年 Rumelhart、Hinton 和 Williams 提出了反向传播。")
    creators = {s for s, r, o, _ in edges if r == "CREATED" and o == "backpropagation"}
    assert creators == {"david-rumelhart", "geoffrey-hinton", "ronald-williams"}


def test_a_pronoun_stands_for_the_last_person_named(tmp_path):
    _, edges = typed(tmp_path, "我们谈到了 Ilya Sutskever。后来他加入了 OpenAI。")
    assert ("ilya-sutskever", "WORKED_AT", "openai", "") in edges


def test_the_title_names_the_subject(tmp_path):
    text = "专访 Andrej Karpathy：从多伦多到特斯拉\n\n我在 2011 年加入了谷歌。"
    _, edges = typed(tmp_path, text)
    assert ("andrej-karpathy", "WORKED_AT", "google", "2011") in edges


def test_without_a_subject_first_person_names_nobody(tmp_path):
    _, edges = typed(tmp_path, "我在 2003 年加入了谷歌。")
    assert edges == set()


def test_evidence_is_the_sentence_in_its_own_script_with_offsets(tmp_path):
    text = "開場白。後來 Geoffrey Hinton 發明了膠囊網路。結尾。"
    G, _ = typed(tmp_path, text)
    edge = G.edges["person:geoffrey-hinton", "tech:capsule-network", "CREATED"]
    [ev] = edge["evidence"]
    assert ev["doc"] == "t.txt" and text[ev["start"]:ev["end"]].strip() == ev["text"]
    assert "發明了膠囊網路" in ev["text"]
    assert 0 < edge["confidence"] <= 1
    co = G.edges["person:geoffrey-hinton", "tech:capsule-network", "CO_OCCURS"]
    assert co["confidence"] < edge["confidence"]


def test_relations_survive_graphml(tmp_path):
    G, _ = typed(tmp_path, "DeepMind 被谷歌收购了。")
    kg.write_graphml(G, tmp_path / "g.graphml")
    H = kg.load(tmp_path / "g.graphml")
    assert H.edges["org:google", "org:deepmind", "ACQUIRED"]["relation"] == "ACQUIRED"


@pytest.mark.parametrize("rule,message", [
    ("  - {relation: KNOWS, types: [PERSON, PERSON], triggers: [认识]}", "unknown relation 'KNOWS'"),
    ("  - {relation: MET, types: [PERSON, ROBOT], triggers: [认识]}", "types must be two of"),
])
def test_a_bad_relation_rule_fails_with_its_line(tmp_path, rule, message):
    (tmp_path / "relations.yaml").write_text(f"# mine\nrules:\n{rule}\n", encoding="utf-8")
    with pytest.raises(RulesError, match=rf"relations.yaml:3: {message}"):
        load_rules((str(tmp_path),))
