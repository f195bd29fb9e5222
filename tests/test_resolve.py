"""Resolution: every mention → one entity, across scripts, glosses, surnames and first names."""

import kg


def graph_of(tmp_path, text, name="doc.txt"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return kg.build([tmp_path / name])


def test_scripts_and_languages_join(tmp_path):
    G = graph_of(tmp_path, "楊立昆說。杨立昆说。Yann LeCun said.")
    assert [n for n in G if n.startswith("person:")] == ["person:yann-lecun"]
    assert G.nodes["person:yann-lecun"]["mentions"] == 3


def test_weak_first_name_joins_the_named_person(tmp_path):
    G = graph_of(tmp_path, "我的老闆 Larry Wendelborn 很好。 後來 Larry 去了別處。")
    people = [n for n in G if G.nodes[n]["type"] == "PERSON"]
    assert people == ["person:larry-wendelborn"]
    assert G.nodes["person:larry-wendelborn"]["mentions"] == 2
    assert "Larry (part of a name in the document)" in G.nodes["person:larry-wendelborn"]["resolution"]


def test_bare_surname_joins_the_named_person(tmp_path):
    G = graph_of(tmp_path, "Marta Kowalczyk wrote it. Later Kowalczyk left.")
    assert G.nodes["person:marta-kowalczyk"]["mentions"] == 2


def test_discovered_name_with_known_surname_joins_the_gazetteer_entry(tmp_path):
    G = graph_of(tmp_path, "大卫·鲁梅尔哈特和 Jeff Hinton 合作。")
    assert {"person:david-rumelhart", "person:geoffrey-hinton"} == {n for n in G if n.startswith("person:")}
    assert "Jeff Hinton" in G.nodes["person:geoffrey-hinton"]["aliases"].split("|")
    assert "Jeff Hinton (surname Hinton)" in G.nodes["person:geoffrey-hinton"]["resolution"]


def test_gloss_joins_both_sides(tmp_path):
    G = graph_of(tmp_path, "去跟费尔德曼(Kowal·Feldmann)学习人工智能")
    people = [n for n in G if G.nodes[n]["type"] == "PERSON"]
    assert len(people) == 1
    assert {"费尔德曼", "Kowal·Feldmann"} <= set(G.nodes[people[0]]["aliases"].split("|"))


def test_unknown_capitalised_word_is_dropped(tmp_path):
    G = graph_of(tmp_path, "Spectrum asked LeCun.")
    assert [n for n in G if G.nodes[n]["type"] == "PERSON"] == ["person:yann-lecun"]


def test_university_town_with_study_words_is_the_university(tmp_path):
    G = graph_of(tmp_path, "我想当我在剑桥的时候 我是唯一一个做生理学和物理学的本科生。后来我去了多伦多旅行。")
    assert G.nodes["org:cambridge"]["type"] == "ORG"
    assert "剑桥 (a university town, with study words near it)" in G.nodes["org:cambridge"]["resolution"]
    assert G.nodes["place:toronto"]["type"] == "PLACE"


def test_a_failing_document_is_skipped_with_a_warning(tmp_path, monkeypatch):
    import kg.stages as module  # where each document is extracted

    real = module.extract

    def flaky(documents, nlp):
        if documents[0].name == "bad.txt":  # kg.stages extracts one document at a time
            raise RuntimeError("boom")
        return real(documents, nlp)

    monkeypatch.setattr(module, "extract", flaky)
    (tmp_path / "bad.txt").write_text("杨立昆", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Geoffrey Hinton", encoding="utf-8")
    G, report = kg.build_corpus([tmp_path])
    assert report.documents == ["good.txt"]
    assert report.warnings == [f"{tmp_path / 'bad.txt'}: skipped: RuntimeError: boom"]
    assert list(G) == ["person:geoffrey-hinton"]


def test_gloss_never_merges_two_known_entities(tmp_path):
    G = graph_of(tmp_path, "他在臉書（FAIR）工作。")
    assert {"org:facebook", "org:fair"} <= set(G)
