from kehoach.normalizers.numbers import decimals_of, parse_count, parse_number


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


def test_decimals_are_counted_as_printed_trailing_zero_included():
    assert (decimals_of("13,10%"), decimals_of("13,1%"), decimals_of("100,0%")) == (2, 1, 1)
    assert parse_number("13,10%") == parse_number("13,1%")  # what the float alone cannot tell


def test_a_grouped_count_has_no_decimals_but_a_grouped_decimal_has():
    assert (decimals_of("12.038"), decimals_of("1.234.567"), decimals_of("1.234,56")) == (0, 0, 2)


def test_a_dot_as_decimal_point_counts_and_words_have_no_decimals():
    assert (decimals_of("12.5"), decimals_of("7"), decimals_of(" 9,88 % ")) == (1, 0, 2)
    assert decimals_of("người") is None


def test_a_speck_before_a_number_and_a_space_inside_it_do_not_hide_it():
    assert parse_number("¬ 6,99") == 6.99 and decimals_of("¬ 6,99") == 2
    assert parse_number("94, 15%") == 94.15
    assert parse_number("95,2%") == 95.2
    assert parse_number("Năm 2024") is None and parse_number("(1)") is None
