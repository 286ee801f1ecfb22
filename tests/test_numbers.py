from kehoach.normalizers.numbers import parse_count, parse_number


def test_comma_is_the_decimal_mark():
    assert parse_number("24,88") == 24.88
    assert parse_number("100,0%") == 100.0


def test_dot_groups_thousands():
    assert parse_number("12.038") == 12038
    assert parse_number("1.234.567") == 1234567
    assert parse_count("85.207") == 85207


def test_dot_before_other_than_three_digits_is_a_decimal_point():
    assert parse_number("12.5") == 12.5


def test_a_rate_is_not_a_count_and_words_are_not_numbers():
    assert parse_count("9,88") is None
    assert parse_number("người") is None
