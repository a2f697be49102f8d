"""Shared fixtures and the hypothesis profiles.

Profiles: ``ci`` (quick, the default in CI), ``dev`` (the default locally) and ``fuzz`` (long
local runs: ``pytest --hypothesis-profile=fuzz -m fuzz``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = ("000", "001", "002", "003", "004")

settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz",
    max_examples=100_000,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def seed_path(key: str) -> Path:
    return next((FIXTURES / "seeds").glob(f"{key}_*.txt"))


def seed_text(key: str) -> str:
    return seed_path(key).read_text(encoding="utf-8")


def expected(key: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "expected" / f"{key}.json").read_text("utf-8"))
    return data


@pytest.fixture(params=SEEDS)
def seed(request: pytest.FixtureRequest) -> str:
    key: str = request.param
    return key
