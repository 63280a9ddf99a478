import json

import pytest
from django.core.management import CommandError, call_command

from tandem.directory.models import Service
from tandem.directory.tests.datasets import SERVICE_ID, lunch_club

pytestmark = pytest.mark.django_db


def test_import_prints_the_report(tmp_path, capsys):
    path = tmp_path / "directory.json"
    path.write_text(json.dumps([lunch_club()]), encoding="utf-8")

    call_command("directory", "import", str(path))

    assert capsys.readouterr().out == (
        "Imported 1 service (1 new, 0 updated), 1 organisations, 1 locations and 1 taxonomy terms.\n"
    )
    assert Service.objects.get().name == "Thursday Lunch Club"


def test_a_bad_file_exits_non_zero_listing_each_problem_and_changes_nothing(tmp_path, capsys):
    broken = lunch_club(status="open", url="not a url")
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(broken), encoding="utf-8")

    with pytest.raises(CommandError, match=r"^The dataset has 2 problems; nothing was imported\.$"):
        call_command("directory", "import", str(path))

    assert capsys.readouterr().err == (
        "services[0].url: not a URL\n"
        "services[0].status: must be one of 'active', 'inactive', 'defunct', 'temporarily closed'\n"
    )
    assert not Service.objects.exists()


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "directory.json"
    path.write_text("{not json", encoding="utf-8")

    with pytest.raises(CommandError, match="is not JSON"):
        call_command("directory", "import", str(path))


def test_export_writes_a_list_page(tmp_path, capsys):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(lunch_club()), encoding="utf-8")
    call_command("directory", "import", str(source))
    target = tmp_path / "out.json"

    call_command("directory", "export", str(target))

    page = json.loads(target.read_text(encoding="utf-8"))
    assert page["total_items"] == 1
    assert [service["id"] for service in page["contents"]] == [SERVICE_ID]
    assert capsys.readouterr().out.endswith(f"Exported 1 services to {target}.\n")


def test_a_file_that_is_not_utf_8_is_refused_saying_where(tmp_path, capsys):
    path = tmp_path / "directory.json"
    path.write_bytes(json.dumps([lunch_club(name="Carers' Café")], ensure_ascii=False).encode("cp1252"))

    with pytest.raises(CommandError) as raised:
        call_command("directory", "import", str(path))

    assert str(raised.value).startswith(f"{path} is not UTF-8 text: byte 0xe9 on line 1 (byte ")
    assert str(raised.value).endswith(
        "is not UTF-8. ORUK files are JSON, which is always UTF-8: save the file as UTF-8 and try again."
    )
    assert not Service.objects.exists()


def test_a_byte_order_mark_is_tolerated(tmp_path):
    path = tmp_path / "directory.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(lunch_club()).encode("utf-8"))

    call_command("directory", "import", str(path))

    assert Service.objects.get().name == "Thursday Lunch Club"


@pytest.mark.parametrize("depth", [33, 10_000, 1_000_000])
def test_deeply_nested_json_is_refused_with_the_limit(tmp_path, depth):
    path = tmp_path / "deep.json"
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")

    with pytest.raises(CommandError, match=rf"^{path} is nested more than 32 levels deep: "):
        call_command("directory", "import", str(path))


def test_32_levels_is_not_refused_for_its_depth(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 32 + "]" * 32, encoding="utf-8")

    with pytest.raises(CommandError, match=r"^The dataset has \d problems; nothing was imported\.$"):
        call_command("directory", "import", str(path))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr("tandem.directory.oruk.MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (1024 * 1024 + 1))

    with pytest.raises(CommandError) as raised:
        call_command("directory", "import", str(path))

    assert str(raised.value) == (
        f"{path} is 1.0 MiB: the largest file that can be imported is 1 MiB. "
        "Split it into several files of services and import each."
    )


def test_the_size_limit_is_50_mib():
    from tandem.directory import oruk

    assert (oruk.MAX_FILE_BYTES, oruk.MAX_DEPTH, oruk.MAX_TEXT, oruk.MAX_EXTENT) == (
        50 * 1024 * 1024,
        32,
        10_000,
        2_000_000,
    )


def test_a_number_too_long_to_read_is_refused(tmp_path):
    path = tmp_path / "long.json"
    path.write_text('{"minimum_age": ' + "9" * 5000 + "}", encoding="utf-8")

    with pytest.raises(CommandError, match=rf"^{path} is not JSON that can be read: "):
        call_command("directory", "import", str(path))


def test_a_list_of_organisations_is_refused_saying_what_it_is_and_what_the_command_takes(tmp_path, capsys):
    path = tmp_path / "organisations.json"
    organisation = {"id": "a1c4e2f0-5b3d-4e6a-8c9b-1d2e3f4a5b60", "name": "Age Concern", "description": "A charity."}
    path.write_text(json.dumps({"contents": [organisation | {"website": "https://a.example"}]}), encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("directory", "import", str(path))

    assert str(raised.value) == (
        "This file appears to be one organisation (what ORUK's `GET /organizations` lists), not services; "
        "nothing was imported. `tandem directory import` takes services: one fully nested service (as "
        "`GET /services/{id}` gives it), a list of services, or a list page of them (as `GET /services` or "
        "`tandem directory export` gives it)."
    )
    assert capsys.readouterr().err == ""
