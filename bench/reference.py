"""SciPy references for bench/matching.ts: dense assignment and the allocation LP. Prints one JSON line."""
import json
import sys
import time

import numpy as np


def lsap(path, n):
    from scipy.optimize import linear_sum_assignment

    cost = np.fromfile(path, dtype=np.float64).reshape(n, n)
    t = time.perf_counter()
    rows, cols = linear_sum_assignment(cost)
    ms = (time.perf_counter() - t) * 1000
    return {"ms": ms, "objective": float(cost[rows, cols].sum())}


def lp(prefix):
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix, vstack

    meta = json.load(open(prefix + "meta.json"))
    n_left, n_right = meta["nLeft"], meta["nRight"]
    frm = np.fromfile(prefix + "from.bin", dtype=np.int32)
    to = np.fromfile(prefix + "to.bin", dtype=np.int32)
    profit = np.fromfile(prefix + "profit.bin", dtype=np.float64)
    cap = np.fromfile(prefix + "cap.bin", dtype=np.float64)
    supply = np.fromfile(prefix + "supply.bin", dtype=np.float64)
    capacity = np.fromfile(prefix + "capacity.bin", dtype=np.float64)
    m = len(frm)
    cols = np.arange(m)
    ones = np.ones(m)
    a_left = csr_matrix((ones, (frm, cols)), shape=(n_left, m))
    a_right = csr_matrix((ones, (to, cols)), shape=(n_right, m))
    a_ub = vstack([a_left, a_right]).tocsr()
    b_ub = np.concatenate([supply, capacity])
    bounds = np.column_stack([np.zeros(m), cap])
    t = time.perf_counter()
    res = linprog(-profit, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    ms = (time.perf_counter() - t) * 1000
    return {"ms": ms, "objective": float(-res.fun), "status": int(res.status)}


if __name__ == "__main__":
    mode = sys.argv[1]
    out = lsap(sys.argv[2], int(sys.argv[3])) if mode == "lsap" else lp(sys.argv[2])
    print(json.dumps(out))
