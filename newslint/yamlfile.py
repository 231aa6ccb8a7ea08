"""YAML loading that remembers where every key stood, and the error type that uses it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    import yaml
# PyYAML is imported on first use: a config from the cache (configcache.py) reads no YAML.


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a config or rule file: where, which dotted key, and what."""

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class ConfigError(Exception):
    """Every problem found while loading configuration, reported together."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class YamlFile:
    """A parsed YAML document plus a way to find the line of any dotted key in it."""

    def __init__(self, name: str, data: Any, root: yaml.Node | None):
        self.name = name
        self.data = data
        self._root = root

    @classmethod
    def load(cls, path: Path | str, text: str | None = None, name: str | None = None) -> YamlFile:
        name = name or str(path)
        try:
            text = Path(path).read_text(encoding="utf-8-sig") if text is None else text
        except OSError as exc:
            raise ConfigError([Problem(name, None, "", f"cannot read: {exc.strerror or exc}")]) from None
        except UnicodeDecodeError:
            raise ConfigError([Problem(name, None, "", "not valid UTF-8")]) from None
        import yaml

        # libyaml's parser when PyYAML has it: the built-in rule packs hold over a thousand entries.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            raise ConfigError([Problem(name, line, "", f"invalid YAML: {getattr(exc, 'problem', exc)}")]) from None
        finally:
            loader.dispose()
        return cls(name, data, root)

    def line_of(self, *keys: Any) -> int | None:
        """1-based line of the node at the key path (mapping keys or list indices), or of its nearest parent."""
        import yaml

        node, line = self._root, None
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value if k.value == str(key)), None)
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

    def problem(self, keys: Sequence[Any], message: str) -> Problem:
        return Problem(self.name, self.line_of(*keys), ".".join(str(k) for k in keys), message)
