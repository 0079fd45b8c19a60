"""The fault suite's counts: LIC_FAULTS_TALLY=FILE appends each module's TALLY (inputs
tried, clean errors, crashes, hangs) to FILE as one JSON line, for the closing notes."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="module", autouse=True)
def tally(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    counts = getattr(request.module, "TALLY", None)
    target = os.environ.get("LIC_FAULTS_TALLY")
    if target and counts is not None:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"module": request.module.__name__, **counts}) + "\n")
