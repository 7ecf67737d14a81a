import { INDEXES } from '../../serverless';
/**
 * DynamoDB capacity units computed from item sizes, because DynamoDB Local under-reports consumed
 * capacity. The model (AWS's documented rules, simplified where noted):
 * - item size = sum over attributes of name bytes + value bytes; a string is its UTF-8 bytes, a
 *   number ceil(significant digits / 2) + 1, a boolean or null 1, a map or list 3 + each element
 *   (+ its name for a map) + 1;
 * - reads: 1 RCU per started 4 KB, strongly consistent (every read here is); a Query sums its items
 *   before rounding; a BatchGetItem rounds each item; a read that finds nothing still costs 1;
 * - writes: 1 WCU per started 1 KB of the larger of the item before and after; each GSI write as
 *   `gsiWrites` says;
 * - transactions: every item costs double (2 WCU per KB; a ConditionCheck is a transactional read,
 *   2 RCU per 4 KB); GSI writes caused by a transaction are counted once, at the standard rate.
 */
export type Item = Record<string, unknown>;

const valueSize = (value: unknown): number => {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value).replace(/^-/, '').replace('.', '').replace(/e.*$/i, '').replace(/^0+/, '').replace(/0+$/, '');
    return Math.ceil(Math.max(1, digits.length) / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, element) => sum + valueSize(element), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, element) => sum + valueSize(element) + 1, 0);
  if (typeof value === 'object')
    return 3 + Object.entries(value).reduce((sum, [name, element]) => sum + Buffer.byteLength(name) + valueSize(element) + 1, 0);
  throw new Error(`No size for ${typeof value}`);
};

export const itemSize = (item: Item | undefined): number =>
  item ? Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name, 'utf8') + valueSize(value), 0) : 0;

export const readUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096));
export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/**
 * The GSI writes an item change causes, by each index's projection (serverless.ts): an index that
 * projects everything is written whenever its item changes (in place, or a delete and a put when
 * its key moved); one that holds keys only, only when the key is added, removed or moved, and an
 * entry of keys alone is one unit.
 */
export function gsiWrites(before: Item | undefined, after: Item | undefined): number {
  let units = 0;
  for (const [gsi, { projection }] of Object.entries(INDEXES)) {
    const keyOf = (item: Item | undefined) =>
      item && item[`${gsi}PK`] !== undefined ? `${String(item[`${gsi}PK`])}|${String(item[`${gsi}SK`])}` : undefined;
    const [was, is] = [keyOf(before), keyOf(after)];
    const entryUnits = (item: Item | undefined) => (projection === 'KEYS_ONLY' ? 1 : writeUnits(itemSize(item)));
    if (was !== undefined && was === is) {
      if (projection !== 'KEYS_ONLY') units += writeUnits(Math.max(itemSize(before), itemSize(after)));
    } else {
      if (was !== undefined) units += entryUnits(before);
      if (is !== undefined) units += entryUnits(after);
    }
  }
  return units;
}
