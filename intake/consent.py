"""Versioned consent wording (intake-spec.md §1 "Contact and consent"; reference.md §6.1).

Two separate consents:

* **contact**: permission to contact the person. Required to give contact details (intake and call-back forms).
* **share**: optional permission to share the intake with the treatment provider a counselor refers them to. It
  holds the elements 42 CFR §2.31 requires of a written consent: the patient's name and electronic signature
  (typed on the form), who discloses, what is disclosed, to whom, why, the right to revoke and how, when it
  expires, the date signed (the submission time) and the redisclosure notice.

Wording is never edited in place: a change is a new ``ConsentTexts`` with a new version, added to ``VERSIONS``,
so every stored intake and case can show the exact words the person agreed to.
"""

from __future__ import annotations

from dataclasses import dataclass

CLINIC = "Riverside Health Partners"


@dataclass(frozen=True)
class ConsentSection:
    heading: str
    text: str


@dataclass(frozen=True)
class ConsentTexts:
    version: str
    contact: str
    share_title: str
    share_sections: tuple[ConsentSection, ...]

    @property
    def share_text(self) -> str:
        """The consent-to-share wording as one plain text, stored with the intake when the person agrees."""
        body = "\n\n".join(f"{section.heading}\n{section.text}" for section in self.share_sections)
        return f"{self.share_title} (version {self.version})\n\n{body}"


V2026_1 = ConsentTexts(
    version="2026.1",
    contact=(
        f"I agree that {CLINIC} may contact me about getting support, in the ways I chose on this page. "
        "I can ask them to stop at any time."
    ),
    share_title="Consent to share my information with the treatment provider I'm referred to",
    share_sections=(
        ConsentSection(
            "Who will share it",
            f"{CLINIC}: the counselors and staff who handle intake and referrals.",
        ),
        ConsentSection(
            "What will be shared",
            "My answers to this questionnaire, including information about my drug and alcohol use, my physical "
            "and mental health and any treatment I have had, the suggestions made from my answers, and my contact "
            "details.",
        ),
        ConsentSection(
            "Who it will be shared with",
            "The treatment provider that my counselor and I choose together when I am referred. My counselor "
            "will tell me the provider's name before anything is shared.",
        ),
        ConsentSection(
            "Why",
            "At my request, so that the provider can arrange my treatment without me having to answer every "
            "question again.",
        ),
        ConsentSection(
            "How long this consent lasts",
            "Until one year from the date I sign it, or until my referral ends, whichever comes first.",
        ),
        ConsentSection(
            "Taking it back",
            f"I can take back (revoke) this consent at any time by telling my counselor, or by writing to "
            f"{CLINIC}. It will stop further sharing, but not sharing that already happened because of it.",
        ),
        ConsentSection(
            "It's my choice",
            "I don't have to agree. Saying no will not change whether I can get care, or whether the clinic "
            "contacts me.",
        ),
        ConsentSection(
            "What the provider may do with it",
            "My records are protected by federal law (42 CFR Part 2). If the provider is covered by HIPAA, they "
            "may share my information again as HIPAA allows, and it may then no longer be protected by Part 2. "
            "Even then, it may not be used in any civil, criminal, administrative or legislative proceedings "
            "against me without my written consent or a court order.",
        ),
        ConsentSection(
            "Signature and date",
            "I sign this consent electronically by typing my full name. The date signed is the date I send this form.",
        ),
    ),
)

VERSIONS: dict[str, ConsentTexts] = {V2026_1.version: V2026_1}
CURRENT = V2026_1
