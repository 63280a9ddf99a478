"""A partner's FHIR R4 Bundle (transaction or collection) read into health events.

Reading is strict where Tandem uses an element and lenient elsewhere: a resource Tandem keeps
(Encounter, and Condition or Observation coding a fall or a telecare alert) must carry what its
event needs, and any fault fails the whole Bundle with an issue naming the element
(`Bundle.entry[3].resource.subject`); resources Tandem does not keep (Synthea's claims,
immunisations, vital signs...) are reported as ignored, never refused. Which codes give which
event is in docs/fhir.md.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from tandem.interop import uk_core
from tandem.interop.event_codes import (
    ADMISSION_METHOD_EXTENSION,
    DISCHARGE_METHOD_EXTENSION,
    NOT_HAPPENED,
    OBSERVATION_NOT_HAPPENED,
    Json,
    coded_kind,
    codes_of,
    dict_of,
    encounter_kind,
    kept,
    list_of,
    text,
)
from tandem.people.identifiers import nhs_number_is_valid
from tandem.prevention.codes import EventKind
from tandem.prevention.services import IncomingEvent, PatientFacts

LONDON = ZoneInfo("Europe/London")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Issue:
    """One line of an OperationOutcome: what was wrong or ignored, and where."""

    severity: str  # error, warning, information
    code: str  # FHIR issue type: structure, required, value, invalid, not-supported, informational
    diagnostics: str
    expression: str = ""

    def as_fhir(self) -> Json:
        issue: Json = {"severity": self.severity, "code": self.code, "diagnostics": self.diagnostics}
        if self.expression:
            issue["expression"] = [self.expression]
        return issue


@dataclass
class Reading:
    """A Bundle read: its events (each with the index of the entry it came from), faults that refuse
    the Bundle, and notes (ignored resources, NHS numbers that fail their check digit)."""

    events: list[IncomingEvent] = field(default_factory=list)
    entry_of: list[int] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    # For each entry: what Tandem did with it, in words (for the transaction-response).
    kept: dict[int, str] = field(default_factory=dict)


class _Fault(Exception):
    def __init__(self, expression: str, diagnostics: str, code: str = "invalid") -> None:
        super().__init__(diagnostics)
        self.issue = Issue("error", code, diagnostics, expression)


def moment(value: Any, where: str) -> datetime:
    """A FHIR date or dateTime as an aware datetime (a date alone is midnight in England)."""
    if not isinstance(value, str) or not value:
        raise _Fault(where, f"{where}: give a date or dateTime (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)", "required")
    try:
        if _DATE.match(value):
            return datetime.combine(date.fromisoformat(value), time(), tzinfo=LONDON)
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _Fault(where, f"{where}: {value!r} is not a FHIR date or dateTime") from None
    if found.tzinfo is None:
        raise _Fault(where, f"{where}: a dateTime with a time needs a time zone, such as Z or +01:00")
    return found.astimezone(UTC)


def _birth_date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise _Fault(where, f"{where}: give the birth date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value) if _DATE.match(value) else None  # a year or month alone matches nothing
    except ValueError:
        raise _Fault(where, f"{where}: {value!r} is not a date") from None


def _nhs_number(identifiers: Any) -> tuple[str, int]:
    """The NHS number among a Patient's identifiers (as sent, spaces removed) and its index, or ("", -1)."""
    for index, identifier in enumerate(identifiers if isinstance(identifiers, list) else []):
        if isinstance(identifier, dict) and identifier.get("system") == uk_core.NHS_NUMBER_SYSTEM:
            return re.sub(r"\s", "", str(identifier.get("value") or "")), index
    return "", -1


class BundleReader:
    """Reads one Bundle; `read()` gives the Reading."""

    def __init__(self, bundle: Any, *, sender: str) -> None:
        self.bundle = bundle
        self.sender = sender
        self.reading = Reading()
        self.by_reference: dict[str, tuple[int, Json]] = {}
        self.patients: dict[int, PatientFacts] = {}

    def read(self) -> Reading:
        entries = self._entries()
        for index, resource in entries:
            self._index(index, resource)
        for index, resource in entries:
            kind = resource.get("resourceType")
            try:
                if kind == "Patient":
                    self._patient(index, resource)
            except _Fault as fault:
                self.reading.errors.append(fault.issue)
        for index, resource in entries:
            kind = str(resource.get("resourceType"))
            reader = {"Encounter": self._encounter, "Condition": self._condition, "Observation": self._observation}
            try:
                if kind in reader:
                    reader[kind](index, resource)
                elif kind not in ("Patient", "Organization"):
                    self._ignore(index, kind, f"{kind} is not a resource Tandem keeps")
            except _Fault as fault:
                self.reading.errors.append(fault.issue)
        if self.reading.ignored:
            counts = ", ".join(f"{kind} {n}" for kind, n in sorted(self.reading.ignored.items()))
            self.reading.notes.append(
                Issue("information", "informational", f"Ignored {self.reading.ignored.total()} resources: {counts}")
            )
        return self.reading

    # --- The Bundle ------------------------------------------------------------------------------

    def _entries(self) -> list[tuple[int, Json]]:
        bundle = self.bundle
        if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
            self.reading.errors.append(Issue("error", "structure", "Send a FHIR Bundle resource", "Bundle"))
            return []
        if bundle.get("type") not in ("transaction", "collection"):
            self.reading.errors.append(
                Issue(
                    "error",
                    "not-supported",
                    f"Bundle.type: {bundle.get('type')!r} is not accepted: send a transaction or collection",
                    "Bundle.type",
                )
            )
            return []
        entries = bundle.get("entry")
        if not isinstance(entries, list) or not entries:
            self.reading.errors.append(
                Issue("error", "required", "Bundle.entry: the Bundle has no entries", "Bundle.entry")
            )
            return []
        found = []
        for index, entry in enumerate(entries):
            where = f"Bundle.entry[{index}]"
            resource = entry.get("resource") if isinstance(entry, dict) else None
            if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
                self.reading.errors.append(
                    Issue("error", "structure", f"{where}.resource: no resource", f"{where}.resource")
                )
                continue
            method = dict_of(entry.get("request")).get("method")
            if method not in (None, "POST", "PUT"):
                self.reading.errors.append(
                    Issue(
                        "error",
                        "not-supported",
                        f"{where}.request.method: {method} is not supported; Tandem receives new events (POST or PUT)",
                        f"{where}.request.method",
                    )
                )
                continue
            found.append((index, resource))
        return found

    def _index(self, index: int, resource: Json) -> None:
        entry = self.bundle["entry"][index]
        full_url = entry.get("fullUrl")
        if isinstance(full_url, str) and full_url:
            self.by_reference[full_url] = (index, resource)
        if resource.get("id"):
            self.by_reference[f"{resource['resourceType']}/{resource['id']}"] = (index, resource)
            if isinstance(full_url, str) and full_url.endswith(f"{resource['resourceType']}/{resource['id']}"):
                self.by_reference.setdefault(full_url, (index, resource))

    def _ignore(self, index: int, kind: str, why: str) -> None:
        self.reading.ignored[kind] += 1
        self.reading.kept[index] = f"Ignored: {why}"

    # --- Patient, for matching --------------------------------------------------------------------

    def _patient(self, index: int, resource: Json) -> None:
        where = f"Bundle.entry[{index}].resource"
        number, at = _nhs_number(resource.get("identifier"))
        if number and not (number.isascii() and number.isdigit() and len(number) == 10 and nhs_number_is_valid(number)):
            # Policy (docs/fhir.md): kept as sent for a person to see, never as a verified number.
            self.reading.notes.append(
                Issue(
                    "warning",
                    "value",
                    f"{where}.identifier[{at}].value: the NHS number {number!r} fails its check digit; its events wait "
                    "for a person to match them, and the number is never stored as verified",
                    f"{where}.identifier[{at}].value",
                )
            )
        name = next((n for n in list_of(resource.get("name")) if isinstance(n, dict)), {})
        given = list_of(name.get("given"))
        address = next((a for a in list_of(resource.get("address")) if isinstance(a, dict)), {})
        self.patients[index] = PatientFacts(
            nhs_number=number,
            family_name=str(name.get("family") or ""),
            given_name=" ".join(str(g) for g in given),
            birth_date=_birth_date(resource.get("birthDate"), f"{where}.birthDate"),
            postcode=str(address.get("postalCode") or ""),
        )
        self.reading.kept[index] = "Used to match the events about this person; nothing is written to the record"

    def _subject(self, index: int, resource: Json, element: str = "subject") -> PatientFacts:
        where = f"Bundle.entry[{index}].resource.{element}"
        subject = resource.get(element)
        if not isinstance(subject, dict):
            raise _Fault(where, f"{where}: say who this is about (a reference to a Patient in the Bundle)", "required")
        reference = subject.get("reference")
        if isinstance(reference, str) and reference:
            found = self.by_reference.get(reference)
            if found is not None and found[1].get("resourceType") == "Patient":
                if found[0] not in self.patients:
                    raise _Fault(where, f"{where}: the Patient {reference} could not be read (see its own issue)")
                return self.patients[found[0]]
        identifier = subject.get("identifier")
        if isinstance(identifier, dict) and identifier.get("system") == uk_core.NHS_NUMBER_SYSTEM:
            return PatientFacts(nhs_number=re.sub(r"\s", "", str(identifier.get("value") or "")))
        if reference:
            raise _Fault(
                where, f"{where}: {reference} is not a Patient in this Bundle, and the reference carries no NHS number"
            )
        raise _Fault(
            where, f"{where}: give a reference to a Patient in the Bundle, or its NHS number identifier", "required"
        )

    # --- Events ---------------------------------------------------------------------------------------

    def _key(self, index: int, resource: Json) -> str:
        """The partner's identifier of the resource (system|value), else the sender and the resource's id."""
        for identifier in list_of(resource.get("identifier")):
            if isinstance(identifier, dict) and identifier.get("system") and identifier.get("value"):
                return f"{identifier['system']}|{identifier['value']}"
        entry = self.bundle["entry"][index]
        name = resource.get("id") or entry.get("fullUrl") or f"entry-{index}"
        return f"{self.sender}|{resource['resourceType']}/{name}"

    def _organisation(self, reference: Any) -> tuple[str, str]:
        """The ODS code and name of the organisation a reference names (in the Bundle, or logically)."""
        if not isinstance(reference, dict):
            return "", ""
        identifier = dict_of(reference.get("identifier"))
        code = str(identifier.get("value") or "") if identifier.get("system") == uk_core.ODS_SYSTEM else ""
        name = str(reference.get("display") or "")
        found = self.by_reference.get(str(reference.get("reference") or ""))
        if found is not None and found[1].get("resourceType") == "Organization":
            organisation = found[1]
            name = name or str(organisation.get("name") or "")
            for ident in list_of(organisation.get("identifier")):
                if isinstance(ident, dict) and ident.get("system") == uk_core.ODS_SYSTEM:
                    code = code or str(ident.get("value") or "")
        return code, name

    def _add(self, index: int, event: IncomingEvent) -> None:
        self.reading.events.append(event)
        self.reading.entry_of.append(index)

    def _encounter(self, index: int, resource: Json) -> None:
        where = f"Bundle.entry[{index}].resource"
        status = resource.get("status")
        if not isinstance(status, str) or not status:
            raise _Fault(f"{where}.status", f"{where}.status: give the Encounter's status", "required")
        if status in NOT_HAPPENED:
            self._ignore(index, "Encounter", f"an Encounter with status {status} did not happen")
            return
        klass = resource.get("class")
        if not isinstance(klass, dict) or not klass.get("code"):
            raise _Fault(
                f"{where}.class",
                f"{where}.class: give the Encounter's class (v3 ActCode: IMP, EMER, AMB...)",
                "required",
            )
        kind = encounter_kind(resource, str(klass.get("code")))
        if kind is None:
            self._ignore(
                index, "Encounter", f"an Encounter of class {klass.get('code')} is not a health event Tandem keeps"
            )
            return
        patient = self._subject(index, resource)
        period = dict_of(resource.get("period"))
        started = moment(period.get("start"), f"{where}.period.start")
        ended = moment(period["end"], f"{where}.period.end") if period.get("end") else None
        if ended is not None and ended < started:
            raise _Fault(f"{where}.period.end", f"{where}.period.end: the end is before the start")
        code, name = self._organisation(resource.get("serviceProvider"))
        codes = self._encounter_codes(resource)
        summary = next((text(t) for t in list_of(resource.get("type")) if text(t)), "") or text(
            next(iter(list_of(resource.get("reasonCode"))), None)
        )
        common: Json = {
            "resource_type": "Encounter",
            "patient": patient,
            "codes": codes,
            "summary": summary,
            "source_organisation_code": code,
            "source_organisation_name": name,
        }
        key = self._key(index, resource)
        self._add(index, IncomingEvent(kind=kind, occurred_at=started, ended_at=ended, source_key=key, **common))
        said = [EventKind(kind).label]
        admitted = kind in (EventKind.EMERGENCY_ADMISSION, EventKind.ELECTIVE_ADMISSION, EventKind.OTHER_ADMISSION)
        if admitted and status == "finished" and ended is not None:
            self._add(index, IncomingEvent(kind=EventKind.DISCHARGE, occurred_at=ended, source_key=key, **common))
            said.append(EventKind.DISCHARGE.label)
        self.reading.kept[index] = "Kept as " + " and ".join(said)

    def _encounter_codes(self, resource: Json) -> list[dict[str, str]]:
        codes = kept("class", {"coding": [resource["class"]]})
        for concept in list_of(resource.get("type")):
            codes += kept("type", concept)
        codes += kept("priority", resource.get("priority"))
        hospitalization = dict_of(resource.get("hospitalization"))
        for extension in list_of(hospitalization.get("extension")):
            if isinstance(extension, dict) and extension.get("url") == ADMISSION_METHOD_EXTENSION:
                codes += kept("admissionMethod", extension.get("valueCodeableConcept"))
        for extension in list_of(resource.get("extension")):
            if isinstance(extension, dict) and extension.get("url") == DISCHARGE_METHOD_EXTENSION:
                codes += kept("dischargeMethod", extension.get("valueCodeableConcept"))
        codes += kept("admitSource", hospitalization.get("admitSource"))
        codes += kept("dischargeDisposition", hospitalization.get("dischargeDisposition"))
        for concept in list_of(resource.get("reasonCode")):
            codes += kept("reasonCode", concept)
        for diagnosis in list_of(resource.get("diagnosis")):
            condition = isinstance(diagnosis, dict) and self.by_reference.get(
                str(dict_of(diagnosis.get("condition")).get("reference") or "")
            )
            if condition and condition[1].get("resourceType") == "Condition":
                codes += kept("diagnosis", condition[1].get("code"))
        return codes

    def _condition(self, index: int, resource: Json) -> None:
        where = f"Bundle.entry[{index}].resource"
        kind = coded_kind(resource.get("code"))
        if kind is None:
            self._ignore(index, "Condition", "a Condition that codes no fall is kept only as an Encounter's diagnosis")
            return
        status = codes_of(
            [resource.get("verificationStatus")], "http://terminology.hl7.org/CodeSystem/condition-ver-status"
        )
        if status & {"refuted", "entered-in-error"}:
            self._ignore(index, "Condition", "a refuted or mistaken Condition")
            return
        onset = (
            resource.get("onsetDateTime")
            or dict_of(resource.get("onsetPeriod")).get("start")
            or resource.get("recordedDate")
        )
        occurred = moment(onset, f"{where}.onsetDateTime")
        self._keep_coded(index, resource, kind, occurred, codes=kept("code", resource.get("code")))

    def _observation(self, index: int, resource: Json) -> None:
        where = f"Bundle.entry[{index}].resource"
        kind = coded_kind(resource.get("code"))
        if kind is None:
            self._ignore(index, "Observation", "an Observation that codes no fall or telecare alert")
            return
        status = resource.get("status")
        if not isinstance(status, str) or not status:
            raise _Fault(f"{where}.status", f"{where}.status: give the Observation's status", "required")
        if status in OBSERVATION_NOT_HAPPENED:
            self._ignore(index, "Observation", f"an Observation with status {status}")
            return
        effective = (
            resource.get("effectiveDateTime")
            or dict_of(resource.get("effectivePeriod")).get("start")
            or resource.get("effectiveInstant")
            or resource.get("issued")
        )
        occurred = moment(effective, f"{where}.effectiveDateTime")
        codes = kept("code", resource.get("code"))
        for concept in list_of(resource.get("category")):
            codes += kept("category", concept)
        where_from = self._organisation(next(iter(list_of(resource.get("performer"))), None))
        self._keep_coded(index, resource, kind, occurred, codes=codes, where_from=where_from)

    def _keep_coded(
        self,
        index: int,
        resource: Json,
        kind: EventKind,
        occurred: datetime,
        *,
        codes: list[dict[str, str]],
        where_from: tuple[str, str] = ("", ""),
    ) -> None:
        """A fall or telecare alert from a Condition or Observation, with the words its codes carry."""
        self._add(
            index,
            IncomingEvent(
                kind=kind,
                occurred_at=occurred,
                source_key=self._key(index, resource),
                resource_type=resource["resourceType"],
                patient=self._subject(index, resource),
                codes=codes,
                summary=text(resource.get("code")) or text(resource.get("valueCodeableConcept")),
                source_organisation_code=where_from[0],
                source_organisation_name=where_from[1],
            ),
        )
        self.reading.kept[index] = f"Kept as {kind.label}"


def bundle_read(bundle: Any, *, sender: str) -> Reading:
    return BundleReader(bundle, sender=sender).read()
