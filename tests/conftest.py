from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHARTERS = ROOT / "cxkit" / "examples" / "charters"
REAL = ROOT.parent / "shared" / "data" / "real"


@pytest.fixture
def minimal_doc() -> dict:
    """A small valid charter document (plain dict) to break in tests."""
    return {
        "schema_version": 1,
        "name": "Test",
        "calendars": {
            "office": {
                "time_zone": "Europe/Helsinki",
                "holidays": {"country": "FI"},
                "hours": {"mon": "08:00-16:00", "tue": "08:00-16:00"},
            }
        },
        "channels": {
            "phone": {
                "label": {"en": "Phone", "fi": "Puhelin"},
                "kind": "sync",
                "medium": "phone",
                "calendar": "office",
                "goals": [{"text": "Fast answers", "targets": ["sl", "csat"]}],
                "targets": [
                    {
                        "id": "sl",
                        "metric": "service_level",
                        "threshold": 80,
                        "within_s": 20,
                        "amber": 70,
                    },
                    {"id": "csat", "metric": "csat", "threshold": 85, "amber": 75, "min_n": 400},
                ],
            },
            "email": {
                "label": {"en": "Email", "fi": "Sähköposti"},
                "kind": "async",
                "medium": "email",
                "calendar": "office",
                "goals": [{"text": "Same-day replies", "targets": ["email-rsl", "email-fcr"]}],
                "targets": [
                    {
                        "id": "email-rsl",
                        "metric": "response_service_level",
                        "threshold": 90,
                        "within_h": 8,
                    },
                    {"id": "email-fcr", "metric": "fcr", "threshold": 70},
                ],
            },
        },
    }


@pytest.fixture(scope="session")
def sample_tables():
    """The bundled sample contact centre, loaded once per test session (pseudonym key fixed)."""
    from cxkit.data.tables import load_tables
    from cxkit.settings import sample_dir

    return load_tables([sample_dir()], pseudonym_key=b"t")


@pytest.fixture(scope="session")
def sample_scorecard(sample_tables):
    """The Finnish example charter checked against the sample, once per session."""
    from cxkit.charter.model import load_charter
    from cxkit.measure.scorecard import check
    from cxkit.settings import example_charter

    return check(load_charter(example_charter("finnish_contact_centre")), sample_tables)
