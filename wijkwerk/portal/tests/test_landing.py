"""The landing blocks ("wat speelt er") of the home, municipality and wijk pages: what is open
shows and links on, what is closed does not; the selector's queries are bounded; and every
module is reachable within two clicks of the municipality page and of a wijk page."""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkwerk.agenda.models import Status as AgendaStatus
from wijkwerk.agenda.tests.factories import AgendaItemFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.initiatives.tests.factories import awarded, funded_budget, ruleset_for, submitted
from wijkwerk.meetings.models import OpenSession
from wijkwerk.meetings.tests.factories import body, meeting, session
from wijkwerk.pb.tests.factories import funded_budget as pb_budget
from wijkwerk.pb.tests.factories import make_round
from wijkwerk.portal.selectors import BLOCKS, happening
from wijkwerk.reports.models import Report
from wijkwerk.reports.tests.factories import CategoryFactory
from wijkwerk.surveys.tests.factories import close, open_survey

pytestmark = pytest.mark.django_db


def _pages(wijk):
    m = wijk.municipality
    return [reverse("home"), reverse("municipality", args=[m.slug]), _wijk_url(wijk)]


def _wijk_url(wijk):
    return reverse("wijk", args=[wijk.municipality.slug, wijk.slug])


def _block(html: str, key: str) -> str:
    """The HTML of one landing block."""
    found = re.search(
        rf'<section class="happening-block happening-{key}".*?</section>', html, re.DOTALL
    )
    assert found, f"no block {key}"
    return found.group(0)


def _get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_an_open_vote_shows_and_links_on_a_closed_one_does_not(
    client, wijk, wijkmanager, treasurer, gemeente_org
):
    budget = pb_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org)
    voting = make_round(
        wijk=wijk, actor=wijkmanager, budget=budget, phase="voting", title="Stem op de speeltuin"
    )
    make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="closed", title="Oude ronde")
    make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="proposals", title="Nog niet")
    link = reverse("pb:round", args=[wijk.municipality.slug, voting.pk])
    for url in _pages(wijk):
        block = _block(_get(client, url), "votes")
        assert "Stem op de speeltuin" in block and f'href="{link}"' in block, url
        assert "Oude ronde" not in block and "Nog niet" not in block, url
    rounds = reverse("pb:rounds", args=[wijk.municipality.slug])
    assert f'href="{rounds}"' in _block(_get(client, _pages(wijk)[1]), "votes")


def test_an_open_survey_shows_and_links_on_a_closed_one_does_not(
    client, wijk, municipality, treasurer
):
    survey = open_survey(municipality=municipality, actor=treasurer, title="Burgerpeiling nu")
    close(open_survey(municipality=municipality, actor=treasurer, title="Peiling van toen"))
    link = reverse("surveys:detail", args=[municipality.slug, survey.pk])
    for url in _pages(wijk):
        block = _block(_get(client, url), "surveys")
        assert "Burgerpeiling nu" in block and f'href="{link}"' in block, url
        assert "Peiling van toen" not in block, url


def test_an_open_session_and_a_coming_meeting_show_past_ones_do_not(client, wijk, wijkmanager):
    werkatelier = session(area=wijk, actor=wijkmanager, topic="Het nieuwe speelveld")
    late = session(area=wijk, actor=wijkmanager, topic="Te laat", days=3, deadline_days=1)
    OpenSession.objects.filter(pk=late.pk).update(
        signup_deadline=timezone.now() - datetime.timedelta(hours=1)
    )  # sign-up closed, as time passing would
    platform = body(area=wijk, actor=wijkmanager, name="Wijkplatform Oost", is_public=True)
    coming = meeting(body=platform, actor=wijkmanager, days=9)
    past = meeting(body=platform, actor=wijkmanager, days=-3)
    closed = body(area=wijk, actor=wijkmanager, name="Besloten team", is_public=False)
    meeting(body=closed, actor=wijkmanager, days=4)
    m, w = wijk.municipality.slug, wijk.slug
    for url in _pages(wijk):
        html = _get(client, url)
        sessions = _block(html, "sessions")
        assert "Het nieuwe speelveld" in sessions and "Te laat" not in sessions, url
        assert f'href="{reverse("meetings:session", args=[m, w, werkatelier.pk])}"' in sessions
        meetings = _block(html, "meetings")
        assert f'href="{reverse("meetings:meeting", args=[m, w, coming.pk])}"' in meetings
        assert reverse("meetings:meeting", args=[m, w, past.pk]) not in meetings
        assert "Besloten team" not in meetings


def test_the_latest_answers_show_with_their_verdict_unanswered_ideas_do_not(client, wijk):
    nooit = AgendaItemFactory(
        area=wijk,
        title="Parkeerdek",
        status=AgendaStatus.REJECTED,
        verdict="nooit",
        motivation="Geen ruimte",
        answered_at=timezone.now(),
    )
    AgendaItemFactory(area=wijk, title="Nog geen antwoord")
    link = reverse("agenda:item", args=[wijk.municipality.slug, wijk.slug, nooit.pk])
    for url in _pages(wijk):
        block = _block(_get(client, url), "answers")
        assert f'href="{link}"' in block and re.search(r"\b(Nooit|Never)\b", block), url
        assert "Nog geen antwoord" not in block


def test_awarded_initiatives_show_submitted_ones_do_not(
    client, wijk, municipality, treasurer, gemeente_org, resident, regiegroep_member
):
    ruleset_for(municipality, treasurer)
    budget = funded_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org)
    feest = awarded(wijk, resident, regiegroep_member, budget, title="Buurtfeest", house_number="1")
    submitted(wijk, resident, title="Nog in behandeling", house_number="2")
    link = reverse("initiatives:detail", args=[municipality.slug, wijk.slug, feest.pk])
    for url in _pages(wijk):
        block = _block(_get(client, url), "awarded")
        assert "Buurtfeest" in block and f'href="{link}"' in block, url
        assert "Nog in behandeling" not in block


def test_the_latest_reports_show_their_category_and_status(client, wijk, municipality):
    category = CategoryFactory(municipality=municipality, name="Losliggende tegel")
    report = Report.objects.create(
        municipality=municipality,
        category=category,
        description="Tegel los",
        lat=52.95,
        lon=4.76,
        wijk=wijk,
        channel="web",
        deadline=timezone.now() + datetime.timedelta(days=3),
    )
    link = reverse("reports:detail", args=[municipality.slug, report.pk])
    for url in _pages(wijk):
        block = _block(_get(client, url), "reports")
        assert "Losliggende tegel" in block and f'href="{link}"' in block, url
        assert re.search(r"\b(Gemeld|Reported)\b", block), block


def test_another_wijk_and_municipality_keep_their_own_blocks(
    client, wijk, wijkmanager, treasurer, gemeente_org
):
    budget = pb_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org)
    make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="voting", title="Alleen Oost")
    other_wijk = WijkFactory(municipality=wijk.municipality, slug="west", code="WK040002")
    other = MunicipalityFactory(slug="elders", code="GM0999")
    assert "Alleen Oost" not in _block(_get(client, _wijk_url(other_wijk)), "votes")
    assert "Alleen Oost" not in _block(
        _get(client, reverse("municipality", args=[other.slug])), "votes"
    )
    # The home page names the municipality and wijk of each line.
    assert "Den Helder" in _block(_get(client, reverse("home")), "votes")


def test_empty_blocks_say_so(client, wijk):
    html = _get(client, _wijk_url(wijk))
    assert re.search(r"(Er is nu geen stemming|No vote is open)", _block(html, "votes"))


def test_the_selector_reads_one_query_per_block(
    wijk, wijkmanager, treasurer, gemeente_org, municipality, django_assert_num_queries
):
    budget = pb_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org)
    for n in range(7):
        make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="voting", title=f"R{n}")
        session(area=wijk, actor=wijkmanager, topic=f"Sessie {n}")
        AgendaItemFactory(
            area=wijk, status=AgendaStatus.PLANNED, verdict="nu", answered_at=timezone.now()
        )
    open_survey(municipality=municipality, actor=treasurer)
    for scope in ({}, {"municipality": municipality}, {"area": wijk}):
        with django_assert_num_queries(len(BLOCKS)):
            found = happening(**scope)
            assert len(found.votes) == len(found.sessions) == len(found.answers) == 5
            assert [b.key for b in found.blocks] == list(BLOCKS)


# --- two clicks to every module ----------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and not href.startswith(("mailto:", "tel:", "#")):
            self.hrefs.append(href)


def _links(client, url: str) -> set[str]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return set()
    parser = _Links()
    parser.feed(response.content.decode())
    return {urlsplit(urljoin(url, h)).path for h in parser.hrefs if not urlsplit(h).netloc}


def _within_two_clicks(client, start: str) -> set[str]:
    first = _links(client, start)
    reached = set(first)
    for url in first:
        if url.startswith("/gemeente/"):
            reached |= _links(client, url)
    return reached


def _modules(wijk) -> set[str]:
    m, w = wijk.municipality.slug, wijk.slug
    municipality_wide = [
        "reports:new",
        "reports:dashboard",
        "pb:rounds",
        "surveys:list",
        "inspections:list",
        "assessments:list",
        "agreements:list",
        "meetings_requests:list",
        "budgets:funds",
        "initiatives_municipality:rules",
        "initiatives_municipality:calls",
        "monitoring:municipality",
        "updates_municipality:news",
    ]
    per_wijk = [
        "agenda:plan",
        "agenda:reviews",
        "meetings:wijk",
        "meetings:sessions",
        "initiatives:list",
        "reports_wijk:map",
        "inspections:wijk",
        "monitoring:wijk",
        "updates:news",
    ]
    return {reverse(n, args=[m]) for n in municipality_wide} | {
        reverse(n, args=[m, w]) for n in per_wijk
    }


def test_every_module_is_within_two_clicks_of_the_municipality_and_a_wijk_page(client, wijk):
    modules = _modules(wijk)
    for start in (reverse("municipality", args=[wijk.municipality.slug]), _wijk_url(wijk)):
        missing = modules - _within_two_clicks(client, start)
        assert not missing, f"not within two clicks of {start}: {sorted(missing)}"
    for module in modules:
        assert client.get(module).status_code == 200, module
