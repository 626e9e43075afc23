"""What the learner keeps: the vocabulary database (store, migrations,
backups) and flashcard export."""
