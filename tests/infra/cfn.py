"""template.yaml as data: a YAML loader for CloudFormation's short tags, and a small resolver.

The loader turns ``!Ref X`` into ``{"Ref": "X"}``, ``!GetAtt A.B`` into ``{"Fn::GetAtt": ["A",
"B"]}`` and every other ``!Tag`` into ``{"Fn::Tag": value}``, the template's long form. The
resolver evaluates what the tests need for one set of parameter values (Ref, Sub, If with the
template's Conditions, Equals, Not, And, Or, GetAtt to a placeholder); anything else raises.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TEMPLATE = Path(__file__).resolve().parents[2] / "template.yaml"
NO_VALUE = object()  # what !Ref AWS::NoValue resolves to: the key or item disappears
_FUNCTIONS = ("Sub", "If", "Equals", "Not", "And", "Or", "Join", "Select", "Split", "FindInMap",
              "Base64", "Cidr", "ImportValue", "GetAZs", "Condition", "Transform")  # fmt: skip


class CfnLoader(yaml.SafeLoader):
    pass


def _construct(node: yaml.Node, loader: CfnLoader) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    assert isinstance(node, yaml.MappingNode)
    return loader.construct_mapping(node, deep=True)


def _ref(loader: CfnLoader, node: yaml.Node) -> dict[str, Any]:
    return {"Ref": _construct(node, loader)}


def _get_att(loader: CfnLoader, node: yaml.Node) -> dict[str, Any]:
    value = _construct(node, loader)
    return {"Fn::GetAtt": value.split(".", 1) if isinstance(value, str) else value}


def _function(name: str) -> Any:
    def construct(loader: CfnLoader, node: yaml.Node) -> dict[str, Any]:
        key = "Condition" if name == "Condition" else f"Fn::{name}"
        return {key: _construct(node, loader)}

    return construct


CfnLoader.add_constructor("!Ref", _ref)
CfnLoader.add_constructor("!GetAtt", _get_att)
for _name in _FUNCTIONS:
    CfnLoader.add_constructor(f"!{_name}", _function(_name))


@cache
def template() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load(TEMPLATE.read_text(), Loader=CfnLoader)
    return loaded


def resources(kind: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in template()["Resources"].items() if v["Type"] == kind}


def function_properties(name: str) -> dict[str, Any]:
    """A function's properties with the template's ``Globals.Function`` underneath."""
    merged = dict(template().get("Globals", {}).get("Function", {}))
    merged.update(template()["Resources"][name]["Properties"])
    return merged


class Resolver:
    """Evaluates intrinsic functions for one set of parameter values."""

    def __init__(self, parameters: dict[str, str]) -> None:
        defaults = {k: str(v.get("Default")) for k, v in template()["Parameters"].items()}
        self.values = {**defaults, **parameters, "AWS::Region": "eu-west-1",
                       "AWS::AccountId": "123456789012", "AWS::Partition": "aws",
                       "AWS::URLSuffix": "amazonaws.com", "AWS::StackName": "timebill"}  # fmt: skip
        self.conditions = {
            name: self.resolve(body) for name, body in template().get("Conditions", {}).items()
        }

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [v for v in map(self.resolve, value) if v is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            [(key, arg)] = value.items()
            if key == "Ref" or key.startswith("Fn::"):
                return self._intrinsic(key, arg)
        resolved = {k: self.resolve(v) for k, v in value.items()}
        return {k: v for k, v in resolved.items() if v is not NO_VALUE}

    def _intrinsic(self, key: str, arg: Any) -> Any:
        if key == "Ref":
            if arg == "AWS::NoValue":
                return NO_VALUE
            return self.values.get(arg, f"<{arg}>")  # a resource: its physical id, unknown here
        if key == "Fn::Sub":
            return re.sub(r"\$\{([^}!]+)\}", lambda m: self._sub(m[1]), arg)
        if key == "Fn::GetAtt":
            return f"<{arg[0]}.{arg[1]}>"
        if key == "Fn::If":
            condition, yes, no = arg
            return self.resolve(yes if self.conditions[condition] else no)
        if key == "Fn::Equals":
            left, right = (self.resolve(a) for a in arg)
            return left == right
        if key == "Fn::Not":
            return not self.resolve(arg[0])
        if key == "Fn::Or":
            return any(self.resolve(a) for a in arg)
        if key == "Fn::And":
            return all(self.resolve(a) for a in arg)
        raise NotImplementedError(key)

    def _sub(self, name: str) -> str:
        if "." in name:
            return f"<{name}>"
        return str(self.values.get(name, f"<{name}>"))
