"""The warnings whose review date has come, on records the member of staff may open."""

from datetime import timedelta

from django.urls import reverse

from tandem.core import clock
from tandem.people.models import HazardWarning


def test_it_lists_the_warnings_due_for_review(client, practitioner, person, warning, read):
    HazardWarning.objects.filter(pk=warning.pk).update(
        starts_on=clock.today() - timedelta(days=100), review_on=clock.today() - timedelta(days=1)
    )
    client.force_login(practitioner)

    response = client.get(reverse("people:warnings_due"))

    page = read(response)
    assert response.status_code == 200
    assert "Mary Smith Animals" in page.text
    review = reverse("people:warning_review", args=[person.uuid, warning.uuid])
    assert f'<a class="govuk-link" href="{review}">Mary Smith</a>' in response.content.decode()
    assert "1 warning to review." in page.text


def test_a_warning_not_yet_due_is_not_listed(client, practitioner, person, warning, read):
    client.force_login(practitioner)

    response = client.get(reverse("people:warnings_due"))

    page = read(response)
    assert "No warnings are due for review." in page.text
    assert "Mary Smith" not in page.text
