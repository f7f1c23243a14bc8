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
    # --- customer experience (issue 14) ---
    "cx_small_sample": {
        "en": "n = {n} (under {min_n}): a small sample, read the interval",
        "fi": "n = {n} (alle {min_n}): pieni otos, katso luottamusväli",
    },
    "cx_low_response": {
        "en": "response rate {rate} %: the customers who answered may not be like those who did "
        "not (bias)",
        "fi": "vastausprosentti {rate} %: vastanneet asiakkaat voivat poiketa vastaamatta "
        "jättäneistä (harha)",
    },
    "cx_no_change": {"en": "no evidence of a change", "fi": "ei näyttöä muutoksesta"},
    "cx_higher": {"en": "higher", "fi": "korkeampi"},
    "cx_lower": {"en": "lower", "fi": "matalampi"},
    "cx_no_data": {"en": "not enough data", "fi": "liian vähän dataa"},
    "queue": {"en": "Queue", "fi": "Jono"},
    "chart_csat_axis": {"en": "CSAT (top-box %)", "fi": "CSAT (kaksi parasta, %)"},
    "chart_csat_mean_axis": {"en": "CSAT mean (score 1-5)", "fi": "CSAT keskiarvo (1-5)"},
    "chart_nps_axis": {"en": "NPS (points)", "fi": "NPS (pistettä)"},
    "chart_ces_axis": {
        "en": "CES (score 1-5, lower = less effort)",
        "fi": "CES (1-5, pienempi = vähemmän vaivaa)",
    },
    "chart_score_title": {
        "en": "{measure} by {by}, 95 % intervals",
        "fi": "{measure}: {by}, 95 %:n luottamusvälit",
    },
    "cx_target": {"en": "target", "fi": "tavoitetaso"},
    "chart_replied_within_axis": {
        "en": "Replied within {h} h (%)",
        "fi": "Vastattu {h} tunnissa (%)",
    },
    "chart_response_title": {
        "en": "Customer messages replied within {h} h, 95 % intervals",
        "fi": "Asiakasviestit, joihin vastattiin {h} tunnissa, 95 %:n luottamusvälit",
    },
    "chart_risk_ratio_axis": {
        "en": "Risk ratio (log scale; 1 = no effect)",
        "fi": "Riskisuhde (log-asteikko; 1 = ei vaikutusta)",
    },
    "chart_odds_ratio_axis": {
        "en": "Odds ratio (log scale; 1 = no effect)",
        "fi": "Ristitulosuhde (log-asteikko; 1 = ei vaikutusta)",
    },
    "chart_driver_title": {
        "en": "What moves the customer's score: how much more likely to {outcome}, 95 % intervals",
        "fi": "Mikä vaikuttaa asiakkaan arvioon: {outcome} todennäköisyys, 95 %:n luottamusvälit",
    },
    "priority": {"en": "Priority", "fi": "Kiireellisyys"},
    "agent": {"en": "Agent", "fi": "Asiantuntija"},
    "qa_cx_agree": {
        "en": "higher QA goes with better customer scores",
        "fi": "korkeampi laatu kulkee parempien asiakasarvioiden kanssa",
    },
    "qa_cx_disagree": {
        "en": "higher QA goes with worse customer scores",
        "fi": "korkeampi laatu kulkee huonompien asiakasarvioiden kanssa",
    },
    "qa_cx_no_evidence": {
        "en": "no evidence that QA and customers agree",
        "fi": "ei näyttöä siitä, että laatuarvio ja asiakkaat ovat samaa mieltä",
    },
    "drv_waited_over_2min": {"en": "waited over 2 minutes", "fi": "jonottivat yli 2 minuuttia"},
    "drv_long_handle": {
        "en": "had a handle time over 10 minutes",
        "fi": "asioivat yli 10 minuutin käsittelyajalla",
    },
    "drv_short_contact": {
        "en": "had a call or chat cut short (talk under 10 s)",
        "fi": "kokivat lyhyeen katkenneen puhelun tai chatin (alle 10 s)",
    },
    "drv_transferred": {"en": "were transferred", "fi": "siirrettiin toiselle"},
    "drv_repeat_contact": {
        "en": "had contacted us in the 7 days before",
        "fi": "olivat ottaneet yhteyttä edeltävän 7 päivän aikana",
    },
    "drv_not_resolved": {
        "en": "did not get their issue resolved",
        "fi": "eivät saaneet asiaansa ratkaistuksi",
    },
    "drv_after_16": {"en": "contacted us after 16:00", "fi": "ottivat yhteyttä klo 16 jälkeen"},
    "drv_level": {
        "en": "used {what} {level} (not {ref})",
        "fi": "käyttivät: {what} {level} (ei {ref})",
    },
    "drv_outcome_detractor": {
        "en": "be detractors (NPS 0-6)",
        "fi": "arvostelijaksi (NPS 0-6) päätymisen",
    },
    "drv_outcome_top_box": {"en": "give CSAT 4-5", "fi": "CSAT 4-5 -arvion"},
    "drv_outcome_low_csat": {"en": "give CSAT 1-2", "fi": "CSAT 1-2 -arvion"},
    "drv_outcome_high_effort": {
        "en": "report high effort (CES 4-5)",
        "fi": "suuren vaivan (CES 4-5) kokemisen",
    },
    "drv_sentence": {
        "en": "Customers who {who} are {ratio}x as likely to {outcome} (95 % CI {lo}-{hi}{odds}), "
        "other factors held equal.",
        "fi": "Asiakkaat, jotka {who}: {outcome} todennäköisyys on {ratio}-kertainen (95 %:n "
        "luottamusväli {lo}-{hi}{odds}), muut tekijät vakioituina.",
    },
    "drv_sentence_separated": {
        "en": "Customers who {who}: {pct} % against {base} % of the others; the split is too clean "
        "for the models to give a ratio (all {n} of them had the same outcome).",
        "fi": "Asiakkaat, jotka {who}: {pct} % vs. muut {base} %; jako on liian selvä "
        "suhdeluvun laskemiseen (kaikilla {n}:llä sama lopputulos).",
    },
    "drv_odds": {
        "en": "; odds ratio {odds}, {olo}-{ohi}",
        "fi": "; ristitulosuhde {odds}, {olo}-{ohi}",
    },
    "drv_odds_separated": {
        "en": "; no odds ratio: all {n} of them had the same outcome",
        "fi": "; ristitulosuhdetta ei voi laskea: kaikilla {n}:llä sama lopputulos",
    },
    "drv_sentence_unclear": {
        "en": "Customers who {who}: no clear effect on how likely they are to {outcome} ({ratio}x, "
        "95 % CI {lo}-{hi} covers 1).",
        "fi": "Asiakkaat, jotka {who}: ei selvää vaikutusta {outcome} todennäköisyyteen "
        "({ratio}-kertainen, 95 %:n luottamusväli {lo}-{hi} sisältää 1).",
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
