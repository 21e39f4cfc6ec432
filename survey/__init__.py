"""Getting survey responses and transcripts in, safely (readers, instrument, anonymisation)."""
