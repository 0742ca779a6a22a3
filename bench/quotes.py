"""Quote attribution and name precision on the labelled corpus, against the code of a baseline
commit run in the same bench run.

Two measures, each on a *development* and a *test* part split by outlet (see :func:`part`):

- **Labelled speakers** (``people_quoted`` in ``corpus/labels/relevance.json``, read in the
  page's reference body and headline, whose words the labels quote, so that extraction does not
  blur the measure; and in ``corpus/texts/relevance-texts.json``): each named person
  is watched as an expert (the romanised or Latin form as ``name``, the written non-Latin form as
  an alias; role-only speakers such as "TikTok spokesman" are left out, a "joint statement" of
  several named people counts for each). *Kind accuracy*: the hit's kind equals the label's
  (``quoted`` and ``paraphrased`` → ``quoted``, ``mentioned`` → ``mentioned``, as a ``byline``
  hit, the author named, is too; no hit is wrong).
  *Quote-text accuracy*, over labels of kind ``quoted``: the hit's quote matches when the bag of
  folded tokens (words; each CJK character, kana or Hangul syllable one token) has F1 ≥ 0.8
  against the labelled quote, or against the labelled quote extended to its closing quote mark in
  the labelled text (labels hold "at least the first sentence" of a quotation; a quote kept whole
  is right too), or, for reported speech outside quote marks, to its sentence's end (labels hold
  at least its first clause: 张明表示，A，B。 labelled "A" is right as "A，B。"; until 2026-12-02
  such a label was extended to the next closing quote mark anywhere after it, often another
  quotation). *Quote text if attributed*: the same, over those labels the hit reports as
  ``quoted`` (the issue's "right in 7 of 11 attributed quotes").
- **Names in the article, not beside it**: over every page with a reference body, the experts
  (every labelled person) and the default watchlist's topics found in what ``extract_article``
  returns, against those found in the reference body under the same headline. A hit that the
  reference body does not give (a name in a related-article teaser, a sidebar, navigation) is a
  false hit. Precision and recall of expert and topic hits.

Beside the corpus, *invented* sets (``bench/data/quotes/*.json``: news pieces written for this
bench by people who saw neither the corpus nor the code, in 10 languages, each watched person
labelled ``quoted`` with the first words of their first quotation, or ``mentioned``) give a third
part, ``invented``, with the same two accuracies. Rules have been written from what a set showed
once it was run, so only a set's first run is a blind figure (the README gives those).

The baseline is the same script run in a subprocess on the ``alerts``, ``crawler`` and
``sinowatch`` packages of ``--baseline`` (default ``2d0d781``; ``3270ca8``, before issue 14,
imports ``pyahocorasick``, no longer a dependency), taken with ``git archive``; it prints its
figures as JSON with ``--json``.

Run: ``python bench/quotes.py [--baseline COMMIT] [--corpus PATH] [--show dev|test|all]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import yaml

from alerts.hits import ArticleText
from alerts.matcher import Matcher
from alerts.textnorm import EAST_ASIAN_RANGES, normalize
from crawler.extract import ExtractionError, extract_article
from crawler.records import ExtractedArticle

try:
    from alerts.config import ExpertSettings, WatchlistSettings
except ModuleNotFoundError:  # a baseline from before the settings were split by layer
    from sinowatch.settings import ExpertSettings, WatchlistSettings  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_BASELINE = "2d0d781"
INVENTED = ROOT / "bench" / "data" / "quotes"
WATCHLIST = ROOT / "config" / "watchlists" / "us-china.yaml"
QUOTE_F1 = 0.8
"""Token F1 at or above which a quote's text counts as the labelled one."""
Extractor = Callable[[Path, str], ExtractedArticle]
"""A corpus page (its HTML file and URL) to what sinowatch extracts from it."""
EXPECTED_KIND = {"quoted": "quoted", "paraphrased": "quoted", "mentioned": "mentioned"}
FOUND_KIND = {"byline": "mentioned"}
"""A byline names the article's author, who is not quoted: the labels' ``mentioned``."""
_TOKEN = re.compile(rf"[{EAST_ASIAN_RANGES}]|[^\W{EAST_ASIAN_RANGES}]+")
_CLOSERS = '\u201d"\u00bb\u300d\u300f\u201c'
_GLOSS = re.compile(r"^(?P<written>.*?)\s*\((?P<gloss>[^()]*)\)\s*$")
_EAST_ASIAN = re.compile(f"[{EAST_ASIAN_RANGES}]")
MAX_QUOTE_EXTENSION = 3000
_OPENERS = "\u201c\u00ab\u300c\u300e\u201e"
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s|$)|\n")
_PAIRED = {"\u300c": "\u300d", "\u300e": "\u300f", "\u00ab": "\u00bb"}
"""Corner brackets and guillemets close with their own pair only: 「…『…』…」 runs to 」."""
_SINGLE_CLOSER = re.compile(r"['\u2019](?=[\s,.;:!?)]|$)")


@dataclass(frozen=True, slots=True)
class Speaker:
    """One labelled person of one article, watched as an expert."""

    article: str
    part: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    quote: str | None
    full_quote: str | None
    """The labelled quote extended to where it ends in the labelled text (see
    :func:`extended_label`)."""


@dataclass(slots=True)
class Article:
    key: str
    part: str
    read: ArticleText
    """What sinowatch reads: ``extract_article`` of the page, or the labelled text."""
    labelled: ArticleText | None = None
    """The text the labels quote from: the reference body and headline, or the labelled text."""
    reference: ArticleText | None = None
    """The reference body under the same headline, for pages with one."""
    speakers: list[Speaker] = field(default_factory=list)


def outlet(address: str) -> str:
    host = (urlsplit(address).hostname or address).lower()
    return host.removeprefix("www.")


def part(name: str) -> str:
    """``dev`` or ``test``: a stable split by outlet, so one outlet's style is never in both."""
    digest = hashlib.sha1(name.encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(normalize(text).norm))


def token_f1(candidate: str, reference: str) -> float:
    got, want = tokens(candidate), tokens(reference)
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / got.total(), overlap / want.total()
    return 2 * precision * recall / (precision + recall)


def quote_matches(found: str | None, speaker: Speaker) -> bool:
    if not found or not speaker.quote:
        return False
    references = {speaker.quote, speaker.full_quote or speaker.quote}
    return any(token_f1(found, reference) >= QUOTE_F1 for reference in references)


def is_latin(text: str) -> bool:
    """Written without East Asian characters (Latin, Cyrillic …: words with capitals)."""
    return _EAST_ASIAN.search(text) is None


def people(name: str) -> list[tuple[str, tuple[str, ...]]] | None:
    """``(name, aliases)`` of each person a label names; None for a role-only speaker.

    "肖冰 (Xiao Bing)" → Xiao Bing with the alias 肖冰; "Johnston (Tom Johnston)" → Tom Johnston;
    "A, B, C (joint statement)" → A, B and C; "TikTok spokesman", "US officials (statement)" →
    None (a capitalised-words test: a role has a lower-case word).
    """
    match = _GLOSS.match(name)
    written, gloss = (match["written"], match["gloss"]) if match else (name, None)
    if gloss == "joint statement":
        return [(person.strip(), ()) for person in written.split(",")]
    if gloss is not None and not _a_name(gloss):
        return None
    if not _a_name(written):
        return None
    if gloss is None:
        return [(written, ())]
    if is_latin(gloss):
        return [(gloss, () if is_latin(written) else (written,))]
    return [(written, (gloss,))]


def _a_name(text: str) -> bool:
    if not is_latin(text):
        return True
    return all(word[:1].isupper() for word in text.replace(".", " ").split())


def extended_label(quote: str, text: str) -> str:
    """The labelled ``quote`` extended to where what it starts ends: a quotation to its closing
    quote mark (over paragraphs that open with a quote mark again, as a quotation running on
    does), reported speech outside quote marks to the end of its sentence (labels hold "at
    least the first clause": 张明表示，A，B。 labelled A is right as A，B too)."""
    start = text.find(quote)
    if start < 0:
        return quote
    end = start + len(quote)
    if text[start - 1 : start] in "'\u2018":  # British single marks: to the closing one
        close = _SINGLE_CLOSER.search(text, end)
        return text[start : close.start() if close else end]
    if not _in_quotation(text, start):
        if _SENTENCE_END.match(quote[-1:]):
            return quote
        stop = _SENTENCE_END.search(text, end)
        return text[start : stop.end() if stop else len(text)].rstrip()
    closers = _PAIRED.get(_opening_mark(text, start) or "", _CLOSERS)
    while end < len(text) and text[end] not in closers:
        close = min(
            (i for c in closers if (i := text.find(c, end, start + MAX_QUOTE_EXTENSION)) >= 0),
            default=-1,
        )
        if close < 0:
            return quote
        end = close
        if text[close] in '"\u201c' and text[:close].rstrip(" ").endswith("\n"):
            end = close + 1  # a paragraph opening again: the quotation runs on
    return text[start:end]


def _in_quotation(text: str, at: int) -> bool:
    """Whether ``at`` is inside quote marks opened earlier in its paragraph (or is one)."""
    return text[at : at + 1] in _OPENERS or _opening_mark(text, at) is not None


def _opening_mark(text: str, at: int) -> str | None:
    """The quote mark that opened the innermost quotation ``at`` is in, within its paragraph."""
    opened: list[str] = []  # the marks of the quotations the text is in, innermost last
    for char in text[text.rfind("\n", 0, at) + 1 : at]:
        top = opened[-1] if opened else None
        if char == '"':
            opened.pop() if top == '"' else opened.append(char)
        elif char == "\u201c" and top == "\u201e":
            opened.pop()  # „…“
        elif char in _OPENERS:
            opened.append(char)
        elif char in _CLOSERS and top is not None and char == _PAIRED.get(top, char):
            opened.pop()
    return opened[-1] if opened else None


def _speakers(key: str, part_name: str, labels: Iterable[dict], text: str) -> list[Speaker]:
    found = []
    for label in labels:
        for name, aliases in people(label["name"]) or ():
            quote = label.get("quote") or None
            found.append(
                Speaker(
                    key,
                    part_name,
                    name,
                    aliases,
                    label["kind"],
                    quote,
                    extended_label(quote, text) if quote else None,
                )
            )
    return found


def reference_body(corpus: Path, meta: dict, html_path: Path) -> str | None:
    if meta.get("body_text"):
        return meta["body_text"]
    expected = html_path.with_name(html_path.stem + ".expected.html")
    if expected.exists():
        return lxml.html.fromstring(expected.read_bytes()).text_content()
    return None


def extract_file(html_path: Path, url: str) -> ExtractedArticle:
    """``extract_article`` of a corpus page served from ``url``."""
    return extract_article(html_path.read_bytes(), url)


def load(
    corpus: Path, *, extract: bool = True, extractor: Extractor = extract_file
) -> list[Article]:
    """The labelled articles; with ``extract=False`` pages are not extracted (no placement).

    ``extractor``: how a page is extracted (the tests pass their per-session cache of the same
    ``extract_article`` results).
    """
    labels = {
        entry["html"]: entry
        for entry in json.loads((corpus / "labels" / "relevance.json").read_text("utf-8"))
    }
    articles: list[Article] = []
    for meta_path in sorted((corpus / "articles").glob("*/*.json")):
        html_path = meta_path.with_suffix(".html")
        meta = json.loads(meta_path.read_text("utf-8"))
        key = str(html_path.relative_to(corpus))
        body = reference_body(corpus, meta, html_path)
        label = labels.get(key, {})
        if body is None and not label.get("people_quoted"):
            continue
        read = (
            _extracted(extractor, html_path, meta["url"])
            if extract
            else ArticleText(title="", text="")
        )
        part_name = part(meta_path.parent.name)
        article = Article(key, part_name, read)
        if body is not None and extract:
            article.reference = ArticleText(title=read.title, text=body)
        if body is not None:
            article.labelled = ArticleText(title=meta.get("title") or "", text=body)
            article.speakers = _speakers(key, part_name, label.get("people_quoted", ()), body)
        articles.append(article)
    texts = json.loads((corpus / "texts" / "relevance-texts.json").read_text("utf-8"))
    for entry in texts:
        if not entry["people_quoted"]:
            continue
        part_name = part(outlet(entry["url"]))
        text = ArticleText(title="", text=entry["text"])
        article = Article(entry["id"], part_name, text, labelled=text)
        article.speakers = _speakers(entry["id"], part_name, entry["people_quoted"], entry["text"])
        articles.append(article)
    return articles


def load_invented(paths: Iterable[Path]) -> list[Article]:
    """The pieces of the invented sets, each person with their label, in the part ``invented``."""
    articles = []
    for path in paths:
        for entry in json.loads(path.read_text("utf-8")):
            text = ArticleText(title=entry.get("title") or "", text=entry["text"])
            article = Article(entry["id"], "invented", text, labelled=text)
            for person in entry["people"]:
                quote = person.get("quote") or None
                whole = f"{text.title}\n{text.text}"
                article.speakers.append(
                    Speaker(
                        entry["id"],
                        "invented",
                        person["name"],
                        tuple(person.get("aliases") or ()),
                        person["kind"],
                        quote,
                        extended_label(quote, whole) if quote else None,
                    )
                )
            articles.append(article)
    return articles


def _extracted(extractor: Extractor, html_path: Path, url: str) -> ArticleText:
    try:
        page = extractor(html_path, url)
    except ExtractionError:
        return ArticleText(title="", text="")  # nothing extracted: no hit can come from it
    return ArticleText(title=page.title or "", text=page.text)


def _watch(people_: Iterable[Speaker]) -> tuple[Matcher, dict[str, Speaker]]:
    experts, ids = [], {}
    for number, speaker in enumerate(people_):
        ids[f"p{number}"] = speaker
        experts.append(
            ExpertSettings(id=f"p{number}", name=speaker.name, aliases=list(speaker.aliases))
        )
    return Matcher.compile([WatchlistSettings(name="bench", experts=experts)]), ids


def attribution(articles: list[Article]) -> list[dict]:
    """One row per labelled speaker: the expected and the found kind and quote."""
    rows = []
    for article in articles:
        if not article.speakers:
            continue
        matcher, ids = _watch(article.speakers)
        assert article.labelled is not None  # speakers come with their labelled text
        hits = {hit.id: hit for hit in matcher.match(article.labelled) if hit.kind == "expert"}
        for hit_id, speaker in ids.items():
            hit = hits.get(hit_id)
            rows.append(
                {
                    "article": article.key,
                    "part": article.part,
                    "name": speaker.name,
                    "expected": EXPECTED_KIND[speaker.kind],
                    "found": FOUND_KIND.get(hit.mention, hit.mention) if hit else "none",
                    "label_quote": speaker.quote if speaker.kind == "quoted" else None,
                    "quote": hit.quote if hit else None,
                    "quote_ok": speaker.kind == "quoted"
                    and quote_matches(hit.quote if hit else None, speaker),
                }
            )
    return rows


def placement(articles: list[Article]) -> list[dict]:
    """Per page with a reference body: expert and topic hits on what we read and on the body."""
    everyone = {(s.name, s.aliases): s for a in articles for s in a.speakers}
    matcher, _ = _watch(everyone.values())
    config = yaml.safe_load(WATCHLIST.read_text("utf-8"))["watchlists"][0]
    topics = Matcher.compile([WatchlistSettings(name="topics", topics=config["topics"])])
    rows = []
    for article in articles:
        if article.reference is None:
            continue
        found = {
            side: {(hit.kind, hit.name) for m in (matcher, topics) for hit in m.match(text)}
            for side, text in (("read", article.read), ("reference", article.reference))
        }
        rows.append(
            {
                "article": article.key,
                "part": article.part,
                "read": sorted(map(list, found["read"])),
                "reference": sorted(map(list, found["reference"])),
            }
        )
    return rows


def figures(attribution_rows: list[dict], placement_rows: list[dict]) -> dict[str, dict]:
    result: dict[str, dict] = {}
    for part_name in PARTS:
        rows = [row for row in attribution_rows if row["part"] == part_name]
        quoted = [row for row in rows if row["label_quote"]]
        counts = {"expert": [0, 0, 0], "topic": [0, 0, 0]}  # both, read only, reference only
        for row in placement_rows:
            if row["part"] != part_name:
                continue
            read = {tuple(hit) for hit in row["read"]}
            reference = {tuple(hit) for hit in row["reference"]}
            for kind, kept in counts.items():
                ours = {hit for hit in read if hit[0] == kind}
                theirs = {hit for hit in reference if hit[0] == kind}
                kept[0] += len(ours & theirs)
                kept[1] += len(ours - theirs)
                kept[2] += len(theirs - ours)
        result[part_name] = {
            "speakers": len(rows),
            "kind_ok": sum(row["expected"] == row["found"] for row in rows),
            "quotes": len(quoted),
            "quote_ok": sum(row["quote_ok"] for row in quoted),
            "attributed": sum(row["found"] == "quoted" for row in quoted),
            **{
                f"{kind}_{name}": value
                for kind, (both, extra, missed) in counts.items()
                for name, value in (("both", both), ("extra", extra), ("missed", missed))
            },
        }
    return result


PARTS = ("dev", "test", "invented")


def _ratio(ok: int, total: int) -> str:
    return f"{ok / total:.3f} ({ok}/{total})" if total else "n/a"


def run_baseline(commit: str, corpus: Path, invented: list[str]) -> dict:
    """This script's ``--json`` output on the packages of ``commit``."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "alerts", "crawler", "sinowatch"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        done = subprocess.run(
            [sys.executable, __file__, "--json", "--corpus", str(corpus), "--invented", *invented],
            check=True,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"},
            cwd=tmp,
        )
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="commit to compare with")
    parser.add_argument(
        "--invented",
        type=Path,
        nargs="*",
        default=sorted(INVENTED.glob("*.json")),
        help="invented sets to read (default: bench/data/quotes/*.json)",
    )
    parser.add_argument("--show", choices=[*PARTS, "all", "none"], default="dev",
                        help="list the wrong rows of this part")  # fmt: skip
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (args.corpus / "MANIFEST.md").exists():
        print(f"corpus not found at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    corpus = load(args.corpus)
    # names in the article, not beside it: the corpus's own labelled people, on its pages
    rows, places = attribution(corpus + load_invented(args.invented)), placement(corpus)
    ours = figures(rows, places)
    if args.json:
        print(json.dumps(ours))
        return 0
    base = run_baseline(args.baseline, args.corpus, [str(path.resolve()) for path in args.invented])
    for row in rows:
        wrong = row["expected"] != row["found"] or (row["label_quote"] and not row["quote_ok"])
        if wrong and args.show in (row["part"], "all"):
            print(
                f"[{row['part']}] {row['article']} {row['name']}: {row['expected']} → "
                f"{row['found']}\n   label: {row['label_quote']!r}\n   found: {row['quote']!r}"
            )
    for row in places:
        extra = {tuple(h) for h in row["read"]} - {tuple(h) for h in row["reference"]}
        if extra and args.show in (row["part"], "all"):
            print(f"[{row['part']}] {row['article']}: hits not in the reference body {extra}")
    print(f"{'':<26}{'baseline ' + args.baseline:>24}{'now':>24}")
    for part_name in PARTS:
        b, n = base[part_name], ours[part_name]
        if not n["speakers"]:
            continue
        lines = {
            "kind accuracy": (b["kind_ok"], b["speakers"], n["kind_ok"], n["speakers"]),
            "quote-text accuracy": (b["quote_ok"], b["quotes"], n["quote_ok"], n["quotes"]),
            "quote text if attributed": (
                b["quote_ok"],
                b["attributed"],
                n["quote_ok"],
                n["attributed"],
            ),
        }
        for kind in ("expert", "topic") if part_name != "invented" else ():
            lines[f"{kind} hit precision"] = (
                b[f"{kind}_both"], b[f"{kind}_both"] + b[f"{kind}_extra"],
                n[f"{kind}_both"], n[f"{kind}_both"] + n[f"{kind}_extra"],
            )  # fmt: skip
            lines[f"{kind} hit recall"] = (
                b[f"{kind}_both"], b[f"{kind}_both"] + b[f"{kind}_missed"],
                n[f"{kind}_both"], n[f"{kind}_both"] + n[f"{kind}_missed"],
            )  # fmt: skip
        for label, (bo, bt, no, nt) in lines.items():
            print(f"{part_name + ' ' + label:<26}{_ratio(bo, bt):>24}{_ratio(no, nt):>24}")
    t, bt = ours["test"], base["test"]
    print(
        f"test part: quote-text accuracy {_ratio(t['quote_ok'], t['quotes'])} "
        f"(baseline {_ratio(bt['quote_ok'], bt['quotes'])}), kind accuracy "
        f"{_ratio(t['kind_ok'], t['speakers'])} (baseline {_ratio(bt['kind_ok'], bt['speakers'])})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
