"""The LLM answer verifier: citations, support, links, sentence boundaries, streaming = whole text."""

from __future__ import annotations

import random

import pytest

from assistant.answering.support import SUPPORT_THRESHOLD
from assistant.answering.verifier import SentenceChecker, complete_prefix, segments, strip_links, verify

HEAD = "dl-252-2000/art-13/n-1"
DEPUTY = "dl-252-2000/art-14/n-2"
EVIDENCE = [HEAD, DEPUTY, "aima-explainer/p-3"]
SUPPORTED = "The SEF is headed by a Director-General"
REPLACES = "The deputy Director-General replaces him in his absences and impediments"


def test_sentences_end_at_full_stops_before_capitals_and_at_newlines():
    assert segments("A [x]. B. [y] C [z].\n\n- item [w]") == [
        ("", "A [x]."),
        (" ", "B [y]."),  # a citation after the full stop belongs to the sentence before it
        (" ", "C [z]."),
        ("\n\n", "- item [w]"),
    ]
    assert segments("Under art. 13 and n.º 2 of it [x]. «Quoted» too [y].") == [
        ("", "Under art. 13 and n.º 2 of it [x]."),
        (" ", "«Quoted» too [y]."),
    ]


def test_a_growing_text_only_gives_sentences_that_cannot_change():
    assert complete_prefix("A. [x") == ([], "A. [x")  # more citations may follow
    assert complete_prefix("A [x]. ") == ([], "A [x]. ")  # the next word may be lower case
    assert complete_prefix("A [x]. B") == ([("", "A [x].")], " B")


def test_a_supported_cited_sentence_is_kept_with_its_labels(scorer):
    result = verify(f"{SUPPORTED} [{HEAD}]. {REPLACES} [{DEPUTY}].", EVIDENCE, "en", scorer)
    assert result.text == f"{SUPPORTED} (Article 13(1)). {REPLACES} (Article 14(2))."
    assert result.cited == [HEAD, DEPUTY] and result.removed == []


def test_numbered_citations_name_the_evidence_blocks(scorer):
    assert verify(f"{SUPPORTED} [1].", EVIDENCE, "en", scorer).cited == [HEAD]
    assert verify(f"{SUPPORTED} [1, 2].", EVIDENCE, "en", scorer).cited == [HEAD, DEPUTY]


def test_a_sentence_citing_outside_the_evidence_is_dropped(scorer):
    result = verify(f"{SUPPORTED} [{HEAD}]. {REPLACES} [dl-252-2000/art-14].", [HEAD], "en", scorer)
    assert result.cited == [HEAD] and "deputy" not in result.text
    assert "not in the evidence" in result.removed[0].reason


def test_a_sentence_without_a_citation_is_dropped(scorer):
    result = verify(f"{SUPPORTED}. {REPLACES} [{DEPUTY}].", EVIDENCE, "en", scorer)
    assert result.cited == [DEPUTY] and result.removed[0].reason == "cites nothing"


def test_an_unsupported_sentence_is_dropped_by_the_shared_threshold(scorer):
    invented = "The Director-General is elected by Parliament for four years"
    assert scorer.score(invented, [HEAD], "en") < SUPPORT_THRESHOLD <= scorer.score(SUPPORTED, [HEAD], "en")
    result = verify(f"{SUPPORTED} [{HEAD}]. {invented} [{HEAD}].", EVIDENCE, "en", scorer)
    assert result.text == f"{SUPPORTED} (Article 13(1))."
    assert result.removed[0].reason.startswith("not supported")


def test_a_true_sentence_citing_the_wrong_unit_is_dropped(scorer):
    result = verify(f"{REPLACES} [{HEAD}].", EVIDENCE, "en", scorer)
    assert result.sentences == []


def test_portuguese(scorer):
    result = verify(f"O SEF é dirigido por um director-geral [{HEAD}].", EVIDENCE, "pt", scorer)
    assert result.text == "O SEF é dirigido por um director-geral (Artigo 13.º, n.º 1)."


def test_links_images_and_urls_never_survive(scorer):
    assert strip_links("See [the law](https://evil.example/x) ![p](http://evil.example/p.png) www.evil.example") == (
        "See the law  "
    )
    text = (
        f"{SUPPORTED} [{HEAD}](https://evil.example/?q=secret). ![pixel](https://evil.example/pixel.png) "
        f"{SUPPORTED} <img src='https://evil.example/p.png'> [{HEAD}]. {SUPPORTED}, see https://evil.example [{HEAD}]."
    )
    result = verify(text, EVIDENCE, "en", scorer)
    assert not any(bad in result.text for bad in ("http", "evil", "![", "](", "<img"))
    assert result.text.count("(Article 13(1))") == 2


def test_markdown_emphasis_is_dropped_and_paragraphs_kept(scorer):
    result = verify(f"**{SUPPORTED}** [{HEAD}].\n\n{REPLACES} [{DEPUTY}].", EVIDENCE, "en", scorer)
    assert result.text == f"{SUPPORTED} (Article 13(1)).\n\n{REPLACES} (Article 14(2))."


TEXTS = [
    f"{SUPPORTED} [{HEAD}]. {REPLACES} [{DEPUTY}].",
    f"{SUPPORTED}. [{HEAD}] [{DEPUTY}] Invented claims about Parliament [{HEAD}]. {REPLACES}. [{DEPUTY}]",
    f"- {SUPPORTED} [{HEAD}]\n- {REPLACES} [{DEPUTY}]\n\nNo citation here.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_fed_in_pieces_the_checker_keeps_what_verify_keeps(scorer, text):
    whole = verify(text, EVIDENCE, "en", scorer)
    rng = random.Random(text)
    for _ in range(20):
        checker = SentenceChecker(EVIDENCE, "en", scorer)
        cuts = sorted(rng.sample(range(1, len(text)), 8))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        streamed = [s for piece in pieces for s in checker.feed(piece)] + checker.finish()
        assert streamed == whole.sentences and checker.result.text == whole.text
