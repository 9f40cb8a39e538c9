"""Read a rules file's YAML into plain data while keeping the line of every key and item.

Scalars are kept as the text the author wrote (only ``null``/``~``/empty become ``None``);
pydantic's lax mode turns that text into the field's type. So ``on:`` stays the key ``"on"``
(not ``True``), ``NO`` in a list stays ``"NO"``, ``clause: 3.10`` stays ``"3.10"``, money is
parsed exactly (``150.10`` never passes through a float), and ``billable: yes``/``no``/``on``/
``off`` still work because pydantic reads those words as booleans for ``bool`` fields.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = tuple[str | int, ...]

_NULL_TAG = "tag:yaml.org,2002:null"
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
# A key written with the field's Python name is accepted too (populate_by_name), while
# pydantic reports the alias: look for either spelling.
_OTHER_SPELLING = {
    "all": "all_of",
    "any": "any_of",
    "not": "not_",
    "list": "list_",
    "from": "start",
    "to": "end",
}


class YamlSyntaxError(Exception):
    """The text is not YAML; ``line`` is 1-based when PyYAML knows where."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class YamlDoc:
    """The data of one YAML document, its node tree (for lines) and duplicate keys found."""

    data: object
    root: Node | None
    duplicates: list[tuple[Loc, str]] = field(default_factory=list)

    def locate(self, loc: Loc) -> tuple[int | None, Loc]:
        """The line for a location, and the location as it should be shown.

        Walks as deep as the file goes: a missing key points at its parent mapping. An index
        into a single value (``list: contacts`` read as one item) is dropped from the shown
        location.
        """
        if self.root is None:
            return None, loc
        node, line = self.root, _line(self.root)
        for depth, part in enumerate(loc):
            if isinstance(part, int) and isinstance(node, ScalarNode):
                return line, loc[:depth] + loc[depth + 1 :]
            step = _child(node, part)
            if step is None:
                break
            line, node = step
        return line, loc


def parse_yaml(text: str) -> YamlDoc:
    """Compose one YAML document (SafeLoader rules) into plain data; raise YamlSyntaxError.

    libyaml (``CSafeLoader``) composes the node tree when PyYAML was built with it: a worker's
    cold start reads every rules file, and the pure-Python scanner was most of that time. Text
    libyaml refuses is read again by the pure-Python loader, whose messages are the ones shown.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        with contextlib.suppress(yaml.YAMLError, YamlSyntaxError):
            return _compose(fast(text))
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as exc:  # a character YAML does not allow
        first_line = str(exc).splitlines()[0]
        raise YamlSyntaxError(_reader_line(exc, text), f"YAML error: {first_line}") from exc
    try:
        return _compose(loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc) from exc


def _compose(loader: yaml.SafeLoader) -> YamlDoc:
    try:
        root = loader.get_single_node()
        doc = YamlDoc(None, root)
        doc.data = _Converter(loader, doc).convert(root, ()) if root is not None else None
        return doc
    finally:
        loader.dispose()


def format_loc(loc: Loc) -> str:
    """``('rules', 0, 'when', 'all', 1, 'words')`` -> ``rules[0].when.all[1].words``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text


class _Converter:
    """Node tree -> dicts, lists, text and None; records duplicate keys on the way."""

    def __init__(self, loader: yaml.SafeLoader, doc: YamlDoc) -> None:
        self._loader = loader
        self._doc = doc
        self._open: set[int] = set()

    def convert(self, node: Node, loc: Loc) -> object:
        if isinstance(node, ScalarNode):
            return None if node.tag == _NULL_TAG else str(node.value)
        if id(node) in self._open:
            raise YamlSyntaxError(_line(node), "YAML error: an alias refers to itself")
        self._open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
            return self._mapping(node, loc)
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: Node, loc: Loc) -> dict[str, object]:
        assert isinstance(node, MappingNode)
        self._note_duplicates(node, loc)
        self._loader.flatten_mapping(node)  # resolves "<<" merge keys
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlSyntaxError(_line(key_node), "YAML error: keys must be plain text")
            key = str(key_node.value)
            result[key] = self.convert(value_node, (*loc, key))
        return result

    def _note_duplicates(self, node: MappingNode, loc: Loc) -> None:
        seen: set[str] = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key is None or key == "<<":
                continue
            if key in seen:
                message = f"duplicate key '{key}' (the later value wins; remove one)"
                self._doc.duplicates.append(((*loc, key), message))
            seen.add(key)


def _child(node: Node, part: str | int) -> tuple[int, Node] | None:
    if isinstance(node, SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            item: Node = node.value[part]
            return _line(item), item
        return None
    if isinstance(node, MappingNode):
        wanted = {str(part), _OTHER_SPELLING.get(str(part), str(part))}
        for key_node, value_node in reversed(node.value):  # the last duplicate wins
            if isinstance(key_node, ScalarNode) and key_node.value in wanted:
                return _line(key_node), value_node
    return None


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _syntax_error(exc: yaml.MarkedYAMLError) -> YamlSyntaxError:
    mark = exc.problem_mark or exc.context_mark
    line = int(mark.line) + 1 if mark is not None else None
    message = f"YAML syntax error: {exc.problem or exc.context or 'invalid YAML'}"
    context_mark = exc.context_mark
    if exc.problem and exc.context and context_mark is not None:
        message += f" ({exc.context} at line {int(context_mark.line) + 1})"
    return YamlSyntaxError(line, message)


def _reader_line(exc: yaml.YAMLError, text: str) -> int | None:
    position = getattr(exc, "position", None)
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None
