import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import type { GraphExchange } from '../../src/graph/http/types.js';
import { field, writeFixedLine } from '../../src/observability/fixedLines.js';
import { createGraphObserver } from '../../src/observability/graphObserver.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { answerOperation } from '../../src/plugins/operationLog.js';

// The two lines every request writes are built by hand (src/observability/fixedLines.ts): they must
// be the bytes pino writes for the same fields, whatever the values.

function capture(level: 'info' | 'warn' = 'info'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({ write: (c: Buffer, _e, done) => (lines.push(c.toString('utf8')), done()) });
  return { logger: createLogger(level, sink), lines };
}

// Both lines are written in the same millisecond or the next: the time is the one field compared apart.
const withoutTime = (line: string): string => line.replace(/,"time":\d+/, ',"time":0');

async function settled(lines: string[], n: number): Promise<string[]> {
  for (let i = 0; i < 50 && lines.length < n; i++) await new Promise((r) => setImmediate(r));
  return lines;
}

/** Our `n` lines are pino's, byte for byte but for the time. */
async function expectSameLines(ours: string[], theirs: string[], n: number): Promise<void> {
  const got = await settled(ours, n);
  const want = await settled(theirs, n);
  expect(want).toHaveLength(n);
  expect(got.map(withoutTime)).toEqual(want.map(withoutTime));
}

const STRINGS = [
  '',
  'plain',
  'quote " and backslash \\ and both \\"',
  'control \u0000 \u0001 \n \t \u001f chars',
  'del \u007f, line separator \u2028, paragraph \u2029',
  'Zürich, 東京, emoji 🛡️',
  'x'.repeat(100),
  `${'y'.repeat(101)}"`,
  `${'z'.repeat(150)}\n`,
  '</script><script>',
];
const NUMBERS = [0, -0, 1, -17, 1.25, 0.1 + 0.2, 1e21, 1e-7, 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const OTHERS = [null, undefined, [], ['A'], ['A', 'B_C', 'with "quote"']];

describe('fixed log lines: the bytes pino writes', () => {
  const loggers: [string, (l: Logger) => Logger][] = [
    ['the root logger', (l) => l],
    ['a request child', (l) => l.child({ requestId: 'req-1' })],
    ['a traced child', (l) => l.child({ requestId: 'req-"2"', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' })],
  ];

  for (const [name, childOf] of loggers) {
    it(`every kind of value, from ${name}, at info and warn`, async () => {
      for (const level of ['info', 'warn'] as const) {
        const values = [...STRINGS, ...NUMBERS, ...OTHERS];
        const ours = capture();
        const theirs = capture();
        const a = childOf(ours.logger);
        const b = childOf(theirs.logger);
        for (const value of values) {
          writeFixedLine(a, level, field('first', 'x') + field('value', value as string) + field('last', 1), 'a "message" \n');
          b[level]({ first: 'x', value, last: 1 }, 'a "message" \n');
        }
        await expectSameLines(ours.lines, theirs.lines, values.length);
      }
    });
  }

  it('a lone surrogate: escaped, as pino does on Node 25 (before, pino writes it raw and UTF-8 makes it U+FFFD)', async () => {
    const ours = capture();
    const theirs = capture();
    writeFixedLine(ours.logger, 'info', field('value', 'half \ud83d pair'), 'm');
    theirs.logger.info({ value: 'half \ud83d pair' }, 'm');
    const [got] = await settled(ours.lines, 1);
    const [want] = await settled(theirs.lines, 1);
    expect(got).toContain('"value":"half \\ud83d pair"');
    expect((JSON.parse(got!) as { value: string }).value).toBe('half \ud83d pair');
    if (Number(process.versions.node.split('.')[0]) >= 25) expect(withoutTime(got!)).toBe(withoutTime(want!));
    else expect((JSON.parse(want!) as { value: string }).value).toBe('half \ufffd pair');
  });

  it('writes nothing below the logger level', async () => {
    const { logger, lines } = capture('warn');
    writeFixedLine(logger, 'info', field('value', 1), 'hidden');
    writeFixedLine(logger, 'warn', field('value', 2), 'shown');
    await settled(lines, 2);
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
  });
});

describe('the two request lines, against the objects pino was given before', () => {
  const exchange = (over: Partial<GraphExchange>): GraphExchange => ({
    method: 'PATCH',
    path: '/security/ipSecurityProfiles/a%22b',
    status: 200,
    failure: null,
    durationMs: 12.3456,
    clientRequestId: 'req-"1"',
    attempt: 1,
    headers: { 'request-id': 'graph-"id"' },
    ...over,
  });

  it('graph call: answered, failed without an answer, a Graph request id past the limit', async () => {
    const cases = [exchange({}), exchange({ status: null, failure: 'UND_ERR_SOCKET', headers: {}, attempt: 2 }), exchange({ status: 503, headers: { 'request-id': 'r'.repeat(300) } })];
    const ours = capture();
    const theirs = capture();
    const observer = createGraphObserver(ours.logger, new GatewayMetrics());
    for (const e of cases) {
      observer.onExchange(e);
      const failed = e.status === null || e.status >= 400;
      const graphRequestId = e.headers['request-id'] as string | undefined;
      theirs.logger[failed ? 'warn' : 'info'](
        {
          requestId: e.clientRequestId,
          method: e.method,
          path: e.path,
          status: e.status,
          failure: e.failure ?? undefined,
          attempt: e.attempt,
          durationMs: Math.round(e.durationMs * 10) / 10,
          graphRequestId: graphRequestId === undefined ? undefined : graphRequestId.length > 256 ? `${graphRequestId.slice(0, 256)}…[truncated 44 chars]` : graphRequestId,
          clientRequestId: e.clientRequestId,
        },
        'graph call',
      );
    }
    await expectSameLines(ours.lines, theirs.lines, cases.length);
  });

  it('graphql operation: success, errors with codes, Graph warnings', async () => {
    const ours = capture();
    const theirs = capture();
    const bindings = { requestId: 'req-9', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
    const context = (graphWarnings: Context['graphWarnings']): Context => ({ requestId: 'req-9', graphWarnings, logger: ours.logger.child(bindings) }) as unknown as Context;
    const started = performance.now();
    const warnings = [{ header: 'deprecation', value: '@1688169599' }] as const;
    answerOperation(new GatewayMetrics(), context([]), { validatedName: 'Update', type: 'mutation', started, unvalidatedName: () => null }, { data: {} });
    answerOperation(new GatewayMetrics(), context(warnings), { validatedName: null, type: null, started, unvalidatedName: () => 'Bad "name"' }, {
      errors: [{ message: 'a', extensions: { code: 'BAD_USER_INPUT' } }, { message: 'b' }, { message: 'c', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const got = (await settled(ours.lines, 2)).map((l) => JSON.parse(l) as { durationMs: number });
    const child = theirs.logger.child(bindings);
    child.info({ operationName: 'Update', operationType: 'mutation', outcome: 'success', errorCodes: [], durationMs: got[0]!.durationMs, warnings: undefined }, 'graphql operation');
    child.info({ operationName: 'Bad "name"', operationType: null, outcome: 'error', errorCodes: ['BAD_USER_INPUT', 'UNKNOWN'], durationMs: got[1]!.durationMs, warnings: 1 }, 'graphql operation');
    await expectSameLines(ours.lines, theirs.lines, 2);
  });
});
