import pytest

from kg.segment import sentence_spans

GOLDEN = [
    # Traditional subtitle transcript: spaces between Han characters and >> turns are boundaries.
    ("您已經在神經網路上工作很久 我想要知道您個人的故事", ["您已經在神經網路上工作很久", "我想要知道您個人的故事"]),
    (">> 謝謝 >> 是哪一年？ >> 是 1980年", ["謝謝", "是哪一年？", "是 1980年"]),
    # A space next to a Latin word is not a boundary.
    ("在 Piaget 這邊找來了麻省理工的 Seymour Papert", ["在 Piaget 這邊找來了麻省理工的 Seymour Papert"]),
    # Simplified with punctuation and line breaks.
    ("我去了爱丁堡。然后呢？\n我最终拿到了学位", ["我去了爱丁堡。", "然后呢？", "我最终拿到了学位"]),
    # English: full stops, but not after initials or abbreviations.
    ("Ronald J. Williams wrote it. Dr. Hinton agreed.", ["Ronald J. Williams wrote it.", "Dr. Hinton agreed."]),
]


@pytest.mark.parametrize("text,sentences", GOLDEN)
def test_golden_sentences(text, sentences):
    spans = sentence_spans(text, frozenset({"dr"}))
    assert [text[s:e] for s, e in spans] == sentences


def test_spans_are_ordered_and_inside_text():
    text = "一 二。三\n\n四 >> five. Six"
    spans = sentence_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert spans == sorted(spans)
