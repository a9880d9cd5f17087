"""How the extractive composer picks the sentences it quotes (whole, and readable on their own)
and heads the groups it cites them under."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.answers.citing import group_heading
from app.answers.compose import compose
from app.answers.intent import read
from app.answers.lead import Passage, choose_lead
from app.answers.quoting import best_sentences, defining_sentences
from app.answers.said import says_changed, says_good_practice
from app.core.kinds import CHANGE, FINDING, LEARNING
from app.core.records import Item
from app.core.text import tokens
from app.search.decision import Coverage


def item(*sentences: str, kind: str = "context", section: str = "S") -> Item:
    text, ends = "", []
    for s in sentences:
        text = f"{text} {s}".strip()
        ends.append(len(text))
    return Item("i", "d", "Doc", section, (section,), "Paragraph 1", kind, text, 0, len(text), 0,
                sentence_ends=tuple(ends))  # fmt: skip


@pytest.mark.parametrize(
    "sentences,asked,opening",
    [
        (  # 'In other cases, …' points back to the sentence before it
            ("The first family moved often between areas.",
             "Some carers refused visits outright.",
             "In other cases, parents complied with just enough requests to allay concerns.",
             "Records were kept in separate systems."),
            "parents comply to allay concerns",
            "Some carers refused visits outright. In other cases",
        ),
        (  # a sentence the document starts in lower case reads on from the one before it
            ("Neglect is a cumulative process.",
             "Any new assessment must consider the family's history.",
             "it’s important that professionals build up a picture over time.",
             "Records were kept in separate systems."),
            "build up a picture over time",
            "Any new assessment must consider",
        ),
    ],
    ids=["points back", "lower case"],
)  # fmt: skip
def test_a_sentence_that_reads_on_is_quoted_with_the_one_before(sentences, asked, opening):
    quoted = best_sentences(item(*sentences), set(tokens(asked)))
    assert quoted.startswith(opening)


def test_a_sentence_that_stands_alone_is_quoted_alone():
    passage = item(
        "The first family moved often between areas.",
        "It is vital to understand whether a family's issues relate to poverty.",
        "Records were kept in separate systems.",
    )
    quoted = best_sentences(passage, set(tokens("poverty issues")))
    assert quoted.startswith("It is vital")  # an 'it' that points at nothing before it


def test_a_definition_is_the_sentence_that_says_what_the_term_is():
    passage = item(
        "In this instance it meant checks with the front door.",
        '"Lateral check" is a term used by health professionals.',
    )
    assert defining_sentences(passage, "lateral check") == (
        '"Lateral check" is a term used by health professionals.'
    )
    assert defining_sentences(passage, "chronology") is None


def test_a_group_is_headed_in_words_true_of_every_item_under_it():
    recommendation = item("Partners must assess concerns as patterns.", kind="recommendation")
    learning = item("Hostile parents sometimes went unchallenged.", kind="learning_point")
    assert group_heading(LEARNING, [recommendation]) == "What the reviews recommend"
    assert group_heading(LEARNING, [learning]) == "What the reviews learned"
    assert group_heading(LEARNING, [learning, recommendation]) == (
        "What the reviews learned and recommend"
    )
    changed = item("Tools were relaunched.", kind="action", section="6 What has changed already?")
    to_do = item("Share the key messages.", kind="action", section="What to do now")
    assert group_heading(CHANGE, [changed]) == "What has changed since"
    assert group_heading(CHANGE, [to_do]) == "Next steps the reviews set out"
    assert group_heading(CHANGE, [changed, to_do]) == (
        "What has changed, and next steps the reviews set out"
    )
    assert group_heading(FINDING, [learning]) == "What the reviews found"


def test_a_point_of_a_paragraphs_list_does_not_lead_when_a_whole_passage_is_there():
    point = replace(item("The parents' or caregivers' intention."), id="p",
                    label="Paragraph 4.2.5, point 3", kind="practice_issue")  # fmt: skip
    whole = replace(item("Disguised compliance was not considered during involvement."), id="w",
                    label="Paragraph 4.2.3", kind="practice_issue")  # fmt: skip
    coverage = Coverage("covered", 1.0, 0.6, weights={"p": 0.5, "w": 0.5})
    passages = [Passage(point, 0.6), Passage(whole, 0.5)]
    question = read("Why were the children not seen as neglected?")
    assert choose_lead(question, passages, [], coverage).item.id == "w"
    assert choose_lead(question, passages[:1], [], coverage).item.id == "p"  # nothing else


def test_what_to_do_is_led_by_a_recommendation_further_down_that_holds_as_much_as_the_first():
    """None of the first few passages says what to do; a recommendation below them that holds
    as much of the question as the first answers it, a finding does not."""
    found = [
        replace(
            item(f"Appointments were missed {n}."),
            id=f"f{n}",
            label=f"Paragraph {n}",
            kind="practice_issue",
        )  # fmt: skip
        for n in range(1, 5)
    ]
    advice = replace(item("Review children not brought to health appointments."), id="r",
                     label="Recommendation 4", kind="recommendation")  # fmt: skip
    passages = [Passage(p, 0.6) for p in found] + [Passage(advice, 0.5)]
    question = read("What should health do about children not brought to appointments?")
    holding = {"f1": 1.0, "f2": 0.5, "f3": 0.5, "f4": 0.5}
    coverage = Coverage("covered", 1.0, 0.6, weights={**holding, "r": 1.0})
    assert choose_lead(question, passages, [], coverage).item.id == "r"
    holding_less = Coverage("covered", 1.0, 0.6, weights={**holding, "r": 0.5})
    assert choose_lead(question, passages, [], holding_less).item.id == "f1"
    # as much as the most any of the first few holds, not only as much as the first
    first_holds_little = {"f1": 0.2, "f2": 1.0, "f3": 1.0, "f4": 1.0, "r": 0.2}
    little = Coverage("covered", 1.0, 0.6, weights=first_holds_little)
    assert choose_lead(question, passages, [], little).item.id != "r"
    # what the reviews learned or recommend before what has changed, further down as above
    changed = replace(item("Appointments are now tracked."), id="c", label="Point 6", kind="action")
    ordered = [*passages[:4], Passage(changed, 0.5), Passage(advice, 0.5)]
    both = Coverage("covered", 1.0, 0.6, weights={**holding, "c": 1.0, "r": 1.0})
    assert choose_lead(question, ordered, [], both).item.id == "r"
    # from the document the question names, when the first few are from it
    elsewhere = replace(advice, doc_id="other")
    named = [*passages[:4], Passage(elsewhere, 0.5)]
    assert choose_lead(question, named, ["d"], coverage).item.id == "f1"


def test_a_definition_leading_a_what_to_do_answer_is_not_called_a_problem():
    term = replace(item("Stepped down is a term for ending a child protection plan."), id="t",
                   label="Footnote 9", kind="definition")  # fmt: skip
    coverage = Coverage("covered", 1.0, 0.6, weights={"t": 1.0})
    question = "What should change about step-down?"
    answer = compose(question, read(question), [Passage(term, 0.6)], coverage, "")
    assert "describe this problem" not in answer.text
    assert "The passages found set out no action for this." in answer.text


def test_a_what_is_answer_cites_beside_its_lead_only_passages_that_say_the_term():
    lead = replace(item("Increased emphasis on “was not brought” to health appointments."),
                   id="l", kind="action")  # fmt: skip
    other = replace(item("IT issues hindered practitioners' views of historic harm."), id="o",
                    kind="practice_issue")  # fmt: skip
    also = replace(item("Patterns of 'was not brought' (WNB) are an indicator of neglect."),
                   id="a", kind="learning_point")  # fmt: skip
    coverage = Coverage("covered", 1.0, 0.6, weights={})
    question = "What does 'was not brought' mean?"
    passages = [Passage(lead, 0.3), Passage(other, 0.25), Passage(also, 0.2)]
    answer = compose(question, read(question), passages, coverage, "")
    assert [c.id for c in answer.citations] == ["l", "a"]


def test_points_of_one_list_are_cited_in_the_order_the_document_gives_them():
    """Beside the lead, the leaders' questions of one list read 1, 3, 4 as the briefing numbers
    them, wherever the ranking put them; a point of another list keeps its ranked place."""

    def point(n: int, doc: str = "d", section: str = "Questions for leaders") -> Item:
        topic = ["", "supervision", "chronologies", "escalation", "fathers", "", "", "schools"][n]
        text = f"How do we know our work with {topic} helps children living with neglect?"
        return replace(item(text, kind="reflective_question", section=section), id=f"{doc}{n}",
                       doc_id=doc, order=n, label=f"Leaders' question {n}")  # fmt: skip

    ranked = [point(2), point(4), point(7, "e", "Reflective questions"), point(1), point(3)]
    coverage = Coverage("covered", 1.0, 0.6, weights={})
    question = "What questions should leaders ask about neglect?"
    answer = compose(question, read(question), [Passage(p, 0.5) for p in ranked], coverage, "")
    assert [c.id for c in answer.citations] == ["d2", "d1", "d3", "d4", "e7"]
    bullets = [line for line in answer.lines if line.startswith("- ")]
    assert [b.rsplit("[", 1)[1] for b in bullets] == ["2]", "3]", "4]", "5]"]


def test_a_passage_that_says_again_what_is_quoted_already_is_not_cited():
    """'Case closed to Early Help.' (a timeline's line) adds nothing beside the finding that
    says the case was closed to early help; a passage that says more is cited."""
    said = "By the age of one, early help reported progress and the case was closed to early help."
    lead = replace(item(said, kind="practice_issue"), id="l")
    again = replace(item("Case closed to Early Help."), id="a", order=2)
    more = replace(item("Case closed to Early Help after the parents declined further support."),
                   id="m", order=3)  # fmt: skip
    coverage = Coverage("covered", 1.0, 0.6, weights={})
    question = "Why was the case closed to early help?"
    passages = [Passage(lead, 0.6), Passage(again, 0.5), Passage(more, 0.4)]
    answer = compose(question, read(question), passages, coverage, "")
    assert [c.id for c in answer.citations] == ["l", "m"]


def test_a_passage_that_denies_or_asks_what_the_lead_says_is_still_cited():
    lead = replace(item("The father was seen by the health visitor at home."), id="l",
                   kind="practice_issue")  # fmt: skip
    denies = replace(item("The father was not seen by the health visitor."), id="n", order=2)
    asks = replace(item("Was the father seen?"), id="q", kind="reflective_question", order=3)
    coverage = Coverage("covered", 1.0, 0.6, weights={})
    question = "Was the father seen by the health visitor?"
    passages = [Passage(lead, 0.6), Passage(denies, 0.5), Passage(asks, 0.4)]
    answer = compose(question, read(question), passages, coverage, "")
    assert sorted(c.id for c in answer.citations) == ["l", "n", "q"]


@pytest.mark.parametrize(
    "sentence,says",
    [
        ("Good practice by maternity services was to follow this up with CHAD.", True),
        ("Work was done with the parents, which was positive practice.", True),
        ("Early help is not a statutory service, and this support is positive practice.", True),
        ("It would have been good practice to hold a strategy meeting.", False),
        ("There was no evidence of good practice in the recording of fathers.", False),
        ("This was not good practice.", False),
        ("See the Good Practice Guide to working with Neglect 2023.", False),
        ("The mother's strengths were over-estimated.", False),
    ],
)
def test_a_review_says_in_its_text_that_something_was_good_practice(sentence, says):
    """What a review without a list of good practice points out as good practice in passing:
    never what it says was not, or would have been, nor a guide's title."""
    assert says_good_practice(sentence) is says


@pytest.mark.parametrize(
    "sentence,says",
    [
        ("The Partnership has adopted a neglect toolkit to support assessment.", True),
        ("There have been changes to systems that now mean the ward refers on.", True),
        ("A new pathway is being rolled out across the area.", True),
        ("Services have since introduced a joint triage meeting.", True),
        ("Current practice is now that all referrals are discussed at the front door.", True),
        ("Recording practice has now changed.", True),
        ("The case is now closed.", False),
        ("The Partnership to evaluate how learning is being embedded in practice.", False),
        ("The Partnership has not yet introduced a neglect strategy.", False),
        ("The youngest child has been adopted.", False),
        ("The family have moved house again.", False),
        ("The children are now looked after.", False),  # what happened to a family
        ("There has been no change in the home conditions.", False),
        ("The Partnership should assure itself that the strategy has been implemented.", False),
        ("Changes to current systems have now been implemented.", True),
    ],
)
def test_a_review_says_in_its_text_that_something_has_changed(sentence, says):
    """What a review without a list of what has changed says has changed, in passing: never
    what it asks to change, nor what it says has not, nor what happened to a family."""
    assert says_changed(sentence) is says


@pytest.mark.parametrize(
    "text,link",
    [
        ("What is the SEND Local Offer? – SEND Local Offer (stoke.gov.uk)", True),
        ("What is autism? - NHS (www.nhs.uk)", True),
        ("Further audits and learning can be accessed here.", True),
        # a passage that says something, and names a site as its source, is not a link
        ("A Rapid Review is undertaken to ascertain whether a local review may be appropriate, "
         "as set out in chapter 4 of the statutory guidance (publishing.service.gov.uk)", False),
        ("Children were seen but not sufficiently understood (e.g. at school).", False),
        ("Working Together (gov.uk) sets out the duties of all agencies.", False),  # not its end
    ],
)  # fmt: skip
def test_a_link_whose_address_was_lost_is_still_a_link(text, link):
    """A PDF keeps a link's title and site, not its address: it says where learning is, and is
    never cited as learning."""
    from app.core.text import links_elsewhere

    assert links_elsewhere(item(text)) is link
