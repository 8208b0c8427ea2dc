"""Dutch first: the interface is Dutch unless the visitor chose another language.

Django's LocaleMiddleware would follow the browser's Accept-Language header, which shows
an English page to every Dutch resident whose browser happens to be set to English. Here
only the explicit choice (the language cookie set by the language switch) counts.
"""

from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
