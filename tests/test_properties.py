"""Property-based tests: arbitrary bytes, text and names never crash reading, normalization,
extraction or the build; GraphML is always XML that networkx reads back; the HTML page never
carries input unescaped. Example counts stay small so that the suite stays fast."""

import functools
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build import build_documents
from kg.export.graphml import to_graphml
from kg.export.html import html_bytes
from kg.extract import extract
from kg.normalize import fold_key, key_of, to_simplified
from kg.read import Document, parse, read_paths
from kg.segment import sentence_spans
from kg.tokenizer import split_words

FAST = settings(max_examples=150, deadline=None)
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text that looks like the corpus: names, years, brackets, dots, markup, in three scripts.
PIECES = ["楊立昆", "杨立昆", "Yann LeCun", "辛頓", "Geoffrey Hinton", "貝爾實驗室", "Bell Labs", "1988", "一九八五年", "80 年代",
          "the 1980s", "（", "）", "(", ")", "·", "。", ". ", "，", " ", "\n", ">>", "<b>", "</p>", "&amp;", "University of ",
          "Toronto", "多倫多大學", "叫做", "稀疏振盪網路", "Sparse Oscillator Network (SON)", "CIFAR-10", "ConvNetJS", "：", "教授",
          "http://x.y/1988", "他", "I ", "我在", "加入了", "\u200b", "\ufeff", "ß", "é", "\u2028", "\x00", "\ud800"]
corpus_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join)
any_text = st.one_of(st.text(), corpus_text)


@FAST
@given(any_text)
def test_folding_keeps_offsets_into_the_text(text):
    key, index = fold_key(text)
    assert len(key) == len(index)
    assert index == sorted(index) and all(0 <= i < len(text) for i in index)
    assert len(to_simplified(text)) == len(text)
    assert key_of(text) == key


@FAST
@given(any_text)
def test_words_and_sentences_cover_the_text(text):
    words, spaces = split_words(text)
    assert "".join(w + " " * s for w, s in zip(words, spaces)) == text
    spans = sentence_spans(text)
    assert spans == sorted(spans) and all(0 <= s < e <= len(text) for s, e in spans)


@FAST
@given(any_text)
def test_the_tokenizer_makes_the_words_of_split_words(text):
    doc = _tokenizer()(text)
    words, spaces = split_words(text)
    assert [t.text for t in doc] == [re.sub("[\ud800-\udfff]", "\ufffd", w) for w in words]
    assert [bool(t.whitespace_) for t in doc] == spaces


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    from kg.tokenizer import MixedTokenizer

    return MixedTokenizer(spacy.blank("xx").vocab)


@FAST
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".html"]))
def test_reading_any_bytes_gives_a_document_or_one_warning(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("read") / f"doc{suffix}"
    path.write_bytes(data)
    documents, warnings = read_paths([path])
    assert len(documents) + len(warnings) == 1
    assert all("\n" not in w for w in warnings)
    for d in documents:
        assert d.text.strip() and "\r" not in d.text


@FAST
@given(any_text, st.sampled_from([".txt", ".md", ".html"]))
def test_parsing_any_text(raw, suffix):
    text, meta = parse(raw, suffix)
    assert isinstance(text, str) and all(isinstance(v, str) for v in meta.values())


@SLOW
@given(corpus_text)
def test_extraction_of_any_text(nlp, text):
    for m in extract([Document("a.txt", text)], nlp):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text and m.type  # ids may be "": a weak candidate


names = st.text(min_size=1, max_size=12).filter(lambda s: s.strip() and "\x00" not in s)


@SLOW
@given(st.dictionaries(names, corpus_text, min_size=1, max_size=4))
def test_building_any_documents(texts):
    documents = [Document(name, text) for name, text in texts.items() if text.strip()]
    G, report = build_documents(documents)
    assert set(report.documents) <= set(texts)
    check_graphml(G)
    check_html(G, list(texts.values()) + list(texts))


def check_graphml(G: nx.MultiDiGraph) -> None:
    data = to_graphml(G)
    ET.fromstring(data)  # well-formed XML
    H = nx.read_graphml(__import__("io").BytesIO(data))
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()


@functools.lru_cache(maxsize=1)
def baseline_page() -> str:
    return html_bytes(nx.MultiDiGraph()).decode("utf-8")


def check_html(G: nx.MultiDiGraph, inputs: list[str]) -> None:
    page = html_bytes(G).decode("utf-8")
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    # The only markup in the data is none at all: every < > & of the input is a JSON escape.
    assert not set(data) & set("<>&")
    json.loads(data)
    # Nor anywhere else: markup from the input is not in the page, unless the page's own code
    # has the same characters (a page of an empty graph shows what the code alone holds).
    for value in inputs:
        if "<" in value and value not in baseline_page():
            assert value not in page


hostile = st.one_of(st.text(max_size=30), st.sampled_from(["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>",
                                                              '"><svg onload=alert(1)>', "&lt;b&gt;", "\x00\x01\ufffe", "\ud800x", "]]>", "<!--"]))


@SLOW
@given(st.lists(st.tuples(hostile, hostile, hostile), min_size=1, max_size=6))
def test_any_names_export_safely(nodes):
    G = nx.MultiDiGraph()
    for i, (label, alias, evidence) in enumerate(nodes):
        G.add_node(f"person:{i}-{label}", label=label, label_zh=alias, type="PERSON", aliases=alias, docs=label, mentions=1)
        if i:
            G.add_edge(f"person:{i - 1}-{nodes[i - 1][0]}", f"person:{i}-{label}", key="MET", relation="MET", weight=1.0,
                       docs=label, years="", evidence=json.dumps([{"doc": label, "start": 0, "end": 1, "text": evidence}]))
    check_graphml(G)
    check_html(G, [s for triple in nodes for s in triple])
