"""Running-text priors of characters standing alone, for the reading model.

How often does 得 standing alone read de, děi or dé in running text? The
labelled corpora cannot say: each sentence was picked for its labelled
character, often to show a rare reading. The *other* characters of those
sentences are running text, but unlabelled. Their readings are estimated by
expectation-maximisation over the whole reading model (Saerens et al. 2002):
start from an even prior, read every occurrence with the model (network,
context, rules and the current prior), take the average of the model's
probabilities as the new prior, and repeat. Example: if the rules and the
network read 地 after 慢慢 and 明显 as de but after 满 and 此 as dì, the
prior settles on that mix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from polyphone_data import Labelled

from studyapp.core.language.reading_model import FEATURES, ReadingModel
from studyapp.core.language.readings import Plan

PRIOR = FEATURES.index("prior")
#: Occurrences per character used (in text order); plenty for a prior.
CAP = 3000


class Occurrences:
    """Feature rows (prior left out) of the unlabelled characters standing alone, per character."""

    def __init__(self, sentences: Iterable[tuple[Labelled, Plan, dict[int, dict[str, float]]]], model: ReadingModel) -> None:
        """``sentences``: each labelled sentence with its reading plan and the network's probabilities."""
        self.rows: dict[str, list[tuple[list[str], np.ndarray]]] = defaultdict(list)
        for item, plan, found in sentences:
            for i, slot in plan.slots.items():
                char = plan.text[i]
                if i == item.position or slot.status != "alone" or len(self.rows[char]) >= CAP:
                    continue
                evidence = slot.evidence(found.get(i, {}))
                x = np.array(model.features(plan.text, i, slot.candidates, evidence, dict.fromkeys(slot.candidates, 1.0)))
                self.rows[char].append((slot.candidates, x))

    def estimate(self, weights: Sequence[float], rounds: int = 30) -> dict[str, dict[str, float]]:
        """Reading counts per character (scaled to the occurrences seen) at the EM fixed point."""
        w = np.array(weights)
        priors = {}
        for char, rows in self.rows.items():
            readings = sorted({r for candidates, _ in rows for r in candidates})
            share = dict.fromkeys(readings, 1.0 / len(readings))
            scored = [(candidates, x @ w) for candidates, x in rows]
            for _ in range(rounds):
                totals = dict.fromkeys(readings, 0.0)
                for candidates, base in scored:
                    z = base + w[PRIOR] * np.log([share[r] for r in candidates])
                    p = np.exp(z - z.max())
                    for r, v in zip(candidates, p / p.sum()):
                        totals[r] += float(v)
                share = {r: max(totals[r] / len(rows), 1e-9) for r in readings}
            priors[char] = {r: share[r] * len(rows) for r in readings}
        return priors
