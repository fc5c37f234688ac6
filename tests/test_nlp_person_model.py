"""The statistical person finder: its decoder, the shipped model, and the rules' vetoes."""

from __future__ import annotations

import itertools

import pytest
import spacy

from ikz_extract.nlp import Annotator, TextUnit
from ikz_extract.nlp import persons as persons_module
from ikz_extract.nlp.person_model import LinearChain, _context, _own, bio_spans, propose


def test_viterbi_finds_the_best_sequence_of_a_small_chain() -> None:
    """Exhaustive search over all label sequences agrees with the decoder."""
    words = ["Gestern", "sprach", "Anna", "Lenz", "dort"]
    labels = ("B-PER", "O", "I-PER")
    weights = {
        "w=anna": (2.0, -1.0, 0.5),
        "w=lenz": (0.5, -0.5, 1.5),
        "-1:w=anna": (-1.0, 0.0, 1.0),
        "sh=Xx": (0.3, 0.0, 0.2),
        "1:EOS": (0.0, 0.4, 0.0),
    }
    trans = ((-1.0, 0.5, 2.0), (0.0, 1.0, -4.0), (-0.5, 0.6, 0.3))
    chain = LinearChain(labels, weights, trans)
    emis = chain.emissions(words).tolist()
    for i, row in enumerate(emis):  # the emission of a token is its features' weights
        n = len(words)
        feats = [*_own(words[i])]
        feats += [*_context(words[i - 1], -1)] if i >= 1 else ["-1:BOS"]
        feats += [*_context(words[i - 2], -2)] if i >= 2 else []
        feats += [*_context(words[i + 1], 1)] if i + 1 < n else ["1:EOS"]
        feats += [*_context(words[i + 2], 2)] if i + 2 < n else []
        expected = [sum(weights.get(f, (0.0,) * 3)[k] for f in feats) for k in range(3)]
        assert row == pytest.approx(expected)

    def score(path: tuple[int, ...]) -> float:
        total = sum(emis[i][k] for i, k in enumerate(path))
        return total + sum(trans[a][b] for a, b in itertools.pairwise(path))

    best = max(itertools.product(range(3), repeat=len(words)), key=score)
    assert chain.tag(words) == [labels[k] for k in best]
    assert chain.tag(words) != ["O"] * len(words)  # the example has a name to find


def test_bio_spans() -> None:
    tags = ["O", "B-PER", "I-PER", "O", "I-PER", "B-PER", "B-PER", "I-PER"]
    assert bio_spans(tags) == [(1, 3), (4, 5), (5, 6), (6, 8)]


def test_the_shipped_model_finds_a_surname_without_cue_or_given_name() -> None:
    text = "Dem widersprach Lüdenscheidt energisch."
    words = [t.text for t in spacy.blank("de").make_doc(text)]
    assert propose(words, set()) == [(2, 3)]
    assert propose(words, {2}) == []  # a word a rule explained is not proposed again


@pytest.fixture(scope="module")
def ann() -> Annotator:
    return Annotator()


def test_model_adds_people_the_rules_cannot_find(ann: Annotator) -> None:
    text = "Dem widersprach Lüdenscheidt energisch."
    tagger = ann.nlp.get_pipe("ikz_persons")
    try:
        tagger.use_model = False
        assert ann.annotate([TextUnit(text, 0, 0)]).persons == []
    finally:
        tagger.use_model = True
    people = ann.annotate([TextUnit(text, 0, 0)]).persons
    assert [(p.given_name, p.family_name) for p in people] == [(None, "Lüdenscheidt")]


def test_rules_veto_places_roles_and_titles_the_model_proposes(
    ann: Annotator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the model says: a gazetteer place, a role word or a title alone is no
    person, and a title the model took into a name is dropped from it."""
    text = "In Lippstadt sprach Landrätin mit Dr. Kemal Öztürk."
    words = [t.text for t in spacy.blank("de").make_doc(text)]
    proposals = [(1, 2), (3, 4), (5, 8)]  # Lippstadt | Landrätin | Dr. Kemal Öztürk
    monkeypatch.setattr(persons_module, "propose", lambda w, e: proposals)
    assert words[1] == "Lippstadt" and words[3] == "Landrätin" and words[5] == "Dr."
    result = ann.annotate([TextUnit(text, 0, 0)])
    assert [p.name for p in result.persons] == ["Kemal Öztürk"]
    assert result.persons[0].title == "Dr."
    assert any(e.label == "MUNICIPALITY" and e.text == "Lippstadt" for e in result.entities)
