/** Fixed-size heap keeping the k best hits (score descending, then id rank ascending). */

/** Bounded min-heap keeping the k best (score desc, then id rank asc). */
export class TopHeap {
  readonly score: Float64Array;
  readonly rank: Int32Array;
  readonly item: Int32Array;
  n = 0;
  constructor(readonly k: number) {
    this.score = new Float64Array(k);
    this.rank = new Int32Array(k);
    this.item = new Int32Array(k);
  }
  private worse(a: number, b: number): boolean {
    const sa = this.score[a];
    const sb = this.score[b];
    return sa < sb || (sa === sb && this.rank[a] > this.rank[b]);
  }
  private swap(a: number, b: number): void {
    const s = this.score[a];
    this.score[a] = this.score[b];
    this.score[b] = s;
    const r = this.rank[a];
    this.rank[a] = this.rank[b];
    this.rank[b] = r;
    const it = this.item[a];
    this.item[a] = this.item[b];
    this.item[b] = it;
  }
  /** Lowest score still able to enter (ties are decided by rank in push). */
  threshold(): number {
    return this.n < this.k ? Number.NEGATIVE_INFINITY : this.score[0];
  }
  push(s: number, rank: number, item: number): void {
    if (this.n < this.k) {
      let i = this.n++;
      this.score[i] = s;
      this.rank[i] = rank;
      this.item[i] = item;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    if (s < this.score[0] || (s === this.score[0] && rank > this.rank[0])) return;
    this.score[0] = s;
    this.rank[0] = rank;
    this.item[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.n && this.worse(l, m)) m = l;
      if (r < this.n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
  /** Items best first. */
  sorted(): { item: number; score: number }[] {
    const idx = Array.from({ length: this.n }, (_, i) => i);
    idx.sort((a, b) => this.score[b] - this.score[a] || this.rank[a] - this.rank[b]);
    return idx.map((i) => ({ item: this.item[i], score: this.score[i] }));
  }
}
