"""StatisticsView: progress you can see.

Words by familiarity now and over the last 30 days, reviews per day, the
forecast of due cards for 30 days, true retention, and for the open document
its coverage and the words to learn to reach 95% and 98%. The figures come
from ``review.statistics`` and ``review.coverage``; this module only draws
them (QtCharts). Charts are built once and refilled on ``refresh``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from studyapp.core.study.familiarity import IGNORED, LEVELS, level_label
from studyapp.core.study.review.coverage import Coverage, document_coverage, known_forms
from studyapp.core.study.review.statistics import ReviewStatistics, review_statistics
from studyapp.core.study.review.store import ReviewStore
from studyapp.ui.familiarity_colours import familiarity_colour

#: The words of the open document in reading order (title, Chinese words), or None.
DocumentWords = Callable[[], tuple[str, Sequence[str]] | None]
_LEVELS = (*LEVELS, IGNORED)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def retention_text(figures: ReviewStatistics) -> str:
    r = figures.retention
    return (f"True retention: {_percent(r.recent)} in the last 30 days ({r.recent_answers} answers), "
            f"{_percent(r.overall)} overall ({r.overall_answers})")


def coverage_text(title: str, found: Coverage) -> str:
    if not found.tokens:
        return f"{title}: no Chinese words read yet."
    reach = "; ".join(f"{found.to_reach[t]:,} more words for {t:.0%}" for t in sorted(found.to_reach))
    return f"{title}: you know {_percent(found.share)} of its {found.tokens:,} running words ({found.distinct_unknown:,} different words to learn); {reach}."


class _BarChart(QChartView):
    """A stacked bar chart over days whose sets are refilled in place."""

    def __init__(self, title: str, names: Sequence[str], colours: Sequence[QColor]) -> None:
        super().__init__()
        self.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # bars are rectangles; smoothing costs paint time
        self.setMinimumHeight(200)
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setVisible(len(names) > 1)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.series = QStackedBarSeries()
        self.sets = []
        for name, colour in zip(names, colours):
            bar_set = QBarSet(name)
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            self.series.append(bar_set)
            self.sets.append(bar_set)
        chart.addSeries(self.series)
        self.days = QBarCategoryAxis()
        self.values = QValueAxis()
        self.values.setLabelFormat("%d")
        chart.addAxis(self.days, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.values, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.days)
        self.series.attachAxis(self.values)
        self.setChart(chart)

    def fill(self, labels: list[str], columns: Sequence[Sequence[int]]) -> None:
        """``columns[k]`` are the values of set k, one per label."""
        if self.days.categories() != labels:  # they change once a day
            self.days.clear()
            self.days.append(labels)
        top = 0
        for bar_set, values in zip(self.sets, columns):
            bar_set.remove(0, bar_set.count())
            bar_set.append([float(v) for v in values])
        for k in range(len(labels)):
            top = max(top, sum(values[k] for values in columns))
        self.values.setRange(0, max(4, top))
        self.values.applyNiceNumbers()


class StatisticsView(QWidget):
    def __init__(self, reviews: ReviewStore, document_words: DocumentWords | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("statisticsView")
        self.setWindowTitle("Statistics — studyapp")
        self.reviews = reviews
        self.document_words = document_words
        self.figures: ReviewStatistics | None = None
        palette = self.palette()
        column = QVBoxLayout(self)
        self.words_label = self._label("wordsByFamiliarity")
        self.retention_label = self._label("retention")
        self.due_label = self._label("dueSoon")
        self.coverage_label = self._label("documentCoverage")
        for label in (self.words_label, self.retention_label, self.due_label, self.coverage_label):
            column.addWidget(label)
        self.reviews_chart = _BarChart("Reviews per day", ("Remembered", "Again"), (QColor("#4f8fd6"), QColor("#d9534f")))
        self.due_chart = _BarChart("Due in the next 30 days", ("Due",), (QColor("#4f8fd6"),))
        self.familiarity_chart = _BarChart("Words by familiarity", [level_label(k) for k in _LEVELS], [familiarity_colour(k, palette) for k in _LEVELS])
        for chart in (self.reviews_chart, self.due_chart, self.familiarity_chart):
            column.addWidget(chart, 1)
        self.resize(960, 900)
        self.refresh()

    @staticmethod
    def _label(name: str) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setObjectName(name)
        return label

    def refresh(self) -> None:
        """Read the figures again and redraw."""
        figures = review_statistics(self.reviews.vocabulary.connection, self.reviews.day, self.reviews.now())
        self.figures = figures
        counts = figures.familiarity
        self.words_label.setText(f"Words: {sum(counts.values()):,} saved — " + ", ".join(f"{level_label(k)} {counts[k]:,}" for k in _LEVELS))
        self.retention_label.setText(retention_text(figures))
        forecast = figures.due_forecast
        self.due_label.setText(f"Due today: {forecast[0].count:,} · tomorrow: {forecast[1].count:,} · next 7 days: {sum(d.count for d in forecast[:7]):,}")
        days = [f"{d.day.day}" for d in figures.reviews_by_day]
        self.reviews_chart.fill(days, ([d.count - d.again for d in figures.reviews_by_day], [d.again for d in figures.reviews_by_day]))
        self.due_chart.fill([f"{d.day.day}" for d in forecast], ([d.count for d in forecast],))
        history = figures.familiarity_history
        self.familiarity_chart.fill([f"{d.day}" for d, _ in history], [[counts[k] for _, counts in history] for k in _LEVELS])
        self._refresh_coverage()

    def _refresh_coverage(self) -> None:
        found = self.document_words() if self.document_words else None
        self.coverage_label.setVisible(found is not None)
        if found is None:
            return
        title, words = found
        known = known_forms(self.reviews.vocabulary)
        self.coverage_label.setText(coverage_text(title, document_coverage(words, known.__contains__)))

