"""Telling a behaviour change from a different random draw (handbook.draws), line by line."""

from __future__ import annotations

from handbook import draws


def test_line_that_changes_with_the_seed_in_both_flavours_is_a_draw():
    seeded = {"keras3": "mask: [1 0]\nrate 0.5\n", "keras2": "mask: [0 1]\nrate 0.5\n"}
    again = {"keras3": "mask: [0 0]\nrate 0.5\n", "keras2": "mask: [1 1]\nrate 0.5\n"}
    assert draws.only_draws(seeded, again)


def test_line_that_stays_put_under_reseeding_in_one_flavour_is_behaviour():
    # Keras 2 keeps every unit whatever the seed: the difference is what the layer does
    seeded = {"keras3": "mask: [1 0]\n", "keras2": "mask: [1 1]\n"}
    again = {"keras3": "mask: [0 1]\n", "keras2": "mask: [1 1]\n"}
    assert not draws.only_draws(seeded, again)


def test_numbers_that_change_with_the_seed_but_keep_a_different_relation_are_behaviour():
    # Keras 3 reports the loss without the penalty (loss == mse) under every seed, Keras 2 with it
    seeded = {"keras3": "loss 5.626, mse 5.626\n", "keras2": "loss 5.881, mse 5.626\n"}
    again = {"keras3": "loss 4.1, mse 4.1\n", "keras2": "loss 4.3, mse 4.1\n"}
    assert not draws.only_draws(seeded, again)
    # a count of dropped units keeps its relation to the total in both: a draw
    seeded = {"keras3": "dropped 74/128\n", "keras2": "dropped 61/128\n"}
    again = {"keras3": "dropped 66/128\n", "keras2": "dropped 70/128\n"}
    assert draws.only_draws(seeded, again)


def test_outputs_of_different_lengths_are_behaviour():
    seeded = {"keras3": "a\nb\n", "keras2": "a\n"}
    assert not draws.only_draws(seeded, {"keras3": "x\ny\n", "keras2": "z\n"})


def test_reseeded_copy_changes_only_the_seed(tmp_path):
    snippet = tmp_path / "s.py"
    snippet.write_text("keras.utils.set_random_seed(0)  # fixed\nprint(0)\n", encoding="utf-8")
    copy = draws.reseeded(snippet, tmp_path / "copies")
    assert copy is not None
    assert copy.read_text(encoding="utf-8") == "keras.utils.set_random_seed(1)  # fixed\nprint(0)\n"
    (tmp_path / "plain.py").write_text("print(0)\n", encoding="utf-8")
    assert draws.reseeded(tmp_path / "plain.py", tmp_path / "copies") is None
