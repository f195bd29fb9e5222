import pytest
import spacy

from kg.tokenizer import split_words


@pytest.mark.parametrize(
    "text,words",
    [
        ("Hinton在1985年", ["Hinton", "在", "1985", "年"]),
        ("貝爾實驗室", ["貝", "爾", "實", "驗", "室"]),
        ("LeNet-5 與 CIFAR-10", ["LeNet", "-", "5", "與", "CIFAR", "-", "10"]),
        ("Léon  Bottou\n", ["Léon", " ", "Bottou", "\n"]),
    ],
)
def test_words(text, words):
    got, spaces = split_words(text)
    assert got == words
    assert "".join(w + (" " if s else "") for w, s in zip(got, spaces)) == text


def test_registered_tokenizer_keeps_latin_words_whole():
    import kg.tokenizer  # noqa: F401  (registers it)

    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "kg.mixed_tokenizer.v1"}}})
    doc = nlp("Geoffrey Hinton 在多倫多")
    assert [t.text for t in doc] == ["Geoffrey", "Hinton", "在", "多", "倫", "多"]
    assert doc.text == "Geoffrey Hinton 在多倫多"


@pytest.mark.parametrize(
    "text",
    ["", " ", "  a", "a  b ", "中 文 ", "Léon  Bottou\n", "x\ud800 y", "\U00020001 a_b", "a\n b\t\u3000c", "½ Ⅻ ² ﬁ", "1985 年，楊立昆"],
)
def test_the_tokenizer_makes_the_words_of_split_words(text):
    from kg.tokenizer import MixedTokenizer

    doc = MixedTokenizer(spacy.blank("xx").vocab)(text)
    words, spaces = split_words(text)
    # spaCy's string store cannot hold a lone surrogate: the tokenizer writes U+FFFD, same length.
    assert [t.text for t in doc] == [w.replace("\ud800", "\ufffd") for w in words]
    assert [bool(t.whitespace_) for t in doc] == spaces
