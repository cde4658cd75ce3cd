/** The request body of the embedded benches (bench:embedded, bench:instructions): one shape, made unique by `i`. */

/** A 1.4 KB request body as JSON: nested headers, query and body; `i` makes it unique. */
export function payload(i: number) {
  return {
    method: 'POST',
    path: `/api/v1/accounts/${i}/transfers`,
    query: { page: i % 7, sort: 'desc', filter: `amount>${i}` },
    headers: {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      'content-type': 'application/json',
      'x-request-id': `req-${i.toString(16).padStart(12, '0')}`,
      accept: 'application/json, text/plain, */*',
      'accept-language': 'en-US,en;q=0.9,de;q=0.8',
      cookie: `session=${'ab12'.repeat(24)}; theme=dark`,
    },
    body: {
      amount: (i * 37) % 10_000,
      currency: 'EUR',
      memo: "'; DROP TABLE accounts; -- ".repeat(24),
      tags: ['a', 'b', 'c', i],
      nested: { level1: { level2: { level3: [1, 2, 3, { k: 'v'.repeat(64) }] } } },
    },
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  }
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const
