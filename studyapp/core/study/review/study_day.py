"""Study days: the learner's day starts at 4 a.m. local time (as Anki's does).

Times are UTC epoch seconds; a ``StudyDay`` turns them into calendar days of
the learner's zone. The zone is fixed for one StudyDay (the local offset now,
or the offset of a ``--now`` time on the command line), so results do not
depend on the machine when a zone is given. Example::

    >>> from datetime import timezone, timedelta
    >>> day = StudyDay(timezone(timedelta(hours=8)))
    >>> t = 1_767_225_600            # 2026-01-01 00:00 UTC = 08:00 in UTC+8
    >>> str(day.date_of(t)), str(day.date_of(t - 5 * 3600))   # 03:00 belongs to the day before
    ('2026-01-01', '2025-12-31')
    >>> day.next_start(t) - t        # the next day starts at 04:00 local, 20 hours later
    72000
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cached_property

ROLLOVER_HOUR = 4
DAY_SECONDS = 86400


def local_zone() -> tzinfo:
    """The machine's zone as a fixed offset, right now."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


@dataclass(frozen=True)
class StudyDay:
    zone: tzinfo
    rollover_hour: int = ROLLOVER_HOUR

    @cached_property
    def shift(self) -> int:
        """Seconds to add to a UTC time so that whole days of it are study days."""
        offset = self.zone.utcoffset(None) or timedelta(0)
        return int(offset.total_seconds()) - self.rollover_hour * 3600

    def number(self, when: float) -> int:
        """The study day of ``when`` as a day count (equal days, equal numbers)."""
        return (int(when) + self.shift) // DAY_SECONDS

    def date_of(self, when: float) -> date:
        return date(1970, 1, 1) + timedelta(days=self.number(when))

    def start(self, number: int) -> int:
        """The UTC time at which study day ``number`` begins."""
        return number * DAY_SECONDS - self.shift

    def next_start(self, when: float) -> int:
        """When the study day after the one of ``when`` begins."""
        return self.start(self.number(when) + 1)

    def iso(self, when: float) -> str:
        """``when`` as ISO 8601 in this zone (seconds)."""
        return datetime.fromtimestamp(int(when), self.zone).isoformat()

    def sql_number(self, column: str) -> str:
        """SQL for the study-day number of a time column (``column`` is ours, never user text)."""
        return f"(({column} + {self.shift}) / {DAY_SECONDS})"
