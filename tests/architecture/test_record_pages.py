"""Every page about a person goes through the record-page kit (`tandem.people.record_page`).

A URL whose first id names a person's record (the person, or a document of theirs) must be served
by a view decorated with `record_page`, so the banner and warnings follow the person and every
view is logged, by construction. Read from the URL configuration, so a new page is covered the
moment it is routed.
"""

import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db(databases=[])

# The URL keywords that name a person's record or a document of theirs.
RECORD_KWARGS = {
    "person_uuid",
    "contact_uuid",
    "assessment_uuid",
    "plan_uuid",
    "review_uuid",
    "package_uuid",
    "provider_review_uuid",
    "concern_uuid",
    "enquiry_uuid",
    "application_uuid",
    "case_uuid",
}

# Pages under a record URL that are not a page of the record, each with the reason.
NOT_RECORD_PAGES = {
    "people:break_glass": "the door to a restricted record: it shows only the reason asked for, and logs the grant",
}

# Pages not yet moved onto the kit: this list only shrinks, and must end empty.
NOT_YET: set[str] = {
    "assessments:assessment",
    "assessments:assessment_authorise",
    "assessments:assessment_complete",
    "assessments:assessment_history",
    "assessments:assessment_start",
    "assessments:carer_assessment_start",
    "assessments:judgement_record",
    "assessments:statement",
    "front_door:allocate",
    "front_door:close",
    "front_door:contact",
    "front_door:contact_link_person",
    "front_door:conversation_add",
    "front_door:follow_up_add",
    "front_door:follow_up_done",
    "front_door:outcome_add",
    "front_door:services_list",
    "front_door:signpost",
    "front_door:signposting_remove",
    "safeguarding:action_add",
    "safeguarding:action_done",
    "safeguarding:concern",
    "safeguarding:concern_edit",
    "safeguarding:concern_warning",
    "safeguarding:contribution_add",
    "safeguarding:dols_allocate",
    "safeguarding:dols_application",
    "safeguarding:dols_decide",
    "safeguarding:dols_extend",
    "safeguarding:dols_priority",
    "safeguarding:enquiry",
    "safeguarding:enquiry_conclude",
    "safeguarding:enquiry_lead",
    "safeguarding:enquiry_outcomes",
    "safeguarding:meeting_record",
    "safeguarding:plan_record",
    "support_plans:commissioned_add",
    "support_plans:commissioned_edit",
    "support_plans:commissioned_remove",
    "support_plans:community_add",
    "support_plans:community_remove",
    "support_plans:outcome_add",
    "support_plans:outcome_edit",
    "support_plans:outcome_remove",
    "support_plans:plan",
    "support_plans:plan_complete",
    "support_plans:plan_copy",
    "support_plans:plan_document",
    "support_plans:plan_document_pdf",
    "support_plans:plan_edit",
    "support_plans:plan_revise",
    "support_plans:plan_sign_off",
    "support_plans:plan_start",
    "support_plans:plan_versions",
    "support_plans:provider_review_check",
    "support_plans:provider_review_submit",
    "support_plans:review",
    "support_plans:review_complete",
    "support_plans:review_start",
    "workforce:case",
    "workforce:case_allocate",
    "workforce:case_close",
    "workforce:case_keep_in_touch",
    "workforce:case_open",
    "workforce:case_screen",
    "workforce:case_weigh",
    "workforce:case_weight_override",
}


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, object]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner or "")
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield prefix + str(entry.pattern), name, entry.callback


def _record_urls() -> list[tuple[str, str, object]]:
    found = []
    for route, name, view in _patterns(get_resolver()):
        keywords = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if keywords and keywords[0] in RECORD_KWARGS:
            found.append((route, name, view))
    return found


def test_there_are_record_pages_to_check():
    assert len(_record_urls()) > 50


def _id(value: object) -> str:
    # A view's repr carries its address, which differs between test workers: name it instead.
    return value if isinstance(value, str) else getattr(value, "__name__", str(value))


@pytest.mark.parametrize(("route", "name", "view"), _record_urls(), ids=_id)
def test_a_page_about_a_person_goes_through_the_kit(route, name, view):
    if name in NOT_RECORD_PAGES or name in NOT_YET:
        return
    assert getattr(view, "record_page", None), (
        f"{name} ({route}) is a page about a person's record but is not decorated with record_page"
    )


def test_the_lists_of_exceptions_name_real_pages():
    names = {name for _, name, _ in _record_urls()}
    assert set(NOT_RECORD_PAGES) <= names
    assert names >= NOT_YET
