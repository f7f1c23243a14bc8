"""The per-agent table as a manager reads it: a few columns, headers and signal names in English or
Finnish, figures rounded, flagged agents first.

>>> import pandas as pd
>>> tab = pd.DataFrame({"channel": ["phone"], "agent": ["A"], "handled": [120], "aht_s": [201.4],
...                     "short_contact": [30.84], "signals_outside": ["short_contact, repeat_contact"],
...                     "flagged": [True]})
>>> agent_summary(tab, lang="fi").iloc[0].to_dict()["Signaalit 99,8 %:n rajan ulkopuolella"]
'Lyhyet puhelut (puheaika alle 10 s); Asiakas otti uudelleen yhteyttä aikaikkunan sisällä'
"""

from __future__ import annotations

import pandas as pd

from cxkit.i18n import t

__all__ = ["agent_summary"]

#: Columns of the agent table shown, and the label key of each header.
_COLUMNS = (
    ("channel", "channel", None),
    ("agent", "ag_agent", None),
    ("handled", "ag_contacts_n", 0),
    ("aht_s", "ag_aht_axis", 0),
    ("short_contact", "sig_short_contact", 1),
    ("agent_disconnect", "sig_agent_disconnect", 1),
    ("repeat_contact", "sig_repeat_contact", 1),
    ("csat_top2", "sig_csat_top2", 1),
    ("qa_score", "ag_qa_score", 1),
)


def agent_summary(table: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """The agent table with translated headers, the signals outside named, flagged agents first.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`cxkit.measure.agents.agent_table`.
    lang : {"en", "fi"}
        Language of the headers and of the signal names.

    Returns
    -------
    pandas.DataFrame
        The columns the table has of: channel, agent, contacts (n), AHT (s), short contacts (%),
        calls ended by the agent (%), customers who came back (%), CSAT top-2 (%), QA score
        (points), then the signals outside the 99.8 % limit (named in ``lang``) and whether the
        agent is flagged (the words of ``lang``). Headers carry the units.
    """
    cols = [(c, key, dec) for c, key, dec in _COLUMNS if c in table.columns]
    out = pd.DataFrame(index=table.index)
    for col, key, dec in cols:
        v = table[col]
        header = t(key, lang)
        if key.startswith("sig_"):
            header += " (%)"
        if key == "ag_qa_score":
            header += f" ({t('unit_points', lang)})"
        out[header] = v.round(dec) if dec is not None else v
    if "signals_outside" in table.columns:
        out[t("ag_signals_outside", lang)] = table.signals_outside.fillna("").map(
            lambda s: "; ".join(t(f"sig_{x}", lang) for x in s.split(", ") if x)
        )
    if "flagged" in table.columns:
        out[t("ag_flag", lang)] = table.flagged.map(
            {True: t("ag_flagged", lang), False: t("ag_not_flagged", lang)}
        )
        order = table.flagged.astype(bool).sort_values(ascending=False, kind="stable").index
        out = out.loc[order]
    return out.reset_index(drop=True)
