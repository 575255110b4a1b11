import { graphErrors } from './errors.ts';

/**
 * A small OData v4 `$filter` parser and evaluator for what Outlook clients send: comparisons
 * (eq ne gt ge lt le), and/or/not, parentheses, string functions (contains, startswith, endswith), and
 * lambdas over collections (`categories/any(c: c eq 'x')`,
 * `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')`, as in protocols.md §3.4).
 * It evaluates against the Graph JSON of an entity, so property paths are the Graph ones.
 */

export type FilterNode =
  | { t: 'lit'; v: string | number | boolean | null; dateLike?: boolean }
  | { t: 'path'; segs: string[] }
  | { t: 'cmp'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; l: FilterNode; r: FilterNode }
  | { t: 'and' | 'or'; l: FilterNode; r: FilterNode }
  | { t: 'not'; e: FilterNode }
  | { t: 'fn'; name: string; args: FilterNode[] }
  | { t: 'lambda'; kind: 'any' | 'all'; coll: string[]; v?: string; body?: FilterNode };

type Tok = { k: 'str' | 'num' | 'word' | 'punct'; v: string };

const CMP = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['contains', 'startswith', 'endswith', 'tolower', 'toupper']);

export function parseFilter(text: string): FilterNode {
  const toks = tokenize(text);
  let pos = 0;
  const peek = () => toks[pos];
  const word = (w: string) => peek()?.k === 'word' && peek()?.v.toLowerCase() === w;
  const expect = (v: string) => {
    if (peek()?.v !== v) throw invalid(text);
    pos++;
  };

  const parseOr = (): FilterNode => {
    let l = parseAnd();
    while (word('or')) {
      pos++;
      l = { t: 'or', l, r: parseAnd() };
    }
    return l;
  };
  const parseAnd = (): FilterNode => {
    let l = parseNot();
    while (word('and')) {
      pos++;
      l = { t: 'and', l, r: parseNot() };
    }
    return l;
  };
  const parseNot = (): FilterNode => {
    if (word('not')) {
      pos++;
      return { t: 'not', e: parseNot() };
    }
    return parseCmp();
  };
  const parseCmp = (): FilterNode => {
    const l = parsePrimary();
    const op = peek();
    if (op?.k === 'word' && CMP.has(op.v.toLowerCase())) {
      pos++;
      return { t: 'cmp', op: op.v.toLowerCase() as 'eq', l, r: parsePrimary() };
    }
    return l;
  };
  const parsePrimary = (): FilterNode => {
    const tok = toks[pos++];
    if (!tok) throw invalid(text);
    if (tok.v === '(' && tok.k === 'punct') {
      const e = parseOr();
      expect(')');
      return e;
    }
    if (tok.k === 'str') return { t: 'lit', v: tok.v };
    if (tok.k === 'num') {
      const dateLike = /^\d{4}-\d{2}-\d{2}/.test(tok.v);
      return dateLike ? { t: 'lit', v: tok.v, dateLike } : { t: 'lit', v: Number(tok.v) };
    }
    if (tok.k !== 'word') throw invalid(text);
    const lower = tok.v.toLowerCase();
    if (lower === 'true' || lower === 'false') return { t: 'lit', v: lower === 'true' };
    if (lower === 'null') return { t: 'lit', v: null };
    if (FUNCTIONS.has(lower) && peek()?.v === '(') {
      pos++;
      const args: FilterNode[] = [parseOr()];
      while (peek()?.v === ',') {
        pos++;
        args.push(parseOr());
      }
      expect(')');
      return { t: 'fn', name: lower, args };
    }
    const segs = tok.v.split('/');
    const last = (segs[segs.length - 1] ?? '').toLowerCase();
    if ((last === 'any' || last === 'all') && peek()?.v === '(') {
      pos++;
      const coll = segs.slice(0, -1);
      if (peek()?.v === ')') {
        pos++;
        return { t: 'lambda', kind: last, coll };
      }
      const v = toks[pos++];
      if (v?.k !== 'word') throw invalid(text);
      expect(':');
      const body = parseOr();
      expect(')');
      return { t: 'lambda', kind: last, coll, v: v.v, body };
    }
    return { t: 'path', segs };
  };

  const node = parseOr();
  if (pos !== toks.length) throw invalid(text);
  return node;
}

/** Evaluates a filter against an entity's Graph JSON. */
export function evaluateFilter(node: FilterNode, entity: unknown, scope: Record<string, unknown> = {}): boolean {
  return truthy(evalNode(node, entity, scope));
}

function evalNode(node: FilterNode, entity: unknown, scope: Record<string, unknown>): unknown {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'path':
      return resolvePath(node.segs, entity, scope);
    case 'and':
      return truthy(evalNode(node.l, entity, scope)) && truthy(evalNode(node.r, entity, scope));
    case 'or':
      return truthy(evalNode(node.l, entity, scope)) || truthy(evalNode(node.r, entity, scope));
    case 'not':
      return !truthy(evalNode(node.e, entity, scope));
    case 'cmp':
      return compare(node.op, evalNode(node.l, entity, scope), evalNode(node.r, entity, scope));
    case 'fn':
      return callFunction(
        node.name,
        node.args.map((a) => evalNode(a, entity, scope)),
      );
    case 'lambda': {
      const coll = resolvePath(node.coll, entity, scope);
      const list = Array.isArray(coll) ? coll : [];
      if (!node.body || !node.v) return node.kind === 'any' ? list.length > 0 : true;
      const test = (el: unknown) =>
        truthy(evalNode(node.body as FilterNode, entity, { ...scope, [node.v as string]: el }));
      return node.kind === 'any' ? list.some(test) : list.every(test);
    }
  }
}

function resolvePath(segs: string[], entity: unknown, scope: Record<string, unknown>): unknown {
  const [first = '', ...rest] = segs;
  let cur: unknown = Object.hasOwn(scope, first) ? scope[first] : getProp(entity, first);
  for (const s of rest) cur = getProp(cur, s);
  return cur;
}

/** Property lookup ignoring case, as Graph's URL parser does. */
function getProp(obj: unknown, name: string): unknown {
  if (!obj || typeof obj !== 'object') return undefined;
  const o = obj as Record<string, unknown>;
  if (name in o) return o[name];
  const lower = name.toLowerCase();
  const key = Object.keys(o).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : o[key];
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (op === 'eq' || op === 'ne') {
    const equal = looseEqual(a, b);
    return op === 'eq' ? equal : !equal;
  }
  if (a === null || b === null) return false;
  const [x, y] = comparable(a, b);
  switch (op) {
    case 'gt':
      return x > y;
    case 'ge':
      return x >= y;
    case 'lt':
      return x < y;
    default:
      return x <= y;
  }
}

function looseEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' && typeof b === 'string') {
    const da = dateValue(a);
    const db = dateValue(b);
    if (da !== undefined && db !== undefined) return da === db;
    // Exchange restrictions compare strings ignoring case.
    return a.toLowerCase() === b.toLowerCase();
  }
  return a === b;
}

function comparable(a: unknown, b: unknown): [number | string, number | string] {
  if (typeof a === 'string' && typeof b === 'string') {
    const da = dateValue(a);
    const db = dateValue(b);
    if (da !== undefined && db !== undefined) return [da, db];
    return [a.toLowerCase(), b.toLowerCase()];
  }
  return [Number(a), Number(b)];
}

function dateValue(s: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(s)) return undefined;
  const t = Date.parse(/T.*(Z|[+-]\d{2}:?\d{2})$/.test(s) || !s.includes('T') ? s : `${s}Z`);
  return Number.isNaN(t) ? undefined : t;
}

function callFunction(name: string, args: unknown[]): unknown {
  const [a, b] = args.map((x) => (typeof x === 'string' ? x.toLowerCase() : x));
  switch (name) {
    case 'contains':
      return typeof a === 'string' && typeof b === 'string' && a.includes(b);
    case 'startswith':
      return typeof a === 'string' && typeof b === 'string' && a.startsWith(b);
    case 'endswith':
      return typeof a === 'string' && typeof b === 'string' && a.endsWith(b);
    case 'tolower':
    case 'toupper':
      return a;
    default:
      return false;
  }
}

function truthy(v: unknown): boolean {
  return v === true;
}

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= text.length) throw invalid(text);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += text[i++];
      }
      toks.push({ k: 'str', v });
    } else if ('(),:'.includes(ch)) {
      toks.push({ k: 'punct', v: ch });
      i++;
    } else if (/[0-9-]/.test(ch)) {
      const m = /^-?\d[\d.:TZ+-]*/.exec(text.slice(i));
      if (!m) throw invalid(text);
      toks.push({ k: 'num', v: m[0] });
      i += m[0].length;
    } else {
      const m = /^[A-Za-z_][\w./]*/.exec(text.slice(i));
      if (!m) throw invalid(text);
      toks.push({ k: 'word', v: m[0] });
      i += m[0].length;
    }
  }
  return toks;
}

function invalid(text: string) {
  return graphErrors.badRequest(`Invalid filter clause: ${text}`);
}
