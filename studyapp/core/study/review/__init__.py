"""In-app review of saved words: FSRS scheduling, cards, the review log and statistics.

- ``settings``: the learner's review preferences, kept in the vocabulary database;
- ``study_day``: where a study day starts and ends (local time, 4 a.m. rollover);
- ``scheduling``: the ``fsrs`` package's Scheduler and its cards, in our terms;
- ``store``: ReviewStore, the only writer of cards and the review log;
- ``queue``: today's queue (due cards, then new cards up to the daily limit);
- ``cards``: what a card shows (recognition, recall, sentence cloze);
- ``session``: one sitting of review, as the window and tests drive it;
- ``statistics`` and ``coverage``: the figures of the statistics view.
"""
