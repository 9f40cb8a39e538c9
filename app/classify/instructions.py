"""Text that talks to the classifier instead of describing work, and billing-code ids in text.

A description is data. One that names a billing code ("XYZ-CODE billable"), addresses whoever
reads it ("note to the classifier", "Dana approved this"), or tells the billing what to do
("bill this at full rate", "mark as billable", "code: NWF-COMP", "ignore previous") is flagged
``suspicious_text`` and never auto-approved, whichever stage answers. The patterns are families
(verb x object), not a phrase list, so rephrasing does not slip past them; the firm's own
``lists.suspicious`` phrases are checked as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_APOSTROPHES = re.compile(r"['\u2019`]")

_AUDIENCE = (
    r"(?:classifier|system|ai|a\.i\.|model|bot|assistant|llm|gpt|claude|automation|billing"
    r"|reviewer|approver|pm)"
)
_BILLING_WORDS = r"(?:billable|non[- ]?billable|billed|invoiced|chargeable|full rate|100 ?%)"
_INSTRUCTIONS = (
    # addressed to whoever reads the entry
    r"\b(?:note|message|instruction|reminder|fyi|attention|attn)s?\s*(?:to|for|:)?\s*"
    rf"(?:the\s+)?{_AUDIENCE}\b",
    rf"\b(?:dear|hey|hi)\s+{_AUDIENCE}\b",
    rf"\b{_AUDIENCE}\s*[:,]\s*(?:please|use|bill|mark|set|treat|classify|code)\b",
    # overriding what came before
    r"\b(?:ignore|disregard|forget|override|overrule|bypass|skip)\b\s+(?:\w+\s+){0,2}"
    r"(?:previous|prior|above|earlier|preceding|instructions?|rules?|policy|policies|review|sow)\b",
    r"\b(?:ignore|disregard)\s+(?:all|everything|that)\b",
    r"\bsystem prompt\b",
    # someone's say-so as a reason to bill
    r"\b(?:approved|authori[sz]ed|okayed|ok\s?d|signed off|cleared|greenlit|green-lit)\s+"
    r"(?:by|per|from|with)\b",
    r"\b(?:per|as per)\s+(?:\w+\s+){0,2}(?:approval|instruction|sign-?off|say-?so)\b",
    r"\b[a-z]+\.?\s+(?:approved|authori[sz]ed|okayed|signed off on|said to bill|wants this billed)"
    r"\s+(?:this|it|that|the (?:rate|billing|charge))\b",
    # choosing the code
    r"\b(?:billing\s+)?code\s*[:=]\s*\S",
    r"\b(?:use|apply|book|charge|post|put|log|file|classify|categori[sz]e|code|tag)\s+"
    r"(?:this|it|entry|time|hours)?\s*(?:as|to|under|against|on)\s+(?:code|the code)\b",
    r"\b(?:classify|categori[sz]e|code|treat|count|record|book)\s+(?:this|it|these hours|the time)"
    rf"\s+as\s+(?:\w+\s+){{0,2}}(?:{_BILLING_WORDS}|billable|client work)",
    # telling the billing what to do
    r"\bbill(?:ed|ing)?\s+(?:this|it|these|all|them)?\s*(?:at|as|in full|to the client|fully)\b",
    r"\b(?:mark|set|flag|make|treat)\s+(?:this|it|entry|as|these)?\s*(?:as\s+)?"
    rf"{_BILLING_WORDS}",
    r"\b(?:rate|fraction)\s*(?:to|=|:|should be|of)\s*\$?\d",
    r"\b(?:set|change|raise|bump|use)\s+(?:the\s+)?rate\b",
    r"\b(?:at|@)\s+(?:the\s+)?full\s+rate\b",
    r"\b100\s?%\s*(?:billable|rate|bill)",
    r"\b(?:do not|dont|don t|never|no need to)\s+(?:flag|review|discount|reduce|split|check)\b",
    r"\b(?:auto-?approve|skip (?:the )?review|no review needed)\b",
)
_PATTERN = re.compile("|".join(f"(?:{p})" for p in _INSTRUCTIONS))


def reads_like_instruction(text: str) -> str | None:
    """The part of ``text`` that addresses the classifier or the billing, if any."""
    found = _PATTERN.search(_APOSTROPHES.sub(" ", text.lower()))
    return found.group(0).strip() if found else None


def code_pattern(codes: Iterable[str]) -> re.Pattern[str] | None:
    """Any of the firm's billing-code ids written in a description.

    Ids with a separator ("NWF-COMP", "INT_BD") match in any case; a bare word id ("ADMIN")
    only in capitals, so the ordinary word "admin" is not one.
    """
    spelled = sorted({c for c in codes if c}, key=len, reverse=True)
    if not spelled:
        return None
    parts = [
        re.escape(c) if re.search(r"[-_.]", c) else f"(?-i:{re.escape(c)})"
        for c in spelled
        if len(c) >= 3
    ]
    return re.compile(rf"(?<![A-Za-z0-9])(?:{'|'.join(parts)})(?![A-Za-z0-9])", re.IGNORECASE)
