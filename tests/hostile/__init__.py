"""Hostile input and faults: markup, control characters, mail servers that lack extensions."""
