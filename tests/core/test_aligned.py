"""Following an edit log keeps a list aligned with the units: what ``follow`` says equals a step-by-step replay."""

from hypothesis import given
from hypothesis import strategies as st

from component_lsp.aligned import STALE, Replaced, follow


@given(st.data())
def test_following_a_log_equals_replaying_it_unit_by_unit(data):
    size = data.draw(st.integers(0, 30))
    # the replay: each unit as (its place before the log, or None if new; whether it is on other lines now;
    # whether it is new, or was right after new ones: what is above it changed)
    units: list = [(k, False, False) for k in range(size)]
    log = []
    for _ in range(data.draw(st.integers(0, 6))):
        first = data.draw(st.integers(0, len(units)))
        change = Replaced(
            first, data.draw(st.integers(0, len(units) - first)), data.draw(st.integers(0, 4)), data.draw(st.booleans())
        )
        log.append(change)
        units[first : first + change.removed] = [(None, False, True)] * change.added
        if change.moved:
            units = [
                (u[0], u[1] or (k >= first + change.added and u[0] is not None), u[2]) for k, u in enumerate(units)
            ]
        if first + change.added < len(units):
            units[first + change.added] = (*units[first + change.added][:2], True)
    carry = data.draw(st.lists(st.integers(0, size - 1), unique=True).map(sorted)) if size else []

    values = list(range(size))
    followed = follow(values, log, carry)

    assert [None if v is STALE else v for v in values] == [u[0] for u in units]
    assert sorted(k for lo, hi in followed.built for k in range(lo, hi)) == [k for k, u in enumerate(units) if u[2]]
    moved = [k for k, u in enumerate(units) if u[1]]
    assert moved == (
        [] if followed.moved is None else [k for k in range(followed.moved, len(units)) if units[k][0] is not None]
    )
    kept = {u[0]: k for k, u in enumerate(units) if u[0] is not None}
    assert followed.carried == [kept[k] for k in carry if k in kept and not units[kept[k]][2]]
    assert sorted(v for v in followed.dropped if v is not STALE) == sorted(set(range(size)) - set(kept))


def test_a_moved_edit_moves_what_is_after_what_it_added():
    values = list("abcdef")
    followed = follow(values, [Replaced(1, 2, 1, True)], [0, 2, 4])
    assert values == ["a", STALE, "d", "e", "f"]
    assert followed == ([(1, 3)], 2, ["b", "c"], [0, 3])  # "d" is built again: the lines above it changed
