/** Test oracle: exact max-profit transportation by successive shortest paths (the engine's former solver). */
import type { TransportProblem } from "../../src/matching";

/**
 * Maximises Σ profit·flow. Graph: left→right arcs (cost −profit), right→sink arcs (the capacities) and a
 * zero-cost "leave unassigned" arc from every left node to the sink, so each left node's supply is routed
 * to the sink along successive shortest paths; a path via the direct arc (cost 0) means no profitable use
 * is left. Each Dijkstra starts at one left node and stops when the sink is settled; potentials of settled
 * nodes move by d(v) − d(sink), which keeps every residual reduced cost ≥ 0 (Hungarian-style), so the
 * result is optimal for the LP, which is integral (totally unimodular). Costs must be integers so that
 * distances are exact in float64.
 */
export function sspTransport(pr: TransportProblem): { flow: Float64Array; profit: number } {
  const { nLeft: L, nRight: R, edgeFrom, edgeTo, edgeProfit, edgeCap } = pr;
  const m = edgeFrom.length;
  const N = L + R + 1;
  const T = L + R;
  // Arc layout (CSR by tail): left u: its edges then its dump arc; right v: reverse arcs then v→T.
  const deg = new Int32Array(N + 1);
  for (let e = 0; e < m; e++) {
    deg[edgeFrom[e] + 1]++;
    deg[L + edgeTo[e] + 1]++;
  }
  for (let u = 0; u < L + R; u++) deg[u + 1]++;
  for (let i = 0; i < N; i++) deg[i + 1] += deg[i];
  const start = deg;
  const nArc = start[N];
  const to = new Int32Array(nArc);
  const from = new Int32Array(nArc);
  const cap = new Float64Array(nArc);
  const cost = new Float64Array(nArc);
  const rev = new Int32Array(nArc).fill(-1);
  const fill = start.slice(0, N);
  const fwdArc = new Int32Array(m);
  let pmax = 0;
  for (let e = 0; e < m; e++) {
    const u = edgeFrom[e];
    const v = L + edgeTo[e];
    const a = fill[u]++;
    const b = fill[v]++;
    to[a] = v;
    from[a] = u;
    from[b] = v;
    cap[a] = edgeCap[e];
    cost[a] = -edgeProfit[e];
    to[b] = u;
    cost[b] = edgeProfit[e];
    rev[a] = b;
    rev[b] = a;
    fwdArc[e] = a;
    if (edgeProfit[e] > pmax) pmax = edgeProfit[e];
  }
  for (let u = 0; u < L + R; u++) {
    const a = fill[u]++;
    to[a] = T;
    from[a] = u;
    cap[a] = u < L ? pr.supply[u] : pr.capacity[u - L];
  }
  const pi = new Float64Array(N);
  for (let v = L; v < N; v++) pi[v] = -pmax;
  const dist = new Float64Array(N);
  const parent = new Int32Array(N);
  const mark = new Int32Array(N);
  const done = new Int32Array(N);
  const settled = new Int32Array(N);
  let heapKey = new Float64Array(1024);
  let heapNode = new Int32Array(1024);
  let epoch = 0;

  for (let src = 0; src < L; src++) {
    let excess = pr.supply[src];
    while (excess > 0) {
      epoch++;
      let hn = 0;
      let ns = 0;
      dist[src] = 0;
      mark[src] = epoch;
      parent[src] = -1;
      heapKey[0] = 0;
      heapNode[0] = src;
      hn = 1;
      while (hn > 0) {
        const d = heapKey[0];
        const x = heapNode[0];
        hn--;
        if (hn > 0) {
          const k = heapKey[hn];
          const nd = heapNode[hn];
          let i = 0;
          for (;;) {
            let c = 2 * i + 1;
            if (c >= hn) break;
            if (c + 1 < hn && heapKey[c + 1] < heapKey[c]) c++;
            if (heapKey[c] >= k) break;
            heapKey[i] = heapKey[c];
            heapNode[i] = heapNode[c];
            i = c;
          }
          heapKey[i] = k;
          heapNode[i] = nd;
        }
        if (done[x] === epoch || d > dist[x]) continue;
        done[x] = epoch;
        settled[ns++] = x;
        if (x === T) break;
        const px = pi[x];
        for (let a = start[x], end = start[x + 1]; a < end; a++) {
          if (cap[a] <= 0) continue;
          const y = to[a];
          if (done[y] === epoch) continue;
          const nd = d + cost[a] + px - pi[y];
          if (mark[y] !== epoch || nd < dist[y]) {
            mark[y] = epoch;
            dist[y] = nd;
            parent[y] = a;
            if (hn === heapKey.length) {
              const k2 = new Float64Array(hn * 2);
              k2.set(heapKey);
              heapKey = k2;
              const n2 = new Int32Array(hn * 2);
              n2.set(heapNode);
              heapNode = n2;
            }
            let i = hn++;
            while (i > 0) {
              const p = (i - 1) >> 1;
              if (heapKey[p] <= nd) break;
              heapKey[i] = heapKey[p];
              heapNode[i] = heapNode[p];
              i = p;
            }
            heapKey[i] = nd;
            heapNode[i] = y;
          }
        }
      }
      const D = dist[T];
      for (let i = 0; i < ns; i++) {
        const v = settled[i];
        pi[v] += dist[v] - D;
      }
      let delta = excess;
      for (let v = T; v !== src; v = from[parent[v]]) if (cap[parent[v]] < delta) delta = cap[parent[v]];
      for (let v = T; v !== src; v = from[parent[v]]) {
        const a = parent[v];
        cap[a] -= delta;
        if (rev[a] >= 0) cap[rev[a]] += delta;
      }
      excess -= delta;
    }
  }
  const flow = new Float64Array(m);
  let profit = 0;
  for (let e = 0; e < m; e++) {
    flow[e] = edgeCap[e] - cap[fwdArc[e]];
    profit += flow[e] * edgeProfit[e];
  }
  return { flow, profit };
}
