"""The pages of open sessions, information meeting requests and outcome monitoring through
the test client: who sees what (participants and requesters for staff only), bad input
answered with 400 and nothing saved, and the counts a monitoring dashboard can call."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.meetings import inforequests, selectors, services, signups
from wijkwerk.meetings.models import InfoMeetingRequest, OpenSession, RequestStatus, SignUp
from wijkwerk.meetings.views_open import SIGNUPS_PER_HOUR

from .factories import body, held, meeting, session

pytestmark = pytest.mark.django_db


def _base(wijk):
    return f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/"


def test_anyone_signs_up_and_only_staff_see_who(client, wijk, wijkmanager):
    s = session(area=wijk, actor=wijkmanager)
    url = f"{_base(wijk)}sessies/{s.pk}/"
    data = {"name": "Karin Visser", "email": "karin@example.nl", "organisation": "Bakkerij"}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    assert SignUp.objects.get().name == "Karin Visser"
    assert b"karin@example.nl" in client.get(url).content  # the confirmation, to her only
    public = Client().get(url)
    assert b"Karin Visser" not in public.content and b"karin@example.nl" not in public.content
    client.force_login(wijkmanager)
    staff = client.get(url)
    assert b"Karin Visser" in staff.content and b"Bakkerij" in staff.content


def test_a_logged_in_resident_finds_the_form_filled_in(client, wijk, wijkmanager, resident):
    s = session(area=wijk, actor=wijkmanager)
    client.force_login(resident)
    form = client.get(f"{_base(wijk)}sessies/{s.pk}/").context["form"]
    assert form["email"].value() == resident.email
    assert form["name"].value() == resident.full_name


def test_a_full_session_refuses_with_400_and_saves_nothing(client, wijk, wijkmanager):
    s = session(area=wijk, actor=wijkmanager, capacity=1)
    signups.session_sign_up(session=s, actor=None, name="Eerste", email="een@example.nl")
    response = client.post(
        f"{_base(wijk)}sessies/{s.pk}/", {"name": "Tweede", "email": "twee@example.nl"}
    )
    assert response.status_code == 400
    assert response.context["full"] and response.context["form"] is None
    assert SignUp.objects.count() == 1


def test_staff_plan_a_session_on_the_sessions_page_and_others_cannot(
    client, wijk, wijkmanager, resident
):
    start = (timezone.localtime() + datetime.timedelta(days=20)).replace(second=0, microsecond=0)
    data = {
        "kind": "snelkooksessie", "topic": "Parkeren bij de school", "location": "De Boei",
        "starts_at": f"{start:%Y-%m-%dT%H:%M}",
        "ends_at": f"{start + datetime.timedelta(hours=1):%Y-%m-%dT%H:%M}",
        "capacity": "15", "signup_deadline": f"{start - datetime.timedelta(days=2):%Y-%m-%dT%H:%M}",
    }  # fmt: skip
    url = f"{_base(wijk)}sessies/"
    client.force_login(resident)
    assert client.post(url, data).status_code == 404
    client.force_login(wijkmanager)
    bad = client.post(url, {**data, "capacity": "0"})
    assert bad.status_code == 400 and not OpenSession.objects.exists()
    made = client.post(url, data)
    assert made.status_code == 302
    assert OpenSession.objects.get().meeting.body.kind == "snelkooksessie"
    assert b"Parkeren bij de school" in client.get(url).content


def test_a_bad_sign_off_link_answers_400_and_changes_nothing(client, wijk, wijkmanager):
    s = session(area=wijk, actor=wijkmanager)
    signups.session_sign_up(session=s, actor=None, name="Ans", email="ans@example.nl")
    response = client.post("/overleg/afmelden/eyJpZCI6MX0:vervalst/")
    assert response.status_code == 400 and response["Cache-Control"] == "no-store"
    assert SignUp.objects.get().cancelled_at is None


def test_residents_ask_for_an_information_meeting_and_the_answer_is_public(
    client, wijk, wijkmanager, resident
):
    url = f"/gemeente/{wijk.municipality.slug}/informatiebijeenkomsten/"
    anonymous = client.post(url, {"area": wijk.pk, "topic": "Nieuwe wijkindeling"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(resident)
    assert client.get(url, {"wijk": wijk.slug}).context["form"]["area"].value() == wijk.pk
    no_wijk = client.post(url, {"topic": "Nieuwe wijkindeling"})
    assert no_wijk.status_code == 400 and "area" in no_wijk.context["form"].errors
    assert not InfoMeetingRequest.objects.exists()
    made = client.post(url, {"area": wijk.pk, "topic": "Nieuwe wijkindeling"})
    asked = InfoMeetingRequest.objects.get()
    assert made["Location"] == f"{url}{asked.pk}/"

    client.logout()
    public = client.get(f"{url}{asked.pk}/")
    assert b"Nieuwe wijkindeling" in public.content and not public.context["show_requester"]
    assert resident.full_name.encode() not in public.content
    client.force_login(wijkmanager)
    staff = client.get(f"{url}{asked.pk}/")
    assert resident.full_name.encode() in staff.content

    no_reason = client.post(f"{url}{asked.pk}/", {"grant": "0", "answer": ""})
    assert no_reason.status_code == 400
    assert InfoMeetingRequest.objects.get().status == RequestStatus.PENDING
    client.post(f"{url}{asked.pk}/", {"grant": "0", "answer": "Komt in het wijkplatform."})
    twice = client.post(f"{url}{asked.pk}/", {"grant": "0", "answer": "Toch niet."})
    assert twice.status_code == 400 and twice.context["form"].non_field_errors()
    client.logout()
    answered = client.get(f"{url}{asked.pk}/")
    assert (
        b"Komt in het wijkplatform." in answered.content and b"Toch niet." not in answered.content
    )


def test_a_resident_cannot_answer_a_request(client, wijk, resident):
    asked = inforequests.info_request_create(area=wijk, actor=resident, topic="Veiligheid")
    client.force_login(resident)
    url = f"/gemeente/{wijk.municipality.slug}/informatiebijeenkomsten/{asked.pk}/"
    assert client.post(url, {"grant": "0", "answer": "Nee"}).status_code == 404
    assert InfoMeetingRequest.objects.get().status == RequestStatus.PENDING


def test_outcome_counts_per_wijk_and_body(wijk, wijkmanager, gemeente_org, resident):
    platform = body(area=wijk, actor=wijkmanager)
    year = timezone.localdate().year
    first = held(body=platform, actor=wijkmanager)
    services.meeting_record(meeting=first, actor=wijkmanager, minutes="Besproken",
                            decisions="De speeltuin wordt hersteld.")  # fmt: skip
    coming = meeting(body=platform, actor=wijkmanager, days=3)
    services.meeting_cancel(
        meeting=meeting(body=platform, actor=wijkmanager, days=4), actor=wijkmanager, reason="Zaal"
    )
    services.action_point_add(meeting=first, actor=wijkmanager, title="Speeltuin",
                              owner_organisation=gemeente_org)  # fmt: skip
    waiting = services.action_point_add(meeting=first, actor=wijkmanager, title="Bankje",
                                        owner_organisation=gemeente_org, to_agenda=False)  # fmt: skip
    inforequests.info_request_create(area=wijk, actor=resident, topic="Verkeer")
    this_year = {first.starts_at.year, coming.starts_at.year} == {year}
    counts = selectors.outcome_counts(wijk, year)
    if this_year:  # around new year the meetings fall in two years
        assert counts["planned"] == 2 and counts["held"] == 1 and counts["cancelled"] == 1
        assert counts["with_decisions"] == 1
        assert counts["action_points"] == 2 and counts["on_agenda"] == 1
    assert counts["info_requests"] == 1 and counts["info_requests_pending"] == 1
    (row,) = selectors.outcome_rows(area=wijk, year=first.starts_at.year)
    assert row.not_on_agenda == [waiting]


def test_the_outcomes_page_is_for_staff_and_hands_a_waiting_point_on(
    client, wijk, wijkmanager, gemeente_org, resident
):
    first = held(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    waiting = services.action_point_add(meeting=first, actor=wijkmanager, title="Bankje",
                                        owner_organisation=gemeente_org, to_agenda=False)  # fmt: skip
    url = f"{_base(wijk)}uitkomsten/"
    client.force_login(resident)
    assert client.get(url).status_code == 404
    assert client.post(f"{url}{waiting.pk}/naar-wijkagenda/").status_code == 404
    assert not AgendaItem.objects.exists()
    client.force_login(wijkmanager)
    page = client.get(url, {"jaar": first.starts_at.year})
    assert page.status_code == 200 and page.context["totals"]["action_points"] == 1
    client.post(f"{url}{waiting.pk}/naar-wijkagenda/")
    assert AgendaItem.objects.get().origin_id == str(waiting.pk)


def test_one_address_cannot_fill_a_session_with_invented_names(client, wijk, wijkmanager):
    s = session(area=wijk, actor=wijkmanager, capacity=50)
    url = f"{_base(wijk)}sessies/{s.pk}/"
    for i in range(SIGNUPS_PER_HOUR):
        client.post(url, {"name": f"Naam {i}", "email": f"n{i}@example.nl"})
    refused = client.post(url, {"name": "Nog een", "email": "extra@example.nl"})
    assert refused.status_code == 400
    assert SignUp.objects.count() == SIGNUPS_PER_HOUR
