"""crawler.spool: an index body on disk, decoded chunk by chunk up to a limit."""

from __future__ import annotations

import gzip
import io
import zlib

import pytest

from crawler import spool
from crawler.spool import IndexBody, TooLarge, decode, skip_space, well_formed

TEXT = b"<rss><channel>" + b"<item><title>tariffs</title></item>" * 20_000 + b"</channel></rss>"


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        (b"gzip", gzip.compress(TEXT)),
        (b"x-gzip", gzip.compress(TEXT[:1000]) + gzip.compress(TEXT[1000:])),  # two members
        (b"deflate", zlib.compress(TEXT)),  # with its zlib header
        (b"deflate", zlib.compress(TEXT)[2:-4]),  # raw, as some servers send it
    ],
)
def test_a_body_is_decoded_whole(encoding: bytes, data: bytes) -> None:
    with decode(io.BytesIO(data), encoding, len(TEXT)) as decoded:
        assert decoded.read() == TEXT


def test_a_body_decoding_past_the_limit_is_refused() -> None:
    bomb = gzip.compress(b" " * 30_000_000)
    assert len(bomb) < 100_000
    with pytest.raises(TooLarge, match="larger than 1000000 bytes uncompressed"):
        decode(io.BytesIO(bomb), b"gzip", 1_000_000)


@pytest.mark.parametrize("data", [b"\x1f\x8b not really gzip", b""])
def test_a_body_that_is_not_what_its_encoding_says_is_an_error(data: bytes) -> None:
    with pytest.raises(ValueError, match=r"gzip|compress"):
        decode(io.BytesIO(data), b"gzip", 1_000_000)


def test_an_index_body_stands_in_for_the_download_buffer_and_decodes_from_its_file() -> None:
    body = IndexBody([b"gzip"])
    compressed = gzip.compress(TEXT)
    body.write(compressed[:100])
    body.write(compressed[100:])
    assert body.getvalue() == b""  # the response's body: the document is in the file
    with body.document(len(TEXT)) as document:
        assert document.read() == TEXT
    body.truncate(0)  # what the download handler does past download_maxsize
    assert body.file.seek(0, io.SEEK_END) == 0
    body.close()
    assert body.file.closed


def test_leading_whitespace_is_skipped_and_well_formedness_read_as_a_stream() -> None:
    document = io.BytesIO(b" \n\t" * 30_000 + TEXT)
    assert skip_space(document) == 90_000
    assert well_formed(document)
    assert not well_formed(io.BytesIO(TEXT[:-10]))


@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        (b"\n", "Not a gzipped file"),  # a newline after the member, as some servers send
        (b"<html>oops</html>", "Not a gzipped file"),
    ],
)
def test_a_gzip_body_with_a_tail_keeps_what_was_decoded_and_warns(
    tail: bytes, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    with decode(io.BytesIO(gzip.compress(TEXT) + tail), b"gzip", len(TEXT)) as decoded:
        assert decoded.read() == TEXT
    assert f"ends after {len(TEXT)} decoded bytes" in caplog.text
    assert reason in caplog.text


def test_a_gzip_body_with_a_bad_checksum_keeps_what_was_decoded_and_warns(
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = bytearray(gzip.compress(TEXT))
    data[-8] ^= 0xFF  # the member's CRC32
    with decode(io.BytesIO(bytes(data)), b"gzip", len(TEXT)) as decoded:
        assert decoded.read() == TEXT
    assert "CRC check failed" in caplog.text


def test_nul_padding_after_a_gzip_body_is_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    with decode(io.BytesIO(gzip.compress(TEXT) + b"\0" * 100), b"gzip", len(TEXT)) as decoded:
        assert decoded.read() == TEXT
    assert not caplog.records


@pytest.mark.parametrize(
    ("encoding", "data"), [(b"gzip", gzip.compress(TEXT)), (b"deflate", zlib.compress(TEXT))]
)
def test_a_truncated_body_keeps_what_was_decoded_and_warns(
    encoding: bytes, data: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with decode(io.BytesIO(data[: len(data) // 2]), encoding, len(TEXT)) as decoded:
        kept = decoded.read()
    assert kept and TEXT.startswith(kept)
    assert "ends after" in caplog.text


@pytest.mark.parametrize("chunk", [1, 16, 128])
def test_raw_deflate_is_drained_after_its_input_ends(
    chunk: int, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(spool, "CHUNK", chunk)
    text = b"<p>" + b"tariffs " * 500  # ends in long matches: output held back at the cap
    with decode(io.BytesIO(zlib.compress(text)[2:-4]), b"deflate", len(text)) as decoded:
        assert decoded.read() == text
    assert not caplog.records


def test_an_index_body_gives_its_slot_back_once() -> None:
    released: list[int] = []
    body = IndexBody([])
    body.on_close = lambda: released.append(1)
    body.close()
    body.close()  # the spider's finally after an errback, a retry's earlier body: no second
    assert released == [1] and body.file.closed
