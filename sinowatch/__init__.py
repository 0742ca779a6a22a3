"""sinowatch: watch China–U.S. news coverage and alert on watched topics and experts."""

__version__ = "0.1.0"
