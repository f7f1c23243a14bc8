"""A tweet-style export written from the sample loads back with the preset to the same figures."""

from __future__ import annotations

import pandas as pd
import pytest

import cxkit as cx

CAL_H = {"business_hours": False}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    conv = cx.load_tables([cx.sample_dir()], pseudonym_key=b"k")["conversations"].data
    tweets = cx.tweet_export(conv, seed=2026)
    p = tmp_path_factory.mktemp("tw") / "tweets.csv"
    tweets.to_csv(p, index=False)
    public = conv[(conv.channel == "social") & (conv.visibility == "public")]
    return tweets, cx.load(p, preset="twitter_support", pseudonym_key=b"k"), public


def test_the_export_is_in_the_dataset_layout(both):
    tweets, _, public = both
    assert list(tweets.columns) == [
        "tweet_id",
        "author_id",
        "inbound",
        "created_at",
        "text",
        "response_tweet_id",
        "in_response_to_tweet_id",
    ]
    assert len(tweets) == len(public)
    assert tweets.created_at.str.fullmatch(
        r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d \+0000 \d{4}"
    ).all()
    # shuffled: some replies come before the tweet they answer
    pos = pd.Series(range(len(tweets)), index=tweets.tweet_id)
    replies = tweets[tweets.in_response_to_tweet_id != ""]
    parents = replies.in_response_to_tweet_id.str.replace(".0", "", regex=False)
    assert (pos[replies.tweet_id].to_numpy() < pos[parents].to_numpy()).any()


def test_round_trip_gives_the_same_threads_and_figures(both):
    _, loaded, public = both
    assert loaded.quarantined == 0 and loaded.accepted == len(public)
    assert loaded.data.conversation_id.nunique() == public.conversation_id.nunique()
    for metric in ("next_reply_time", "conversation_first_response_time"):
        a = cx.metric(loaded, metric, by=(), options=CAL_H)
        b = cx.metric({"conversations": public}, metric, by=(), options=CAL_H)
        assert (a.n.item(), a.value.item()) == (b.n.item(), pytest.approx(b.value.item())), metric
    pr = cx.metric(loaded, "public_response_rate", by=("brand",))
    ref = cx.metric({"conversations": public}, "public_response_rate", by=())
    assert pr.brand.tolist() == ["EnergiaOy"]
    assert (pr.numerator.item(), pr.denominator.item()) == (
        ref.numerator.item(),
        ref.denominator.item(),
    )
