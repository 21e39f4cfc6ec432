"""Everything after ingest: the project store, segmentation, suggestions, topics, agreement,
summaries, quotes and report writers, the pipeline and the CLI."""
