"""The web dashboard, JSON API, feeds and metrics (``sinowatch serve`` / ``sinowatch run --web``).

Imported only by those two commands: FastAPI, Starlette and uvicorn stay out of every other one.
"""
