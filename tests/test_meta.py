"""Conventions: one rule, one id, one place."""
import pkgutil
import re

from newslint import checks
from newslint.registry import CHECK_MODULES

from helpers import default_config


def test_ids_are_kebab_case_and_categories_known():
    for rule in default_config().catalogue.values():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.id), rule.id
        assert rule.description, rule.id


def test_python_rule_module_is_its_id_with_underscores():
    for module in CHECK_MODULES:
        assert module.__name__.rsplit(".", 1)[1] in {module.ID.replace("-", "_"), getattr(module, "FAMILY", "")}, module.__name__


def test_every_check_module_is_registered():
    modules = {m.name for m in pkgutil.iter_modules(checks.__path__) if not m.name.startswith("_")}
    registered = {m.__name__.rsplit(".", 1)[1] for m in CHECK_MODULES}
    assert modules <= registered | {"common"}, modules - registered


def test_yaml_rule_ids_are_file_stems():
    for rule in default_config().catalogue.values():
        if rule.source.endswith(".yaml"):
            assert rule.source.rsplit("/", 1)[1] == f"{rule.id}.yaml"
