"""Search's periodic jobs (see ``home.periodic``)."""

import datetime

from core.periodic import register


@register("search-replay", every=datetime.timedelta(minutes=5))
def replay_missed_index_updates() -> str:
    """Send the index updates a search cluster missed while it did not answer."""
    from .backends import get_backend

    return f"{get_backend().replay()} updates replayed"
