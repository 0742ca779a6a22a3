"""The alerts' storage layer: their tables and the only code that builds queries on them."""
