"""What stands in the way of a typed relation between two participants of a sentence: a closer
partner, another entity of their kind, brackets, a negation, a pronoun that does not act; and how
a pair sits in a list."""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from .normalize import key_of
from .speakers import Participant

__all__ = ["GLOSS", "Facts", "Listing", "adjunct", "asides", "facts", "follows_in_list", "glossed_apart", "list_end", "listing",
           "may_relate", "negated", "pronoun_governs"]


class Listing(NamedTuple):
    """How a pair sits in a list: whether only list separators join them ("Rumelhart、Hinton 和
    Williams"), the gap from the nearest member of the first one's list, where the second one's
    list ends, and where the first one's words about the second may start (after the last thing of
    the second one's kind it went on from: "在麦吉尔读书，然后在蒙特利尔工作"), and where the second
    one's list starts."""

    joined: bool
    gap: int
    end: int
    words_from: int = 0
    head: int = -1  # where the second one's list starts
    first_end: int = -1  # where the first one's list ends, when it runs up to the second one


GLOSS = re.compile(r"[(（][^()（）]*[)）]")


class Facts(NamedTuple):
    """The participants of one unit with what the guards found out about them: the pairs of a
    unit ask the same questions (the text between two neighbours, whether one stands in
    brackets), each answered once, when first asked."""

    text: str
    people: list[Participant]
    unit: tuple[int, int]
    spans: list[tuple[int, int]]  # the asides (`asides`) that speak of a name
    patterns: dict
    near: list  # [k]: `_neighbours` of people[k] and people[k + 1], or None
    glosses: list  # [k]: `_gloss_of` people[k], or None
    ends: list  # [k]: the last member of the list of people[k] (`_list_end`), or None
    memo: dict  # (question, k) → answer, see `_known`


def facts(text: str, people: list[Participant], unit: tuple[int, int], patterns: dict,
          spans: list[tuple[int, int]] = ()) -> Facts:
    """The Facts of the participants of `unit`, nothing found out yet."""
    # Without brackets or asides, no one stands in a gloss.
    bare = not spans and text.find("(", *unit) < 0 and text.find("（", *unit) < 0
    return Facts(text, people, unit, spans, patterns, [None] * len(people), [(-1, -1) if bare else None] * len(people),
                 [None] * len(people), {})


def _known(f: Facts, question, k):
    """question(f, k), answered once per unit."""
    try:
        return f.memo[question, k]
    except KeyError:
        answer = f.memo[question, k] = question(f, k)
        return answer


def _neighbours(f: Facts, k: int) -> tuple[bool, bool]:
    """Whether only list separators stand between people[k] and people[k + 1], and whether the
    second stands in apposition to the first."""
    gap = key_of(f.text[f.people[k].end:f.people[k + 1].start])
    return bool(f.patterns["joiner"].fullmatch(gap)), bool(f.patterns["apposition"].fullmatch(gap))


def follows_in_list(f: Facts, i: int) -> bool:
    """Whether people[i] comes after another of its kind in a list ("施振荣与妻子叶紫华"): what the
    clause goes on to say of its subject ("…，此后长期担任董事长") is said of the first."""
    return i > 0 and f.people[i - 1].type == f.people[i].type and _joined(f, i - 1)


def _joined(f: Facts, k: int) -> bool:
    """Whether only list separators stand between people[k] and people[k + 1]."""
    near = f.near[k]
    if near is None:
        near = f.near[k] = _neighbours(f, k)
    return near[0]


def _apposed(f: Facts, k: int) -> bool:
    """Whether people[k + 1] stands in apposition to people[k]."""
    near = f.near[k]
    if near is None:
        near = f.near[k] = _neighbours(f, k)
    return near[1]


def _titled(f: Facts, k: int, j: int) -> bool:
    """Whether people[k], an institution, and a `title_words` word right after it make the title
    of people[j], a person: "Stanford professor Jon Kleinberg", "联电副董事长蔡明介"."""
    org, person = f.people[k], f.people[j]
    return (org.type, person.type) == ("ORG", "PERSON") and not person.pronoun and bool(
        f.patterns["title"].fullmatch(key_of(f.text[org.end:person.start])))


def _set_apart(f: Facts, k: int) -> bool:
    """Whether people[k] stands in brackets or an aside, or is named as a recipient."""
    p = f.people[k]
    return _in_brackets(f.text, p, f.spans) or _recipient(f.text, p, f.patterns)


def _acted_in(f: Facts, k: int) -> bool:
    """Whether people[k] is where or with what someone acts (`adjunct`)."""
    p = f.people[k]
    return adjunct(key_of(f.text[max(0, p.start - 3):p.start]), 3, f.patterns)


def _gloss(f: Facts, k: int) -> tuple[int, int]:
    """`_gloss_of` people[k], found once."""
    gloss = f.glosses[k]
    if gloss is None:
        gloss = f.glosses[k] = _gloss_of(f.text, f.people, k, f.unit, f.spans)
    return gloss


def asides(text: str, unit: tuple[int, int], patterns: dict, names: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The spans of the English asides between commas in a unit: an apposition or a relative
    clause ("Alan Turing, a mathematician at Manchester, proposed…", "DeepMind, which Google
    acquired in 2014, built…"). Like a gloss in brackets, an aside speaks of the name before it.
    A comma inside one of the `names` (spans) ends no aside ("…at the University of California,
    Berkeley, invented…")."""
    inner = [(lo, hi) for lo, hi in names if "," in text[lo:hi] or "，" in text[lo:hi]]
    if not inner:
        return [m.span() for m in patterns["aside"].finditer(text, unit[0], unit[1])]
    part = list(text[unit[0]:unit[1]])
    for lo, hi in inner:
        for k in range(max(lo, unit[0]), min(hi, unit[1])):
            if part[k - unit[0]] in ",，":
                part[k - unit[0]] = " "
    return [(unit[0] + m.start(), unit[0] + m.end()) for m in patterns["aside"].finditer("".join(part))]


def _aside_of(p: Participant, spans: list[tuple[int, int]]) -> int:
    """Where the aside `p` stands in opens, or -1."""
    return next((lo for lo, hi in spans if lo < p.start and p.end < hi), -1)


def _in_brackets(text: str, p: Participant, spans: list[tuple[int, int]]) -> bool:
    """Whether `p` stands inside brackets or an aside (which does not separate what stands around it)."""
    opened = max(text.rfind("(", 0, p.start), text.rfind("（", 0, p.start))
    return (opened >= 0 and max(text.rfind(")", opened, p.start), text.rfind("）", opened, p.start)) < 0
            and p.start - opened < 60) or _aside_of(p, spans) >= 0


def _gloss_of(text: str, people: list[Participant], i: int, unit: tuple[int, int],
              spans: list[tuple[int, int]]) -> tuple[int, int]:
    """(owner, bracket) for people[i] inside brackets or an aside: where they open, and the
    participant right before them whose gloss they are ("Alphabet（字母控股，谷歌母公司）": 谷歌 is
    in Alphabet's gloss), or -1; (-1, -1) outside."""
    p = people[i]
    opened = max(text.rfind("(", unit[0], p.start), text.rfind("（", unit[0], p.start))
    if opened < 0 or max(text.rfind(")", opened, p.start), text.rfind("）", opened, p.start)) >= 0:
        opened = _aside_of(p, spans)
        if opened < 0:
            return -1, -1
        owners = [k for k in range(i) if people[k].end <= opened and not text[people[k].end:opened].strip()]
        return (owners[-1] if owners else -1), opened
    owners = [k for k in range(i) if people[k].end <= opened and not text[people[k].end:opened].strip()]
    if not owners and not text[opened + 1:p.start].strip() and text[p.end:p.end + 1] in (")", "）"):
        return -1, -1  # "成功使用（反向传播）": brackets around a name alone are no aside
    return (owners[-1] if owners else -1), opened


def glossed_apart(f: Facts, i: int, j: int) -> bool:
    """Whether one of people[i] and people[j] stands in brackets (or an aside) the other neither
    shares nor owns: what a gloss says is about its owner, and an aside is not about the rest of
    the sentence."""
    gi, gj = _gloss(f, i), _gloss(f, j)
    return gi != gj and gj[0] != i and gi[0] != j


def pronoun_governs(key: str, end: int, trigger: int, patterns: dict) -> bool:
    """Whether a pronoun ending at `end` is the one acting at `trigger`: in the same clause, or in
    one that goes on with it ("他放弃了神经网络，并且对 Winograd 的论文印象深刻"); and not a
    possessive ("我的朋友在谷歌发布了…") unless the trigger is what it owns ("我的学生", after an
    `owned_kinds` word: "他的博士导师")."""
    for cut in patterns["clause_breaks"].finditer(key, end, trigger):
        if not patterns["continuation"].match(key, cut.end()):
            return False
    owner = patterns["possessive_mark"].match(key, end)
    if owner and trigger > owner.end():  # what it owns, after a word of what kind: "他的博士导师"
        kind = patterns["owned_kind"].match(key, owner.end())
        return bool(kind) and trigger <= kind.end()
    return True


def negated(key: str, at: int, patterns: dict) -> bool:
    """Whether a negation ends at most `negation_reach` characters before `at` ("但没有互联网",
    "never joined")."""
    reach = patterns["negation_reach"]
    return any(m.end() >= at - reach for m in patterns["negations"].finditer(key, max(0, at - reach - 12), at))


def may_relate(f: Facts, i: int, j: int) -> bool:
    """Whether nothing between people[i] and people[j] (a closer partner, another of their kind,
    a bracket or an aside) stands in the way of a typed relation."""
    return _coordinated(f, i, j) and not _rivalled(f, i, j) and not glossed_apart(f, i, j)


def listing(f: Facts, i: int, j: int) -> Listing:
    """The Listing of people[i] and people[j]: "Rumelhart、Hinton 和 Williams 反向传播的论文" relates
    every author to the paper as closely as the last one, "developed by Krizhevsky, Sutskever and
    Hinton" every developer as closely as the first."""
    text, people = f.text, f.people
    a, b = people[i], people[j]
    last = i  # the last member of the first one's list, when that list runs up to the second one
    while last + 1 < j and people[last].type == people[last + 1].type and _joined(f, last):
        last += 1
    first = people[last] if last == j - 1 else a
    end = _list_end(f, j)
    # The first member of the second one's list ("developed by Krizhevsky, Sutskever and Hinton"),
    # or the kind it is named as ("杨立昆的卷积神经网路 LeNet").
    head = j
    while head - 1 > last and ((people[head - 1].type == people[head].type and _joined(f, head - 1)) or (
            head == j and people[j - 1].type == b.type and _apposed(f, j - 1))):
        head -= 1
    # A person's title opens where its institution does ("Hebrew University professor Amnon Shashua",
    # "香港中文大学教授汤晓鸥"): what is said of the person is said before it.
    if head == j and head - 1 > last and _titled(f, head - 1, j):
        head -= 1
    passed = ([people[k].end for k in range(i + 1, head) if people[k].type == b.type and _went_on(f, i, k, j)]
              if a.type != b.type else [])
    # An aside between them does not set them apart: "Alan Turing, a mathematician at Manchester, proposed…"
    # Past a place the first one went on from, the distance counts from that place.
    start = max(first.end, *passed) if passed else first.end
    aside = sum(_length(text[lo:hi]) for lo, hi in f.spans if start <= lo and hi <= b.start) if f.spans else 0
    joined = True
    for k in range(i, j):
        if not _joined(f, k):
            joined = False
            break
    return Listing(joined, _length(text[start:people[head].start]) - aside, people[end].end,
                   max(passed) if passed else a.end, people[head].start, first.end)


_LATIN_WORDS = re.compile(r"[A-Za-z0-9]+(?: +[A-Za-z0-9]+)*")


def _length(text: str) -> int:
    """How far apart `text` sets two names: a Latin word or number counts as two characters and the
    spaces between them as none, as a word says about as much as two Han characters ("and later
    founded" ~ "后来创立了")."""
    words = _LATIN_WORDS.findall(text)
    return len(text) - sum(len(w) - 2 * (w.count(" ") + 1) for w in words) if words else len(text)


def adjunct(key: str, at: int, patterns: dict, places: bool = True) -> bool:
    """Whether the name at key offset `at` follows an `instrument_coverbs` word (what someone acts
    with) or, with `places`, a `place_coverbs` word (where someone acts)."""
    lo = max(0, at - 3)
    if places and patterns["place"].search(key, lo, at):
        return True
    return bool(patterns["instrument"].search(key, lo, at)) and not patterns["not_instrument"].search(key, lo, at)


def _passage(f: Facts, kj: tuple[int, int]) -> tuple[bool, bool, bool]:
    """Whether the text from people[k] to people[j] names people[k] again (people[j] in apposition
    to it: "卷积神经网络的雏型：LeNet-5"), holds a continuation word, holds a clause break."""
    (k, j), people, patterns = kj, f.people, f.patterns
    between = key_of(f.text[people[k].end:people[j].start])
    return (k == j - 1 and bool(patterns["apposition"].fullmatch(between)), bool(patterns["goes_on"].search(between)),
            bool(patterns["clause_breaks"].search(between)))


def _list_end(f: Facts, j: int) -> int:
    """The last member of the list people[j] starts or goes on."""
    end = f.ends[j]
    if end is None:
        people, end = f.people, j
        while end + 1 < len(people) and people[end].type == people[end + 1].type and _joined(f, end):
            end += 1
        f.ends[j] = end
    return end


def list_end(f: Facts, j: int) -> int:
    """Where the list people[j] is a member of ends (`Listing.end`, known before the rest)."""
    return f.people[_list_end(f, j)].end


def _went_on(f: Facts, i: int, k: int, j: int) -> bool:
    """Whether people[i] goes on past people[k] to people[j]: a continuation word stands between
    ("在麦吉尔读书，然后在蒙特利尔工作"), or a new clause no one else opens ("在巴黎第六大学获得
    博士学位，1988年加入贝尔实验室")."""
    named_again, goes_on, breaks = _known(f, _passage, (k, j))
    if named_again:
        return False
    if goes_on:
        return True
    return breaks and not any(p.type == f.people[i].type for p in f.people[k + 1:j])


def _recipient(text: str, p: Participant, patterns: dict) -> bool:
    """Whether `p` is named right after "为/给/向": a recipient ("Mobileye 为特斯拉提供了基于卷积网络的…")."""
    return bool(patterns["recipient"].search(key_of(text[max(0, p.start - 4):p.start])))


def _coordinated(f: Facts, i: int, j: int) -> bool:
    """Whether nothing of either end's type stands between people[i] and people[j], except the
    other members of a list they are part of ("Rumelhart, Hinton, Williams 的论文"), and things of
    the second one's kind the first one went on from ("Bengio studied at McGill and later worked at
    Montreal": the subject continues), and a thing the second one stands in apposition to."""
    people = f.people
    a, b = people[i], people[j]
    types = {a.type, b.type}
    for k in range(i + 1, j):
        p = people[k]
        if a.type != b.type and p.type == b.type and _went_on(f, i, k, j):
            continue  # the subject went on past it
        if p.type == b.type and not p.pronoun and _known(f, _acted_in, k):
            continue  # where or with what the subject acts ("我在 Facebook 内部创建了 FAIR", "用 JavaScript 实现了")
        if k == j - 1 and p.type == b.type and _apposed(f, k):
            continue  # "创造出卷积神经网络的雏型：LeNet-5": the second one is what p names
        if k == j - 1 and _titled(f, k, j):
            continue  # "founded by Hebrew University professor Amnon Shashua": the person's title
        if p.type in types and p.key not in (a.key, b.key) and not _known(f, _set_apart, k):
            # p is allowed when a list joins it to a (or to b) with nothing but separators.
            if not ((people[k - 1].type == p.type and _joined(f, k - 1)) or (people[k + 1].type == p.type and _joined(f, k))):
                return False
    return True


def _rivalled(f: Facts, i: int, j: int) -> bool:
    """Whether another person in the same clause is a closer partner for the institution of an
    institution–person pair, or a person between an institution and a technology acts on it. Two
    technologies of one list are not related to each other ("雷达、激光雷达、相机"); a thing a pronoun
    stands for is no member of a list ("…的语言模型，它基于 Transformer")."""
    text, people, patterns = f.text, f.people, f.patterns
    a, b = people[i], people[j]
    if a.type == b.type == "TECH" and not a.pronoun and all(_joined(f, k) for k in range(i, j)):
        return True
    if (a.type, b.type) == ("ORG", "TECH"):
        # "Bell Labs, where he developed CNNs", "谷歌的研究员 Vaswani 提出了 Transformer": the person
        # acts; "在 Facebook，我们使用 PyTorch": "we" speak for the institution.
        return any(p.type == "PERSON" and not (p.pronoun and key_of(text[p.start:p.end]) in patterns["we"])
                   for p in people[i + 1:j])
    if (a.type, b.type) != ("ORG", "PERSON"):
        return False
    # An institution named after its person ("Chomsky 麻省理工的学者 跟 Piaget") is theirs, not the
    # next person's; one named before a person ("在多伦多大学 Hinton 在那里") may be both's.
    for c in people[:i]:
        if c.type == "PERSON" and c.key != b.key and a.start - c.end < b.start - a.end:
            if not patterns["clause_breaks"].search(key_of(text[c.end:a.start])):
                return True
    return False
