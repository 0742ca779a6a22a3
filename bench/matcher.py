"""Matcher throughput: articles/s and MB/s for 100, 1,000 and 10,000 watched terms.

Synthetic ~5 KB English-like articles; watchlists of topics (10 words or phrases each, OR-ed,
with a NOT) and experts. Baseline, in the same run: one compiled regex per term with Unicode word
boundaries. Agreement: the words the automaton finds equal the words the regexes find.

    python bench/matcher.py [--articles 300] [--repeat 5] [--watched 10]
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import statistics
import time

from alerts.hits import ArticleText
from alerts.matcher import Matcher
from alerts.termscan import TermIndex
from alerts.textnorm import normalize
from sinowatch.settings import ExpertSettings, TopicSettings, WatchlistSettings

SIZES = (100, 1_000, 10_000)
SYLLABLES = "ba be bi bo chi da de di fu ga ge go ha hi ka ke ki lo ma me mi na ne no ri sa"
WATCHED_PER_ARTICLE = 10
"""Default number of watched words placed in each article (the rest is background)."""


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES.split()) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def watchlist(rng: random.Random, vocab: list[str], terms: int) -> WatchlistSettings:
    words = vocab[:terms]
    topics = []
    for index in range(0, terms - 10, 10):
        chunk = words[index : index + 10]
        pairs = enumerate(itertools.pairwise(chunk[:9]))
        ors = " OR ".join(f'"{a} {b}"' if i % 3 == 0 else a for i, (a, b) in pairs)
        topics.append(TopicSettings(id=f"t{index}", query=f"({ors}) AND NOT {chunk[9]}"))
    experts = [ExpertSettings(name=f"{a.title()} {b.title()}") for a, b in
               zip(words[-10::2], words[-9::2], strict=True)]  # fmt: skip
    return WatchlistSettings(name=f"w{terms}", topics=topics, experts=experts)


def article(
    rng: random.Random, background: list[str], watched: list[str], count: int, size: int = 5_000
) -> ArticleText:
    sentences, length = [], 0
    while length < size:
        words = [rng.choice(background) for _ in range(rng.randint(8, 20))]
        sentence = " ".join(words).capitalize() + rng.choice([".", ".", ",” he said.", "?"])
        sentences.append(sentence)
        length += len(sentence) + 1
    for _ in range(count):
        index = rng.randrange(len(sentences))
        sentences[index] = f"{sentences[index]} {rng.choice(watched)}"
    title = " ".join(rng.sample(background, 6)).title()
    return ArticleText(title=title, text=" ".join(sentences))


def run_matcher(matcher: Matcher, articles: list[ArticleText], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for item in articles:
            matcher.match(item)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def regex_terms(index: TermIndex) -> list[re.Pattern[str]]:
    return [
        re.compile(rf"(?<!\w){re.escape(word)}" + (r"\w*" if prefix else r"(?!\w)"))
        for word, prefix in index.words
    ]


def run_baseline(patterns: list[re.Pattern[str]], articles: list[ArticleText]) -> float:
    start = time.perf_counter()
    for item in articles:
        norm = normalize(item.text).norm
        for pattern in patterns:
            pattern.findall(norm)
    return time.perf_counter() - start


def agreement(
    index: TermIndex, patterns: list[re.Pattern[str]], articles: list[ArticleText]
) -> float:
    same = 0
    for item in articles:
        norm = normalize(item.text)
        fast = {(w, s, e) for w, s, e in index.find(norm.scan)}
        slow = {
            (w, m.start(), m.end()) for w, p in enumerate(patterns) for m in p.finditer(norm.norm)
        }
        same += fast == slow
    return same / len(articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--watched", type=int, default=WATCHED_PER_ARTICLE, help="hits/article")
    args = parser.parse_args()
    rng = random.Random(5)
    vocab = vocabulary(rng, 40_000)
    watched, background = vocab[::2][: max(SIZES)], vocab[1::2]
    print(f"{args.articles} articles of ~5 KB, {args.watched} watched words each, "
          f"median of {args.repeat} runs")  # fmt: skip
    per_article: dict[int, float] = {}
    for size in SIZES:
        matcher = Matcher.compile([watchlist(rng, watched, size)])
        texts = random.Random(7)  # the same background text for every size
        articles = [
            article(texts, background, watched[:size], args.watched) for _ in range(args.articles)
        ]
        megabytes = sum(len(a.text.encode()) + len(a.title.encode()) for a in articles) / 1e6
        seconds = run_matcher(matcher, articles, args.repeat)
        per_article[size] = seconds / len(articles)
        index = matcher.index
        patterns = regex_terms(index)
        sample = articles[: max(3, 3_000 // size)]
        baseline = run_baseline(patterns, sample) / len(sample)
        agree = agreement(index, patterns, sample)
        print(
            f"{size:>6} topic terms ({matcher.term_count} words): "
            f"{len(articles) / seconds:8.0f} articles/s {megabytes / seconds:6.1f} MB/s | "
            f"regex per term {1 / baseline:7.1f} articles/s | "
            f"speed-up {baseline / per_article[size]:6.0f}x | agreement {agree:.0%}"
        )
    print(f"cost at 10,000 vs 100 terms: {per_article[10_000] / per_article[100]:.2f}x")


if __name__ == "__main__":
    main()
