"""The charter layer: what a team promises, and a review of the promise.

- :mod:`cxkit.charter.model`: the pydantic charter model, YAML load/save and schema migrations
- :mod:`cxkit.charter.lint`: the review, one registered rule per finding code (CX001...)
- :mod:`cxkit.charter.calendar`: business hours between two moments under a channel calendar
- :mod:`cxkit.charter.views`: the charter's goals and targets as tidy DataFrames
- :mod:`cxkit.charter.forms`: quality-monitoring evaluation forms (sections, questions, critical items)
"""

__all__: list[str] = []
