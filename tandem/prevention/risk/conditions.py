"""Long-term conditions and sensory loss, read from the codes partners send with health events.

A diagnosis sent with an admission or an attendance (ICD-10 or SNOMED CT, as the partner coded it)
is a deficit in the electronic frailty index's sense when it names one of the conditions below;
the list follows the eFI's deficits (Clegg et al. 2016, Age and Ageing, supplementary table of
the 36 deficits) where a hospital is likely to code them. Each condition counts once, however
often it is sent.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

ICD10 = "http://hl7.org/fhir/sid/icd-10"
SNOMED = "http://snomed.info/sct"


@dataclass(frozen=True)
class Condition:
    code: str  # Tandem's own name for it, stored
    label: str
    sensory: bool
    icd10: tuple[str, ...]  # code prefixes, as sent without the dot ("I50" matches I50.0 and I509)
    snomed: tuple[str, ...]


CONDITIONS: tuple[Condition, ...] = (
    Condition("heart_failure", "heart failure", False, ("I50",), ("84114007",)),
    Condition("atrial_fibrillation", "atrial fibrillation", False, ("I48",), ("49436004",)),
    Condition("stroke", "stroke", False, ("I63", "I64", "G45"), ("230690007",)),
    Condition("diabetes", "diabetes", False, ("E10", "E11", "E13", "E14"), ("73211009", "44054006")),
    Condition("copd", "chronic lung disease", False, ("J44", "J43"), ("13645005",)),
    Condition("dementia", "dementia", False, ("F00", "F01", "F02", "F03", "G30"), ("52448006", "26929004")),
    Condition("parkinsons", "Parkinson's disease", False, ("G20",), ("49049000",)),
    Condition("kidney_disease", "chronic kidney disease", False, ("N18",), ("709044004",)),
    Condition("osteoporosis", "osteoporosis", False, ("M80", "M81"), ("64859006",)),
    Condition("arthritis", "arthritis", False, ("M15", "M16", "M17", "M05", "M06"), ("396275006", "69896004")),
    Condition("incontinence", "incontinence", False, ("R32", "N39.4", "N394"), ("165232002",)),
    Condition("depression", "depression", False, ("F32", "F33"), ("35489007",)),
    Condition("visual_impairment", "sight loss", True, ("H54",), ("397540003",)),
    Condition("hearing_loss", "hearing loss", True, ("H90", "H91"), ("15188001",)),
)

BY_CODE = {c.code: c for c in CONDITIONS}


def _normal(code: str) -> str:
    return code.replace(".", "").strip().upper()


def conditions_in(codes: Iterable[Mapping[str, Any]]) -> set[str]:
    """The conditions the codes of one event name (each Tandem's own code)."""
    found: set[str] = set()
    for coding in codes:
        system = str(coding.get("system") or "")
        code = str(coding.get("code") or "")
        if not code:
            continue
        for condition in CONDITIONS:
            if system == ICD10 or system.endswith("icd-10") or "icd" in system.lower():
                if any(_normal(code).startswith(_normal(prefix)) for prefix in condition.icd10):
                    found.add(condition.code)
            elif system == SNOMED and code in condition.snomed:
                found.add(condition.code)
    return found
