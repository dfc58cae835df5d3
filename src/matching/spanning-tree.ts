/** The network simplex's spanning tree: parent links, preorder thread, subtree sizes, residuals and potentials. */

/**
 * Rooted spanning tree in the thread representation. `thread` is a cyclic preorder, so a subtree is a contiguous
 * run starting at its root and ending at `last`; `revThread` is its inverse and `size` the subtree sizes. Node x
 * hangs from `parent[x]` by the arc `pred[x]`, which points up (x → parent) when `up[x]` is 1. The arc's flow lives
 * with the node as residuals: `resUp[x]` more units can move from x towards its parent, `resDown[x]` from the parent
 * towards x. `pi` are the potentials that make every tree arc's reduced cost cost + pi[source] − pi[target] zero.
 */
export interface SpanningTree {
  root: number;
  parent: Int32Array;
  pred: Int32Array;
  up: Uint8Array;
  resUp: Float64Array;
  resDown: Float64Array;
  thread: Int32Array;
  revThread: Int32Array;
  size: Int32Array;
  last: Int32Array;
  pi: Float64Array;
  /** Scratch for `moveSubtree`, one slot per node. */
  path: Int32Array;
  segEnd: Int32Array;
}

/** What `buildTree` reads: the arcs, their flow, and each non-root node's parent and tree arc. */
export interface TreeInput {
  nodes: number;
  root: number;
  source: Int32Array;
  cost: Float64Array;
  cap: Float64Array;
  flow: Float64Array;
  parent: Int32Array;
  pred: Int32Array;
}

/** Builds the thread, sizes, residuals and potentials from parent links (copied; the input is not changed). */
export function buildTree(net: TreeInput): SpanningTree {
  const n = net.nodes;
  const { root, source, cost, cap, flow } = net;
  const parent = Int32Array.from(net.parent);
  const pred = Int32Array.from(net.pred);
  parent[root] = -1;
  pred[root] = -1;
  // Children in CSR form, in node order, so the preorder is deterministic.
  const start = new Int32Array(n + 1);
  for (let x = 0; x < n; x++) if (x !== root) start[parent[x] + 1]++;
  for (let x = 0; x < n; x++) start[x + 1] += start[x];
  const fill = start.slice(0, n);
  const child = new Int32Array(Math.max(0, n - 1));
  for (let x = 0; x < n; x++) if (x !== root) child[fill[parent[x]]++] = x;
  const order = new Int32Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  let k = 0;
  stack[top++] = root;
  while (top > 0) {
    const x = stack[--top];
    order[k++] = x;
    for (let c = start[x + 1] - 1; c >= start[x]; c--) stack[top++] = child[c];
  }
  if (k !== n) throw new Error("initial basis is not a spanning tree");
  const thread = new Int32Array(n);
  const revThread = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = order[i];
    const y = order[(i + 1) % n];
    thread[x] = y;
    revThread[y] = x;
  }
  const size = new Int32Array(n).fill(1);
  for (let i = n - 1; i > 0; i--) size[parent[order[i]]] += size[order[i]];
  const last = new Int32Array(n);
  for (let i = 0; i < n; i++) last[order[i]] = order[i + size[order[i]] - 1];
  const up = new Uint8Array(n);
  const resUp = new Float64Array(n);
  const resDown = new Float64Array(n);
  const pi = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const x = order[i];
    const a = pred[x];
    const isUp = source[a] === x;
    up[x] = isUp ? 1 : 0;
    resUp[x] = isUp ? cap[a] - flow[a] : flow[a];
    resDown[x] = isUp ? flow[a] : cap[a] - flow[a];
    pi[x] = isUp ? pi[parent[x]] - cost[a] : pi[parent[x]] + cost[a];
  }
  const path = new Int32Array(n);
  const segEnd = new Int32Array(n);
  return { root, parent, pred, up, resUp, resDown, thread, revThread, size, last, pi, path, segEnd };
}

/**
 * Replaces the tree arc above `leave` by `enter`, which joins `uIn` (in the subtree S of `leave`) to `vIn`, points
 * from uIn to vIn when `enterUp`, and now carries `enterFlow` of `enterCap`. S is cut out and hung under vIn by uIn,
 * reversing the path uIn … leave. In the new preorder S starts with the old subtree of uIn, followed, for each node
 * w further up the path, by w's old subtree minus the part already placed; S is threaded in as vIn's first child,
 * so only the ancestors whose run ended at vIn get a new `last`. Potentials are left to the caller.
 */
export function moveSubtree(
  t: SpanningTree,
  uIn: number,
  vIn: number,
  enter: number,
  enterUp: boolean,
  enterFlow: number,
  enterCap: number,
  leave: number,
  join: number,
): void {
  const { parent, pred, up, resUp, resDown, thread, revThread, size, last, path, segEnd } = t;
  const vOut = parent[leave];
  const sizeS = size[leave];
  const lastS = last[leave];

  // Path w_0 = uIn … w_k = leave and where each node's part of the new order ends; a part made of two runs
  // is stitched together here (those links lie inside S and are not read again).
  let k = 0;
  path[0] = uIn;
  segEnd[0] = last[uIn];
  while (path[k] !== leave) {
    const below = path[k];
    const w = parent[below];
    path[++k] = w;
    const a = revThread[below];
    if (last[below] === last[w]) {
      segEnd[k] = a;
    } else {
      segEnd[k] = last[w];
      const b = thread[last[below]];
      thread[a] = b;
      revThread[b] = a;
    }
  }
  const newLast = segEnd[k];

  // Cut S out of the thread; ancestors whose run ended with S now end just before it.
  const before = revThread[leave];
  const after = thread[lastS];
  thread[before] = after;
  revThread[after] = before;
  for (let x = vOut; x !== -1 && last[x] === lastS; x = parent[x]) last[x] = before;
  for (let x = vOut; x !== join; x = parent[x]) size[x] -= sizeS;

  // Chain the parts in their new order, then thread S in right after vIn.
  for (let i = 1; i <= k; i++) {
    thread[segEnd[i - 1]] = path[i];
    revThread[path[i]] = segEnd[i - 1];
  }
  const nextOfV = thread[vIn];
  thread[vIn] = uIn;
  revThread[uIn] = vIn;
  thread[newLast] = nextOfV;
  revThread[nextOfV] = newLast;
  for (let x = vIn; x !== -1 && last[x] === vIn; x = parent[x]) last[x] = newLast;
  for (let x = vIn; x !== join; x = parent[x]) size[x] += sizeS;

  // Reverse the path top down, so each step still reads its lower neighbour's old values.
  for (let i = k; i >= 1; i--) {
    const w = path[i];
    const below = path[i - 1];
    size[w] = sizeS - size[below];
    parent[w] = below;
    pred[w] = pred[below];
    up[w] = up[below] === 1 ? 0 : 1;
    resUp[w] = resDown[below];
    resDown[w] = resUp[below];
    last[w] = newLast;
  }
  parent[uIn] = vIn;
  pred[uIn] = enter;
  up[uIn] = enterUp ? 1 : 0;
  resUp[uIn] = enterUp ? enterCap - enterFlow : enterFlow;
  resDown[uIn] = enterUp ? enterFlow : enterCap - enterFlow;
  size[uIn] = sizeS;
  last[uIn] = newLast;
}
