"""Response bodies kept while the store stands still: the map's data is what every visitor
loads first, and building it (500 parsed records, every site's status) is the server's costliest
request; under 20 concurrent visitors one process spent most of its time building the same body."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class ResponseCache:
    """The latest bodies by key (a route and its query), each valid for the store version it was
    built from; the least recently used go first."""

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._bodies: OrderedDict[Hashable, tuple[int, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: int, build: Callable[[], bytes]) -> bytes:
        """The body for `key` at store `version`, built when missing or older."""
        with self._lock:
            hit = self._bodies.get(key)
            if hit is not None and hit[0] == version:
                self._bodies.move_to_end(key)
                return hit[1]
        # Built outside the lock: two visitors may build one body at once, but none waits on another's.
        body = build()
        with self._lock:
            self._bodies[key] = (version, body)
            self._bodies.move_to_end(key)
            while len(self._bodies) > self._size:
                self._bodies.popitem(last=False)
        return body
