"""The five stance labels: the one place they are spelled and ordered."""

from __future__ import annotations

LABELS: tuple[str, ...] = ("supportive", "conditional", "nato_framework", "opposed", "none")
LABEL2ID: dict[str, int] = {label: i for i, label in enumerate(LABELS)}
ID2LABEL: dict[int, str] = dict(enumerate(LABELS))

# Rule tags that authored data may attach to a label (see the labelling guide's "rules for the hard cases").
RULES: tuple[str, ...] = (
    "condition_beats_support",
    "ceasefire_premise",
    "nato_beats_condition",
    "non_troop_help",
    "refuse_troops_offer_help",
    "refuse_coalition_propose_nato",
    "reported_speech",
    "position_change",
    "third_party_view",
    "ukraine_welcomes",
    "russia_rejects",
    "negation_hedge",
    "person_tied_later",
    "opposition_not_government",
    "third_party_report",
    "dismissal",
    "us_backstop",
    "aid_not_force",
    "place_name_institution",
)
