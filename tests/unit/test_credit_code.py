"""civic.credit_code: unified social credit codes (GB 32100-2015)."""

from __future__ import annotations

import pytest

from civic.credit_code import (
    ALPHABET,
    CreditCodeError,
    check_character,
    find_credit_code,
    is_valid_credit_code,
    normalize_credit_code,
    registration_authority,
    validate_credit_code,
)

# Codes computed with the algorithm (the organisation part "MJ0000nnn" is invented).
FOUNDATION = "53440300MJ00000013"  # 5 民政, 3 基金会, 440300 深圳
SOCIAL_GROUP = "51440300MJ0000002C"  # 5 民政, 1 社会团体
SOCIAL_SERVICE = "52440100MJ0000010R"  # 5 民政, 2 民办非企业单位（社会服务机构）
NATIONAL = "53100000MJ00000123"
# Published codes of two companies (in their business licences and public records).
TENCENT = "91440300708461136T"  # 深圳市腾讯计算机系统有限公司
BAIDU = "91110000802100433B"  # 北京百度网讯科技有限公司


def _reason(text: str) -> str:
    with pytest.raises(CreditCodeError) as info:
        validate_credit_code(text)
    return info.value.code


def test_the_alphabet_has_31_characters_without_i_o_z_s_v() -> None:
    assert len(ALPHABET) == 31 and not set("IOZSV") & set(ALPHABET)


@pytest.mark.parametrize(
    "code", [FOUNDATION, SOCIAL_GROUP, SOCIAL_SERVICE, NATIONAL, TENCENT, BAIDU]
)
def test_valid_codes(code: str) -> None:
    assert validate_credit_code(code) == code
    assert check_character(code[:17]) == code[17]
    assert is_valid_credit_code(code)


def test_check_character_worked_by_hand() -> None:
    # 5*1 + 3*3 + 4*9 + 4*27 + 0*19 + 3*26 + 0*16 + 0*17 + M(21)*20 + J(18)*29
    # + 0*(25+13+8+24+10) + 1*30 + 1*28 = 1236; 1236 mod 31 = 27; 31 - 27 = 4 -> "4"
    assert check_character("53440300MJ0000011") == "4"
    # a sum divisible by 31 gives the check character "0" (31 - 0 would be out of range)
    assert check_character("53440300MJ0000000") == "0"
    assert all(check_character(f"53440300MJ00000{n:02d}") in ALPHABET for n in range(100))


def test_full_width_spaces_and_lower_case_are_normalised() -> None:
    assert validate_credit_code("５３４４０３００ＭＪ００００００１３") == FOUNDATION
    assert validate_credit_code(" 5344 0300 mj00 0000 13 ") == FOUNDATION
    assert validate_credit_code("91440300708461136t") == TENCENT
    assert validate_credit_code("5344-0300-MJ00-0000-13") == FOUNDATION
    assert normalize_credit_code("\u3000５１４４0300mj0000002c") == SOCIAL_GROUP


def test_wrong_check_character() -> None:
    assert _reason(FOUNDATION[:17] + "4") == "checksum"
    assert _reason(TENCENT[:17] + "U") == "checksum"
    # one character changed in the body
    assert _reason("53440300MJ00000023") == "checksum"
    assert not is_valid_credit_code(BAIDU[:-1] + "C")


@pytest.mark.parametrize(
    "text",
    [FOUNDATION[:17], FOUNDATION + "0", "5344030", "53440300MJ000000130000"],
)
def test_wrong_length(text: str) -> None:
    assert _reason(text) == "length"


@pytest.mark.parametrize(
    "text",
    [
        "53440300MI00000013",  # I
        "53440300MO00000013",  # O
        "53440300MZ00000013",  # Z
        "53440300MS00000013",  # S
        "53440300MV00000013",  # V
        "534403O0MJ00000013",  # a letter in the 6-digit division code
        "53440300MJ0000001!",
        "53440300MJ000000１中",
    ],
)
def test_forbidden_characters(text: str) -> None:
    assert _reason(text) == "format"


def test_empty() -> None:
    assert _reason("") == "empty"
    assert _reason("  \u3000 ") == "empty"


def test_find_a_code_in_text() -> None:
    assert find_credit_code(f"请帮我查一下{FOUNDATION}这个基金会") == FOUNDATION
    assert find_credit_code("代码：５１４４０３００ＭＪ００００００２Ｃ。") == SOCIAL_GROUP
    assert find_credit_code(f"查询 {TENCENT.lower()} 谢谢") == TENCENT
    # a wrong check character, a longer run, or nothing code-like: None
    assert find_credit_code(f"代码{FOUNDATION[:17]}4") is None
    assert find_credit_code(f"X{FOUNDATION}") is None
    assert find_credit_code("深圳市春雨助学公益基金会") is None
    assert find_credit_code("") is None
    # the first valid one wins
    assert find_credit_code(f"{FOUNDATION[:17]}4 或 {SOCIAL_GROUP}") == SOCIAL_GROUP


def test_registration_authority() -> None:
    foundation = registration_authority(FOUNDATION)
    assert foundation.department == "民政" and foundation.kind == "基金会"
    assert foundation.civil_affairs
    assert registration_authority(SOCIAL_GROUP).kind == "社会团体"
    assert registration_authority(SOCIAL_SERVICE).kind == "民办非企业单位（社会服务机构）"
    other = "59440300MJ0000001"
    other += check_character(other)
    assert registration_authority(other).kind == "其他"
    company = registration_authority(TENCENT)
    assert company.department == "工商（市场监管）" and company.kind == "企业"
    assert not company.civil_affairs
    unknown = "Y1440300MJ0000001"
    unknown += check_character(unknown)
    assert registration_authority(unknown).department == "其他"
    with pytest.raises(CreditCodeError):
        registration_authority(FOUNDATION[:17] + "4")
