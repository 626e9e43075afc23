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
from importlib import resources
from typing import Sequence

import numpy as np

_BOS, _EOS, _UNK = "시", "끝", "<UNK>"  # g2pM's own sentence markers


def _normalise(reading: str) -> str:
    return reading.replace("u:", "ü")


class NeuralReadings:
    """The g2pM BiLSTM, evaluated with numpy in batches."""

    def __init__(self, weights: dict[str, np.ndarray], char_ids: dict[str, int], classes: dict[str, int], readings_of: dict[str, list[str]]) -> None:
        self._w = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
        self._char_ids = char_ids
        self._class_of = {_normalise(k): v for k, v in classes.items()}
        self.readings_of = {ch: [_normalise(r) for r in rs] for ch, rs in readings_of.items()}

    @classmethod
    def load(cls) -> "NeuralReadings":
        """The weights from the installed g2pM package (pickled numpy arrays)."""
        base = resources.files("g2pM")

        def read(name: str):
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
        """Hidden states [batch, time, 2*hidden] for texts framed by BOS/EOS."""
        unk = self._char_ids[_UNK]
        lengths = [len(t) + 2 for t in texts]
        width = max(lengths)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        for row, text in enumerate(texts):
            ids[row, : lengths[row]] = [self._char_ids[_BOS], *(self._char_ids.get(ch, unk) for ch in text), self._char_ids[_EOS]]
        embedded = self._w["embedding.weight"][ids]
        forward = self._run(embedded, "")
        backward = np.zeros_like(forward)
        reversed_inputs = np.zeros_like(embedded)
        for row, n in enumerate(lengths):
            reversed_inputs[row, :n] = embedded[row, n - 1 :: -1]
        states = self._run(reversed_inputs, "_reverse")
        for row, n in enumerate(lengths):
            backward[row, :n] = states[row, n - 1 :: -1]
        return np.concatenate([forward, backward], axis=2)

    def _run(self, inputs: np.ndarray, suffix: str) -> np.ndarray:
        w = self._w
        w_ih, w_hh = w["lstm.weight_ih_l0" + suffix], w["lstm.weight_hh_l0" + suffix]
        bias = w["lstm.bias_ih_l0" + suffix] + w["lstm.bias_hh_l0" + suffix]
        size = w_hh.shape[1]
        projected = inputs @ w_ih.T + bias  # all time steps at once
        h = np.zeros((inputs.shape[0], size), dtype=np.float32)
        c = np.zeros_like(h)
        out = np.empty((inputs.shape[0], inputs.shape[1], size), dtype=np.float32)
        for t in range(inputs.shape[1]):
            gates = projected[:, t] + h @ w_hh.T
            i, f = _sigmoid(gates[:, :size]), _sigmoid(gates[:, size : 2 * size])
            g, o = np.tanh(gates[:, 2 * size : 3 * size]), _sigmoid(gates[:, 3 * size :])
            c = f * c + i * g
            h = o * np.tanh(c)
            out[:, t] = h
        return out

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


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))
