"""Entries that mix activities ("status call w/ Dana; drove back from Stockton").

Each part of a multi-part description is read on its own, by the rules and, where no rule
speaks, by memory. When the parts point at different codes the entry is flagged: a person
picks the dominant activity or splits the entry. This runs after a stage proposed a code,
whichever stage it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.classify.conditions import Subject
from app.classify.dominant import dominant, written_hours
from app.classify.memory import Memory
from app.classify.rules_stage import RulesStage, best_matches
from app.classify.text import Text, content_words, segments
from app.domain.entries import TimeEntry
from app.domain.rulebook import ClientContext

UNEXPLAINED = "?"
_SUBSTANTIAL_WORDS = 2


@dataclass(frozen=True)
class SegmentReader:
    rules: RulesStage
    memory: Memory | None = None

    def codes(self, entry: TimeEntry, ctx: ClientContext) -> dict[str, str]:
        """Code -> the part that points at it, for parts that do not agree with each other.

        A substantial part that nothing explains is listed under ``UNEXPLAINED``: a confident
        code for "status report, reforecast hours thru year end" covers only half of the entry.
        """
        parts = segments(entry.description)
        if len(parts) < 2:
            return {}
        found: dict[str, str] = {}
        for part in parts:
            text = self.rules.read(part, ctx.lexicon)
            code = self._code_of(entry, text, ctx)
            if code is not None:
                found.setdefault(code, part.strip())
            elif len(content_words(text.toks)) >= _SUBSTANTIAL_WORDS:
                found.setdefault(UNEXPLAINED, part.strip())
        return found if len(found) > 1 else {}

    def agreed(self, entry: TimeEntry, ctx: ClientContext) -> str | None:
        """The one code every part of a combined entry points at alone, if they all do and
        the parts state durations ("(0.3)", "1.5h"): separately timed activities, not one
        activity written in pieces ("press check-in + photographer at the gala"). None
        otherwise."""
        found = self.parts(entry, ctx)
        codes = {code for _, code in found}
        if len(found) < 2 or None in codes or len(codes) != 1:
            return None
        if all(written_hours(part) is None for part, _ in found):
            return None
        return codes.pop()

    def dominant(self, entry: TimeEntry, ctx: ClientContext) -> str | None:
        """The code that dominates by the durations written in the parts (``dominant``)."""
        share = ctx.review.dominant_share
        if share is None:
            return None
        found = self.parts(entry, ctx)
        return dominant(found, share) if len(found) > 1 else None

    def parts(self, entry: TimeEntry, ctx: ClientContext) -> list[tuple[str, str | None]]:
        """Each part of the description with the code it points at alone (None: nothing)."""
        return [
            (part, self._code_of(entry, self.rules.read(part, ctx.lexicon), ctx))
            for part in segments(entry.description)
        ]

    def _code_of(self, entry: TimeEntry, text: Text, ctx: ClientContext) -> str | None:
        top = best_matches(self.rules.compiled(ctx), Subject(entry, text))
        codes = {m.rule.code for m in top}
        if len(codes) == 1:
            return codes.pop()
        if codes or self.memory is None:
            return None
        recall = self.memory.recall(ctx.client_id, text.raw)
        if recall is None or recall.confidence < ctx.review.confidence_threshold:
            return None
        return recall.code
