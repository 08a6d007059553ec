#!/usr/bin/env python3
"""Oracle fixtures for WeaveAnalysis's statistics.

Generates small random corpora and tables with a fixed seed — including degenerate cases (a code
no one found, a coder who coded one unit, all coders agreeing, ties, empty rows and columns,
extreme p-values) — computes every statistic with the reference implementations, and writes
JSON files next to this script:

  agreement.json  percent agreement (our definition, computed directly), Cohen's kappa
                  (sklearn.metrics.cohen_kappa_score), Fleiss' kappa
                  (statsmodels.stats.inter_rater.fleiss_kappa), Krippendorff's alpha
                  (krippendorff.alpha, nominal), per code and pooled; disagreements and
                  consensus values (rules re-implemented here independently).
  tables.json     scipy.stats.chi2_contingency(correction=False), association(method="cramer"),
                  fisher_exact (2 x 2), and exact conditional p-values of X^2 by enumeration in
                  exact rational arithmetic (fractions.Fraction), on the table without empty rows
                  and columns.
  distribution.json  exact probabilities of every table with given margins (to check sampling).
  wilson.json     statsmodels proportion_confint(method="wilson").
  newcombe.json   statsmodels confint_proportions_2indep(compare="diff", method="newcomb"): the
                  95% interval of a risk difference by Newcombe's hybrid score method.
  bh.json         statsmodels multipletests(method="fdr_bh").
  special.json    scipy.special.gammaincc and scipy.stats.chi2.sf, including far tails.
  prng.json       SplitMix64 and xoshiro256** reference outputs (reference C algorithms,
                  transcribed below).

Undefined statistics (NaN or an exception in the reference) are written as null.
Run:  python3 generate.py   (versions pinned in requirements.txt)
"""

import itertools
import json
import math
import os
import warnings
from fractions import Fraction

import numpy as np
import scipy
import scipy.special
import scipy.stats
import sklearn
import statsmodels
import krippendorff
from scipy.stats.contingency import association
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

warnings.filterwarnings("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20240611
rng = np.random.default_rng(SEED)


def clean(x):
    """float or None (for NaN / inf-less undefined values)."""
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    return x


def write(name, payload):
    payload = {
        "generator": "generate.py",
        "seed": SEED,
        "versions": {
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
            "scikit-learn": sklearn.__version__,
            "krippendorff": "0.9.0",
        },
        **payload,
    }
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(payload, f, indent=1, allow_nan=False)
        f.write("\n")


# ----------------------------------------------------------------------------------------------
# Agreement
# ----------------------------------------------------------------------------------------------

def percent_agreement(units):
    """Mean over units with >= 2 ratings of the share of agreeing coder pairs."""
    shares = []
    for row in units:
        vals = [v for v in row if v is not None]
        m = len(vals)
        if m < 2:
            continue
        agree = sum(1 for a, b in itertools.combinations(vals, 2) if a == b)
        shares.append(agree / (m * (m - 1) / 2))
    return float(np.mean(shares)) if shares else None


def cohen(units, a, b, k):
    y1 = [row[a] for row in units if row[a] is not None and row[b] is not None]
    y2 = [row[b] for row in units if row[a] is not None and row[b] is not None]
    n = len(y1)
    if n == 0:
        return {"coder_a": a, "coder_b": b, "n_units": 0, "percent_agreement": None, "cohen_kappa": None}
    pa = sum(1 for x, y in zip(y1, y2) if x == y) / n
    kappa = cohen_kappa_score(y1, y2, labels=list(range(k)))
    return {"coder_a": a, "coder_b": b, "n_units": n, "percent_agreement": pa, "cohen_kappa": clean(kappa)}


def fleiss(units, coders, k):
    complete = [row for row in units if all(v is not None for v in row)]
    if coders < 2 or not complete:
        return None
    table, _ = aggregate_raters(np.array(complete, dtype=int), n_cat=k)
    return clean(fleiss_kappa(table, method="fleiss"))


def kripp(units, coders, k):
    data = np.array([[np.nan if row[c] is None else row[c] for row in units] for c in range(coders)], dtype=float)
    if data.size == 0:
        return None
    try:
        return clean(krippendorff.alpha(reliability_data=data, value_domain=list(range(k)),
                                        level_of_measurement="nominal"))
    except ValueError:
        return None


def agreement_stats(units, coders, k):
    return {
        "unit_count": len(units),
        "pairable_unit_count": sum(1 for row in units if sum(v is not None for v in row) >= 2),
        "complete_unit_count": sum(1 for row in units if all(v is not None for v in row)),
        "percent_agreement": percent_agreement(units),
        "fleiss_kappa": fleiss(units, coders, k),
        "krippendorff_alpha": kripp(units, coders, k),
        "pairs": [cohen(units, a, b, k) for a, b in itertools.combinations(range(coders), 2)],
    }


def disagreements(units):
    out = []
    for i, row in enumerate(units):
        vals = {v for v in row if v is not None}
        if len(vals) > 1:
            out.append(i)
    return out


def consensus(units, k, adjudicator=None, prefer=None):
    """Plurality of the coders who rated the unit; unanimous units keep their value; a named
    adjudicator's rating wins where they rated a disputed unit; ties -> prefer (if tied) else None."""
    values, basis = [], []
    for row in units:
        vals = [v for v in row if v is not None]
        if not vals:
            values.append(None); basis.append("unrated"); continue
        counts = [vals.count(c) for c in range(k)]
        best = max(counts)
        top = [c for c in range(k) if counts[c] == best]
        if len(set(vals)) == 1:
            values.append(vals[0]); basis.append("singleRating" if len(vals) == 1 else "unanimous")
        elif adjudicator is not None and row[adjudicator] is not None:
            values.append(row[adjudicator]); basis.append("adjudicator")
        elif len(top) == 1:
            values.append(top[0]); basis.append("majority")
        elif prefer is not None and prefer in top:
            values.append(prefer); basis.append("tieBroken")
        else:
            values.append(None); basis.append("tieUnresolved")
    return {"values": values, "basis": basis}


def random_code(units, coders, prevalence, accuracy, missing, k=2):
    """Each unit has a true category; each coder reports it with probability `accuracy`, else a
    random category; each rating is missing with probability `missing`."""
    out = []
    for _ in range(units):
        if k == 2:
            truth = int(rng.random() < prevalence)
        else:
            truth = int(rng.integers(k))
        row = []
        for _ in range(coders):
            if rng.random() < missing:
                row.append(None)
            elif rng.random() < accuracy:
                row.append(truth)
            else:
                row.append(int(rng.integers(k)))
        out.append(row)
    return out


def corpus(name, coders, k, codes, adjudicator=0):
    entry = {"name": name, "coders": coders, "categories": k, "adjudicator": adjudicator, "codes": []}
    for code_name, units in codes:
        stats = agreement_stats(units, coders, k)
        entry["codes"].append({
            "name": code_name,
            "units": units,
            "expected": stats,
            "disagreements": disagreements(units),
            "consensus": {
                "majority": consensus(units, k),
                "majority_prefer_1": consensus(units, k, prefer=1),
                "majority_prefer_0": consensus(units, k, prefer=0),
                "adjudicator": consensus(units, k, adjudicator=adjudicator),
                "adjudicator_prefer_1": consensus(units, k, adjudicator=adjudicator, prefer=1),
            },
        })
    pooled_units = [row for _, units in codes for row in units]
    entry["pooled"] = agreement_stats(pooled_units, coders, k)
    return entry


def agreement_fixtures():
    corpora = []
    # A realistic corpus: 3 coders, 40 toolkits, 8 codes of varied prevalence, some missing.
    codes = []
    for c in range(8):
        prevalence = [0.05, 0.15, 0.3, 0.5, 0.7, 0.9, 0.4, 0.2][c]
        codes.append((f"code{c}", random_code(40, 3, prevalence, accuracy=0.85, missing=0.08)))
    # Degenerate codes in the same corpus.
    codes.append(("nobody-found", [[0, 0, 0] for _ in range(40)]))
    codes.append(("all-agree", [[v, v, v] for v in (int(rng.random() < 0.4) for _ in range(40))]))
    everyone_present = [[1, 1, 1] for _ in range(40)]
    everyone_present[3] = [1, None, 1]
    codes.append(("always-present-some-missing", everyone_present))
    corpora.append(corpus("three-coders", 3, 2, codes))

    # A coder who coded one unit only; a unit nobody coded; a unit with a single coder.
    codes = []
    for c in range(5):
        units = random_code(30, 3, [0.2, 0.5, 0.8, 0.1, 0.35][c], accuracy=0.8, missing=0.0)
        for i, row in enumerate(units):
            if i != 7:
                row[2] = None
        units[11] = [None, None, None]
        units[12] = [1, None, None]
        codes.append((f"code{c}", units))
    corpora.append(corpus("coder-with-one-unit", 3, 2, codes, adjudicator=2))

    # Two coders; includes a pair who never disagree and a one-sided code.
    codes = [(f"code{c}", random_code(25, 2, p, accuracy=0.75, missing=0.05))
             for c, p in enumerate([0.1, 0.3, 0.5, 0.6, 0.95])]
    codes.append(("coder-a-always-absent", [[0, int(rng.random() < 0.3)] for _ in range(25)]))
    codes.append(("single-unit", [[1, 0]]))
    codes.append(("no-units", []))
    codes.append(("no-pairable-units", [[1, None], [None, 0], [None, None]]))
    corpora.append(corpus("two-coders", 2, 2, codes, adjudicator=1))

    # Five coders, heavy missing data (one coder who coded nothing), ties for the majority rule.
    codes = []
    for c in range(6):
        units = random_code(35, 5, [0.15, 0.3, 0.45, 0.6, 0.75, 0.5][c], accuracy=0.7, missing=0.35)
        for row in units:
            row[4] = None
        codes.append((f"code{c}", units))
    corpora.append(corpus("five-coders-missing", 5, 2, codes, adjudicator=1))

    # Nominal with four categories (beyond presence/absence).
    codes = [(f"variable{c}", random_code(30, 3, 0, accuracy=a, missing=0.1, k=4))
             for c, a in enumerate([0.9, 0.6, 0.3])]
    # Krippendorff's own example (krippendorff package docstring; alpha_nominal = 0.691358),
    # values 1..4 mapped to 0..3.
    kd = [[None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
          [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
          [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4]]
    codes.append(("krippendorff-example", [[None if kd[c][u] is None else kd[c][u] - 1 for c in range(3)]
                                            for u in range(15)]))
    corpora.append(corpus("nominal-four", 3, 4, codes))
    write("agreement.json", {"corpora": corpora})


# ----------------------------------------------------------------------------------------------
# Contingency tables
# ----------------------------------------------------------------------------------------------

def reduce_table(t):
    t = np.asarray(t, dtype=np.int64)
    if t.sum() == 0:
        return t
    return t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]


def exact_distribution(t):
    """Every table with t's margins, its exact probability and exact X^2 (Fractions)."""
    rows = [int(x) for x in t.sum(axis=1)]
    cols = [int(x) for x in t.sum(axis=0)]
    n = sum(rows)
    r, c = len(rows), len(cols)
    expected = [[Fraction(rows[i] * cols[j], n) for j in range(c)] for i in range(r)]
    const = Fraction(math.prod(math.factorial(x) for x in rows) * math.prod(math.factorial(x) for x in cols),
                     math.factorial(n))
    out = []

    def fill(i, remaining, cells):
        if i == r - 1:
            table = cells + [list(remaining)]
            denom = math.prod(math.factorial(x) for row in table for x in row)
            x2 = sum((table[a][b] - expected[a][b]) ** 2 / expected[a][b] for a in range(r) for b in range(c))
            out.append((table, const / denom, x2))
            return
        for row in compositions(rows[i], remaining):
            fill(i + 1, [rem - x for rem, x in zip(remaining, row)], cells + [row])

    fill(0, cols, [])
    return out


def compositions(total, caps):
    if len(caps) == 1:
        if total <= caps[0]:
            yield [total]
        return
    rest = sum(caps[1:])
    for x in range(max(0, total - rest), min(total, caps[0]) + 1):
        for tail in compositions(total - x, caps[1:]):
            yield [x] + tail


def exact_fisher_2x2(t):
    """Two-sided Fisher p in exact arithmetic: sum of P(x) over P(x) <= P(observed)."""
    (a, b), (c, d) = t
    r1, r2, c1 = a + b, c + d, a + c
    n = r1 + r2
    def p(x):
        return Fraction(math.comb(r1, x) * math.comb(r2, c1 - x), math.comb(n, c1))
    lo, hi = max(0, c1 - r2), min(c1, r1)
    po = p(a)
    return float(sum(p(x) for x in range(lo, hi + 1) if p(x) <= po))


def table_entry(name, t, exact=False):
    t = np.asarray(t, dtype=np.int64)
    red = reduce_table(t)
    entry = {"name": name, "table": t.tolist(), "reduced": red.tolist()}
    testable = red.shape[0] >= 2 and red.shape[1] >= 2 and red.sum() > 0
    if not testable:
        entry.update({"chi2": None, "dof": None, "p_chi2": None, "cramers_v": None,
                      "p_fisher": None, "odds_ratio": None, "p_exact": None, "min_expected": None})
        return entry
    res = scipy.stats.chi2_contingency(red, correction=False)
    entry["chi2"] = float(res.statistic)
    entry["dof"] = int(res.dof)
    entry["p_chi2"] = float(res.pvalue)
    entry["min_expected"] = float(res.expected_freq.min())
    entry["cramers_v"] = float(association(red, method="cramer"))
    if red.shape == (2, 2):
        f = scipy.stats.fisher_exact(red, alternative="two-sided")
        entry["p_fisher"] = float(f.pvalue)
        entry["p_fisher_exact_arithmetic"] = exact_fisher_2x2(red.tolist())
        orat = float(f.statistic)
        entry["odds_ratio"] = None if math.isnan(orat) else ("inf" if math.isinf(orat) else orat)
    else:
        entry["p_fisher"] = None
        entry["odds_ratio"] = None
    entry["p_exact"] = None
    if exact:
        dist = exact_distribution(red)
        observed = [list(map(int, row)) for row in red]
        x2_obs = next(x2 for table, _, x2 in dist if table == observed)
        entry["p_exact"] = float(sum(p for _, p, x2 in dist if x2 >= x2_obs))
        entry["table_count"] = len(dist)
    return entry


def table_fixtures():
    tables = []
    # Random 2 x k tables of realistic sizes (code present/absent x descriptor level).
    for i in range(40):
        k = int(rng.integers(2, 7))
        n = int(rng.integers(12, 400))
        shares = rng.dirichlet(np.ones(k))
        level = rng.choice(k, size=n, p=shares)
        base = rng.uniform(0.05, 0.6)
        effect = rng.normal(0, 0.15, size=k) if i % 3 else np.zeros(k)
        present = rng.random(n) < np.clip(base + effect[level], 0.01, 0.99)
        t = np.zeros((2, k), dtype=np.int64)
        for lv, pr in zip(level, present):
            t[0 if pr else 1, lv] += 1
        tables.append(table_entry(f"random-{i}", t))
    # Small sparse tables where exact enumeration is feasible (and Monte Carlo is compared to it).
    for i in range(12):
        r = 2 if i < 8 else 3
        c = int(rng.integers(3, 5)) if i < 8 else 3
        n = int(rng.integers(8, 26 if r == 2 else 16))
        t = np.zeros((r, c), dtype=np.int64)
        for _ in range(n):
            t[int(rng.integers(r)), int(rng.integers(c))] += 1
        tables.append(table_entry(f"sparse-{i}", t, exact=True))
    tables.append(table_entry("sparse-strong", [[6, 0, 0], [0, 5, 1], [0, 1, 4]], exact=True))
    tables.append(table_entry("sparse-2x4-tied", [[2, 0, 2, 0], [0, 2, 0, 2]], exact=True))
    tables.append(table_entry("sparse-2x3-independent", [[1, 2, 3], [1, 2, 3]], exact=True))
    # Degenerate shapes.
    tables.append(table_entry("code-nobody-has", [[0, 0, 0], [12, 7, 9]]))
    tables.append(table_entry("empty-level", [[5, 0, 3, 4], [7, 0, 9, 2]]))
    tables.append(table_entry("empty-level-reduces-to-2x2", [[5, 0, 3], [7, 0, 9]]))
    tables.append(table_entry("single-level", [[4], [9]]))
    tables.append(table_entry("all-zero", [[0, 0], [0, 0]]))
    tables.append(table_entry("one-cell", [[0, 0], [0, 6]]))
    # Ties and symmetry for Fisher's two-sided sum.
    for t in ([[3, 5], [5, 3]], [[2, 7], [8, 2]], [[5, 5], [5, 5]], [[4, 6], [6, 4]], [[0, 5], [5, 0]],
              [[1, 9], [11, 3]], [[7, 2], [3, 8]], [[10, 10], [10, 11]], [[0, 1], [1, 0]], [[1, 0], [0, 0]],
              [[12, 3], [3, 12]], [[20, 30], [30, 20]], [[8, 2], [1, 5]], [[0, 10], [10, 10]],
              [[500, 480], [450, 520]], [[37, 13], [12, 38]]):
        tables.append(table_entry(f"fisher-{t}", t))
    # Extreme p-values.
    tables.append(table_entry("extreme-2x2", [[100, 0], [0, 100]]))
    tables.append(table_entry("extreme-2x2-b", [[60, 5], [4, 70]]))
    tables.append(table_entry("extreme-2x2-c", [[300, 10], [12, 280]]))
    tables.append(table_entry("extreme-2x5", [[90, 5, 40, 2, 60], [3, 80, 10, 70, 1]]))
    tables.append(table_entry("extreme-3x4", [[150, 2, 3, 1], [1, 140, 2, 4], [3, 1, 160, 2]]))
    tables.append(table_entry("large-null-2x6", [[101, 99, 100, 98, 102, 100], [399, 401, 400, 402, 398, 400]]))
    tables.append(table_entry("perfect-independence", [[10, 20, 30], [20, 40, 60]]))
    write("tables.json", {"tables": tables})

    # Exact distribution of small margins, to check the table sampler.
    dists = []
    for t in ([[2, 1, 1], [0, 2, 1]], [[3, 1], [1, 2], [0, 3]], [[4, 2, 1, 3], [1, 3, 2, 0]]):
        red = reduce_table(t)
        dist = exact_distribution(red)
        dists.append({
            "row_totals": [int(x) for x in red.sum(axis=1)],
            "column_totals": [int(x) for x in red.sum(axis=0)],
            "tables": [{"cells": [x for row in table for x in row], "probability": float(p)} for table, p, _ in dist],
        })
    write("distribution.json", {"margins": dists})


# ----------------------------------------------------------------------------------------------
# Q1: Wilson intervals
# ----------------------------------------------------------------------------------------------

def wilson_fixtures():
    cases = [(0, 1), (1, 1), (0, 5), (5, 5), (1, 5), (4, 5), (0, 70), (1, 70), (35, 70), (69, 70), (70, 70),
             (12, 15), (9, 55), (3, 10000), (5000, 10000), (9999, 10000), (1, 2), (2, 3)]
    for _ in range(30):
        n = int(rng.integers(1, 2000))
        cases.append((int(rng.integers(0, n + 1)), n))
    out = []
    for count, n in cases:
        lo, hi = proportion_confint(count, n, alpha=0.05, method="wilson")
        out.append({"count": count, "n": n, "low": float(lo), "high": float(hi)})
    write("wilson.json", {"z": float(scipy.stats.norm.isf(0.025)), "cases": out})


# ----------------------------------------------------------------------------------------------
# Q2/Q3 effects: Newcombe intervals of risk differences
# ----------------------------------------------------------------------------------------------

def newcombe_fixtures():
    # Its own generator, so that adding these cases leaves every other fixture byte for byte as it was.
    local = np.random.default_rng(SEED + 8)
    cases = [(0, 5, 0, 5), (5, 5, 0, 5), (0, 5, 5, 5), (5, 5, 5, 5), (1, 1, 0, 1), (3, 7, 12, 63),
             (12, 15, 20, 55), (0, 70, 1, 70), (70, 70, 69, 70), (9, 20, 9, 20), (1, 9999, 5000, 10000),
             (2, 3, 1, 2), (40, 48, 10, 22), (7, 10000, 3, 10000)]
    for _ in range(40):
        n1, n2 = int(local.integers(1, 3000)), int(local.integers(1, 3000))
        cases.append((int(local.integers(0, n1 + 1)), n1, int(local.integers(0, n2 + 1)), n2))
    out = []
    for c1, n1, c2, n2 in cases:
        lo, hi = confint_proportions_2indep(c1, n1, c2, n2, compare="diff", method="newcomb", alpha=0.05)
        out.append({"count1": c1, "n1": n1, "count2": c2, "n2": n2, "difference": c1 / n1 - c2 / n2,
                    "low": float(lo), "high": float(hi)})
    write("newcombe.json", {"cases": out})


# ----------------------------------------------------------------------------------------------
# Benjamini-Hochberg
# ----------------------------------------------------------------------------------------------

def bh_fixtures():
    families = [
        [0.01, 0.04, 0.03, 0.005],
        [0.5],
        [0.0, 1.0, 0.5, 0.5, 0.02, 0.02, 0.02],
        [1e-30, 1e-12, 0.049, 0.051, 0.9, 1.0],
        [0.2, 0.2, 0.2, 0.2],
        [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275,
         0.34, 0.341, 0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986],
    ]
    families.append([float(x) for x in rng.uniform(0, 1, 50)])
    families.append([float(x) for x in np.concatenate([rng.uniform(0, 1e-3, 20), rng.uniform(0, 1, 80)])])
    families.append([float(x) for x in np.round(rng.uniform(0, 1, 60), 2)])  # many ties
    out = []
    for ps in families:
        q = multipletests(np.array(ps), method="fdr_bh")[1]
        out.append({"p": ps, "q": [float(x) for x in q]})
    write("bh.json", {"families": out})


# ----------------------------------------------------------------------------------------------
# Special functions
# ----------------------------------------------------------------------------------------------

def special_fixtures():
    chi2 = []
    for dof in (1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 99, 200):
        for x in (1e-8, 0.001, 0.1, 0.5, 1, 2, 3.84, 5, dof - 1 if dof > 1 else 0.3, dof, dof + 1, dof + 2.5,
                  2 * dof, 3 * dof + 10, 50, 100, 140, 200, 400, 700, 1200):
            sf = float(scipy.stats.chi2.sf(x, dof))
            if sf > 0:
                chi2.append({"x": float(x), "dof": dof, "sf": sf})
    gamma = []
    for a in (0.5, 1, 1.5, 2.5, 7, 12.5, 30, 100, 500, 2500):
        for x in (0.01, 0.5, a * 0.5, a * 0.9, a, a + 0.7, a + 1, a + 1.3, a * 1.1, a * 1.5, a * 2, a * 4 + 20):
            q = float(scipy.special.gammaincc(a, x))
            p = float(scipy.special.gammainc(a, x))
            if q > 0:
                gamma.append({"a": float(a), "x": float(x), "q": q, "p": p})
    write("special.json", {"chi2_sf": chi2, "gammaincc": gamma})


# ----------------------------------------------------------------------------------------------
# PRNG reference values
# ----------------------------------------------------------------------------------------------

MASK = (1 << 64) - 1


def splitmix64(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def xoshiro256ss(seed):
    g = splitmix64(seed)
    s = [next(g) for _ in range(4)]
    while True:
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result


def prng_fixtures():
    out = {"splitmix64": [], "xoshiro256starstar": [], "derive_seed": []}
    for seed in (0, 1, 1234567, 0xFFFFFFFFFFFFFFFF, 20240611):
        g = splitmix64(seed)
        out["splitmix64"].append({"seed": str(seed), "outputs": [str(next(g)) for _ in range(6)]})
        g = xoshiro256ss(seed)
        vals = [next(g) for _ in range(8)]
        out["xoshiro256starstar"].append({"seed": str(seed), "outputs": [str(v) for v in vals],
                                          "uniforms": [(v >> 11) * 2.0 ** -53 for v in vals]})
        for stream in (0, 1, 2, 299):
            out["derive_seed"].append({"base": str(seed), "stream": stream,
                                       "seed": str(mix(seed ^ mix((stream + 1) & MASK)))})
    write("prng.json", out)


if __name__ == "__main__":
    agreement_fixtures()
    table_fixtures()
    wilson_fixtures()
    bh_fixtures()
    special_fixtures()
    prng_fixtures()
    newcombe_fixtures()
