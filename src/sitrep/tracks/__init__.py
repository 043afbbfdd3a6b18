"""Flight movements: landing/take-off detection, flight-list matching, aircraft tables, airfields and
airlift judging. Reads records, never files: the readers are in `sitrep.sources`."""
