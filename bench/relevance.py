"""China–U.S. relevance on real labelled data: precision, recall and CPU per article, in one run.

Scorers, side by side on the same samples (``tests/relevance_corpus.py``: the 233 labelled corpus
pages run through the pipeline's extraction, and the ~300 labelled news texts in 17 languages):

- ``keywords``: a naive baseline, relevant when any China word and any U.S. word appear (the
  corpus MANIFEST's keyword-scan lists);
- ``previous``: the scorer as it was before issue 14, loaded unchanged from git history
  (``git show 3270ca8:crawler/relevance.py`` and ``crawler/terms.py``);
- ``before``: the scorer before the focus rule (third countries), from git history at 505d8c6;
- ``sinowatch``: today's :class:`crawler.relevance.RelevanceScorer` with the default settings.

Reported on the **test part** (outlets never used for tuning; see the split in
``tests/relevance_corpus.py``), overall and per language; ``--part dev`` or ``--part all`` show the
other parts. CPU time is ``resource.getrusage`` user+system over every sample, rounds interleaved
between the scorers, median per article.

Run: ``python bench/relevance.py [--part test|dev|all] [--rounds N] [--corpus PATH]``.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import types
from collections.abc import Callable, Sequence
from pathlib import Path

from crawler.config import RelevanceSettings
from crawler.relevance import RelevanceScorer
from tests.relevance_corpus import Sample, load_samples, measure

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
PREVIOUS_COMMIT = "3270ca8"
"""Before issue 14."""
BEFORE_COMMIT = "505d8c6"
"""Issue 14's scorer before the focus rule."""

Scorer = Callable[[Sample], bool]

_KEYWORDS_CN = re.compile(
    r"\b(?:China|Chinese|Beijing|Xi Jinping|Taiwan|tariff|Hong Kong)\b"
    r"|中国|中美|习近平|北京|台湾|关税"
)
_KEYWORDS_US = re.compile(
    r"\b(?:U\.S\.|US|United States|America|Washington|White House|Trump|Biden)(?!\w)|美国|美方"
)


def keywords(sample: Sample) -> bool:
    text = f"{sample.title}\n{sample.text}"
    return bool(_KEYWORDS_CN.search(text) and _KEYWORDS_US.search(text))


def scorer_at(commit: str) -> Scorer:
    """The scorer of ``commit``, its two modules read from git history and run as they were."""
    sources = {}
    for name in ("terms", "relevance"):
        shown = subprocess.run(
            ["git", "show", f"{commit}:crawler/{name}.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if shown.returncode != 0:
            raise SystemExit(
                f"cannot read the previous scorer from git ({shown.stderr.strip()}): run the bench "
                f"in a clone with the history up to {commit} (git fetch --unshallow)"
            )
        sources[name] = shown.stdout
    terms_name = f"terms_{commit}"
    terms = types.ModuleType(terms_name)
    exec(compile(sources["terms"], terms_name, "exec"), terms.__dict__)
    sys.modules[terms_name] = terms
    relevance = types.ModuleType(f"relevance_{commit}")
    sys.modules[relevance.__name__] = relevance  # dataclasses look their module up
    code = sources["relevance"].replace("from crawler.terms import", f"from {terms_name} import")
    exec(compile(code, relevance.__name__, "exec"), relevance.__dict__)
    scorer = relevance.RelevanceScorer(RelevanceSettings())
    return lambda sample: scorer.score(sample.title, sample.text).relevant


def current_scorer() -> Scorer:
    scorer = RelevanceScorer(RelevanceSettings())
    return lambda sample: scorer.score(sample.title, sample.text).relevant


def cpu_per_article(scorers: dict[str, Scorer], samples: Sequence[Sample], rounds: int) -> dict:
    """Median CPU seconds per article of each scorer, rounds interleaved."""
    times: dict[str, list[float]] = {name: [] for name in scorers}
    for _ in range(rounds):
        for name, scorer in scorers.items():
            before = resource.getrusage(resource.RUSAGE_SELF)
            for sample in samples:
                scorer(sample)
            after = resource.getrusage(resource.RUSAGE_SELF)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            times[name].append(cpu / len(samples))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("test", "dev", "all"), default="test")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--errors", action="store_true", help="list sinowatch's misses (dev part only)"
    )
    args = parser.parse_args()
    if args.errors and args.part != "dev":
        parser.error("--errors lists the dev part only: tuning never reads the test part's misses")
    if not (args.corpus / "MANIFEST.md").exists():
        print(f"corpus not found at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    every = load_samples(args.corpus)
    samples = [s for s in every if args.part == "all" or s.part == args.part]
    scorers = {
        "keywords": keywords,
        "previous": scorer_at(PREVIOUS_COMMIT),
        "before": scorer_at(BEFORE_COMMIT),
        "sinowatch": current_scorer(),
    }
    results = {name: measure(scorer, samples) for name, scorer in scorers.items()}
    positives = sum(s.relevant for s in samples)
    print(
        f"{args.part} part: {len(samples)} samples ({positives} positives) from "
        f"{len({s.outlet for s in samples})} outlets; precision / recall per scorer"
    )
    header = "".join(f"{name:>22}" for name in scorers)
    print(f"{'language':<10} {'pos':>4} {'neg':>4}{header}")
    languages = sorted({s.lang for s in samples}, key=lambda lang: -sum(
        x.relevant for x in samples if x.lang == lang
    ))  # fmt: skip
    for lang in ["all", *languages]:
        subset = [s for s in samples if lang == "all" or s.lang == lang]
        pos = sum(s.relevant for s in subset)
        cells = "".join(f"{results[name].by_lang(lang).summary():>22}" for name in scorers)
        print(f"{lang:<10} {pos:>4} {len(subset) - pos:>4}{cells}")
    if args.errors:
        for sample, marked in results["sinowatch"].errors():
            kind = "false positive" if marked else "missed"
            print(f"  {kind}: {sample.id} [{sample.lang}] {sample.title[:70]!r}")
    cpu = cpu_per_article(scorers, list(every), args.rounds)
    print(
        f"CPU per article over all {len(every)} samples: "
        + ", ".join(f"{name} {seconds * 1e6:.0f} µs" for name, seconds in cpu.items())
    )
    overall = results["sinowatch"].by_lang("all")
    previous = results["previous"].by_lang("all")
    before = results["before"].by_lang("all")
    print(
        f"{args.part} part: sinowatch P {overall.precision:.2f} R {overall.recall:.2f} "
        f"(before the focus rule P {before.precision:.2f} R {before.recall:.2f}; before issue 14 "
        f"P {previous.precision:.2f} R {previous.recall:.2f}); CPU/article "
        f"{cpu['sinowatch'] * 1e6:.0f} µs vs previous {cpu['previous'] * 1e6:.0f} µs "
        f"({cpu['sinowatch'] / cpu['previous']:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
