"""User-facing labels of the workbook in English and Finnish.

>>> t("save", "fi")
'Tallenna'
>>> t("no-such-label", "fi")
'no-such-label'
"""

from __future__ import annotations

__all__ = ["LABELS", "LANGS", "Text", "english_leaks", "format_value", "t", "text"]

#: The languages every label has: English and Finnish.
LANGS = ("en", "fi")

#: Every user-facing label, by key, in each of :data:`LANGS`.
LABELS: dict[str, dict[str, str]] = {
    "add": {"en": "Add", "fi": "Lisää"},
    "add_channel": {"en": "Add channel", "fi": "Lisää kanava"},
    "add_goal": {"en": "Add goal", "fi": "Lisää tavoite"},
    "add_target": {"en": "Add target", "fi": "Lisää tavoitetaso"},
    "remove_target": {"en": "Remove target", "fi": "Poista tavoitetaso"},
    "save": {"en": "Save", "fi": "Tallenna"},
    "target": {"en": "Target", "fi": "Tavoitetaso"},
    "segment": {"en": "Segment", "fi": "Segmentti"},
    "met": {"en": "met", "fi": "saavutettu"},
    "near": {"en": "near", "fi": "lähellä"},
    "missed": {"en": "missed", "fi": "ei saavutettu"},
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
    "goal": {"en": "Goal (your words)", "fi": "Tavoite omin sanoin"},
    "goal_word": {"en": "Goal", "fi": "Tavoite"},
    "why": {"en": "Why it matters", "fi": "Miksi sillä on väliä"},
    "family": {"en": "Family", "fi": "Ryhmä"},
    "all": {"en": "All", "fi": "Kaikki"},
    "language": {"en": "Language", "fi": "Kieli"},
    "metric": {"en": "Metric", "fi": "Mittari"},
    "threshold": {"en": "Threshold", "fi": "Kynnysarvo"},
    "within": {"en": "Within", "fi": "Aikaraja"},
    "amber": {"en": "Near band edge", "fi": "Lähellä-rajan reuna"},
    "period": {"en": "Period", "fi": "Jakso"},
    "variant": {"en": "Variant", "fi": "Variantti"},
    "owner": {"en": "Owner", "fi": "Omistaja"},
    "target_id": {"en": "Target id", "fi": "Tavoitetason tunnus"},
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
    "missed_n": {"en": "missed", "fi": "ei saavutettu"},
    "no_data_n": {"en": "no data", "fi": "ei dataa"},
    "target_periods": {"en": "target-periods", "fi": "tavoitetasojaksoa"},
    "version": {"en": "version", "fi": "versio"},
    "wrote": {"en": "wrote", "fi": "kirjoitettu"},
    # --- journeys and the gaming diagnostic (notebook 05, cxkit agents) ---
    "sig_short_contact": {
        "en": "Short contacts (talk under 10 s)",
        "fi": "Lyhyet puhelut (puheaika alle 10 s)",
    },
    "sig_acw_s": {"en": "After-call work", "fi": "Jälkikirjaus"},
    "sig_agent_disconnect": {
        "en": "Calls ended by the agent",
        "fi": "Asiantuntijan katkaisemat puhelut",
    },
    "sig_hold_disconnect": {"en": "Calls ended on hold", "fi": "Pidossa katkenneet puhelut"},
    "sig_transfer": {"en": "Transfers", "fi": "Siirrot"},
    "sig_hold": {"en": "Calls with a hold", "fi": "Puhelut, joissa asiakas asetettiin pitoon"},
    "fam_hold": {"en": "holds", "fi": "pidot"},
    "sig_repeat_contact": {
        "en": "Customer came back within the window",
        "fi": "Asiakas otti uudelleen yhteyttä aikaikkunan sisällä",
    },
    "sig_repeat_after_resolved": {
        "en": "Came back after a contact closed as resolved",
        "fi": "Uusi yhteydenotto ratkaistuksi merkityn jälkeen",
    },
    "sig_csat_top2": {"en": "CSAT top-2 boxes", "fi": "CSAT, kaksi parasta vaihtoehtoa"},
    "sig_survey_response": {
        "en": "Survey responses per contact",
        "fi": "Kyselyvastauksia yhteydenottoa kohden",
    },
    "fam_duration": {"en": "duration", "fi": "kesto"},
    "fam_disconnect": {"en": "who ended the call", "fi": "kuka katkaisi"},
    "fam_transfer": {"en": "transfers", "fi": "siirrot"},
    "fam_repeat": {"en": "repeat contacts", "fi": "uusintayhteydenotot"},
    "fam_survey": {"en": "surveys", "fi": "kyselyt"},
    "ag_agent": {"en": "Agent", "fi": "Asiantuntija"},
    "ag_agents": {"en": "Agents", "fi": "Asiantuntijat"},
    "ag_contacts_n": {"en": "Contacts (n)", "fi": "Yhteydenotot (n)"},
    "ag_team_rate": {"en": "team", "fi": "tiimi"},
    "ag_limit_95": {"en": "95 % limit", "fi": "95 %:n raja"},
    "ag_limit_998": {"en": "99.8 % limit", "fi": "99,8 %:n raja"},
    "ag_flagged": {"en": "flagged", "fi": "liputettu"},
    "ag_not_flagged": {"en": "not flagged", "fi": "ei liputettu"},
    "ag_outside_998": {"en": "outside the 99.8 % limit", "fi": "99,8 %:n rajan ulkopuolella"},
    "ag_inside": {"en": "inside the limits", "fi": "rajojen sisällä"},
    "ag_signals_outside": {
        "en": "Signals outside the 99.8 % limit",
        "fi": "Signaalit 99,8 %:n rajan ulkopuolella",
    },
    "ag_flag": {"en": "Flag", "fi": "Liputus"},
    "ag_qa_score": {"en": "QA score", "fi": "Laatuarvio"},
    "ag_funnel_title": {
        "en": "{signal} per agent against the team ({channel}), 95 % and 99.8 % limits",
        "fi": "{signal} asiantuntijoittain tiimiin verrattuna ({channel}), 95 %:n ja 99,8 %:n rajat",
    },
    "ag_agent_grid_title": {
        "en": "Every signal per agent with its 95 % interval ({channel}); the line is the team",
        "fi": "Kaikki signaalit asiantuntijoittain 95 %:n luottamusvälein ({channel}); viiva on tiimi",
    },
    "ag_value_axis": {"en": "Value (% or s)", "fi": "Arvo (% tai s)"},
    "ag_paths_title": {
        "en": "Most common channel paths (journeys within {window} days)",
        "fi": "Yleisimmät kanavapolut (asiointiketjut {window} päivän sisällä)",
    },
    "ag_journeys_n": {"en": "Journeys (n)", "fi": "Asiointiketjut (n)"},
    "ag_path": {"en": "Path", "fi": "Polku"},
    "ag_contacts_to_resolve": {"en": "Contacts to resolve", "fi": "Yhteydenottoja ratkaisuun"},
    "ag_flow_title": {
        "en": "How journeys move between channels, step by step",
        "fi": "Miten asiointi siirtyy kanavasta toiseen askel askeleelta",
    },
    "ag_step": {"en": "Step", "fi": "Askel"},
    "ag_end_of_journey": {"en": "end", "fi": "loppu"},
    "ag_mix_title": {
        "en": "Channel mix per {period}: share of contacts, and the total",
        "fi": "Kanavajakauma ({period}): osuus yhteydenotoista ja kokonaismäärä",
    },
    "ag_share_pct": {"en": "Share of contacts (%)", "fi": "Osuus yhteydenotoista (%)"},
    "ag_total_contacts": {"en": "All contacts (n)", "fi": "Yhteydenotot yhteensä (n)"},
    "ag_failure_title": {
        "en": "Failure demand: agent hours spent on repeats and chasers",
        "fi": "Turha kysyntä: uusinta- ja perääyhteydenottoihin kulunut työaika",
    },
    "ag_agent_hours": {"en": "Agent hours (h)", "fi": "Työtunnit (h)"},
    "ag_reason": {"en": "Reason", "fi": "Syy"},
    "ag_incentive_title": {
        "en": "Who the bonus rewards: AHT against repeat contacts ({rule})",
        "fi": "Kenet bonus palkitsee: käsittelyaika ja uusintayhteydenotot ({rule})",
    },
    "ag_aht_axis": {"en": "AHT (s)", "fi": "Keskimääräinen käsittelyaika (s)"},
    "ag_repeat_axis": {
        "en": "Customers who came back (%)",
        "fi": "Uudelleen yhteyttä ottaneet asiakkaat (%)",
    },
    "ag_rewarded": {"en": "rewarded", "fi": "palkitaan"},
    "ag_not_rewarded": {"en": "not rewarded", "fi": "ei palkita"},
    "ag_signals_present": {"en": "Signals in the data", "fi": "Datassa olevat signaalit"},
    "ag_signals_missing": {
        "en": "Signals the data cannot give",
        "fi": "Signaalit, joita data ei anna",
    },
    "ag_agents_summary": {
        "en": "{n} agents, {flagged} flagged (two or more independent signals outside the 99.8 % limit)",
        "fi": "{n} asiantuntijaa, {flagged} liputettu (vähintään kaksi toisistaan riippumatonta signaalia 99,8 %:n rajan ulkopuolella)",
    },
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
    # --- workshop delivery: shared charter, forms, app navigation (issue 15) ---
    "undo": {"en": "Undo", "fi": "Kumoa"},
    "reset_to_saved": {"en": "Reset to last save", "fi": "Palauta viimeksi tallennettu"},
    "reload_file": {"en": "Reload the file", "fi": "Lue tiedosto uudelleen"},
    "nothing_to_undo": {"en": "Nothing to undo.", "fi": "Ei kumottavaa."},
    "undone": {"en": "The last change was undone.", "fi": "Viimeisin muutos kumottiin."},
    "reset_done": {
        "en": "Back to the last save: later changes were dropped (Undo brings them back).",
        "fi": "Palattiin viimeksi tallennettuun: myöhemmät muutokset poistettiin (Kumoa palauttaa ne).",
    },
    "reloaded": {"en": "The file was read again.", "fi": "Tiedosto luettiin uudelleen."},
    "no_file": {"en": "No file to save to.", "fi": "Ei tiedostoa, johon tallentaa."},
    "changed_on_disk": {
        "en": "Not saved: someone else saved the file after you opened it. Reload the file "
        "(your changes stay in Undo) or save again to overwrite.",
        "fi": "Ei tallennettu: joku muu tallensi tiedoston sen jälkeen, kun avasit sen. Lue tiedosto "
        "uudelleen (muutoksesi jäävät Kumoa-toimintoon) tai tallenna uudelleen korvataksesi sen.",
    },
    "from_example": {
        "en": "Starting from the example charter (nothing saved yet).",
        "fi": "Lähtökohtana esimerkkipalvelulupaus (mitään ei ole vielä tallennettu).",
    },
    "from_file": {
        "en": "Starting from the group's saved charter.",
        "fi": "Lähtökohtana ryhmän tallentama palvelulupaus.",
    },
    "channel_exists": {"en": "this channel already exists", "fi": "tämä kanava on jo olemassa"},
    "add_channel_first": {"en": "add a channel first", "fi": "lisää ensin kanava"},
    "goal_sentence": {"en": "write the goal as a sentence", "fi": "kirjoita tavoite lauseena"},
    "choose_metric": {"en": "choose a metric", "fi": "valitse mittari"},
    "yaml_stale": {
        "en": "The charter was changed in another widget after this text was shown. Press again "
        "to replace the charter with this text, or undo your text edits to see the change.",
        "fi": "Palvelulupausta muutettiin toisessa lomakkeessa tämän tekstin näyttämisen jälkeen. "
        "Paina uudelleen korvataksesi palvelulupauksen tällä tekstillä, tai peru tekstimuutoksesi "
        "nähdäksesi muutoksen.",
    },
    "targets_word": {"en": "targets", "fi": "tavoitetasoa"},
    "sync_short": {"en": "real time", "fi": "reaaliaikainen"},
    "async_short": {"en": "asynchronous", "fi": "viiveellinen"},
    "medium_phone": {"en": "phone", "fi": "puhelin"},
    "medium_chat": {"en": "chat", "fi": "chat"},
    "medium_video": {"en": "video", "fi": "video"},
    "medium_callback": {"en": "callback", "fi": "takaisinsoitto"},
    "medium_email": {"en": "email", "fi": "sähköposti"},
    "medium_web_form": {"en": "web form", "fi": "verkkolomake"},
    "medium_social": {"en": "social media", "fi": "sosiaalinen media"},
    "medium_messaging": {"en": "messaging", "fi": "viestipalvelu"},
    "medium_back_office": {"en": "back office", "fi": "taustatyö"},
    "visibility_private": {"en": "private", "fi": "yksityinen"},
    "visibility_public": {"en": "public", "fi": "julkinen"},
    "visibility_both": {"en": "both", "fi": "molemmat"},
    "you_are_here": {"en": "You are here", "fi": "Olet tässä"},
    "next_step": {"en": "Next", "fi": "Seuraavaksi"},
    "previous_step": {"en": "Previous", "fi": "Edellinen"},
    "step": {"en": "Step", "fi": "Vaihe"},
    "workshop_steps": {"en": "Workshop steps", "fi": "Työpajan vaiheet"},
    "last_step": {"en": "This is the last step.", "fi": "Tämä on viimeinen vaihe."},
    "save_png": {"en": "Save as PNG", "fi": "Tallenna PNG-kuvana"},
    "saved_png": {"en": "Picture saved", "fi": "Kuva tallennettu"},
    # --- workshop delivery: charts, tables, notebooks (issue 15) ---
    "title_status_heatmap": {
        "en": "Targets by period: met, near, missed or no data",
        "fi": "Tavoitetasot jaksoittain: saavutettu, lähellä, ei saavutettu tai ei dataa",
    },
    "by_week_from_counts": {
        "en": "(by week, recomputed from counts)",
        "fi": "(viikoittain, laskettu uudelleen määristä)",
    },
    "axis_period_start_date": {"en": "Period start (date)", "fi": "Jakson alku (päivä)"},
    "axis_period_start": {
        "en": "Period start (local time)",
        "fi": "Jakson alku (paikallista aikaa)",
    },
    "axis_pct_of_target": {
        "en": "Actual as percent of the threshold (%; 100 = threshold)",
        "fi": "Toteuma prosentteina kynnysarvosta (%; 100 = kynnysarvo)",
    },
    "title_bullet": {
        "en": "Each target: actual as percent of its threshold",
        "fi": "Jokainen tavoitetaso: toteuma prosentteina kynnysarvosta",
    },
    "axis_interval_local": {"en": "Interval (local time)", "fi": "Jakso (paikallista aikaa)"},
    "axis_interval_of_day": {
        "en": "Interval of the day (local time)",
        "fi": "Vuorokauden jakso (paikallista aikaa)",
    },
    "axis_weekday": {"en": "Weekday", "fi": "Viikonpäivä"},
    "wd_Mon": {"en": "Mon", "fi": "ma"},
    "wd_Tue": {"en": "Tue", "fi": "ti"},
    "wd_Wed": {"en": "Wed", "fi": "ke"},
    "wd_Thu": {"en": "Thu", "fi": "to"},
    "wd_Fri": {"en": "Fri", "fi": "pe"},
    "wd_Sat": {"en": "Sat", "fi": "la"},
    "wd_Sun": {"en": "Sun", "fi": "su"},
    "wd_Monday": {"en": "Monday", "fi": "maanantai"},
    "wd_Tuesday": {"en": "Tuesday", "fi": "tiistai"},
    "wd_Wednesday": {"en": "Wednesday", "fi": "keskiviikko"},
    "wd_Thursday": {"en": "Thursday", "fi": "torstai"},
    "wd_Friday": {"en": "Friday", "fi": "perjantai"},
    "wd_Saturday": {"en": "Saturday", "fi": "lauantai"},
    "wd_Sunday": {"en": "Sunday", "fi": "sunnuntai"},
    "axis_sl_pct": {"en": "Service level (%)", "fi": "Palvelutaso (%)"},
    "title_sl_profile_target": {
        "en": "Service level by interval and weekday (target {target} %)",
        "fi": "Palvelutaso jaksoittain ja viikonpäivittäin (tavoitetaso {target} %)",
    },
    "axis_actual_unit": {"en": "Actual ({unit})", "fi": "Toteuma ({unit})"},
    "title_trend": {
        "en": "{target}: actual with 95 % interval, threshold dashed",
        "fi": "{target}: toteuma ja 95 %:n luottamusväli, kynnysarvo katkoviivana",
    },
    "title_drilldown_default": {
        "en": "Where the day was lost: service level by interval",
        "fi": "Missä päivä menetettiin: palvelutaso jaksoittain",
    },
    "target_suffix": {"en": " (target {target} %)", "fi": " (tavoitetaso {target} %)"},
    "axis_day_created": {
        "en": "Day created (local time)",
        "fi": "Saapumispäivä (paikallista aikaa)",
    },
    "axis_within_target_pct": {
        "en": "Answered within target (%)",
        "fi": "Vastattu tavoiteajassa (%)",
    },
    "axis_open_end": {"en": "Open items at day end (items)", "fi": "Avoimet päivän lopussa (kpl)"},
    "title_within_target": {
        "en": "Answered within target (target {target} %)",
        "fi": "Vastattu tavoiteajassa (tavoitetaso {target} %)",
    },
    "title_backlog": {
        "en": "Backlog: items waiting at day end (dashed: one average day of arrivals)",
        "fi": "Jono: vastausta odottavat päivän lopussa (katkoviiva: keskimääräisen päivän saapuneet)",
    },
    "title_async_default": {
        "en": "Response level by day created, and the backlog behind it",
        "fi": "Vastaustaso saapumispäivittäin ja sen takana oleva jono",
    },
    "within_word": {"en": "within", "fi": "alle"},
    "axis_agents_phones": {"en": "Agents on the phones", "fi": "Asiantuntijoita puhelimissa"},
    "axis_agents": {"en": "Agents", "fi": "Asiantuntijat"},
    "axis_agents_count": {"en": "Agents (count)", "fi": "Asiantuntijat (lkm)"},
    "title_cost_curve": {
        "en": "Service level by agents on the phones (target {target} %)",
        "fi": "Palvelutaso puhelimissa olevien asiantuntijoiden mukaan (tavoitetaso {target} %)",
    },
    "series": {"en": "Series", "fi": "Sarja"},
    "series_agents": {"en": "required on the phones", "fi": "tarvitaan puhelimissa"},
    "series_scheduled": {"en": "scheduled (with shrinkage)", "fi": "vuoroon (poissaolot mukana)"},
    "series_load_erlangs": {"en": "load (Erlangs)", "fi": "kuorma (erlangia)"},
    "title_agents": {
        "en": "Agents needed per interval",
        "fi": "Tarvittavat asiantuntijat jaksoittain",
    },
    "axis_hour_of_day": {"en": "Hour of day (h)", "fi": "Kellonaika (h)"},
    "axis_phone_sl_pct": {"en": "Phone service level (%)", "fi": "Puhelimen palvelutaso (%)"},
    "axis_email_backlog": {"en": "Email backlog (items)", "fi": "Sähköpostijono (kpl)"},
    "title_blend_sl": {
        "en": "Phone service level by interval (target {target} %)",
        "fi": "Puhelimen palvelutaso jaksoittain (tavoitetaso {target} %)",
    },
    "title_blend_backlog": {
        "en": "Email backlog at the end of each interval",
        "fi": "Sähköpostijono kunkin jakson lopussa",
    },
    "axis_hour_local": {"en": "Hour of day (local time)", "fi": "Tunti (paikallista aikaa)"},
    "axis_contacts_per_hour": {"en": "Contacts per hour", "fi": "Yhteydenottoja tunnissa"},
    "title_volume_default": {
        "en": "Contacts per hour, average day",
        "fi": "Yhteydenotot tunneittain, keskimääräinen päivä",
    },
    "axis_day": {"en": "Day", "fi": "Päivä"},
    "axis_contacts_count": {"en": "Contacts (count)", "fi": "Yhteydenotot (lkm)"},
    "title_daily_default": {"en": "Contacts per day", "fi": "Yhteydenotot päivittäin"},
    "axis_aht_s": {"en": "Average handle time (s)", "fi": "Keskimääräinen käsittelyaika (s)"},
    "axis_repeat_7d_pct": {
        "en": "Repeat contacts within 7 days (%)",
        "fi": "Uusintayhteydenotot 7 päivän sisällä (%)",
    },
    "title_contest": {
        "en": "The contest: AHT (target <= {target} s)",
        "fi": "Kilpailu: käsittelyaika (tavoitetaso <= {target} s)",
    },
    "title_contest_cost": {
        "en": "The cost: repeat contacts (target <= {target} %)",
        "fi": "Hinta: uusintayhteydenotot (tavoitetaso <= {target} %)",
    },
    "examples_folder": {"en": "Examples folder:", "fi": "Esimerkkikansio:"},
    "title_volume_heatmap": {
        "en": "Phone and chat contacts per hour, average weekday",
        "fi": "Puhelin- ja chat-yhteydenotot tunneittain, keskimääräinen viikonpäivä",
    },
    "title_daily_volume": {
        "en": "Contacts per day, sample contact centre",
        "fi": "Yhteydenotot päivittäin, esimerkkiasiakaspalvelu",
    },
    "file_not_here": {
        "en": "{file} is not here; point FILE at your own export.",
        "fi": "Tiedostoa {file} ei löydy; osoita FILE omaan vientitiedostoosi.",
    },
    "title_sl_profile": {
        "en": "Phone service level (20 s) by time of day and weekday",
        "fi": "Puhelimen palvelutaso (20 s) kellonajan ja viikonpäivän mukaan",
    },
    "title_drilldown": {
        "en": "Phone, {day}: service level by interval",
        "fi": "Puhelin, {day}: palvelutaso jaksoittain",
    },
    "title_async_daily": {
        "en": "Email: answered within 8 business hours, by day created",
        "fi": "Sähköposti: vastattu 8 työtunnin sisällä, saapumispäivittäin",
    },
    "title_agents_80_20": {
        "en": "Agents per interval for 80 % within 20 s, week of 2 March",
        "fi": "Asiantuntijat jaksoittain tavoitetasolle 80 % 20 sekunnissa, viikko 2.3. alkaen",
    },
    "email_team": {
        "en": "{emails} emails a week need {need} agents in opening hours: plan {team}",
        "fi": "{emails} sähköpostia viikossa tarvitsee {need} asiantuntijaa aukioloaikana: suunnitellaan {team}",
    },
    "yes": {"en": "yes", "fi": "kyllä"},
    "no": {"en": "no", "fi": "ei"},
    "reason_duplicate id": {"en": "duplicate id", "fi": "sama tunnus kahdesti"},
    "reason_time in DST gap": {
        "en": "time in DST gap",
        "fi": "aika kesäaikaan siirtymisen aukossa",
    },
    "reason_negative duration": {"en": "negative duration", "fi": "negatiivinen kesto"},
    "reason_unknown outcome": {"en": "unknown outcome", "fi": "tuntematon lopputulos"},
    "reason_wrong number of fields": {"en": "wrong number of fields", "fi": "väärä määrä kenttiä"},
    "col_status": {"en": "Status", "fi": "Tila"},
    "col_actual": {"en": "Actual", "fi": "Toteuma"},
    "col_offered": {"en": "Offered", "fi": "Tarjotut"},
    "col_shortfall": {"en": "Shortfall (contacts)", "fi": "Vajaus (yhteydenottoa)"},
    "col_response_sl_pct": {"en": "Answered in time (%)", "fi": "Vastattu ajassa (%)"},
    "col_judged": {"en": "Judged", "fi": "Arvioitu"},
    "col_created": {"en": "Created", "fi": "Saapuneet"},
    "col_open_end": {"en": "Open at day end", "fi": "Avoinna päivän lopussa"},
    "col_replied": {"en": "Replied", "fi": "Vastatut"},
    "col_table": {"en": "Table", "fi": "Taulu"},
    "col_rows_read": {"en": "Rows read", "fi": "Rivejä luettu"},
    "col_accepted": {"en": "Accepted", "fi": "Hyväksytty"},
    "col_quarantined": {"en": "Quarantined", "fi": "Karanteenissa"},
    "col_output_rows": {"en": "Rows out", "fi": "Rivejä tuloksessa"},
    "col_package": {"en": "Package", "fi": "Paketti"},
    "col_version": {"en": "Version", "fi": "Versio"},
    "col_ok": {"en": "OK", "fi": "OK"},
    "col_level": {"en": "Level", "fi": "Taso"},
    "col_code": {"en": "Code", "fi": "Koodi"},
    "col_subject": {"en": "Where", "fi": "Kohde"},
    "col_message": {"en": "Message", "fi": "Viesti"},
    "col_name": {"en": "Name", "fi": "Nimi"},
    "col_family": {"en": "Family", "fi": "Ryhmä"},
    "col_unit": {"en": "Unit", "fi": "Yksikkö"},
    "col_direction": {"en": "Better when", "fi": "Parempi, kun"},
    "col_id": {"en": "Id", "fi": "Tunnus"},
    "col_counterweights": {"en": "Counterweights", "fi": "Vastapainot"},
    "col_line": {"en": "Line", "fi": "Rivi"},
    "col_reason": {"en": "Reason", "fi": "Syy"},
    "col_detail": {"en": "Detail", "fi": "Tarkennus"},
    "col_column": {"en": "Column", "fi": "Sarake"},
    "col_dtype": {"en": "Type", "fi": "Tyyppi"},
    "col_filled_pct": {"en": "Filled (%)", "fi": "Täytetty (%)"},
    "col_distinct": {"en": "Distinct values", "fi": "Eri arvoja"},
    "col_min": {"en": "Min", "fi": "Pienin"},
    "col_max": {"en": "Max", "fi": "Suurin"},
    "col_description": {"en": "Description", "fi": "Kuvaus"},
    "col_time_zone": {"en": "Time zone", "fi": "Aikavyöhyke"},
    "col_columns": {"en": "Columns", "fi": "Sarakkeet"},
    "col_agent": {"en": "Agent", "fi": "Asiantuntija"},
    "col_handled": {"en": "Handled", "fi": "Käsitelty"},
    "col_aht_s": {"en": "AHT (s)", "fi": "Käsittelyaika (s)"},
    "col_short_contact_pct": {"en": "Short contacts (%)", "fi": "Lyhyet yhteydet (%)"},
    "col_repeat_contact_pct": {"en": "Repeat contacts (%)", "fi": "Uusintayhteydenotot (%)"},
    "col_metric": {"en": "Metric", "fi": "Mittari"},
    "col_variant": {"en": "Variant", "fi": "Variantti"},
    "col_default": {"en": "Default", "fi": "Oletus"},
    "col_numerator": {"en": "Numerator", "fi": "Osoittaja"},
    "col_denominator": {"en": "Denominator", "fi": "Nimittäjä"},
    "col_value": {"en": "Value", "fi": "Arvo"},
    "col_ci_low": {"en": "95 % CI low", "fi": "95 %:n väli, alaraja"},
    "col_ci_high": {"en": "95 % CI high", "fi": "95 %:n väli, yläraja"},
    "col_target": {"en": "Target", "fi": "Tavoitetaso"},
    "col_target_id": {"en": "Target id", "fi": "Tavoitetason tunnus"},
    "col_period_start": {"en": "Period start", "fi": "Jakso alkaa"},
    "col_threshold": {"en": "Threshold", "fi": "Kynnysarvo"},
    "col_n": {"en": "n", "fi": "n"},
    "col_met": {"en": "Met (periods)", "fi": "Saavutettu (jaksoa)"},
    "col_near": {"en": "Near (periods)", "fi": "Lähellä (jaksoa)"},
    "col_missed": {"en": "Missed (periods)", "fi": "Ei saavutettu (jaksoa)"},
    "col_no_data": {"en": "No data (periods)", "fi": "Ei dataa (jaksoa)"},
    "col_overall": {"en": "Whole span", "fi": "Koko jakso"},
    "col_channel": {"en": "Channel", "fi": "Kanava"},
    "col_channel_label": {"en": "Channel name", "fi": "Kanavan nimi"},
    "col_goal": {"en": "Goal", "fi": "Tavoite"},
    "col_why": {"en": "Why it matters", "fi": "Miksi sillä on väliä"},
    "col_targets": {"en": "Targets", "fi": "Tavoitetasot"},
    "col_model": {"en": "Model", "fi": "Malli"},
    "col_load_erlangs": {"en": "Load (Erlangs)", "fi": "Kuorma (erlangia)"},
    "col_agents": {"en": "Agents", "fi": "Asiantuntijat"},
    "col_service_level_pct": {"en": "Service level (%)", "fi": "Palvelutaso (%)"},
    "col_asa_s": {"en": "ASA (s)", "fi": "Keskim. vastausaika (s)"},
    "col_abandon_pct": {"en": "Abandoned (%)", "fi": "Luopuneet (%)"},
    "col_occupancy_pct": {"en": "Occupancy (%)", "fi": "Käyttöaste (%)"},
    "col_scheduled": {"en": "Scheduled", "fi": "Vuorossa"},
    "col_threshold_s": {"en": "Within (s)", "fi": "Aikaraja (s)"},
    "col_required_agent_h": {"en": "Agent hours needed (h)", "fi": "Tarvittavat työtunnit (h)"},
    "col_scheduled_agent_h": {"en": "Scheduled hours (h)", "fi": "Vuorotunnit (h)"},
    "col_vs_reference_pct": {"en": "Compared with 80/20 (%)", "fi": "Verrattuna 80/20:een (%)"},
    "col_weekday": {"en": "Weekday", "fi": "Viikonpäivä"},
    "col_backlog_end": {"en": "Backlog at day end (items)", "fi": "Jono päivän lopussa (kpl)"},
    "col_oldest_age_h": {"en": "Oldest item (h)", "fi": "Vanhin (h)"},
    "col_answered_within_pct": {"en": "Answered in time (%)", "fi": "Vastattu ajassa (%)"},
    "col_answered_within": {"en": "Answered within 20 s", "fi": "Vastattu 20 s:ssa"},
    "col_what": {"en": "What", "fi": "Mitä"},
    "col_rows": {"en": "Rows", "fi": "Rivejä"},
    # --- workshop delivery: what-ifs (issue 15) ---
    "calls_per_interval": {"en": "Calls / {minutes} min", "fi": "Puheluita / {minutes} min"},
    "target_pct_label": {"en": "Target %", "fi": "Tavoitetaso %"},
    "within_s_label": {"en": "Within (s)", "fi": "Aikaraja (s)"},
    "shrinkage_label": {"en": "Shrinkage", "fi": "Poissaolokerroin"},
    "blended_agents_label": {"en": "Blended agents", "fi": "Monikanavaiset asiantuntijat"},
    "reserve_label": {"en": "Reserve s", "fi": "Varaus s"},
    "mean_with_ci": {
        "en": "{mean} (95 % CI {low} to {high})",
        "fi": "{mean} (95 %:n väli {low}–{high})",
    },
    "blend_summary": {
        "en": "Phone service level {sl}; abandoned {abandoned}; email backlog at close {backlog}; "
        "oldest email {oldest}.",
        "fi": "Puhelimen palvelutaso {sl}; luopuneet {abandoned}; sähköpostijono sulkemishetkellä "
        "{backlog}; vanhin sähköposti {oldest}.",
    },
    "staffing_summary": {
        "en": "{agents} agents on the phones → service level {sl}, ASA {asa}, occupancy {occupancy}; "
        "{scheduled} scheduled at {shrinkage} shrinkage.",
        "fi": "{agents} asiantuntijaa puhelimissa → palvelutaso {sl}, keskimääräinen vastausaika {asa}, "
        "käyttöaste {occupancy}; vuoroon {scheduled}, kun poissaoloja on {shrinkage}.",
    },
    # --- workshop delivery: review messages (issue 15) ---
    "and_word": {"en": " and ", "fi": " ja "},
    "lint_how_sync": {
        "en": "rushes or hangs up on customers",
        "fi": "kiirehtii tai katkaisee puhelun asiakkaalta",
    },
    "lint_how_async": {
        "en": "sends a quick reply that does not solve anything",
        "fi": "lähettää nopean vastauksen, joka ei ratkaise mitään",
    },
    "lint_cx001": {
        "en": "{target} on {channel} has no counterweight: an agent who {how} wins it. Add a resolution, quality or customer-experience target on the same channel, e.g. {suggested}.",
        "fi": "Tavoitetasolla {target} kanavassa {channel} ei ole vastapainoa: sen voittaa asiantuntija, joka {how}. Lisää samaan kanavaan ratkaisun, laadun tai asiakaskokemuksen tavoitetaso, esim. {suggested}.",
    },
    "lint_cx002": {
        "en": "{channel} has no target: nobody will notice when its customers wait. Add at least one accessibility or speed target and one counterweight.",
        "fi": "Kanavalla {channel} ei ole tavoitetasoa: kukaan ei huomaa, kun sen asiakkaat odottavat. Lisää vähintään yksi saavutettavuuden tai nopeuden tavoitetaso ja yksi vastapaino.",
    },
    "lint_a_metric_for": {
        "en": "a metric for {kind} channels",
        "fi": "mittari {kind}ille kanaville",
    },
    "lint_cx003": {
        "en": "{metric} is a metric for {kinds} channels, but {channel} is {kind}: its contacts do not queue in real time. Use {alt} instead.",
        "fi": "{metric} on mittari kanaville, jotka ovat {kinds}, mutta {channel} on {kind}: sen yhteydenotot eivät jonota reaaliajassa. Käytä sen sijaan: {alt}.",
    },
    "lint_business_hours_note": {
        "en": " (business hours: longer still in calendar time)",
        "fi": " (työtunteina: kalenteriaikana vielä pidempään)",
    },
    "lint_cx004": {
        "en": "{target} allows {limit} h{note}, but customers of {channel} typically chase by phone after {chase} h: the slow reply turns into a second contact. Tighten the target or track chase_rate beside it.",
        "fi": "{target} sallii {limit} h{note}, mutta kanavan {channel} asiakkaat soittavat tyypillisesti perään {chase} tunnin jälkeen: hidas vastaus muuttuu toiseksi yhteydenotoksi. Kiristä tavoitetasoa tai seuraa rinnalla mittaria chase_rate.",
    },
    "lint_cx005": {
        "en": "{ids} measure the same thing with different thresholds ({thresholds}): nobody will know which one counts.",
        "fi": "{ids} mittaavat samaa asiaa eri kynnysarvoilla ({thresholds}): kukaan ei tiedä, kumpi pätee.",
    },
    "lint_cx006_two_sided": {
        "en": "{lo} asks for at least {lo_t} and {hi} for at most {hi_t} of the same measure: both cannot hold.",
        "fi": "{lo} vaatii vähintään {lo_t} ja {hi} enintään {hi_t} samasta mittauksesta: molemmat eivät voi toteutua.",
    },
    "lint_cx006_sl": {
        "en": "{a} needs {a_t} % within {a_w} s, so at least as many are within the longer {b_w} s, but {b} caps that at {b_t} %.",
        "fi": "{a} vaatii {a_t} % {a_w} sekunnissa, joten pidemmässä {b_w} sekunnissa on vähintään yhtä moni, mutta {b} rajaa sen enintään {b_t} %:iin.",
    },
    "lint_cx006_answer": {
        "en": "{sl} needs {sl_t} % of offered contacts answered within {sl_w} s, more than the {ar_t} % answer rate {ar} allows.",
        "fi": "{sl} vaatii, että {sl_t} % tarjotuista yhteydenotoista vastataan {sl_w} sekunnissa, enemmän kuin vastausaste {ar_t} %, jonka {ar} sallii.",
    },
    "lint_cx006_100": {
        "en": "{ar} and {ab} ask for more than 100 % of offered contacts ({ar_t} % answered plus {ab_t} % abandoned).",
        "fi": "{ar} ja {ab} vaativat yhteensä yli 100 % tarjotuista yhteydenotoista ({ar_t} % vastattuja ja {ab_t} % luopuneita).",
    },
    "lint_cx007_sl": {
        "en": "{b} ({b_t} % within {b_w} s) always holds when {a} ({a_t} % within {a_w} s) does: it adds nothing.",
        "fi": "{b} ({b_t} % {b_w} sekunnissa) toteutuu aina, kun {a} ({a_t} % {a_w} sekunnissa) toteutuu: se ei tuo mitään lisää.",
    },
    "lint_cx007_answer": {
        "en": "{ar} (answer rate >= {ar_t} %) always holds when {sl} does: the service level of offered contacts is never above the answer rate.",
        "fi": "{ar} (vastausaste >= {ar_t} %) toteutuu aina, kun {sl} toteutuu: tarjottujen yhteydenottojen palvelutaso ei ole koskaan vastausastetta suurempi.",
    },
    "lint_evaluations": {"en": "evaluations", "fi": "arviointia"},
    "lint_responses": {"en": "responses", "fi": "vastausta"},
    "lint_cx008": {
        "en": "{target} is judged on a sample but has no sample-size plan: add min_n (e.g. {n}) so that a month with a handful of {sampled} is not called met or missed.",
        "fi": "{target} arvioidaan otoksesta, mutta otoskokoa ei ole suunniteltu: lisää min_n (esim. {n}), jottei kuukautta, jolta on vain kourallinen {sampled}, julisteta saavutetuksi tai ei saavutetuksi.",
    },
    "lint_cx009": {
        "en": "with {n} {sampled} the 95 % margin of {metric} is about ±{margin}, wider than the {band}-point near band: the status will flip on chance alone. Plan a larger sample or a longer period.",
        "fi": "kun otoksessa on {n} {sampled}, mittarin {metric} 95 %:n virhemarginaali on noin ±{margin}, leveämpi kuin {band} pisteen lähellä-alue: tila vaihtuu pelkästä sattumasta. Suunnittele suurempi otos tai pidempi jakso.",
    },
    "lint_cx010": {
        "en": 'the goal "{goal}" has no target: link the targets that show whether it is reached.',
        "fi": 'tavoitteella "{goal}" ei ole tavoitetasoa: liitä siihen tavoitetasot, jotka näyttävät, saavutetaanko se.',
    },
    "lint_cx011": {
        "en": "{id} is not linked to any goal of {channel}: say which goal it measures, or ask whether it is needed.",
        "fi": "{id} ei liity mihinkään kanavan {channel} tavoitteeseen: kerro, mitä tavoitetta se mittaa, tai kysy, tarvitaanko sitä.",
    },
    "lint_cx012_answered": {
        "en": "{id} uses the 'answered' service level: callers who give up vanish from it, so the figure improves as service gets worse. Use 'offered' or pair it with abandon_rate.",
        "fi": "{id} käyttää vastattujen palvelutasoa ('answered'): luovuttaneet soittajat katoavat siitä, joten luku paranee palvelun huonontuessa. Käytä tarjottujen palvelutasoa ('offered') tai lisää rinnalle abandon_rate.",
    },
    "lint_cx012_short": {
        "en": "{id} ignores abandons up to {s} s; beyond about 20 s these are real customers who gave up, not misdials.",
        "fi": "{id} jättää huomiotta enintään {s} sekunnin luopumiset; noin 20 sekunnin jälkeen ne ovat oikeita asiakkaita, jotka luovuttivat, eivät vääriä numeroita.",
    },
    "lint_cx012_flowouts": {
        "en": "{id} leaves flow-outs (callbacks, voicemail, overflow) out of the count: routing callers away then raises the service level.",
        "fi": "{id} jättää ohjautuneet (takaisinsoitot, vastaaja, ylivuoto) laskun ulkopuolelle: soittajien ohjaaminen muualle nostaa silloin palvelutasoa.",
    },
    "lint_cx013": {
        "en": "{id} has threshold {threshold} %; rates are written in percent, so 80 % is 80, not 0.8. Did you mean {meant}?",
        "fi": "Tavoitetason {id} kynnysarvo on {threshold} %; osuudet kirjoitetaan prosentteina, eli 80 % on 80, ei 0.8. Tarkoititko {meant}?",
    },
    "lint_cx014": {
        "en": "{id} counts business hours, but {channel} has no calendar: add calendar: <id> to the channel or set options.business_hours: false.",
        "fi": "{id} laskee työtunteja, mutta kanavalla {channel} ei ole kalenteria: lisää kanavalle calendar: <tunnus> tai aseta options.business_hours: false.",
    },
    "lint_load": {
        "en": "{agents} agents on {contacts} contacts per {minutes} min (AHT {aht} s)",
        "fi": "{agents} asiantuntijaa, {contacts} yhteydenottoa {minutes} minuutissa (käsittelyaika {aht} s)",
    },
    "lint_got_sl": {
        "en": "a service level of {value} %, below {threshold} %",
        "fi": "palvelutasoksi {value} %, alle {threshold} %:n",
    },
    "lint_got_asa": {
        "en": "an ASA of {value} s, above {threshold} s",
        "fi": "keskimääräiseksi vastausajaksi {value} s, yli {threshold} s",
    },
    "lint_cx015": {
        "en": "with {load} Erlang C gives {got}: the target needs {need} agents on the phones ({scheduled} scheduled at {shrinkage} shrinkage).",
        "fi": "kun resurssit ovat {load}, Erlang C antaa {got}: tavoitetaso vaatii {need} asiantuntijaa puhelimiin ({scheduled} vuoroon, kun poissaoloja on {shrinkage}).",
    },
    "lint_cx016": {
        "en": "{target} on {channel} only shows that customers got an answer, not that their matter was resolved or how it felt. Add a resolution or customer-experience target beside it (fcr, repeat_contact_rate, csat, ces).",
        "fi": "{target} kanavassa {channel} näyttää vain, että asiakkaat saivat vastauksen, ei sitä, ratkesiko asia tai miltä se tuntui. Lisää rinnalle ratkaisun tai asiakaskokemuksen tavoitetaso (fcr, repeat_contact_rate, csat, ces).",
    },
    # --- workshop delivery: table names (issue 15) ---
    "options": {"en": "Options", "fi": "Valinnat"},
    "table_contacts": {"en": "contacts", "fi": "yhteydenotot"},
    "table_intervals": {"en": "intervals", "fi": "jaksoraportti"},
    "table_tickets": {"en": "tickets", "fi": "tiketit"},
    "table_surveys": {"en": "surveys", "fi": "kyselyt"},
    "table_evaluations": {"en": "evaluations", "fi": "laatuarvioinnit"},
    "table_staffing": {"en": "staffing", "fi": "resursointi"},
    # --- workshop delivery: report and Excel (issue 15) ---
    "report_scorecard": {"en": "scorecard", "fi": "tuloskortti"},
    "report_span": {"en": "{first} to {last}", "fi": "{first} – {last}"},
    "report_header": {
        "en": "Charter version {version} · schema {schema} · data {span} · generated {generated} by cxkit",
        "fi": "Palvelulupauksen versio {version} · skeema {schema} · data {span} · "
        "tehty {generated} (cxkit)",
    },
    "report_glance": {"en": "At a glance", "fi": "Yhdellä silmäyksellä"},
    "report_summary": {"en": "Summary per target", "fi": "Yhteenveto tavoitetasoittain"},
    "report_why": {"en": "Why targets are missed", "fi": "Miksi tavoitetasoja ei saavuteta"},
    "report_trends": {"en": "Trends", "fi": "Kehitys"},
    "report_accounting": {"en": "Row accounting", "fi": "Rivien täsmäytys"},
    "report_accounting_note": {
        "en": "Every row read is accepted or quarantined with its reason.",
        "fi": "Jokainen luettu rivi on joko hyväksytty tai karanteenissa syineen.",
    },
    "report_definitions": {"en": "Definitions used", "fi": "Käytetyt määritelmät"},
    "report_review": {"en": "Review of the charter", "fi": "Palvelulupauksen katselmointi"},
    "report_notes": {"en": "Notes", "fi": "Huomautukset"},
    "report_scorecard_full": {"en": "Scorecard", "fi": "Tuloskortti"},
    "why_sl": {
        "en": "{channel}, {target}: lowest on {day} ({day_v}) and at {time} ({time_v}).",
        "fi": "{channel}, {target}: heikoin päivä {day} ({day_v}) ja heikoin jakso klo {time} ({time_v}).",
    },
    "why_async": {
        "en": "{channel}, {target}: items created on {day} fare worst ({day_v} answered in time).",
        "fi": "{channel}, {target}: heikoiten käy päivänä {day} saapuneille ({day_v} vastattu ajassa).",
    },
    "note_no_data": {"en": "no data in this period", "fi": "ei dataa tällä jaksolla"},
    "note_below_plan": {
        "en": "n below the sample plan (min_n = {n})",
        "fi": "n alle otossuunnitelman (min_n = {n})",
    },
    "solution_agents": {
        "en": "{n} agents logged in; {scheduled} scheduled",
        "fi": "{n} asiantuntijaa kirjautuneena; {scheduled} vuorossa",
    },
    "solution_email_1": {
        "en": "1. email is met every week at a threshold of {pct} % or less",
        "fi": "1. sähköpostin tavoitetaso saavutetaan joka viikko, kun kynnysarvo on enintään {pct} %",
    },
    "solution_email_2": {
        "en": "2. {pct} % of email customers chased before the reply: they do not wait 8 business hours",
        "fi": "2. {pct} % sähköpostiasiakkaista otti uudelleen yhteyttä ennen vastausta: he eivät odota "
        "8 työtuntia",
    },
    "onepager_title": {"en": "Workshop decisions", "fi": "Työpajan päätökset"},
    "onepager_goals": {"en": "Goals", "fi": "Tavoitteet"},
    "onepager_targets": {"en": "Targets", "fi": "Tavoitetasot"},
    "onepager_no_goals": {"en": "no goal yet", "fi": "ei vielä tavoitetta"},
    "onepager_no_targets": {"en": "no target yet", "fi": "ei vielä tavoitetasoa"},
    "onepager_review": {
        "en": "Open questions from the review",
        "fi": "Katselmoinnin avoimet kysymykset",
    },
    "onepager_findings": {"en": "Where we stand", "fi": "Missä olemme nyt"},
    "cli_review_counts": {
        "en": "{errors} error(s), {warnings} warning(s), {infos} info",
        "fi": "{errors} virhe(ttä), {warnings} varoitus(ta), {infos} tieto(a)",
    },
    "unit_word_count": {"en": "count", "fi": "lkm"},
    "unit_word_score": {"en": "score", "fi": "pisteluku"},
    "show_solution": {"en": "Show solution", "fi": "Näytä ratkaisu"},
    "hide_solution": {"en": "Hide solution", "fi": "Piilota ratkaisu"},
    "sheet_summary": {"en": "summary", "fi": "yhteenveto"},
    "sheet_scorecard": {"en": "scorecard", "fi": "tuloskortti"},
    "sheet_definitions": {"en": "definitions", "fi": "määritelmät"},
    "sheet_row_accounting": {"en": "row accounting", "fi": "rivien täsmäytys"},
    "col_source": {"en": "Source", "fi": "Lähde"},
    "col_reasons": {"en": "Reasons", "fi": "Syyt"},
    "col_segment": {"en": "Segment", "fi": "Segmentti"},
    "col_period": {"en": "Period", "fi": "Jakso"},
    "col_definition": {"en": "Definition", "fi": "Määritelmä"},
    "col_note": {"en": "Note", "fi": "Huomautus"},
    "col_period_end": {"en": "Period end", "fi": "Jakso päättyy"},
    "col_amber": {"en": "Near band edge", "fi": "Lähellä-rajan reuna"},
    "col_min_n": {"en": "Minimum n", "fi": "Vähimmäis-n"},
    "col_kind": {"en": "Kind", "fi": "Laji"},
    # --- workshop delivery: validation messages (issue 15) ---
    "val_unknown_key": {
        "en": "unknown key {name}; allowed keys here: {allowed}",
        "fi": "tuntematon avain {name}; tässä sallitut avaimet: {allowed}",
    },
    "val_not_allowed": {
        "en": "{value} is not allowed; use {choices}",
        "fi": "{value} ei ole sallittu; käytä: {choices}",
    },
    "val_no_calendar": {
        "en": "no calendar {calendar}; defined: {defined}",
        "fi": "kalenteria {calendar} ei ole; määritellyt: {defined}",
    },
    "val_dup_id": {
        "en": "target id {id} is already used at {at}",
        "fi": "tavoitetason tunnus {id} on jo käytössä kohdassa {at}",
    },
    "val_no_target": {
        "en": "no target {id}; this channel has {ids}",
        "fi": "tavoitetasoa {id} ei ole; tämän kanavan tavoitetasot: {ids}",
    },
    "val_out_of_range": {
        "en": "{threshold} is outside {metric}'s range {low}..{high} ({unit})",
        "fi": "{threshold} on mittarin {metric} vaihteluvälin {low}..{high} ({unit}) ulkopuolella",
    },
    "val_amber_below": {
        "en": "the near band must lie below the threshold {threshold} for a higher-is-better target, not at {amber}",
        "fi": "lähellä-alueen on oltava kynnysarvon {threshold} alapuolella, kun suurempi on parempi, ei kohdassa {amber}",
    },
    "val_amber_above": {
        "en": "the near band must lie above the threshold {threshold} for a lower-is-better target, not at {amber}",
        "fi": "lähellä-alueen on oltava kynnysarvon {threshold} yläpuolella, kun pienempi on parempi, ei kohdassa {amber}",
    },
    "val_limit_twice": {
        "en": "give the time limit once: within_s or within_h, not both",
        "fi": "anna aikaraja kerran: within_s tai within_h, ei molempia",
    },
    "val_no_limit": {
        "en": "{metric} takes no time limit; remove it",
        "fi": "mittarilla {metric} ei ole aikarajaa; poista se",
    },
    "val_needs_limit": {
        "en": "{metric} needs a time limit: add {field} (e.g. {example})",
        "fi": "mittari {metric} tarvitsee aikarajan: lisää {field} (esim. {example})",
    },
    "val_interval_min": {
        "en": "period 'interval' needs interval_min: 15, 30 or 60",
        "fi": "jakso 'interval' tarvitsee arvon interval_min: 15, 30 tai 60",
    },
    "val_no_option": {
        "en": "{metric} has no option {name}; its options: {allowed}",
        "fi": "mittarilla {metric} ei ole valintaa {name}; sen valinnat: {allowed}",
    },
    "val_no_channel": {
        "en": "no channel {value}; use 'any' or one of {ids}",
        "fi": "kanavaa {value} ei ole; käytä arvoa 'any' tai jotakin näistä: {ids}",
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


class Text(str):
    """A message that knows its key and parameters, so it can be shown in either language.

    It *is* its English rendering (a ``str``), so code that reads it as text keeps working;
    :meth:`render` gives it in another language. Parameters may be plain values, other
    :class:`Text`, labels with ``en``/``fi`` attributes, ``{"en": ..., "fi": ...}`` dicts, or
    callables taking the language.

    Examples
    --------
    >>> m = text("changed_on_disk")
    >>> m.startswith("Not saved"), m.render("fi").startswith("Ei tallennettu")
    (True, True)
    """

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, params: dict[str, object] | None = None) -> Text:
        params = dict(params or {})
        obj = super().__new__(cls, _render(key, params, "en"))
        obj.key, obj.params = key, params
        return obj

    def render(self, lang: str = "en") -> str:
        """The message in ``lang`` (``en`` or ``fi``).

        Parameters
        ----------
        lang : str
            ``en`` or ``fi``.

        Returns
        -------
        str
            The template ``LABELS[key][lang]`` filled with the parameters in that language.
        """
        return _render(self.key, self.params, lang)

    def __deepcopy__(self, memo: dict[int, object]) -> Text:
        return self  # immutable

    def __reduce__(self) -> tuple[object, ...]:
        return (Text, (self.key, self.params))


def _param(value: object, lang: str) -> str:
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, dict) and "en" in value:
        return str(value.get(lang, value["en"]))
    if hasattr(value, "en") and hasattr(value, "fi"):
        return str(getattr(value, lang, None) or value.en)
    if callable(value):
        return str(value(lang))
    return str(value)


def _render(key: str, params: dict[str, object], lang: str) -> str:
    return t(key, lang).format(**{k: _param(v, lang) for k, v in params.items()})


def text(key: str, **params: object) -> Text:
    """A translatable message: the label ``key`` filled with ``params`` (see :class:`Text`).

    Parameters
    ----------
    key : str
        A key of :data:`LABELS` whose texts are ``str.format`` templates.
    **params : object
        The template's fields.

    Returns
    -------
    Text
        The message; ``str(m)`` is English, ``m.render("fi")`` Finnish.

    Examples
    --------
    >>> text("title_trend", target="phone-sl").render("fi")
    'phone-sl: toteuma ja 95 %:n luottamusväli, kynnysarvo katkoviivana'
    """
    return Text(key, params)


def _english_phrases() -> list[str]:
    """The English label texts that must not appear on a Finnish page (longest first)."""
    import re

    finnish = " ".join(e.get("fi", "") for e in LABELS.values())
    # words that are also identifiers (channel media and ids in tables), never leaks
    ids = {
        "phone",
        "email",
        "social",
        "callback",
        "messaging",
        "video",
        "chat",
        "public",
        "private",
    }
    out = set()
    for entry in LABELS.values():
        en, fi = entry.get("en", ""), entry.get("fi", "")
        if not en or en == fi:
            continue
        for part in re.split(r"\{[^}]*\}", en):  # the fixed words of a template
            part = part.strip(" .,:;()-<>=·")
            if part in ids:
                continue
            if len(part) >= (5 if part == en.strip(" .,:;()") else 12) and part not in finnish:
                out.add(part)
    return sorted(out, key=len, reverse=True)


def english_leaks(page_text: str) -> list[str]:
    """English label texts found in a page that should be all Finnish.

    Every English text of :data:`LABELS` that differs from its Finnish one (the fixed words of a
    template when it has fields; five letters or more) is looked for as a whole phrase (not as
    part of an identifier or a path such as ``channels.phone.targets[1]``).

    Parameters
    ----------
    page_text : str
        The visible text of a notebook's outputs, a widget, or a report.

    Returns
    -------
    list of str
        The English phrases found (empty when the page is all Finnish).

    Examples
    --------
    >>> english_leaks("Tallenna · Kumoa · Reset to last save")
    ['Reset to last save']
    >>> english_leaks(t("staffing_summary", "fi"))
    []
    """
    import re

    return [
        p
        for p in _english_phrases()
        if re.search(r"(?<![\w.\[-])" + re.escape(p) + r"(?![\w\[-]|\.\w)", page_text)
    ]
