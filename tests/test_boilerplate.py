"""Platform boilerplate: names inside it are not extracted, and offsets do not move."""

from kg.components.boilerplate import boilerplate_ranges
from kg.normalize import key_of
from kg.extract import extract
from kg.read import Document

CSDN = """LeCun 认为深度学习会更好。

  • Markdown和扩展Markdown简洁的语法
  • LaTex数学公式
本编辑器支持 Markdown Extra,具体请参考Github.
  1. 这里是 脚注内容.

卷积神经网络-截自Deep Learning by Yann LeCun"""


def test_names_inside_boilerplate_are_not_extracted(nlp):
    names = [m.ids for m in extract([Document("b.txt", CSDN)], nlp)]
    assert "person:yann-lecun" in names
    assert "org:github" not in names and not [n for n in names if "latex" in n or "markdown" in n]
    assert "tech:convolutional-neural-network" in names  # after the block


def test_block_ranges_are_whole_lines():
    blocks = [(key_of("Markdown和扩展Markdown简洁的语法"), key_of("这里是 脚注内容"))]
    ((start, end),) = boilerplate_ranges(CSDN, blocks)
    assert CSDN[start:end].startswith("  • Markdown") and CSDN[start:end].endswith("脚注内容.")


def test_unclosed_block_is_not_boilerplate():
    assert boilerplate_ranges("Markdown和扩展Markdown简洁的语法\nGitHub", [(key_of("Markdown和扩展Markdown简洁的语法"), "这里是")]) == []


def test_markers_that_overlap_do_not_hang():
    assert boilerplate_ranges("广告开始 x 广告 y\n广告开始", [("广告开始", "广告")]) == [(0, 11)]
    assert boilerplate_ranges("ab ab ab", [("ab", "ab")]) == [(0, 8)]
