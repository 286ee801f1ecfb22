from kehoach.normalizers.ocr_channel import ChannelModel, aligned_units, bare, bare_word, load_channels


def test_bare_folds_marks_but_keeps_one_character_per_character():
    assert bare("Ố") == "o" and bare("đ") == "d" and bare("6") == "6"
    assert bare_word("Đồng") == "dong"
    assert len(bare_word("nghiệp")) == len("nghiệp")


def test_alignment_gives_each_printed_letter_what_the_ocr_wrote_for_it():
    assert ("ủ", "ti") in aligned_units("của", "ctia")  # an English model's ủ
    assert aligned_units("hiểm", "hiếm") == [("h", "h"), ("i", "i"), ("ể", "ế"), ("m", "m")]
    assert ("ố", "6") in aligned_units("số", "s6")
    assert ("ộ", "") in aligned_units("hội", "hi")  # a dropped letter


def test_a_trained_channel_prefers_the_confusions_it_has_seen():
    pairs = [("của", "ctia")] * 5 + [("cửa", "cira")] * 5 + [("số", "s6")] * 5
    channel = ChannelModel.trained(pairs)
    assert channel.log_prob("ctia", "của") > channel.log_prob("ctia", "cửa")
    assert channel.log_prob("s6", "số") > channel.log_prob("s6", "sở")
    assert channel.log_prob("cua", "của") > channel.log_prob("cua", "cùa") - 5  # unseen but plausible: finite


def test_without_data_losing_a_mark_is_likelier_than_changing_a_letter():
    channel = ChannelModel.trained([])
    assert channel.log_prob("ban", "bán") > channel.log_prob("ban", "bén")


def test_the_shipped_channels_know_each_engine():
    channels = load_channels()
    assert set(channels) == {"eng", "vie"}
    english, vietnamese = channels["eng"], channels["vie"]
    # an English model loses marks: `dan` is a likely reading of `dân`; the Vietnamese model keeps them
    assert english.log_prob("dan", "dân") > vietnamese.log_prob("dan", "dân")
    assert vietnamese.log_prob("dân", "dân") > vietnamese.log_prob("dan", "dân")
    round_trip = ChannelModel.from_json(english.to_json())
    assert round_trip.log_prob("ctia", "của") == english.log_prob("ctia", "của")


def test_a_mark_swap_never_seen_for_a_letter_takes_the_rate_its_base_letters_show():
    # `á` was read as `ả` (its own swaps) and other a-letters were read as `ạ`; `á` as `ạ` was never seen
    pairs = [("pháp", "pháp")] * 90 + [("pháp", "phảp")] * 10 + [("nam", "nạm")] * 30 + [("nam", "nam")] * 70
    trained = ChannelModel.trained(pairs)
    without_data = ChannelModel.trained([("pháp", "pháp")] * 100 + [("nam", "nam")] * 100)
    assert trained.log_prob("phạp", "pháp") > without_data.log_prob("phạp", "pháp") + 3
    assert trained.log_prob("phạp", "pháp") < trained.log_prob("phảp", "pháp")  # a swap seen stays likelier
    assert trained.log_prob("phép", "pháp") == without_data.log_prob("phép", "pháp")  # another letter: no back-off
