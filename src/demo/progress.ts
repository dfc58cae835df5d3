/** Seed progress: a bar redrawn in place on a terminal, plain lines (each quarter of a phase) otherwise. */

export interface Progress {
  /** Starts a phase of `total` steps. */
  phase(name: string, total: number): void;
  /** Counts `n` more steps of the current phase. */
  tick(n?: number): void;
  /** Ends the run with a summary line. */
  done(summary: string): void;
}

/**
 * A progress reporter on `out` (a TTY gets a bar; anything else, a line per quarter).
 * @example const progress = progressOn(process.stdout); progress.phase("trainees", 30_000);
 */
export function progressOn(
  out: { isTTY?: boolean; write(text: string): unknown },
  clock = () => Date.now(),
): Progress {
  const started = clock();
  let name = "";
  let total = 0;
  let count = 0;
  let lastQuarter = -1;
  const elapsed = () => `${((clock() - started) / 1000).toFixed(1)} s`;
  const draw = () => {
    if (out.isTTY) {
      const width = 30;
      const filled = total ? Math.round((count / total) * width) : width;
      out.write(
        `\r${name.padEnd(16)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${count}/${total}  ${elapsed()}\x1b[K`,
      );
      return;
    }
    const quarter = total ? Math.floor((count / total) * 4) : 4;
    if (quarter !== lastQuarter) {
      lastQuarter = quarter;
      out.write(`seed: ${name} ${count}/${total} (${elapsed()})\n`);
    }
  };
  return {
    phase(next, steps) {
      if (out.isTTY && name) out.write("\n");
      name = next;
      total = steps;
      count = 0;
      lastQuarter = -1;
      draw();
    },
    tick(n = 1) {
      count = Math.min(total, count + n);
      draw();
    },
    done(summary) {
      if (out.isTTY && name) out.write("\n");
      out.write(`${summary} (${elapsed()})\n`);
    },
  };
}

/**
 * Runs `work` over `items` with at most `width` calls in flight (a connection pool's worth), in order of start.
 * @example await inPool(orders, 8, (order) => publishOrder(scope, { id: order.id }));
 */
export async function inPool<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T, i: number) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}
