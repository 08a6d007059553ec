#!/usr/bin/env python3
"""The same import and analysis as `weave analyze`, written the way a researcher would with pandas,
SciPy and statsmodels — the baseline the research benchmark compares Weave against.

    python3 pandas_baseline.py CORPUS_DIR OUT_DIR

Reads codebook.csv, toolkits.csv and codings.csv (long format); majority consensus (ties left out);
parents present where any child is; Q1 shares with Wilson intervals; for every code x descriptor
(multi-valued ones value by value) the present/absent x group table with chi-square (no continuity
correction), Cramér's V, Fisher's exact test for 2x2; Benjamini-Hochberg per family; percent
agreement, Fleiss' kappa, Krippendorff's alpha per code and Cohen's kappa per pair of coders.
Groups under 5 toolkits and identifying columns are skipped as in Weave. Monte Carlo p-values for
sparse larger tables are left out here (Weave computes them), which only flatters the baseline.
"""
import itertools
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.inter_rater import fleiss_kappa
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint
import krippendorff

MULTI = {"social_issue", "member_org_types"}
Q2 = ["social_issue", "network_age", "member_org_types"]
Q3 = ["creator_country", "creator_type"]
MIN_GROUP = 5


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    codebook = pd.read_csv(os.path.join(corpus, "codebook.csv"), dtype=str, keep_default_na=False)
    toolkits = pd.read_csv(os.path.join(corpus, "toolkits.csv"), dtype=str, keep_default_na=False)
    codings = pd.read_csv(os.path.join(corpus, "codings.csv"), dtype={"toolkit_id": str, "coder": str, "code": str, "present": np.int8})

    # Checks an importer must make.
    assert codings["present"].isin([0, 1]).all()
    assert codings["code"].isin(codebook["code_id"]).all()
    assert codings["toolkit_id"].isin(toolkits["toolkit_id"]).all()
    assert not codings.duplicated(["toolkit_id", "coder", "code"]).any()

    wide = codings.pivot_table(index=["code", "toolkit_id"], columns="coder", values="present", aggfunc="first")
    coders = list(wide.columns)

    # Agreement per code.
    agreement_rows, pair_rows = [], []
    for code, block in wide.groupby(level=0):
        m = block.to_numpy(dtype=float)
        complete = m[~np.isnan(m).any(axis=1)].astype(int)
        counts = np.stack([(complete == 0).sum(axis=1), (complete == 1).sum(axis=1)], axis=1)
        pa = np.mean([np.mean([a == b for a, b in itertools.combinations(r, 2)]) for r in complete]) if len(complete) else np.nan
        fk = fleiss_kappa(counts) if len(complete) else np.nan
        try:
            ka = krippendorff.alpha(reliability_data=m.T, level_of_measurement="nominal", value_domain=[0, 1])
        except Exception:
            ka = np.nan
        agreement_rows.append((code, pa, fk, ka))
        for a, b in itertools.combinations(range(len(coders)), 2):
            both = ~np.isnan(m[:, a]) & ~np.isnan(m[:, b])
            x, y = m[both, a], m[both, b]
            po = np.mean(x == y)
            pe = np.mean(x) * np.mean(y) + (1 - np.mean(x)) * (1 - np.mean(y))
            pair_rows.append((code, coders[a], coders[b], int(both.sum()), po, (po - pe) / (1 - pe) if pe != 1 else np.nan))
    pd.DataFrame(agreement_rows, columns=["code", "percent_agreement", "fleiss_kappa", "krippendorff_alpha"]).to_csv(os.path.join(out, "agreement.csv"), index=False)
    pd.DataFrame(pair_rows, columns=["code", "coder_a", "coder_b", "n_units", "percent_agreement", "cohen_kappa"]).to_csv(os.path.join(out, "agreement_pairs.csv"), index=False)

    # Majority consensus, ties left out.
    present = wide.sum(axis=1, skipna=True)
    rated = wide.notna().sum(axis=1)
    consensus = pd.Series(np.where(present * 2 > rated, 1.0, np.where(present * 2 < rated, 0.0, np.nan)), index=wide.index)
    table = consensus.unstack(level=0).reindex(toolkits["toolkit_id"])
    for parent, children in codebook[codebook["parent_id"] != ""].groupby("parent_id")["code_id"]:
        sub = table[[c for c in children if c in table.columns]]
        table[parent] = np.where((sub == 1).any(axis=1), 1.0, np.where(sub.isna().any(axis=1), np.nan, 0.0))

    # Q1.
    q1 = []
    for code in table.columns:
        values = table[code].dropna()
        count, n = int((values == 1).sum()), int(len(values))
        low, high = proportion_confint(count, n, method="wilson") if n else (np.nan, np.nan)
        q1.append((code, count, n, count / n if n else np.nan, low, high))
    pd.DataFrame(q1, columns=["code", "count", "n", "share", "wilson_low", "wilson_high"]).sort_values("share", ascending=False).to_csv(os.path.join(out, "q1.csv"), index=False)

    # Q2, Q3, other.
    descriptors = [c for c in toolkits.columns if c != "toolkit_id"]
    families = {"q2": Q2, "q3": Q3, "other": [c for c in descriptors if c not in Q2 + Q3]}
    for family, columns in families.items():
        rows = []
        for column in columns:
            groupings = []
            values = toolkits[column].replace("", np.nan)
            if column in MULTI:
                split = values.str.split(";")
                for level in sorted({v for vs in split.dropna() for v in vs}):
                    has = split.apply(lambda vs: np.nan if not isinstance(vs, list) else (level if level in vs else "others"))
                    if (has == level).sum() >= MIN_GROUP and (has == "others").sum() >= MIN_GROUP:
                        groupings.append((level, has))
            else:
                if values.dropna().nunique() == values.notna().sum():
                    numeric = pd.to_numeric(values, errors="coerce")
                    if numeric.notna().all() and numeric.between(1000, 2999).all():
                        values = (numeric // 10 * 10).astype(int).astype(str)
                    else:
                        continue
                elif pd.to_numeric(values, errors="coerce").notna().all() and pd.to_numeric(values).between(1000, 2999).all():
                    values = (pd.to_numeric(values) // 10 * 10).astype(int).astype(str)
                sizes = values.value_counts()
                keep = sizes[sizes >= MIN_GROUP].index
                if len(keep) >= 2:
                    groupings.append((None, values.where(values.isin(keep))))
            for value, groups in groupings:
                groups.index = toolkits["toolkit_id"]
                for code in table.columns:
                    crosstab = pd.crosstab(table[code], groups)
                    crosstab = crosstab.loc[(crosstab.sum(axis=1) > 0), (crosstab.sum(axis=0) > 0)]
                    if crosstab.shape[0] < 2 or crosstab.shape[1] < 2:
                        rows.append((code, column, value, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan))
                        continue
                    chi2, p, dof, _ = stats.chi2_contingency(crosstab, correction=False)
                    v = stats.contingency.association(crosstab, method="cramer")
                    p_fisher = stats.fisher_exact(crosstab)[1] if crosstab.shape == (2, 2) else np.nan
                    rows.append((code, column, value, chi2, dof, p, p_fisher, v, p_fisher if crosstab.shape == (2, 2) else p))
        frame = pd.DataFrame(rows, columns=["code", "descriptor", "value", "chi2", "dof", "p_chi2", "p_fisher", "cramers_v", "p_used"])
        tested = frame["p_used"].notna()
        frame["q_bh"] = np.nan
        if tested.any():
            frame.loc[tested, "q_bh"] = multipletests(frame.loc[tested, "p_used"], method="fdr_bh")[1]
        frame.to_csv(os.path.join(out, f"{family}.csv"), index=False)


if __name__ == "__main__":
    main()
