"""The held-out question set: written by theme, by describing documents instead of naming them,
and about reviews themselves, in practitioners' and managers' words (the tuning set of
tests/data/questions.jsonl was written from the documents' sentences). Out-of-scope questions are
safeguarding topics the five documents do not hold. A seeded split gives each question a half:
`tune` may be used to adjust Reflect, `report` only to report figures.

python tests/data/heldout/make_questions.py  (rewrites questions.jsonl)
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20261123

# (intent, question, evidence phrases)
ANSWERABLE = [
    ("profile", "Who carried out the Devon thematic review?", ["undertaken by jane wiffin"]),
    (
        "profile",
        "Who was the lead reviewer for the Stoke report on Child B?",
        ["lead reviewer suzy kitching"],
    ),
    ("profile", "When was the Child B and siblings review completed?", ["date december 2023"]),
    (
        "profile",
        "How many children did the Devon neglect review look at?",
        ["involving nine children"],
    ),
    (
        "profile",
        "How many families were in the thematic review from Devon?",
        ["three unrelated family groups", "three separate families"],
    ),
    (
        "profile",
        "Why hasn't the full Devon report been published?",
        ["will not be published due to concerns about identifiability"],
    ),
    (
        "profile",
        "Which partnership commissioned the review into Child B?",
        ["commissioned by stoke-on-trent safeguarding children partnership"],
    ),
    (
        "profile",
        "How old was Child B at the time of the incident?",
        ["aged 5 at the time of the significant incident"],
    ),
    ("profile", "When was Child AK born?", ["child ak was born in 2020"]),
    ("profile", "How many children were in Child AK's family?", ["one of five children"]),
    (
        "profile",
        "How many children were in the family in the seven-minute neglect case study?",
        ["the two children in the family"],
    ),
    (
        "profile",
        "Who published 'Neglect: learning from case reviews', which the local neglect learning draws on?",
        ["(nspcc) published"],
    ),
    (
        "profile",
        "Was Child B's family able to take part in the review?",
        ["enable the lead reviewer to speak to family members"],
    ),
    (
        "change",
        "What has Devon already changed since the review?",
        [
            "child neglect strategy refreshed",
            "child neglect assessment tools relaunched",
            "front door practice strengthened",
        ],
    ),
    (
        "change",
        "What will the Devon partnership do next with the review's findings?",
        ["smart action plan", "challenge sessions", "commit to dissemination of learning"],
    ),
    (
        "what_happened",
        "What happened to Child B that led to the review?",
        ["near-fatal incident following a seizure", "brought to hospital following a seizure"],
    ),
    (
        "what_happened",
        "What was going on in the Devon families before the critical incidents?",
        ["unsafe, unsanitary or uninhabitable home environments", "action escalated late"],
    ),
    (
        "what_happened",
        "Why weren't Child B and his siblings seen as neglected?",
        ["disguised compliance was not considered", "patterns of non-engagement with services"],
    ),
    (
        "what_happened",
        "What were the gaps in the seven-minute briefing about parents with learning needs?",
        [
            "it issues hindered practitioners' views of historic harm",
            "cumulative neglect was not recognised",
            "information about missed appointments was not shared by gp",
        ],
    ),
    (
        "what_happened",
        "What did the North Yorkshire briefing find about younger children being overlooked?",
        ["overshadowed by sibling crises and adult vulnerabilities", "younger or quieter children"],
    ),
    (
        "what_happened",
        "What happened when schools tried to refer in the neglect case study?",
        ["school professionals experienced pushback when submitting referrals"],
    ),
    (
        "what_happened",
        "What part did the covid lockdown play in the Stoke review?",
        ["period of national lockdown"],
    ),
    (
        "what_happened",
        "Were the children in the Stoke review being taken to their hospital appointments?",
        [
            "only bought for 24% of his outpatient appointments",
            "parents did not always bring child b for his health appointments",
        ],
    ),
    (
        "what_happened",
        "What did the Devon executive summary find about consent?",
        [
            "information sharing was inhibited by misunderstanding of consent",
            "consent was frequently prioritised over child welfare",
        ],
    ),
    (
        "what_happened",
        "What did the thematic review find about homes practitioners couldn't get into?",
        [
            "access to children and homes was not robustly challenged",
            "professional access to children and homes was restricted",
        ],
    ),
    (
        "what_happened",
        "What did reviewers notice about challenge fatigue?",
        ["evidence of challenge fatigue"],
    ),
    (
        "what_happened",
        "How did the father's learning disability feature in Child B's case?",
        ["father has a learning disability", "had identified learning difficulties"],
    ),
    (
        "what_happened",
        "What was found about missed medical care in the Devon families?",
        ["medical needs were inconsistently met"],
    ),
    (
        "do",
        "What should I do if parents won't let me see the children at home?",
        [
            "refusal of access must trigger professional challenge and escalation",
            "develop clearer guidance on access to homes and seeing children",
        ],
    ),
    (
        "do",
        "How should practitioners respond when early help keeps being refused?",
        [
            "review how early help refusal or drift is escalated",
            "escalation when early help was declined",
        ],
    ),
    (
        "do",
        "What should health services do about children not brought to appointments?",
        [
            "patterns of 'was not brought' (wnb)",
            "children not brought (wnb) for health appointments are regularly reviewed",
        ],
    ),
    (
        "do",
        "How can adult mental health workers help protect the children of their patients?",
        [
            "adult services who have the knowledge and skills",
            "adult services working solely with parents or carers",
        ],
    ),
    (
        "do",
        "What do the reviews recommend about chronologies?",
        [
            "using chronologies and shared information",
            "multi-agency chronology",
            "built a clear chronology",
        ],
    ),
    (
        "do",
        "What should we do when actions are left with parents to complete?",
        ["when actions are left with parents, professionals must set clear expectations"],
    ),
    (
        "do",
        "What should schools do when their referrals are turned down?",
        [
            "applying escalation pathways consistently including by schools",
            "concerns raised by schools are appropriately considered",
        ],
    ),
    (
        "do",
        "How should I handle a parent refusing consent to share information?",
        [
            "parental consent must not prevent safeguarding action",
            "clarify understanding and application of consent",
        ],
    ),
    (
        "do",
        "What should a practitioner do if they disagree with another agency's decision?",
        [
            "professional disagreement requires clear resolution pathways",
            "support challenge and escalation",
        ],
    ),
    (
        "do",
        "What should maternity services do for an unborn baby at risk?",
        ["safeguarding the unborn baby procedures"],
    ),
    (
        "do",
        "How should we work with parents who have learning difficulties?",
        [
            "learning difficulties impact care capacity",
            "parental capacity and learning needs were not adequately addressed",
        ],
    ),
    (
        "do",
        "What should the partnership do to make sure learning about neglect is embedded?",
        ["evaluate the effectiveness of how learning about neglect is being embedded"],
    ),
    (
        "do",
        "What do the reviews want practitioners to do differently for children with additional needs?",
        [
            "responses must be inclusive and affirming of children with additional needs",
            "disproportionately more susceptible to abuse and harm",
        ],
    ),
    (
        "do",
        "How should we approach a family where poverty is a worry?",
        ["poverty itself is never an indicator of neglect", "related to poverty or neglect"],
    ),
    (
        "do",
        "What should be done about children missing education or being home educated?",
        [
            "children missing education, including those on part-time timetables",
            "embed learning about children missing education and elective home education",
        ],
    ),
    (
        "what_is",
        "What does disguised compliance mean?",
        ["disguised compliance involves parents giving the appearance"],
    ),
    (
        "what_is",
        "What is the Early Years Forum?",
        [
            "the early years forum is a key multi-disciplinary system",
            "early years forum is a 'multi-agency meeting",
        ],
    ),
    (
        "what_is",
        "What is a PAMS assessment?",
        ["parenting assessment manual software (pams) is an"],
    ),
    ("what_is", "What is meant by 'start again syndrome'?", ["start again syndrome"]),
    (
        "what_is",
        "What is compensatory care and why does it matter?",
        [
            "compensatory care, particularly by schools",
            "compensatory care should not replace action",
        ],
    ),
    (
        "what_is",
        "What does 'stepped down' mean in children's services?",
        ["stepped down is a term routinely used"],
    ),
    (
        "what_is",
        "What is the Graded Care Profile 2?",
        ["the graded care profile 2 (gcp2) is an assessment tool"],
    ),
    ("what_is", "What is a rapid review?", ["a rapid review is undertaken to ascertain"]),
    (
        "good",
        "What did agencies do well for Child AK?",
        ["schools worked well together", "health visiting services responded promptly"],
    ),
    (
        "good",
        "Was there any good practice in the neglect case study about two children?",
        [
            "consistent social work which benefitted the child",
            "recognition and support of a young carer's role",
        ],
    ),
    (
        "good",
        "What positives did the Stoke review find?",
        [
            "good cross-boundary working",
            "good practice from the neighbouring authority",
            "areas of good practice in early help",
        ],
    ),
    ("good", "How did the police do in the Child AK case?", ["police practice improved over time"]),
    (
        "good",
        "Which parts of practice in Devon were strengths?",
        [
            "individual practice strengths were evident",
            "compensatory care, particularly by schools, helped to protect children",
        ],
    ),
    (
        "reflect",
        "Give me some questions for team reflection on cumulative harm",
        [
            "how do we ensure cumulative harm is recognised, not normalised",
            "identify cumulative neglect early",
        ],
    ),
    (
        "reflect",
        "What reflective questions are there for leaders about information sharing?",
        ["do our systems support proactive multi-agency information sharing"],
    ),
    (
        "reflect",
        "What questions should practitioners ask themselves about chronologies?",
        ["what would i include if i built a clear chronology first"],
    ),
    (
        "reflect",
        "Questions to discuss about challenging decisions that don't feel right",
        ["how confident are we to challenge when something does not feel right"],
    ),
    (
        "reflect",
        "Any reflective questions about step-down decisions?",
        ["are step-down decisions informed by up-to-date information"],
    ),
    (
        "reflect",
        "What questions for leaders are in the seven-minute briefing?",
        ["how confident am i that our systems enable practitioners"],
    ),
    (
        "general",
        "hv worried, mum keeps cancelling the baby's health appts - what does the learning say?",
        [
            "missed health appointments",
            "patterns of failed or missed appointments",
            "repeated missed health appointments",
        ],
    ),
    (
        "general",
        "teenagers and neglect - anything in the reviews?",
        ["insufficient identification of adolescent neglect"],
    ),
    (
        "general",
        "dad is aggressive and nobody challenges him",
        ["hostile or aggressive parents went unchallenged", "father was refusing entry"],
    ),
    (
        "general",
        "workers getting used to the mess and high need in families",
        [
            "become desensitised to the potential risks",
            "routinely working with high levels of need",
        ],
    ),
    (
        "general",
        "is being poor the same thing as neglect?",
        ["poverty itself is never an indicator of neglect"],
    ),
    (
        "general",
        "quiet kids getting missed in big families",
        ["younger or quieter children", "quieter or non-verbal children"],
    ),
    (
        "general",
        "IT systems not showing the history",
        ["it issues hindered practitioners' views of historic harm"],
    ),
    (
        "general",
        "neglect passing down the generations",
        ["cycle of inter-generational neglect", "inter-familial nature of much neglect"],
    ),
    (
        "general",
        "overweight child - is that a safeguarding issue?",
        ["severe obesity as a safeguarding concern", "severe obesity was attributed to neglect"],
    ),
    (
        "general",
        "kids with autism and neglect",
        ["including disability or neurodivergence", "children's additional and complex needs"],
    ),
    (
        "general",
        "does early help mean the risk has gone down?",
        [
            "early help should not be viewed as evidence that risk has reduced",
            "interpreted as evidence of reduced risk",
        ],
    ),
    (
        "general",
        "over-relying on what parents tell us",
        ["overreliance on parental self report", "parental narrative alone"],
    ),
    (
        "do",
        "What are the recommendations in the North Yorkshire briefing?",
        [
            "recognise cumulative risk",
            "ensure every child is seen",
            "strengthen professional curiosity",
        ],
    ),
    (
        "general",
        "What does the report about the near-fatal incident say about the Early Years Forum?",
        [
            "the early years forum is a key multi-disciplinary system",
            "early years forum can be strengthened",
        ],
    ),
    (
        "general",
        "What does the neglect learning drawn from the NSPCC say about fathers?",
        ["especially fathers or male carers"],
    ),
]

# (question, evidence of the passing mention the library does hold)
PARTIAL = [
    ("What do the reviews say about domestic abuse and MARAC referrals?", ["domestic abuse"]),
    ("Does the library cover tooth decay and dental neglect by dentists?", ["tooth decay"]),
    (
        "How are teenagers drawn into county lines gangs and exploitation?",
        ["exploitation, sexual exploitation"],
    ),
    (
        "What do the reviews say about young carers' assessments under the Care Act?",
        ["young carer's role"],
    ),
    (
        "How should a head injury in a toddler be investigated by a child protection paediatrician?",
        ["head injury"],
    ),
    (
        "What level of the Stoke threshold framework is early help, and what are levels 1 to 4?",
        ["threshold framework"],
    ),
    (
        "What does research say about children swallowing anti-depressants and how to store medicines safely?",
        ["anti-depressant"],
    ),
    (
        "What did the national panel's annual report for 2021 recommend about critical thinking?",
        ["annual report 2021"],
    ),
]

OUT_OF_SCOPE = [
    "What is the threshold for a section 47 enquiry?",
    "How do I make a referral to the LADO about a teacher?",
    "What are the signs of county lines exploitation?",
    "How should I respond to a disclosure of female genital mutilation?",
    "What did the Arthur Labinjo-Hughes national review recommend?",
    "What did the Star Hobson review find about referrals from relatives?",
    "What is the safe sleep advice for newborn babies?",
    "What does Working Together 2023 say about the designated safeguarding lead?",
    "How do I recognise fabricated or induced illness?",
    "When is a child considered to be privately fostered?",
    "How should schools respond to sexting between pupils?",
    "What are the warning signs of radicalisation in young people?",
    "How do I apply for an emergency protection order?",
    "What did the Victoria Climbié inquiry conclude?",
    "What is the process for a child protection case conference in Scotland?",
    "How do I safeguard a young person at risk of forced marriage?",
    "What are the rules on physical restraint in residential children's homes?",
    "How long should social care records be kept before they are destroyed?",
    "What does the Baby P serious case review say about Haringey?",
    "How should I support an unaccompanied asylum-seeking child?",
    "What are the signs of online grooming on gaming platforms?",
    "What should happen when a child goes missing from a care home?",
    "How do I carry out a viability assessment for a kinship carer?",
    "What vaccinations should a looked after child have had by age five?",
    "How do youth offending teams work with children on bail?",
    "What is contextual safeguarding and how do I use it?",
    "How do I report a concern about modern slavery involving a teenager?",
    "What does the Children Act 1989 say about parental responsibility for unmarried fathers?",
    "How should I respond if a child discloses sexual abuse by an older sibling?",
    "What's the best way to assess a foster carer's suitability?",
    "How much paracetamol can a toddler have in a day?",
    "What did the review into the strip search of a schoolgirl in Hackney recommend?",
    "What is the legal age of consent in England?",
    "What are the Ofsted inspection grades for children's homes?",
    "What does the national panel say about bruising in non-mobile babies?",
    "What are the signs that a child is being trafficked?",
    "What is the guidance on children and vaping?",
    "How should I handle allegations against a foster carer?",
    "What did the Rotherham inquiry find about child sexual exploitation?",
    "What support is available for care leavers at university?",
    "What is the law on smacking children in Wales?",
    "How should I respond to a pupil who self-harms in school?",
    "How do I safeguard children attending a summer holiday club?",
    "What is the role of the Independent Reviewing Officer for looked after children?",
    "What does the Lundy model say about children's participation?",
    "How do I identify a child at risk of honour-based abuse?",
    "What checks are needed before a volunteer can work with children?",
    "What is Operation Encompass?",
    "How should I respond to cuckooing of a vulnerable parent's flat?",
    "What does research say about supporting children of prisoners?",
    "What are the rules about children working part-time jobs?",
    "What did the Daniel Pelka serious case review find?",
    "How should professionals work with Gypsy, Roma and Traveller families?",
    "What does the library say about abuse in sports clubs?",
    "What disciplinary action was taken against the police officer in the Child AK case?",
    "Which social worker was to blame for what happened to Child B?",
    "What prison sentence did Child B's parents receive?",
    "What did the Devon review find about children held in custody?",
    "What did the Child AK review find about school exclusions?",
    "How should midwives screen for perinatal depression using the Whooley questions?",
    "What's the capital of Spain?",
    "Can you suggest a cheap recipe for a family dinner?",
    "What's the weather going to be like tomorrow?",
    "Who won the football World Cup in 2018?",
    "How do I reset my work laptop password?",
    "Translate 'good morning' into French",
]


def rows() -> list[dict]:
    out = []
    for n, (intent, question, evidence) in enumerate(ANSWERABLE, 1):
        out.append(
            {"id": f"h{n:03d}", "question": question, "evidence": evidence, "intent": intent}
        )
    for n, (question, evidence) in enumerate(PARTIAL, 1):
        out.append({"id": f"p{n:03d}", "question": question, "evidence": evidence,
                    "intent": "partial", "expect": "partial"})  # fmt: skip
    for n, question in enumerate(OUT_OF_SCOPE, 1):
        out.append({"id": f"o{n:03d}", "question": question, "evidence": [],
                    "intent": "none", "expect": "no_answer"})  # fmt: skip
    return out


def split(questions: list[dict]) -> None:
    """Half each way within each intent, by a seeded shuffle."""
    rng = random.Random(SEED)
    by_intent: dict[str, list[dict]] = {}
    for q in questions:
        by_intent.setdefault(q["intent"], []).append(q)
    for group in by_intent.values():
        rng.shuffle(group)
        for k, q in enumerate(group):
            q["half"] = "tune" if k % 2 == 0 else "report"


def main() -> None:
    questions = rows()
    split(questions)
    lines = [json.dumps(q, ensure_ascii=False) for q in questions]
    (HERE / "questions.jsonl").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
