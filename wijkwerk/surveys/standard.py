"""The standard burgerpeiling that ships with Wijkwerk: participation and liveability.

The questions follow what a burgerpeiling measures in the practice this project is built
on: satisfaction with how residents are involved, how informed they feel about their wijk,
whether they want influence on their buurt, whether they were active last year and how they
would like to take part (Gemeente Etten-Leur, "Wijkgericht werken: Etten-Leur doet het
gewoon", 2011, on its Burgerpeiling 2010: eight in ten residents want influence on their
buurt, 27% were active in the past year, differing per wijk, and young people the least).
The questions are written in this project's own words. They are Dutch content, not
interface text: a municipality puts them to Dutch-speaking residents as they are, so they are
not translated.
"""

from dataclasses import dataclass, field

from .models import QuestionKind

BURGERPEILING = "burgerpeiling"


@dataclass(frozen=True)
class TemplateQuestion:
    key: str
    kind: str
    text: str
    help_text: str = ""
    required: bool = True
    options: tuple[str, ...] = ()
    scale: tuple[int, int] | None = None
    scale_labels: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    intro: str
    questions: tuple[TemplateQuestion, ...] = field(default_factory=tuple)


_FIVE = (1, 5)

TEMPLATES: dict[str, Template] = {
    BURGERPEILING: Template(
        key=BURGERPEILING,
        title="Burgerpeiling: wonen en meedoen in je buurt",
        intro=(
            "Hoe is het om in je buurt te wonen, en hoe wil je meedenken en meedoen? Je "
            "antwoorden helpen gemeente, partners en bewoners om samen aan de wijk te werken. "
            "De peiling is anoniem: je code wordt na gebruik alleen als 'gebruikt' gemarkeerd "
            "en is niet aan je antwoorden gekoppeld. Uitkomsten tonen we alleen voor groepen "
            "van ten minste vijf bewoners."
        ),
        questions=(
            TemplateQuestion(
                key="rapportcijfer-buurt",
                kind=QuestionKind.SCALE,
                text="Welk rapportcijfer geef je je buurt als plek om te wonen?",
                scale=(1, 10),
                scale_labels=("heel slecht", "uitstekend"),
            ),
            TemplateQuestion(
                key="veilig",
                kind=QuestionKind.SCALE,
                text="Hoe veilig voel je je 's avonds op straat in je buurt?",
                scale=_FIVE,
                scale_labels=("heel onveilig", "heel veilig"),
            ),
            TemplateQuestion(
                key="openbare-ruimte",
                kind=QuestionKind.SCALE,
                text=(
                    "Hoe tevreden ben je over het onderhoud van straten, groen en speelplekken "
                    "in je buurt?"
                ),
                scale=_FIVE,
                scale_labels=("heel ontevreden", "heel tevreden"),
            ),
            TemplateQuestion(
                key="geinformeerd",
                kind=QuestionKind.SCALE,
                text=(
                    "Hoe tevreden ben je over de informatie die je krijgt over wat er in je wijk "
                    "gebeurt?"
                ),
                scale=_FIVE,
                scale_labels=("heel ontevreden", "heel tevreden"),
            ),
            TemplateQuestion(
                key="betrokken",
                kind=QuestionKind.SCALE,
                text=(
                    "Hoe tevreden ben je over de manier waarop de gemeente en haar partners "
                    "bewoners betrekken bij plannen voor de buurt?"
                ),
                scale=_FIVE,
                scale_labels=("heel ontevreden", "heel tevreden"),
            ),
            TemplateQuestion(
                key="invloed",
                kind=QuestionKind.SINGLE,
                text="Hoe belangrijk vind je het om zelf invloed te hebben op wat er in je buurt gebeurt?",
                options=("Heel belangrijk", "Belangrijk", "Niet zo belangrijk", "Onbelangrijk"),
            ),
            TemplateQuestion(
                key="medeverantwoordelijk",
                kind=QuestionKind.SCALE,
                text="Ik voel mij mede verantwoordelijk voor de leefbaarheid van mijn buurt.",
                scale=_FIVE,
                scale_labels=("helemaal mee oneens", "helemaal mee eens"),
            ),
            TemplateQuestion(
                key="actief",
                kind=QuestionKind.SINGLE,
                text="Heb je je het afgelopen jaar ingezet voor je buurt?",
                help_text="Bijvoorbeeld als vrijwilliger, in een bewonersinitiatief of wijkplatform.",
                options=("Ja, regelmatig", "Ja, een enkele keer", "Nee"),
            ),
            TemplateQuestion(
                key="manier-meedoen",
                kind=QuestionKind.MULTIPLE,
                text="Hoe zou je het komende jaar willen meedoen?",
                help_text="Kies alles wat bij je past.",
                required=False,
                options=(
                    "Meedenken over plannen voor de buurt",
                    "Zelf een bewonersinitiatief starten of helpen",
                    "Stemmen over het wijkbudget",
                    "Meelopen met een wijkschouw",
                    "Een buurtbijeenkomst of het wijkplatform bezoeken",
                    "Liever niet",
                ),
            ),
            TemplateQuestion(
                key="verbeteren",
                kind=QuestionKind.OPEN,
                text="Wat zou je buurt een betere plek maken om te wonen?",
                help_text="Noem geen namen of adressen: dan blijft je antwoord anoniem.",
                required=False,
            ),
        ),
    ),
}
