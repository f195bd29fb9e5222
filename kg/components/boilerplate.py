"""spaCy component `kg_boilerplate`: marks platform boilerplate (rules/boilerplate.yaml) so that
`kg_select` ignores every candidate inside it. The text is kept whole: offsets never move."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..normalize import fold_key, key_of
from ..ruleset import load_rules
from .spans import doc_key, doc_text

__all__ = ["Boilerplate", "boilerplate_ranges"]

DEFAULT_CONFIG = {"rules": []}


def boilerplate_ranges(text: str, blocks: list[tuple[str, str]], folded: tuple[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) character ranges of the boilerplate blocks in `text`, whole lines (`folded`:
    `fold_key(text)` when already known)."""
    key, offsets = folded or fold_key(text)
    ranges = []
    for start_marker, end_marker in blocks:
        begin = key.find(start_marker)
        while begin >= 0:
            finish = key.find(end_marker, begin + len(start_marker))
            if finish < 0:
                break
            first = text.rfind("\n", 0, offsets[begin]) + 1
            last_char = offsets[finish + len(end_marker) - 1]
            last = text.find("\n", last_char)
            ranges.append((first, len(text) if last < 0 else last))
            begin = key.find(start_marker, finish + len(end_marker))
    return sorted(set(ranges))


class Boilerplate:
    def __init__(self, blocks: list[tuple[str, str]]) -> None:
        self.blocks = blocks

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data["kg_boilerplate"] = boilerplate_ranges(doc_text(doc), self.blocks, doc_key(doc))
        return doc


@Language.factory("kg_boilerplate", default_config=DEFAULT_CONFIG)
def make_boilerplate(nlp: Language, name: str, rules: list[str]) -> Boilerplate:
    conf = load_rules(tuple(rules)).boilerplate
    blocks = [(key_of(str(b["start"])), key_of(str(b["end"]))) for b in conf.get("blocks", []) if b.get("start") and b.get("end")]
    return Boilerplate(blocks)
