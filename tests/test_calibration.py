"""Calibration: Krippendorff's alpha against his worked example, evaluator bias, the sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cxkit as cx
from cxkit.measure.calibration import (
    calibration_report,
    evaluator_bias,
    question_agreement,
)
from cxkit.measure.calibration import (
    krippendorff_alpha as alpha,
)
from cxkit.measure.qa import fit_answers
from cxkit.sample.calibration import LENIENT_EVALUATOR, calibration_sessions

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers x 12 units with
# missing values. The krippendorff package's own tests assert ordinal 0.815 and ratio 0.797 on it.
NAN = np.nan
KRIPPENDORFF = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_alpha_matches_krippendorffs_worked_example(level, expected):
    assert round(alpha(KRIPPENDORFF, level=level), 3) == expected


def test_alpha_without_pairs_or_variation_is_nan():
    assert np.isnan(alpha([[1, NAN], [NAN, 2]]))
    assert np.isnan(alpha([[3, 3], [3, 3]]))
    assert alpha([[1, 2, 3], [1, 2, 3]], level="nominal") == 1.0


def _items(rows):
    return pd.DataFrame(
        rows, columns=["contact_id", "evaluator", "question_id", "earned", "kind"]
    ).assign(evaluation_id=lambda d: d.contact_id + d.evaluator, agent="x", possible=1.0)


def test_question_agreement_orders_disagreement_first():
    rows = []
    for c, (a, b) in enumerate([(1, 1), (0, 0), (1, 1), (0, 0)]):
        rows += [(f"c{c}", "e1", "same", a, "yes_no"), (f"c{c}", "e2", "same", b, "yes_no")]
    for c, (a, b) in enumerate([(1, 0), (0, 1), (1, 1), (0, 0)]):
        rows += [(f"c{c}", "e1", "split", a, "yes_no"), (f"c{c}", "e2", "split", b, "yes_no")]
    qa = question_agreement(_items(rows))
    assert qa.question_id.tolist() == ["split", "same"]
    assert qa.alpha.iloc[1] == 1.0 and qa.agree_pct.tolist() == [50.0, 100.0]
    assert (qa.level == "nominal").all()


def test_evaluator_bias_against_reference_and_consensus():
    s = pd.DataFrame(
        {
            "contact_id": ["a", "a", "a", "b", "b", "b"],
            "evaluator": ["ref", "x", "y"] * 2,
            "score": [80.0, 84.0, 70.0, 60.0, 70.0, 60.0],
        }
    )
    r = evaluator_bias(s, reference="ref").set_index("evaluator")
    assert r.mean_diff["x"] == pytest.approx(7.0) and r.within_pct["x"] == 50.0
    assert r.mean_diff["y"] == pytest.approx(-5.0) and r.within_pct["y"] == 50.0
    c = evaluator_bias(s).set_index("evaluator")  # each against the mean of the other two
    assert c.mean_diff["x"] == pytest.approx(((84 - 75) + (70 - 60)) / 2)
    assert set(c.compared_with) == {"consensus"}


def test_sample_calibration_finds_the_lenient_evaluator():
    ch = cx.load_charter(cx.example_charter("finnish_contact_centre"))
    cal = cx.load(cx.sample_dir() / "calibration.csv.gz", table="evaluations").data
    items, q = fit_answers(cal, ch.forms)
    assert q.empty
    r = calibration_report(items, reference="Laatupäällikkö")
    ev = r["evaluators"]
    assert ev.evaluator.iloc[0] == LENIENT_EVALUATOR and ev.mean_diff.iloc[0] > 10
    assert 0.5 < r["overall_alpha"] < 1 and r["evaluator_count"] == 4 and r["contacts"] == 18
    assert len(r["questions"]) == 10


def test_sessions_are_reproducible_and_on_their_own_stream():
    con = cx.generate_sample(days=3, seed=3, scale=0.05)["contacts"]
    a = calibration_sessions(con, seed=3, sessions=1, contacts_per_session=2)
    b = calibration_sessions(con, seed=3, sessions=1, contacts_per_session=2)
    assert a.equals(b) and a.groupby("contact_id").evaluator.nunique().eq(4).all()
