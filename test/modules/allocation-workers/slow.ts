/** A stand-in allocation worker: reports progress, holds it for a while, then returns an empty result. */
import { parentPort } from "node:worker_threads";

parentPort!.postMessage({ type: "progress", progress: { phase: "solve", done: 3, total: 10 } });
setTimeout(() => {
  parentPort!.postMessage({
    type: "result",
    result: {
      assignments: [],
      underfilledOrders: [],
      objective: 0,
      blockingPairs: null,
      stats: { orders: 0, cohorts: 0, candidatePairs: 0, solveMs: 1 },
    },
  });
}, 3000);
