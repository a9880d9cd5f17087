"""The held-out personal-data cases: sentences in practitioners' words (case notes, chat questions,
meeting notes, action owners), each identifier written in the many forms real text takes
(spaces, non-breaking spaces, dashes, dots, slashes, zero-width characters, soft hyphens,
full-width digits, glued to words, lower and upper case), and ordinary sentences that hold no
personal data but look as if they might. All values are invented. A seeded split gives each case a
half: `tune` may be used to adjust the guard, `report` only to report figures.

python tests/data/heldout/make_privacy.py  (rewrites privacy.jsonl)
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20261123
NBSP, ZWSP, SHY = "\u00a0", "\u200b", "\u00ad"
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        total = sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def nhs_forms(n: str) -> list[str]:
    a, b, c = n[:3], n[3:6], n[6:]
    return [
        f"{a} {b} {c}", f"{a}{NBSP}{b}{NBSP}{c}", f"{a}–{b}–{c}", f"{a}.{b}.{c}", f"{a}/{b}/{c}",
        f"{a}-{b}-{c}", n, ZWSP.join(n), SHY.join([a, b, c]), f"{a} {b} {c}".translate(FULL),
    ]  # fmt: skip


NHS_TEMPLATES = [
    "her nhs no is {v} if you need it",
    "NHS number {v} - missed 2 appts",
    "Baby's NHS {v}, mum not answering",
    "nhs{v} on the referral",
    "can you check {v} on the system, its the youngest",
    "ref for the GP letter: {v}",
]
NI_FORMS = [
    "JM 12 34 56 C", "jm123456c", "JM123456C", f"JM{NBSP}12{NBSP}34{NBSP}56{NBSP}C",
    "JM-12-34-56-C", "jm 123456 c", "NINO:JM123456C",
]  # fmt: skip
NI_TEMPLATES = [
    "dad's NI number is {v}",
    "national insurance {v} for the benefits form",
    "NI {v} - housing need it",
]
PHONES = [
    "07700 900123", f"07700{NBSP}900123", "07700-900-123", "07700.900.123", "07700900123",
    "+44 7700 900123", "+447700900123", "(0113) 496 0000", "0113 496 0000", f"0113{NBSP}4960000",
    "020 7946 0018", "+44 (0)20 7946 0018", "07700 900 123".translate(FULL),
]  # fmt: skip
PHONE_TEMPLATES = [
    "mum said ring her on {v} after 3",
    "school office {v}",
    "agreed to call nan on {v} tomorrow",
    "Call back number: {v}",
]
EMAILS = [
    "kayleigh.morton84@example.com", "j.brannigan@example.org", "DEAN_W@EXAMPLE.CO.UK",
    "kayleigh at example dot com", "kayleigh(at)example(dot)org", "kayleigh [at] example [dot] com",
    "kayleigh @ example . com",
]  # fmt: skip
EMAIL_TEMPLATES = [
    "mum emails from {v}",
    "send the minutes to {v} please",
    "her email: {v}",
]
POSTCODES = [
    "LS1 4AB", "ls1 4ab", "M11AE", f"B15{NBSP}2TT", "SW1A 1AA", "sw1a1aa", "EX4 3PB", "cr0 2nb",
]  # fmt: skip
POSTCODE_TEMPLATES = [
    "they've moved to {v}",
    "new address is near {v}, near the park",
    "postcode {v}",
    "family now living in the {v} area",
]
ADDRESSES = [
    "15 mulberry avenue", "15 Mulberry Avenue", "Flat 3, Rowan House", "flat 3 rowan house",
    "12b High St", "44 Kingfisher Close", "the flat above the chip shop on Station Road",
    "7 Orchard Way", "Apartment 12, Linden Court", "2 Church Lane", "98 ash grove",
    "Unit 4, Mill Yard",
]  # fmt: skip
ADDRESS_TEMPLATES = [
    "family living at {v}",
    "home visit at {v} - no answer",
    "moved in with gran at {v}",
    "they are at {v} now",
]
DOBS = [
    "12/03/2019", "12.03.19", "2019-03-12", "12 March 2019", "12th March 2019",
    "the twelfth of March 2019", "March 12th, 2019", "12-3-2019", "third of May 2020",
]  # fmt: skip
DOB_TEMPLATES = [
    "DOB {v}",
    "born {v}, youngest of four",
    "child's date of birth is {v}",
    "d.o.b. {v}",
    "she was born on {v}",
]
NAMES = [
    "Kayden", "Lily-Mae", "Tyler Brannigan", "Aisha Okonkwo", "Maisie-Rose Hart", "Dariusz Nowak",
    "Siobhan O'Neill", "Mohammed Rahman", "Keeley Marsh", "Oluwaseun Adeyemi", "Harley",
    "Precious", "Jaxon", "Amelia Kowalczyk", "Ruby-Leigh", "Tomasz", "Priya Sharma",
]  # fmt: skip
NAME_TEMPLATES = [
    "{v} said he was hungry when the HV visited",
    "worried about {v} - not in school again",
    "spoke to {v} at nursery",
    "mum says {v} sleeps on the sofa",
    "{v} keeps missing appointments",
    "How should I raise concerns about {v} with the GP?",
    "Is it neglect if {v} is always hungry?",
]
NAME_SPECIAL = [
    ("the Brannigans haven't engaged for months", ["Brannigans"]),
    ("Tyler, Mason and Lily-Mae were seen at home", ["Tyler", "Mason", "Lily-Mae"]),
    ("kayden brannigan not brought to clinic", ["kayden", "brannigan"]),
    ("KAYDEN BRANNIGAN NOT SEEN SINCE JUNE", ["KAYDEN", "BRANNIGAN"]),
    ("Ms Achterberg declined the referral", ["Achterberg"]),
    ("the Okonkwo family moved again", ["Okonkwo"]),
    ("Mrs o'neill didn't let us in", ["o'neill"]),
    ("met with jaxon's dad today", ["jaxon"]),
    ("Siobhan's mum works nights", ["Siobhan"]),
    ("update from Keeley: baby is feeding better", ["Keeley"]),
    ("Tyler's case came up in supervision", ["Tyler"]),
    ("Action owner: Dean Walsh, team manager", ["Dean Walsh"]),
]
DATES = [
    "14/02/2024", "14.02.24", "on the fourth of June", "June 4th", "4 June", "4th of June",
    "on 3rd Jan", "Tuesday 14 May", "14-02-2024",
]  # fmt: skip
DATE_TEMPLATES = [
    "seen at A&E {v} with a burn",
    "strategy meeting held {v}",
    "last home visit {v}, house very cluttered",
]
NONE = [
    "What did the review say about Child B and Sibling 1?",
    "What does Learning point 8 say about was not brought?",
    "on Monday the team met to talk about the briefing",
    "we have supervision every Tuesday",
    "in March the policy changed",
    "last week the strategy discussion was rearranged",
    "What did Jane Wiffin find about consent?",
    "What does Suzy Kitching say about universal services?",
    "How does the Stoke-on-Trent partnership use its threshold framework?",
    "the 0-19 service was involved",
    "a 4 year old and a 7 year old in the family",
    "Recommendation 3 is about the Early Years Forum",
    "paragraph 4.2.5 lists five factors",
    "What is the 7-minute briefing for Case Study 1 about?",
    "24% of outpatient appointments were attended",
    "What do the reviews say about Devon's front door?",
    "How do we hear the voice of the child in North Yorkshire?",
    "Will the GP share information without consent?",
    "I hope the health visitor can attend",
    "Grace periods for school attendance fines",
    "May we use the Graded Care Profile 2 with this family?",
    "Mark the referral as urgent",
    "the bill for the gas was not paid",
    "Young carers need support too",
    "The Early Help assessment was closed after 12 weeks",
    "What does the CHAD team do?",
    "Brown bread and fruit at school breakfast club",
    "Is it neglect if the home is very messy?",
    "Between 2019 and 2021 the family moved three times",
    "How many children were in the Devon review?",
    "What did OFSTED say in 2022?",
    "The SEND Local Offer explains support",
    "Page 12 of the report",
    "Level 3 targeted early help",
    "Two of the three children had additional needs",
    "How should I escalate a concern to my manager?",
    "What does the NSPCC say about adolescent neglect?",
    "Children missing education: what should schools do?",
    "The review was published in December 2023",
    "What would good practice look like for a family where dad is aggressive?",
    "should we phone the school or email them?",
    "write to the family with the outcome",
    "The nursery is on the main road near the station",
    "What happens at an Initial Child Protection Conference?",
    "Section 6 of the report has the recommendations",
    "WNB rates of 50% and 62% for the twins",
    "Can you summarise the questions for leaders?",
    "What is PAMS?",
    "ICB assurance about children not brought",
    "the family lives in a rural village in Devon",
    "the house has no working fridge",
    "mum is pregnant again",
    "Dad works away Monday to Friday",
    "It was a cold day in January when the visit happened",
    "the child is 18 months old",
    "Flat rate benefits were stopped",
    "the case conference is on Thursday",
    "Do the reviews mention Munro's rounded practitioner?",
    "Lord Laming wrote about respectful uncertainty",
    "The timeline covers 2017 to 2022",
    "What support is there for dads with learning disabilities?",
    "Who should chair the core group?",
    "Is a TAF meeting the same as a CIN meeting?",
    "the health visitor saw the baby at 6 weeks",
    "Nursery attendance dropped to 31%",
    "What did the Integrated Care Board need to assure?",
    "How do I use the neglect toolkit?",
    "Sibling 2 had a nasogastric tube",
    "School transport was sent away",
    "Can I share information with the police without consent?",
    "What are the signs of cumulative harm?",
    "How often should a child in need plan be reviewed?",
    "Early years SEND practitioners raised concerns",
    "Housing were told about the damp",
    "What do the reviews say about fathers and male carers?",
    "The referral went to the front door on a Friday",
    "What does respectful uncertainty mean?",
    "The Business Group monitors the action plan",
    "What are Challenge Sessions?",
    "Torbay, Plymouth and other Southwest partnerships",
    "mum attended 2 of 5 appointments",
    "the youngest is under one",
    "How long do home visits usually take?",
    "What is a Rapid Review?",
    "in the summer holidays the children were not seen",
    "Christmas was difficult for the family",
    "Easter holiday club places were offered",
    "The baby weighed less than expected at 8 weeks",
    "A strategy discussion should be held within 24 hours",
    "Does the Graded Care Profile cover emotional care?",
    "a 15 minute home visit is not enough",
    "we need a multi-agency chronology",
    "the parents are in their twenties",
    "Room 4 at the family centre is booked",
    "Phone calls went unanswered for weeks",
    "email contact only, no home visits",
    "Dad said the house was fine but it was not",
    "She said she was worried about money",
    "What would Working Together expect here?",
    "What does the Child AK briefing recommend?",
]


def rows(rng: random.Random) -> list[dict]:
    out: list[dict] = []

    def add(text: str, expect: str, kind: str, values: list[str]) -> None:
        out.append({"text": text, "expect": expect, "kind": kind, "values": values})

    def each(forms: list[str], templates: list[str], expect: str, kind: str) -> None:
        for form in forms:  # every form in two of the sentences
            for template in rng.sample(templates, 2):
                add(template.format(v=form), expect, kind, [form])

    each(nhs_forms(nhs_number(rng)) + nhs_forms(nhs_number(rng)), NHS_TEMPLATES, "refuse", "nhs")
    each(NI_FORMS, NI_TEMPLATES, "refuse", "ni")
    each(PHONES, PHONE_TEMPLATES, "refuse", "phone")
    each(EMAILS, EMAIL_TEMPLATES, "refuse", "email")
    each(POSTCODES, POSTCODE_TEMPLATES, "refuse", "postcode")
    each(ADDRESSES, ADDRESS_TEMPLATES, "refuse", "address")
    each(DOBS, DOB_TEMPLATES, "refuse", "dob")
    for name in NAMES:
        for template in rng.sample(NAME_TEMPLATES, 2):
            add(template.format(v=name), "redact", "name", name.split())
    for text, values in NAME_SPECIAL:
        add(text, "redact", "name", values)
    each(DATES, DATE_TEMPLATES, "redact", "date")
    for text in NONE:
        add(text, "none", "none", [])
    return out


def main() -> None:
    rng = random.Random(SEED)
    cases = rows(rng)
    by_kind: dict[str, list[dict]] = {}
    for c in cases:
        by_kind.setdefault(c["kind"], []).append(c)
    for group in by_kind.values():
        rng.shuffle(group)
        for k, c in enumerate(group):
            c["half"] = "tune" if k % 2 == 0 else "report"
    for n, c in enumerate(cases, 1):
        c["id"] = f"pd{n:03d}"
    lines = [json.dumps(c, ensure_ascii=False) for c in cases]
    (HERE / "privacy.jsonl").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
