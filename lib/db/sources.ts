import { Assignment } from '../schemas/assignments';
import { Source, type SourceInput } from '../schemas/sources';
import { nextId } from './ids';
import { putNewItem, queryPartition } from './items';
import { ASSIGNMENT_PREFIX, sourceKeys, sourcePartition } from './keys';
import { listEntities, type Page, type PageRequest } from './pagination';

/** Creates a source (a bot or a form that brings contacts). */
export async function createSource(input: SourceInput): Promise<Source> {
  const source: Source = { id: await nextId('SOURCE'), ...input };
  await putNewItem({ ...sourceKeys(source.id), ...source });
  return source;
}

/** Sources in id order, a page at a time. */
export const listSources = (page: PageRequest): Promise<Page<Source>> => listEntities('SOURCE', Source, page);

export interface SourceRouting {
  source: Source;
  assignments: Assignment[];
}

/** A source with every operator assigned to it, in one strongly consistent Query of its partition. */
export async function getSourceRouting(sourceId: number): Promise<SourceRouting | undefined> {
  const items = await queryPartition(sourcePartition(sourceId));
  const sourceItem = items.find((item) => !String(item.SK).startsWith(ASSIGNMENT_PREFIX));
  if (!sourceItem) return undefined;
  return {
    source: Source.parse(sourceItem),
    assignments: items
      .filter((item) => String(item.SK).startsWith(ASSIGNMENT_PREFIX))
      .map((item) => Assignment.parse(item)),
  };
}
