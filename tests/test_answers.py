"""What an answer leads with, what it cites, and when it refuses: the real model and library."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.answers.overviews import MAX_LISTED
from app.core.kinds import LEARNING, with_role
from app.core.records import Item
from app.search.concepts import concepts_of
from app.search.saying import ABBREVIATED, NAMED, UNPRINTED, sayable, unsaid_lacking
from app.web.app import create_app

pytestmark = pytest.mark.slow
DEVON = "devon-thematic-neglect-executive-summary"
CHILD_B = "child-b-and-siblings-review"
CHILD_AK = "child-ak-learning-briefing"


@pytest.fixture(scope="module")
def client(real_settings):
    unlimited = real_settings.model_copy(update={"rate_limit_ask": ""})  # limits: their own tests
    with TestClient(create_app(unlimited)) as c:
        c.app.state.services.privacy.wait()
        yield c


def ask(client, question: str, history: list[str] | None = None) -> dict:
    r = client.post("/api/ask", json={"question": question, "history": history or []})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize(
    "question",
    [
        "How much screen time is too much for a 3 year old?",
        "How many hours of sleep do babies need?",
    ],
)
def test_a_refusal_does_not_say_how_much_was_asked_as_if_it_were_the_topic(client, question):
    body = ask(client, question)
    assert body["grounded"] is False
    first = body["answer"].split(".")[0]
    assert first.startswith("The library does not cover"), first
    assert not re.search(r"\b(much|many)\b", first), first


@pytest.mark.parametrize(
    "question,document,fact",
    [
        ("Who wrote the Devon thematic review?", DEVON, "Jane Wiffin"),
        ("Who was the lead reviewer for the Stoke report?", CHILD_B, "Suzy Kitching"),
        ("When was the Child B review published?", CHILD_B, "December 2023"),
        ("How many children did the Devon neglect review look at?", DEVON, "nine children"),
        ("How old was Child B?", CHILD_B, "aged 5"),
    ],
)
def test_questions_about_a_review_lead_with_its_profile(client, question, document, fact):
    body = ask(client, question)
    first_sentence = body["answer"].split("[1]")[0]
    assert body["grounded"] and fact in first_sentence, body["answer"]
    assert 1 <= len(body["citations"]) <= 2
    lead = body["citations"][0]
    assert lead["document"]["id"] == document and fact.split()[-1] in lead["text"]


def test_a_question_asking_two_facts_about_a_review_gets_both_and_only_their_sources(client):
    body = ask(client, "Who wrote the Child B review, and when was it completed?")
    first = body["answer"].split("\n")[0]
    assert "Suzy Kitching" in first and "December 2023" in first, first
    assert len(body["citations"]) == 1  # both facts stand in one item of the review
    # 'come out' asks when, with the review's name between 'did' and 'review'
    body = ask(client, "when did the Stoke review come out and who wrote it?")
    first = body["answer"].split("\n")[0]
    assert "Suzy Kitching" in first and "December 2023" in first, first
    body = ask(client, "Which partnership commissioned the Child B review, and who wrote it?")
    first = body["answer"].split("\n")[0]
    assert "Suzy Kitching" in first and "Stoke-on-Trent" in first, first
    assert len(body["citations"]) <= 2
    assert all(f"[{c['n']}]" in first for c in body["citations"])


@pytest.mark.parametrize(
    "question,facts",
    [
        ("Who wrote the Devon review and how many children did it look at?",
         ("Jane Wiffin", "nine children")),
        ("How old was Child B and when was the review written?", ("aged 5", "December 2023")),
        # how many: the sentence that counts them, with those it points back to ('He was …')
        ("How many children were in the Stoke review, and who wrote it?",
         ("two younger siblings", "Suzy Kitching")),
    ],
)  # fmt: skip
def test_a_fact_in_the_reviews_own_words_is_given_beside_another_asked(client, question, facts):
    """The number of children is said in the review's own sentence, the author in Reflect's:
    both are answered, each cited right after the sentence that says it (not both at the end),
    and nothing else is cited."""
    body = ask(client, question)
    lead = body["answer"].split("\n\n")[0]
    assert all(fact in lead for fact in facts), body["answer"]
    assert 1 <= len(body["citations"]) <= 2
    assert all(f"[{c['n']}]" in lead for c in body["citations"])
    assert "\n- " not in body["answer"]  # its sources are not listed again as bullets
    assert "It is dated" not in lead  # 'it' would be the child, not the review
    # each fact carries the citation of the passage that states it, where it is said
    for fact in facts:
        at = lead.index(fact)
        (source,) = [c for c in body["citations"] if fact in c["text"]]
        cited = lead.index(f"[{source['n']}]", at)
        assert not any(at < lead.index(other) < cited for other in facts), lead


def test_a_line_of_the_cases_story_is_cited_only_when_it_holds_all_the_best_passage_does(
    client,
):
    """Beside the learning on hostile parents, a timeline line that prints 'aggressive'
    ('Father was refusing entry to the home showing aggressive behaviour') is not cited: the
    story of one case earns a place only holding as much of the question as the best passage."""
    body = ask(client, "A parent gets aggressive when we raise concerns. What do the reviews say?")
    assert body["grounded"], body["answer"]
    assert [c for c in body["citations"][1:] if c["kind"] == "context"] == [], body["answer"]
    assert not any("refusing entry" in c["text"] for c in body["citations"])
    # asked for the case's story, its lines are what is cited
    body = ask(client, "What happened in the Child B case before the seizure?")
    assert sum(c["kind"] == "context" for c in body["citations"]) >= 2, body["answer"]


def test_a_question_asking_which_document_is_answered_with_its_title_first(client):
    """'Which review is about …?' is answered by naming the review, then the passage that
    shows it; asked for several, the documents cited are named in the order they are cited."""
    body = ask(client, "which review is about a baby who had a seizure and has twin brothers?")
    assert body["grounded"], body["answer"]
    first = body["answer"].split("\n")[0]
    assert first == f"That is *{body['citations'][0]['document']['title']}*.", first
    assert body["citations"][0]["document"]["id"] == CHILD_B
    body = ask(client, "Which reviews talk about young carers?")
    first = body["answer"].split("\n")[0]
    titles = list(dict.fromkeys(c["document"]["title"] for c in body["citations"]))
    assert first.startswith("The document") and all(f"*{t}*" in first for t in titles), first
    # a report to make is not a document of the library's asked for
    assert not ask(client, "What report should I make about missed appointments?")[
        "answer"
    ].startswith("That is")


def test_a_fact_asked_that_the_review_does_not_state_is_said_to_be_missing(client):
    profile = client.get(f"/api/documents/{DEVON}").json()["profile"]
    assert "date" not in profile and "author" in profile  # the Devon summary gives no date
    body = ask(client, "Who wrote the Devon thematic review, and when?")
    first = body["answer"].split("\n")[0]
    assert profile["author"]["value"] in first, first
    assert first.endswith("] It does not say when it was written."), first
    assert len(body["citations"]) == 1


def test_a_review_that_states_none_of_what_was_asked_says_so_and_cites_nothing(client):
    body = ask(client, "Who was the author of the Case Study 1 seven-minute briefing?")
    assert body["answer"] == "*Neglect Case Study 1: 7-minute briefing* does not say who wrote it."
    assert body["citations"] == []
    # the library's catalogue gives what the text does not, and says where it comes from
    body = ask(client, "What year is the Child AK briefing from?")
    assert body["answer"] == (
        "For *Child AK learning briefing*, the library's catalogue gives the date 2025; the "
        "document itself does not say."
    ), body["answer"]


def test_a_title_the_question_quotes_is_not_taken_for_the_review_it_describes(client):
    question = "Who published ‘Neglect: learning from case reviews’, which the local learning uses?"
    body = ask(client, question)
    assert "NSPCC" in body["citations"][0]["text"]


def test_the_profile_is_on_the_document(client):
    profile = client.get(f"/api/documents/{DEVON}").json()["profile"]
    assert profile["author"]["value"] == "Jane Wiffin"
    assert "published" in profile["publication"]["sentence"]
    assert profile["author"]["citation"]["document"]["id"] == DEVON
    points = profile["key_points"]
    assert points["citations"] and all(
        points["heading"] in c["section"] for c in points["citations"]
    )
    page = client.get(f"/documents/{DEVON}").text
    assert "About this document" in page and "Jane Wiffin" in page
    assert points["heading"] in page


@pytest.mark.parametrize(
    "question,kinds",
    [
        ("What should practitioners do when parents refuse access to the home?",
         {"recommendation", "learning_point", "action"}),
        ("What is disguised compliance?", {"definition", "context"}),
        ("What went well for Child AK?", {"good_practice"}),
        ("What has changed in Devon since the review?", {"action"}),
        ("What questions could a team reflect on about cumulative harm?",
         {"reflective_question"}),
    ],
)  # fmt: skip
def test_the_answer_leads_with_what_was_asked_for(client, question, kinds):
    body = ask(client, question)
    assert body["grounded"], body["answer"]
    assert body["citations"][0]["kind"] in kinds, body["citations"][0]
    lines = [line for line in body["answer"].split("\n") if line]
    if lines[0].startswith("Under “"):  # a review's own list of what was asked for, in order
        lines = lines[1:]
    assert lines[0].endswith("[1]")  # the answer comes first


def test_what_should_be_done_leads_with_what_the_reviews_recommend_before_what_changed(client):
    body = ask(client, "What should be done about children not brought to hospital appointments?")
    assert body["citations"][0]["kind"] == "recommendation", body["citations"][0]["label"]
    # only what to do puts one role before another: background does not lead 'what are'
    body = ask(client, "What are the risks of medication in the home?")
    assert "medication" in body["citations"][0]["text"], body["citations"][0]["text"]


def test_a_problem_with_no_action_says_so_or_leads_with_an_action(client):
    body = ask(client, "What should I do about IT systems that hide a family's history?")
    lead_kind = body["citations"][0]["kind"]
    stated = "do not set out an action" in body["answer"]
    assert lead_kind in {"recommendation", "learning_point", "action"} or stated


@pytest.mark.parametrize(
    "question",
    [
        "What should I do if a family keeps cancelling home visits?",
        "What should I do about IT systems that hide a family's history?",
        "How should I respond when parents will not let me see the children's bedrooms?",
    ],
)
def test_an_answer_never_says_there_is_no_action_beside_an_action_it_cites(client, question):
    body = ask(client, question)
    actions = {"recommendation", "learning_point", "action", "consideration"}
    if "do not set out an action" in body["answer"]:
        assert not {c["kind"] for c in body["citations"]} & actions, body["answer"]


def test_an_answer_says_nothing_has_changed_only_when_the_review_asked_of_cites_no_change(client):
    # Devon's changes are not the Child B review's: said so, and said to be another review's
    body = ask(client, "What changes were made after the Child B review?")
    assert body["answer"].startswith("*Child B and siblings"), body["answer"]
    assert "changes cited here are from other reviews" in body["answer"].split("\n")[0]
    changes = [c for c in body["citations"] if c["kind"] == "action"]
    assert changes and all(c["document"]["id"] != CHILD_B for c in changes)
    # no review named: a change cited is one
    body = ask(client, "What changes were made after the neglect reviews?")
    assert "do not say what has changed" not in body["answer"], body["answer"]
    assert "action" in {c["kind"] for c in body["citations"]}


def test_words_that_name_the_document_asked_of_are_not_the_topic_of_its_questions(client):
    """'…after the neglect case study': 'study' names the briefing; it is not what its
    questions must be about."""
    body = ask(client, "what questions should senior leaders ask after the neglect case study")
    assert body["grounded"] and not body["answer"].startswith("None of"), body["answer"]
    first = body["citations"][0]
    assert first["kind"] == "reflective_question"
    assert first["document"]["id"] == "neglect-case-study-1-7-minute-briefing"


def test_questions_asked_for_a_meeting_are_the_named_reviews_own_in_its_order(client):
    """'for a supervision session' says what the questions are for, not what they are on; 'the
    AK review' names the Child AK briefing by its letters alone."""
    body = ask(client, "Can you give me questions for a supervision session on the AK review?")
    assert body["grounded"], body["answer"]
    cited = body["citations"]
    assert {c["document"]["id"] for c in cited} == {"child-ak-learning-briefing"}
    assert {c["kind"] for c in cited} == {"reflective_question"}
    assert [c["label"] for c in cited][:2] == ["Question 1", "Question 2"]


def test_a_named_reviews_questions_for_leaders_are_its_list_for_leaders(client):
    body = ask(client, "What questions does the neglect case study ask of leaders?")
    labels = [c["label"] for c in body["citations"]]
    assert labels and all(label.startswith("Leaders' question") for label in labels), labels
    assert labels[0] == "Leaders' question 1"


@pytest.mark.parametrize(
    "question",
    [
        "We are reviewing how our partnership handles neglect. What should leaders ask?",
        "Thinking about cumulative neglect, what could a team manager ask?",
    ],
)
def test_asking_what_someone_should_ask_is_answered_with_questions(client, question):
    """'What should leaders ask?' asks for questions, though it never says 'questions'; what
    one may ask about a thing is not a request for questions."""
    body = ask(client, question)
    assert body["grounded"], body["answer"]
    assert body["citations"][0]["kind"] == "reflective_question", body["citations"][0]


def test_a_question_on_the_topic_ranked_below_the_lead_leads_a_request_for_questions():
    """Asked for questions on a topic, the answer never says none is on it while one is."""
    from app.answers.compose import compose
    from app.answers.intent import read
    from app.answers.lead import Passage
    from app.search.decision import Coverage

    def item(i: str, kind: str, text: str) -> Item:
        return Item(i, "d", "D", "S", ("S",), f"Point {i}", kind, text, 0, len(text), int(i))

    findings = [
        item(str(k), "practice_issue", "Schools noticed poverty at home.") for k in range(5)
    ]
    question = item("9", "reflective_question", "How do we tell poverty from neglect?")
    passages = [*(Passage(f, 0.6) for f in findings), Passage(question, 0.5)]  # past the first few
    covered = Coverage("covered", 1.0, 0.6, found=("poverty",))
    asked = read("What questions could a team discuss about poverty?")
    answer = compose("q", asked, passages, covered, "")
    assert not answer.text.startswith("None of"), answer.text
    assert answer.citations[0].id == "9"


def test_what_questions_are_on_is_not_taken_for_what_they_are_for(client):
    """'for young carers' at the end of a request is its topic, not its audience."""
    body = ask(client, "reflective questions for young carers")
    assert body["answer"].startswith(
        "None of the documents' questions for reflection mentions young carers."
    ), body["answer"]


@pytest.mark.parametrize(
    "question,first",
    [
        ("What recommendations did the Stoke review make?", "Practice recommendation 1"),
        ("What questions does the North Yorkshire briefing ask?", "Question 1"),
    ],
)
def test_a_review_named_by_its_publisher_gives_its_own_list(client, question, first):
    body = ask(client, question)
    assert body["answer"].startswith("Under “"), body["answer"]
    assert body["citations"][0]["label"] == first


@pytest.mark.parametrize(
    "question,names",
    [
        ("what did the AK briefing say about step-down", True),
        ("tell me about child ak", True),
        ("is there a plan B when parents refuse early help", False),  # one letter names no one
        ("ak47 toy guns at home", False),  # letters run into a word
        ("the ak briefing", False),  # letters alone only as written, in capitals
        ("what should the AK do next", False),  # and only before a word for a document
    ],
)
def test_a_review_is_named_by_its_letters_alone_only_as_written(question, names):
    from app.search.naming import mention_pattern

    named = [
        p.search(question) is not None
        for p in (mention_pattern("Child AK learning briefing", "Child AK"),
                  mention_pattern("Child B and siblings", "Child B"))
    ]  # fmt: skip
    assert any(named) is names


def test_a_passage_holding_only_the_name_of_the_review_asked_of_is_not_cited(client):
    """Every passage of the North Yorkshire briefing holds 'North Yorkshire'; a question of it
    about quieter children cites none of its questions that are about something else."""
    body = ask(client, "What did the North Yorkshire briefing say about quieter children?")
    assert body["grounded"], body["answer"]
    questions = [c["text"] for c in body["citations"] if c["kind"] == "reflective_question"]
    assert questions and all("quiet" in q.lower() for q in questions), questions


@pytest.mark.parametrize(
    "question", ["what does cumulative harm mean", "What is meant by cumulative harm?"]
)
def test_what_a_term_means_is_not_answered_with_a_question_that_prints_it(client, question):
    # 'How do we ensure cumulative harm is recognised, not normalised?' asks; it does not say
    body = ask(client, question)
    assert body["grounded"], body["answer"]
    lead = body["citations"][0]
    assert lead["kind"] != "reflective_question", lead
    assert "cumulative harm" in lead["text"].lower()


def test_an_acronym_the_review_holds_is_a_topic_within_it_not_the_review_as_a_whole(client):
    """'ICB' is not said back (it might be a name), but it is what the question is about: the
    answer is the Stoke review's recommendation to the ICB, not its whole summary."""
    body = ask(client, "In the Stoke review, what did the ICB get asked to do?")
    assert body["grounded"], body["answer"]
    assert "Integrated Care Board" in body["citations"][0]["text"], body["answer"]


def test_a_topic_too_common_to_judge_coverage_by_is_still_a_topic_within_a_review(client):
    """'early help' is printed by so much of the library that it does not count toward
    coverage; asked of one review it is still what the question is about. Before, 'What does the
    Child AK briefing say about early help?' got the briefing's whole summary and list."""
    body = ask(client, "What does the Child AK briefing say about early help?")
    assert body["grounded"], body["answer"]
    assert "early help" in body["citations"][0]["text"].lower(), body["answer"]
    assert "**Areas for Development**" not in body["answer"]


def test_a_passage_of_the_kind_asked_for_leads_only_when_it_holds_the_question(client):
    # a learning point about adult services is nearest; the one about hostile parents answers
    body = ask(client, "How should managers support staff working with hostile parents?")
    assert "hostile" in body["citations"][0]["text"].lower()


def test_a_passage_far_in_meaning_leads_only_when_it_holds_as_much_of_the_question(client):
    # nothing is close in meaning; the passage that prints 'full report' answers
    body = ask(client, "Why has the full report not been made public?")
    assert "full report will not be published" in body["citations"][0]["text"]


def test_what_to_ask_oneself_is_answered_with_questions_not_a_missing_action(client):
    body = ask(client, "What should managers ask themselves about neglect tools?")
    assert body["citations"][0]["kind"] == "reflective_question"
    assert "do not set out an action" not in body["answer"]


def test_good_practice_leading_is_not_called_a_problem_without_an_action(client):
    body = ask(client, "What should health visitors do when concerns escalate?")
    assert body["citations"][0]["kind"] == "good_practice"  # they responded promptly
    assert "do not set out an action" not in body["answer"]


def test_only_passages_that_hold_the_question_are_cited(client):
    body = ask(client, "What did reviewers notice about challenge fatigue?")
    texts = [c["text"].lower() for c in body["citations"]]
    assert "fatigue" in texts[0]
    assert all("challenge" in t or "fatigue" in t for t in texts)


@pytest.mark.parametrize(
    "question",
    [
        "Which social worker was to blame for what happened to Child B?",
        "Was the health visitor in the Child AK case disciplined?",
    ],
)
def test_questions_about_blame_are_answered_in_the_reviews_own_terms(client, question):
    body = ask(client, question)
    assert body["grounded"] is False
    assert "not conducted to hold individuals to account" in body["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "How many home visits a month should a family on a neglect plan get?",
        "How many weeks after a strategy discussion should an initial conference be held?",
        "How much is the fine if a parent keeps their kid off school?",
    ],
)
def test_a_figure_no_passage_gives_is_refused_as_a_figure(client, question):
    """Passages on visits, conferences or a father worried about a fine share the question's
    words; none states the figure asked for."""
    body = ask(client, question)
    assert body["grounded"] is False
    assert body["answer"].startswith("The library does not cover the figure you ask for."), body


@pytest.mark.parametrize(
    "question,figure",
    [
        ("what share of his hospital appointments was Child B brought to", "24%"),
        ("how many kids did the devon review look at", "nine children"),
    ],
)
def test_a_figure_asked_of_a_named_review_leads_its_answer(client, question, figure):
    """Asked of a review it names, a figure comes from the review's own profile and passages."""
    body = ask(client, question)
    assert body["grounded"] is True
    assert figure in body["answer"].split("\n")[0], body["answer"]


def test_a_passage_that_reads_as_an_answer_is_cited_beside_the_one_that_holds_as_much(client):
    """The learning that names severe obesity as a safeguarding concern answers the question as
    well as the case that had it, though further from it in meaning: both are cited, and the
    answer never says the reviews give no action."""
    body = ask(client, "is a very obese child a safeguarding issue")
    texts = [c["text"] for c in body["citations"]]
    assert any(t.startswith("Recognising specific concerns such as severe obesity") for t in texts)
    assert "do not set out an action" not in body["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "Is it illegal to leave a 10 year old to babysit a younger sibling?",
        "What does the law say about how often a child in need must be visited?",
        # a passage that speaks of the law, but does not read as an answer to the question
        "How long do legal proceedings last in care cases?",
        "What is the statutory timescale for holding an initial child protection conference?",
    ],
)
def test_what_the_law_requires_is_refused_when_no_passage_speaks_of_the_law(client, question):
    body = ask(client, question)
    assert body["grounded"] is False and body["coverage"] == "none"
    assert body["answer"].startswith("The library does not cover what the law says or requires.")
    assert body["citations"] == []


def test_a_question_on_the_law_is_answered_by_the_passage_that_speaks_of_it(client):
    body = ask(
        client, "What does legislation say about supporting parents with learning disabilities?"
    )
    assert body["grounded"] is True
    assert body["citations"][0]["text"].startswith("Legislation and guidance")


def test_law_enforcement_is_the_police_not_a_question_on_the_law(client):
    body = ask(client, "How should law enforcement share information with children's social care?")
    assert body["grounded"] is True
    for question in (
        "Did the grandparents or in-laws help look after the children?",
        "How should practitioners involve the child's legal guardian in an assessment?",
        "How did law-enforcement agencies record home conditions?",
        "Which statutory services were involved with Child B?",
    ):
        assert "the law" not in ask(client, question)["answer"], question


def test_a_question_on_the_law_is_refused_with_the_practice_learning_nearby(client):
    # no passage speaks of the law, but one reads as an answer to the rest of what is asked
    body = ask(
        client, "Do I legally need parental consent before sharing safeguarding information?"
    )
    assert body["grounded"] is False and body["coverage"] == "partial"
    assert body["answer"].startswith("The library does not cover what the law says or requires.")
    assert "consent" in body["citations"][0]["text"]
    # the law a named review speaks of is held with the review's name
    body = ask(client, "What does the Stoke review say about the legal case?")
    assert body["grounded"] is True and "legal proceedings" in body["citations"][0]["text"]


def test_a_partly_covered_question_says_what_is_missing_and_what_is_near(client):
    body = ask(client, "What is the threshold for a section 47 enquiry?")
    assert body["coverage"] == "partial" and body["grounded"] is False
    assert body["answer"].startswith("The library does not cover section 47")
    assert len(body["citations"]) == 1 and "threshold" in body["citations"][0]["text"].lower()


def test_names_are_never_said_back(client):
    body = ask(client, "What did the Arthur Labinjo-Hughes national review recommend?")
    assert body["coverage"] == "none" and "Labinjo" not in body["answer"]
    assert "the person, place or review you name" in body["answer"]


def test_a_follow_up_is_read_with_the_question_before_it(client):
    first = "What do the reviews say about missed health appointments?"
    body = ask(client, "What about for babies?", [first])
    assert body.get("searched", "").startswith(first)
    assert "Read with your earlier question" in body["answer"]
    alone = ask(client, "What is disguised compliance?", [first])
    assert "searched" not in alone  # a question that stands alone is answered alone


def test_citation_markers_match_the_citations(client):
    body = ask(client, "How should practitioners work with parents who have learning needs?")
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", body["answer"])}
    assert markers == set(range(1, len(body["citations"]) + 1))


def test_the_library_page_counts_each_documents_items(client):
    page = client.get("/documents").text
    assert "built-in method" not in page
    assert re.search(r"\d+ learning items:\s+\d+ ", page)


def test_a_hyphenated_term_is_covered_only_when_a_passage_holds_it_whole(client):
    """'self-harm' is one thing: passages that print 'self' (in 'self report') and 'harm'
    apart do not hold it, and the nearby passage offered is not one of them."""
    body = ask(client, "What do the reviews say about self-harm in teenagers?")
    assert body["grounded"] is False and body["coverage"] in ("partial", "none")
    assert body["answer"].startswith("The library does not cover self-harm")
    assert all("self report" not in c["text"].lower() for c in body["citations"])
    # one concept and a common word ('based') joined are still one term, held only whole
    body = ask(client, "How do I identify a child at risk of honour-based abuse?")
    assert body["grounded"] is False
    assert body["answer"].startswith("The library does not cover honour-based abuse.")
    # a prefix makes another word of a common one the library never prints: 'co-sleeping' is a
    # term, not phrasing to pass over ('baby' and 'dangerous' alone are not what it asks)
    body = ask(client, "is co-sleeping with a baby dangerous")
    assert body["grounded"] is False
    assert body["answer"].startswith("The library does not cover co-sleeping."), body["answer"]
    # a particle after a common word does not ('joined-up working' is how people say it)
    assert ask(client, "what do the reviews say about joined-up working between agencies?")[
        "grounded"
    ]


def test_self_and_the_word_after_it_are_one_term_written_with_or_without_a_hyphen(client):
    body = ask(client, "Is self neglect in parents covered?")
    assert body["grounded"] is False
    assert body["answer"].startswith("The library does not cover self-neglect."), body["answer"]
    body = ask(client, "What do the reviews say about adolescents who self harm?")
    assert body["grounded"] is False
    assert body["answer"].startswith("The library does not cover self-harm."), body["answer"]
    # the passage offered as nearby holds what the answer says it is on
    assert body["answer"].split(".")[1].strip().startswith("The nearest it comes is on adolescents")
    assert all("adolescen" in c["text"].lower() for c in body["citations"])
    body = ask(
        client, "A teenager is self harming and CAMHS have a long waiting list. Any learning?"
    )
    assert "self," not in body["answer"] and "self or" not in body["answer"]  # not said apart
    assert ask(client, "What do the reviews say about parental self report?")["grounded"] is True


def test_a_refusal_says_what_is_missing_and_what_is_near_as_the_question_writes_them(client):
    # 'call-out' is one word; its part 'out' is not said apart from it
    body = ask(client, "What should police do when they find a dirty house on a call-out?")
    assert body["answer"].startswith("The library does not cover call-out."), body["answer"]
    # a dash with spaces round it parts two things
    body = ask(client, "What does the library say on neglect - trampolines?")
    assert body["answer"].startswith("The library does not cover trampolines."), body["answer"]
    # the partnership that published a briefing is not missing; 'domestic abuse' is said whole
    asked = "what does the north yorkshire briefing say on domestic abuse and trampolines"
    body = ask(client, asked)
    first, _, rest = body["answer"].partition(". ")
    assert first == "The library does not cover trampolines", body["answer"]
    assert "domestic abuse" in rest.split(":")[0] and "domestic and abuse" not in rest


def test_a_refusal_names_a_hyphenated_word_whole_and_never_a_pair_cut_across_it(client):
    """'self-neglect' is one word: 'act self' is no term of the question, and what a missing
    term is said to be starts at the word's start, not at 'neglect'."""
    body = ask(client, "Does the Care Act self-neglect duty apply to parents?")
    first = body["answer"].partition(". ")[0]
    assert first.startswith("The library does not cover self-neglect duty"), first
    assert "act self" not in body["answer"].lower()
    body = ask(client, "How should adult services respond to a parent's self-neglect hoarding?")
    first = body["answer"].partition(". ")[0]
    assert first == "The library does not cover self-neglect hoarding", first


def test_a_refusal_offers_no_passage_for_holding_only_the_kind_of_item_asked_for(client):
    """'recommendations' of 'any recommendations about forced marriage?' is what is asked for:
    a passage that holds only that is not what the library says nearby."""
    body = ask(client, "Are there any recommendations about forced marriage?")
    assert body["answer"].startswith("The library does not cover forced marriage."), body
    assert "nearest it comes" not in body["answer"] and not body["citations"], body["answer"]
    assert body["coverage"] == "none"  # with nothing near to give, none of it is covered


def test_an_abbreviation_not_held_is_refused_without_being_called_a_name(client):
    body = ask(client, "What is the guidance on FGM?")
    assert body["grounded"] is False
    assert body["answer"].startswith("The library does not cover the abbreviation you use.")
    assert "FGM" not in body["answer"]  # capitals may be a child's initials: never said back


def test_a_name_the_guard_took_out_is_called_a_name_not_an_abbreviation(client):
    """What reaches the answerer after the personal-data guard: '[NAME]' in place of a name."""
    question = "What did the review find about [NAME] and the trampoline?"
    answer = client.app.state.services.answerer.answer(question)
    assert answer.text.startswith(f"The library does not cover trampoline or {NAMED}."), answer


@pytest.mark.parametrize(
    "question,said",
    [
        ("What do LADOs do?", ABBREVIATED),  # initials in the plural are still initials
        ("Frenulum tears in babies: what should I look for?", UNPRINTED),  # only starts it
        ("What did the review say about Ms Okonkwo?", NAMED),
    ],
)
def test_what_a_refusal_calls_a_word_it_will_not_say_back(client, question, said):
    library = client.app.state.services.library
    unsayable = [c for c in concepts_of(question, library) if not sayable(c)]
    assert unsayable and unsaid_lacking(unsayable, question) == said


def test_a_rare_word_written_in_lower_case_is_not_called_a_name(client):
    """'frenulum' is no common English word, so it is not said back; the asker named no one."""
    body = ask(client, "Baby has a torn frenulum, is that a sign of abuse?")
    assert body["grounded"] is False and "frenulum" not in body["answer"]
    assert body["answer"].startswith("The library does not cover a term you use."), body
    assert "you name" not in body["answer"]


def test_an_abbreviation_the_tagger_reads_as_a_verb_is_still_what_is_asked_about(client):
    body = ask(client, "How do I make a referral to CAMHS?")  # tagged a verb, once dropped
    assert body["grounded"] is False, body["answer"]
    assert "CAMHS" not in body["answer"]
    body = ask(client, "What did the reviews find about CAMHS?")
    assert body["grounded"], body["answer"]
    assert "CAMHS" in body["citations"][0]["text"]
    # capitals for emphasis, a common abbreviation, or a question written all in capitals
    library = client.app.state.services.answerer.library
    for question in ("What if a parent NEVER attends?", "Who do I call ASAP?", "WHO IS MASH?"):
        assert all(c.pos != "PROPN" for c in concepts_of(question, library)), question


def test_a_rare_word_the_library_never_prints_is_not_answered_from_near_misses(client):
    body = ask(client, "What should I do if I think a child has been trafficked?")
    assert body["grounded"] is False
    assert body["answer"].startswith("The library does not cover trafficked")


def test_an_age_is_not_taken_for_a_topic(client):
    body = ask(client, "A 14-year-old is running away from home a lot. Is it neglect?")
    assert body["grounded"] is True, body["answer"]
    assert "adolescent" in body["citations"][0]["text"].lower()


def test_a_timeline_entry_of_two_words_is_never_cited(client):
    body = ask(client, "The family stopped engaging and early help closed the case. What now?")
    assert body["grounded"] is True
    assert all(len(c["text"].split()) >= 5 for c in body["citations"]), body["citations"]


@pytest.mark.parametrize(
    "question",
    [
        "What went wrong in the Devon families?",
        "What happened to Child AK?",
        "What did the Case Study 1 briefing find?",
        "Tell me about the Child B review",
        "What went wrong in the Stoke case?",  # a review called by its case
        "What happened in Child AK's case?",
    ],
)
def test_a_question_about_a_review_as_a_whole_gets_its_summary_and_its_own_list(client, question):
    body = ask(client, question)
    assert body["grounded"], body["answer"]
    cited = body["citations"]
    assert len({c["document"]["id"] for c in cited}) == 1  # the review asked about, only
    assert cited[0]["kind"] == "context"  # its own summary first
    lines = body["answer"].split("\n")
    assert lines[0].endswith("]")
    heading = next(line.strip("*") for line in lines if line.startswith("**"))
    listed = [c for c in cited if c["n"] > 1 and c["kind"] != "context"]
    assert listed and all(heading in c["section"] for c in listed), (heading, listed)


def test_a_case_within_a_named_review_is_a_topic_not_the_review_as_a_whole(client):
    body = ask(client, "In the Stoke review, why was the case closed?")
    assert "closed" in body["citations"][0]["text"].lower(), body["citations"][0]["text"]


def test_a_what_is_question_leads_with_the_sentence_that_defines_the_term(client):
    body = ask(client, "What is a lateral check?")
    first = body["answer"].split("\n")[0]
    assert re.match(r"^\W*lateral check\W* is\b", first, re.I), first


def test_a_term_quoted_and_pointed_to_is_answered_with_its_definition(client):
    body = ask(client, "midwives keep mentioning 'lateral checks' - what does that actually mean")
    first = body["answer"].split("\n")[0]
    assert re.match(r"^\W*lateral check\W* is\b", first, re.I), first


def test_a_term_no_passage_defines_is_said_to_be_undefined_before_what_is_said_of_it(client):
    """'What is cumulative harm?': the reviews ask practitioners to recognise it but none says
    what it is; a recommendation is not offered as its definition."""
    body = ask(client, "What is cumulative harm?")
    assert body["grounded"], body["answer"]
    first, lead = body["answer"].split("\n")[0], body["citations"][0]["text"]
    assert first.startswith("No passage found defines cumulative harm."), first
    assert "cumulative harm" in lead.lower(), lead
    defined = ask(client, "What is a lateral check?")["answer"]
    assert not defined.startswith("No passage found defines"), defined


def test_words_that_run_on_in_the_question_are_named_as_one_term(client):
    """'emergency protection' and 'protection order' are one thing the library lacks."""
    body = ask(client, "When can a council apply for an emergency protection order?")
    assert body["grounded"] is False
    assert body["answer"].startswith("The library does not cover emergency protection order.")
    assert not body["citations"]  # a passage on a 'council house' shares a word and no more


def test_a_refusal_names_what_is_missing_by_its_weightiest_words(client):
    """'scald', not 'scald or hand': a word far commoner in the library than the one that is
    missing says nothing of what the library lacks."""
    body = ask(client, "My neighbour's son has a scald on his hand. What do the reviews say?")
    assert body["grounded"] is False
    assert body["answer"].startswith("The library does not cover scald."), body["answer"]


def test_a_term_asked_about_leads_with_a_passage_that_prints_it(client):
    # no passage says what 'was not brought' is; one that uses it says more than one that does not
    body = ask(client, "What does 'was not brought' mean?")
    first = body["answer"].split("\n")[0]
    assert re.search(r"\bwas not brought\b", first, re.I), first


@pytest.mark.parametrize(
    "question,missing",
    [
        ("What do the reviews say about forced marriage?", "forced marriage"),
        ("What about honour-based abuse?", "honour-based abuse"),
    ],
)
def test_a_refusal_names_what_is_missing_as_the_asker_put_it(client, question, missing):
    body = ask(client, question)
    assert body["grounded"] is False
    assert body["answer"].startswith(f"The library does not cover {missing}."), body["answer"]
    assert not body["citations"]  # 'abuse' alone is not what the library holds nearby


@pytest.mark.parametrize(
    "question,document,fact",
    [
        ("Who carried out the Devon thematic review?", DEVON, "author"),
        ("When was the Child B review completed?", CHILD_B, "date"),
    ],
)
def test_a_search_for_a_fact_about_a_review_finds_the_item_that_states_it_first(
    client, question, document, fact
):
    profile = client.get(f"/api/documents/{document}").json()["profile"]
    stated_in = profile[fact]["citation"]["id"]
    results = client.get("/api/search", params={"q": question}).json()["results"]
    assert results[0]["id"] == stated_in, results[0]
    assert len({r["id"] for r in results}) == len(results)  # no passage twice


@pytest.mark.parametrize(
    "question",
    [
        "Who should I talk to if I think a decision to close a case was wrong?",
        "what helps a child's voice be heard",
    ],
)
def test_a_search_is_led_by_the_passage_the_answer_leads_with(client, question):
    lead = ask(client, question)["citations"][0]
    results = client.get("/api/search", params={"q": question}).json()["results"]
    assert results[0]["id"] == lead["id"], (results[0]["label"], lead["label"])
    assert len({r["id"] for r in results}) == len(results) == 5  # no passage twice


def test_a_search_about_one_review_as_a_whole_finds_its_summary_then_its_own_list(client):
    question = "What went wrong in the Devon families?"
    profile = client.get(f"/api/documents/{DEVON}").json()["profile"]
    summary = {c["id"] for c in profile["summary"]["citations"]}
    points = [c["id"] for c in profile["key_points"]["citations"]]
    results = client.get("/api/search", params={"q": question}).json()["results"]
    assert results[0]["id"] in summary, results[0]
    assert [r["id"] for r in results[1:]] == points[:4]


def test_a_review_with_no_list_of_changes_gives_those_its_text_points_out(client):
    """The Stoke review keeps no section on what has changed, but says in passing that the
    Partnership has adopted a tool and that systems have changed: those, in its order, said
    to be so; never 'the passages found do not say'."""
    body = ask(client, "What has changed in Stoke since the Child B review?")
    first = body["answer"].split("\n")[0]
    assert first.endswith("has no list of what has changed, but points some out in its text:")
    texts = [c["text"] for c in body["citations"]]
    assert any("has adopted Graded Care Profile 2" in t for t in texts), texts
    assert all(c["document"]["id"] == CHILD_B for c in body["citations"]), body["citations"]


def test_a_review_that_says_nothing_of_what_changed_is_answered_plainly(client):
    body = ask(client, "What has changed since the Child AK review?")
    assert body["answer"].startswith("The passages found do not say what has changed"), body
    # a link or an instruction about the briefing is not a change, nor any answer
    assert not any("accessed here" in c["text"] or c["text"].startswith("Share your learning")
                   for c in body["citations"]), body["citations"]  # fmt: skip
    # what it asks to change is the nearest there is, said to be so; never the case's story
    # ('Child AK, a young child who was known to a range of agencies …')
    assert {c["kind"] for c in body["citations"]} <= set(with_role(LEARNING)), body["citations"]
    if body["citations"]:
        assert "This is what it asks to change:" in body["answer"].split("\n")[0], body


def test_questions_asked_for_on_a_topic_the_library_covers_are_never_refused(client):
    """None of the library's questions for reflection prints 'escalation', and ranked first
    they are all a search for questions finds; the library still covers escalation, so the
    answer says no question is on it and gives the learning to build one from."""
    body = ask(client, "Give me questions for managers on escalation")
    assert body["grounded"] is True, body["answer"]
    first = body["answer"].split("\n")[0]
    assert first.startswith("None of the documents' questions for reflection mentions escalation")
    assert all("escalat" in c["text"].lower() for c in body["citations"]), body["citations"]


def test_questions_asked_for_on_a_topic_no_question_covers_say_so_and_give_the_learning(client):
    """A trainer asking for questions on a topic gets told plainly when the documents set none
    on it, with the learning a question could start from, not questions on other things."""
    body = ask(client, "What questions could our team discuss about poverty and neglect?")
    lines = body["answer"].split("\n")
    assert lines[0] == (
        "None of the documents' questions for reflection mentions poverty, "
        "but one passage asks a question on it:"
    )
    assert body["citations"] and all("povert" in c["text"].lower() for c in body["citations"])
    # a passage on it that asks a question in its own text is the nearest there is: quoted whole
    asked = lines[1].removesuffix(" [1]")
    assert asked.endswith("?") and asked in body["citations"][0]["text"], lines
    body = ask(client, "What reflective questions are there about fathers?")
    assert body["answer"].startswith("None of the documents' questions for reflection mentions")
    assert not body["citations"]
    # none of the passages found is a question at all: said all the same, the topic whole
    body = ask(client, "Give me questions for a team meeting on disguised compliance")
    assert body["answer"].startswith(
        "None of the documents' questions for reflection mentions disguised compliance."
    )
    # a question the documents do set keeps leading
    body = ask(client, "What reflective questions are there for practitioners about chronologies?")
    assert body["citations"][0]["kind"] == "reflective_question"
    assert "chronolog" in body["citations"][0]["text"].lower()


@pytest.mark.parametrize(
    "question,topic",
    [
        ("Give me some questions to use in supervision about fathers", "fathers"),
        ("I need questions to get my team talking about home conditions", "home conditions"),
        # searched without 'supervision': the passage on teenagers is found, not refused
        ("Give me questions to use in supervision about teenagers", "teenagers"),
    ],
)
def test_what_questions_for_reflection_are_wanted_for_is_not_their_topic(client, question, topic):
    """The phrases before what questions are on say what they are for ('to use in supervision',
    'to get my team talking'); the answer speaks of the topic, never of 'supervision' or 'team'."""
    body = ask(client, question)
    first = body["answer"].split("\n")[0]
    none = f"None of the documents' questions for reflection mentions {topic}."
    # and says the learning that follows is to draw a question from
    these = "This passage" if len(body["citations"]) == 1 else "These passages"
    assert first == f"{none} {these} on it could be turned into questions:", first
    # and the learning a question could start from is on that topic, every word of it
    words = topic.removesuffix("s").split()
    assert body["citations"] and all(w in body["citations"][0]["text"].lower() for w in words)
    # on a topic every question of a library of neglect reviews is on, they lead, whatever for
    asked = "Which questions could I take into our team meeting to get colleagues reflecting on"
    body = ask(client, f"{asked} neglect?")
    assert body["grounded"] and body["citations"][0]["kind"] == "reflective_question", body


def test_what_questions_for_reflection_are_wanted_for_never_takes_their_topic_or_review(client):
    """Only a setting ('in supervision') or what people do in it ('to get people thinking') is
    what they are for: a review named there is still asked of, and a topic after a verb ('to
    challenge professional optimism about …') is still the topic."""
    body = ask(client, "What questions for reflection are there in the Child AK review on neglect?")
    assert body["answer"].startswith("Under “Questions for Reflection”"), body["answer"]
    assert {c["document"]["id"] for c in body["citations"]} == {"child-ak-learning-briefing"}
    library = client.app.state.services.answerer.library
    asked = "Questions to challenge professional optimism about parents' progress"
    assert "optimism" in {w for c in concepts_of(asked, library) for w in c.words}


def test_questions_asked_of_a_review_are_its_own_on_the_topic_whatever_they_are_for(client):
    """What questions are for ('for supervision', 'for a team meeting') is not what they are on,
    wherever the question puts it; questions from other documents offered in place of a
    review's own are those on what was asked."""
    body = ask(client, "discussion questions on the AK briefing for supervision")
    assert body["answer"].startswith("Under “Questions for Reflection”"), body["answer"]
    assert {c["document"]["id"] for c in body["citations"]} == {"child-ak-learning-briefing"}
    body = ask(client, "questions from the Devon review for a team meeting")
    assert body["grounded"], body["answer"]
    assert "sets out no questions for reflection of its own" in body["answer"].split("\n")[0]
    body = ask(client, "What questions does the Devon summary ask about schools?")
    assert "sets out no questions for reflection of its own" in body["answer"].split("\n")[0]
    questions = [c for c in body["citations"] if c["kind"] == "reflective_question"]
    assert questions and all("school" in c["text"].lower() for c in questions), body["answer"]
    # what a question is for is said only of questions: 'for bruising' is what this asks about
    body = ask(client, "protocol for bruising on a baby who isn't crawling yet?")
    assert "bruising" in body["answer"].split(".")[0], body["answer"]


@pytest.mark.parametrize(
    "question,document,heading",
    [
        ("What does 'What to do now' say in the Child AK briefing?",
         "child-ak-learning-briefing", "What to do now"),
        ("What are the reflective questions for leaders in Case Study 1?",
         "neglect-case-study-1-7-minute-briefing", "Reflective questions – leaders"),
    ],
)  # fmt: skip
def test_a_section_named_by_its_heading_is_answered_with_that_section_in_order(
    client, question, document, heading
):
    body = ask(client, question)
    assert body["answer"].startswith(f"Under “{heading}”"), body["answer"]
    section = next(
        s for s in client.get(f"/api/documents/{document}").json()["sections"]
        if s["title"].endswith(heading)
    )  # fmt: skip
    in_order = [i["id"] for i in section["items"]]
    cited = [c["id"] for c in body["citations"]]
    assert cited and set(cited) <= set(in_order), body["citations"]
    assert cited == sorted(cited, key=in_order.index)  # as the document prints them
    assert not any("accessed here" in c["text"] for c in body["citations"])  # a link is not said
    results = client.get("/api/search", params={"q": question}).json()["results"]
    assert results[0]["id"] == cited[0]


@pytest.mark.parametrize(
    "question,document,kind",
    [
        ("What did the Child AK review recommend?", "child-ak-learning-briefing", "recommendation"),
        ("What recommendations did the Child B review make?", CHILD_B, "recommendation"),
        ("What questions does the Child AK briefing ask?", "child-ak-learning-briefing",
         "reflective_question"),
        # what has changed, asked in the words of a change
        ("What has Devon changed since its review?", DEVON, "action"),
    ],
)  # fmt: skip
def test_a_kind_asked_of_one_named_review_is_its_own_list_in_order(
    client, question, document, kind
):
    body = ask(client, question)
    assert body["answer"].startswith("Under “"), body["answer"]
    cited = body["citations"]
    assert {c["document"]["id"] for c in cited} == {document}  # no other review's
    assert {c["kind"] for c in cited} == {kind}
    items = [i for s in client.get(f"/api/documents/{document}").json()["sections"]
             for i in s["items"]]  # fmt: skip
    ids = [i["id"] for i in items]
    assert [c["id"] for c in cited] == sorted((c["id"] for c in cited), key=ids.index)
    listed = [i for i in items if i["kind"] == kind]
    if len(listed) > len(cited):  # the rest are counted, under their own headings
        assert re.search(r"\d+ more under “", body["answer"]), body["answer"]
    # the list under the heading it opens with is given whole, not six of it and a count
    sections = client.get(f"/api/documents/{document}").json()["sections"]
    first = next(s for s in sections if cited[0]["id"] in {i["id"] for i in s["items"]})
    under = [i for i in first["items"] if i["kind"] == kind]
    assert len(cited) == min(len(under), MAX_LISTED), (len(cited), len(under))


def test_a_name_in_capitals_is_covered_only_where_the_library_prints_it_whole(client):
    body = ask(client, "Tell me about Signs of Safety as a practice model.")
    assert body["grounded"] is False, body["answer"]
    assert not any("Signs of" in c["text"] for c in body["citations"])  # 'signs of neglect'
    assert "Signs of Safety" not in body["answer"]  # a name is never said back
    body = ask(client, "What does the Graded Care Profile help with?")
    assert body["grounded"], body["answer"]
    assert "Graded Care Profile" in body["citations"][0]["text"]


def test_questions_asked_of_a_review_that_has_none_are_said_to_come_from_elsewhere(client):
    body = ask(client, "What reflective questions does the Child B review have?")
    first = body["answer"].split("\n")[0]
    assert first.endswith("sets out no questions for reflection of its own; these are from "
                          "other documents."), first  # fmt: skip
    cited = body["citations"]
    assert cited and all(c["kind"] == "reflective_question" for c in cited), cited
    assert all(c["document"]["id"] != CHILD_B for c in cited)
    # no other document's question is on the topic either: the review's own learning on it
    body = ask(client, "reflective questions from the Stoke review about missed appointments")
    assert body["grounded"], body["answer"]
    lines = [line for line in body["answer"].split("\n") if line]
    assert lines[0].endswith("sets out no questions for reflection of its own."), lines[0]
    assert lines[1].startswith("None of the documents' questions for reflection mentions")
    cited = body["citations"]
    assert cited and all(c["document"]["id"] == CHILD_B for c in cited), cited
    assert "appointments" in cited[0]["text"]


def test_a_kind_a_review_does_not_keep_is_said_to_be_missing_before_anything_else(client):
    """Asked for its recommendations, a briefing that keeps learning points instead lists those,
    saying so; asked for good practice, a review that lists none says so before the passages
    nearest to it, so they are not taken for such a list."""
    body = ask(client, "What recommendations did the Neglect Case Study 1 briefing make?")
    first = body["answer"].split("\n")[0]
    assert first == (
        "*Neglect Case Study 1: 7-minute briefing* has no list of recommendations. "
        "Under “Key learning”, it says:"
    ), first
    cited = body["citations"]
    assert {c["kind"] for c in cited} == {"learning_point"}
    assert {c["document"]["id"] for c in cited} == {"neglect-case-study-1-7-minute-briefing"}
    assert "make" not in body["answer"]  # the question's verb is not a topic it lacks
    body = ask(client, "What learning points does the Child AK briefing give?")
    assert body["answer"].startswith(
        "*Child AK learning briefing* has no list of learning points. Under “"
    ), body["answer"]
    assert {c["kind"] for c in body["citations"]} == {"recommendation"}
    # … and, where its text points good practice out in passing, those passages, in its order
    body = ask(client, "What good practice did the Child B review find?")
    assert body["grounded"], body["answer"]
    assert body["answer"].split("\n")[0] == (
        "*Child B and siblings: local child safeguarding practice review* has no list of "
        "examples of good practice, but points some out in its text:"
    ), body["answer"]
    bullets = [line for line in body["answer"].split("\n") if line.startswith("- ")]
    assert len(bullets) == len(body["citations"]) >= 3, body["answer"]
    said = r"(good|positive|supportive|effective) practice|worked well"
    assert all(re.search(said, b, re.I) for b in bullets), bullets
    assert "Good Practice Guide" not in body["answer"]  # a title that names it is not it
    numbered = [tuple(map(int, re.findall(r"\d+", c["label"]))) for c in body["citations"]]
    assert numbered == sorted(numbered), numbered  # 'Paragraph 4.1.6', '… 4.1.7', '… 4.2.4'
    # said once of a review that also never mentions the topic, and 'good' of 'good practice'
    # is how it is asked, not a topic it lacks
    body = ask(client, "What good practice did the Devon review find about fathers?")
    first = body["answer"].split("\n")[0]
    assert first.count("Three families") == 1 and "good or" not in first, first
    # a word that asks for no list ('what is a good way', 'lessons … about') gets no such note
    for question in (
        "What is a good way to involve fathers, according to the Devon review?",
        "What lessons does the Child AK briefing give about home education?",
    ):
        assert "has no list of" not in ask(client, question)["answer"], question
    # what a review found is what it says, whatever it calls its points
    body = ask(client, "what did the NSPCC neglect learning find")
    assert "has no list of" not in body["answer"], body["answer"]
    # a review that keeps what is asked gets no such note
    assert "has no list of" not in ask(client, "What went well in the Child AK case?")["answer"]


def test_a_review_asked_about_a_topic_it_never_mentions_says_so_and_answers_from_others(client):
    body = ask(client, "What does the Devon review say about poverty?")
    assert body["answer"].startswith("*Three families thematic review")
    assert "does not mention poverty; these passages are from other documents" in body["answer"]
    assert body["citations"] and all(c["document"]["id"] != DEVON for c in body["citations"])
    assert all("poverty" in c["text"].lower() for c in body["citations"])
    # a review that does speak of it answers for itself
    own = ask(client, "What does the Child B review say about poverty?")
    assert "does not mention" not in own["answer"]
    assert own["citations"][0]["document"]["id"] == CHILD_B
    # what it does not mention is said as asked, two words side by side as one
    body = ask(client, "What does the Child AK briefing say about sexual exploitation?")
    assert "does not mention sexual exploitation;" in body["answer"], body["answer"]


def test_an_abbreviation_in_capitals_is_part_of_what_is_asked(client):
    # 'GP' is two letters, yet it is the question's subject
    body = ask(
        client,
        "In the briefing where the two children were removed from home, what was the problem "
        "with the GP?",
    )
    assert re.search(r"\bGP\b", body["answer"].split("\n")[0]), body["answer"]


def test_a_plural_the_library_never_prints_finds_the_word_it_does(client):
    # the library says 'midwifery', never 'midwives'
    body = ask(client, "What is the learning for midwives?")
    assert body["coverage"] == "covered", body["answer"]
    assert re.search(r"midwifery|maternity", body["citations"][0]["text"], re.I)


def test_an_acronym_in_the_plural_is_the_one_the_library_prints(client):
    """'GPs' is the plural of the 'GP' the library prints, not a name it does not hold: before,
    'What should GPs take from these reviews?' was refused as naming someone."""
    body = ask(client, "What should GPs take from these reviews?")
    assert body["grounded"], body["answer"]
    assert any(re.search(r"\bGP\b", c["text"]) for c in body["citations"]), body["answer"]


def test_who_asks_is_not_what_they_ask_about(client):
    """A practitioner who says who they are first ('I'm a school DSL and …') is not asking
    about school DSLs: before, this was refused as not covering 'school DSL'."""
    question = (
        "I'm a school DSL and children's services keep saying our concerns don't meet "
        "threshold. Is there learning on this?"
    )
    body = ask(client, question)
    assert body["grounded"], body["answer"]
    assert "threshold" in body["citations"][0]["text"].lower(), body["answer"]
    # 'a little concerned about cuckooing' is no role: what it is about stays, and is refused
    body = ask(client, "I'm a little concerned about cuckooing and drugs, is there learning?")
    assert body["grounded"] is False, body["answer"]


def test_what_a_partnership_committed_to_is_what_it_will_do_next(client):
    """Before, this got the Devon summary's introduction and its list of findings."""
    body = ask(client, "What did the partnership commit to doing after the Devon review?")
    assert "next" in body["citations"][0]["section"].lower(), body["citations"][0]
    assert "**Summary of reflective points**" not in body["answer"]


def test_how_a_question_asks_is_not_what_it_asks_about(client):
    """'make sure' asks; 'sure' is no topic. Before, 'what should I do to make sure a quiet child
    is heard' was refused as not covering 'sure', though the reviews speak of quieter children."""
    body = ask(client, "what should I do to make sure a quiet child is heard")
    assert body["grounded"] is True, body["answer"]
    assert "quieter" in body["citations"][0]["text"].lower()
    body = ask(client, "How do I make sure a baby sleeps safely in a moses basket?")
    assert body["grounded"] is False
    assert body["answer"].startswith("The library does not cover"), body["answer"]
    said = body["answer"].split(". ")  # what it does not cover, then what it comes nearest on
    assert all("sure" not in sentence.split(":")[0] for sentence in said[:2]), body["answer"]


@pytest.mark.parametrize(
    "question,order",
    [
        ("What did the Stoke and Devon reviews recommend?", [CHILD_B, DEVON]),
        ("What did the Devon review and the Child B review recommend?", [DEVON, CHILD_B]),
        ("What did the Child B and Child AK reviews recommend?", [CHILD_B, CHILD_AK]),
        ("What did the Child AK and Child B reviews recommend?", [CHILD_AK, CHILD_B]),
    ],
)
def test_a_kind_asked_of_two_reviews_gives_each_ones_own_list_in_the_order_asked(
    client, question, order
):
    body = ask(client, question)
    assert body["grounded"] is True, body["answer"]
    # each review's own list under its own heading, the first named first
    assert body["answer"].count("Under “") == 2
    docs = [c["document"]["id"] for c in body["citations"]]
    assert list(dict.fromkeys(docs)) == order
    first = {
        d: next(c["label"] for c in body["citations"] if c["document"]["id"] == d) for d in order
    }
    own = {
        CHILD_B: "Practice recommendation 1",
        DEVON: "Consideration 1",
        CHILD_AK: "Recognise cumulative risk",
    }
    assert first == {d: own[d] for d in order}


def test_names_joined_by_and_are_held_when_each_is_and_refused_when_they_are_not(client):
    assert ask(client, "What did Stoke and Devon find about school attendance?")["grounded"]
    body = ask(client, "What did the Tyne and Wear review find about neglect?")
    assert body["grounded"] is False and "the person, place or review you name" in body["answer"]


def test_a_review_named_by_its_place_that_is_silent_on_the_topic_says_so(client):
    body = ask(client, "What does the North Yorkshire briefing say about consent?")
    assert body["grounded"] is True, body["answer"]
    assert body["answer"].startswith("*Child AK learning briefing* does not mention consent;")


def test_of_two_reviews_named_the_one_silent_on_the_topic_is_said_to_be(client):
    body = ask(client, "What do the Devon review and the Child AK briefing say about consent?")
    assert body["answer"].startswith("*Child AK learning briefing* does not mention consent.")
    assert {c["document"]["id"] for c in body["citations"]} == {DEVON}


def test_a_kind_asked_of_three_reviews_gives_each_ones_list(client):
    body = ask(
        client, "What recommendations did the Stoke, Devon and North Yorkshire reviews make?"
    )
    assert body["answer"].count("Under “") == 3
    assert len({c["document"]["id"] for c in body["citations"]}) == 3


def test_the_findings_of_a_review_are_its_own_summary_of_learning_not_a_timeline(client):
    body = ask(client, "What were the findings of the Stoke review?")
    assert "**Summary learning**" in body["answer"], body["answer"]


def test_a_listed_item_is_quoted_from_its_start_not_from_a_sentence_naming_a_review(client):
    # its second sentence names the 'Child Safeguarding Practice Review Panel'
    body = ask(client, "What did the Stoke review recommend?")
    assert (
        "- The Partnership to consider how it can strengthen practitioner skills"
        in (body["answer"])
    )


def test_what_questions_are_asked_for_is_not_a_topic_a_review_is_silent_on(client):
    for question in (
        "Summarise the Devon review and the Child AK briefing for my team meeting",
        "Summarise the Devon review and the Child AK briefing for my team meeting.",
    ):
        body = ask(client, question)
        assert body["grounded"] is True and "does not mention" not in body["answer"], question


def test_the_key_findings_of_a_review_are_its_own_summary_of_learning(client):
    body = ask(client, "What were the key findings of the Stoke review?")
    assert "**Summary learning**" in body["answer"], body["answer"]


def test_two_reviews_asked_on_a_topic_are_not_answered_with_their_whole_lists(client):
    # 'early help' is too common in the library to judge coverage by, and still the topic
    body = ask(
        client, "What did the North Yorkshire and Stoke-on-Trent reviews find about early help?"
    )
    assert body["grounded"] is True and "Under “" not in body["answer"], body["answer"]
    assert "early help" in body["citations"][0]["text"].lower()


def test_a_passage_from_a_review_not_named_beside_the_one_named_says_whose_it_is(client):
    body = ask(client, "What was Child AK admitted to hospital with?")
    child_ak = "child-ak-learning-briefing"
    assert body["citations"][0]["document"]["id"] == child_ak
    others = [c for c in body["citations"] if c["document"]["id"] != child_ak]
    assert others, "the answer cites only the named review: nothing to attribute"
    for c in others:
        assert f"[{c['n']}] (from another document: *{c['document']['title']}*)" in body["answer"]
    assert "[1] (from" not in body["answer"]


def test_a_refusal_offers_nothing_nearby_when_only_the_reviews_name_is_held(client):
    # a passage of the named review on something else is no help
    body = ask(client, "What did the North Yorkshire briefing say about FGM?")
    assert body["grounded"] is False and body["citations"] == [], body["answer"]
    assert "It holds 5 documents" in body["answer"]


def test_an_acronym_asked_of_in_the_plural_is_the_one_the_reviews_print(client):
    """'GPs' is 'GP' as the reviews write it, for the concepts and for the cross-encoder."""
    body = ask(client, "what did the reviews say about GPs")
    assert body["coverage"] == "covered"
    assert any(re.search(r"\bGP\b", c["text"]) for c in body["citations"][:2])


def test_the_passage_that_reads_best_as_an_answer_is_cited_in_whatever_words(client):
    """'say no' is not 'consent', and 'information' is how questions ask, not a topic: the
    passage on consent holds none of the question's words, yet reads best as its answer."""
    body = ask(client, "Can I share information with the school if the parents say no?")
    assert body["coverage"] == "covered"
    assert any("consent" in c["text"].lower() for c in body["citations"])
