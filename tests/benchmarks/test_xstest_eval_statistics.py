"""The XSTest benchmark's own reference estimator (sampled false-refusal rate and interval)."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _load_xstest_eval():
    spec = importlib.util.spec_from_file_location("xstest_eval", BENCH / "xstest_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["xstest_eval"] = module
    spec.loader.exec_module(module)
    return module


xstest_eval = _load_xstest_eval()


@pytest.mark.parametrize(
    ("successes", "n", "confidence", "expected"),
    [
        (8, 10, 0.95, (0.4902, 0.9433)),
        (0, 10, 0.95, (0.0, 0.2775)),
        (10, 10, 0.95, (0.7225, 1.0)),
        (50, 100, 0.90, (0.4188, 0.5812)),
        (4.5, 7.5, 0.95, (0.2790, 0.8533)),  # effective n: by hand
    ],
)
def test_wilson_interval_known_values(successes, n, confidence, expected):
    interval = xstest_eval.wilson_interval(successes, n, confidence)
    assert interval == pytest.approx(expected, abs=5e-4)


def test_wilson_interval_edge_cases():
    low, high = xstest_eval.wilson_interval(0, 0)
    assert math.isnan(low) and math.isnan(high)
    with pytest.raises(ValueError):
        xstest_eval.wilson_interval(11, 10)


def test_weighted_rate_and_effective_size():
    assert xstest_eval.weighted_rate([1, 0, 1, 0], [1, 1, 1, 1]) == (0.5, 4.0)
    rate, n_eff = xstest_eval.weighted_rate([1, 0], [3.0, 1.0])
    assert rate == 0.75 and n_eff == pytest.approx(16 / 10)
    assert math.isnan(xstest_eval.weighted_rate([], [])[0])
