"""Measure: the metric engine (one row builder per catalog metric), aggregation from counts, the
scorecard, and views of it (roll-ups, drill-downs).

Importing the package registers every row builder with :mod:`cxkit.measure.engine`.
"""

from cxkit.measure import (  # noqa: F401  (registers the row builders)
    contact_rows,
    conversations,
    intervals,
    journeys,
    qa,
    survey_rows,
    ticket_rows,
)
