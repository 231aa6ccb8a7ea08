"""YAML loading that remembers where every key stood, and the error type that uses it.

A config or rule file may come from anyone, so the loader refuses what PyYAML would take
silently or at any cost: a key given twice in one mapping (PyYAML keeps the last), an alias
"bomb" whose aliases expand to more than MAX_EXPANDED values (a billion laughs fits in a few
lines), an alias that contains itself, and nesting deeper than Python's stack.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from .display import printable
from .lazyre import LazyRegex, module_patterns
from .sources import SourceError, read_text

if TYPE_CHECKING:
    import yaml

# libyaml's parser when PyYAML has it: the built-in rule packs hold over a thousand entries.
# Values a document may expand to, aliases counted at their full size. The largest built-in
# pack (tortured-phrases, about 6,000 entries) expands to under 20,000.
MAX_EXPANDED = 1_000_000
_ANCHOR = LazyRegex(r"(?:^|[\s\[{,:-])&[^\s,\[\]{}]")  # no anchor, no alias: sizes need no check
module_patterns(_ANCHOR)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a config or rule file: where, which dotted key, and what."""

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"
        return printable(text)


class ConfigError(Exception):
    """Every problem found while loading configuration, reported together."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _key_text(node: yaml.Node) -> str:
    import yaml  # here, not at the top: a run from the config cache reads no YAML
    return node.value if isinstance(node, yaml.ScalarNode) else f"<{node.id}>"


def check_nodes(root: yaml.Node, text: str) -> tuple[int | None, str] | None:
    """(line, message) for the first duplicate key, self-containing alias or alias bomb; else None."""
    return _first_duplicate(root) or (_expansion_problem(root) if _ANCHOR.search(text) else None)


def _first_duplicate(root: yaml.Node) -> tuple[int, str] | None:
    import yaml  # here, not at the top: a run from the config cache reads no YAML
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias is the node object itself: each is checked once
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            if len({_key_text(k) for k, _ in node.value}) != len(node.value):
                return _duplicate_key(node)
            stack.extend(part for pair in node.value for part in pair if not isinstance(part, yaml.ScalarNode))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(item for item in node.value if not isinstance(item, yaml.ScalarNode))
    return None


def _expansion_problem(root: yaml.Node) -> tuple[int, str] | None:
    """Sizes with every alias counted in full, computed once per node (iteratively: no recursion limit)."""
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        children = _children(node)
        if done:
            open_nodes.discard(id(node))
            size[id(node)] = 1 + sum(size[id(c)] for c in children)
            if size[id(node)] > MAX_EXPANDED:
                return node.start_mark.line + 1, f"aliases expand to more than {MAX_EXPANDED:,} values"
            continue
        if id(node) in size:
            continue
        open_nodes.add(id(node))
        stack.append((node, True))
        for child in children:
            if id(child) in open_nodes:
                return child.start_mark.line + 1, "an alias refers to a value that contains it"
            if id(child) not in size:
                stack.append((child, False))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml  # here, not at the top: a run from the config cache reads no YAML
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _duplicate_key(node: yaml.MappingNode) -> tuple[int, str] | None:
    seen: dict[str, int] = {}
    for key, _ in node.value:
        text = _key_text(key)
        if text in seen:
            return key.start_mark.line + 1, f"{printable(text[:60])}: duplicate key (first given on line {seen[text]})"
        seen[text] = key.start_mark.line + 1
    return None


class YamlFile:
    """A parsed YAML document plus a way to find the line of any dotted key in it."""

    def __init__(self, name: str, data: Any, root: yaml.Node | None):
        self.name = name
        self.data = data
        self._root = root
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}  # per mapping: key -> (key, value)

    @classmethod
    def load(cls, path: Path | str, text: str | None = None, name: str | None = None) -> YamlFile:
        name = name or str(path)
        try:
            text = read_text(str(path)) if text is None else text
        except SourceError as exc:  # its message starts with the path
            raise ConfigError([Problem(name, None, "", str(exc).split(": ", 1)[-1])]) from None
        except UnicodeDecodeError:
            raise ConfigError([Problem(name, None, "", "not valid UTF-8")]) from None
        return cls(name, *_parse(name, text))

    def line_of(self, *keys: Any) -> int | None:
        """1-based line of the node at the key path (mapping keys or list indices), or of its nearest parent."""
        import yaml

        node, line = self._root, None
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                match = self._index(node).get(str(key))
                if match is None:
                    break
                line, node = match[0].start_mark.line + 1, match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        if line is None and self._root is not None:
            line = self._root.start_mark.line + 1
        return line

    def _index(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The mapping's keys, indexed once: a file with many bad keys is not searched once per key."""
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key, value in node.value:
                index.setdefault(_key_text(key), (key, value))
            self._keys[id(node)] = index
        return index

    def problem(self, keys: Sequence[Any], message: str) -> Problem:
        return Problem(self.name, self.line_of(*keys), ".".join(printable(str(k)[:60]) for k in keys), message)


def _parse(name: str, text: str) -> tuple[Any, yaml.Node | None]:
    import yaml  # here, not at the top: a run from the config cache reads no YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        root = loader.get_single_node()
        found = check_nodes(root, text) if root is not None else None
        if found:
            raise ConfigError([Problem(name, found[0], "", found[1])])
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ConfigError([Problem(name, line, "", f"invalid YAML: {getattr(exc, 'problem', exc)}")]) from None
    except RecursionError:
        raise ConfigError([Problem(name, None, "", "invalid YAML: nested too deeply")]) from None
    finally:
        loader.dispose()
    return data, root
