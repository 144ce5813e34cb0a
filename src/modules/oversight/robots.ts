/**
 * A small robots.txt parser (RFC 9309): the group for our agent token (Gongkai) or else the groups for `*`,
 * Allow/Disallow with the longest match winning (Allow on a tie), `*` and `$` wildcards, Crawl-delay. Pure.
 */

/** The product tokens a site can name us by in a `User-agent:` line (compared case-insensitively). */
export const ROBOTS_AGENT_TOKENS = ['gongkai', 'gongkai-websitemonitor'] as const;

interface Rule {
  allow: boolean;
  /** The pattern as written (percent-encoded), for its length. */
  length: number;
  re: RegExp;
}

export interface Robots {
  /** Whether the path (with its query, as in URL.pathname + URL.search) may be fetched. */
  isAllowed(pathAndQuery: string): boolean;
  /** Crawl-delay of the applicable group in seconds, or null. */
  crawlDelay: number | null;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay: number | null;
}

/** Non-ASCII and spaces as UTF-8 percent escapes, so patterns compare with URL.pathname. */
function encodePath(s: string): string {
  return s.replace(/[^\x21-\x7e]+/g, (m) => encodeURIComponent(m));
}

function compileRule(pattern: string, allow: boolean): Rule {
  const encoded = encodePath(pattern);
  const anchored = encoded.endsWith('$');
  const body = anchored ? encoded.slice(0, -1) : encoded;
  const source = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return { allow, length: encoded.length, re: new RegExp(`^${source}${anchored ? '$' : ''}`) };
}

/** Percent escapes in upper case, so %e4 and %E4 compare equal. */
function normalizeEscapes(s: string): string {
  return s.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
}

export function parseRobots(text: string, tokens: readonly string[] = ROBOTS_AGENT_TOKENS): Robots {
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelay: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    if (key === 'sitemap') continue;
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      if (value === '') continue; // "Disallow:" with nothing forbids nothing
      current.rules.push(compileRule(normalizeEscapes(value), key === 'allow'));
    } else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelay = n;
    }
  }
  const own = groups.filter((g) => g.agents.some((a) => tokens.includes(a)));
  const chosen = own.length ? own : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.crawlDelay).filter((d): d is number => d !== null);
  return {
    crawlDelay: delays.length ? Math.max(...delays) : null,
    isAllowed(pathAndQuery: string): boolean {
      const path = normalizeEscapes(encodePath(pathAndQuery || '/'));
      if (path === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const r of rules) {
        if (!r.re.test(path)) continue;
        if (!best || r.length > best.length || (r.length === best.length && r.allow && !best.allow)) best = r;
      }
      return best ? best.allow : true;
    },
  };
}

/** Everything allowed (no robots.txt, or one that could not be read). */
export const allowAll: Robots = { crawlDelay: null, isAllowed: () => true };
