"""Postcode centroids: the shipped Code-Point file, the ONSPD loader and its command, placing locations."""

import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.core import examples
from tandem.directory import postcodes
from tandem.directory.models import Location, PostcodeCentroid
from tandem.directory.postcodes import PostcodeFileInvalid, codepoint_load, onspd_load, place_find
from tandem.directory.search import ServiceQuery, service_search
from tandem.directory.tests.search_world import service_make

pytestmark = pytest.mark.django_db

HEADER = "pcd,pcd2,pcds,dointr,doterm,oscty,oseast1m,osnrth1m,osgrdind,lat,long\n"


def _onspd(tmp_path, *rows: str, header: str = HEADER):
    path = tmp_path / "ONSPD.csv"
    path.write_text(header + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


LIVE = "CH41 1AA,CH41  1AA,CH41 1AA,198001,,E99999999,332000,389000,1,53.394,-3.013"
LIVE_TOO = "SW1A 2AA,SW1A  2AA,SW1A 2AA,198001,,E99999999,530047,179951,1,51.503541,-0.127670"
TERMINATED = "CH41 9ZZ,CH41  9ZZ,CH41 9ZZ,198001,200012,E99999999,332100,389100,1,53.395,-3.012"
NOWHERE = "GY1 1AA,GY1  1AA,GY1 1AA,198001,,,,,9,99.999999,0.000000"
NOT_A_POSTCODE = "XXXX,XXXX,XXXX,198001,,E99999999,332000,389000,1,53.394,-3.013"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ch411aa", "CH41 1AA"), (" CH41  1AA ", "CH41 1AA"), ("sw1a2aa", "SW1A 2AA"), ("CH41", None), ("", None)],
)
def test_postcodes_are_normalised(raw, expected):
    assert postcodes.postcode_normalise(raw) == expected


def test_the_shipped_wirral_file_loads_quickly_with_latitude_and_longitude():
    started = time.perf_counter()

    loaded = codepoint_load()

    assert time.perf_counter() - started < 10
    assert loaded == PostcodeCentroid.objects.count() > 8_500
    birkenhead = PostcodeCentroid.objects.get(postcode="CH41 5LH")
    assert (birkenhead.easting, birkenhead.northing) == (333026, 388659)
    assert birkenhead.latitude == pytest.approx(53.391, abs=0.002)
    assert birkenhead.longitude == pytest.approx(-3.010, abs=0.002)


def test_grid_and_coordinates_agree_both_ways():
    easting, northing = postcodes.grid_from_wgs84(53.391, -3.010)

    assert easting == pytest.approx(333026, abs=150)
    assert northing == pytest.approx(388659, abs=150)


def test_the_onspd_loader_loads_live_postcodes_and_counts_what_it_skips(tmp_path):
    path = _onspd(tmp_path, LIVE, LIVE_TOO, TERMINATED, NOWHERE, NOT_A_POSTCODE)

    report = onspd_load(path)

    assert (report.loaded, report.skipped) == (2, {"terminated": 1, "no grid reference": 1, "not a postcode": 1})
    assert str(report) == ("Loaded 2 postcodes; skipped 3 (1 no grid reference; 1 not a postcode; 1 terminated).")
    assert sorted(PostcodeCentroid.objects.values_list("postcode", "easting", "northing", "latitude")) == [
        ("CH41 1AA", 332000, 389000, 53.394),
        ("SW1A 2AA", 530047, 179951, 51.503541),
    ]
    assert AuditEvent.objects.filter(action="directory.postcodes.loaded").count() == 1


def test_loading_again_updates_a_postcode_in_place(tmp_path):
    onspd_load(_onspd(tmp_path, LIVE))

    onspd_load(_onspd(tmp_path, LIVE.replace("332000,389000", "332500,389500")))

    assert list(PostcodeCentroid.objects.values_list("postcode", "easting", "northing")) == [
        ("CH41 1AA", 332500, 389500)
    ]


def test_a_file_without_the_onspd_columns_loads_nothing(tmp_path):
    path = _onspd(tmp_path, "CH41 1AA,1,2", header="postcode,x,y\n")

    with pytest.raises(PostcodeFileInvalid, match="has no pcds, oseast1m, osnrth1m, lat, long, doterm columns"):
        onspd_load(path)

    assert not PostcodeCentroid.objects.exists()


def test_a_file_that_breaks_half_way_loads_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(postcodes, "BATCH", 1)  # so the first rows are written before the bad one is read
    path = tmp_path / "ONSPD.csv"
    path.write_bytes((HEADER + LIVE + "\n" + LIVE_TOO + "\n").encode() + b"\xff\xfe broken\n")

    with pytest.raises(PostcodeFileInvalid, match="is not UTF-8 text; nothing was loaded"):
        onspd_load(path)

    assert not PostcodeCentroid.objects.exists()


def test_loading_places_locations_that_only_have_a_postcode(tmp_path):
    location = Location.objects.create(name="Hall", postal_code="ch41 1aa")

    onspd_load(_onspd(tmp_path, LIVE))

    location.refresh_from_db()
    assert (location.easting, location.northing) == (332000, 389000)


def test_the_command_reports_what_it_loaded(tmp_path, capsys):
    path = _onspd(tmp_path, LIVE, TERMINATED)

    call_command("directory", "load_postcodes", str(path))

    assert capsys.readouterr().out == "Loaded 1 postcodes; skipped 1 (1 terminated).\n"


def test_the_command_fails_on_a_missing_file_and_loads_nothing(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*missing\.csv: No such file or directory"):
        call_command("directory", "load_postcodes", str(tmp_path / "missing.csv"))

    assert not PostcodeCentroid.objects.exists()


def test_a_district_is_placed_at_the_middle_of_its_postcodes(tmp_path):
    onspd_load(_onspd(tmp_path, LIVE, LIVE.replace("CH41 1AA", "CH41 1AB").replace("332000,389000", "332200,389400")))

    place = place_find("ch41")

    assert (place.label, place.easting, place.northing) == ("CH41", 332100, 389200)


def test_loading_postcodes_lets_search_measure_to_services_that_only_had_a_postcode(tmp_path):
    service_make("Lunch Club", postcode="CH41 1AA")

    call_command("directory", "load_postcodes", str(_onspd(tmp_path, LIVE, LIVE_TOO)))

    hits = service_search(ServiceQuery(keywords="lunch", postcode="SW1A 2AA")).hits
    assert [(hit.service.name, hit.distance_miles) for hit in hits] == [("Lunch Club", 178.9)]


def test_the_example_postcode_in_hints_is_a_real_one_of_the_demo_borough(client):
    """Hints and messages give a postcode people in the borough recognise: one in the Code-Point
    Open extract shipped for it, never an invented one (CH41 1AA is not a postcode)."""
    shipped = {row.split(",")[0].strip('"') for row in postcodes.CODEPOINT_WIRRAL.read_text().splitlines()}

    page = client.get(reverse("directory:public_search")).content.decode()

    assert examples.POSTCODE == "CH41 5LH"
    assert examples.POSTCODE.replace(" ", "") in shipped
    assert "To see the nearest first, for example CH41 5LH or CH41" in page
    assert "CH41 1AA" not in page
