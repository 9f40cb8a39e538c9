"""Warning signs read from the entry itself, independent of which code it gets."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from app.classify.instructions import code_pattern, reads_like_instruction
from app.classify.text import Text, contains_phrase, content_words, tokens
from app.domain.decisions import ReviewReason
from app.domain.rulebook import RuleBook
from app.domain.rules import Condition

# Named lists whose items identify a client when they appear in someone else's entry.
IDENTIFYING_LISTS = ("contacts", "sites")
# Deliverable ids ("D4", "TM-2") identify a client too; plain names ("final report") do not.
DELIVERABLES_LIST = "deliverables"
_DIGIT = re.compile(r"\d")
# A rule's regex for ids: letters, maybe a separator, then a digit ("\bdsp-\d+", "\bcr[- #]?\d").
_ID_REGEX = re.compile(r"^(?:\\b)?[a-z]{2,}(?:[-_ #]|\[[-_ #]+\])?[?*]?(?:\\d|\[0-9\])")
_MIN_ID_CHARS = 3
_MIN_FIRST = 3  # letters of a first name that identifies its contact alone ("Mo" is a month)
_MIN_NAME = 5  # letters of the first word of a client's name that identifies it alone ("Alder")
_MIN_CUT = 3  # letters of a client's name cut short with a dot that name it ("Vel.")
# Cuts people write for other words: never a client's name cut short.
_COMMON_CUTS = frozenset((
    "est", "approx", "misc", "dept", "info", "prep", "admin", "mgmt", "govt", "intl", "corp",
    "assoc", "mtg", "pres", "ref", "req", "min", "max", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur",
    "thurs", "fri", "sat", "sun",
))  # fmt: skip
_DOTTED = re.compile(r"(?<![\w.])([^\W\d_]{3,})\.(?![\w.])")
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "rev", "hon", "judge", "sir"})
VAGUE_LIST = "vague"
SUSPICIOUS_LIST = "suspicious"

Signal = tuple[ReviewReason, str]


@dataclass(frozen=True)
class Signals:
    """Cross-client clues (names, contacts, sites) and the firm's vague/suspicious phrases.

    Built from the whole rule book, used only locally: nothing here is ever sent to Claude.
    """

    identifying: dict[tuple[str, ...], str]
    vague: tuple[tuple[str, ...], ...]
    suspicious: tuple[tuple[str, ...], ...]
    code_ids: re.Pattern[str] | None = None
    id_patterns: tuple[tuple[re.Pattern[str], str], ...] = ()  # a client's own ids, by regex
    dotted: tuple[tuple[str, str], ...] = ()  # "vel" -> "veloria": a name cut short with a dot

    @classmethod
    def build(cls, book: RuleBook) -> Signals:
        owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for cid, rules in book.clients.items():
            names = [rules.client.name, *rules.client.aliases]
            names += [i for lst in IDENTIFYING_LISTS for i in rules.lists.get(lst, ())]
            names += [i for i in rules.lists.get(DELIVERABLES_LIST, ()) if _is_id(i)]
            for name in names:
                if toks := tokens(name):
                    owners[toks].add(cid)
        unique = {toks: next(iter(ids)) for toks, ids in owners.items() if len(ids) == 1}
        unique |= _first_names(book, owners)
        lists = book.firm.lists
        codes = [c.code for c in book.firm.codes]
        codes += [c.code for rules in book.clients.values() for c in rules.codes]
        return cls(
            unique,
            _phrases(lists.get(VAGUE_LIST, ())),
            _phrases(lists.get(SUSPICIOUS_LIST, ())),
            code_pattern(codes),
            _id_patterns(book),
            _dotted(book, owners),
        )

    @cached_property
    def _key(self) -> object:
        """What this instance keeps its answers on a ``Text`` under (``Text.kept``)."""
        return object()

    def read(self, client_id: str | None, text: Text) -> list[Signal]:
        """The signs in ``text`` for an entry of ``client_id``: they depend on nothing else, so
        they are kept on the text for every entry that shares it."""
        found = text.keep((self._key, "read", client_id), lambda: self._read(client_id, text))
        return list(found)

    def _read(self, client_id: str | None, text: Text) -> list[Signal]:
        found: list[Signal] = []
        if other := self.other_client(client_id, text):
            found.append(
                (ReviewReason.POSSIBLE_WRONG_CLIENT, f"mentions {other}'s people or sites")
            )
        if said := self.suspicious_part(text):
            found.append((ReviewReason.SUSPICIOUS_TEXT, f"text reads like an instruction: {said}"))
        # Vague narratives matter where a client reads them; internal time is not billed.
        if client_id is not None and self.is_vague(text):
            found.append((ReviewReason.VAGUE, "narrative too vague for the client to accept"))
        return found

    def suspicious_part(self, text: Text) -> str | None:
        if self.code_ids is not None and (code := self.code_ids.search(text.raw)):
            return f"names the billing code {code.group(0)!r}"
        if said := reads_like_instruction(text.raw):
            return repr(said)
        by_first = self._suspicious_by_first
        hits = [
            (i, p)
            for w in text.tokset & by_first.keys()
            for i, p in by_first[w]
            if contains_phrase(text.toks, p)
        ]
        found = min(hits)[1] if hits else None  # the first of the firm's list, as it reads
        return repr(" ".join(found)) if found else None

    @cached_property
    def _by_first(self) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
        """The identifying names by their first word: a text is checked against the names
        that start with one of its words, not against every name of every client."""
        found: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for toks, cid in self.identifying.items():
            found[toks[0]].append((toks, cid))
        return {word: tuple(names) for word, names in found.items()}

    @cached_property
    def _suspicious_by_first(self) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
        """The suspicious phrases (with their place in the list) by their first word."""
        found: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
        for i, phrase in enumerate(self.suspicious):
            found[phrase[0]].append((i, phrase))
        return {word: tuple(phrases) for word, phrases in found.items()}

    def other_client(self, client_id: str | None, text: Text) -> str | None:
        """Another client whose people, sites, deliverable ids or own ids (``_id_patterns``)
        ``text`` names (kept on it)."""
        return text.keep(
            (self._key, "other", client_id), lambda: self._other_client(client_id, text)
        )

    def _other_client(self, client_id: str | None, text: Text) -> str | None:
        by_first = self._by_first
        mentioned = {
            cid
            for word in text.tokset & by_first.keys()
            for toks, cid in by_first[word]
            if contains_phrase(text.toks, toks)
        }
        mentioned |= {cid for pattern, cid in self.id_patterns if pattern.search(text.lower)}
        if self.dotted and "." in text.raw:
            cut = {m.group(1).lower() for m in _DOTTED.finditer(text.raw)}
            mentioned |= {cid for short, cid in self.dotted if short in cut}
        if client_id in mentioned:
            return None
        return sorted(mentioned)[0] if mentioned else None

    def is_vague(self, text: Text) -> bool:
        words = content_words(text.toks)
        return len(words) < 2 or self.listed_vague(text)

    def listed_vague(self, text: Text) -> bool:
        """The note is one the firm's ``vague`` list names ("emails", "emails/calls": every
        word of it is, on its own, a vague narrative), not merely short ("PTO", "1:1s")."""
        words = content_words(text.toks)
        if any(p in (text.toks, words) for p in self.vague):
            return True
        single = {p[0] for p in self.vague if len(p) == 1}
        return bool(single) and bool(words) and all(w in single for w in words)


def _first_names(
    book: RuleBook, owners: Mapping[tuple[str, ...], set[str]]
) -> dict[tuple[str, ...], str]:
    """A contact's first name alone, as people write it ("Monica - subsequent events" for
    Monica Reyes), and the first word of a client's name ("Alder" for Alder & Oak; five letters
    or more), when it names no one else: no word of another client's names, lists or
    contacts, and no one at the firm (``people``, by name or e-mail). A title is not a first
    name ("Dr. Mehta": "dr appt" is not about her), nor is a name of one or two letters."""
    clients_of: dict[str, set[str]] = defaultdict(set)
    for toks, ids in owners.items():
        for tok in toks:
            clients_of[tok] |= ids
    staff = {t[0] for who in book.firm.people if (t := tokens(re.sub(r"@.*|[._]", " ", who)))}
    found: dict[tuple[str, ...], str] = {}
    for cid, rules in book.clients.items():
        for contact in rules.lists.get("contacts", ()):
            first = _first_name(contact)
            if first and first not in staff and clients_of[first] == {cid}:
                found.setdefault((first,), cid)
        first = _first_name(rules.client.name, _MIN_NAME)
        if first and first not in staff and clients_of[first] == {cid}:
            found.setdefault((first,), cid)
    return found


def _dotted(
    book: RuleBook, owners: Mapping[tuple[str, ...], set[str]]
) -> tuple[tuple[str, str], ...]:
    """A word of a client's name (``_MIN_NAME`` letters or more) cut short with a dot, as
    people write it ("Vel. Arc - catering PO" for Veloria Bikes): each cut of three letters or
    more that begins a word of one client's names only, and is no whole word of any name,
    list or person, nor a cut people write for other words ("est.", "Dept.", "Nov.")."""
    whole: set[str] = {tok for toks in owners for tok in toks}
    whole |= {t for who in book.firm.people for t in tokens(re.sub(r"@.*|[._]", " ", who))}
    starts: dict[str, set[str]] = defaultdict(set)
    for cid, rules in book.clients.items():
        for name in (rules.client.name, *rules.client.aliases):
            for word in re.findall(r"[^\W\d_]+", name.lower()):
                for end in range(_MIN_CUT, len(word)) if len(word) >= _MIN_NAME else ():
                    starts[word[:end]].add(cid)
    common = whole | _COMMON_CUTS | _TITLES
    return tuple(sorted((cut, next(iter(ids))) for cut, ids in starts.items()
                        if len(ids) == 1 and cut not in common))  # fmt: skip


def _first_name(contact: str, least: int = 0) -> str:
    """The first word of a name of two or more, as a token, if it can be a first name: three
    letters or more (``least`` if more), not a title, and read as itself (not a shorthand the
    lexicon expands: "Mo Lund" reads "month lund")."""
    words = contact.split()
    raw = words[0].strip(".,").lower() if len(words) > 1 else ""
    if len(raw) < max(_MIN_FIRST, least) or raw in _TITLES:
        return ""
    return raw if tokens(raw) == (raw,) else ""


def _id_patterns(book: RuleBook) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each client's own id patterns: a ``regex`` of its rules that reads ids ("DSP-1442" by
    ``\\bdsp-\\d+``). One client's id in another's entry names that client, as its contacts
    do; a pattern in two clients' rules, or in the firm's, names no one."""
    owners: dict[str, set[str]] = defaultdict(set)
    for cid, rules in book.clients.items():
        for rule in rules.rules:
            for pattern in _regexes(rule.when):
                if _ID_REGEX.match(pattern):
                    owners[pattern].add(cid)
    firm = {pattern for rule in book.firm.rules for pattern in _regexes(rule.when)}
    return tuple(
        (re.compile(pattern), next(iter(ids)))
        for pattern, ids in sorted(owners.items())
        if len(ids) == 1 and pattern not in firm
    )


def _regexes(cond: Condition) -> list[str]:
    """The ``regex`` tests a condition holds (not those under ``not``)."""
    found = [cond.regex] if cond.regex else []
    for sub in (*(cond.all_of or ()), *(cond.any_of or ())):
        found += _regexes(sub)
    return found


def _is_id(item: str) -> bool:
    """ "TM-2", "MCS-150": an id; "D4" or "A1" is too short to tell a client apart."""
    return bool(_DIGIT.search(item)) and len(item) >= _MIN_ID_CHARS


def _phrases(items: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Tokenised phrases; a bare number ("100%" reads as "100") would match too much."""
    return tuple(t for t in map(tokens, items) if t and not all(w.isdigit() for w in t))
