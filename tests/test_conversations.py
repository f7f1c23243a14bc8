"""Conversations: the contract, thread building from tweets, reply waits and the catalog metrics."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cxkit as cx
from cxkit.data.conversation_presets import thread_roots, tweet_time
from cxkit.measure.conversations import conversation_table, reply_waits

FIX = Path(__file__).parent / "fixtures"
KEY = b"test-key"
CAL_H = {"business_hours": False}
WEEKDAYS = cx.Calendar(
    time_zone="Europe/Helsinki",
    hours={d: "08:00-16:00" for d in ("mon", "tue", "wed", "thu", "fri")},
)


@pytest.fixture(scope="module")
def tweets():
    return cx.load(FIX / "twcs_sample.csv", preset="twitter_support", pseudonym_key=KEY)


@pytest.fixture(scope="module")
def comments():
    return cx.load(FIX / "messaging_comments.csv", preset="messaging_export", pseudonym_key=KEY)


def test_contract_declares_the_conversation_columns():
    c = cx.CONTRACTS["conversations"]
    assert c.required == ["conversation_id", "message_id", "author_role", "sent_at", "channel"]
    for col in ("direction", "visibility", "brand", "in_reply_to", "customer", "internal"):
        assert c.column(col)
    assert c.column("author_role").allowed == ("customer", "agent", "bot")


def test_tweet_time_format():
    t = tweet_time(
        pd.Series(["Wed Nov 01 08:00:00 +0000 2017", "Wed Nov 01 10:00:00 +0200 2017", "x"])
    )
    assert t.iloc[0] == t.iloc[1] == pd.Timestamp("2017-11-01 08:00", tz="UTC")
    assert pd.isna(t.iloc[2])


def test_time_notes_name_twitters_format(tweets):
    assert any("Twitter's created_at" in n for n in tweets.notes)


def test_every_tweet_accounted_for_and_multiline_records_are_one(tweets):
    assert tweets.rows_read == 11  # 13 physical data lines: two texts hold line breaks
    assert tweets.accepted == 10 and tweets.reasons == {"unparseable time": 1}
    assert tweets.quarantine.line.tolist() == [14]
    # the record with an embedded newline starts on line 3; the next record on line 5
    d = tweets.data.set_index("message_id")
    assert d.loc["1003", "source_line"] == 3 and d.loc["1002", "source_line"] == 5


def test_text_is_dropped_unless_kept(tweets):
    assert "text" not in tweets.data.columns
    assert tweets.privacy == {"customer": "pseudonymised", "text": "dropped (free text)"}
    kept = cx.load(
        FIX / "twcs_sample.csv", preset="twitter_support", pseudonym_key=KEY, keep_text=["text"]
    )
    t = kept.data.set_index("message_id").text
    assert t["1003"] == '@AcmeSupport order number is in my DM,\nthe box was "empty"'
    # the reader turns a carriage return + newline into one newline, inside quotes too
    assert t["2001"] == "@BetaCares the app crashes\nagain and again"


def test_customer_ids_never_appear_raw(tweets):
    assert not tweets.data.customer.dropna().isin(["115712", "220001"]).any()
    assert tweets.data.customer.dropna().str.startswith("c_").all()
    assert "550001" not in tweets.quarantine.to_string()


def test_threads_from_out_of_order_replies(tweets):
    d = tweets.data.set_index("message_id")
    # 1005 comes first in the file and answers 1003, which answers 1002, which answers 1001
    assert d.loc[["1001", "1002", "1003", "1004", "1005"], "conversation_id"].eq("1001").all()
    # 1004 names no parent; 1002 lists it among its responses
    assert d.loc["1004", "in_reply_to"] == "1002"
    # a reply to a tweet missing from the export: the missing tweet is the thread's id
    assert d.loc[["4002", "4003"], "conversation_id"].eq("4001").all()
    assert d.loc["1005", "author_role"] == "agent" and d.loc["1001", "author_role"] == "customer"


def test_brand_is_the_outbound_author_or_the_mentioned_brand(tweets):
    d = tweets.data.set_index("message_id")
    assert d.loc["1001", "brand"] == "AcmeSupport" and d.loc["2001", "brand"] == "BetaCares"
    assert d.loc["3001", "brand"] == "BetaCares"  # unanswered, mentions @someone then @BetaCares


def test_thread_roots_any_order_and_loops():
    ids = pd.Series(["c", "b", "a", "x", "y"])
    root, loop = thread_roots(ids, pd.Series(["b", "a", None, "y", "x"]))
    assert root.tolist()[:3] == ["a", "a", "a"]
    assert loop.tolist() == [False, False, False, True, True]


def test_loop_is_quarantined(tmp_path):
    p = tmp_path / "loop.csv"
    p.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,111,True,Tue Oct 31 22:10:47 +0000 2017,a,,2\n"
        "2,Brand,False,Tue Oct 31 22:11:47 +0000 2017,b,,1\n"
        "3,333,True,Tue Oct 31 22:12:47 +0000 2017,c,,\n"
    )
    with pytest.warns(cx.CxkitWarning, match="2 of 3 rows quarantined"):
        r = cx.load(p, preset="twitter_support", pseudonym_key=KEY)
    assert r.reasons == {"implausible value": 2} and r.accepted == 1


def test_reply_waits_by_hand(tweets):
    w = reply_waits(tweets.data).set_index("run_start")
    # thread 1001: 22:10:47 -> 22:25:47 (first response, 15 min); then two customer tweets
    # 22:30:47 and 22:31:47 are one run, answered 23:31:47 (61 min from the run's first tweet)
    a = w[w.conversation_id == "1001"]
    assert a.reply_h.round(6).tolist() == [0.25, round(61 / 60, 6)]
    assert a.messages.tolist() == [1, 2] and a["first"].tolist() == [True, False]
    assert w.reply_h.notna().sum() == 3 and w.reply_h.isna().sum() == 2


def test_first_response_next_reply_and_public_response_figures(tweets):
    fr = cx.metric(tweets, "conversation_first_response_time", by=("brand",), options=CAL_H)
    assert fr.set_index("brand").value.round(4).to_dict() == {"AcmeSupport": 0.25, "BetaCares": 2.0}
    nr = cx.metric(tweets, "next_reply_time", by=(), options=CAL_H)
    assert nr.value.item() == pytest.approx((0.25 + 61 / 60 + 2.0) / 3)
    assert nr.n.item() == 3 and nr.unit.item() == "h"
    pr = cx.metric(tweets, "public_response_rate", by=("brand",)).set_index("brand")
    # Acme: 1001 answered in public, 4001's agent tweet came before the customer's: not a reply
    assert pr.numerator.to_dict() == {"AcmeSupport": 1, "BetaCares": 1}
    assert pr.denominator.to_dict() == {"AcmeSupport": 2, "BetaCares": 2}
    assert pr.value.to_dict() == {"AcmeSupport": 50.0, "BetaCares": 50.0}


def test_reply_service_level_counts_unanswered_past_t_and_excludes_younger(tweets):
    sl = cx.metric(tweets, "reply_service_level", by=(), within_s=3600, options=CAL_H)
    # runs: 0.25 h met; 1.02 h and 2 h missed; 3001 open 3.5 h missed; 4003 open 0 h excluded
    assert (sl.numerator.item(), sl.denominator.item()) == (1, 4)
    assert sl.value.item() == 25.0


def test_replies_per_conversation(tweets):
    r = cx.metric(tweets, "replies_per_conversation", by=())
    assert r.value.item() == pytest.approx((2 + 1 + 0 + 1) / 4)


def test_messaging_preset_roles_notes_and_bots(comments):
    assert comments.reasons == {"unknown value": 1} and comments.accepted == 7
    d = comments.data.set_index("message_id")
    assert d.loc["c2", "author_role"] == "bot" and bool(d.loc["c3", "internal"])
    assert d.loc["c4", "agent"] == "Aino" and "body" not in comments.data.columns
    c = conversation_table(comments.data).set_index("conversation_id")
    assert bool(c.loc["ZD-100", "resolved"]) and not bool(c.loc["IC-7", "resolved"])
    assert c.loc["ZD-100", "replies"] == 1  # the bot and the internal note are no replies


def test_next_reply_across_a_weekend_in_business_hours(comments):
    # Friday 6 March 2026 15:30 Helsinki; answered Monday 08:30 (the bot at 15:30:05 and the
    # internal note at 15:40 do not count): 30 open minutes on Friday + 30 on Monday = 1.0 h
    w = reply_waits(comments.data, business_hours=True, calendar=WEEKDAYS)
    zd = w[w.conversation_id == "ZD-100"]
    assert zd.reply_h.round(9).tolist() == [1.0]
    cal = reply_waits(comments.data)
    assert cal[cal.conversation_id == "ZD-100"].reply_h.tolist() == [65.0]
    bots = reply_waits(comments.data, include_bots=True, business_hours=True, calendar=WEEKDAYS)
    assert bots[bots.conversation_id == "ZD-100"].reply_h.round(9).tolist() == [round(5 / 3600, 9)]
    ic = w[w.conversation_id == "IC-7"]
    assert ic.reply_h.round(9).tolist()[0] == round(20 / 60, 9) and ic.reply_h.isna().tolist()[1]


def test_business_hours_need_a_calendar(comments):
    with pytest.raises(cx.MissingDataError, match="calendar"):
        cx.metric(comments, "next_reply_time", by=(), options={"business_hours": True})


def test_resolution_rate_and_missing_columns(comments, tweets):
    r = cx.metric(comments, "conversation_resolution_rate", by=())
    assert (r.numerator.item(), r.denominator.item()) == (1, 2)
    with pytest.raises(cx.MissingDataError, match="resolved"):
        cx.metric(tweets, "conversation_resolution_rate", by=())


def test_preset_is_suggested_from_the_columns():
    cols = [
        "tweet_id",
        "author_id",
        "inbound",
        "created_at",
        "text",
        "response_tweet_id",
        "in_response_to_tweet_id",
    ]
    assert cx.suggest_preset(cols) == "twitter_support"


def test_inputs_are_not_mutated(tweets):
    before = tweets.data.copy()
    reply_waits(tweets.data)
    conversation_table(tweets.data)
    pd.testing.assert_frame_equal(before, tweets.data)


_CHARTER = """
schema_version: 1
name: Conversation targets
calendars:
  office:
    time_zone: Europe/Helsinki
    hours: {mon: 08:00-16:00, tue: 08:00-16:00, wed: 08:00-16:00, thu: 08:00-16:00, fri: 08:00-16:00}
channels:
  messaging:
    label: {en: Messaging, fi: Viestit}
    kind: async
    medium: messaging
    calendar: office
    targets:
      - {id: msg-next, metric: next_reply_time, threshold: 2, period: week,
         options: {business_hours: true}}
      - {id: msg-sl, metric: reply_service_level, threshold: 80, within_h: 1, period: week,
         options: {business_hours: true}}
      - {id: msg-resolved, metric: conversation_resolution_rate, threshold: 70, period: month}
      - {id: msg-high, metric: reply_service_level, threshold: 80, within_h: 0.25, period: week,
         segment: {priority: high}, options: {business_hours: false}}
"""


def test_charter_targets_on_conversations_are_checked(comments):
    charter = cx.loads_charter(_CHARTER)
    sc = cx.check(charter, {"conversations": comments.data})
    s = cx.summary(sc).set_index("target_id")
    # business hours: ZD-100 waited 1.0 h (Fri 15:30 -> Mon 08:30), IC-7 20 min: mean 0.667 h
    assert s.overall["msg-next"] == pytest.approx((1.0 + 1 / 3) / 2)
    # within 1 business hour: both replied runs met; IC-7's last message (Mon 10:25) is unanswered
    # and younger than 1 h at the data's end, so not judged
    assert s.overall["msg-sl"] == 100.0
    assert s.overall["msg-resolved"] == 50.0
    # high priority is ZD-100 only: 65 calendar hours to the reply, a miss within 15 minutes
    high = sc[sc.target_id == "msg-high"]
    assert (high.numerator.sum(), high.denominator.sum()) == (0, 1)
    assert not cx.has_errors(cx.review(charter))


def test_as_of_judges_as_things_stood_then(tweets):
    as_of = pd.Timestamp("2017-10-31 23:00", tz="UTC")  # before 1005 answered the second run
    w = reply_waits(tweets.data, as_of=as_of)
    assert w.conversation_id.unique().tolist() == ["1001"]
    assert w.reply_h.isna().tolist() == [False, True]
    assert w.open_h.iloc[1] == pytest.approx(
        (as_of - pd.Timestamp("2017-10-31 22:30:47", tz="UTC")).total_seconds() / 3600
    )


def test_a_lone_carriage_return_inside_a_quoted_text_is_one_record(tmp_path):
    p = tmp_path / "cr.csv"
    p.write_bytes(
        b"tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\r\n"
        b'1,111,True,Tue Oct 31 22:10:47 +0000 2017,"line one\rline two",2,\r\n'
        b'2,Brand,False,Tue Oct 31 22:20:47 +0000 2017,"ok\r\n\r\nthanks",,1.0\r\n'
    )
    r = cx.load(p, preset="twitter_support", pseudonym_key=KEY, keep_text=["text"])
    assert r.rows_read == 2 and r.accepted == 2
    assert r.data.text.tolist() == ["line one\nline two", "ok\n\nthanks"]
    assert r.data.source_line.tolist() == [2, 4]  # the lone CR ends a physical line too


def test_a_bare_conversations_frame_is_recognised(tweets):
    df = tweets.data.copy()
    df.attrs = {}
    nr = cx.metric(df, "next_reply_time", by=(), options=CAL_H)
    assert nr.n.item() == 3


def test_broken_tweets_are_quarantined_with_reasons(tmp_path):
    p = tmp_path / "broken.csv"
    p.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        ",111,True,Tue Oct 31 22:10:47 +0000 2017,no id,,\n"
        "2,222,maybe,Tue Oct 31 22:11:47 +0000 2017,odd flag,,\n"
        "3,333,True,,no time,,\n"
        "4,444,True,Tue Oct 31 22:12:47 +0000 2017,fine,5,\n"
        "4,444,True,Tue Oct 31 22:13:47 +0000 2017,same id again,,\n"
        "5,Brand,False,Tue Oct 31 22:20:47 +0000 2017,reply,,4.0\n"
    )
    r = cx.load(p, preset="twitter_support", pseudonym_key=KEY)
    assert r.rows_read == 6 and r.accepted + r.quarantined == 6
    assert r.reasons == {"duplicate id": 1, "missing required field": 2, "unparseable boolean": 1}
    assert r.data.message_id.tolist() == ["4", "5"]
    assert r.data.conversation_id.tolist() == ["4", "4"]
