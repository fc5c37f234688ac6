"""ikz_gazetteer: recognition forms, ambiguity, linking and the profile-field linker."""

from __future__ import annotations

import pytest

from ikz_extract.nlp import Annotator, TextUnit


@pytest.fixture(scope="module")
def ann() -> Annotator:
    return Annotator()


def places(ann: Annotator, text: str) -> list[tuple[str, str, str | None]]:
    result = ann.annotate([TextUnit(text, 0, 0)])
    return [
        (e.label, e.text, e.kb_id)
        for e in result.entities
        if e.label in ("MUNICIPALITY", "DISTRICT", "GOV_REGION")
    ]


def test_head_noun_forms(ann: Annotator) -> None:
    text = (
        "Der Kreis Borken, die Stadt Münster, die Gemeinde Havixbeck und der "
        "Regierungsbezirk Münster arbeiten zusammen."
    )
    assert places(ann, text) == [
        ("DISTRICT", "Kreis Borken", "05554"),
        ("MUNICIPALITY", "Stadt Münster", "05515000"),
        ("MUNICIPALITY", "Gemeinde Havixbeck", "05558020"),
        ("GOV_REGION", "Regierungsbezirk Münster", "055"),
    ]


def test_genitives(ann: Annotator) -> None:
    assert places(ann, "die Ziele des Kreises Borken und Münsters Beitrag") == [
        ("DISTRICT", "Kreises Borken", "05554"),
        ("MUNICIPALITY", "Münsters", "05515000"),
    ]


def test_plural_head_distributes_over_an_enumeration(ann: Annotator) -> None:
    text = "Die Kreise Borken, Coesfeld, Steinfurt und Warendorf sowie die Stadt Münster"
    assert places(ann, text) == [
        ("DISTRICT", "Borken", "05554"),
        ("DISTRICT", "Coesfeld", "05558"),
        ("DISTRICT", "Steinfurt", "05566"),
        ("DISTRICT", "Warendorf", "05570"),
        ("MUNICIPALITY", "Stadt Münster", "05515000"),
    ]
    text = "Bürgermeister aus den Regierungsbezirken Arnsberg, Detmold und Münster"
    assert places(ann, text) == [
        ("GOV_REGION", "Arnsberg", "059"),
        ("GOV_REGION", "Detmold", "057"),
        ("GOV_REGION", "Münster", "055"),
    ]


def test_bare_names_are_municipalities(ann: Annotator) -> None:
    """A Kreis and its seat share a name; the bare name is the town (the kreisfreie Stadt
    Münster is a MUNICIPALITY with its 8-digit key)."""
    assert places(ann, "Treffen in Borken und Münster.") == [
        ("MUNICIPALITY", "Borken", "05554012"),
        ("MUNICIPALITY", "Münster", "05515000"),
    ]


def test_official_long_forms(ann: Annotator) -> None:
    text = "Workshops in Emmerich am Rhein, Werther (Westf.) und Mülheim an der Ruhr."
    assert places(ann, text) == [
        ("MUNICIPALITY", "Emmerich am Rhein", "05154008"),
        ("MUNICIPALITY", "Werther (Westf.)", "05754052"),
        ("MUNICIPALITY", "Mülheim an der Ruhr", "05117000"),
    ]


def test_self_naming_districts_and_their_inflection(ann: Annotator) -> None:
    text = "im Hochsauerlandkreis, im Märkischen Kreis und in der Städteregion Aachen"
    assert places(ann, text) == [
        ("DISTRICT", "Hochsauerlandkreis", "05958"),
        ("DISTRICT", "Märkischen Kreis", "05962"),
        ("DISTRICT", "Städteregion Aachen", "05334"),
    ]


def test_common_word_names_need_municipal_context(ann: Annotator) -> None:
    assert places(ann, "Die Lage ist ernst. Senden Sie uns Ihre Fragen. Das Wetter war gut.") == []
    assert places(ann, "Die Gemeinde Senden und die Stadt Lage") == [
        ("MUNICIPALITY", "Gemeinde Senden", "05558044"),
        ("MUNICIPALITY", "Stadt Lage", "05766040"),
    ]
    assert places(ann, "Wir treffen uns in Lage.") == [("MUNICIPALITY", "Lage", "05766040")]
    # an enumeration with unambiguous members vouches for Senden
    assert ("MUNICIPALITY", "Senden", "05558044") in places(
        ann, "Mitglieder: Havixbeck, Nottuln, Senden und Telgte."
    )


def test_article_makes_a_common_noun(ann: Annotator) -> None:
    assert places(ann, "Das Münster in Bonn wurde renoviert.") == [
        ("MUNICIPALITY", "Bonn", "05314000")
    ]


def test_postcode_makes_an_address(ann: Annotator) -> None:
    assert places(ann, "Burloer Str. 93\n46325 Borken") == [("MUNICIPALITY", "Borken", "05554012")]


def test_place_inside_an_organisation_belongs_to_it(ann: Annotator) -> None:
    result = ann.annotate(
        [
            TextUnit(
                "Die Bezirksregierung Münster, die FH Münster und die "
                "Kreishandwerkerschaft Borken laden ein.",
                0,
                0,
            )
        ]
    )
    assert [(e.label, e.text) for e in result.entities] == [
        ("ORG", "Bezirksregierung Münster"),
        ("ORG", "FH Münster"),
        ("ORG", "Kreishandwerkerschaft Borken"),
    ]


def test_homonyms_prefer_nrw(ann: Annotator) -> None:
    """Münster exists in NRW, Hessen and Bayern; Senden in NRW and Bayern."""
    assert places(ann, "Treffen in Münster") == [("MUNICIPALITY", "Münster", "05515000")]
    assert ann.link_body("Senden").ags == "05558044"


def test_homonyms_follow_the_documents_other_places(ann: Annotator) -> None:
    """In a text about the Landkreis Neu-Ulm (Bayern), Senden is the Bavarian town."""
    result = ann.annotate(
        [
            TextUnit("Der Landkreis Neu-Ulm und die Stadt Neu-Ulm planen.", 0, 0),
            TextUnit("Auch die Stadt Senden ist dabei.", 60, 1),
        ]
    )
    links = {e.text: e.kb_id for e in result.entities}
    assert links["Stadt Senden"] == "09775152"
    assert links["Landkreis Neu-Ulm"] == "09775"


def test_municipalities_are_deduplicated_with_kreis_and_rb(ann: Annotator) -> None:
    result = ann.annotate(
        [TextUnit("Havixbeck und die Gemeinde Havixbeck im Kreis Coesfeld.", 0, 0)]
    )
    by_ags = {m.ags: m for m in result.municipalities}
    assert by_ags["05558020"].mentions == 2
    assert by_ags["05558020"].kreis == "Kreis Coesfeld"
    assert by_ags["05558020"].regierungsbezirk == "Münster"
    assert by_ags["05558"].level == "DISTRICT"


@pytest.mark.parametrize(
    ("name", "ags", "level"),
    [
        ("Kreis Borken", "05554", "DISTRICT"),
        ("Münster", "05515000", "MUNICIPALITY"),
        ("Stadt Münster", "05515000", "MUNICIPALITY"),
        ("Gemeinde Havixbeck", "05558020", "MUNICIPALITY"),
        ("Regierungsbezirk Arnsberg", "059", "GOV_REGION"),
        ("Rhein-Sieg-Kreis", "05382", "DISTRICT"),
        ("Lage", "05766040", "MUNICIPALITY"),
        ("Münsterland e.V.", None, None),
        ("Verbraucherzentrale", None, None),
    ],
)
def test_link_body(ann: Annotator, name: str, ags: str | None, level: str | None) -> None:
    body = ann.link_body(name)
    assert (body.name, body.ags, body.level) == (name, ags, level)
