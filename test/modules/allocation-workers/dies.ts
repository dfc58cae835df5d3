/** A stand-in allocation worker that dies mid-job, as one killed by the out-of-memory killer would. */
import { parentPort } from "node:worker_threads";

parentPort!.postMessage({ type: "progress", progress: { phase: "retrieval", done: 1, total: 2 } });
process.exit(7);
