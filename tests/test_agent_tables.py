"""The per-agent table for managers: translated headers with units, signals named, flagged first."""

from __future__ import annotations

import pandas as pd

from cxkit.measure.agents import agent_table
from cxkit.sample.generate import GAMER
from cxkit.ui.agent_tables import agent_summary


def test_agent_summary_on_the_sample(sample_tables):
    tab = agent_table(sample_tables)
    en = agent_summary(tab)
    assert list(en.columns[:4]) == ["Channel", "Agent", "Contacts (n)", "AHT (s)"]
    first = en.iloc[0]
    assert first["Agent"] == GAMER and first["Flag"] == "flagged"
    assert "Short contacts (talk under 10 s)" in first["Signals outside the 99.8 % limit"]
    assert first["Short contacts (talk under 10 s) (%)"] == round(tab.iloc[0].short_contact, 1)
    fi = agent_summary(tab, lang="fi")
    assert "Asiantuntija" in fi.columns and "Laatuarvio (pistettä)" in fi.columns
    assert fi.iloc[0]["Liputus"] == "liputettu" and fi.iloc[1]["Liputus"] == "ei liputettu"
    assert len(fi) == len(tab)


def test_agent_summary_keeps_what_the_table_has():
    tab = pd.DataFrame(
        {
            "channel": ["phone", "phone"],
            "agent": ["A", "B"],
            "handled": [5, 7],
            "flagged": [False, True],
        }
    )
    out = agent_summary(tab)
    assert list(out.columns) == ["Channel", "Agent", "Contacts (n)", "Flag"]
    assert out.Agent.tolist() == ["B", "A"]
