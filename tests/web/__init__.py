"""Web app, JSON API, feeds, metrics: over a database filled by a real crawl of a local site."""
