"""Vietnamese alphabetical order, usable in Python and stored as an ASCII key so every database sorts alike.

Vietnamese lists of people are ordered by the given name (the last word), then by the rest of the name; letters follow
the Vietnamese alphabet (a ă â b c d đ e ê ...), and tones only break ties (ngang, huyền, hỏi, ngã, sắc, nặng).
"""

import unicodedata

ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
# Two digits a character: "00" ends a word's letters, digits are 01-10, letters 11-43. A key made only of digits
# sorts the same under any database collation (C, ICU or glibc locales ignore punctuation, never digits).
_LETTER_CODE = {letter: f"{index + 11:02d}" for index, letter in enumerate(ALPHABET)}
_LETTER_CODE.update({str(d): f"{d + 1:02d}" for d in range(10)})
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_SHAPE = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter itself


def _split_letter(char: str) -> tuple[str, str]:
    """Return (letter without tone, tone digit) for one character."""
    decomposed = unicodedata.normalize("NFD", char.lower())
    tone = "0"
    kept = []
    for part in decomposed:
        if part in _TONES:
            tone = _TONES[part]
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def word_key(word: str) -> str:
    """A word's letters, then "00", then one tone digit a letter: tones only decide between equal spellings."""
    primary, tones = [], []
    for char in word:
        letter, tone = _split_letter(char)
        if letter in _LETTER_CODE:
            primary.append(_LETTER_CODE[letter])
            tones.append(tone)
    return "".join(primary) + "00" + "".join(tones)


def text_sort_key(text: str) -> str:
    """Key for ordinary text (unit names, titles) in Vietnamese alphabetical order, word by word."""
    return "".join(word_key(w) for w in text.split())


def name_sort_key(full_name: str) -> str:
    """Key for a person's full name: given name first, then family and middle names."""
    words = full_name.split()
    if len(words) > 1:
        words = [words[-1], *words[:-1]]
    return "".join(word_key(w) for w in words)
