"""The crawler's storage layer: its tables and the only code that builds queries on them.

One module per entity; a new query goes into the module of the table it reads or writes:

- :mod:`~crawler.storage.tables`: the ORM tables (and the one ``Base`` the alerts' share);
- :mod:`~crawler.storage.sources`: ``sources`` and their HTTP validators (``fetch_states``);
- :mod:`~crawler.storage.runs`: ``crawl_runs`` (with each run's ledger in its details);
- :mod:`~crawler.storage.entry_retries`: ``entry_retries``, failed entries awaiting a retry;
- :mod:`~crawler.storage.articles`: ``articles``, ``article_aliases``, ``article_revisions``;
- :mod:`~crawler.storage.stories`: ``stories``;
- :mod:`~crawler.storage.lsh_bands`: ``lsh_bands``, the persistent near-duplicate index;
- :mod:`~crawler.storage.counters`: ``counters``, row counts the database maintains (``status``);
- :mod:`~crawler.storage.sql`: what several of them share (the dialect's INSERT, advisory locks).

Engines, sessions and transactions live in :mod:`crawler.db`; the alerts' tables and queries in
:mod:`alerts.storage`. Callers pass plain arguments (and a session they own and commit) and get
rows or plain values back; the decisions (dedup, retry policy, run health) stay with them.
"""
