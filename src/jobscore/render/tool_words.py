"""Words the freelancer tools' answers share, for the terminal and for web pages alike.

Every function here is pure and returns a plain string: no rich, no markup.
"""

from __future__ import annotations

__all__ = ["feedback_words", "score_words", "stars_words"]


def stars_words(stars: float) -> str:
    return f"{stars:g} star{'' if stars == 1 else 's'}"


def score_words(score: float | None) -> str:
    return "no score yet" if score is None else f"{score:.1f}%"


def feedback_words(stars: float | None, private_score: int | None) -> str:
    """Feedback in words: "2 stars, private 3", or "no feedback" when there is none."""
    parts = []
    if stars is not None:
        parts.append(stars_words(stars))
    if private_score is not None:
        parts.append(f"private {private_score}")
    return ", ".join(parts) or "no feedback"
