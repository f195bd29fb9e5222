import pytest

from kg.components.years import find_years

# (text, years found): Traditional, Simplified and English, with the numbers that are not years.
GOLDEN = [
    ("當我在 1988 十月到貝爾實驗室的時候", ["1988"]),
    ("所以我 1985 年遇見 Terry", ["1985"]),
    ("是 1980年 大約吧", ["1980"]),
    ("在 50 年代有很多論文，但似乎在 60 年代中斷了", ["1950s", "1960s"]),
    ("人工智能在20世纪80年代", ["1980s"]),
    ("在20世纪八九十年代", ["1980s", "1990s"]),
    ("20世纪80和90年代", ["1980s", "1990s"]),
    ("八十年代初", ["1980s"]),
    ("我没有意识到,1986和90年代初", ["1986", "1990s"]),
    ("during the late 1990s and early 2000s", ["1990s", "2000s"]),
    ("back in the '80s", ["1980s"]),
    ("In 1998, LeNet-5 was published.", ["1998"]),
    ("原创 2015年03月01日 11:35:26", ["2015"]),
    ("（注：2021年7月Julia Computing公司", ["2021"]),
    ("早在 1800 年就發現的", ["1800"]),
    # Chinese numerals, read with cn2an
    ("他一九七四年去了愛丁堡", ["1974"]),
    ("二〇〇六年發表", ["2006"]),
    ("二零一七年的会议", ["2017"]),
    ("到了七十年代末", ["1970s"]),
    # English two-digit decades and decade words
    ("by the mid-70s the money was gone", ["1970s"]),
    ("in the early '90s", ["1990s"]),
    ("the late sixties and the seventies", ["1960s", "1970s"]),
    ("back in the 90s we had", ["1990s"]),
    # not years
    ("其中2000个用于测试", []),
    ("Computer $1600 / 1600 元", []),
    ("10 年前我們還", []),
    ("25年前", []),
    ("5,000 个训练样本", []),
    ("32x32 的圖片", []),
    ("a 60000-sample set of 2000 samples", []),
    ("https://img.36krcdn.com/20210823/v2_1998_img", []),
    ("see www.example.com/2019/paper", []),
    ("ICLR2017文章", []),
    ("12345 and 1799 and 2040", []),
    ("when he was in his early 40s", []),
    ("a timeout of 10s", []),
    ("it cost $80s", []),
    ("一二三四五", []),
]


@pytest.mark.parametrize("text,years", GOLDEN)
def test_golden_years(text, years, rules):
    assert [label for _, _, label in find_years(text, rules)] == years


def test_spans_cover_the_year_words(rules):
    text = "在 1985 年，以及 80 年代"
    assert [text[s:e] for s, e, _ in find_years(text, rules)] == ["1985 年", "80 年代"]
