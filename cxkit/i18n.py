"""User-facing labels of the workbook in English and Finnish.

>>> t("save", "fi")
'Tallenna'
>>> t("no-such-label", "fi")
'no-such-label'
"""

from __future__ import annotations

__all__ = ["LABELS", "LANGS", "format_value", "t"]

#: The languages every label has: English and Finnish.
LANGS = ("en", "fi")

#: Every user-facing label, by key, in each of :data:`LANGS`.
LABELS: dict[str, dict[str, str]] = {
    "add": {"en": "Add", "fi": "Lisää"},
    "add_channel": {"en": "Add channel", "fi": "Lisää kanava"},
    "add_goal": {"en": "Add goal", "fi": "Lisää tavoite"},
    "add_target": {"en": "Add target", "fi": "Lisää mittari"},
    "remove_target": {"en": "Remove target", "fi": "Poista mittari"},
    "save": {"en": "Save", "fi": "Tallenna"},
    "target": {"en": "Target", "fi": "Tavoite"},
    "segment": {"en": "Segment", "fi": "Segmentti"},
    "met": {"en": "met", "fi": "saavutettu"},
    "near": {"en": "near", "fi": "lähellä"},
    "missed": {"en": "missed", "fi": "alitettu"},
    "no_data": {"en": "no data", "fi": "ei dataa"},
    "overall": {"en": "Overall", "fi": "Koko jakso"},
    "validate_save": {"en": "Validate and save", "fi": "Tarkista ja tallenna"},
    "channel": {"en": "Channel", "fi": "Kanava"},
    "channel_id": {"en": "Channel id", "fi": "Kanavan tunnus"},
    "label_en": {"en": "Name (English)", "fi": "Nimi (englanti)"},
    "label_fi": {"en": "Name (Finnish)", "fi": "Nimi (suomi)"},
    "kind": {"en": "Kind", "fi": "Tyyppi"},
    "medium": {"en": "Medium", "fi": "Media"},
    "visibility": {"en": "Visibility", "fi": "Näkyvyys"},
    "calendar": {"en": "Calendar", "fi": "Kalenteri"},
    "goal": {"en": "Goal in your words", "fi": "Tavoite omin sanoin"},
    "why": {"en": "Why it matters", "fi": "Miksi sillä on väliä"},
    "family": {"en": "Family", "fi": "Ryhmä"},
    "all": {"en": "All", "fi": "Kaikki"},
    "language": {"en": "Language", "fi": "Kieli"},
    "metric": {"en": "Metric", "fi": "Mittari"},
    "threshold": {"en": "Threshold", "fi": "Tavoitetaso"},
    "within": {"en": "Within", "fi": "Aikaraja"},
    "amber": {"en": "Near band edge", "fi": "Lähellä-rajan reuna"},
    "period": {"en": "Period", "fi": "Jakso"},
    "variant": {"en": "Variant", "fi": "Variantti"},
    "owner": {"en": "Owner", "fi": "Omistaja"},
    "target_id": {"en": "Target id", "fi": "Mittarin tunnus"},
    "review": {"en": "Review", "fi": "Katselmointi"},
    "no_findings": {
        "en": "No findings: the charter is consistent.",
        "fi": "Ei huomioita: palvelulupaus on johdonmukainen.",
    },
    "saved": {"en": "Saved", "fi": "Tallennettu"},
    "problems": {"en": "Problems", "fi": "Ongelmat"},
    "definition": {"en": "Definition", "fi": "Määritelmä"},
    "formula": {"en": "Formula", "fi": "Kaava"},
    "counterweights": {"en": "Counterweights", "fi": "Vastapainot"},
    "unit": {"en": "Unit", "fi": "Yksikkö"},
    "direction": {"en": "Better when", "fi": "Parempi, kun"},
    "higher": {"en": "higher", "fi": "suurempi"},
    "lower": {"en": "lower", "fi": "pienempi"},
    "none": {"en": "context", "fi": "tilanne"},
    "error": {"en": "error", "fi": "virhe"},
    "warning": {"en": "warning", "fi": "varoitus"},
    "info": {"en": "info", "fi": "tieto"},
    "sync": {"en": "real time (phone, chat)", "fi": "reaaliaikainen (puhelin, chat)"},
    "async": {"en": "asynchronous (email, forms)", "fi": "viiveellinen (sähköposti, lomakkeet)"},
    "volume": {"en": "volume", "fi": "volyymi"},
    "accessibility": {"en": "accessibility", "fi": "saavutettavuus"},
    "speed": {"en": "speed", "fi": "nopeus"},
    "efficiency": {"en": "efficiency", "fi": "tehokkuus"},
    "resolution": {"en": "resolution", "fi": "ratkaisu"},
    "quality": {"en": "quality", "fi": "laatu"},
    "customer_experience": {"en": "customer experience", "fi": "asiakaskokemus"},
    "day": {"en": "day", "fi": "päivä"},
    "week": {"en": "week", "fi": "viikko"},
    "month": {"en": "month", "fi": "kuukausi"},
    "quarter": {"en": "quarter", "fi": "vuosineljännes"},
    "interval": {"en": "interval", "fi": "jakso (15-60 min)"},
    "unit_points": {"en": "points", "fi": "pistettä"},
    "unit_score": {"en": "", "fi": ""},
    "unit_count": {"en": "", "fi": ""},
    "unit_per_h": {"en": "per h", "fi": "/ h"},
    "met_n": {"en": "met", "fi": "saavutettu"},
    "near_n": {"en": "near", "fi": "lähellä"},
    "missed_n": {"en": "missed", "fi": "alitettu"},
    "no_data_n": {"en": "no data", "fi": "ei dataa"},
    "target_periods": {"en": "target-periods", "fi": "mittarijaksoa"},
    "version": {"en": "version", "fi": "versio"},
    "wrote": {"en": "wrote", "fi": "kirjoitettu"},
    # --- quality monitoring ---
    "qa_scores_title": {"en": "Quality score by agent", "fi": "Laatupisteet asiantuntijoittain"},
    "qa_score_axis": {"en": "Quality score (points 0-100)", "fi": "Laatupisteet (0-100)"},
    "qa_agent": {"en": "Agent", "fi": "Asiantuntija"},
    "qa_too_few": {"en": "too few evaluations", "fi": "liian vähän arviointeja"},
    "qa_enough": {"en": "enough evaluations", "fi": "riittävästi arviointeja"},
    "qa_coverage_title": {
        "en": "Evaluations done against the plan",
        "fi": "Tehdyt arvioinnit suhteessa suunnitelmaan",
    },
    "qa_coverage_axis": {"en": "Coverage (% of plan)", "fi": "Kattavuus (% suunnitelmasta)"},
    "qa_bias_title": {
        "en": "Evaluator deviation from the reference",
        "fi": "Arvioijien poikkeama vertailuarvioista",
    },
    "qa_bias_axis": {"en": "Mean deviation (points)", "fi": "Keskimääräinen poikkeama (pistettä)"},
    "qa_evaluator": {"en": "Evaluator", "fi": "Arvioija"},
    "qa_alpha_title": {
        "en": "Agreement per question (Krippendorff's alpha)",
        "fi": "Yksimielisyys kysymyksittäin (Krippendorffin alfa)",
    },
    "qa_alpha_axis": {"en": "Alpha (1 = full agreement)", "fi": "Alfa (1 = täysi yksimielisyys)"},
    "qa_question": {"en": "Question", "fi": "Kysymys"},
    "qa_form_editor": {"en": "Evaluation form", "fi": "Arviointilomake"},
    "qa_add_section": {"en": "Add section", "fi": "Lisää osio"},
    "qa_add_question": {"en": "Add question", "fi": "Lisää kysymys"},
    "qa_section": {"en": "Section", "fi": "Osio"},
    "qa_weight": {"en": "Weight", "fi": "Paino"},
    "qa_critical": {"en": "Critical", "fi": "Kriittinen"},
    "qa_na_allowed": {"en": "N/A allowed", "fi": "Ei sovellu -vastaus sallittu"},
    "qa_kind": {"en": "Answer", "fi": "Vastaus"},
    "qa_preview": {
        "en": "Score of this made-up evaluation",
        "fi": "Tämän kuvitellun arvioinnin pisteet",
    },
    "qa_critical_failed": {"en": "critical item failed", "fi": "kriittinen kohta hylätty"},
    "qa_target": {"en": "target", "fi": "tavoitetaso"},
    "qa_plan": {"en": "plan", "fi": "suunnitelma"},
    "qa_apply": {"en": "Apply to question", "fi": "Päivitä kysymys"},
    "qa_set_section_weight": {"en": "Set section weight", "fi": "Aseta osion paino"},
    "qa_reliable_from": {"en": "reliable from", "fi": "luotettava alkaen"},
    "qa_evaluations": {"en": "Evaluations", "fi": "Arvioinnit"},
    "qa_coaching_title": {
        "en": "Section scores by agent: where to coach",
        "fi": "Osioiden pisteet asiantuntijoittain: missä valmentaa",
    },
    "qa_remove_question": {"en": "Remove question", "fi": "Poista kysymys"},
    "qa_need_section": {
        "en": "Give the section a title not used yet.",
        "fi": "Anna osiolle otsikko, jota ei vielä ole käytetty.",
    },
    "qa_need_question": {
        "en": "Pick a section and write a question not on the form yet.",
        "fi": "Valitse osio ja kirjoita kysymys, jota lomakkeella ei vielä ole.",
    },
    # --- forecasting (issue 17) ---
    "fc_history": {"en": "history", "fi": "toteuma"},
    "fc_forecast": {"en": "forecast", "fi": "ennuste"},
    "fc_interval": {"en": "prediction interval", "fi": "ennusteväli"},
    "fc_time": {"en": "Interval start (local time)", "fi": "Jakson alku (paikallista aikaa)"},
    "fc_arrivals_axis": {"en": "Contacts per interval", "fi": "Yhteydenottoja jaksossa"},
    "fc_title": {
        "en": "{channel}: history and forecast, {level:g} % prediction interval",
        "fi": "{channel}: toteuma ja ennuste, {level:g} %:n ennusteväli",
    },
    "fc_method": {"en": "Method", "fi": "Menetelmä"},
    "fc_wmape_axis": {"en": "wMAPE (%), lower is better", "fi": "wMAPE (%), pienempi on parempi"},
    "fc_accuracy_title": {
        "en": "Forecast error against seasonal naive (same interval last week)",
        "fi": "Ennustevirhe verrattuna kausinaiiviin (sama jakso viime viikolla)",
    },
    "fc_naive_rule": {"en": "seasonal naive", "fi": "kausinaiivi"},
    "fc_agents_title": {
        "en": "Agents per interval for {target} on the forecast",
        "fi": "Agentit jaksoittain tavoitetasolle {target} ennusteella",
    },
    "fc_agents_axis": {
        "en": "Agents scheduled (with shrinkage)",
        "fi": "Vuoroon agentteja (poissaolot mukana)",
    },
    "fc_scenario": {"en": "Scenario", "fi": "Skenaario"},
    "fc_mean": {"en": "forecast mean", "fi": "ennusteen keskiarvo"},
    "fc_high": {"en": "high (upper end of the interval)", "fi": "korkea (ennustevälin yläraja)"},
    "fc_recommend": {
        "en": "{method} beats seasonal naive: plan on it",
        "fi": "{method} on parempi kuin kausinaiivi: suunnittele sen varaan",
    },
    "fc_recommend_none": {
        "en": "No method beats seasonal naive: plan on last week's pattern",
        "fi": "Mikään menetelmä ei voita kausinaiivia: suunnittele viime viikon mallilla",
    },
    "fc_horizon": {"en": "Horizon (days)", "fi": "Ennustejakso (päivää)"},
    "fc_target": {"en": "Target", "fi": "Tavoitetaso"},
    "fc_run": {"en": "Forecast and plan", "fi": "Ennusta ja suunnittele"},
    "fc_week_cost": {"en": "Cost per week", "fi": "Kustannus viikossa"},
    "fc_cli_summary": {
        "en": "{channel}: {n} intervals forecast ({method}), {arrivals:,.0f} contacts expected, {low:,.0f}-{high:,.0f} in the {level:g} % interval sum",
        "fi": "{channel}: {n} jaksoa ennustettu ({method}), odotettu {arrivals:,.0f} yhteydenottoa, {level:g} %:n välin summa {low:,.0f}-{high:,.0f}",
    },
    "fc_cli_short": {
        "en": "The history is too short for a backtest (it needs four weeks): seasonal naive",
        "fi": "Historia on liian lyhyt testaukseen (tarvitaan neljä viikkoa): kausinaiivi",
    },
    # ---
}

_DECIMALS = {"%": 1, "s": 0, "h": 1, "score": 2, "points": 1, "count": 0, "per_h": 1}


def format_value(value: float, unit: str, lang: str = "en") -> str:
    """A figure with its unit, the way a person reads it (decimal comma in Finnish).

    Decimals follow the unit: 1 for ``%``, ``h``, ``points`` and ``per_h``, 0 for ``s`` and
    ``count``, 2 for ``score``. English separates thousands with a comma; Finnish with a
    non-breaking space, and uses a decimal comma.

    Parameters
    ----------
    value : float
        The figure, already in ``unit`` (percent 0-100 for ``%``, seconds for ``s``, hours for
        ``h``); ``None`` or NaN print as ``-``.
    unit : str
        A catalog unit: ``%``, ``s``, ``h``, ``score``, ``points``, ``count`` or ``per_h``.
    lang : str
        ``en`` (default) or ``fi``.

    Returns
    -------
    str
        The formatted figure followed by its unit label (``score`` and ``count`` have none).

    Examples
    --------
    >>> format_value(86.14, "%"), format_value(286.0, "s"), format_value(13.1, "h", "fi")
    ('86.1 %', '286 s', '13,1 h')
    >>> format_value(float("nan"), "%")
    '-'
    """
    if value is None or value != value:  # None or NaN
        return "-"
    decimals = _DECIMALS.get(unit, 1)
    text = f"{value:,.{decimals}f}"
    if lang == "fi":  # a space between thousands, a decimal comma
        text = text.replace(",", "\u00a0").replace(".", ",")
    key = f"unit_{unit}"
    suffix = t(key, lang) if key in LABELS else unit
    return f"{text} {suffix}".rstrip()


def t(key: str, lang: str = "en") -> str:
    """The label ``key`` in ``lang``; the key itself when there is no label.

    Parameters
    ----------
    key : str
        A key of :data:`LABELS` (``save``, ``met``, ``channel``...).
    lang : str
        ``en`` (default) or ``fi``; a language the label lacks falls back to English.

    Returns
    -------
    str
        The label text, or ``key`` unchanged when :data:`LABELS` has no such key.

    Examples
    --------
    >>> t("met"), t("met", "fi")
    ('met', 'saavutettu')
    """
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry.get(lang, entry["en"])
