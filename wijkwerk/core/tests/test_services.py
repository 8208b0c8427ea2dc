from types import SimpleNamespace

from wijkwerk.core.services import fields_set


def test_fields_set_puts_the_values_on_and_returns_only_what_changed():
    obj = SimpleNamespace(name="Oud", days=3)
    changes = fields_set(obj, {"name": "Nieuw", "days": 3})
    assert changes == {"name": ["Oud", "Nieuw"]}
    assert (obj.name, obj.days) == ("Nieuw", 3)


def test_fields_set_with_nothing_new_changes_nothing():
    obj = SimpleNamespace(name="Zelfde")
    assert fields_set(obj, {"name": "Zelfde"}) == {}
    assert obj.name == "Zelfde"
