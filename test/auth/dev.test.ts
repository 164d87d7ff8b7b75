import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { spawnEntry } from '../helpers/process.js';
import { PROFILE_ID, UPDATE, postGraphQL } from '../helpers/stack.js';

// Pretty log lines carry colour codes.
const plain = (line: string) => line.replace(/\x1b\[[0-9;]*m/g, '');

describe('npm run dev:obo', () => {
  it('starts the emulator, its identity platform and the gateway; a signed-in token goes through; SIGTERM stops all', async () => {
    const dev = spawnEntry('dev/onBehalfOf.ts', { PORT: '0', EMULATOR_PORT: '0', NODE_ENV: 'development' });
    try {
      const signIn = plain(await dev.waitForLine((l) => l.includes('/_emulator/token'), 60_000));
      const [, caPath, tokenUrl] = /--cacert (\S+) -X POST (\S+)/.exec(signIn)!;
      const url = /"(http:\/\/\S+\/graphql)"/.exec(plain(await dev.waitForLine((l) => /url: "http/.test(plain(l)), 60_000)))![1]!;

      // The identity platform's certificate is trusted through its CA only: MSAL's view too.
      const dispatcher = new Agent({ connect: { ca: readFileSync(caPath!, 'utf8') } });
      const res = await request(tokenUrl!, { method: 'POST', dispatcher });
      const { access_token: token } = (await res.body.json()) as { access_token: string };
      await dispatcher.close();

      const answer = await postGraphQL(url, { query: UPDATE, variables: { id: PROFILE_ID, input: { tags: ['dev-obo'] } } }, { authorization: `Bearer ${token}` });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.updateIpSecurityProfile).toMatchObject({ tags: ['dev-obo'] });
      await dev.waitForLine((l) => plain(l).includes('on-behalf-of exchange'));
      for (const line of [...dev.stdout, ...dev.stderr]) expect(line).not.toContain(token);
    } finally {
      dev.child.kill('SIGTERM');
    }
    expect(await dev.exit()).toBe(0);
  }, 120_000);
});
