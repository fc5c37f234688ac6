"""Person rule classes of issue 12, each on made-up sentences of the shape found in real text."""

from __future__ import annotations

import pytest

from ikz_extract.models import Person
from ikz_extract.nlp import Annotator, TextUnit


@pytest.fixture(scope="module")
def ann() -> Annotator:
    return Annotator()


def people(ann: Annotator, text: str) -> dict[str, Person]:
    return {p.name: p for p in ann.annotate([TextUnit(text, 0, 0)]).persons}


def test_surname_comma_given_name_in_contact_lists(ann: Annotator) -> None:
    ps = people(ann, "Ansprechpartner:\nWeber, Anna | 0251 123-4567\nHoffmann, Jörg; Lenz, Petra")
    assert {(p.given_name, p.family_name) for p in ps.values()} == {
        ("Anna", "Weber"),
        ("Jörg", "Hoffmann"),
        ("Petra", "Lenz"),
    }


def test_place_comma_given_name_is_no_person(ann: Annotator) -> None:
    ps = people(ann, "Treffpunkt:\nMünster, Anna | Raum 4")
    assert "Anna Münster" not in ps


def test_weak_given_names_in_an_enumeration_under_one_role(ann: Annotator) -> None:
    ps = people(
        ann,
        "Er begrüßte seine Amtskollegen Eva Sommer (Kreis Soest), Horst Kemper (Kreis Olpe) "
        "und Franz Lüdke (Kreis Unna).",
    )
    assert {"Eva Sommer", "Horst Kemper", "Franz Lüdke"} <= set(ps)
    assert ps["Horst Kemper"].affiliation_ags == "05966"


def test_surname_that_is_also_a_given_name_before_und(ann: Annotator) -> None:
    ps = people(ann, "Oberbürgermeister Peter Henning und der Landrat unterzeichneten.")
    p = ps["Peter Henning"]
    assert (p.given_name, p.family_name, p.role) == ("Peter", "Henning", "Oberbürgermeister")


@pytest.mark.parametrize("retired", ["a. D.", "a.D."])
def test_retired_between_role_and_name(ann: Annotator, retired: str) -> None:
    ps = people(ann, f"Es sprach Landrätin {retired} Ute Brandt über die Kooperation.")
    assert ps["Ute Brandt"].role == "Landrätin"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Das erklärte NABU-Bundesgeschäftsführer Leif Miller.", "Leif Miller",
         "NABU-Bundesgeschäftsführer"),
        ("Der Bürgermeister-Sprecher Ralf Kunz widersprach.", "Ralf Kunz",
         "Bürgermeister-Sprecher"),
    ],
)  # fmt: skip
def test_hyphenated_role_compounds(ann: Annotator, text: str, name: str, role: str) -> None:
    assert people(ann, text)[name].role == role


def test_place_adjective_before_the_role_is_the_affiliation(ann: Annotator) -> None:
    ps = people(
        ann,
        "Die Olper Landrätin Ute Brandt und der Weezer Bürgermeister Georg Koenen trafen "
        "Telgtes Bürgermeisterin Anna Peters.",
    )
    assert (ps["Ute Brandt"].affiliation, ps["Ute Brandt"].affiliation_ags) == (
        "Kreis Olpe",
        "05966",
    )
    assert ps["Georg Koenen"].affiliation_ags == "05154064"  # Weeze
    assert ps["Anna Peters"].affiliation_ags == "05570044"  # Telgte


def test_an_adjective_that_names_no_place_gives_no_affiliation(ann: Annotator) -> None:
    ps = people(ann, "Der neuer Bürgermeister Georg Koenen trat an.")
    assert ps["Georg Koenen"].affiliation is None


def test_a_name_before_a_street_word_is_the_street(ann: Annotator) -> None:
    ps = people(ann, "Adresse: Friedrich Ebert Straße 12 und Willy Brandt Allee 3, Bonn")
    assert ps == {}
    assert "Willy Brandt" in people(ann, "Das sagte Willy Brandt 1970 in Erfurt.")
