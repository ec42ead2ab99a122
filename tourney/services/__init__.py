"""Use cases: load from the database, call a pure engine, persist — one transaction each."""
