"""cxkit: the omnichannel service design workbook."""
from .catalog import METRICS, catalog_frame, get_metric
from .charter import Charter, CharterError, load_charter, loads_charter, save_charter

__version__ = "0.1.0"
__all__ = [
    "METRICS", "Charter", "CharterError", "catalog_frame", "get_metric", "load_charter", "loads_charter",
    "save_charter",
]
