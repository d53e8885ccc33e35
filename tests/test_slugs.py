from sotay.slugs import fold, slugify


def test_slug_keeps_d_and_strips_tones():
    assert slugify("Điều kiện đăng ký") == "dieu-kien-dang-ky"


def test_slug_of_mixed_text():
    assert slugify("Bước 1: Chuẩn bị (chi ủy)") == "buoc-1-chuan-bi-chi-uy"
    assert slugify("Đảng viên 5 tốt", "_") == "dang_vien_5_tot"


def test_fold_treats_old_and_new_tone_placement_and_nfd_alike():
    import unicodedata

    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("thuỷ") == fold("thủy") == "thuy"
    assert fold(unicodedata.normalize("NFD", "Sinh hoạt chi bộ")) == "Sinh hoat chi bo"
