import { beforeEach, describe, expect, it } from 'vitest';
import { closeContact } from '../../lib/contacts/lifecycle';
import { getSourceRouting } from '../../lib/db/sources';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { readOperator } from '../../lib/operators/read';
import { removeOperator } from '../../lib/operators/remove';
import { updateOperator } from '../../lib/operators/update';
import { removeSource } from '../../lib/sources/remove';
import { allItems, useFreshTable } from '../support/database';
import { registerContact, sourceWithOperators } from '../support/fixtures';
import type { Database } from '../../lib/db/client';

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
});

describe('operators', () => {
  it('change only the fields a PATCH gives', async () => {
    await sourceWithOperators([10], 3);
    expect(await updateOperator(1, { is_active: false })).toMatchObject({ name: 'Operator 1', is_active: false, max_load: 3 });
    expect(await readOperator(1)).toMatchObject({ is_active: false, max_load: 3 });
  });

  it('are deleted with their assignments once they have no open contacts', async () => {
    await sourceWithOperators([10, 10], 3);
    const contact = await registerContact({ lead_external_id: 'a', source_id: 1 });
    await expect(removeOperator(contact.operator_id!)).rejects.toBeInstanceOf(ConflictError);
    await closeContact(contact.id);
    await removeOperator(contact.operator_id!);
    await expect(readOperator(contact.operator_id!)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getSourceRouting(1))!.assignments.map((a) => a.operator_id)).not.toContain(contact.operator_id);
    await expect(removeOperator(contact.operator_id!)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('sources', () => {
  it('are deleted with their assignments when they never had a contact', async () => {
    await sourceWithOperators([10, 20], 3);
    await removeSource(1);
    expect((await allItems(db)).filter((item) => String(item.PK).startsWith('SOURCE#'))).toEqual([]);
    await expect(removeSource(1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('with contacts are kept, with the reason', async () => {
    await sourceWithOperators([10], 3);
    await registerContact({ lead_external_id: 'a', source_id: 1 });
    await expect(removeSource(1)).rejects.toThrow(new ConflictError('Source 1 has contacts; remove its assignments instead of the source'));
  });
});
