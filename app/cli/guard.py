"""Every command's last line of defence: a person's mistake is one line and exit 2, anything
unexpected is one line and exit 1 with the place the full trace was written. Never a traceback.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer
from pydantic import ValidationError
from typer.core import TyperGroup
from typer.exceptions import TyperException

from app.config import settings_problem
from app.errors import ConfigError

EXIT_BAD_INPUT, EXIT_UNEXPECTED = 2, 1


class UserInputError(Exception):
    """A mistake in what the person gave: the message names the file or option and the fix."""


def file_problem(exc: OSError) -> str:
    """One line for a file the operating system refused, naming the path as given."""
    where = exc.filename if exc.filename is not None else "a file"
    if isinstance(exc, FileNotFoundError):
        return f"{where}: no such file or folder (check the path)"
    if isinstance(exc, IsADirectoryError):
        return f"{where}: is a folder; give a file path"
    if isinstance(exc, NotADirectoryError):
        return f"{where}: a part of this path is a file, not a folder"
    if isinstance(exc, PermissionError):
        return f"{where}: permission denied (check the file's permissions)"
    return f"{where}: {exc.strerror or exc}"


def crash_report(exc: BaseException) -> Path:
    """Write the whole trace where the person can find it and send it to us."""
    folder = Path(os.environ.get("TIMEBILL_CRASH_DIR") or tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"timebill-crash-{stamp}.txt"
    path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    return path


def _say(line: str) -> None:
    print(line, file=sys.stderr)


class GuardedGroup(TyperGroup):
    """The top-level group: wraps every sub-command's run."""

    def invoke(self, ctx: Any) -> Any:  # typer.Context's base lives in typer._click
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except UserInputError as exc:
            _say(f"error: {exc}")
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except OSError as exc:
            if exc.filename is None:
                return _unexpected(exc)
            _say(f"error: {file_problem(exc)}")
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except ConfigError as exc:
            _say(f"error: {exc}")
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except ValidationError as exc:
            if exc.title != "Settings":  # a bug: models are validated where input arrives
                return _unexpected(exc)
            _say(f"error: {settings_problem(exc)}")
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except KeyboardInterrupt:
            _say("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # the last line of defence, by design
            return _unexpected(exc)


def _unexpected(exc: BaseException) -> Any:
    try:
        where = f"the full trace is in {crash_report(exc)}"
    except OSError:
        where = "the trace could not be written (set TIMEBILL_CRASH_DIR)"
    _say(f"timebill: unexpected error ({type(exc).__name__}: {exc}); {where}")
    raise typer.Exit(EXIT_UNEXPECTED) from None


def need_file(path: Path | None, what: str) -> None:
    """Check an input file before any work starts, naming the argument or option it came from."""
    if path is None:
        return
    if not path.exists():
        raise UserInputError(f"{what} {path}: no such file (check the path)")
    if path.is_dir():
        raise UserInputError(f"{what} {path}: is a folder; give a file")


def need_output_file(path: Path, what: str, inputs: dict[str, Path | None] | None = None) -> None:
    """An output file must be writable where it is asked for, and not be one of the ``inputs``
    (argument or option -> file) it is made from: checked before the long work."""
    if path.is_dir():
        raise UserInputError(f"{what} {path}: is a folder; give a file name, e.g. {path}/out.csv")
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise UserInputError(f"{what} {path}: {parent} is a file, not a folder")
    for name, given in (inputs or {}).items():
        if given is not None and _same_file(path, given):
            raise UserInputError(
                f"{what} {path}: is the {name} file; writing there would destroy it, "
                "give another file name"
            )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:  # one of them does not exist (yet): not the same file
        return False


def need_output_dir(path: Path, what: str) -> None:
    if path.exists() and not path.is_dir():
        raise UserInputError(f"{what} {path}: is a file; give a folder")
