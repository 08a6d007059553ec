#!/usr/bin/env python3
"""The vectorised pandas + NumPy + SciPy reference for the research benchmark: the same analysis as
`weave analyze`, written as a data scientist would — one pivot of the codings, group-bys and matrix
products over every code at once, SciPy and statsmodels on whole arrays — never a Python loop over
tables or codes.

    python3 pandas_reference.py CORPUS_DIR OUT_DIR

Reads codebook.csv, toolkits.csv and codings.csv (long format) with the importer's checks; majority
consensus (ties left out); parents present where any child is; Q1 shares with Wilson intervals; for every
code x descriptor (multi-valued ones value by value) the present/absent x group table with chi-square
(no continuity correction), Cramér's V, Fisher's exact test for 2 x 2 tables, risk differences with
Newcombe intervals, Benjamini-Hochberg per family; percent agreement, Fleiss' kappa, Krippendorff's alpha
per code and pooled, Cohen's kappa per pair of coders. Groups under 5 toolkits, identifying columns and
descriptors with more than 20 groups are skipped as in Weave. Left out, which only flatters the
reference: Weave's exact and Monte Carlo p-values for sparse larger tables and its bootstrap intervals.
"""
import itertools
import os
import sys
import warnings

import numpy as np
import pandas as pd
from scipy import special, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

warnings.filterwarnings("ignore")
MULTI = {"social_issue", "member_org_types"}
Q2 = ["social_issue", "network_age", "member_org_types"]
Q3 = ["creator_country", "creator_type"]
MIN_GROUP, MAX_GROUPS = 5, 20


def groupings(toolkits, column):
    """(value or None, group names, toolkit -> group column or -1) for one descriptor, as Weave groups it."""
    values = toolkits[column].replace("", np.nan)
    if column in MULTI:
        split = values.str.split(";")
        exploded = split.explode().dropna()
        known = split.notna().to_numpy()
        out = []
        for level in sorted(exploded.unique()):
            has = np.zeros(len(toolkits), dtype=bool)
            has[exploded.index[exploded == level]] = True
            col = np.where(~known, -1, np.where(has, 0, 1))
            if (col == 0).sum() >= MIN_GROUP and (col == 1).sum() >= MIN_GROUP:
                out.append((level, [level, "others"], col))
        return out
    known = values.dropna()
    numeric = pd.to_numeric(known, errors="coerce")
    if numeric.notna().all() and len(known) and numeric.between(1000, 2999).all() and (numeric % 1 == 0).all():
        values = (pd.to_numeric(values) // 10 * 10).map(lambda d: np.nan if pd.isna(d) else f"{int(d)}–{int(d) + 9}")
    elif known.nunique() == len(known) and len(known) > 1:
        return []
    sizes = values.value_counts()
    keep = sorted(sizes[sizes >= MIN_GROUP].index)
    if len(keep) < 2 or len(keep) > MAX_GROUPS:
        return []
    col = pd.Categorical(values, categories=keep).codes.astype(np.int64)
    return [(None, keep, col)]


def fisher_2x2(a, b, c, d):
    """Two-sided Fisher exact p-values for many 2 x 2 tables [[a, b], [c, d]] at once."""
    r1, c1, n = a + b, a + c, a + b + c + d
    low, high = np.maximum(0, c1 - (n - r1)), np.minimum(r1, c1)
    width = int((high - low).max()) + 1 if len(a) else 1
    support = low[:, None] + np.arange(width)[None, :]
    valid = support <= high[:, None]
    # The hypergeometric pmf from log-gamma on whole arrays (scipy.stats.hypergeom.pmf is ~100x slower here).
    def pmf_of(k, n, r1, c1):
        lc = lambda x, y: special.gammaln(x + 1) - special.gammaln(y + 1) - special.gammaln(x - y + 1)
        k = np.clip(k, 0, None)
        return np.exp(lc(r1, np.minimum(k, r1)) + lc(n - r1, np.clip(c1 - k, 0, n - r1)) - lc(n, c1))
    pmf = np.where(valid, pmf_of(support, n[:, None], r1[:, None], c1[:, None]), 0.0)
    observed = pmf_of(a, n, r1, c1)
    return np.minimum(1.0, np.where(pmf <= observed[:, None] * (1 + 1e-7), pmf, 0.0).sum(axis=1))


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    codebook = pd.read_csv(os.path.join(corpus, "codebook.csv"), dtype=str, keep_default_na=False)
    toolkits = pd.read_csv(os.path.join(corpus, "toolkits.csv"), dtype=str, keep_default_na=False)
    codings = pd.read_csv(os.path.join(corpus, "codings.csv"),
                          dtype={"toolkit_id": "category", "coder": "category", "code": "category", "present": np.int8})

    # The importer's checks.
    assert codings["present"].isin([0, 1]).all()
    assert set(codings["code"].cat.categories) <= set(codebook["code_id"])
    assert set(codings["toolkit_id"].cat.categories) <= set(toolkits["toolkit_id"])
    assert not codings.duplicated(["toolkit_id", "coder", "code"]).any()

    # One pivot: a row per (code, toolkit), a column per coder.
    wide = codings.pivot(index=["code", "toolkit_id"], columns="coder", values="present")
    coders = list(wide.columns)
    ratings = wide.to_numpy(dtype=float)                       # NaN where a coder did not code
    code_of_row = wide.index.codes[0]
    toolkit_of_row = pd.Index(toolkits["toolkit_id"]).get_indexer(wide.index.levels[1][wide.index.codes[1]])
    codes = list(wide.index.levels[0])
    n_codes, n_toolkits, n_coders = len(codes), len(toolkits), len(coders)

    # Agreement per code and pooled, from per-row counts summed with bincount.
    m = (~np.isnan(ratings)).sum(axis=1)
    n1 = np.nansum(ratings, axis=1)
    n0 = m - n1
    agreeing = n1 * (n1 - 1) + n0 * (n0 - 1)
    pairable, complete = m >= 2, m == n_coders

    def by_code(weights, mask):
        return np.bincount(code_of_row[mask], weights=weights[mask], minlength=n_codes)

    def agreement(sel):
        sums = lambda w, mask: (by_code(w, mask & sel), (w[mask & sel]).sum())
        results = []
        for total in (False, True):
            pick = lambda pair: pair[1] if total else pair[0]
            pa = pick(sums(agreeing / np.maximum(m * (m - 1), 1), pairable)) / pick(sums(np.ones_like(n1), pairable))
            units = pick(sums(np.ones_like(n1), complete))
            p_bar = pick(sums(agreeing / (n_coders * (n_coders - 1)), complete)) / units
            p1 = pick(sums(n1, complete)) / (units * n_coders)
            pe = p1 ** 2 + (1 - p1) ** 2
            kappa = (p_bar - pe) / (1 - pe)
            v1, v0 = pick(sums(n1, pairable)), pick(sums(n0, pairable))
            total_values = v1 + v0
            disagreement = pick(sums(2 * n0 * n1 / np.maximum(m - 1, 1), pairable))
            alpha = 1 - (total_values - 1) * disagreement / (total_values ** 2 - v0 ** 2 - v1 ** 2)
            results.append((pa, kappa, alpha))
        return results

    everything = np.ones(len(m), dtype=bool)
    (pa, fk, ka), (pa_all, fk_all, ka_all) = agreement(everything)
    frame = pd.DataFrame({"code": codes, "percent_agreement": pa, "fleiss_kappa": fk, "krippendorff_alpha": ka})
    frame.loc[len(frame)] = ["(all)", pa_all, fk_all, ka_all]
    frame.to_csv(os.path.join(out, "agreement.csv"), index=False)
    pair_frames = []
    for a, b in itertools.combinations(range(n_coders), 2):
        both = ~np.isnan(ratings[:, a]) & ~np.isnan(ratings[:, b])
        x, y = np.nan_to_num(ratings[:, a]), np.nan_to_num(ratings[:, b])
        n = by_code(np.ones_like(x), both)
        po = by_code((x == y).astype(float), both) / n
        px, py = by_code(x, both) / n, by_code(y, both) / n
        pe = px * py + (1 - px) * (1 - py)
        pair_frames.append(pd.DataFrame({"code": codes, "coder_a": coders[a], "coder_b": coders[b], "n_units": n,
                                         "percent_agreement": po, "cohen_kappa": (po - pe) / (1 - pe)}))
    pd.concat(pair_frames).to_csv(os.path.join(out, "agreement_pairs.csv"), index=False)

    # Majority consensus (ties left out), as a toolkit x code matrix; parents present where any child is.
    consensus = np.full((n_toolkits, n_codes), np.nan)
    consensus[toolkit_of_row, code_of_row] = np.where(2 * n1 > m, 1.0, np.where(2 * n1 < m, 0.0, np.nan))
    table = pd.DataFrame(consensus, columns=codes)
    parent_of = codebook.set_index("code_id")["parent_id"].reindex(codes)
    children = table.loc[:, parent_of.to_numpy() != ""]
    parents = parent_of[parent_of != ""]
    any_present = children.eq(1).T.groupby(parents.to_numpy()).any().T
    any_missing = children.isna().T.groupby(parents.to_numpy()).any().T
    parent_values = pd.DataFrame(np.where(any_present, 1.0, np.where(any_missing, np.nan, 0.0)),
                                 columns=any_present.columns)
    table = pd.concat([table.drop(columns=[c for c in parent_values.columns if c in table.columns]), parent_values], axis=1)
    present = table.eq(1).to_numpy(dtype=float)
    known = table.notna().to_numpy(dtype=float)

    # Q1.
    count, n = present.sum(axis=0), known.sum(axis=0)
    low, high = proportion_confint(count, n, method="wilson")
    pd.DataFrame({"code": table.columns, "count": count, "n": n, "share": count / n, "wilson_low": low,
                  "wilson_high": high}).sort_values("share", ascending=False).to_csv(os.path.join(out, "q1.csv"), index=False)

    # Q2, Q3, other: per grouping, every code's table at once by matrix products.
    descriptors = [c for c in toolkits.columns if c != "toolkit_id"]
    families = {"q2": Q2, "q3": Q3, "other": [c for c in descriptors if c not in Q2 + Q3]}
    effects = []
    for family, columns in families.items():
        parts = []
        for column in columns:
            if column not in toolkits.columns:
                continue
            for value, groups, col in groupings(toolkits, column):
                onehot = np.zeros((n_toolkits, len(groups)))
                inside = col >= 0
                onehot[np.nonzero(inside)[0], col[inside]] = 1
                yes = present.T @ onehot                       # codes x groups
                tot = known.T @ onehot
                no = tot - yes
                total = tot.sum(axis=1, keepdims=True)
                row_yes, row_no = yes.sum(axis=1, keepdims=True), no.sum(axis=1, keepdims=True)
                with np.errstate(divide="ignore", invalid="ignore"):
                    e_yes, e_no = row_yes * tot / total, row_no * tot / total
                    chi2 = np.nansum(np.where(e_yes > 0, (yes - e_yes) ** 2 / e_yes, 0) + np.where(e_no > 0, (no - e_no) ** 2 / e_no, 0), axis=1)
                    rows_used = (row_yes[:, 0] > 0).astype(int) + (row_no[:, 0] > 0)
                    cols_used = (tot > 0).sum(axis=1)
                    dof = (rows_used - 1) * (cols_used - 1)
                    p_chi2 = np.where(dof > 0, stats.chi2.sf(chi2, np.maximum(dof, 1)), np.nan)
                    v = np.sqrt(chi2 / (total[:, 0] * np.maximum(np.minimum(rows_used, cols_used) - 1, 1)))
                p_fisher = np.full(n_codes_all := len(table.columns), np.nan)
                if len(groups) == 2:
                    a, b, c, d = (x.astype(np.int64) for x in (yes[:, 0], yes[:, 1], no[:, 0], no[:, 1]))
                    p_fisher = fisher_2x2(a, b, c, d)
                p_used = np.where(dof > 0, p_fisher if len(groups) == 2 else p_chi2, np.nan)
                parts.append(pd.DataFrame({"code": table.columns, "descriptor": column, "value": value, "chi2": chi2,
                                           "dof": dof, "p_chi2": p_chi2, "p_fisher": p_fisher, "cramers_v": v, "p_used": p_used}))
                # Risk differences: each group (the value, for a multi-valued descriptor) against the others.
                for g in ([0] if value is not None else range(len(groups))):
                    c1, t1 = yes[:, g], tot[:, g]
                    c2, t2 = yes.sum(axis=1) - c1, tot.sum(axis=1) - t1
                    ok = (t1 > 0) & (t2 > 0)
                    lo, hi = np.full(n_codes_all, np.nan), np.full(n_codes_all, np.nan)
                    lo[ok], hi[ok] = confint_proportions_2indep(c1[ok], t1[ok], c2[ok], t2[ok], compare="diff", method="newcomb")
                    effects.append(pd.DataFrame({"family": family, "code": table.columns, "descriptor": column, "value": groups[g],
                                                 "difference": np.where(ok, c1 / np.maximum(t1, 1) - c2 / np.maximum(t2, 1), np.nan),
                                                 "difference_low": lo, "difference_high": hi}))
        frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["code", "descriptor", "value", "p_used"])
        frame["q_bh"] = np.nan
        tested = frame["p_used"].notna()
        if tested.any():
            frame.loc[tested, "q_bh"] = multipletests(frame.loc[tested, "p_used"].to_numpy(dtype=float), method="fdr_bh")[1]
        frame.to_csv(os.path.join(out, f"{family}.csv"), index=False)
    if effects:
        pd.concat(effects, ignore_index=True).to_csv(os.path.join(out, "effects.csv"), index=False)


if __name__ == "__main__":
    main()
