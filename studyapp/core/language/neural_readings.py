"""Reading probabilities for polyphonic characters from g2pM's published network.

g2pM (kakaobrain, Apache-2.0, PyPI ``g2pM``) is a one-layer bidirectional
LSTM trained on the CPP polyphone corpus; its weights ship in the wheel as
numpy arrays. This module runs that network itself, *batched* over many
sentences at once (the package runs one sentence at a time), and returns a
probability for each reading of each asked-for character, restricted to the
readings that character can have. Example::

    >>> net = NeuralReadings.load()                                   # doctest: +SKIP
    >>> net.probabilities(["他还没有还钱"], [[1, 4]])[0][1]              # doctest: +SKIP
    {'hai2': 0.99, 'huan2': 0.01}

Only numpy is needed at run time; nothing is downloaded.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np

_BOS, _EOS, _UNK = "시", "끝", "<UNK>"  # g2pM's own sentence markers


def _normalise(reading: str) -> str:
    return reading.replace("u:", "ü")


class NeuralReadings:
    """The g2pM BiLSTM, evaluated with numpy in batches."""

    def __init__(self, weights: dict[str, np.ndarray], char_ids: dict[str, int], classes: dict[str, int], readings_of: dict[str, list[str]]) -> None:
        self._w = w = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
        # Each character's input to the gates, for both directions, worked out once: [direction, char, gates]
        self._projected = np.stack([w["embedding.weight"] @ w["lstm.weight_ih_l0" + d].T + w["lstm.bias_ih_l0" + d] + w["lstm.bias_hh_l0" + d] for d in ("", "_reverse")])
        self._w_hh = np.stack([w["lstm.weight_hh_l0"].T, w["lstm.weight_hh_l0_reverse"].T])
        self._char_ids = char_ids
        self._class_of = {_normalise(k): v for k, v in classes.items()}
        self.readings_of = {ch: [_normalise(r) for r in rs] for ch, rs in readings_of.items()}

    @classmethod
    def load(cls) -> NeuralReadings:
        """The weights from the installed g2pM package (pickled numpy arrays)."""
        base = resources.files("g2pM")

        def read(name: str) -> Any:
            with base.joinpath(name).open("rb") as handle:
                return pickle.load(handle)

        return cls(read("np_ckpt.pkl"), read("char2idx.pkl"), read("class2idx.pkl"), read("digest_cedict.pkl"))

    def is_polyphonic(self, char: str) -> bool:
        return len(self.readings_of.get(char, ())) > 1

    def probabilities(self, texts: Sequence[str], positions: Sequence[Sequence[int]], batch: int = 64) -> list[dict[int, dict[str, float]]]:
        """For each text, ``{position: {reading: probability}}`` for the positions asked."""
        out: list[dict[int, dict[str, float]]] = [{} for _ in texts]
        order = sorted((k for k in range(len(texts)) if positions[k]), key=lambda k: len(texts[k]))
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            hidden = self._encode([texts[k] for k in chunk])
            for row, k in enumerate(chunk):
                for position in positions[k]:
                    out[k][position] = self._distribution(texts[k][position], hidden[row, position + 1])
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Hidden states [batch, time, 2*hidden] for texts framed by BOS/EOS.

        Both directions run in one loop over time (the backward one on
        reversed inputs), stacked on a leading axis of two.
        """
        unk = self._char_ids[_UNK]
        lengths = [len(t) + 2 for t in texts]
        width = max(lengths)
        ids = np.zeros((2, len(texts), width), dtype=np.int64)
        for row, text in enumerate(texts):
            framed = [self._char_ids[_BOS], *(self._char_ids.get(ch, unk) for ch in text), self._char_ids[_EOS]]
            ids[0, row, : lengths[row]] = framed
            ids[1, row, : lengths[row]] = framed[::-1]
        states = self._run(np.stack([self._projected[0][ids[0]], self._projected[1][ids[1]]]))
        backward = np.zeros_like(states[1])
        for row, n in enumerate(lengths):
            backward[row, :n] = states[1, row, n - 1 :: -1]
        return np.concatenate([states[0], backward], axis=2)

    def _run(self, projected: np.ndarray) -> np.ndarray:
        """The LSTM over its gate inputs [direction, batch, time, gates]; gates in PyTorch's order i, f, g, o."""
        w_hh = self._w_hh
        size = w_hh.shape[1]
        steps = np.ascontiguousarray(projected.transpose(2, 0, 1, 3))  # [time, direction, batch, gates]
        # sigmoid(x) = (1 + tanh(x/2)) / 2: one tanh for all four gates
        scale = np.full(4 * size, 0.5, dtype=np.float32)
        scale[2 * size : 3 * size] = 1.0
        h = np.zeros((2, projected.shape[1], size), dtype=np.float32)
        c = np.zeros_like(h)
        out = np.empty((projected.shape[2], 2, projected.shape[1], size), dtype=np.float32)
        for t in range(projected.shape[2]):
            act = np.tanh((steps[t] + np.matmul(h, w_hh)) * scale)
            i, f, o = (1 + act[..., :size]) / 2, (1 + act[..., size : 2 * size]) / 2, (1 + act[..., 3 * size :]) / 2
            c = f * c + i * act[..., 2 * size : 3 * size]
            h = o * np.tanh(c)
            out[t] = h
        return out.transpose(1, 2, 0, 3)

    def _distribution(self, char: str, hidden: np.ndarray) -> dict[str, float]:
        readings = [r for r in self.readings_of.get(char, ()) if r in self._class_of]
        if not readings:
            return {}
        w = self._w
        layer = np.maximum(hidden @ w["logit_layer.0.weight"].T + w["logit_layer.0.bias"], 0.0)
        rows = [self._class_of[r] for r in readings]
        logits = layer @ w["logit_layer.2.weight"][rows].T + w["logit_layer.2.bias"][rows]
        logits = np.exp(logits - logits.max())
        total = float(logits.sum())
        return {r: float(v) / total for r, v in zip(readings, logits)}
