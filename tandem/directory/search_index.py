"""The directory's search index: stemmed words per service, and the vocabulary misspellings are
corrected against.

No database extension, so search behaves the same on SQLite and PostgreSQL (as person search does,
ADR 0006). Each service's name, categories, description, organisation and places are split into
words, folded to plain lower-case ASCII and stemmed (so "lunch clubs" and "lunch club" meet), and
stored once per service with the weight of the best field the word is in: name 3, category 2,
anything else 1. The vocabulary counts active services only, so a misspelling is never corrected
to a word only a closed service uses. Every write that changes a service (or its status) calls
`service_terms_refresh`.
"""

import re
import unicodedata
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.db import transaction
from django.db.models import Count, Prefetch

from tandem.directory import postcodes
from tandem.directory.categories import CATEGORIES
from tandem.directory.models import Attribute, SearchWord, Service, ServiceAtLocation, ServiceStatus, ServiceTerm

WEIGHT_NAME = 3
WEIGHT_CATEGORY = 2
WEIGHT_TEXT = 1
MAX_TERM = 40

# Words that say nothing about which service someone wants; dropped from text and from queries.
_STOP_TEXT = """a an and are as at be by for from has have i in into is it its me my near of on or our so
that the their them there they this to us we what when where which who will with you your"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Plain lower-case ASCII words, apostrophes dropped: "Carers' Café" gives carers, cafe."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return _WORD.findall(folded.replace("'", "").replace("\u2019", ""))


def _has_vowel(word: str) -> bool:
    return any(letter in "aeiouy" for letter in word)


def stem(word: str) -> str:
    """A light English stemmer: plurals, -ing and -ed go, so both sides of a search agree.

    Deliberately gentler than Porter's: it only has to make a query word and the index meet, and a
    stem shown back to people ("Showing results for …") should still look like a word.
    """
    if len(word) <= 3 or not word.isalpha():
        return word[:MAX_TERM]
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes", "zzes")) or (word.endswith("uses") and len(word) <= 5):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 4 and _has_vowel(base):
            # "shopping" gives "shop", but "falling" keeps its double l as "fall".
            word = base[:-1] if base[-1] == base[-2] and base[-1] not in "lsz" else base
            break
    return word[:MAX_TERM]


def terms_of(text: str) -> list[tuple[str, str]]:
    """(stem, word) for each word of the text worth searching for, in order."""
    return [(stem(word), word) for word in words(text) if len(word) > 1 and word not in STOP_WORDS]


def category_term(code: str) -> str:
    """The index term that marks a service as in a Tandem category; no typed word can look like it."""
    return f"~{code}"


_CATEGORY_BY_TERM_ID = {category.term_id: category.code for category in CATEGORIES}


def _service_terms(service: Service) -> tuple[dict[str, int], dict[str, str]]:
    """Term to weight for one service, and each term's shortest written form.

    Its Tandem categories (tagged directly, or through an imported term filed under one) are
    indexed as `~code` terms of weight 0, so filtering by category is one more term to match.
    """
    weights: dict[str, int] = {}
    written: dict[str, str] = {}
    for attribute in service.attributes.all():
        tagged = attribute.taxonomy_term
        code = _CATEGORY_BY_TERM_ID.get(tagged.pk)
        if code is None and tagged.parent_id is not None:
            code = _CATEGORY_BY_TERM_ID.get(tagged.parent_id)
        if code is not None:
            weights[category_term(code)] = 0
    texts: list[tuple[str, int]] = [(service.name, WEIGHT_NAME), (service.description, WEIGHT_TEXT)]
    texts += [(a.taxonomy_term.name, WEIGHT_CATEGORY) for a in service.attributes.all()]
    if service.organization is not None:
        texts.append((service.organization.name, WEIGHT_TEXT))
    for link in service.service_at_locations.all():
        place = link.location
        texts += [(" ".join((place.name, place.address_1, place.city, place.region)), WEIGHT_TEXT)]
    for text, weight in texts:
        for term, word in terms_of(text):
            weights[term] = max(weights.get(term, 0), weight)
            if term not in written or len(word) < len(written[term]):
                written[term] = word[:60]
    return weights, written


@transaction.atomic
def service_terms_refresh(service_ids: Iterable[uuid.UUID | str]) -> None:
    """Rebuild the search index of these services after any write to them or what they nest.

    Call it inside the writing transaction, with the ids of every service created, changed or
    deleted, or whose status changed (public search finds active services only, and the rows say
    which those are). It first places the services' locations on the grid, since each index row
    carries its place.
    """
    ids = {uuid.UUID(str(service_id)) for service_id in service_ids}
    if not ids:
        return
    postcodes.locations_place(
        ServiceAtLocation.objects.filter(service_id__in=ids).values_list("location_id", flat=True)
    )
    services = list(
        Service.objects.filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related(
            Prefetch("attributes", queryset=Attribute.objects.select_related("taxonomy_term")),
            Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location")),
        )
    )
    before = set(ServiceTerm.objects.filter(service_id__in=ids).values_list("term", flat=True).distinct())
    ServiceTerm.objects.filter(service_id__in=ids).delete()
    rows: list[ServiceTerm] = []
    written: dict[str, str] = {}
    for service in services:
        weights, forms = _service_terms(service)
        places = sorted(
            {(link.location.easting, link.location.northing) for link in service.service_at_locations.all()}
            - {(None, None)},
            key=lambda grid: (grid[0] or 0, grid[1] or 0),
        ) or [(None, None)]
        rows += [
            ServiceTerm(
                service_id=service.pk,
                term=term,
                weight=weight,
                name=service.name,
                place=number,
                easting=easting,
                northing=northing,
                active=service.status == ServiceStatus.ACTIVE,
            )
            for number, (easting, northing) in enumerate(places)
            for term, weight in weights.items()
        ]
        for term, word in forms.items():
            if term not in written or len(word) < len(written[term]):
                written[term] = word
    ServiceTerm.objects.bulk_create(rows, batch_size=1_000)
    _vocabulary_refresh(before | set(written), written)


def _vocabulary_refresh(terms: set[str], written: dict[str, str]) -> None:
    """Recount how many services use each of these terms; drop the ones no service uses now."""
    counts: dict[str, int] = {}
    existing: dict[str, str] = {}
    ordered = sorted(term for term in terms if not term.startswith("~"))  # categories are not words
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        counts.update(
            ServiceTerm.objects.filter(term__in=chunk, active=True)
            .values("term")
            .annotate(n=Count("service", distinct=True))
            .values_list("term", "n")
        )
        existing.update(SearchWord.objects.filter(term__in=chunk).values_list("term", "word"))
    gone = [term for term in ordered if term not in counts]
    for start in range(0, len(gone), 500):
        SearchWord.objects.filter(term__in=gone[start : start + 500]).delete()
    vocabulary_cache_clear()
    SearchWord.objects.bulk_create(
        [
            SearchWord(
                term=term,
                word=_shorter(written.get(term), existing.get(term)) or term,
                initial=term[0],
                length=len(term),
                services=count,
            )
            for term, count in counts.items()
        ],
        update_conflicts=True,
        unique_fields=["term"],
        update_fields=["word", "services"],
        batch_size=1_000,
    )


def _shorter(*forms: str | None) -> str | None:
    present = [form for form in forms if form]
    return min(present, key=lambda form: (len(form), form)) if present else None


def locations_refresh(location_ids: Iterable[Any]) -> None:
    """Refresh the search rows of every service at these locations (after they moved on the grid)."""
    wanted = list(location_ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        service_terms_refresh(
            ServiceAtLocation.objects.filter(location_id__in=chunk).values_list("service_id", flat=True)
        )


def index_rebuild() -> int:
    """Rebuild the whole index (after an upgrade, or to repair it); returns how many services."""
    ids = list(Service.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        service_terms_refresh(ids[start : start + 500])
    SearchWord.objects.exclude(term__in=ServiceTerm.objects.values("term")).delete()
    vocabulary_cache_clear()
    return len(ids)


# What the vocabulary said about a stem recently, remembered in each process for the
# "directory_words" cache's timeout (config/settings.py): public searches repeat the same few
# hundred words. A refresh in this process clears it; another process sees a new or dropped word
# within that timeout. A stem the vocabulary does not hold is remembered as _NOT_A_WORD.
_NOT_A_WORD = ""
_LONGEST_KEY = 200


def _words() -> BaseCache:
    return caches["directory_words"]


def vocabulary_cache_clear() -> None:
    _words().clear()


def search_words_for(stems: Iterable[str]) -> dict[str, Any]:
    """The vocabulary entries for these stems, by stem."""
    wanted = set(stems)
    kept = _words().get_many([term for term in wanted if len(term) <= _LONGEST_KEY])
    found = {term: word for term, word in kept.items() if word != _NOT_A_WORD}
    missing = wanted - set(kept)
    if missing:
        looked_up = {word.term: word for word in SearchWord.objects.filter(term__in=missing)}
        _words().set_many({term: looked_up.get(term, _NOT_A_WORD) for term in missing if len(term) <= _LONGEST_KEY})
        found |= looked_up
    return found
