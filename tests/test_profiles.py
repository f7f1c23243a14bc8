from __future__ import annotations

import pytest

from cxkit.plan.profiles import DAILY_VOLUME, arrival_profile


def test_weekday_volume_and_closed_weekend():
    p = arrival_profile("phone", start="2026-09-07", days=7)  # September: month factor 1.0
    by_day = p.groupby(p.interval_start.dt.day_of_week).expected.sum()
    assert by_day[2] == pytest.approx(
        DAILY_VOLUME["phone"], rel=1e-9
    )  # a Wednesday is the reference
    assert by_day[5] == 0 and by_day[6] == 0
    assert not p[p.interval_start.dt.hour < 8].open.any()


def test_holiday_closes_phone_and_halves_email():
    # 6 December 2026 is a Sunday; Independence Day 2027 falls on a Monday
    ph = arrival_profile("phone", start="2027-12-06", days=1)
    assert ph.expected.sum() == 0 and not ph.open.any()
    em = arrival_profile("email", start="2027-12-06", days=1)
    normal = arrival_profile("email", start="2027-12-13", days=1)
    assert em.expected.sum() == pytest.approx(0.5 * normal.expected.sum(), rel=1e-9)


def test_dst_day_has_right_number_of_intervals():
    p = arrival_profile(
        "email", start="2026-03-29", days=1, interval_min=60
    )  # spring forward in Helsinki
    assert len(p) == 24 and str(p.interval_start.dt.tz) == "Europe/Helsinki"


def test_unknown_channel():
    with pytest.raises(ValueError, match="choose one of"):
        arrival_profile("fax", start="2026-03-02", days=1)
