"""Word links: which English words of an aligned pair translate each Chinese
word, and the English word forms that matching needs."""
