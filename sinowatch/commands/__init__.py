"""Command modules; each exposes ``register(app: typer.Typer) -> None``.

A command's module is imported only when that command runs (or shows its own ``--help``):
importing them all would make every command, even ``sinowatch --help``, pay for Scrapy,
SQLAlchemy and the rest. The top-level ``--help`` lists the summaries below instead;
tests/test_cli_startup.py checks each one is the first paragraph of its command's real help.
"""

COMMANDS: dict[str, str] = {
    "demo": "Run the whole pipeline offline against a local demo news site and show alerts "
    "arriving.",
    "init": "Write a starter sinowatch.yaml and watchlists/*.yaml that you then edit.",
    "check": "Validate the config (and its includes) and print what it sets up. Starts nothing.",
    "crawl": "Crawl sources once: fetch feeds/sitemaps/listings, extract, score and store new "
    "articles.",
    "status": "Show each source's last crawl, pending and dead deliveries, and article/story "
    "counts.",
    "stories": "List recent stories, latest first, with their outlets, article count and "
    "first/last seen.",
    "run": "Run the scheduler: crawl every source on its schedule and send alerts until stopped.",
    "inspect": "Run one page through extraction, relevance, fingerprinting, matching and the "
    "alert rules.",
    "query": "Show which stored articles a query (or a watchlist) would match, with snippets.",
    "export": "Export stories, hits or experts' quotes as CSV, JSON Lines or JSON, newest first.",
    "serve": "Serve the web dashboard, JSON API, feeds and metrics until stopped.",
    "db": "Create or upgrade the database schema (SQLite file or PostgreSQL).",
    "alerts": "Alert deliveries: list, retry, and test channels.",
    "sources": "Sources as OPML: export them, or import a feed list.",
}
"""Each top-level command (module ``sinowatch.commands.<name>``) and its one-line summary."""
