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

import html
from pathlib import Path
from typing import Any, get_args

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
    Medium,
    Target,
    dumps_charter,
    loads_charter,
    semantic_problems,
    validation_problems,
)
from cxkit.i18n import Text, t
from cxkit.ui.session import CharterSession, as_session, copy_charter
from cxkit.ui.tables import display_frame, unit_text

__all__ = [
    "CatalogBrowser",
    "ChannelEditor",
    "TargetBuilder",
    "YamlEditor",
    "copy_charter",  # re-exported from cxkit.ui.session
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
        f"<code>{html.escape(f.subject)}</code>: {html.escape(f.text(lang))}</li>"
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
        f"<li><code>{html.escape(p)}</code>: {html.escape(m.render(lang) if isinstance(m, Text) else m)}</li>"
        for p, m in problems
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
        # "" (not None) means all: a Dropdown whose value is None shows blank
        self.family.options = [(t("all", lang), "")] + [(t(f, lang), f) for f in FAMILIES]
        self.family.value = fam or ""
        self.kind.options = [
            (t("all", lang), ""),
            (t("sync", lang), "sync"),
            (t("async", lang), "async"),
        ]
        self.kind.value = kind or ""
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
        return catalog_frame(
            self.lang, kind=self.kind.value or None, family=self.family.value or None
        )

    def _refresh(self, *_: Any) -> None:
        self._relabel()
        df = self.frame()
        self.table.value = display_frame(
            df[["id", "name", "family", "unit", "direction", "counterweights"]], lang=self.lang
        ).to_html(index=False, escape=True)
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
            (t("unit", lang), unit_text(m.unit, lang)),
            (t("direction", lang), t(m.direction, lang)),
            (
                t("counterweights", lang),
                ", ".join(get_metric(c).name(lang) for c in m.counterweights) or "-",
            ),
        ]
        if m.options:
            rows.append(
                (
                    t("options", lang),
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


#: The channel media, in the order the form offers them.
MEDIUMS: tuple[str, ...] = get_args(Medium)

_STYLE = {"description_width": "11em"}
_WIDE = W.Layout(width="26em")


class _CharterWidget(_Base):
    """A widget editing the charter of a :class:`~cxkit.ui.session.CharterSession`."""

    def __init__(self, charter: Charter | CharterSession, path: str | Path | None, lang: str):
        self.session = as_session(charter, path, lang)
        self.lang = lang
        self.status = W.HTML()
        self.session.subscribe(self._on_session)

    @property
    def charter(self) -> Charter:
        """The charter as it stands now (the session's)."""
        return self.session.charter

    @charter.setter
    def charter(self, value: Charter) -> None:
        self.session.update(value)

    @property
    def path(self) -> Path | None:
        """The file the session saves to."""
        return self.session.path

    def _on_session(self) -> None:
        self._refresh()

    def _refresh(self) -> None:  # pragma: no cover - overridden
        return None

    def save(self) -> bool:
        """Save the shared charter (see :meth:`CharterSession.save`); the outcome shows in ``status``.

        Returns
        -------
        bool
            True when saved; False when there is no ``path``, the file changed on disk since it was
            loaded, or the charter does not validate (the reason is shown instead).
        """
        ok = self.session.save()
        self.status.value = self.session.status.value
        return ok


class ChannelEditor(_CharterWidget):
    """Add channels and write goals in the team's own words; saves to the charter file.

    Parameters
    ----------
    charter : Charter or CharterSession
        The shared session to edit (or a charter, wrapped in a session of its own).
    path : str or pathlib.Path, optional
        The file the save button writes when ``charter`` is a plain charter.
    lang : {"en", "fi"}
        Language of the controls.
    """

    def __init__(
        self, charter: Charter | CharterSession, path: str | Path | None = None, lang: str = "en"
    ):
        super().__init__(charter, path, lang)
        kw: dict[str, Any] = {"style": _STYLE, "layout": _WIDE}
        self.channel_id = W.Text(description=t("channel_id", lang), placeholder="chat", **kw)
        self.label_en = W.Text(description=t("label_en", lang), **kw)
        self.label_fi = W.Text(description=t("label_fi", lang), **kw)
        self.medium = W.Dropdown(
            description=t("medium", lang),
            options=[(t(f"medium_{m}", lang), m) for m in MEDIUMS],
            value="chat",
            **kw,
        )
        self.visibility = W.Dropdown(
            description=t("visibility", lang),
            options=[(t(f"visibility_{v}", lang), v) for v in ("private", "public", "both")],
            **kw,
        )
        self.calendar = W.Dropdown(description=t("calendar", lang), **kw)
        self.add_channel = W.Button(
            description=t("add_channel", lang),
            button_style="primary",
            layout=W.Layout(width="auto"),
        )
        self.goal_channel = W.Dropdown(description=t("channel", lang), **kw)
        self.goal_text = W.Textarea(
            description=t("goal", lang), style=_STYLE, layout=W.Layout(width="52em")
        )
        self.goal_why = W.Text(
            description=t("why", lang), style=_STYLE, layout=W.Layout(width="52em")
        )
        self.add_goal = W.Button(description=t("add_goal", lang), layout=W.Layout(width="auto"))
        self.save_button = W.Button(
            description=t("save", lang), button_style="success", layout=W.Layout(width="auto")
        )
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
        lang = self.lang
        cal = self.calendar.value
        self.calendar.options = [("-", None)] + [(c, c) for c in self.charter.calendars]
        if cal in self.charter.calendars:
            self.calendar.value = cal
        elif self.charter.calendars:  # a sensible default: the first calendar, not "-"
            self.calendar.value = next(iter(self.charter.calendars))
        current = self.goal_channel.value
        self.goal_channel.options = [
            (ch.label(lang), cid) for cid, ch in self.charter.channels.items()
        ]
        if current in self.charter.channels:
            self.goal_channel.value = current
        elif self.charter.channels:
            self.goal_channel.value = next(iter(self.charter.channels))
        rows = []
        for cid, ch in self.charter.channels.items():
            goals = "".join(f"<li>{html.escape(g.text)}</li>" for g in ch.goals) or "<li>-</li>"
            rows.append(
                f"<li><b>{html.escape(ch.label(lang))}</b> <code>{html.escape(cid)}</code> "
                f"({html.escape(t(ch.kind + '_short', lang))}, {len(ch.targets)} "
                f"{html.escape(t('targets_word', lang))})<ul>{goals}</ul></li>"
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
                [(f"channels.{cid}", t("channel_exists", self.lang))], self.lang
            )
            return
        new = self.session.draft()
        new.channels = {**new.channels, cid: ch}
        self.channel_id.value = self.label_en.value = self.label_fi.value = ""
        self.status.value = ""
        self.session.update(new)
        self.goal_channel.value = cid

    def _add_goal(self) -> None:
        cid = self.goal_channel.value
        if cid is None:
            self.status.value = problems_html(
                [("channels", t("add_channel_first", self.lang))], self.lang
            )
            return
        try:
            goal = Goal(text=self.goal_text.value.strip(), why=self.goal_why.value.strip() or None)
        except ValidationError:
            self.status.value = problems_html(
                [(f"channels.{cid}.goals", t("goal_sentence", self.lang))], self.lang
            )
            return
        new = self.session.draft()
        ch = new.channels[cid]
        ch.goals = [*ch.goals, goal]
        self.goal_text.value = self.goal_why.value = ""
        self.status.value = ""
        self.session.update(new)


class YamlEditor(_CharterWidget):
    """Edit the charter as YAML; validate and save, with problems named by path.

    The text follows the shared charter: a channel added in the form appears here at once. When the
    text has edits of its own and the charter changes elsewhere, the editor says so and asks for a
    second press before the text replaces the charter (nothing is dropped without a warning).

    Parameters
    ----------
    charter : Charter or CharterSession
        The shared session (or a charter, wrapped in a session of its own).
    path : str or pathlib.Path, optional
        The file the button writes when ``charter`` is a plain charter.
    lang : {"en", "fi"}
        Language of the controls.
    """

    def __init__(
        self, charter: Charter | CharterSession, path: str | Path | None = None, lang: str = "en"
    ):
        super().__init__(charter, path, lang)
        self._shown = dumps_charter(self.charter)
        self._stale = False
        self.text = W.Textarea(value=self._shown, layout=W.Layout(width="100%", height="420px"))
        self.save_button = W.Button(
            description=t("validate_save", lang),
            button_style="success",
            layout=W.Layout(width="auto"),
        )
        self.save_button.on_click(lambda _: self.apply())
        self.widget = W.VBox([self.text, self.save_button, self.status])

    def _refresh(self) -> None:
        text = dumps_charter(self.charter)
        if self.text.value == self._shown:  # no edits of its own: follow the charter
            self._shown = self.text.value = text
            self._stale = False
        else:
            self._stale = True
            self.status.value = (
                f"<b style='color:#b35806'>⚠ {html.escape(t('yaml_stale', self.lang))}</b>"
            )

    def apply(self, *, force: bool = False) -> bool:
        """Validate the text; on success make it the shared charter and save it (when there is a path).

        Parameters
        ----------
        force : bool
            Replace the charter even though it changed elsewhere since the text was shown (a
            second press of the button does the same).

        Returns
        -------
        bool
            True when the text validated (and, with a path, was saved); False with the problems
            (or the warning about a change made elsewhere) shown in ``status`` otherwise.
        """
        try:
            new = loads_charter(self.text.value, str(self.path) if self.path else None)
        except CharterError as err:
            self.status.value = problems_html(err.problems, self.lang)
            return False
        if self._stale and not force:
            self._stale = False  # warned once; the next press applies
            self.status.value = (
                f"<b style='color:#b35806'>⚠ {html.escape(t('yaml_stale', self.lang))}</b>"
            )
            return False
        self._shown = self.text.value
        self.session.update(new)
        self._shown = self.text.value = dumps_charter(self.charter)
        self._stale = False
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

    def __init__(
        self, charter: Charter | CharterSession, path: str | Path | None = None, lang: str = "en"
    ):
        super().__init__(charter, path, lang)
        kw: dict[str, Any] = {"style": _STYLE, "layout": _WIDE}
        self.channel = W.Dropdown(description=t("channel", lang), **kw)
        self.metric = W.Dropdown(description=t("metric", lang), **kw)
        self.target_id = W.Text(description=t("target_id", lang), **kw)
        self.threshold = W.FloatSlider(
            description=t("threshold", lang), continuous_update=False, step=1, **kw
        )
        self.amber = W.FloatSlider(
            description=t("amber", lang), continuous_update=False, step=1, **kw
        )
        self.within = W.FloatSlider(
            description=t("within", lang), continuous_update=False, min=1, max=600, step=1, **kw
        )
        self.variant = W.Dropdown(description=t("variant", lang), **kw)
        self.period = W.Dropdown(
            description=t("period", lang),
            options=[(t(p, lang), p) for p in ("day", "week", "month", "quarter")],
            value="day",
            **kw,
        )
        self.owner = W.Text(description=t("owner", lang), **kw)
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
        self._refresh()

    def _refresh(self) -> None:
        """The shared charter changed (or the widget opens): channels, removable targets, review."""
        current = self.channel.value
        channels = self.charter.channels
        self.channel.options = [(ch.label(self.lang), cid) for cid, ch in channels.items()]
        if current in channels:
            self.channel.value = current
        elif channels:  # a sensible default, never a blank dropdown
            self.channel.value = next(iter(channels))
        if self.channel.value is not None and self.metric.value is None:
            self._on_channel()
        self.remove.options = [x.id for _, _, x in self.charter.iter_targets()]
        self._update_review()

    def _on_channel(self, *_: Any) -> None:
        if self.channel.value is None:
            return
        kind = self.charter.channels[self.channel.value].kind
        current = self.metric.value
        options = [(m.name(self.lang), m.id) for m in METRICS.values() if kind in m.kinds]
        self.metric.options = options
        ids = [i for _, i in options]
        if current in ids:
            self.metric.value = current
        elif ids:  # a metric people set targets on (not a volume count), sliders set for it
            targetable = [i for i in ids if get_metric(i).family != "volume"] or ids
            self.metric.value = targetable[0]
        if self.metric.value is not None and self.metric.value == current:
            self._on_metric()

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
        self.unit.value = (
            f"<span style='padding-left:1em'>{html.escape(unit_text(m.unit, self.lang))}</span>"
        )
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
        preview = self.session.draft()
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
                problems or [("metric", t("choose_metric", self.lang))], self.lang
            )
            return False
        self.status.value = ""
        self.session.update(preview)
        return True

    def _remove(self) -> None:
        tid = self.remove.value
        new = self.session.draft()
        for ch in new.channels.values():
            ch.targets = [x for x in ch.targets if x.id != tid]
            for g in ch.goals:
                g.targets = [x for x in g.targets if x != tid]
        self.session.update(new)
