"""Fusion: one event per happening across reports, and a status timeline per site."""

from sitrep.fuse.dedup import (
           Mention,
           cluster_mentions,
           independent_origins,
           mention_origins,
           origin_of,
           same_happening,
)
from sitrep.fuse.status import StatusChange, Timeline, judge

__all__ = ["Mention", "StatusChange", "cluster_mentions", "independent_origins", "mention_origins", "origin_of",
           "same_happening", "judge", "Timeline"]
