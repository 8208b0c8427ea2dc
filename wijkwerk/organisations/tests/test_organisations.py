"""Organisations and their departments stay within one municipality."""

import pytest
from django.core.exceptions import ValidationError

from wijkwerk.organisations.tests.factories import OrganisationFactory


def test_department_of_an_organisation_in_another_municipality_is_refused(municipality):
    department = OrganisationFactory.build(
        municipality=municipality, parent=OrganisationFactory(), name="Wijkzaken"
    )
    with pytest.raises(ValidationError) as excinfo:
        department.full_clean()
    assert "parent" in excinfo.value.message_dict


def test_departments_are_one_level_deep(municipality):
    gemeente = OrganisationFactory(municipality=municipality, name="Gemeente")
    department = OrganisationFactory(municipality=municipality, parent=gemeente, name="Wijkzaken")
    sub = OrganisationFactory.build(municipality=municipality, parent=department, name="Team")
    with pytest.raises(ValidationError):
        sub.full_clean()
    assert str(department) == "Gemeente – Wijkzaken"
