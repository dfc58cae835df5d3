/** Dense rectangular linear assignment by shortest augmenting paths (Jonker–Volgenant / Crouse, as in SciPy). */

/** Result: column of each row (-1 if unassigned) and the total cost (or profit when maximising). */
export interface AssignmentSolution {
  rowToCol: Int32Array;
  total: number;
}

/**
 * Solves min (or max) Σ cost[i·nCols + j] over a one-to-one assignment covering min(nRows, nCols) pairs.
 * `cost` is row-major float64; entries must be finite. Deterministic: ties go to the lowest unassigned column.
 * @example solveAssignment(Float64Array.from([4, 1, 2, 3]), 2, 2).rowToCol // Int32Array [1, 0]
 */
export function solveAssignment(
  cost: Float64Array,
  nRows: number,
  nCols: number,
  options: { maximize?: boolean } = {},
): AssignmentSolution {
  const transpose = nRows > nCols;
  const nr = transpose ? nCols : nRows;
  const nc = transpose ? nRows : nCols;
  let c = cost;
  if (transpose || options.maximize) {
    c = new Float64Array(nr * nc);
    const sign = options.maximize ? -1 : 1;
    for (let i = 0; i < nRows; i++) {
      for (let j = 0; j < nCols; j++) {
        const v = sign * cost[i * nCols + j];
        if (transpose) c[j * nc + i] = v;
        else c[i * nc + j] = v;
      }
    }
  }
  const col4row = lsap(c, nr, nc);
  const rowToCol = new Int32Array(nRows).fill(-1);
  if (transpose) {
    for (let j = 0; j < nr; j++) if (col4row[j] >= 0) rowToCol[col4row[j]] = j;
  } else {
    rowToCol.set(col4row);
  }
  let total = 0;
  for (let i = 0; i < nRows; i++) if (rowToCol[i] >= 0) total += cost[i * nCols + rowToCol[i]];
  return { rowToCol, total };
}

/** Core for nr ≤ nc: one shortest augmenting path per row with dual updates (Crouse 2016). */
function lsap(c: Float64Array, nr: number, nc: number): Int32Array {
  const u = new Float64Array(nr);
  const v = new Float64Array(nc);
  const spc = new Float64Array(nc);
  const path = new Int32Array(nc).fill(-1);
  const col4row = new Int32Array(nr).fill(-1);
  const row4col = new Int32Array(nc).fill(-1);
  const remaining = new Int32Array(nc);
  const visitedRows = new Int32Array(nr);
  const visitedCols = new Int32Array(nc);
  if (nr === nc) columnReduction(c, nr, nc, v, col4row, row4col);

  for (let cur = 0; cur < nr; cur++) {
    if (col4row[cur] !== -1) continue;
    let minVal = 0;
    let numRemaining = nc;
    for (let it = 0; it < nc; it++) remaining[it] = nc - it - 1;
    spc.fill(Number.POSITIVE_INFINITY);
    let nvr = 0;
    let nvc = 0;
    let sink = -1;
    let i = cur;
    while (sink === -1) {
      let index = -1;
      let lowest = Number.POSITIVE_INFINITY;
      visitedRows[nvr++] = i;
      const base = i * nc;
      const ui = minVal - u[i];
      for (let it = 0; it < numRemaining; it++) {
        const j = remaining[it];
        const r = ui + c[base + j] - v[j];
        if (r < spc[j]) {
          path[j] = i;
          spc[j] = r;
        }
        const s = spc[j];
        if (s < lowest || (s === lowest && row4col[j] === -1)) {
          lowest = s;
          index = it;
        }
      }
      minVal = lowest;
      if (minVal === Number.POSITIVE_INFINITY) throw new Error("assignment is infeasible");
      const j = remaining[index];
      if (row4col[j] === -1) sink = j;
      else i = row4col[j];
      visitedCols[nvc++] = j;
      remaining[index] = remaining[--numRemaining];
    }
    u[cur] += minVal;
    for (let k = 0; k < nvr; k++) {
      const r = visitedRows[k];
      if (r !== cur) u[r] += minVal - spc[col4row[r]];
    }
    for (let k = 0; k < nvc; k++) {
      const j = visitedCols[k];
      v[j] -= minVal - spc[j];
    }
    let j = sink;
    for (;;) {
      const r = path[j];
      row4col[j] = r;
      const prev = col4row[r];
      col4row[r] = j;
      j = prev;
      if (r === cur) break;
    }
  }
  return col4row;
}

/**
 * JV column reduction: v_j = min_i c_ij keeps the duals feasible and each column's argmin row takes it when
 * free. Only valid for square problems (rectangular ones need v_j = 0 on unassigned columns).
 */
function columnReduction(
  c: Float64Array,
  nr: number,
  nc: number,
  v: Float64Array,
  col4row: Int32Array,
  row4col: Int32Array,
): void {
  const argmin = new Int32Array(nc).fill(-1);
  v.fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < nr; i++) {
    const base = i * nc;
    for (let j = 0; j < nc; j++) {
      if (c[base + j] < v[j]) {
        v[j] = c[base + j];
        argmin[j] = i;
      }
    }
  }
  for (let j = 0; j < nc; j++) {
    const bi = argmin[j];
    if (bi >= 0 && col4row[bi] === -1) {
      col4row[bi] = j;
      row4col[j] = bi;
    }
  }
}
