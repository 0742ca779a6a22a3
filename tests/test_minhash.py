"""crawler.minhash: datasketch's affine32 MinHash and LSH parameters without importing it.

datasketch (a test dependency only) is the reference: a signature or a band count that differs
from its own would make every stored signature and band row incomparable with new ones.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from crawler.minhash import SEED, lsh_params, permutations, signature

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("count", [0, 1, 2, 7, 300, 5000])
@pytest.mark.parametrize("num_perm", [16, 128, 257])
def test_signature_is_datasketch_affine32_minhash(count: int, num_perm: int) -> None:
    hashes = np.random.default_rng(count + num_perm).integers(0, 2**32, count).astype(np.uint32)
    reference = MinHash(num_perm=num_perm, seed=SEED, scheme="affine32", hashfunc=int)
    reference.update_batch(hashes.tolist())

    given = hashes.copy()
    ours = signature(hashes, num_perm)

    assert np.array_equal(hashes, given)  # the hashes are mixed in a copy
    assert ours.dtype == reference.hashvalues.dtype == np.uint32
    assert np.array_equal(ours, reference.hashvalues)


def test_permutations_are_datasketch_s_and_read_only() -> None:
    a, b = permutations(128)
    reference = MinHash(num_perm=128, seed=SEED, scheme="affine32").permutations
    assert np.array_equal(a, reference[0]) and np.array_equal(b, reference[1])
    assert np.all(a % 2 == 1)  # odd multipliers: each permutation is a bijection
    with pytest.raises(ValueError, match="read-only"):
        a[0] = 2


# The whole grid (thresholds 0.01-0.99 by 0.01 at 16, 64, 128 and 256 permutations: 396 pairs)
# agreed when this module was written; SciPy's quadrature makes datasketch's side ~50 ms a pair,
# so the suite checks the settings' edges and the values configs use.
@pytest.mark.parametrize("num_perm", [16, 128])
@pytest.mark.parametrize("threshold", [0.05, 0.3, 0.5, 0.6, 0.7, 0.85, 0.95])
def test_lsh_params_are_datasketch_s_choice(threshold: float, num_perm: int) -> None:
    assert lsh_params(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_storing_articles_imports_neither_datasketch_nor_scipy() -> None:
    """The point of the module: a crawling process that fingerprints and stores articles does not
    pay SciPy's import (0.6-0.9 s of CPU) for two integers."""
    script = (
        "import json, sys\n"
        "import crawler.ingest, crawler.ingestbatch\n"
        "from crawler.config import DedupSettings\n"
        "from crawler.dedup import band_hashes, text_key\n"
        "key = text_key(' '.join(f'w{i}' for i in range(200)), DedupSettings())\n"
        "assert band_hashes(key.signature, DedupSettings())\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    packages = set(json.loads(done.stdout.splitlines()[-1]))
    assert "numpy" in packages and "crawler" in packages  # the probe did fingerprint
    assert not packages & {"datasketch", "scipy"}
