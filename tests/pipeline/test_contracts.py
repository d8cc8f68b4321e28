"""The values the Python stages name are the landing contracts' own (one statement of each)."""

from pipeline.config import contract_enums
from pipeline.verdicts import VERDICTS


def test_the_contracts_state_each_fixed_set_of_values():
    enums = contract_enums()
    assert set(enums) == {"layer", "next_action", "verdict", "reason_type"}
    assert all(None not in values and values for values in enums.values())


def test_the_verdicts_python_splits_on_are_the_contracts():
    assert set(VERDICTS) == set(contract_enums()["verdict"])
