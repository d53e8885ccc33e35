"""The search worker's two-stage index, run under Node on the real build (no browser).

The worker answers READY once the headings are indexed and finishes the text in the background
(overrides/assets/javascripts/lunr/min/lunr.vi.min.js). Two promises keep that honest: the whole
index ranks every query of the table exactly as a one-stage build does, and before it is done the
headings' index answers heading words but not words found only in the text. The query evaluator
lunr.vi uses for ordinary queries returns exactly what lunr's own does.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.search_queries import QUERIES, node_search, text_only_word


def test_two_stage_index_ranks_as_one_build(site_dir: Path) -> None:
    texts = [q.text for q in QUERIES]
    two = node_search(site_dir, texts)
    one = node_search(site_dir, texts, "--one-stage")
    assert [r["sections"] for r in two["results"]] == [r["sections"] for r in one["results"]]
    assert all(r["keys"] for r in two["results"]), "every query of the table finds something"


def test_fast_query_returns_what_lunr_returns(site_dir: Path) -> None:
    """lunr.vi's own evaluator for queries of optional clauses: same sections, order and highlights
    as lunr's Index.query; "+word" and "-word" go to lunr's own."""
    texts = [q.text for q in QUERIES] + ["+biên bản", "-bien ban thư ký", "biên -bản", "thư ký +chi"]
    ours = node_search(site_dir, texts)["results"]
    lunrs = node_search(site_dir, texts, "--lunr-query")["results"]
    assert [(r["sections"], r["first"]) for r in ours] == [(r["sections"], r["first"]) for r in lunrs]
    assert ours[-3]["sections"] and not any("bien-ban" in s for s in ours[-3]["sections"][:3])


def test_headings_answer_before_the_text_is_indexed(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text_only = text_only_word(index["docs"])
    heading = "biên bản"
    early = node_search(site_dir, [heading, text_only], "--headings")
    late = node_search(site_dir, [heading, text_only])
    assert early["results"][0]["keys"], "a heading word is found as soon as READY"
    assert early["results"][0]["first"]["title"], "and the result is a heading"
    assert not early["results"][1]["keys"], f"'{text_only}' is only in text: not in the headings' index"
    assert late["results"][1]["keys"], f"'{text_only}' is found once the whole index is built"


def test_question_words_do_not_steer_the_ranking(site_dir: Path) -> None:
    """"ai", "thế nào", "mấy" say what kind of answer is wanted; the topic is the rest of the query."""
    pairs = [("ai ghi biên bản", "ghi biên bản"), ("ghi biên bản thế nào", "ghi biên bản"),
             ("họp mấy phút", "họp phút"), ("ai chủ trì cuộc họp", "chủ trì cuộc họp")]
    found = node_search(site_dir, [text for pair in pairs for text in pair])["results"]
    for (asked, topic), with_words, without in zip(pairs, found[::2], found[1::2], strict=True):
        assert with_words["sections"][:5] == without["sections"][:5], (asked, topic)
    alone = node_search(site_dir, ["ai"])["results"][0]
    assert alone["keys"], "a query of question words only is still run as typed"
