"""Matcher cost on real text: 100, 1,000 and 10,000 watched terms, topics shaped like real ones.

Articles: the shared corpus (``../shared/corpus``): every labelled text of
``texts/relevance-texts.json`` (17 languages) and every article whose ground truth has a full body
(``articles/*/*.json``, ``body_text``). Terms: the corpus vocabulary (words as the matcher folds
them) minus its 500 most frequent words and minus words seen once; phrases are word pairs that
really stand side by side in the corpus. Topics combine them as ``config/watchlists/us-china.yaml``
does: OR groups of words, phrases, prefixes and ``"a b"~8`` proximity, AND-ed groups, NOT
exclusions, ``title:``/``body:`` fields and the ``any``/``all``/``none`` list form; ten words a
topic. The same articles are matched at every size, so the cost ratio is the cost of volume. The
three sizes' matchers are compiled first and their matching runs take turns in every round; the
cost ratio is the median over the rounds of a round's cost at a size over its cost at 100 terms,
so a change in the machine's speed over the minutes of a run (a shared machine drifts by ±30 %)
moves both sides of the ratio.

Baselines, in the same run and interleaved with the matcher: one compiled regex per term finding
what the automaton finds (overlaps, Unicode word boundaries, script changes; scan cost only, on a
sample of the articles as it is slow), and the cost at 100 terms; agreement: the words the
automaton finds equal the words the regexes find. Then the default watchlist
(``config/watchlists/us-china.yaml``) the same way. Snippets are built when a hit is read (an
alert, ``query``, ``inspect``): the matcher's figure is matching alone, and "every snippet read"
is matching plus reading every hit's snippet. Times are CPU time (``time.process_time``),
medians of ``--repeat`` rounds; the last line names the issue's figures.

``--baseline COMMIT`` measures that commit's matcher too (exported with ``git archive`` beside a
``shared`` symlink, run by this bench in a child process that takes turns with this one: each
round of each run is timed in its own process's CPU time), and checks that both give the same
hits, snippets, mentions and quotes for every article at every size and with the default
watchlist.

    python bench/matcher.py [--repeat 5] [--baseline 2d0d781]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alerts.config import ExpertSettings, TopicSettings, WatchlistSettings
from alerts.hits import ArticleText
from alerts.matcher import Matcher
from alerts.termscan import TermIndex
from alerts.textnorm import SCRIPT_CHANGE, is_cjk, normalize, words
from sinowatch.config_loader import load_watchlist_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SIZES = (100, 1_000, 10_000)
DEFAULT_WATCHLIST = ROOT / "config" / "watchlists" / "us-china.yaml"
COMMON_WORDS = 500
"""The corpus's most frequent words are left out of watchlists (nobody watches "said")."""


def corpus_articles(corpus: Path) -> list[ArticleText]:
    """The labelled texts and the full ground-truth bodies of the shared corpus."""
    found = [
        ArticleText(title=entry["title"] or "", text=entry["text"])
        for entry in json.loads((corpus / "texts" / "relevance-texts.json").read_text("utf-8"))
    ]
    for path in sorted((corpus / "articles").glob("*/*.json")):
        truth = json.loads(path.read_text("utf-8"))
        if truth.get("body_text"):
            authors = tuple(truth.get("authors") or ())
            found.append(ArticleText(truth.get("title") or "", truth["body_text"], authors))
    return found


class Vocabulary:
    """Watchable words and side-by-side word pairs of the corpus, drawn without repeats."""

    def __init__(self, articles: list[ArticleText], rng: random.Random) -> None:
        counts: Counter[str] = Counter()
        pairs: Counter[tuple[str, str]] = Counter()
        for item in articles:
            for text in (item.title, item.text):
                found = words(text)
                counts.update(found)
                pairs.update(itertools.pairwise(found))
        common = {word for word, _ in counts.most_common(COMMON_WORDS)}
        self.words = sorted(word for word, n in counts.items() if n > 1 and word not in common)
        self.pairs = sorted(
            pair for pair, n in pairs.items() if n > 1 and not common.intersection(pair)
        )
        rng.shuffle(self.words)
        rng.shuffle(self.pairs)
        self._words = iter(self.words)
        self._pairs = iter(self.pairs)
        self.used: set[tuple[str, bool]] = set()
        """The distinct (word, prefix) terms handed out so far."""

    def word(self) -> str:
        word = next(self._words)
        self.used.add((word, False))
        return word

    def prefix(self) -> str:
        word = next(self._words)
        if len(word) <= 4:
            self.used.add((word, False))
            return word
        stem = word[: max(4, len(word) - 2)]
        self.used.add((stem, True))
        return f"{stem}*"

    def phrase(self) -> str:
        pair = next(self._pairs)
        self.used.update((word, False) for word in pair)
        return '"{} {}"'.format(*pair)

    def near(self) -> str:
        return f'"{self.word()} {self.word()}"~8'


Shape = Callable[[Vocabulary], dict[str, object]]
SHAPES: tuple[Shape, ...] = (
    lambda v: {  # like trade-tariffs: an OR group minus exclusions
        "query": f"({v.phrase()} OR {v.word()} OR {v.prefix()} OR {v.near()} OR {v.phrase()}) "
        f"AND NOT ({v.phrase()} OR {v.prefix()})"
    },
    lambda v: {  # like export-controls: phrases, or two groups that must meet
        "query": f"{v.phrase()} OR {v.word()} OR (({v.prefix()} OR {v.word()} OR {v.word()}) "
        f"AND ({v.word()} OR {v.prefix()} OR {v.phrase()}))"
    },
    lambda v: {  # like taiwan: a plain OR of words, phrases and fields
        "query": f"{v.prefix()} OR title:{v.phrase()} OR {v.word()} OR {v.phrase()} "
        f"OR {v.word()} OR body:{v.word()} OR {v.word()}"
    },
    lambda v: {  # like students-exchanges: the list form
        "any": [v.phrase().strip('"'), v.prefix(), v.phrase().strip('"'), v.word()],
        "all": [v.word()],
        "none": [v.word()],
    },
    lambda v: {  # like summits-calls: three groups that must all appear, and a -word
        "query": f"({v.phrase()} OR {v.prefix()} OR {v.word()}) AND ({v.word()} OR {v.near()}) "
        f"AND ({v.word()} OR {v.word()} OR title:{v.word()}) -{v.word()}"
    },
)


def watchlist(vocabulary: Vocabulary, terms: int) -> WatchlistSettings:
    """Topics of about ten words until ``terms`` distinct words are watched, and five experts
    named after corpus words."""
    topics: list[TopicSettings] = []
    while len(vocabulary.used) < terms:
        shape = SHAPES[len(topics) % len(SHAPES)]
        topics.append(TopicSettings(id=f"t{len(topics)}", **shape(vocabulary)))
    experts = [
        ExpertSettings(name=f"{vocabulary.word().title()} {vocabulary.word().title()}")
        for _ in range(5)
    ]
    return WatchlistSettings(name=f"w{terms}", topics=topics, experts=experts)


def cpu_seconds(run: Callable[[], object]) -> Callable[[], float]:
    """``run`` timed in this process's CPU time."""

    def timed() -> float:
        start = time.process_time()
        run()
        return time.process_time() - start

    return timed


def match_all(matcher: Matcher, articles: list[ArticleText]) -> Callable[[], object]:
    return lambda: [matcher.match(item) for item in articles]


def match_and_read(matcher: Matcher, articles: list[ArticleText]) -> Callable[[], object]:
    """Matching plus reading every hit's snippet (snippets are built on first read: an alert,
    ``query`` and ``inspect`` read them, hits the rules turn down never do)."""
    return lambda: [hit.snippet for item in articles for hit in matcher.match(item)]


def regex_terms(index: TermIndex) -> list[re.Pattern[str]]:
    """One regex per word, finding what the automaton finds: overlapping matches, Unicode word
    boundaries or a script change (``gao在``) at Latin ends, none at CJK ends."""
    patterns = []
    for word, prefix in index.words:
        left = "" if is_cjk(word[0]) else rf"(?:(?<!\w)|{SCRIPT_CHANGE})"
        edge = "" if is_cjk(word[-1]) else rf"(?:(?!\w)|{SCRIPT_CHANGE})"
        right = rf"(?:(?!{SCRIPT_CHANGE})\w)*" if prefix else edge
        patterns.append(re.compile(f"(?=({left}{re.escape(word)}{right}))"))
    return patterns


def word_boundary_regexes(index: TermIndex) -> list[re.Pattern[str]]:
    """The previous baseline: ``(?<!\\w)word(?!\\w)`` per word; cheaper, but it misses overlaps
    and script changes, so on real text it disagrees with the automaton (timed, not checked)."""
    return [
        re.compile(rf"(?<!\w){re.escape(word)}" + (r"\w*" if prefix else r"(?!\w)"))
        for word, prefix in index.words
    ]


def regex_all(patterns: list[re.Pattern[str]], articles: list[ArticleText]) -> Callable[[], object]:
    def run() -> None:
        for item in articles:
            for text in (item.title, item.text):
                norm = normalize(text).norm
                for pattern in patterns:
                    pattern.findall(norm)

    return run


def agreement(
    index: TermIndex, patterns: list[re.Pattern[str]], articles: list[ArticleText]
) -> float:
    same = 0
    for item in articles:
        norm = normalize(item.text)
        fast = {(w, s, e) for w, s, e in index.find(norm.scan)}
        slow = {
            (w, m.start(1), m.end(1)) for w, p in enumerate(patterns) for m in p.finditer(norm.norm)
        }
        same += fast == slow
    return same / len(articles)


def interleaved_rounds(runs: dict[str, Callable[[], float]], repeat: int) -> dict[str, list[float]]:
    """Each timed run's CPU seconds in every round, the runs taking turns in every round."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            times[name].append(run())
    return times


def interleaved(runs: dict[str, Callable[[], float]], repeat: int) -> dict[str, float]:
    """The median CPU seconds of each timed run, the runs taking turns in every round."""
    rounds = interleaved_rounds(runs, repeat)
    return {name: statistics.median(found) for name, found in rounds.items()}


def outputs(matcher: Matcher, articles: list[ArticleText]) -> list[list[list[str | None]]]:
    """Every article's hits, each as its fields (snippets read): what an identity check compares."""
    return [
        [[hit.watchlist, hit.kind, hit.id, hit.name, hit.mention, hit.quote, hit.snippet]
         for hit in matcher.match(item)]
        for item in articles
    ]  # fmt: skip


def size_watchlist(articles: list[ArticleText], size: int | None) -> list[WatchlistSettings]:
    """The watchlists of one size (None: the default watchlist)."""
    if size is None:
        return load_watchlist_file(DEFAULT_WATCHLIST)
    return [watchlist(Vocabulary(articles, random.Random(size)), size)]


class Baseline:
    """Another commit's matcher, measured by this bench in a child process (see :func:`serve`)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._process = process

    def ask(self, **command: Any) -> Any:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(command) + "\n")
        self._process.stdin.flush()
        reply = self._process.stdout.readline()
        if not reply:
            raise RuntimeError(f"the baseline process ended (exit {self._process.wait()})")
        return json.loads(reply)

    def timed(self, run: str, size: int | None) -> Callable[[], float]:
        return lambda: float(self.ask(run=run, of=size))


@contextmanager
def baseline(commit: str) -> Iterator[Baseline]:
    """``commit``'s tree with this bench in it, served by a child process."""
    with tempfile.TemporaryDirectory(prefix="matcher-bench-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "alerts", "crawler", "sinowatch", "config"],
            capture_output=True,
            check=True,
        ).stdout
        (Path(tmp) / "tree.tar").write_bytes(archive)
        with tarfile.open(Path(tmp) / "tree.tar") as tar:
            tar.extractall(tree, filter="data")
        (tree / "bench").mkdir()
        shutil.copy(__file__, tree / "bench" / "matcher.py")
        (Path(tmp) / "shared").symlink_to(CORPUS.parent.resolve(), target_is_directory=True)
        with subprocess.Popen(
            [sys.executable, str(tree / "bench" / "matcher.py"), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        ) as process:
            try:
                yield Baseline(process)
            finally:
                assert process.stdin is not None
                process.stdin.close()


def serve() -> None:
    """The child of :func:`baseline`: one JSON command a line on stdin, one JSON reply each."""
    articles = corpus_articles(CORPUS)
    matchers: dict[int | None, Matcher] = {}  # by size; None: the default watchlist
    for line in sys.stdin:
        command = json.loads(line)
        if "size" in command:
            settings = size_watchlist(articles, command["size"])
            start = time.process_time()
            matchers[command["size"]] = Matcher.compile(settings)
            reply: object = time.process_time() - start
        elif command.get("run") == "matcher":
            reply = cpu_seconds(match_all(matchers[command["of"]], articles))()
        elif command.get("run") == "snippets":
            reply = cpu_seconds(match_and_read(matchers[command["of"]], articles))()
        else:
            reply = outputs(matchers[command["outputs"]], articles)
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


def identical(
    before: Baseline | None, matcher: Matcher, articles: list[ArticleText], size: int | None
) -> str:
    """How many articles get the same hits, snippets, mentions and quotes as the baseline."""
    if before is None:
        return ""
    found = outputs(matcher, articles)
    same = sum(a == b for a, b in zip(found, before.ask(outputs=size), strict=True))
    return f" | identical to baseline: {same}/{len(articles)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", help="a commit whose matcher runs beside, e.g. 2d0d781")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (CORPUS / "MANIFEST.md").exists():
        print(f"skipped: the shared corpus is not at {CORPUS}")
        return
    if args.serve:
        serve()
        return
    if args.baseline:
        with baseline(args.baseline) as before:
            measure(args.repeat, before)
    else:
        measure(args.repeat, None)


def compiled(
    settings: list[WatchlistSettings], size: int | None, before: Baseline | None, repeat: int
) -> tuple[Matcher, float, float | None]:
    """The matcher, and the median CPU seconds of compiling it here and in the baseline (the two
    taking turns)."""
    here: list[float] = []
    there: list[float] = []
    for _ in range(repeat):
        start = time.process_time()
        matcher = Matcher.compile(settings)
        here.append(time.process_time() - start)
        if before is not None:
            there.append(before.ask(size=size))
    return matcher, statistics.median(here), statistics.median(there) if there else None


def measure(repeat: int, before: Baseline | None) -> None:
    articles = corpus_articles(CORPUS)
    megabytes = sum(len(a.text.encode()) + len(a.title.encode()) for a in articles) / 1e6
    vocabulary = Vocabulary(articles, random.Random(5))
    print(
        f"{len(articles)} corpus articles ({megabytes:.1f} MB), {len(vocabulary.words)} watchable "
        f"words, {len(vocabulary.pairs)} phrases; CPU time, median of {repeat} rounds"
    )
    matchers: dict[int, Matcher] = {}
    compile_seconds: dict[int, float] = {}
    compile_before: dict[int, float | None] = {}
    topics: dict[int, int] = {}
    for size in SIZES:
        settings = size_watchlist(articles, size)
        topics[size] = len(settings[0].topics)
        matchers[size], compile_seconds[size], compile_before[size] = compiled(
            settings, size, before, 3
        )
    # Every size's matching runs in every round, so the cost of 10,000 terms is set against that
    # of 100 measured beside it (the machine's speed drifts over a run of minutes).
    runs: dict[str, Callable[[], float]] = {}
    for size, matcher in matchers.items():
        runs[f"matcher {size}"] = cpu_seconds(match_all(matcher, articles))
        runs[f"snippets {size}"] = cpu_seconds(match_and_read(matcher, articles))
        if before is not None:
            runs[f"before {size}"] = before.timed("matcher", size)
            runs[f"before_snippets {size}"] = before.timed("snippets", size)
    rounds = interleaved_rounds(runs, repeat)
    times = {name: statistics.median(found) for name, found in rounds.items()}

    def growth(name: str, size: int) -> float:
        """The median over the rounds of a round's cost at ``size`` over its cost at 100."""
        pairs = zip(rounds[f"{name} {size}"], rounds[f"{name} {SIZES[0]}"], strict=True)
        return statistics.median(big / small for big, small in pairs)

    per_article = {size: times[f"matcher {size}"] / len(articles) for size in SIZES}
    regex_per_article: dict[int, float] = {}
    simple_per_article: dict[int, float] = {}
    for size, matcher in matchers.items():
        start = time.process_time()
        patterns = regex_terms(matcher.index)
        regex_compile = time.process_time() - start
        sample = articles[:: max(2, size // 50)]  # the regexes are slow: a sample of articles
        simple = word_boundary_regexes(matcher.index)
        regex_times = interleaved(
            {
                "regex": cpu_seconds(regex_all(patterns, sample)),
                "simple": cpu_seconds(regex_all(simple, sample)),
            },
            repeat,
        )
        regex_per_article[size] = regex_times["regex"] / len(sample)
        simple_per_article[size] = regex_times["simple"] / len(sample)
        hits = sum(1 for item in articles for hit in matcher.match(item) if hit.kind == "topic")
        agree = agreement(matcher.index, patterns, sample)
        read = times[f"snippets {size}"]
        versus = ""
        if before is not None:
            versus = (
                f" | baseline {len(articles) / times[f'before {size}']:5.0f} articles/s (every "
                f"snippet read: {len(articles) / times[f'before_snippets {size}']:5.0f}), "
                f"cost vs 100 terms {growth('before', size):5.2f}x, "
                f"compile {compile_before[size]:.3f} s"
            )
        print(
            f"{size:>6} terms ({matcher.term_count} words, {topics[size]} topics, "
            f"{hits / len(articles):.1f} topic hits/article): "
            f"{1 / per_article[size]:7.0f} articles/s "
            f"{megabytes / times[f'matcher {size}']:5.1f} MB/s | "
            f"regex per term {1 / regex_per_article[size]:7.1f} articles/s | "
            f"speed-up {regex_per_article[size] / per_article[size]:5.0f}x "
            f"({simple_per_article[size] / per_article[size]:4.0f}x vs plain \\b regexes) | "
            f"cost vs 100 terms {growth('matcher', size):5.2f}x "
            f"(every snippet read: {len(articles) / read:5.0f} articles/s, "
            f"{growth('snippets', size):5.2f}x) "
            f"(regex {regex_per_article[size] / regex_per_article[SIZES[0]]:6.1f}x) | "
            f"agreement {agree:.0%} | compile {compile_seconds[size]:.3f} s "
            f"(regex {regex_compile:.3f} s){versus}{identical(before, matcher, articles, size)}"
        )
        del patterns, simple
    baseline_line = ""
    if before is not None:
        baseline_line = (
            f"baseline: articles_per_s_1k: {len(articles) / times['before 1000']:.0f}  "
            f"cost_10k_vs_100: {growth('before', 10_000):.2f}"
        )
    matchers.clear()
    settings = size_watchlist(articles, None)
    default, _, _ = compiled(settings, None, before, 1)
    patterns = regex_terms(default.index)
    sample = articles[::2]
    runs = {
        "matcher": cpu_seconds(match_all(default, articles)),
        "regex": cpu_seconds(regex_all(patterns, sample)),
    }
    if before is not None:
        runs["before"] = before.timed("matcher", None)
    times = interleaved(runs, repeat)
    hits = sum(len(default.match(item)) for item in articles)
    versus = ""
    if before is not None:
        versus = f" | baseline {times['before'] / len(articles) * 1e3:.3f} ms/article"
    print(
        f"default watchlist ({DEFAULT_WATCHLIST.name}, {default.term_count} words, "
        f"{hits / len(articles):.2f} hits/article): "
        f"{times['matcher'] / len(articles) * 1e3:.3f} ms/article | "
        f"regex per term {times['regex'] / len(sample) * 1e3:.3f} ms/article | "
        f"agreement {agreement(default.index, patterns, sample):.0%}"
        f"{versus}{identical(before, default, articles, None)}"
    )
    if baseline_line:
        print(baseline_line)
    print("targets: articles_per_s_1k >= 2000, cost_10k_vs_100 <= 2, vs_regex_1k >= 100, "
          "compile_10k_s <= 1")  # fmt: skip
    print(
        f"articles_per_s_1k: {1 / per_article[1_000]:.0f}  "
        f"cost_10k_vs_100: {growth('matcher', 10_000):.2f}  "
        f"vs_regex_1k: {regex_per_article[1_000] / per_article[1_000]:.0f}  "
        f"vs_plain_regex_1k: {simple_per_article[1_000] / per_article[1_000]:.0f}  "
        f"compile_10k_s: {compile_seconds[10_000]:.3f}"
    )


if __name__ == "__main__":
    main()
