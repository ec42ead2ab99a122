"""Tournaments in the Debate Tabulation Archive (DebateXML) format: export and import.

`document` is the format itself as plain data (no database); `export` reads a tournament into it.
"""
