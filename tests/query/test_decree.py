"""Question checks on their own (no index): injections, other jurisdictions, and which validity question it is."""

from __future__ import annotations

import pytest

from assistant.query.decree import asks_entry_into_force, asks_validity, is_yes_no
from assistant.query.plan import asks_other_jurisdiction


@pytest.mark.parametrize(
    ("question", "validity"),
    [
        ("Is Decree-Law 252/2000 still in force?", True),
        ("Que lei revogou o decreto-lei do SEF?", True),
        ("Which law replaced the decree?", True),
        # The decree as the one revoking or replacing, or another law's revocation: Article 76 or a search.
        ("Que lei foi revogada por este decreto?", False),
        ("Was DL 440/86 revoked by this decree?", False),
        ("Que lei revogou o DL 440/86?", False),
        ("Has this decree replaced the organic law of 1993?", False),
        ("Que diplomas revogou o DL 252/2000?", False),
        # When it started to apply is Article 75; whether it still applies is validity.
        ("Quando entra em vigor o Decreto-Lei 252/2000?", False),
        ("Em que data entrou em vigor o diploma?", False),
        ("When did the decree enter into force?", False),
        ("O decreto ainda está em vigor?", True),
        ("Is it still in force today?", True),
        ("Was the decree revoked when Law 73/2021 entered into force?", True),
        # About something else: a permit, a visa, a treaty, another law.
        ("Is my residence permit still valid?", False),
        ("Can a visa be revoked?", False),
        ("Is the Schengen agreement still in force?", False),
        ("Which articles of Decree-Law 440/86 were revoked?", False),
        ("A Lei n.º 73/2021 revogou este decreto?", True),
        ("Since when is the decree in force?", False),
        # A permit asked about under the decree said to be in force: the premise is the decree's.
        ("Ainda posso renovar a autorização de residência ao abrigo do Decreto-Lei 252/2000, que está em vigor?", True),
    ],
)
def test_asks_validity(question: str, validity: bool) -> None:
    assert asks_validity(question) is validity


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("Is it still in force?", True),
        ("O DL 252/2000 ainda está em vigor?", True),
        ("E ainda está em vigor?", True),
        ("And which law repealed it?", False),
        ("E que lei revogou o decreto?", False),
        ("Since when is the decree no longer in force?", False),
        ("O que substituiu o decreto?", False),
    ],
)
def test_is_yes_no(question: str, yes_no: bool) -> None:
    assert is_yes_no(question) is yes_no


@pytest.mark.parametrize(
    ("question", "other"),
    [
        ("What does Spanish immigration law say about expulsion?", True),
        ("O que diz a lei brasileira sobre vistos?", True),
        ("Do I need a visa to work in Brazil?", True),
        ("Which Spanish services did SEF cooperate with?", False),  # Article 2(1)(f) names them
        ("Who grants visas?", False),
    ],
)
def test_another_countrys_law(question: str, other: bool) -> None:
    assert asks_other_jurisdiction(question) is other


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("When did Decree-Law 252/2000 take effect?", True),
        ("A partir de quando é que este decreto-lei começou a produzir efeitos?", True),
        ("When does Article 64's staff statute enter into force?", False),  # a part of the decree
        ("When did Law 73/2021 enter into force?", False),  # another law
        ("Is the decree still in force?", False),  # validity
    ],
)
def test_which_questions_ask_when_the_decree_entered_into_force(question: str, asks: bool) -> None:
    assert asks_entry_into_force(question) is asks
