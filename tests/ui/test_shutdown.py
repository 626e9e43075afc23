"""No background thread outlives the window: after close, nothing starts again."""

from __future__ import annotations


def test_links_asked_for_after_the_window_closed_start_no_thread(open_sample, qtbot) -> None:
    window = open_sample()
    pairs = [i for i in window.reader.visible_blocks() if window.session.linkable(i)]
    assert pairs
    window.close()
    qtbot.wait(50)  # the stopped work reports its end
    window.words.prefetch_links(pairs)  # e.g. a queued repaint asking for the links of the page
    linking = window.words._linking
    assert linking is None or not linking.is_running()
