"""newslint: an editorial linter for news copy.

Library API:
    lint_text(text, config=None, path="<text>") -> list[Finding]
    load_config(path=None) -> Config
"""
__version__ = "0.1.0"

# The names below are imported on first use (PEP 562), so that `import newslint.launch` (the
# console script) imports nothing else before it has paused the garbage collector.
_EXPORTS = {
    "Config": "config", "load_config": "config",
    "Finding": "model", "Hit": "model", "Rule": "model", "Severity": "model",
    "lint_text": "runner", "ConfigError": "yamlfile",
}

__all__ = ["Config", "ConfigError", "Finding", "Hit", "Rule", "Severity", "lint_text", "load_config", "__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newslint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
