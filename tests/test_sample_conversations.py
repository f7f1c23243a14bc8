"""The sample's conversation log agrees with its contacts and tickets."""

from __future__ import annotations

import pandas as pd
import pytest

import cxkit as cx
from cxkit.sample.conversations import _next_open


@pytest.fixture(scope="module")
def tables():
    return cx.as_tables(cx.load_tables([cx.sample_dir()], pseudonym_key=b"k"))


def test_every_chat_and_social_item_is_a_conversation(tables):
    conv, con, tk = tables["conversations"], tables["contacts"], tables["tickets"]
    chats = con[con.channel == "chat"]
    social = tk[tk.channel == "social"]
    ids = set(conv.conversation_id)
    assert ids == set(chats.contact_id) | set(social.ticket_id)
    assert conv.message_id.is_unique


def test_first_agent_message_is_the_answer_or_first_reply(tables):
    conv, con, tk = tables["conversations"], tables["contacts"], tables["tickets"]
    waits = cx.reply_waits(conv)
    first = waits[waits["first"]].set_index("conversation_id")
    chats = con[(con.channel == "chat") & (con.outcome == "answered")].set_index("contact_id")
    pd.testing.assert_series_equal(
        first.loc[chats.index, "replied_at"], chats.answered_at, check_names=False
    )
    social = tk[tk.channel == "social"].set_index("ticket_id")
    replied = social[social.first_reply.notna()]
    pd.testing.assert_series_equal(
        first.loc[replied.index, "replied_at"], replied.first_reply, check_names=False
    )
    assert first.loc[social.index[social.first_reply.isna()], "replied_at"].isna().all()
    # abandoned chats have no agent message
    ab = con[(con.channel == "chat") & (con.outcome == "abandoned")].contact_id
    assert not conv[conv.conversation_id.isin(ab)].author_role.eq("agent").any()


def test_first_response_equals_the_tickets_first_response_time(tables):
    social = {k: v[v.channel == "social"] for k, v in tables.items() if "channel" in v}
    opts = {"business_hours": False}
    a = cx.metric(social, "conversation_first_response_time", by=(), options=opts).value.item()
    b = cx.metric(social, "first_response_time", by=(), options=opts).value.item()
    assert a == pytest.approx(b)


def test_social_visibility_and_customers_follow_the_tickets(tables):
    conv, tk = tables["conversations"], tables["tickets"]
    first = conv[conv.author_role == "customer"].drop_duplicates("conversation_id")
    social = tk[tk.channel == "social"].set_index("ticket_id")
    s = first[first.channel == "social"].set_index("conversation_id")
    assert (s.visibility == social.loc[s.index, "visibility"]).all()
    assert (s.customer == social.loc[s.index, "customer"]).all()  # same pseudonym key


def test_follow_up_replies_wait_for_office_hours():
    tz = "Europe/Helsinki"
    assert _next_open(pd.Timestamp("2026-03-06 17:00", tz=tz)) == pd.Timestamp(
        "2026-03-09 08:00", tz=tz
    )
    assert _next_open(pd.Timestamp("2026-03-09 06:00", tz=tz)) == pd.Timestamp(
        "2026-03-09 08:00", tz=tz
    )
    t = pd.Timestamp("2026-03-10 10:30", tz=tz)
    assert _next_open(t) == t
