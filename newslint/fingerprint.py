"""A fingerprint of everything besides the text that decides a file's findings.

It covers the newslint version and code (every module and shipped table: an edited rule module in
a development checkout counts), the built-in rule files, the config file, every rule file a
config names, and the active rules with their severities and options (which also captures
--select, --ignore and the sections). The lint cache and the archive job's resume check key on it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import __version__
from .config import Config, rules_root
from .configcache import CODE_SUFFIXES, RULE_SUFFIXES, cached
from .hashes import blake2b

_PACKAGE = Path(__file__).resolve().parent


def _files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in suffixes)


def _hash_tree(digest, root: Path, suffixes: tuple[str, ...]) -> None:
    for path in _files(root, suffixes):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(blake2b(path.read_bytes(), digest_size=16).digest())


def _content_fingerprint() -> str:
    digest = blake2b(__version__.encode(), digest_size=16)
    _hash_tree(digest, _PACKAGE, CODE_SUFFIXES)
    _hash_tree(digest, rules_root(), RULE_SUFFIXES)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version, the package's modules and tables, and the built-in rules, by content (so the
    archive job's resume check holds across machines). Hashing the 8 MB of tables on every run
    cost about 20 ms of a one-file run, so the hash is kept in the config cache, whose entries are
    keyed by the path, size and mtime of the same files (configcache.code_stamp)."""
    return cached("code-fingerprint", lambda: (_content_fingerprint(), ()))


def _file_hash(path: str | None) -> str:
    if not path:
        return "-"
    try:
        return blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "unreadable"


def config_fingerprint(config: Config) -> str:
    """code_fingerprint plus the config file, its rule files and the active rules' settings."""
    digest = blake2b(code_fingerprint().encode(), digest_size=16)
    digest.update(f"config {config.path} {_file_hash(config.path)}\n".encode())
    sources = sorted({r.source for r in config.catalogue.values() if Path(r.source).is_absolute()})
    for source in sources:
        digest.update(f"rules {source} {_file_hash(source)}\n".encode())
    for rule in config.rules:
        options = sorted((str(k), repr(v)) for k, v in rule.options.items())
        digest.update(f"rule {rule.id} {rule.severity} {rule.category} {options}\n".encode())
    sections = sorted((name, sorted((str(k), repr(v)) for k, v in body.items())) for name, body in config.sections.items())
    digest.update(repr(sections).encode())
    return digest.hexdigest()
