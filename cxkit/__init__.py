"""cxkit: the omnichannel service design workbook.

The main entry points: ``load_charter`` (goals, targets, metrics per channel), ``review`` (is the charter
sound?), ``load`` (read an export, quarantine what cannot be used), ``check`` (the scorecard) and
``compare_variants`` (every service-level variant side by side).
"""
from .catalog import METRICS, catalog_frame, get_metric
from .charter import Charter, CharterError, load_charter, loads_charter, save_charter
from .check import check, summary
from .load import load
from .metrics import compare_variants
from .review import review

__version__ = "0.1.0"
__all__ = [
    "METRICS", "Charter", "CharterError", "catalog_frame", "check", "compare_variants", "get_metric", "load",
    "load_charter", "loads_charter", "review", "save_charter", "summary",
]
