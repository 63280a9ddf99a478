"""How well a score ranked people against what happened next: discrimination (the area under the
ROC curve, which for a binary outcome is Harrell's C-index) and calibration by band. Pure
functions on plain values, tested on datasets with a known answer.

AUC is the chance that someone who went on to have the outcome scored higher than someone who
did not, ties counting a half (Hanley JA, McNeil BJ. The meaning and use of the area under a
receiver operating characteristic (ROC) curve. Radiology 1982;143:29-36). 0.5 is no better than
chance; the eFI's own C-statistics for one-year outcomes were about 0.64 to 0.75 (Clegg et al.
2016, Age and Ageing).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass


def auc(scores: Sequence[float], outcomes: Sequence[bool]) -> float | None:
    """The area under the ROC curve by ranks (Mann-Whitney U over n1*n0), ties counting a half;
    None when everyone, or no one, had the outcome (nothing to rank against)."""
    if len(scores) != len(outcomes):
        raise ValueError("scores and outcomes differ in length")
    positives = sum(1 for o in outcomes if o)
    negatives = len(outcomes) - positives
    if positives == 0 or negatives == 0:
        return None
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        mid = (i + j) / 2 + 1  # the average rank of a run of ties (ranks from 1)
        rank_sum += mid * sum(1 for k in range(i, j + 1) if outcomes[order[k]])
        i = j + 1
    u = rank_sum - positives * (positives + 1) / 2
    return u / (positives * negatives)


def auc_interval(value: float, positives: int, negatives: int) -> tuple[float, float]:
    """An approximate 95% interval for an AUC (Hanley and McNeil 1982, their standard error)."""
    q1 = value / (2 - value)
    q2 = 2 * value * value / (1 + value)
    variance = (
        value * (1 - value) + (positives - 1) * (q1 - value * value) + (negatives - 1) * (q2 - value * value)
    ) / (positives * negatives)
    se = math.sqrt(max(variance, 0.0))
    return max(0.0, value - 1.96 * se), min(1.0, value + 1.96 * se)


@dataclass(frozen=True)
class BandRow:
    band: str
    people: int
    with_outcome: int

    @property
    def rate(self) -> float | None:
        return None if self.people == 0 else self.with_outcome / self.people


def calibration(bands: Sequence[str], outcomes: Sequence[bool], *, order: Sequence[str]) -> list[BandRow]:
    """For each band, how many people and how many had the outcome (a well-calibrated, useful
    score shows the share rising band by band)."""
    people = dict.fromkeys(order, 0)
    had = dict.fromkeys(order, 0)
    for band, outcome in zip(bands, outcomes, strict=True):
        people[band] = people.get(band, 0) + 1
        had[band] = had.get(band, 0) + int(outcome)
    return [BandRow(band, people[band], had[band]) for band in order]


def relative_to_first(rows: Sequence[BandRow]) -> list[float | None]:
    """Each band's rate as a multiple of the first (fit) band's: set beside the eFI's hazard ratios."""
    base = rows[0].rate if rows else None
    return [None if not base or row.rate is None else row.rate / base for row in rows]
