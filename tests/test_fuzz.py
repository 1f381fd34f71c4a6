"""A few cases of the hostile-input campaign (benchmarks/fuzz.py) on every test run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("hypothesis")

FUZZ = Path(__file__).parent.parent / "benchmarks" / "fuzz.py"


def campaign_module():
    spec = importlib.util.spec_from_file_location("ketcheck_fuzz", FUZZ)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["ketcheck_fuzz"] = module
    spec.loader.exec_module(module)
    return module


def test_loader_campaign_finds_nothing() -> None:
    fuzz = campaign_module()
    campaign = fuzz.run(12, {"loader"})
    assert campaign.cases["loader"] == 12
    assert campaign.failures == {}, campaign.report()


def test_lint_campaign_finds_nothing_on_short_inputs() -> None:
    fuzz = campaign_module()
    # long repeated lines are the linter's own linearity work, measured by the full campaign
    campaign = fuzz.run(15, {"lint"}, shapes=("fragments", "text", "bytes", "deep"))
    assert campaign.cases["lint"] == 15
    assert campaign.failures == {}, campaign.report()


def test_the_classifier_reports_a_silent_accept(monkeypatch: pytest.MonkeyPatch) -> None:
    fuzz = campaign_module()
    monkeypatch.setattr(fuzz, "load_kb", lambda *a, **k: None)  # a loader that accepts all
    campaign = fuzz.run(5, {"loader"})
    assert sum(campaign.failures.get("loader", {}).values()) > 0
