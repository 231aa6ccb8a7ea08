"""newslint: an editorial linter for news copy.

Library API:
    lint_text(text, config=None, path="<text>") -> list[Finding]
    load_config(path=None) -> Config
"""
__version__ = "0.1.0"

from .config import Config, load_config  # noqa: E402
from .model import Finding, Hit, Rule, Severity  # noqa: E402
from .runner import lint_text  # noqa: E402
from .yamlfile import ConfigError  # noqa: E402

__all__ = ["Config", "ConfigError", "Finding", "Hit", "Rule", "Severity", "lint_text", "load_config", "__version__"]
