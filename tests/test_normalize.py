import pytest

from kg.normalize import fold_key, key_of, to_simplified

# (text, key): Traditional, Simplified and English forms fold to one key.
GOLDEN = [
    ("楊立昆", "杨立昆"),
    ("杨立昆", "杨立昆"),
    ("Yann LeCun", "yann lecun"),
    ("Yann\u00a0LeCun", "yann lecun"),
    ("Geoffrey·Hinton", "geoffrey hinton"),
    ("杰弗里·欣顿", "杰弗里欣顿"),
    ("傑佛瑞·辛頓", "杰佛瑞辛顿"),
    ("貝爾實驗室", "贝尔实验室"),
    ("Sun 工作站", "sun工作站"),
    ("1985 年", "1985年"),
    ("Léon Bottou", "leon bottou"),
    ("ＡＩ", "ai"),
    ("神經網路", "神经网路"),
]


@pytest.mark.parametrize("text,key", GOLDEN)
def test_golden_keys(text, key):
    assert key_of(text) == key


@pytest.mark.parametrize("text", ["楊立昆（Yann LeCun）到貝爾實驗室", "後來 著名的 乾隆 瞭解", "a\n\n臺灣"])
def test_offsets_point_into_the_original(text):
    key, index = fold_key(text)
    assert len(key) == len(index)
    assert index == sorted(index)
    # The characters the offsets point at fold back to the same key.
    assert key_of("".join(text[o] for o in index)) == key


def test_simplified_keeps_length():
    text = "乾隆年間，著名的臺灣大學後來發展出電晶體。\n第二行"
    simple = to_simplified(text)
    assert len(simple) == len(text)
    assert simple.startswith("乾隆年间")


def test_a_subtitle_break_is_kept_in_the_key():
    assert "多伦多大学" not in key_of("後來我就搬到多倫多 大學的朋友都說很冷")
    assert key_of("搬到多倫多 大學") == "搬到多伦多\u2028大学"


def test_keys_of_folds_many_texts_as_key_of_folds_each():
    from kg.normalize import keys_of
    from kg.ruleset import load_rules

    rules = load_rules(())
    texts = [a for r in rules.entities.values() for a in (r.label, r.label_zh, *r.aliases, *r.short) if a]
    texts += ["Yann  LeCun", "貝爾 實驗室", "Sun 4", "1985 年", "Langer·Higgins", "·B", "ＡＢＣ", "ß", " lead", "trail ", ""]
    assert keys_of(texts) == [key_of(t) for t in texts]
    assert keys_of(["A", "·B", "C "]) == ["a", "b", "c"]  # a dot or space at a seam reaches into neither text
    assert keys_of(["x\ue000y", "Z"]) == [key_of("x\ue000y"), "z"]  # the seam character itself: one by one
