"""Length evidence: how far the character lengths of a bead's two sides are from a translation's.

Gale & Church's model with constants fitted to Persian–English instead of their English–German
ones (c = 1, s² = 6.8): Persian text is a little shorter than its English original, and the
spread is much smaller than in their data:

    δ = (l_fa − c·l_en) / sqrt(s² · (l_fa / c + l_en) / 2)     ~ N(0, 1) for a translation

FA_PER_EN (c) and VARIANCE (s²) were fitted by `python bench/align_eval.py --fit-length` on the
3,112 sentence pairs of FLORES-200 devtest (pes_Arab/eng_Latn) and TICO-19 test, Persian side
normalized by hamsu.normalize, lengths in code points: c is Σ l_fa / Σ l_en (FLORES 0.938, TICO
0.940), s² the variance of the unscaled δ (FLORES 2.28, TICO 2.34). δ's spread hardly depends on
sentence length (its standard deviation is 1.4–1.6 for English lengths from 40 to 1000), which is
what the square root in the model assumes; its tails are near Gaussian (1% quantiles at ±2.2–2.6 σ).
"""
from __future__ import annotations

FA_PER_EN = 0.940
VARIANCE = 2.32


def length_penalty(l_fa: int, l_en: int, ratio: float = FA_PER_EN, variance: float = VARIANCE) -> float:
    """δ²/2: minus the log-likelihood (up to a constant) of the two lengths under the model."""
    scale = variance * (l_fa / ratio + l_en) / 2
    if scale <= 0:
        return 0.0
    diff = l_fa - ratio * l_en
    return diff * diff / (2 * scale)
