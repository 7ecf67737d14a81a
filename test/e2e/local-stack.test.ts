import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../lib/db/client';
import { LAYOUT_VERSION } from '../../lib/db/layout';
import { freePort } from '../../scripts/processes';
import { startStack, type Stack } from '../../scripts/stack';
import { allItems } from '../support/database';

/** The addresses a process listens on, from Linux's socket tables (no tool needed). */
function listeningAddresses(pid: number): string[] {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? []].flat();
      } catch {
        return []; // closed meanwhile
      }
    }),
  );
  return ['tcp', 'tcp6'].flatMap((table) =>
    readFileSync(`/proc/net/${table}`, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === '0A' && inodes.has(fields[9]!)) // 0A: LISTEN
      .map((fields) => decodeAddress(fields[1]!)),
  );
}

/** `0100007F:1F40` -> `127.0.0.1:8000`; an IPv6 address as its 32 hex digits, its IPv4-mapped form decoded. */
function decodeAddress(hexAddress: string): string {
  const [host, port] = hexAddress.split(':') as [string, string];
  const ipv4 = (hex: string) =>
    hex
      .match(/../g)!
      .reverse()
      .map((byte) => parseInt(byte, 16))
      .join('.');
  const address = host.length === 8 ? ipv4(host) : host.startsWith('0000000000000000FFFF0000') ? ipv4(host.slice(24)) : host;
  return `${address}:${parseInt(port, 16)}`;
}

describe('the local stack', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ httpPort: await freePort(), tableName: 'local-stack-listening', noTimeout: true, warmUpMs: 1_500 });
  });
  afterAll(() => stack?.stop());

  it('listens on 127.0.0.1 only: DynamoDB Local and the local API alike', () => {
    expect(stack.pids).toHaveLength(2);
    const addresses = stack.pids.flatMap(listeningAddresses);
    expect(addresses).toContain(`127.0.0.1:${new URL(stack.apiUrl).port}`);
    expect(addresses).toContain(`127.0.0.1:${new URL(stack.dynamodbEndpoint).port}`);
    expect(addresses.filter((address) => !address.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('warms up with requests that write nothing: the table holds only its layout', async () => {
    const items = await allItems(createDatabase({ tableName: stack.tableName, endpoint: stack.dynamodbEndpoint }));
    expect(items).toEqual([{ PK: 'LAYOUT', SK: 'LAYOUT', version: LAYOUT_VERSION }]);
  });
});
