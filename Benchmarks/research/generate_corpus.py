#!/usr/bin/env python3
"""Writes a synthetic coded-toolkit corpus in Weave's CSV format (docs/research-format.md).

Default size is the research issue's benchmark: 10,000 toolkits x 300 codes x 20 descriptors x 3
coders (9 million codings, long format). The 300 coded codes sit under 30 parent codes; each
toolkit's "true" presence depends on its creator_type and social_issue so that Q2/Q3 find real
differences; each coder copies the truth with a 5% chance of flipping it. Seeded: the same arguments
always write the same files.

    python3 generate_corpus.py OUT_DIR [--toolkits N] [--codes N] [--descriptors N] [--coders N] [--seed S]
"""
import argparse
import csv
import os
import random

CREATOR_TYPES = ["government", "nonprofit", "technical-assistance", "academic", "funder"]
COUNTRIES = ["United States", "United Kingdom", "Australia", "Canada", "Kenya", "India", "Germany", "Brazil"]
ISSUES = ["health", "education", "environment", "housing", "employment", "justice"]
AGES = ["new", "established", "mature"]
ORG_TYPES = ["nonprofit", "government", "business", "academic", "funder"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--toolkits", type=int, default=10_000)
    parser.add_argument("--codes", type=int, default=300)
    parser.add_argument("--descriptors", type=int, default=20)
    parser.add_argument("--coders", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    parents = max(1, args.codes // 10)
    codes = []
    for p in range(parents):
        codes.append((f"p{p:03d}", "", f"Parent activity {p}", f"Broad activity {p}."))
    child = 0
    while child < args.codes:
        p = child % parents
        codes.append((f"c{child:04d}", f"p{p:03d}", f"Activity {child}", f"A specific activity, number {child}."))
        child += 1
    with open(os.path.join(args.out, "codebook.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code_id", "parent_id", "name", "definition"])
        w.writerows(codes)

    extra = max(0, args.descriptors - 9)  # the 9 fixed descriptor columns besides toolkit_id
    header = ["toolkit_id", "title", "creator", "creator_country", "creator_type", "social_issue",
              "network_age", "member_org_types", "year", "url"] + [f"extra_{i}" for i in range(extra)]
    toolkits = []
    for t in range(args.toolkits):
        creator_type = rng.choice(CREATOR_TYPES)
        issues = rng.sample(ISSUES, rng.randint(1, 2))
        row = [f"tk{t:05d}", f"Toolkit {t}", f"Organisation {rng.randint(0, 800)}", rng.choice(COUNTRIES), creator_type,
               ";".join(issues), rng.choice(AGES), ";".join(rng.sample(ORG_TYPES, rng.randint(1, 3))),
               str(rng.randint(1995, 2025)), f"https://example.org/toolkits/{t}"]
        row += [f"level-{rng.randint(0, 5)}" for _ in range(extra)]
        toolkits.append((row, creator_type, issues))
    with open(os.path.join(args.out, "toolkits.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(r[0] for r in toolkits)

    leaf_codes = [c for c in codes if c[1]]
    base = [rng.uniform(0.05, 0.6) for _ in leaf_codes]
    type_effect = {(i, ct): rng.uniform(-0.15, 0.15) for i in range(len(leaf_codes)) for ct in CREATOR_TYPES}
    with open(os.path.join(args.out, "codings.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["toolkit_id", "coder", "code", "present"])
        for row, creator_type, issues in toolkits:
            tid = row[0]
            for i, code in enumerate(leaf_codes):
                p = base[i] + type_effect[(i, creator_type)] + (0.1 if "health" in issues and i % 7 == 0 else 0)
                truth = rng.random() < p
                for k in range(args.coders):
                    value = truth if rng.random() >= 0.05 else not truth
                    w.writerow([tid, f"coder{k + 1}", code[0], "1" if value else "0"])


if __name__ == "__main__":
    main()
