from __future__ import annotations

import pytest

from index.fusion import fuse_rankings


def test_fuse_rankings_rewards_agreement() -> None:
    fused = fuse_rankings([(["a", "b", "c"], 1.0), (["b", "c", "a"], 1.0)], k=60)
    assert fused[0][0] == "b"


def test_fuse_rankings_weights_tilt_the_balance() -> None:
    dense, lexical = ["a", "b"], ["b", "a"]
    assert fuse_rankings([(dense, 2.0), (lexical, 1.0)], k=1)[0][0] == "a"
    assert fuse_rankings([(dense, 1.0), (lexical, 2.0)], k=1)[0][0] == "b"


def test_fuse_rankings_zero_weight_ignores_a_list_and_ties_keep_first_seen_order() -> None:
    assert [i for i, _ in fuse_rankings([(["x", "y"], 0.0), (["y", "x"], 1.0)])] == ["y", "x"]
    assert [i for i, _ in fuse_rankings([(["a"], 1.0), (["b"], 1.0)])] == ["a", "b"]


def test_fuse_rankings_score_is_the_weighted_reciprocal_rank_sum() -> None:
    fused = dict(fuse_rankings([(["a", "b"], 1.0), (["b"], 0.5)], k=10))
    assert fused["a"] == pytest.approx(1 / 11)
    assert fused["b"] == pytest.approx(1 / 12 + 0.5 / 11)


def test_fuse_rankings_rejects_k_below_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        fuse_rankings([(["a"], 1.0)], k=0)
