/**
 * Request generators for the fuzz suite, built from an operation's OpenAPI schema and a valid request: boundary
 * and out-of-range values from each field's own constraints, huge and negative numbers, wrong types, Unicode,
 * 1 MiB strings, unknown fields, removed fields, malformed JSON, wrong content types, bad ids, queries and cursors.
 */
import fc from "fast-check";

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema objects are walked freely
export type Schema = any;
type Path = (string | number)[];

export interface FuzzRequest {
  /** What was done, for the failure message. */
  what: string;
  path: string;
  body?: string;
  contentType?: string;
  /** The unknown field this request adds; a success that accepted it is a defect. */
  extraField?: string;
}

/** Resolves `$ref`s into the document's components. */
export function resolver(doc: Schema) {
  const resolve = (s: Schema): Schema => {
    if (s?.$ref)
      return resolve(
        s.$ref
          .split("/")
          .slice(1)
          .reduce((o: Schema, k: string) => o[k], doc),
      );
    return s;
  };
  return resolve;
}

/** Every field of `value` with its schema (when the schema says), depth first. */
function fields(value: unknown, schema: Schema, resolve: (s: Schema) => Schema, path: Path = []) {
  const out: { path: Path; schema: Schema }[] = [];
  const s = resolve(schema) ?? {};
  const variants = [s, ...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].map(resolve);
  if (path.length) out.push({ path, schema: s });
  if (Array.isArray(value)) {
    const items = variants.find((v) => v?.items)?.items;
    value.forEach((v, i) => {
      out.push(...fields(v, items, resolve, [...path, i]));
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const prop = variants.find((x) => x?.properties?.[k])?.properties?.[k];
      out.push(...fields(v, prop, resolve, [...path, k]));
    }
  }
  return out;
}

const MIB = "x".repeat(1024 * 1024);
const unicode = fc.constantFrom(
  "\u0000",
  "\uD83D\uDCA9 emoji",
  "\u202Eright-to-left",
  "e\u0301\u0301\u0301 combining",
  "\uFEFF bom",
  "中文名称",
  "\uD800 lone surrogate",
  " ",
  "",
  "<script>alert(1)</script>",
  "'; drop table orders; --",
);
const HUGE = [2 ** 31, 2 ** 53 + 1, 1e308, -(2 ** 53), -1, -0.5, 0, 1.5, 1e-9, 2 ** 63];

/** Boundary and just-out-of-range values from a field's own constraints. */
function boundaries(s: Schema): unknown[] {
  const out: unknown[] = [];
  for (const n of [s.minimum, s.maximum, s.exclusiveMinimum, s.exclusiveMaximum]) {
    if (typeof n === "number") out.push(n, n - 1, n + 1);
  }
  for (const len of [s.minLength, s.maxLength]) {
    if (typeof len === "number")
      out.push("a".repeat(Math.max(0, len - 1)), "a".repeat(len), "a".repeat(len + 1));
  }
  for (const len of [s.minItems, s.maxItems]) {
    if (typeof len === "number")
      out.push(
        Array.from({ length: len + 1 }, () => ({})),
        [],
      );
  }
  if (s.enum) out.push(...s.enum, "not-in-enum", String(s.enum[0]).toUpperCase());
  if (s.format === "date" || s.format === "date-time")
    out.push("2026-02-30", "0000-00-00", "2026-13-01T25:61:00Z");
  return out;
}

/** A value replacing one field: from its schema's boundaries, or hostile values of any type. */
function replacement(s: Schema, key: string | number | undefined): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...HUGE),
    unicode,
    fc.constantFrom(null, true, [], {}, "12", MIB),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.jsonValue({ maxDepth: 2 }),
  ];
  const bounds = boundaries(s ?? {});
  if (bounds.length) options.push(fc.constantFrom(...bounds), fc.constantFrom(...bounds));
  if (typeof key === "string" && /Fen$/.test(key)) options.push(fc.integer({ min: -(2 ** 40), max: -1 }));
  return fc.oneof(...options);
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
function setAt(root: unknown, path: Path, value: unknown, remove = false) {
  let node = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && !Array.isArray(node)) delete node[last];
  else node[last] = value;
}

const BAD_IDS = [
  "ord_0000000000000000000000000z",
  "bid_0000000000000000000000000z",
  "usr_xxxxxxxxxxxxxxxxxxxxxxxxxx",
  "ord_",
  "ORD_ABC",
  "%00",
  "..%2F..%2Fetc",
  "%F0%9F%92%A9",
  "x".repeat(400),
  "1%20or%201%3D1",
];
const BAD_QUERY_VALUES = [
  "-1",
  "0",
  "101",
  "1e9",
  "abc",
  "%00",
  "",
  "WyJ4Il0",
  "eyJpZCI6Im9yZF8ifQ",
  "9".repeat(400),
];

/**
 * An arbitrary request for one operation: the valid request, one of its fields replaced or removed, an unknown
 * field, a malformed or mistyped body, a bad path id or a hostile query value.
 */
export function requestArbitrary(
  op: { path: string; method: string; parameters: Schema[]; bodySchema?: Schema },
  valid: { path: string; body?: unknown },
  resolve: (s: Schema) => Schema,
): fc.Arbitrary<FuzzRequest> {
  const base = (r: Partial<FuzzRequest> & { what: string }): FuzzRequest => ({
    path: valid.path,
    body: valid.body === undefined ? undefined : JSON.stringify(valid.body),
    ...r,
  });
  const options: fc.Arbitrary<FuzzRequest>[] = [fc.constant(base({ what: "the valid request" }))];

  const paramNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (paramNames.length) {
    options.push(
      fc.constantFrom(...BAD_IDS).map((id) => {
        // Replace the last id of the concrete path (the resource the operation acts on).
        const [pathOnly, query] = valid.path.split("?");
        const parts = pathOnly.split("/");
        const at = op.path.split("/").findLastIndex((p) => p.startsWith("{"));
        parts[at] = id;
        const path = parts.join("/") + (query ? `?${query}` : "");
        return base({ what: `path id ${id.slice(0, 40)}`, path });
      }),
    );
  }
  const queries = op.parameters.map(resolve).filter((p) => p?.in === "query");
  if (queries.length) {
    options.push(
      fc
        .tuple(
          fc.constantFrom(...queries),
          fc.oneof(fc.constantFrom(...BAD_QUERY_VALUES), fc.string({ unit: "grapheme", maxLength: 30 })),
        )
        .map(([p, v]) => {
          const sep = valid.path.includes("?") ? "&" : "?";
          return base({
            what: `query ${p.name}=${v}`,
            path: `${valid.path}${sep}${encodeURIComponent(p.name)}=${encodeURIComponent(v)}`,
          });
        }),
    );
  }
  if (op.method !== "GET") {
    const body = valid.body;
    const all = body === undefined ? [] : fields(body, op.bodySchema, resolve);
    if (all.length) {
      options.push(
        fc
          .constantFrom(...all)
          .chain((f) => replacement(f.schema, f.path.at(-1)).map((v) => ({ f, v })))
          .map(({ f, v }) => {
            const copy = clone(body);
            setAt(copy, f.path, v);
            return base({
              what: `${f.path.join(".")} = ${JSON.stringify(v)?.slice(0, 60)}`,
              body: JSON.stringify(copy),
            });
          }),
        fc.constantFrom(...all).map((f) => {
          const copy = clone(body);
          setAt(copy, f.path, undefined, true);
          return base({ what: `without ${f.path.join(".")}`, body: JSON.stringify(copy) });
        }),
      );
    }
    // An operation without a body ignores one; one with a body schema must refuse what the schema does not name.
    if (op.bodySchema) {
      options.push(
        fc
          .tuple(
            fc.constantFrom<Path>(
              [],
              ...all.filter((f) => typeof f.path.at(-1) === "string").map((f) => f.path.slice(0, -1)),
            ),
            fc.jsonValue({ maxDepth: 1 }),
          )
          .map(([parent, v]) => {
            const copy = clone(body ?? {}) as Record<string, unknown>;
            const extraField = "zzUnknownField";
            let node = copy as Record<string | number, unknown>;
            for (const k of parent) node = node[k] as Record<string | number, unknown>;
            if (node && typeof node === "object" && !Array.isArray(node)) node[extraField] = v ?? 1;
            return base({
              what: `unknown field at ${parent.join(".") || "the root"}`,
              body: JSON.stringify(copy),
              extraField,
            });
          }),
      );
    }
    options.push(
      fc
        .constantFrom(
          "{",
          '{"a":',
          "[1,2",
          "nul",
          "\u0000",
          "1e99999",
          '"\\ud800"',
          JSON.stringify(MIB),
          `{"title":${JSON.stringify(MIB)}}`,
        )
        .map((raw) => base({ what: `malformed body ${raw.slice(0, 20)}`, body: raw })),
      fc
        .constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "application/json; charset=utf-16",
        )
        .map((contentType) => base({ what: `content type ${contentType}`, contentType })),
    );
  }
  return fc.oneof(...options);
}
