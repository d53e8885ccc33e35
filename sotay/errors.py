"""Errors that end a command with exit code 2 (usage or configuration), never a traceback."""


class ConfigError(Exception):
    """The project's configuration or data is unusable; the message names file and field."""
