from types import SimpleNamespace

from wijkwerk.core.trees import with_children


def _row(pk, parent_id=None):
    return SimpleNamespace(pk=pk, parent_id=parent_id)


def test_rows_are_grouped_under_their_parent_in_the_order_given():
    b, a, a2, b1, a1 = _row(2), _row(1), _row(12, 1), _row(21, 2), _row(11, 1)
    assert with_children([b, a, a2, b1, a1]) == [(b, [b1]), (a, [a2, a1])]


def test_a_parent_without_children_gets_an_empty_list_and_orphans_are_left_out():
    lone, orphan = _row(1), _row(5, 99)
    assert with_children(iter([lone, orphan])) == [(lone, [])]
