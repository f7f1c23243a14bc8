"""The same metric declarations on Spark (local mode): the sample's full check gives the same scorecard.

One local session for the module (``local[1]``, 1 GB), stopped at the end; skipped only where PySpark
or Java is missing.
"""

from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

from cxkit.charter.model import load_charter
from cxkit.measure.backends import SparkEngine, check_on
from cxkit.measure.scorecard import check
from cxkit.settings import example_charter

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = (
            SparkSession.builder.master("local[1]")
            .appName("cxkit-tests")
            .config("spark.driver.memory", "1g")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .getOrCreate()
        )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Statuses, counts, periods and texts exactly; float figures to 1e-12 (Spark sums in its order)."""
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12, atol=1e-9)
    for col in ("target_id", "period_start", "status", "n", "definition", "note"):
        pd.testing.assert_series_equal(a[col], b[col])


def test_the_sample_check_is_the_same_scorecard_on_spark(spark, sample_tables, sample_scorecard):
    charter = load_charter(example_charter("finnish_contact_centre"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sc = check_on(charter, SparkEngine(spark, sample_tables))
    _same(sample_scorecard, sc)
    judged = sc[sc.status != "no_data"]
    assert len(judged) > 30 and set(judged.status) >= {"met", "missed"}


def test_check_engine_spark_uses_the_active_session(spark, sample_tables, sample_scorecard):
    charter = load_charter(example_charter("finnish_contact_centre"))
    sub = charter.model_copy(deep=True)
    for ch in sub.channels.values():
        ch.targets = [t for t in ch.targets if t.metric in ("service_level", "aht")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sc = check(sub, sample_tables, engine="spark")
    ref = sample_scorecard[sample_scorecard.target_id.isin(set(sc.target_id))].reset_index(
        drop=True
    )
    _same(ref, sc)
