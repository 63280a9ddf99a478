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
