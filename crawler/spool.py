"""A feed or sitemap body on disk: written as it arrives, decoded and read as a stream.

An index request marked ``meta[SPOOL]`` has its ``200`` body written by
:class:`crawler.downloadhandler.IndexDownloadHandler` to an anonymous temporary file (an
:class:`IndexBody`) instead of memory; the response's ``body`` is empty and the spider takes the
file with :meth:`IndexBody.of`. A gzip or deflate ``Content-Encoding`` is taken off the response
(Scrapy's HttpCompressionMiddleware would decode the whole body in memory) and decoded here,
chunk by chunk into another temporary file, up to the caller's limit (``max_index_bytes``).
"""

from __future__ import annotations

import gzip
import logging
import tempfile
import zlib
from typing import IO, TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from scrapy.http import Response

log = logging.getLogger(__name__)

SPOOL = "spool_index_body"
"""Request meta key: write this request's body to a temporary file."""
BODY = "index_body"
"""Request meta key of the :class:`IndexBody` of the response."""
CHUNK = 64 * 1024
DECODED = frozenset({b"gzip", b"x-gzip", b"deflate", b"identity"})
"""Content-Encodings decoded from the file; a body in another one (br, zstd) is left to Scrapy
(held in memory, as any other response)."""

ENTRY_TAGS = ("{*}url", "{*}sitemap", "{*}item", "{*}entry")
"""The entries of sitemaps and feeds, in any namespace."""


class TooLarge(ValueError):
    """The body decodes to more than the limit."""


class IndexBody:
    """An index document's body in a temporary file; stands in for the download handler's
    ``BytesIO`` (``write``, ``truncate``, ``getvalue``) while it arrives."""

    def __init__(self, encodings: list[bytes]) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115  # closed by close()
        self.encodings = encodings
        """The response's Content-Encoding, in the order applied (decoded last first)."""
        self.on_close: Callable[[], None] | None = None
        """Called once, by the first :meth:`close` (the download handler's slot release)."""

    def write(self, data: bytes) -> int:
        return self.file.write(data)

    def truncate(self, size: int = 0) -> int:
        self.file.seek(size)
        return self.file.truncate(size)

    def getvalue(self) -> bytes:
        """The response's ``body``: empty, the body is in :attr:`file`."""
        return b""

    @classmethod
    def of(cls, response: Response) -> IndexBody | None:
        """The spooled body of ``response``; None when it was held in memory."""
        body = response.meta.get(BODY)
        return body if isinstance(body, cls) else None

    def document(self, max_bytes: int) -> IO[bytes]:
        """The body with its Content-Encoding decoded, as a file at its start.

        Raises:
            TooLarge: it decodes to more than ``max_bytes``.
            ValueError: it is not what its Content-Encoding says.
        """
        source = self.file
        source.seek(0)
        for encoding in reversed(self.encodings):
            if encoding != b"identity":
                source = decode(source, encoding, max_bytes)
        return source

    def close(self) -> None:
        self.file.close()
        if (on_close := self.on_close) is not None:
            self.on_close = None
            on_close()


def decode(source: IO[bytes], encoding: bytes, max_bytes: int) -> IO[bytes]:
    """``source`` (gzip, possibly several members, or deflate with or without its zlib header)
    decoded into a temporary file, at its start; never more than ``max_bytes`` of it.

    As Scrapy's ``gunzip``, a body that goes wrong after some of it was decoded (garbage or a
    bad checksum after a gzip member, a truncated body) ends there: what was decoded is kept,
    with a logged warning.

    Raises:
        TooLarge: over ``max_bytes`` decoded.
        ValueError: not valid ``encoding`` data.
    """
    out = tempfile.TemporaryFile()  # noqa: SIM115  # the caller's to close
    written = 0
    try:
        for piece in _pieces(source, encoding):
            written += len(piece)
            if written > max_bytes:
                raise TooLarge(f"larger than {max_bytes} bytes uncompressed")
            out.write(piece)
    except TooLarge:
        out.close()
        raise
    except (OSError, EOFError, zlib.error) as exc:
        if not written:
            out.close()
            raise ValueError(f"not {encoding.decode()} data: {exc}") from exc
        log.warning(
            "%s body ends after %d decoded bytes, the rest ignored: %s",
            encoding.decode(),
            written,
            exc,
        )
    if not written:
        out.close()
        raise ValueError(f"not {encoding.decode()} data: nothing decoded")
    out.seek(0)
    return out


def _pieces(source: IO[bytes], encoding: bytes) -> Iterator[bytes]:
    """``source`` decoded, at most :data:`CHUNK` bytes at a time.

    Raises:
        OSError, EOFError, zlib.error: not (or no longer) valid ``encoding`` data.
    """
    if encoding != b"deflate":  # every gzip member, then the NUL padding some servers add
        with gzip.GzipFile(fileobj=source, mode="rb") as unzipped:
            while piece := unzipped.read1(CHUNK):
                yield piece
        return
    head = source.read(2)
    source.seek(-len(head), 1)
    zlib_header = len(head) == 2 and head[0] & 0x0F == 8 and int.from_bytes(head) % 31 == 0
    inflater = zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)
    while not inflater.eof and (data := source.read(CHUNK)):
        while data:
            yield inflater.decompress(data, CHUNK)
            data = inflater.unconsumed_tail
    # the input may be all taken in with output still held back by the CHUNK cap (raw deflate:
    # the end of a long match): drained here
    while not inflater.eof and (piece := inflater.decompress(b"", CHUNK)):
        yield piece
    if not inflater.eof:
        raise EOFError("deflate data ends before its end-of-stream marker")


def skip_space(document: IO[bytes]) -> int:
    """Move ``document`` past the whitespace it starts with (never meaningful before the XML
    declaration, and it makes strict parsers fail); its new position."""
    start = document.tell()
    while (chunk := document.read(CHUNK)) and not chunk.strip():
        start += len(chunk)
    start += len(chunk) - len(chunk.lstrip())
    document.seek(start)
    return start


def well_formed(document: IO[bytes]) -> bool:
    """Whether ``document``, from where it is, is well-formed XML: read once as a stream, each
    entry (:data:`ENTRY_TAGS`) freed as it ends, so a 50 MB feed or sitemap costs no more
    memory than a small one (only entries come back to Python: a third of the CPU time of
    seeing every element)."""
    events = etree.iterparse(
        document,
        events=("end",),
        tag=ENTRY_TAGS,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
    )
    try:
        for _, element in events:
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError:
        return False
    return True
