"""Schema migrations of the vocabulary database: ``NNNN_name.sql``, applied in order."""
