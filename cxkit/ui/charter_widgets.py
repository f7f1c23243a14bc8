"""Workshop widgets: small classes that call cxkit and write into widget values.

Managers click; nobody writes code. Each widget exposes its controls as attributes (so tests set
``.value`` and call ``.click()``), the charter it edits as ``.charter``, and displays itself.

>>> from cxkit.ui.charter_widgets import CatalogBrowser
>>> b = CatalogBrowser(lang="fi")
>>> b.family.value = "customer_experience"
>>> sorted(b.frame().id)
['ces', 'csat', 'nps']
"""

from __future__ import annotations

import copy
import html
from pathlib import Path
from typing import Any

import ipywidgets as W
from pydantic import ValidationError

from cxkit.catalog import FAMILIES, METRICS, catalog_frame, get_metric
from cxkit.charter.lint import Finding, review
from cxkit.charter.model import (
    Channel,
    Charter,
    CharterError,
    Goal,
    Label,
    Target,
    dumps_charter,
    loads_charter,
    save_charter,
    semantic_problems,
    validation_problems,
)
from cxkit.i18n import t

__all__ = [
    "CatalogBrowser",
    "ChannelEditor",
    "TargetBuilder",
    "YamlEditor",
    "copy_charter",
    "findings_html",
    "problems_html",
]

_LEVEL_COLOUR = {"error": "#b2182b", "warning": "#b35806", "info": "#2166ac"}


def findings_html(findings: list[Finding], lang: str = "en") -> str:
    """Review findings as an HTML list.

    Parameters
    ----------
    findings : list of Finding
        Usually from :func:`cxkit.charter.lint.review`.
    lang : {"en", "fi"}
        Language of the level names and the all-clear line.

    Returns
    -------
    str
        A ``<ul>`` with one item per finding (level coloured, code, subject, message), every
        message escaped; a green all-clear paragraph when there are none.
    """
    if not findings:
        return f"<p style='color:#1a9850'>✔ {html.escape(t('no_findings', lang))}</p>"
    items = "".join(
        f"<li><b style='color:{_LEVEL_COLOUR[f.level]}'>{html.escape(t(f.level, lang))} {f.code}</b> "
        f"<code>{html.escape(f.subject)}</code>: {html.escape(f.message)}</li>"
        for f in findings
    )
    return f"<ul>{items}</ul>"


def problems_html(problems: list[tuple[str, str]], lang: str = "en") -> str:
    """Validation problems as an HTML list.

    Parameters
    ----------
    problems : list of (str, str)
        ``(path, sentence)`` pairs, as in :attr:`cxkit.errors.CharterError.problems`.
    lang : {"en", "fi"}
        Language of the heading.

    Returns
    -------
    str
        A heading and a ``<ul>`` with one escaped item per problem.
    """
    items = "".join(
        f"<li><code>{html.escape(p)}</code>: {html.escape(m)}</li>" for p, m in problems
    )
    return f"<p><b style='color:#b2182b'>{html.escape(t('problems', lang))}</b></p><ul>{items}</ul>"


class _Base:
    widget: W.Widget

    def _ipython_display_(self) -> None:  # pragma: no cover - display only
        from IPython.display import display

        display(self.widget)


class CatalogBrowser(_Base):
    """Browse the metric catalog: filter by family and channel kind, read it in English or Finnish.

    Parameters
    ----------
    lang : {"en", "fi"}
        The language shown first; the ``language`` toggle switches it.
    """

    def __init__(self, lang: str = "en"):
        self.language = W.ToggleButtons(options=[("English", "en"), ("Suomi", "fi")], value=lang)
        self.family = W.Dropdown(description=t("family", lang))
        self.kind = W.Dropdown(description=t("kind", lang))
        self.metric = W.Dropdown(description=t("metric", lang))
        self.table = W.HTML()
        self.detail = W.HTML()
        self._relabel()
        for w in (self.language, self.family, self.kind):
            w.observe(self._refresh, names="value")
        self.metric.observe(self._show_detail, names="value")
        self.widget = W.VBox(
            [self.language, W.HBox([self.family, self.kind]), self.table, self.metric, self.detail]
        )
        self._refresh()

    @property
    def lang(self) -> str:
        """The language chosen now, ``en`` or ``fi``."""
        return str(self.language.value)

    def _relabel(self) -> None:
        lang = self.lang
        fam, kind = self.family.value, self.kind.value
        self.family.options = [(t("all", lang), None)] + [(t(f, lang), f) for f in FAMILIES]
        self.family.value = fam
        self.kind.options = [
            (t("all", lang), None),
            (t("sync", lang), "sync"),
            (t("async", lang), "async"),
        ]
        self.kind.value = kind
        self.family.description, self.kind.description = t("family", lang), t("kind", lang)
        self.metric.description = t("metric", lang)

    def frame(self) -> Any:
        """The catalog rows the filters show now.

        Returns
        -------
        pandas.DataFrame
            :func:`cxkit.catalog.catalog_frame` in the chosen language, filtered by the ``kind``
            and ``family`` dropdowns (same columns).
        """
        return catalog_frame(self.lang, kind=self.kind.value, family=self.family.value)

    def _refresh(self, *_: Any) -> None:
        self._relabel()
        df = self.frame()
        self.table.value = df[
            ["id", "name", "family", "unit", "direction", "counterweights"]
        ].to_html(index=False, escape=True)
        current = self.metric.value
        self.metric.options = [(f"{r.name} ({r.id})", r.id) for r in df.itertuples()]
        if current in set(df.id):
            self.metric.value = current
        self._show_detail()

    def _show_detail(self, *_: Any) -> None:
        if self.metric.value is None:
            self.detail.value = ""
            return
        m = get_metric(self.metric.value)
        lang = self.lang
        rows = [
            (t("definition", lang), m.definition(lang)),
            (t("formula", lang), m.formula),
            (t("unit", lang), m.unit),
            (t("direction", lang), t(m.direction, lang)),
            (
                t("counterweights", lang),
                ", ".join(get_metric(c).name(lang) for c in m.counterweights) or "-",
            ),
        ]
        if m.options:
            rows.append(
                (
                    "options",
                    "; ".join(
                        f"{o.name} = {o.default!r}"
                        + (f" ({', '.join(map(str, o.choices))})" if o.choices else "")
                        for o in m.options.values()
                    ),
                )
            )
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
            for k, v in rows
        )
        self.detail.value = f"<h4>{html.escape(m.name(lang))}</h4><table>{body}</table>"


class _CharterWidget(_Base):
    def __init__(self, charter: Charter, path: str | Path | None, lang: str):
        self.charter = charter
        self.path = Path(path) if path is not None else None
        self.lang = lang
        self.status = W.HTML()

    def save(self) -> bool:
        """Save the charter to ``path`` atomically, or show why not in ``status``.

        Returns
        -------
        bool
            True when saved; False when there is no ``path`` or the charter does not validate
            (the problems are shown instead).
        """
        if self.path is None:
            self.status.value = "<i>no file: pass path= to save</i>"
            return False
        try:
            save_charter(self.charter, self.path)
        except CharterError as err:
            self.status.value = problems_html(err.problems, self.lang)
            return False
        self.status.value = (
            f"✔ {html.escape(t('saved', self.lang))}: <code>{html.escape(str(self.path))}</code>"
        )
        return True


class ChannelEditor(_CharterWidget):
    """Add channels and write goals in the team's own words; saves to the charter file.

    Parameters
    ----------
    charter : Charter
        The charter to edit; the widget changes it in place.
    path : str or pathlib.Path, optional
        The file the save button writes; without it the widget only edits.
    lang : {"en", "fi"}
        Language of the controls.
    """

    def __init__(self, charter: Charter, path: str | Path | None = None, lang: str = "en"):
        super().__init__(charter, path, lang)
        self.channel_id = W.Text(description=t("channel_id", lang), placeholder="chat")
        self.label_en = W.Text(description=t("label_en", lang))
        self.label_fi = W.Text(description=t("label_fi", lang))
        self.medium = W.Dropdown(
            description=t("medium", lang),
            options=[
                "phone",
                "chat",
                "video",
                "callback",
                "email",
                "web_form",
                "social",
                "messaging",
                "back_office",
            ],
        )
        self.visibility = W.Dropdown(
            description=t("visibility", lang), options=["private", "public", "both"]
        )
        self.calendar = W.Dropdown(description=t("calendar", lang))
        self.add_channel = W.Button(description=t("add_channel", lang), button_style="primary")
        self.goal_channel = W.Dropdown(description=t("channel", lang))
        self.goal_text = W.Textarea(description=t("goal", lang), layout=W.Layout(width="90%"))
        self.goal_why = W.Text(description=t("why", lang), layout=W.Layout(width="90%"))
        self.add_goal = W.Button(description=t("add_goal", lang))
        self.save_button = W.Button(description=t("save", lang), button_style="success")
        self.summary = W.HTML()
        self.add_channel.on_click(lambda _: self._add_channel())
        self.add_goal.on_click(lambda _: self._add_goal())
        self.save_button.on_click(lambda _: self.save())
        self.widget = W.VBox(
            [
                W.HTML(f"<b>{html.escape(t('add_channel', lang))}</b>"),
                W.HBox([self.channel_id, self.medium]),
                W.HBox([self.label_en, self.label_fi]),
                W.HBox([self.visibility, self.calendar]),
                self.add_channel,
                W.HTML(f"<b>{html.escape(t('add_goal', lang))}</b>"),
                self.goal_channel,
                self.goal_text,
                self.goal_why,
                self.add_goal,
                self.summary,
                self.save_button,
                self.status,
            ]
        )
        self._refresh()

    def _refresh(self) -> None:
        self.calendar.options = [("-", None)] + [(c, c) for c in self.charter.calendars]
        self.goal_channel.options = [
            (ch.label(self.lang), cid) for cid, ch in self.charter.channels.items()
        ]
        rows = []
        for cid, ch in self.charter.channels.items():
            goals = "".join(f"<li>{html.escape(g.text)}</li>" for g in ch.goals) or "<li>-</li>"
            rows.append(
                f"<li><b>{html.escape(ch.label(self.lang))}</b> <code>{html.escape(cid)}</code> "
                f"({ch.kind}, {len(ch.targets)} targets)<ul>{goals}</ul></li>"
            )
        self.summary.value = f"<ul>{''.join(rows)}</ul>"

    def _add_channel(self) -> None:
        cid = self.channel_id.value.strip()
        medium = self.medium.value
        try:
            ch = Channel(
                label=Label(
                    en=self.label_en.value.strip() or cid, fi=self.label_fi.value.strip() or cid
                ),
                kind="sync" if medium in ("phone", "chat", "video", "callback") else "async",
                medium=medium,
                visibility=self.visibility.value,
                calendar=self.calendar.value,
            )
            data = self.charter.model_dump()
            data["channels"] = {**data["channels"], cid: ch.model_dump()}
            Charter.model_validate(data)
        except ValidationError as err:
            self.status.value = problems_html(validation_problems(err), self.lang)
            return
        if cid in self.charter.channels:
            self.status.value = problems_html(
                [(f"channels.{cid}", "this channel already exists")], self.lang
            )
            return
        self.charter.channels = {**self.charter.channels, cid: ch}
        self.status.value = ""
        self._refresh()
        self.goal_channel.value = cid

    def _add_goal(self) -> None:
        cid = self.goal_channel.value
        if cid is None:
            self.status.value = problems_html([("channels", "add a channel first")], self.lang)
            return
        try:
            goal = Goal(text=self.goal_text.value.strip(), why=self.goal_why.value.strip() or None)
        except ValidationError:
            self.status.value = problems_html(
                [(f"channels.{cid}.goals", "write the goal as a sentence")], self.lang
            )
            return
        ch = self.charter.channels[cid]
        ch.goals = [*ch.goals, goal]
        self.goal_text.value = self.goal_why.value = ""
        self.status.value = ""
        self._refresh()


class YamlEditor(_CharterWidget):
    """Edit the charter as YAML; validate and save, with problems named by path.

    Parameters
    ----------
    charter : Charter
        The charter to start from; ``.charter`` is replaced by each valid text applied.
    path : str or pathlib.Path, optional
        The file the button writes; without it the button only validates.
    lang : {"en", "fi"}
        Language of the controls.
    """

    def __init__(self, charter: Charter, path: str | Path | None = None, lang: str = "en"):
        super().__init__(charter, path, lang)
        self.text = W.Textarea(
            value=dumps_charter(charter), layout=W.Layout(width="100%", height="420px")
        )
        self.save_button = W.Button(description=t("validate_save", lang), button_style="success")
        self.save_button.on_click(lambda _: self.apply())
        self.widget = W.VBox([self.text, self.save_button, self.status])

    def apply(self) -> bool:
        """Validate the text; on success replace the charter and save it (when there is a path).

        Returns
        -------
        bool
            True when the text validated (and, with a path, was saved); False with the problems
            shown in ``status`` otherwise.
        """
        try:
            self.charter = loads_charter(self.text.value, str(self.path) if self.path else None)
        except CharterError as err:
            self.status.value = problems_html(err.problems, self.lang)
            return False
        return self.save() if self.path is not None else True


class TargetBuilder(_CharterWidget):
    """Add targets with sliders and dropdowns; the review updates as you change them.

    The pending target (what the sliders say now) is reviewed together with the charter on every
    change, so the finding appears before the target is added.

    Parameters
    ----------
    charter : Charter
        The charter to add targets to; ``.charter`` is replaced by a copy with each target added.
    path : str or pathlib.Path, optional
        The file the save button writes; without it the widget only edits.
    lang : {"en", "fi"}
        Language of the controls.
    """

    def __init__(self, charter: Charter, path: str | Path | None = None, lang: str = "en"):
        super().__init__(charter, path, lang)
        self.channel = W.Dropdown(description=t("channel", lang))
        self.metric = W.Dropdown(description=t("metric", lang))
        self.target_id = W.Text(description=t("target_id", lang))
        self.threshold = W.FloatSlider(
            description=t("threshold", lang), continuous_update=False, step=1
        )
        self.amber = W.FloatSlider(description=t("amber", lang), continuous_update=False, step=1)
        self.within = W.FloatSlider(
            description=t("within", lang), continuous_update=False, min=1, max=600, step=1
        )
        self.variant = W.Dropdown(description=t("variant", lang))
        self.period = W.Dropdown(
            description=t("period", lang),
            options=[(t(p, lang), p) for p in ("day", "week", "month", "quarter")],
            value="day",
        )
        self.owner = W.Text(description=t("owner", lang))
        self.unit = W.HTML()
        self.add_button = W.Button(description=t("add_target", lang), button_style="primary")
        self.remove = W.Dropdown(description=t("remove_target", lang))
        self.remove_button = W.Button(description=t("remove_target", lang))
        self.save_button = W.Button(description=t("save", lang), button_style="success")
        self.review_html = W.HTML()
        self.channel.observe(self._on_channel, names="value")
        self.metric.observe(self._on_metric, names="value")
        for w in (
            self.threshold,
            self.amber,
            self.within,
            self.variant,
            self.period,
            self.target_id,
        ):
            w.observe(lambda _: self._update_review(), names="value")
        self.add_button.on_click(lambda _: self.add())
        self.remove_button.on_click(lambda _: self._remove())
        self.save_button.on_click(lambda _: self.save())
        self.widget = W.VBox(
            [
                W.HBox([self.channel, self.metric]),
                W.HBox([self.target_id, self.period]),
                W.HBox([self.threshold, self.unit]),
                self.amber,
                self.within,
                self.variant,
                self.owner,
                W.HBox([self.add_button, self.remove, self.remove_button]),
                W.HTML(f"<b>{html.escape(t('review', lang))}</b>"),
                self.review_html,
                self.save_button,
                self.status,
            ]
        )
        self.channel.options = [(ch.label(lang), cid) for cid, ch in charter.channels.items()]
        self._update_review()

    def _on_channel(self, *_: Any) -> None:
        if self.channel.value is None:
            return
        kind = self.charter.channels[self.channel.value].kind
        self.metric.options = [
            (m.name(self.lang), m.id) for m in METRICS.values() if kind in m.kinds
        ]

    def _on_metric(self, *_: Any) -> None:
        if self.metric.value is None:
            return
        m = get_metric(self.metric.value)
        low, high = (m.low or 0.0), (m.high if m.high is not None else 100.0)
        for s in (self.threshold, self.amber):
            s.min, s.max = -1e9, 1e9  # widen first so setting min/max never clamps in between
            s.min, s.max = low, high
        mid = {
            "%": 80.0,
            "s": min(300.0, high),
            "h": 8.0,
            "score": min(85.0, high),
            "points": 30.0,
        }.get(m.unit, low)
        self.threshold.value = mid
        self.amber.value = (
            max(low, mid - 10) if m.direction == "higher" else min(high, mid * 1.1 if mid else 1)
        )
        self.unit.value = f"<span style='padding-left:1em'>{html.escape(m.unit)}</span>"
        self.within.disabled = m.within is None
        self.within.description = t("within", self.lang) + (f" ({m.within})" if m.within else "")
        if m.within == "s":
            self.within.max, self.within.value = 600, 20
        elif m.within == "h":
            self.within.max, self.within.value = 120, 8
        v = m.options.get("variant")
        self.variant.options = list(v.choices) if v and v.choices else ["-"]
        self.variant.value = v.default if v else "-"
        self.variant.disabled = v is None
        self.target_id.value = f"{self.channel.value}-{m.id}".replace("_", "-")

    def pending(self) -> Target | None:
        """The target the controls describe now.

        Returns
        -------
        Target or None
            The pending target; None when no channel or metric is chosen.

        Raises
        ------
        pydantic.ValidationError
            When the controls describe no valid target (e.g. an id with capitals).
        """
        if self.metric.value is None or self.channel.value is None:
            return None
        m = get_metric(self.metric.value)
        data: dict[str, Any] = {
            "id": self.target_id.value.strip() or "new-target",
            "metric": m.id,
            "threshold": float(self.threshold.value),
            "amber": float(self.amber.value),
            "period": self.period.value,
        }
        if m.within == "s":
            data["within_s"] = float(self.within.value)
        elif m.within == "h":
            data["within_h"] = float(self.within.value)
        if "variant" in m.options and self.variant.value != m.options["variant"].default:
            data["options"] = {"variant": self.variant.value}
        if self.owner.value.strip():
            data["owner"] = self.owner.value.strip()
        return Target.model_validate(data)

    def _with_pending(self) -> tuple[Charter, list[tuple[str, str]]]:
        preview = self.charter.model_copy(deep=True)
        try:
            tgt = self.pending()
        except ValidationError as err:
            return preview, [("target", e["msg"]) for e in err.errors()]
        if tgt is not None:
            ch = preview.channels[self.channel.value]
            ch.targets = [*[x for x in ch.targets if x.id != tgt.id], tgt]
        return preview, semantic_problems(preview)

    def _update_review(self) -> None:
        preview, problems = self._with_pending()
        if problems:
            self.review_html.value = problems_html(problems, self.lang)
            return
        self.review_html.value = findings_html(review(preview), self.lang)

    def findings(self) -> list[Finding]:
        """Review the charter with the pending target in it.

        Returns
        -------
        list of Finding
            As :func:`cxkit.charter.lint.review`; empty while the pending target has problems.
        """
        preview, problems = self._with_pending()
        return [] if problems else review(preview)

    def add(self) -> bool:
        """Add the pending target to the charter, replacing one with the same id.

        Returns
        -------
        bool
            True when added; False with the problems shown in ``status`` when the target is
            invalid or no metric is chosen.
        """
        preview, problems = self._with_pending()
        if problems or self.pending() is None:
            self.status.value = problems_html(
                problems or [("metric", "choose a metric")], self.lang
            )
            return False
        self.charter = preview
        self.status.value = ""
        self.remove.options = [x.id for _, _, x in self.charter.iter_targets()]
        self._update_review()
        return True

    def _remove(self) -> None:
        tid = self.remove.value
        for ch in self.charter.channels.values():
            ch.targets = [x for x in ch.targets if x.id != tid]
            for g in ch.goals:
                g.targets = [x for x in g.targets if x != tid]
        self.remove.options = [x.id for _, _, x in self.charter.iter_targets()]
        self._update_review()


def copy_charter(charter: Charter) -> Charter:
    """Copy a charter deeply, with the source document it was loaded from.

    Parameters
    ----------
    charter : Charter
        The charter to copy.

    Returns
    -------
    Charter
        An independent copy that saves with the original file's comments.
    """
    new = charter.model_copy(deep=True)
    new._source = copy.deepcopy(charter._source)
    return new
