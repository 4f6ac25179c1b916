import polars as pl
from polars.testing import assert_frame_equal

from flows.normalize.dedup import Deduplicator


def frame(*rows):
    return pl.DataFrame(
        [{"article_id": i, "content_hash": h, "n": n} for i, h, n in rows],
        schema={"article_id": pl.String, "content_hash": pl.String, "n": pl.Int64},
        orient="row",
    )


def test_within_batch_keeps_first():
    batch = frame(("a", "h1", 1), ("b", "h2", 2), ("a", "h3", 3), ("c", "h1", 4), ("d", "h4", 5))
    unique, dropped = Deduplicator().filter(batch)
    assert_frame_equal(unique, frame(("a", "h1", 1), ("b", "h2", 2), ("d", "h4", 5)))
    assert dropped == 2


def test_across_batches():
    dedup = Deduplicator()
    first, n1 = dedup.filter(frame(("a", "h1", 1), ("b", "h2", 2)))
    second, n2 = dedup.filter(frame(("b", "h9", 3), ("c", "h1", 4), ("e", "h5", 5)))
    assert (n1, n2) == (0, 2)
    assert_frame_equal(second, frame(("e", "h5", 5)))
    assert {"a", "b", "e"} <= dedup.seen_ids and "h5" in dedup.seen_hashes


def test_against_seen_sets():
    dedup = Deduplicator(seen_ids={"a"}, seen_hashes={"h2"})
    unique, dropped = dedup.filter(frame(("a", "h1", 1), ("b", "h2", 2), ("c", "h3", 3)))
    assert_frame_equal(unique, frame(("c", "h3", 3)))
    assert dropped == 2


def test_a_dropped_row_does_not_block_later_rows():
    # row 1 is a repeat of a known id; its new hash was not kept, so row 2 with that hash stays
    dedup = Deduplicator(seen_ids={"a"})
    unique, dropped = dedup.filter(frame(("a", "h1", 1), ("b", "h1", 2)))
    assert_frame_equal(unique, frame(("b", "h1", 2)))
    assert dropped == 1


def test_empty_batch():
    unique, dropped = Deduplicator().filter(frame())
    assert unique.height == 0 and dropped == 0
