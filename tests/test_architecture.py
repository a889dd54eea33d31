"""The layers stay apart: domain and store never pull in Textual; domain never pulls in SQL."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _modules_after_import(package: str) -> set[str]:
    code = (
        "import json, sys, pkgutil, importlib\n"
        f"import {package} as root\n"
        "for info in pkgutil.walk_packages(root.__path__, root.__name__ + '.'):\n"
        "    if '.migrations' not in info.name:\n"
        "        importlib.import_module(info.name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(result.stdout))


def _top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_domain_imports_neither_textual_nor_sqlmodel() -> None:
    loaded = _top_level(_modules_after_import("reception_tui.domain"))
    assert not loaded & {"textual", "sqlmodel", "sqlalchemy"}


@pytest.mark.parametrize("package", ["reception_tui.store", "reception_tui.domain"])
def test_core_layers_do_not_import_textual(package: str) -> None:
    assert "textual" not in _top_level(_modules_after_import(package))
