"""The demo firm's audit: its 12 months of Clockify entries against the rules in ``sow_rules/``.

``timebill demo`` calls ``audit_demo``: local stages only (Claude off, no memory: the history
is what is being audited; its ``Approved Code`` column outranks the replay), the outputs and
``report.html`` in ``<out_dir>/audit/``.
"""

from __future__ import annotations

from pathlib import Path

from app.audit import AuditOptions, audit, load_exports
from app.audit.outputs import write_outputs
from app.audit.report_html import names_from_book, write_report
from app.classify.batch import Progress
from app.classify.memory import Memory
from app.config import Settings
from app.factory import build_cascade
from app.rules.loader import load_rulebook

REPO = Path(__file__).resolve().parents[2]
DEMO_HISTORY = REPO / "examples" / "demo_firm" / "data" / "history.csv"
DEMO_RULES = REPO / "sow_rules"
DEMO_LABEL = "Approved Code"  # the PM's approved code: it outranks the replay
AUDIT_DIR = "audit"


def audit_demo(out_dir: Path, progress: Progress | None = None) -> Path:
    """Audit the demo firm's 12 months offline; write the files; return the report's path."""
    settings = Settings(rules_dir=DEMO_RULES, llm_provider="none")
    book = load_rulebook(DEMO_RULES)
    cascade = build_cascade(settings, book, Memory(settings.memory_min_similarity))
    loaded = load_exports([DEMO_HISTORY])
    options = AuditOptions(label_column=DEMO_LABEL)
    result = audit(cascade, loaded, options=options, progress=progress)
    out = out_dir / AUDIT_DIR
    write_outputs(result, out)
    return write_report(result, out, names_from_book(book))
