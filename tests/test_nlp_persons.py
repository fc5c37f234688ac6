"""ikz_persons and the document-level person merge."""

from __future__ import annotations

import pytest

from ikz_extract.models import Person
from ikz_extract.nlp import Annotator, TextUnit


@pytest.fixture(scope="module")
def ann() -> Annotator:
    return Annotator()


def people(ann: Annotator, *texts: str) -> dict[str, Person]:
    units = []
    offset = 0
    for i, t in enumerate(texts):
        units.append(TextUnit(t, offset, i))
        offset += len(t) + 2
    return {p.name: p for p in ann.annotate(units).persons}


def facts(p: Person) -> tuple[str | None, ...]:
    return (p.title, p.role, p.affiliation, p.affiliation_ags)


def test_role_and_affiliation_from_von_der_gemeinde(ann: Annotator) -> None:
    ps = people(
        ann,
        "Vorsitzender ist aktuell Bürgermeister Jörn Möltgen von der Gemeinde Havixbeck. "
        "Seine Vertreterin ist Bürgermeisterin Katrin Reuscher von der Stadt Sendenhorst.",
    )
    assert facts(ps["Jörn Möltgen"]) == (None, "Bürgermeister", "Gemeinde Havixbeck", "05558020")
    assert facts(ps["Katrin Reuscher"]) == (
        None,
        "Bürgermeisterin",
        "Stadt Sendenhorst",
        "05570040",
    )


def test_affiliation_after_a_comma_at_line_end(ann: Annotator) -> None:
    ps = people(
        ann, "- Stadtbaurat Robin Denstorff, Münster\n- Bürgermeister Jörn Möltgen, Havixbeck"
    )
    assert facts(ps["Robin Denstorff"]) == (None, "Stadtbaurat", "Münster", "05515000")
    assert facts(ps["Jörn Möltgen"]) == (None, "Bürgermeister", "Havixbeck", "05558020")


def test_role_after_the_name_with_title_and_double_surname(ann: Annotator) -> None:
    ps = people(ann, "Ihr\n\nDr. Christian Schulze Pellengahr\nLandrat des Kreises Coesfeld")
    p = ps["Christian Schulze Pellengahr"]
    assert (p.given_name, p.family_name) == ("Christian", "Schulze Pellengahr")
    assert facts(p) == ("Dr.", "Landrat", "Kreis Coesfeld", "05558")


def test_one_role_for_several_names_with_gendered_forms(ann: Annotator) -> None:
    """The plural gender form applies to each; each gets her or his form; the
    Regierungspräsident's "(Münster)" is the Regierungsbezirk."""
    ps = people(
        ann,
        "Eingeladen hatten die drei Regierungspräsident*innen (v.l.) Dorothee Feller (Münster), "
        "Judith Pirscher (Detmold) und Hans-Josef Vogel (Arnsberg).",
    )
    assert facts(ps["Dorothee Feller"]) == (None, "Regierungspräsidentin", "Münster", "055")
    assert facts(ps["Judith Pirscher"]) == (None, "Regierungspräsidentin", "Detmold", "057")
    assert facts(ps["Hans-Josef Vogel"]) == (None, "Regierungspräsident", "Arnsberg", "059")


def test_landrat_affiliation_in_parentheses_is_the_kreis(ann: Annotator) -> None:
    ps = people(ann, "Landrat Dr. Kai Zwicker (Borken) eröffnete die Sitzung.")
    assert facts(ps["Kai Zwicker"]) == ("Dr.", "Landrat", "Borken", "05554")


def test_later_mentions_merge_into_one_person(ann: Annotator) -> None:
    result = ann.annotate(
        [
            TextUnit("Regierungspräsidentin Dorothee Feller begrüßte die Gäste.", 0, 0),
            TextUnit("„Das wollen wir fördern“, so Dorothee Feller.", 60, 1),
            TextUnit("Feller dankte. Auch Frau Feller sprach.", 120, 2),
        ]
    )
    [p] = result.persons
    assert (p.name, p.role, p.mentions) == ("Dorothee Feller", "Regierungspräsidentin", 4)
    mentions = [e for e in result.entities if e.label == "PERSON"]
    assert [m.normalized for m in mentions] == ["Dorothee Feller"] * 4
    assert mentions[2].start == 120


def test_surname_particles_and_compounds(ann: Annotator) -> None:
    ps = people(ann, "Ursula von der Leyen traf Katrin ter Horst und Hans-Josef Vogel.")
    assert set(ps) == {"Ursula von der Leyen", "Katrin ter Horst", "Hans-Josef Vogel"}
    assert ps["Ursula von der Leyen"].family_name == "von der Leyen"


def test_role_and_surname_without_given_name(ann: Annotator) -> None:
    ps = people(ann, "Bürgermeister Möltgen stimmte zu, Frau Dr. Vogel auch.")
    assert set(ps) == {"Möltgen", "Vogel"}
    assert ps["Möltgen"].role == "Bürgermeister"
    assert ps["Vogel"].title == "Dr."


def test_names_that_are_months_places_or_words_need_a_cue(ann: Annotator) -> None:
    assert people(ann, "Im August Müller traf sie im Mai. Die Heide Weber blüht.") == {}
    assert people(ann, "Von Anfang an dabei. Peter Hartz Durch einen Bericht") == {
        "Peter Hartz": people(ann, "Peter Hartz")["Peter Hartz"]
    }


def test_particle_does_not_swallow_an_affiliation(ann: Annotator) -> None:
    ps = people(ann, "Kämmerin Anna Müller von der Gemeinde Nottuln berichtete.")
    assert set(ps) == {"Anna Müller"}
    assert facts(ps["Anna Müller"]) == (None, "Kämmerin", "Gemeinde Nottuln", "05558032")


def test_role_with_affiliation_before_the_name(ann: Annotator) -> None:
    ps = people(ann, "Die Landrätin des Kreises Steinfurt, Anna Schmidt, sagte das zu.")
    assert facts(ps["Anna Schmidt"]) == (None, "Landrätin", "Kreis Steinfurt", "05566")


def test_compound_roles_and_middle_initials(ann: Annotator) -> None:
    ps = people(
        ann,
        "Klimaschutzmanagerin Julia Schmidt (Gemeinde Havixbeck) und "
        "Kreisdirektor Joachim L. Gilbeau vom Kreis Warendorf",
    )
    assert facts(ps["Julia Schmidt"]) == (
        None,
        "Klimaschutzmanagerin",
        "Gemeinde Havixbeck",
        "05558020",
    )
    assert facts(ps["Joachim L. Gilbeau"]) == (None, "Kreisdirektor", "Kreis Warendorf", "05570")


def test_person_name_wins_over_a_place_name(ann: Annotator) -> None:
    result = ann.annotate([TextUnit("Geschäftsführer Horst Borken begrüßte alle.", 0, 0)])
    assert [(e.label, e.text) for e in result.entities] == [("PERSON", "Horst Borken")]


def test_gender_forms_with_a_colon_or_an_umlaut_stem(ann: Annotator) -> None:
    """Bürgermeister:innen is three tokens; Landrät*innen and Stadtbaurät:innen glue the mark
    to the feminine stem. Each person gets her or his form; a Landrat's "(Borken)" is the Kreis."""
    ps = people(
        ann,
        "Es kamen die Landrät:innen Anna Berger (Borken) und Jörn Möltgen (Coesfeld), die "
        "Bürgermeister:innen Katrin Reuscher und Peter Lange sowie die Stadtbaurät*innen "
        "Julia Schmidt und Robin Denstorff.",
    )
    assert facts(ps["Anna Berger"]) == (None, "Landrätin", "Borken", "05554")
    assert facts(ps["Jörn Möltgen"]) == (None, "Landrat", "Coesfeld", "05558")
    assert ps["Katrin Reuscher"].role == "Bürgermeisterin"
    assert ps["Peter Lange"].role == "Bürgermeister"
    assert ps["Julia Schmidt"].role == "Stadtbaurätin"
    assert ps["Robin Denstorff"].role == "Stadtbaurat"
    plural = people(ann, "Die Landrätinnen Anna Berger und Katrin Reuscher kamen.")
    assert [p.role for p in plural.values()] == ["Landrätin", "Landrätin"]


def test_a_colon_with_spaces_is_no_gender_mark(ann: Annotator) -> None:
    ps = people(ann, "Ansprechpartnerin: in der Stadt Havixbeck ist Anna Berger zuständig.")
    assert ps["Anna Berger"].role is None


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Gastgeberin Anna Berger begrüßte die Gäste.", "Anna Berger", "Gastgeberin"),
        ("„Das lohnt sich“, so Anna Berger, Gastgeberin der Messe.", "Anna Berger",
         "Gastgeberin"),
        ("Rektorin Anna Berger eröffnete.", "Anna Berger", "Rektorin"),
        ("Verwaltungschef Peter Lange eröffnete.", "Peter Lange", "Verwaltungschef"),
        ("Generalsekretär Peter Lange eröffnete.", "Peter Lange", "Generalsekretär"),
        ("Kreisbrandmeister Peter Lange eröffnete.", "Peter Lange", "Kreisbrandmeister"),
        ("Wehrführer Peter Lange eröffnete.", "Peter Lange", "Wehrführer"),
        ("Kreisrat Peter Lange eröffnete.", "Peter Lange", "Kreisrat"),
        ("Ministerialrätin Anna Berger eröffnete.", "Anna Berger", "Ministerialrätin"),
        ("Oberregierungsrat Peter Lange eröffnete.", "Peter Lange", "Oberregierungsrat"),
    ],
)  # fmt: skip
def test_offices_before_or_after_the_name(ann: Annotator, text: str, name: str, role: str) -> None:
    """Offices a press release names its speakers by (the press parser's old role list)."""
    assert people(ann, text)[name].role == role
