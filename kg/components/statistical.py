"""spaCy component `kg_statistical`: optional PERSON/ORG proposals from an installed English spaCy
pipeline (en_core_web_sm or any other), for English passages only.

Off unless such a pipeline is installed (or named with `kg build --ner`); nothing is downloaded.
Its proposals are candidates like any discovery rule's ("discover:ner"), filtered by the same
rules: stop lists, the words that never start or end a name, a person needs two words.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..normalize import key_of
from ..ruleset import Rules, load_rules
from .discover import slug
from .spans import add_span, doc_text

__all__ = ["StatisticalNER", "installed_model"]

DEFAULT_CONFIG = {"rules": [], "model": ""}


def installed_model(rules: Rules) -> str:
    """The first pipeline of `discovery.yaml: statistical_ner.models` that is installed, or ""."""
    for name in (rules.discovery.get("statistical_ner") or {}).get("models", []):
        if spacy.util.is_package(str(name)):
            return str(name)
    return ""


def _english(text: str, share: float) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in letters) >= share * len(letters)


class StatisticalNER:
    """Runs a statistical English NER over the English sentences of a document."""

    def __init__(self, rules: Rules, model: str) -> None:
        conf = rules.discovery.get("statistical_ner") or {}
        self.labels = {str(k): str(v) for k, v in (conf.get("labels") or {}).items()}
        self.share = float(conf.get("min_latin_share", 90)) / 100
        self.rules = rules
        self.not_name = {str(w) for w in (rules.discovery.get("latin_person") or {}).get("not_surname", [])}
        # Only the parts NER needs: the parser and the lemmatizer would cost time for nothing.
        self.nlp = spacy.load(model, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])

    def _keep(self, text: str, label: str) -> bool:
        words = text.split()
        if not words or key_of(text) in self.rules.stop_keys or words[0] in self.not_name or words[-1] in self.not_name:
            return False
        return len(words) >= 2 if label == "PERSON" else True

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans = doc.user_data.get("kg_sentences", [(0, len(text))])
        english = [(s, e) for s, e in spans if _english(text[s:e], self.share)]
        for (start, end), parsed in zip(english, self.nlp.pipe(text[s:e] for s, e in english)):
            for ent in parsed.ents:
                kind = self.labels.get(ent.label_)
                text = ent.text.strip()
                if kind and self._keep(text, kind):
                    at = start + ent.start_char
                    add_span(doc, at, at + len(ent.text), kind, f"{kind.lower()}:{slug(text)}", "discover:ner")
        return doc


@Language.factory("kg_statistical", default_config=DEFAULT_CONFIG)
def make_statistical(nlp: Language, name: str, rules: list[str], model: str) -> StatisticalNER:
    return StatisticalNER(load_rules(tuple(rules)), model)
