"""Recognizers: one small module per kind of identifier (see ``registry.py``)."""
