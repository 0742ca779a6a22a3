# sinowatch: the service (`run`) and the web app (`serve`) in one slim image, run as a non-root user.
#   docker build -t sinowatch .
#   docker run -v sinowatch-data:/var/lib/sinowatch sinowatch            # run --web, SQLite
#   docker compose up -d                                                 # PostgreSQL + run + serve
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The user the processes run as; it owns the data volume only (the config is read-only to it).
RUN groupadd --system --gid 10001 sinowatch \
    && useradd --system --uid 10001 --gid sinowatch --no-create-home \
        --home-dir /var/lib/sinowatch --shell /usr/sbin/nologin sinowatch \
    && install -d -o sinowatch -g sinowatch -m 0750 /var/lib/sinowatch

WORKDIR /build
COPY pyproject.toml README.md ./
COPY crawler ./crawler
COPY alerts ./alerts
COPY sinowatch ./sinowatch
COPY config ./config
RUN pip install ".[postgres]" && rm -rf /build

# The default config (sources, watchlists, channels) as /etc/sinowatch/sinowatch.yaml; mount your
# own directory over /etc/sinowatch to change it. Its relative paths (data_dir: data, the jsonl
# channel's data/alerts.jsonl) land in the data volume through the data symlink.
COPY config/sinowatch.yaml /etc/sinowatch/sinowatch.yaml
COPY config/watchlists /etc/sinowatch/watchlists
RUN ln -s /var/lib/sinowatch /etc/sinowatch/data

ENV SINOWATCH_CONFIG=/etc/sinowatch/sinowatch.yaml \
    SINOWATCH_HEALTHZ_URL=http://127.0.0.1:8000/healthz
WORKDIR /var/lib/sinowatch
VOLUME ["/var/lib/sinowatch"]
USER 10001:10001
EXPOSE 8000

# /healthz answers 200 while the database (and in `run --web` the scheduler) is up, 503 when not;
# urlopen raises on anything but 2xx, so the check fails then.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(os.environ['SINOWATCH_HEALTHZ_URL'], timeout=8)"]

# SIGTERM lets running crawls and sends finish (run --stop-timeout, 30s by default).
STOPSIGNAL SIGTERM
ENTRYPOINT ["sinowatch"]
CMD ["run", "--web"]
