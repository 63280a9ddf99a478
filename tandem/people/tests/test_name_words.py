"""Search index words: lower-case ASCII words of a name, so spelling of accents and punctuation never hides anyone."""

from tandem.people.search_index import deletion_variants, name_words


def test_it_lowers_the_case_of_each_word():
    assert name_words("Margaret OKAFOR") == ["margaret", "okafor"]


def test_it_drops_accents():
    assert name_words("Zoë", "José Muñoz", "Siân") == ["zoe", "jose", "munoz", "sian"]


def test_it_drops_straight_and_curly_apostrophes():
    assert name_words("O'Brien", "D’Souza") == ["obrien", "dsouza"]


def test_a_hyphenated_name_gives_each_part_and_the_whole():
    assert name_words("Ward-Prowse") == ["ward", "prowse", "wardprowse"]


def test_apostrophe_and_hyphen_together():
    assert name_words("O'Brien-Smith") == ["obrien", "smith", "obriensmith"]


def test_a_hyphenated_name_after_another_word_joins_only_the_hyphenated_parts():
    assert name_words("Jane O'Brien-Smith") == ["jane", "obrien", "smith", "obriensmith"]


def test_each_word_appears_once_in_first_seen_order():
    assert name_words("Anne Smith", "Smith", "anne") == ["anne", "smith"]


def test_empty_names_give_no_words():
    assert name_words("", "   ", "'") == []


def test_digits_and_punctuation_are_not_words():
    assert name_words("Smith (Jr.) 2nd") == ["smith", "jr", "nd"]


def test_deletion_variants_are_the_word_and_each_one_letter_deletion():
    assert deletion_variants("smith") == {"smith", "mith", "sith", "smth", "smih", "smit"}


def test_a_repeated_letter_gives_one_variant_for_its_deletion():
    assert deletion_variants("anne") == {"anne", "nne", "ane", "ann"}


def test_words_of_two_letters_or_fewer_have_only_themselves():
    assert deletion_variants("jo") == {"jo"}
