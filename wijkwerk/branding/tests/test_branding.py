"""Themes, the contrast check, the statements' pages and the pinned NL Design System CSS."""

import base64
import datetime
import hashlib
import http.server
import io
import re
import tarfile
import threading

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wijkwerk.areas.tests.factories import MunicipalityFactory
from wijkwerk.branding import nlds, services
from wijkwerk.branding.contrast import contrast_ratio, format_ratio, parse_color
from wijkwerk.branding.models import LogoKind, Theme
from wijkwerk.core.models import AuditEvent

GOOD = {
    "display_name": "Gemeente Den Helder",
    "primary_color": "#004b87",
    "primary_text_color": "#ffffff",
    "accent_color": "#e6f0f8",
}


@pytest.mark.parametrize(
    ("fore", "back", "ratio"),
    [
        ("#000000", "#ffffff", "21.00:1"),
        ("#ffffff", "#ffffff", "1.00:1"),
        ("#767676", "#ffffff", "4.54:1"),  # the lightest grey that passes AA on white
        ("#777777", "#ffffff", "4.47:1"),
        ("#595959", "#fff", "7.00:1"),  # the AAA grey
        ("#ff0000", "#ffffff", "3.99:1"),
    ],
)
def test_contrast_ratio_of_known_pairs(fore, back, ratio):
    assert format_ratio(contrast_ratio(fore, back)) == ratio
    assert contrast_ratio(fore, back) == contrast_ratio(back, fore)


def test_a_colour_is_normalised_or_refused():
    assert parse_color(" #ABC ") == "#aabbcc"
    for wrong in ("blue", "#12345", "#ggg000", ""):
        with pytest.raises(ValidationError):
            parse_color(wrong)


def test_functioneel_beheerder_saves_a_theme_and_it_is_logged(municipality, treasurer):
    theme = services.theme_update(municipality=municipality, actor=treasurer, **GOOD)
    assert theme.primary_color == "#004b87"
    assert AuditEvent.objects.filter(action="theme_create", target_id=str(theme.pk)).exists()


def test_a_colour_failing_contrast_is_refused_with_the_ratio_and_nothing_is_saved(
    municipality, treasurer
):
    with pytest.raises(ValidationError) as refused:
        services.theme_update(
            municipality=municipality, actor=treasurer, **{**GOOD, "primary_color": "#ff0000"}
        )
    messages = refused.value.message_dict
    # Red under white text, and red links on white: both measured 3.99:1.
    assert any("3.99:1" in m for m in messages["primary_color"])
    assert any("3,99:1" in m or "3.99:1" in m for m in messages["primary_text_color"])
    assert not Theme.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="theme").exists()


def test_not_a_colour_is_refused_naming_the_field(municipality, treasurer):
    with pytest.raises(ValidationError) as refused:
        services.theme_update(
            municipality=municipality, actor=treasurer, **{**GOOD, "accent_color": "lichtblauw"}
        )
    assert "accent_color" in refused.value.message_dict
    assert not Theme.objects.exists()


def test_an_svg_logo_with_a_script_is_refused(municipality, treasurer):
    with pytest.raises(ValidationError) as refused:
        services.theme_update(
            municipality=municipality,
            actor=treasurer,
            logo=b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            **GOOD,
        )
    assert "logo" in refused.value.message_dict
    assert not Theme.objects.exists()


def test_only_the_functioneel_beheerder_may_open_the_theme_page(
    client, municipality, treasurer, wijkmanager
):
    url = reverse("branding:theme_edit", args=[municipality.slug])
    client.force_login(wijkmanager)
    assert client.get(url).status_code == 404
    client.force_login(treasurer)
    assert client.get(url).status_code == 200


def test_the_theme_page_refuses_a_bad_colour_with_the_dutch_message(
    client, municipality, treasurer
):
    client.force_login(treasurer)
    url = reverse("branding:theme_edit", args=[municipality.slug])
    response = client.post(url, {**GOOD, "primary_color": "#ffdd00"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "De primaire kleur op wit heeft een contrast van 1.34:1" in text
    assert not Theme.objects.exists()
    response = client.post(url, GOOD)
    assert response.status_code == 302
    assert Theme.objects.get().primary_color == "#004b87"


def _theme_css_of(client, path: str) -> str:
    page = client.get(path).content.decode()
    href = re.search(r'href="([^"]*/huisstijl/thema\.css[^"]*)"', page).group(1)
    return client.get(href.replace("&amp;", "&")).content.decode()


def test_two_municipalities_look_different(client, municipality, treasurer):
    other = MunicipalityFactory(code="GM0777", name="Etten-Leur", slug="etten-leur")
    services.theme_update(municipality=municipality, actor=treasurer, **GOOD)
    services.theme_update(
        municipality=other,
        actor=treasurer.__class__.objects.create_superuser(email="root@example.org", password="x"),
        **{**GOOD, "display_name": "Gemeente Etten-Leur", "primary_color": "#1d6b35"},
    )
    one = _theme_css_of(client, reverse("municipality", args=[municipality.slug]))
    two = _theme_css_of(client, reverse("municipality", args=[other.slug]))
    assert "--ww-primary: #004b87;" in one
    assert "--ww-primary: #1d6b35;" in two
    page = client.get(reverse("municipality", args=[other.slug])).content.decode()
    assert "Gemeente Etten-Leur" in page
    assert 'property="og:title"' in page and 'property="og:image"' in page


def test_pages_without_a_municipality_link_no_theme(client, db):
    page = client.get(reverse("home")).content.decode()
    assert "thema.css" not in page
    assert "nlds/utrecht/index.css" in page


@pytest.mark.parametrize(
    "name", ["home", "branding:accessibility", "branding:privacy", "account_login"]
)
def test_every_footer_links_accessibility_and_privacy(client, municipality, name):
    page = client.get(reverse(name)).content.decode()
    footer = page[page.index('<footer class="site-footer') :]
    assert f'href="{reverse("branding:accessibility")}"' in footer
    assert f'href="{reverse("branding:privacy")}"' in footer


def test_the_municipality_and_wijk_pages_carry_the_footer_links(client, wijk):
    for path in (
        reverse("municipality", args=[wijk.municipality.slug]),
        reverse("wijk", args=[wijk.municipality.slug, wijk.slug]),
    ):
        footer = client.get(path).content.decode().split('<footer class="site-footer')[1]
        assert reverse("branding:accessibility") in footer
        assert reverse("branding:privacy") in footer


def test_the_superuser_edits_the_statements(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    client.force_login(admin)
    response = client.post(
        reverse("branding:statements_edit"),
        {
            "organisation": "Gemeente Test",
            "a11y_status": "full",
            "a11y_audit_date": "2026-10-01",
            "a11y_contact_email": "a11y@example.org",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("branding:accessibility")).content.decode()
    assert "1 oktober 2026" in page and "a11y@example.org" in page


# The pinned tarballs: the integrity check refuses anything else.


def _tarball(css: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name in ("package/dist/theme.css", "package/LICENSE.md"):
            info = tarfile.TarInfo(name)
            info.size = len(css)
            archive.addfile(info, io.BytesIO(css))
    return buffer.getvalue()


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def test_the_integrity_check_accepts_the_pinned_bytes_and_refuses_others():
    data = b"some tarball"
    nlds.verify_integrity(data, _integrity(data))
    with pytest.raises(nlds.IntegrityError):
        nlds.verify_integrity(data + b" tampered", _integrity(data))
    with pytest.raises(nlds.IntegrityError):
        nlds.verify_integrity(data, "sha1-" + _integrity(data)[7:])


def test_a_tampered_tarball_from_the_server_is_refused_and_nothing_unpacked(tmp_path):
    genuine = _tarball(b":root{}")
    tampered = _tarball(b":root{} body{background:url(https://evil.example/x)}")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            body = genuine if self.path == "/good.tgz" else tampered
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        package = nlds.Package(
            name="@test/tokens",
            version="1.0.0",
            integrity=_integrity(genuine),
            folder="tokens",
            files={"package/dist/theme.css": "theme.css"},
        )
        with pytest.raises(nlds.IntegrityError):
            nlds.fetch(package, tmp_path, url=f"{base}/bad.tgz")
        assert not (tmp_path / "tokens").exists()
        nlds.fetch(package, tmp_path, url=f"{base}/good.tgz")
        assert (tmp_path / "tokens" / "theme.css").read_bytes() == b":root{}"
        assert nlds.is_present(package, tmp_path)
    finally:
        server.shutdown()
        server.server_close()


def test_the_pinned_stylesheets_are_in_place():
    """dev.py (and the test plugin) fetched them before the tests ran."""
    assert all(nlds.is_present(package) for package in nlds.PACKAGES)


def test_without_the_network_set_up_says_so_and_does_not_raise(tmp_path, monkeypatch, capsys):
    """A fresh machine offline: the fetch fails with a clear message, nothing is unpacked."""
    monkeypatch.setattr(nlds, "REGISTRY", "http://127.0.0.1:9")  # nothing listens there
    assert nlds.ensure_assets(tmp_path, quiet=True) is False
    assert "could not fetch @utrecht/component-library-css@9.0.4" in capsys.readouterr().err
    assert not nlds.all_present(tmp_path)


def test_pages_work_without_the_nlds_stylesheets(client, municipality, tmp_path, monkeypatch):
    """When set-up could not fetch them, pages leave the links out instead of failing."""
    monkeypatch.setattr(nlds, "VENDOR", tmp_path)
    response = client.get(reverse("municipality", args=[municipality.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "nlds/utrecht/index.css" not in page
    assert "wijkwerk/site.css" in page


def test_a_refused_change_keeps_the_saved_theme(client, municipality, treasurer):
    services.theme_update(municipality=municipality, actor=treasurer, **GOOD)
    client.force_login(treasurer)
    url = reverse("branding:theme_edit", args=[municipality.slug])
    response = client.post(url, {**GOOD, "accent_color": "lichtblauw", "display_name": "Anders"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "ichte achtergrondkleur" in text
    response = client.post(url, {**GOOD, "primary_text_color": "#000000"})
    assert response.status_code == 400
    assert re.search(r"contrast van \d+[.,]\d\d:1", response.content.decode())
    theme = Theme.objects.get()
    assert (theme.display_name, theme.accent_color, theme.primary_text_color) == (
        "Gemeente Den Helder",
        "#e6f0f8",
        "#ffffff",
    )
    assert AuditEvent.objects.filter(action__startswith="theme").count() == 1


def test_the_demo_gives_each_municipality_its_own_theme(db, django_user_model):
    from wijkwerk.branding import demo
    from wijkwerk.core.demo import DemoContext

    for code, name, slug in [
        ("GM0400", "Den Helder", "den-helder"),
        ("GM0118", "Hoogeveen", "hoogeveen"),
        ("GM0777", "Etten-Leur", "etten-leur"),
    ]:
        MunicipalityFactory(code=code, name=name, slug=slug)
    admin = django_user_model.objects.create_superuser(email="fb@example.org", password="x")
    demo.build(
        DemoContext(admin=admin, people={}, areas={}, orgs={}, today=datetime.date(2026, 12, 7))
    )
    themes = {t.municipality.slug: t for t in Theme.objects.select_related("municipality")}
    assert set(themes) == {"den-helder", "hoogeveen", "etten-leur"}
    assert len({t.primary_color for t in themes.values()}) == 3
    assert all(t.logo_type == LogoKind.SVG for t in themes.values())
    assert themes["etten-leur"].display_name == "Gemeente Etten-Leur"


def test_the_werkplek_links_the_theme_and_the_statements_for_who_may_set_them(
    client, municipality, treasurer, wijkmanager, django_user_model
):
    from wijkwerk.werkplek.scope import Scope
    from wijkwerk.werkplek.setup import setup_links

    theme = reverse("branding:theme_edit", args=[municipality.slug])
    statements = reverse("branding:statements_edit")

    def urls(user):
        return {link.url for link in setup_links(scope=Scope(user=user, municipality=municipality))}

    assert theme in urls(treasurer) and statements not in urls(treasurer)
    assert theme not in urls(wijkmanager) and statements not in urls(wijkmanager)
    root = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    assert {theme, statements} <= urls(root)
    client.force_login(treasurer)
    page = client.get(reverse("werkplek:werkplek", args=[municipality.slug])).content.decode()
    assert f'href="{theme}"' in page and "Huisstijl van de gemeente" in page
