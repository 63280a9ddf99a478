"""Forget what the directory's look-up caches remember, for tests that count queries from cold."""

from tandem.directory import postcodes, search_index


def caches_clear() -> None:
    postcodes.place_cache_clear()
    search_index.vocabulary_cache_clear()
