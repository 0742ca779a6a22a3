"""Read-side queries over the stored crawl and alerts (for the web app, API, feeds, exports)."""
