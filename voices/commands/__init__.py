"""Command groups of the ``voices`` CLI, one module per area, each exposing ``register(app)``.

The list of modules is explicit in :data:`voices.cli.COMMAND_MODULES` (no discovery)."""
