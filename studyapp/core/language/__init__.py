"""The Chinese language layer: the CC-CEDICT index, segmentation, readings in
context, pinyin spelling, script conversion, HSK levels and word lookups.

``engine.Language`` puts them together behind one lazily opened object."""
