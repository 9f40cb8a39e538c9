"""Composition root: builds the cascade and its adapters once per process from Settings.

The anthropic SDK is imported here only when Claude is configured, so local runs and the
webhook's cold start never pay for it.
"""

from __future__ import annotations

from app.classify.cascade import Cascade
from app.classify.memory import Memory, MemoryStage
from app.classify.mixed import SegmentReader
from app.classify.rules_stage import RulesStage
from app.config import Settings
from app.domain.rulebook import RuleBook
from app.ports import ClassifierStage


def build_stages(
    settings: Settings, memory: Memory, rules: RulesStage | None = None
) -> list[ClassifierStage]:
    stages: list[ClassifierStage] = [rules or RulesStage(), MemoryStage(memory)]
    if settings.llm_enabled:
        stages.append(build_claude_stage(settings, memory))
    return stages


def build_claude_stage(settings: Settings, memory: Memory) -> ClassifierStage:
    from app.adapters.anthropic_llm import build_llm  # noqa: PLC0415 - keep the SDK off cold paths
    from app.classify.claude import ClaudeStage  # noqa: PLC0415

    return ClaudeStage(
        build_llm(settings),
        max_description_chars=settings.max_description_chars,
        max_tokens=settings.llm_max_tokens,
        examples=lambda entry, ctx, k: memory.nearest_examples(ctx.client_id, entry.description, k),
    )


def build_cascade(settings: Settings, book: RuleBook, memory: Memory) -> Cascade:
    rules = RulesStage()
    return Cascade(
        book,
        build_stages(settings, memory, rules),
        deadline_s=settings.deadline_ms / 1000,
        segments=SegmentReader(rules, memory),
    )
