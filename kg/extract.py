"""Documents → mentions, through the spaCy pipeline of kg's components.

>>> nlp = make_nlp()
>>> [(m.text, m.ids) for m in extract([Document("a.txt", "1985 年，楊立昆到了貝爾實驗室。")], nlp)]
[('1985 年', 'year:1985'), ('楊立昆', 'person:yann-lecun'), ('貝爾實驗室', 'org:bell-labs')]
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the components)
from . import tokenizer  # noqa: F401  (registers the tokenizer)
from .components.spans import ENTITIES
from .components.statistical import installed_model
from .read import Document
from .ruleset import load_rules

__all__ = ["Mention", "make_nlp", "ner_model", "extract", "sentence_at", "PIPELINE"]

PIPELINE = ("kg_sentences", "kg_boilerplate", "kg_gazetteer", "kg_years", "kg_discover", "kg_select")


@dataclass(frozen=True, slots=True, init=False)
class Mention:
    """One place where the text names an entity. Equal mentions name the same entity (`ids`, `type`);
    where they stand is provenance, outside equality."""

    ids: str
    type: str
    text: str = field(compare=False)
    doc: str = field(compare=False, default="")
    start: int = field(compare=False, default=0)
    end: int = field(compare=False, default=0)
    sentence: tuple[int, int] = field(compare=False, default=(0, 0))
    source: str = field(compare=False, default="")

    def __init__(self, ids: str, type: str, text: str, doc: str = "", start: int = 0, end: int = 0,  # noqa: A002
                 sentence: tuple[int, int] = (0, 0), source: str = "") -> None:
        # What dataclass would write, through the slots' own setters: its __init__ looks
        # object.__setattr__ up for every field, and a corpus makes hundreds of thousands.
        _IDS(self, ids)
        _TYPE(self, type)
        _TEXT(self, text)
        _DOC(self, doc)
        _START(self, start)
        _END(self, end)
        _SENTENCE(self, sentence)
        _SOURCE(self, source)


_IDS, _TYPE, _TEXT, _DOC, _START, _END, _SENTENCE, _SOURCE = (
    Mention.__dict__[name].__set__ for name in ("ids", "type", "text", "doc", "start", "end", "sentence", "source")
)


def make_nlp(rules_dirs: Iterable[str] = (), ner: str = "auto") -> Language:
    """A blank multilingual pipeline with kg's tokenizer and components, fed by the given rules folders.

    `ner`: "auto" adds statistical NER when an English spaCy pipeline listed in discovery.yaml is
    installed, "off" never does, anything else names the pipeline (package or folder) to use.
    """
    config = {"nlp": {"tokenizer": {"@tokenizers": "kg.mixed_tokenizer.v1"}}}
    nlp = spacy.blank("xx", config=config)
    # spaCy's limit guards its parser's memory; this pipeline has no parser, so long books are fine.
    nlp.max_length = 10**9
    rules = [str(d) for d in rules_dirs]
    model = ner_model(rules, ner)
    for name in PIPELINE:
        if name == "kg_select":
            if model:  # its proposals go through the same selection as every rule's
                nlp.add_pipe("kg_statistical", config={"rules": rules, "model": model})
            nlp.add_pipe(name)
        else:
            nlp.add_pipe(name, config={"rules": rules})
    return nlp


def ner_model(rules_dirs: Iterable[str] = (), ner: str = "auto") -> str:
    """The statistical NER pipeline `make_nlp` uses ("" for none)."""
    if ner == "auto":
        return installed_model(load_rules(tuple(str(d) for d in rules_dirs)))
    return "" if ner == "off" else ner


def sentence_at(spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    """The sentence span holding `offset` (`starts`: the spans' starts, for bisection)."""
    i = bisect.bisect_right(starts, offset) - 1
    return spans[i] if i >= 0 else (0, 0)


def extract(documents: Iterable[Document], nlp: Language) -> Iterator[Mention]:
    """Every entity mention of every document, in document order."""
    documents = list(documents)
    # kg_select keeps the entities it sets as plain data too: read so when nothing came after it
    # (doc.ents makes a Span of each, and looks three strings up for each).
    chosen_last = nlp.pipe_names[-1:] == ["kg_select"]
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents)):
        spans = doc.user_data.get("kg_sentences", [(0, len(document.text))])
        starts = [s for s, _ in spans]
        ents = doc.user_data.get(ENTITIES) if chosen_last else None
        if ents is None:
            ents = [(e.start_char, e.end_char, e.label_, e.id_, e.kb_id_) for e in doc.ents]
        text, name = document.text, document.name
        for start, end, label, ids, rule in ents:
            i = bisect.bisect_right(starts, start) - 1  # sentence_at, inline: once per entity
            # The text from the document: ent.text joins its tokens again.
            yield Mention(ids, label, text[start:end], name, start, end, spans[i] if i >= 0 else (0, 0), rule)
