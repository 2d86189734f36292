"""Is this text English? py3langid (a fork of langid.py, BSD-3, 97 languages, model shipped in its wheel).

The detector sees a sample of the text, not all of it: the beginning, the middle and the end (3,000 characters
each), so a 740 KB article on one line costs the same as a short one and a long English text with a foreign
quote is still English. A text is `not_english` when the detector gives English a probability below the
threshold (the setting NEWSEVENTS_MIN_ENGLISH_RATIO, default 0.05): a clear call, not a close one. Texts with
fewer than 40 letters are too short to tell and are taken as English, unless they are long (400 characters or
more, a table of numbers or symbols): those have no language.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SAMPLE_CHARS = 3000
MIN_LETTERS = 40
NO_LANGUAGE_CHARS = 400


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # ISO 639-1 code of the most likely language ("zxx": no linguistic content)
    probability: float  # of that language
    english: float  # probability of English


@lru_cache(maxsize=1)
def _identifier():  # noqa: ANN202 - py3langid has no type hints
    """The detector, loaded once per process (~1 s: the model is a compressed NumPy archive, no pickle)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """Beginning, middle and end of a long text; the whole of a short one."""
    if len(text) <= 3 * size:
        return text
    mid = len(text) // 2
    return "\n".join((text[:size], text[mid - size // 2: mid + size // 2], text[-size:]))


def guess_language(text: str) -> LanguageGuess | None:
    """The detector's call on a sample of `text`; None when the text is too short to tell."""
    s = sample(text)
    letters = sum(c.isalpha() for c in s)
    if letters < MIN_LETTERS:
        # Short: too little to tell. Long but hardly any letters (a table of numbers, symbols): no language.
        return LanguageGuess("zxx", 1.0, 0.0) if len(s) >= NO_LANGUAGE_CHARS else None
    ranked = _identifier().rank(s)
    top, p = ranked[0]
    english = next((prob for lang, prob in ranked if lang == "en"), 0.0)
    return LanguageGuess(str(top), float(p), float(english))


def not_english_reason(text: str, min_english: float) -> str | None:
    """Why `text` is not English, or None when it is (or cannot be told)."""
    guess = guess_language(text)
    if guess is None or guess.english >= min_english:
        return None
    what = "no language" if guess.language == "zxx" else f"language {guess.language!r}"
    return (f"detected {what} (probability {guess.probability:.2f}); English {guess.english:.3f} is below "
            f"{min_english}")
