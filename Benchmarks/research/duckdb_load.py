#!/usr/bin/env python3
"""The floor of the research benchmark: DuckDB reading codings.csv into a table and counting its rows,
nothing else — how long "just reading the data" takes on this machine.

    python3 duckdb_load.py CORPUS_DIR
"""
import os
import sys

import duckdb

path = os.path.join(sys.argv[1], "codings.csv")
connection = duckdb.connect()
connection.execute(f"CREATE TABLE codings AS SELECT * FROM read_csv('{path}', header = true)")
print(connection.execute("SELECT count(*) FROM codings").fetchone()[0], "codings")
