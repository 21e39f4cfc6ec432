"""Free-text and structured-field anonymisation (recognizers, operators, engine)."""
