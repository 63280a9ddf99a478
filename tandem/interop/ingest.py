"""Health events in: a Bundle read (`bundle_reading`) and kept all or nothing, and the answers a
partner gets: a transaction-response Bundle, or an OperationOutcome naming each fault.

`tandem fhir import FILE...` runs the same for files.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tandem.core.actors import NamedActor
from tandem.interop.bundle_reading import Issue, Reading, bundle_read
from tandem.interop.event_codes import Json
from tandem.prevention.services import Receipt, events_receive

__all__ = ["bundle_read"]


@dataclass
class Imported:
    """A Bundle read and, unless it was refused, kept."""

    reading: Reading
    receipt: Receipt | None

    @property
    def refused(self) -> bool:
        return self.receipt is None

    def counts(self) -> dict[str, int]:
        receipt = self.receipt
        return {
            "recorded": len(receipt.recorded) if receipt else 0,
            "waiting": len(receipt.waiting) if receipt else 0,
            "already": receipt.already if receipt else 0,
            "ignored": self.reading.ignored.total(),
        }


def kept_resource_types(reading: Reading) -> set[str]:
    return {event.resource_type for event in reading.events}


def bundle_keep(reading: Reading, *, received_from: Any, actor: NamedActor | None) -> Imported:
    """Keep a Bundle's events, all or nothing: a Bundle with any fault keeps none."""
    if reading.errors:
        return Imported(reading, None)
    return Imported(reading, events_receive(batch=reading.events, received_from=received_from, actor=actor))


def operation_outcome(imported: Imported) -> Json:
    """Every fault (the Bundle was refused) or, when kept, what was kept, what waits and what was ignored."""
    issues = [issue.as_fhir() for issue in imported.reading.errors]
    if not imported.refused:
        counts = imported.counts()
        issues.insert(
            0,
            Issue(
                "information",
                "informational",
                f"{counts['recorded']} events recorded on people's records, {counts['waiting']} waiting for a "
                f"person to match them, {counts['already']} already received",
            ).as_fhir(),
        )
    issues += [issue.as_fhir() for issue in imported.reading.notes]
    return {"resourceType": "OperationOutcome", "issue": issues}


def _information(text: str) -> Json:
    return {"resourceType": "OperationOutcome", "issue": [Issue("information", "informational", text).as_fhir()]}


def _entry_response(imported: Imported, index: int, made: list[Any]) -> Json:
    """201 with the event's location when it is on a record, 202 when it waits for a match, 200 when
    it was received before or ignored; the outcome says which in words."""
    notes = [note.as_fhir() for note in imported.reading.notes if note.expression.startswith(f"Bundle.entry[{index}].")]
    if not made:
        outcome = _information(imported.reading.kept.get(index, "Ignored"))
        outcome["issue"] += notes
        return {"status": "200 OK", "outcome": outcome}
    words, statuses, location = [], set(), ""
    for row in made:
        if row is None:
            words.append("already received")
            statuses.add("200 OK")
        elif getattr(row, "why", ""):
            words.append(f"{row.get_kind_display()} waiting for a person to match it: {row.why}")
            statuses.add("202 Accepted")
        else:
            words.append(f"{row.get_kind_display()} recorded")
            statuses.add("201 Created")
            location = location or f"{row.resource_type}/{row.uuid}"
    status = next(s for s in ("201 Created", "202 Accepted", "200 OK") if s in statuses)
    response: Json = {"status": status, "outcome": _information("; ".join(words))}
    response["outcome"]["issue"] += notes
    if location:
        response["location"] = location
    return response


def transaction_response(imported: Imported, bundle: Json) -> Json:
    """The answer to a kept Bundle: an entry for each entry sent, in order, saying what became of it."""
    made: dict[int, list[Any]] = {}
    assert imported.receipt is not None
    for index, row in zip(imported.reading.entry_of, imported.receipt.each, strict=True):
        made.setdefault(index, []).append(row)
    entries = [
        {"response": _entry_response(imported, index, made.get(index, []))} for index in range(len(bundle["entry"]))
    ]
    return {"resourceType": "Bundle", "type": "transaction-response", "entry": entries}


def bundle_files_import(paths: Iterable[str], *, organisation: Any, out: Any) -> bool:
    """`tandem fhir import FILE...`: each file one Bundle, kept or refused on its own; what was kept,
    waits, was ignored or was wrong is written to `out`. False when any file was refused."""
    all_kept = True
    sender = f"org:{organisation.ods_code}" if organisation is not None and organisation.ods_code else "file"
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                bundle = json.load(handle)
        except (OSError, ValueError) as error:
            out.write(f"{path}: refused: cannot read a JSON Bundle ({error})")
            all_kept = False
            continue
        imported = bundle_keep(bundle_read(bundle, sender=sender), received_from=organisation, actor=None)
        if imported.refused:
            all_kept = False
            out.write(f"{path}: refused whole, nothing kept:")
        else:
            counts = imported.counts()
            out.write(
                f"{path}: {counts['recorded']} recorded, {counts['waiting']} waiting for a match, "
                f"{counts['already']} already received, {counts['ignored']} resources ignored"
            )
        for issue in [*imported.reading.errors, *imported.reading.notes]:
            where = f" at {issue.expression}" if issue.expression else ""
            out.write(f"  {issue.severity}{where}: {issue.diagnostics}")
    return all_kept
