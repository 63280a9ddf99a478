"""FHIR Bulk Data export (`$export` at system, group and patient level): kick-off, status, files,
cancelling, `_type`, `_since`, `_outputFormat`, scopes, consent and audit."""

import io
import json
from datetime import timedelta

import pytest
from django.test import Client

from tandem.audit.models import AuditEvent
from tandem.audit.services import chain_seal
from tandem.audit.verification import chain_verify
from tandem.core import clock
from tandem.interop import bulk, exports
from tandem.interop.models import ExportJob
from tandem.interop.services import partner_register, partner_revoke
from tandem.interop.tests.conftest import ALL_SCOPES, token_for
from tandem.interop.tests.profiles import emitted_check
from tandem.people.models import Person
from tandem.workforce.codes import CaseStatus
from tandem.workforce.models import Case

pytestmark = pytest.mark.django_db

ASYNC = {"HTTP_PREFER": "respond-async", "HTTP_ACCEPT": "application/fhir+json"}


@pytest.fixture(autouse=True)
def export_dir(settings, tmp_path):
    settings.TANDEM_FHIR_EXPORT_DIR = tmp_path / "exports"
    return settings.TANDEM_FHIR_EXPORT_DIR


@pytest.fixture
def token(issued):
    return token_for(issued)


def _get(token, path, **params):
    headers = {**ASYNC, **params.pop("headers", {})}
    return Client().get(path, params, HTTP_AUTHORIZATION=f"Bearer {token}", **headers)


def _kick_off(token, path, run, **params):
    """Kick off and (with `run`) let the job run as the transaction commits, as eager tasks do."""
    with run(execute=True):
        return _get(token, path, **params)


def _status(token, response):
    assert response.status_code == 202, response.content
    return Client().get(response["Content-Location"], HTTP_AUTHORIZATION=f"Bearer {token}")


def _lines(token, manifest):
    """Each output file fetched with the token, as {type: [resources]}, every line valid FHIR."""
    files = {}
    for item in manifest["output"]:
        response = Client().get(item["url"], HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/fhir+ndjson"
        text = b"".join(response.streaming_content).decode()
        assert text.endswith("\n")
        resources = [json.loads(line) for line in text.splitlines()]
        for resource in resources:
            assert resource["resourceType"] == item["type"]
            emitted_check(resource)  # fhir.resources R4 models and the UK Core profile claimed
        assert len(resources) == item["count"]
        files[item["type"]] = resources
    return files


def test_system_export_of_what_the_partner_may_read(token, borough, django_capture_on_commit_callbacks):
    response = _kick_off(token, "/fhir/$export", django_capture_on_commit_callbacks)

    status = _status(token, response)
    manifest = status.json()
    assert status.status_code == 200
    assert status["Content-Type"] == "application/json"
    assert manifest["requiresAccessToken"] is True
    assert manifest["request"].endswith("/fhir/$export")
    assert manifest["error"] == []
    assert manifest["transactionTime"].endswith("Z")
    files = _lines(token, manifest)
    patients = {resource["id"] for resource in files["Patient"]}
    assert patients == {str(borough.shared.uuid), str(borough.second.uuid)}
    assert [flag["id"] for flag in files["Flag"]] == [str(borough.warning.uuid)]
    assert {"Organization", "Practitioner", "PractitionerRole", "Consent"} <= set(files)
    assert "Binary" not in files


def test_every_person_exported_is_audited_under_the_partner(token, borough, django_capture_on_commit_callbacks):
    _kick_off(token, "/fhir/Patient/$export", django_capture_on_commit_callbacks)

    reads = AuditEvent.objects.filter(action="interop.record.read", changes__interaction="$export")
    assert {event.person_uuid for event in reads} == {borough.shared.uuid, borough.second.uuid}
    assert all("Trust EPR" in event.summary for event in reads)
    assert AuditEvent.objects.filter(action="interop.export.requested").count() == 1
    assert AuditEvent.objects.filter(action="interop.export.completed").count() == 1
    chain_seal()  # the events written together seal and verify as any others
    assert chain_verify().broken_at is None


def test_people_not_shared_are_never_exported(token, borough, django_capture_on_commit_callbacks):
    response = _kick_off(token, "/fhir/Patient/$export", django_capture_on_commit_callbacks)

    files = _lines(token, _status(token, response).json())
    text = json.dumps(files)
    for hidden in (borough.refused, borough.restricted, borough.elsewhere):
        assert str(hidden.uuid) not in text
    assert str(borough.hidden_warning.uuid) not in text
    assert "Organization" not in files  # the directory is exported at system level only


def test_type_limits_the_files(token, borough, django_capture_on_commit_callbacks):
    response = _kick_off(token, "/fhir/Patient/$export", django_capture_on_commit_callbacks, _type="Flag")

    manifest = _status(token, response).json()
    assert [item["type"] for item in manifest["output"]] == ["Flag"]
    assert manifest["output"][0]["count"] == 1


def test_a_type_not_exported_is_refused(token, borough):
    response = _get(token, "/fhir/$export", _type="Binary")

    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"
    assert ExportJob.objects.count() == 0


def test_a_type_without_its_scope_is_refused(partner, borough):
    issued = partner_register(name="GP", organisation=partner, scopes=["system/Patient.read"], actor=None)
    token = token_for(issued)

    response = _get(token, "/fhir/$export", _type="Patient,Flag")

    assert response.status_code == 403
    assert "system/Flag.read" in response.json()["issue"][0]["diagnostics"]


def test_without_type_only_the_types_granted(partner, borough, django_capture_on_commit_callbacks):
    issued = partner_register(name="GP", organisation=partner, scopes=["system/Patient.read"], actor=None)
    token = token_for(issued)

    response = _kick_off(token, "/fhir/$export", django_capture_on_commit_callbacks)

    assert [item["type"] for item in _status(token, response).json()["output"]] == ["Patient"]


def test_since_exports_only_what_changed_after(token, borough, django_capture_on_commit_callbacks):
    moment = clock.now()
    Person.objects.filter(pk=borough.second.pk).update(updated_at=moment - timedelta(minutes=1))
    Person.objects.filter(pk=borough.shared.pk).update(updated_at=moment - timedelta(days=1))
    since = (moment - timedelta(hours=1)).isoformat().replace("+00:00", "Z")

    response = _kick_off(
        token, "/fhir/Patient/$export", django_capture_on_commit_callbacks, _type="Patient", _since=since
    )

    files = _lines(token, _status(token, response).json())
    assert [patient["id"] for patient in files["Patient"]] == [str(borough.second.uuid)]


def test_since_must_be_an_instant(token, borough):
    response = _get(token, "/fhir/$export", _since="2026-12-01T00:00:00")

    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["_since"]


@pytest.mark.parametrize("output_format", ["application/fhir+ndjson", "application/ndjson", "ndjson"])
def test_ndjson_output_formats_are_accepted(token, borough, output_format):
    assert _get(token, "/fhir/$export", _outputFormat=output_format).status_code == 202


@pytest.mark.parametrize("output_format", ["application/fhir+json", "text/csv", "parquet"])
def test_other_output_formats_are_refused(token, borough, output_format):
    response = _get(token, "/fhir/$export", _outputFormat=output_format)

    assert response.status_code == 400
    assert response.json()["issue"][0]["code"] == "not-supported"


def test_kick_off_needs_respond_async(token, borough):
    response = _get(token, "/fhir/$export", headers={"HTTP_PREFER": ""})

    assert response.status_code == 400
    assert "respond-async" in response.json()["issue"][0]["diagnostics"]


def test_kick_off_answers_in_fhir_json_only(token, borough):
    assert _get(token, "/fhir/$export", headers={"HTTP_ACCEPT": "text/html"}).status_code == 406


def test_unsupported_parameters_are_refused(token, borough):
    response = _get(token, "/fhir/$export", _typeFilter="Patient?family=Smith")

    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["_typeFilter"]


def test_a_running_job_answers_202_with_progress(token, borough):
    response = _get(token, "/fhir/$export")  # its task is queued on commit, which a test never reaches

    status = _status(token, response)
    assert status.status_code == 202
    assert status["X-Progress"]
    assert int(status["Retry-After"]) > 0


def test_a_cancelled_job_is_gone_and_never_runs(token, borough, export_dir):
    response = _get(token, "/fhir/$export")
    url = response["Content-Location"]

    cancelled = Client().delete(url, HTTP_AUTHORIZATION=f"Bearer {token}")

    assert cancelled.status_code == 202
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    assert Client().delete(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    job = ExportJob.objects.get()
    assert exports.export_run(job.pk) is None  # the queued task finds it cancelled
    assert not (export_dir / str(job.uuid)).exists()
    assert AuditEvent.objects.filter(action="interop.record.read").count() == 0


def test_cancelling_a_completed_job_deletes_its_files(token, borough, export_dir, django_capture_on_commit_callbacks):
    response = _kick_off(token, "/fhir/$export", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert (export_dir / str(job.uuid) / "Patient.ndjson").exists()

    Client().delete(response["Content-Location"], HTTP_AUTHORIZATION=f"Bearer {token}")

    assert not (export_dir / str(job.uuid)).exists()


def test_a_failed_job_answers_an_operation_outcome(token, borough, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(bulk, "rows_of", broken)

    status = _status(token, _kick_off(token, "/fhir/$export", django_capture_on_commit_callbacks))

    assert status.status_code == 500
    body = status.json()
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == "exception"
    assert "disk full" not in body["issue"][0]["diagnostics"]


def test_no_token_is_refused(borough):
    response = Client().get("/fhir/$export", **ASYNC)

    assert response.status_code == 401


def test_a_revoked_partner_is_refused(issued, token, borough, django_capture_on_commit_callbacks):
    response = _kick_off(token, "/fhir/$export", django_capture_on_commit_callbacks)
    partner_revoke(partner=issued.partner, actor=None)

    assert _get(token, "/fhir/$export").status_code == 401
    assert Client().get(response["Content-Location"], HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_another_partner_cannot_reach_the_job_or_its_files(token, partner, borough, django_capture_on_commit_callbacks):
    response = _kick_off(token, "/fhir/$export", django_capture_on_commit_callbacks)
    manifest = _status(token, response).json()
    other = token_for(partner_register(name="Other EPR", organisation=partner, scopes=ALL_SCOPES, actor=None))

    assert Client().get(response["Content-Location"], HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
    assert Client().get(manifest["output"][0]["url"], HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
    assert Client().delete(response["Content-Location"], HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404


def test_files_need_the_token(token, borough, django_capture_on_commit_callbacks):
    manifest = _status(token, _kick_off(token, "/fhir/$export", django_capture_on_commit_callbacks)).json()

    assert Client().get(manifest["output"][0]["url"]).status_code == 401


def test_expired_exports_are_gone(token, borough, export_dir, django_capture_on_commit_callbacks):
    response = _kick_off(token, "/fhir/$export", django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert job.expires_at is not None
    ExportJob.objects.filter(pk=job.pk).update(expires_at=clock.now() - timedelta(seconds=1))

    assert Client().get(response["Content-Location"], HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    assert exports.exports_expire() == 1
    assert not (export_dir / str(job.uuid)).exists()
    assert ExportJob.objects.count() == 0


def test_too_many_exports_at_once(token, borough):
    for _ in range(3):
        assert _get(token, "/fhir/$export").status_code == 202

    assert _get(token, "/fhir/$export").status_code == 429


def test_group_export_is_a_teams_caseload(token, borough, team, practitioner, django_capture_on_commit_callbacks):
    for person in (borough.shared, borough.refused):
        Case.objects.create(
            person=person,
            team=team,
            summary="Review",
            status=CaseStatus.ALLOCATED,
            opened_at=clock.now(),
            allocated_to=practitioner,
            allocated_at=clock.now(),
        )
    group = Client().get(f"/fhir/Group/{team.uuid}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    emitted_check(group)
    assert group["managingEntity"]["reference"] == f"Organization/{team.uuid}"
    assert "member" not in group

    response = _kick_off(token, f"/fhir/Group/{team.uuid}/$export", django_capture_on_commit_callbacks)

    files = _lines(token, _status(token, response).json())
    assert [patient["id"] for patient in files["Patient"]] == [str(borough.shared.uuid)]  # refused: never
    assert [flag["id"] for flag in files["Flag"]] == [str(borough.warning.uuid)]


def test_an_unknown_group_is_not_found(token, borough):
    response = _get(token, "/fhir/Group/00000000-0000-0000-0000-000000000000/$export")

    assert response.status_code == 404


def test_group_export_needs_the_group_scope(partner, team, borough):
    issued = partner_register(name="GP", organisation=partner, scopes=["system/Patient.read"], actor=None)

    response = _get(token_for(issued), f"/fhir/Group/{team.uuid}/$export")

    assert response.status_code == 403


def test_the_capability_statement_declares_the_exports():
    body = Client().get("/fhir/metadata").json()
    rest = body["rest"][0]
    resources = {resource["type"]: resource for resource in rest["resource"]}

    assert rest["operation"][0]["definition"] == "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"
    patient_ops = {op["definition"] for op in resources["Patient"]["operation"]}
    assert "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export" in patient_ops
    group_ops = [op["definition"] for op in resources["Group"]["operation"]]
    assert group_ops == ["http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export"]


def test_write_ndjson_writes_one_resource_a_line():
    stream = io.StringIO()

    resources = [{"resourceType": "Patient", "id": "a"}, {"resourceType": "Patient", "id": "é"}]

    written = bulk.write_ndjson(resources, stream)

    assert written == 2
    assert stream.getvalue() == '{"resourceType":"Patient","id":"a"}\n{"resourceType":"Patient","id":"é"}\n'


def test_the_plan_its_goals_and_documents_are_exported(
    token, borough, practitioner, django_capture_on_commit_callbacks
):
    from tandem.support_plans.tests.plan_data import agreed_plan_make

    plan = agreed_plan_make(borough.shared, practitioner)
    agreed_plan_make(borough.refused, practitioner)

    response = _kick_off(token, "/fhir/Patient/$export", django_capture_on_commit_callbacks)

    files = _lines(token, _status(token, response).json())
    assert [care_plan["id"] for care_plan in files["CarePlan"]] == [str(plan.uuid)]
    assert len(files["Goal"]) == plan.outcomes.count() > 0
    assert {document["subject"]["reference"] for document in files["DocumentReference"]} == {
        f"Patient/{borough.shared.uuid}"
    }


def test_head_starts_no_export(token, borough):
    response = Client().head("/fhir/$export", HTTP_AUTHORIZATION=f"Bearer {token}", **ASYNC)

    assert response.status_code == 405
    assert ExportJob.objects.count() == 0


def test_rows_are_read_in_windows_whatever_their_spread(issued, borough, monkeypatch):
    """Small batches over sparse ids: every row once, none twice (windows grow and shrink)."""
    from tandem.people.models import HazardWarning
    from tests.conftest import warning_make

    monkeypatch.setattr(bulk, "BATCH", 2)
    warnings = [warning_make(person=borough.shared, raised_by=borough.warning.raised_by) for _ in range(7)]
    HazardWarning.objects.filter(pk__in=[w.pk for w in warnings[2:5]]).delete()  # a gap in the ids
    scope = bulk.Scope(level=bulk.SYSTEM, person_ids=None, since=None, until=clock.now() + timedelta(hours=1))

    read = [row.pk for rows in bulk.rows_of(issued.partner, "Flag", scope) for row in rows]

    expected = {borough.warning.pk, *(w.pk for w in warnings[:2]), *(w.pk for w in warnings[5:])}
    assert sorted(read) == sorted(expected)
    assert all(len(rows) <= 4 for rows in bulk.rows_of(issued.partner, "Flag", scope))
