import { GraphQLError } from 'graphql';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFormatError } from '../src/errors.js';
import { createLogger } from '../src/observability/logger.js';

describe('formatError', () => {
  it('masks our own bugs to the client and logs them in full', () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (c: Buffer, _e, done) => (lines.push(c.toString()), done()) }));
    const bug = new TypeError("Cannot read properties of undefined (reading 'secretInternals')");
    const wrapped = new GraphQLError(bug.message, { originalError: bug, path: ['updateIpSecurityProfile'] });
    const formatted = createFormatError(logger)(
      { message: bug.message, path: ['updateIpSecurityProfile'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['TypeError: ...'] } },
      wrapped,
    );
    expect(formatted).toEqual({ message: 'Internal server error', path: ['updateIpSecurityProfile'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines.join('')).toContain('secretInternals');
  });
});
