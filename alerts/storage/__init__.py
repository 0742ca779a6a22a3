"""The alerts' storage layer: their tables and the only code that builds queries on them,
including the read-side queries of the web app, API, feeds and exports (``reports``)."""
