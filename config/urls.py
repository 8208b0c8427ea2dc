from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from wijkwerk.areas import views as areas
from wijkwerk.core import views as core
from wijkwerk.portal import views as portal
from wijkwerk.werkplek import views as werkplek

urlpatterns = [
    path("", portal.home, name="home"),
    path("healthz", portal.healthz, name="healthz"),
    path("taal/<str:code>/", core.language_switch, name="language"),
    path("accounts/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("config.api")),
    path("open311/v2/", include("wijkwerk.reports.urls_open311")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
    path("overleg/", include("wijkwerk.meetings.urls_personal")),
    path("nieuwsbrief/", include("wijkwerk.updates.urls_subscriptions")),
    path("werkplek/", werkplek.chooser, name="werkplek_chooser"),
    path("wijk-zoeken/", include("wijkwerk.areas.urls")),
    # The statements (/toegankelijkheid/, /privacy/) and each municipality's theme
    # (/gemeente/<gemeente>/huisstijl/), before the wijk page would take "huisstijl".
    path("", include("wijkwerk.branding.urls")),
    path("gemeente/<slug:municipality>/", portal.municipality_page, name="municipality"),
    path(
        "gemeente/<slug:municipality>/wijken.geojson", areas.wijken_geojson, name="wijken-geojson"
    ),
    # Before the wijk page, which would take "nieuws" for a wijk.
    path("gemeente/<slug:municipality>/nieuws/", include("wijkwerk.updates.urls_municipality")),
    path(
        "gemeente/<slug:municipality>/initiatieven/",
        include("wijkwerk.initiatives.urls_municipality"),
    ),
    path("gemeente/<slug:municipality>/meldingen/", include("wijkwerk.reports.urls")),
    path("gemeente/<slug:municipality>/fondsen/", include("wijkwerk.budgets.urls")),
    path(
        "gemeente/<slug:municipality>/wijkagenda-instellingen/",
        include("wijkwerk.agenda.urls_municipality"),
    ),
    path("gemeente/<slug:municipality>/begroting/", include("wijkwerk.pb.urls")),
    path("gemeente/<slug:municipality>/peilingen/", include("wijkwerk.surveys.urls")),
    path("gemeente/<slug:municipality>/schouw/", include("wijkwerk.inspections.urls")),
    path("gemeente/<slug:municipality>/zelfevaluatie/", include("wijkwerk.assessments.urls")),
    path("gemeente/<slug:municipality>/afspraken/", include("wijkwerk.agreements.urls")),
    path("gemeente/<slug:municipality>/organisaties/", include("wijkwerk.organisations.urls")),
    path("gemeente/<slug:municipality>/mensen/", include("wijkwerk.accounts.urls")),
    path(
        "gemeente/<slug:municipality>/informatiebijeenkomsten/",
        include("wijkwerk.meetings.urls_requests"),
    ),
    path("gemeente/<slug:municipality>/werkplek/", include("wijkwerk.werkplek.urls")),
    path("gemeente/<slug:municipality>/", include("wijkwerk.monitoring.urls")),
    path("gemeente/<slug:municipality>/<slug:wijk>/", portal.wijk_page, name="wijk"),
    path(
        "gemeente/<slug:municipality>/<slug:wijk>/meldingen/",
        include("wijkwerk.reports.urls_wijk"),
    ),
    path(
        "gemeente/<slug:municipality>/<slug:wijk>/wijkagenda/",
        include("wijkwerk.agenda.urls"),
    ),
    path(
        "gemeente/<slug:municipality>/<slug:wijk>/initiatieven/",
        include("wijkwerk.initiatives.urls"),
    ),
    path(
        "gemeente/<slug:municipality>/<slug:wijk>/overleg/",
        include("wijkwerk.meetings.urls"),
    ),
    path(
        "gemeente/<slug:municipality>/<slug:wijk>/nieuws/",
        include("wijkwerk.updates.urls"),
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
