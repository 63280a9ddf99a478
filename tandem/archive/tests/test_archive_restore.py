"""A seeded borough exported, restored into another database, and compared row by row, field by field.

The borough is a small demo seed in a SQLite file, exported and restored by `manage.py` processes of
their own (the way an operator runs them), into a second file migrated the same way. The refusals
run in this process against the test database, each proving nothing was written.
"""

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from tandem.archive import manifest, tables
from tandem.archive.manifest import ArchiveRefused
from tandem.archive.restoring import archive_restore
from tandem.interop.tests.profiles import fhir_validate, uk_core_patient_check
from tests.tables import Tables

ROOT = Path(__file__).resolve().parents[3]
SEAL_COLUMNS = ("chain_position=", "previous_hash=", "key_id=", "hash=")


def _manage(database: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(ROOT)}
    return subprocess.run(  # noqa: S603 - this checkout's manage.py, with the test's own arguments
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _dump(database: Path, out: Path) -> None:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(ROOT)}
    subprocess.run(  # noqa: S603 - this checkout's dump module, with the test's own arguments
        [sys.executable, "-m", "tandem.archive.tests.rows_dump", str(out)],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=600,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _shared_directory(tmp_path_factory) -> Path:
    """A directory every worker of this run shares (xdist gives each worker its own base)."""
    base = Path(tmp_path_factory.getbasetemp())
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _borough_build(work: Path) -> dict[str, str]:
    template = work / "migrated.sqlite3"
    _ok(_manage(template, "migrate", "--no-input", "-v", "0"))
    source, restored = work / "source.sqlite3", work / "restored.sqlite3"
    shutil.copy(template, source)
    shutil.copy(template, restored)
    _ok(_manage(source, "seed", "--size", "small", "--people", "200"))
    said = {"exported": _ok(_manage(source, "export", str(work / "archive")))}
    said["imported"] = _ok(_manage(restored, "import", str(work / "archive")))
    _dump(source, work / "source.json")
    _dump(restored, work / "restored.json")
    return said


@pytest.fixture(scope="module")
def borough(tmp_path_factory):
    """A borough seeded, exported and restored once a run (each step a process of its own), shared
    by the workers of a parallel run: it takes minutes."""
    shared = _shared_directory(tmp_path_factory)
    work = shared / "archive-borough"
    with (shared / "archive-borough.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (work / "said.json").is_file():
                shutil.rmtree(work, ignore_errors=True)
                work.mkdir()
                (work / "said.json").write_text(json.dumps(_borough_build(work)))
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    said = json.loads((work / "said.json").read_text())
    return SimpleNamespace(
        archive=work / "archive",
        source=work / "source.sqlite3",
        restored=work / "restored.sqlite3",
        exported=said["exported"],
        imported=said["imported"],
        before=json.loads((work / "source.json").read_text()),
        after=json.loads((work / "restored.json").read_text()),
    )


def test_a_restored_borough_holds_every_row_of_every_table_field_by_field(borough):
    before, after = borough.before, borough.after
    assert sorted(after) == sorted(before) == sorted(model._meta.label_lower for model in tables.archived_models())
    assert len(before["people.person"]) == 200
    for label in ("front_door.contact", "workforce.case", "safeguarding.concern", "support_plans.supportplan"):
        assert before[label], f"the seed made no {label}"
    for label in before:
        if label in {"audit.auditevent", "audit.auditchainhead"}:
            continue
        assert after[label] == before[label], label


def test_a_restore_keeps_the_audit_log_as_it_was_and_records_itself(borough):
    before, after = borough.before["audit.auditevent"], borough.after["audit.auditevent"]
    # The restore is recorded after every restored event; sealing may since have sealed events that
    # waited (the seal columns only ever go from empty to set).
    assert len(after) == len(before) + 1
    assert "action='archive.restored'" in after[-1]
    assert any("action='archive.exported'" in value for value in before[-1])
    for was, now in zip(before, after, strict=False):
        unsealed = "hash=None" in was
        for old, new in zip(was, now, strict=True):
            if unsealed and old.startswith(SEAL_COLUMNS):
                continue
            assert new == old


def test_the_audit_chain_verifies_after_a_restore(borough):
    out = _ok(_manage(borough.restored, "audit_verify"))

    assert out.startswith("Audit log intact")


def test_every_fhir_resource_in_the_archive_is_valid_fhir_r4(borough):
    files = sorted((borough.archive / "fhir").glob("*.ndjson"))
    assert {path.stem for path in files} >= {"Patient", "Flag", "RelatedPerson", "CarePlan", "Goal", "Encounter"}
    seen = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            resource = json.loads(line)
            assert resource["resourceType"] == path.stem
            fhir_validate(resource)
            if path.stem == "Patient":
                uk_core_patient_check(resource)
            seen += 1
    assert seen > 200


def test_the_manifest_counts_and_hashes_every_file(borough):
    data = manifest.manifest_read(borough.archive)

    manifest.hashes_check(borough.archive, data)
    assert data["files"]["tandem/people.person.jsonl"]["rows"] == 200
    assert data["files"]["fhir/Patient.ndjson"]["rows"] == 200
    assert "people" in data["migrations"]
    assert "Exported" in borough.exported
    assert "Restored" in borough.imported


def test_a_restore_into_a_database_that_holds_records_is_refused_in_plain_words(borough):
    result = _manage(borough.source, "import", str(borough.archive))

    assert result.returncode == 1
    assert "The database is not empty" in result.stderr
    assert "Traceback" not in result.stderr


# Refusals, in this process ---------------------------------------------------------------------


def _copy_taken_here(archive: Path, into: Path) -> Path:
    """The archive, its manifest saying it was taken at this test database's migrations."""
    copy = into / "archive"
    shutil.copytree(archive, copy)
    data = json.loads((copy / manifest.MANIFEST).read_text())
    data["migrations"] = manifest.applied_migrations()
    (copy / manifest.MANIFEST).write_text(json.dumps(data))
    return copy


def _rehash(archive: Path, name: str) -> None:
    data = json.loads((archive / manifest.MANIFEST).read_text())
    data["files"][name]["sha256"] = manifest.file_hash(archive / name)
    (archive / manifest.MANIFEST).write_text(json.dumps(data))


@pytest.mark.django_db
def test_it_refuses_a_file_changed_since_the_export(borough, tmp_path):
    archive = _copy_taken_here(borough.archive, tmp_path)
    people = archive / "tandem/people.person.jsonl"
    people.write_text(people.read_text().replace('"family_name":"', '"family_name":"X', 1))
    tables_before = Tables()

    with pytest.raises(ArchiveRefused, match=r"tandem/people.person.jsonl does not match its SHA-256"):
        archive_restore(directory=archive)

    tables_before.assert_unchanged()


@pytest.mark.django_db
def test_it_refuses_a_file_cut_short_since_the_export(borough, tmp_path):
    archive = _copy_taken_here(borough.archive, tmp_path)
    people = archive / "tandem/people.person.jsonl"
    people.write_bytes(people.read_bytes()[:-500])

    with pytest.raises(ArchiveRefused, match=r"does not match its SHA-256 in the manifest \(changed or cut short"):
        archive_restore(directory=archive)


@pytest.mark.django_db
def test_it_names_the_line_of_a_file_cut_short_before_it_was_hashed(borough, tmp_path):
    archive = _copy_taken_here(borough.archive, tmp_path)
    people = archive / "tandem/people.person.jsonl"
    lines = people.read_bytes().splitlines(keepends=True)
    people.write_bytes(b"".join(lines[:-1]) + lines[-1][:40])
    _rehash(archive, "tandem/people.person.jsonl")
    tables_before = Tables()

    with pytest.raises(ArchiveRefused) as refused:
        archive_restore(directory=archive)

    assert f"tandem/people.person.jsonl line {len(lines)}: not a complete JSON object" in refused.value.message
    assert "Nothing was restored" in refused.value.message
    tables_before.assert_unchanged()


@pytest.mark.django_db
def test_it_names_the_row_and_column_of_a_value_that_is_wrong(borough, tmp_path):
    archive = _copy_taken_here(borough.archive, tmp_path)
    people = archive / "tandem/people.person.jsonl"
    lines = people.read_text().splitlines(keepends=True)
    row = json.loads(lines[2])
    row["date_of_birth"] = "1950-13-45"
    lines[2] = json.dumps(row) + "\n"
    people.write_text("".join(lines))
    _rehash(archive, "tandem/people.person.jsonl")
    tables_before = Tables()

    with pytest.raises(ArchiveRefused, match=r"tandem/people.person.jsonl line 3: date_of_birth \"1950-13-45\""):
        archive_restore(directory=archive)

    tables_before.assert_unchanged()


@pytest.mark.django_db
def test_it_refuses_an_archive_taken_at_other_migrations(borough, tmp_path):
    archive = _copy_taken_here(borough.archive, tmp_path)
    data = json.loads((archive / manifest.MANIFEST).read_text())
    data["migrations"]["people"] = [*data["migrations"].get("people", []), "0099_a_later_change"]
    (archive / manifest.MANIFEST).write_text(json.dumps(data))

    with pytest.raises(ArchiveRefused, match=r"people: the archive has 0099_a_later_change and this database does not"):
        archive_restore(directory=archive)


@pytest.mark.django_db
def test_it_refuses_a_database_that_holds_records(borough, tmp_path, practitioner):
    archive = _copy_taken_here(borough.archive, tmp_path)
    tables_before = Tables()

    with pytest.raises(ArchiveRefused, match=r"The database is not empty.*identity.user \(1 row\)"):
        archive_restore(directory=archive)

    tables_before.assert_unchanged()


@pytest.mark.django_db
def test_the_import_command_answers_a_refusal_without_a_traceback(tmp_path):
    with pytest.raises(CommandError, match=r"has no manifest.json: it is not an archive, or its export did not finish"):
        call_command("import", str(tmp_path))


@pytest.mark.django_db
def test_the_export_command_never_writes_over_an_archive(tmp_path):
    (tmp_path / "manifest.json").write_text("{}")

    with pytest.raises(CommandError, match=r"is not an empty directory"):
        call_command("export", str(tmp_path))


def test_every_installed_table_is_archived_or_left_out_for_a_reason():
    assert tables.unaccounted_models() == []


@pytest.mark.django_db
def test_an_export_without_credentials_holds_no_password_hash_nor_second_factor(tmp_path, practitioner):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=practitioner, name="phone", confirmed=True)
    archive = tmp_path / "archive"

    call_command("export", str(archive), "--without-credentials")

    staff = [json.loads(line) for line in (archive / "tandem/identity.user.jsonl").read_text().splitlines()]
    assert [row["id"] for row in staff] == [practitioner.pk]
    assert staff[0]["password"].startswith("!")
    assert staff[0]["password"] != practitioner.password
    assert (archive / "tandem/otp_totp.totpdevice.jsonl").read_text() == ""
    data = manifest.manifest_read(archive)
    assert data["credentials"] == "left out"
    manifest.hashes_check(archive, data)


@pytest.mark.django_db
def test_an_export_holds_credentials_unless_told_not_to(tmp_path, practitioner):
    archive = tmp_path / "archive"

    call_command("export", str(archive))

    (staff,) = [json.loads(line) for line in (archive / "tandem/identity.user.jsonl").read_text().splitlines()]
    assert staff["password"] == practitioner.password
    assert manifest.manifest_read(archive)["credentials"] == "included"


@pytest.mark.django_db
def test_it_refuses_a_value_of_the_wrong_type_rather_than_turn_it_into_text(borough, tmp_path):
    archive = _copy_taken_here(borough.archive, tmp_path)
    people = archive / "tandem/people.person.jsonl"
    lines = people.read_text().splitlines(keepends=True)
    row = json.loads(lines[0])
    row["family_name"] = 12
    lines[0] = json.dumps(row) + "\n"
    people.write_text("".join(lines))
    _rehash(archive, "tandem/people.person.jsonl")
    tables_before = Tables()

    with pytest.raises(ArchiveRefused, match=r"tandem/people.person.jsonl line 1: family_name 12 should be text"):
        archive_restore(directory=archive)

    tables_before.assert_unchanged()


@pytest.mark.django_db
def test_it_refuses_a_manifest_naming_files_outside_the_archive(borough, tmp_path):
    archive = _copy_taken_here(borough.archive, tmp_path)
    data = json.loads((archive / manifest.MANIFEST).read_text())
    data["files"]["/etc/hostname"] = {"rows": 1, "sha256": "0" * 64}
    (archive / manifest.MANIFEST).write_text(json.dumps(data))

    with pytest.raises(ArchiveRefused, match=r"names files outside the archive: /etc/hostname"):
        archive_restore(directory=archive)


@pytest.mark.django_db
def test_a_row_that_cannot_be_written_as_fhir_stops_the_export_naming_it(tmp_path, practitioner, monkeypatch):
    from tandem.archive import fhir_rows

    def broken(user):
        raise KeyError("profession")

    staff = next(resource for resource in fhir_rows.RESOURCES if resource.resource_type == "Practitioner")
    failing = fhir_rows.ResourceRows("Practitioner", staff.rows, broken)
    monkeypatch.setattr(fhir_rows, "RESOURCES", (failing,))

    with pytest.raises(CommandError, match=rf"Practitioner of identity.user {practitioner.pk} cannot be written"):
        call_command("export", str(tmp_path / "archive"))

    assert not (tmp_path / "archive" / manifest.MANIFEST).exists()
