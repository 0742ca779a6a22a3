"""What one ``sinowatch run`` process does, when a deployment splits the work across hosts.

Kept free of heavy imports: ``sinowatch run --help`` reads it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal, get_args

Role = Literal["crawl", "dispatch", "housekeeping"]
"""Crawl the sources on their schedules (and take over those of a dead host), send alerts and
digests, or apply retention. ``run --only`` picks some; by default one process does all three."""
ROLES: tuple[Role, ...] = get_args(Role)

LEASE = timedelta(minutes=2)
"""How long a crawl's claim on its source outlives the last renewal by its process (renewed every
third of it): after a crash, other processes take its sources over this long after."""
