"""Tourney: debate tournament management."""
