import { MANAGE, READ } from '../auth/roles';
import { ListQuery } from '../schemas/common';
import { Simulation, SimulationInput } from '../schemas/simulation';
import { Source, SourceInput, SourcePath, SourceStats, SourceStatsQuery, SourceWithAssignments } from '../schemas/sources';
import { sourceExample, assignmentExample } from './examples';
import { list, one, type Route } from './route';

export const SOURCE_ROUTES = {
  createSource: {
    method: 'post',
    path: '/sources',
    handler: 'sources/create',
    iam: 'writer',
    access: MANAGE,
    summary: 'Create a source (a bot or a form)',
    tag: 'Sources',
    body: SourceInput,
    bodyExample: { name: 'Telegram Bot' },
    responses: { 201: one('The source', Source, sourceExample) },
  },
  listSources: {
    method: 'get',
    path: '/sources',
    handler: 'sources/list',
    iam: 'reader',
    access: READ,
    summary: 'List sources',
    tag: 'Sources',
    query: ListQuery,
    responses: { 200: list(Source, sourceExample) },
  },
  getSource: {
    method: 'get',
    path: '/sources/{source_id}',
    handler: 'sources/get',
    iam: 'reader',
    access: READ,
    summary: 'A source with its weighted operators',
    tag: 'Sources',
    pathParams: SourcePath,
    responses: { 200: one('The source', SourceWithAssignments, { ...sourceExample, assignments: [assignmentExample] }) },
  },
  updateSource: {
    method: 'put',
    path: '/sources/{source_id}',
    handler: 'sources/update',
    iam: 'writer',
    access: MANAGE,
    summary: "Replace a source's name, routing policy and channel",
    tag: 'Sources',
    pathParams: SourcePath,
    body: SourceInput,
    bodyExample: { name: 'Telegram Bot', routing: { mode: 'weighted_round_robin', sticky: true } },
    responses: { 200: one('The source', Source, { ...sourceExample, routing: { mode: 'weighted_round_robin', sticky: true } }) },
  },
  deleteSource: {
    method: 'delete',
    path: '/sources/{source_id}',
    handler: 'sources/delete',
    iam: 'deleter',
    access: MANAGE,
    summary: 'Delete a source that never had a contact, with its assignments',
    tag: 'Sources',
    pathParams: SourcePath,
    responses: { 204: { description: 'Deleted' } },
  },
  sourceStats: {
    method: 'get',
    path: '/sources/{source_id}/stats',
    handler: 'sources/stats',
    iam: 'reader',
    access: READ,
    summary: 'Expected against actual share per operator, and why they were passed over, for a period',
    tag: 'Sources',
    pathParams: SourcePath,
    query: SourceStatsQuery,
    responses: { 200: one('The stats', SourceStats) },
  },
  simulateSource: {
    method: 'post',
    path: '/sources/{source_id}/simulate',
    handler: 'sources/simulate',
    // Writes nothing: a what-if is a read, and its role makes sure of it.
    iam: 'reader',
    access: READ,
    // Up to 10,000 contacts routed in memory.
    timeout: 20,
    summary: 'What-if: route a period of real contacts, or synthetic ones, through a proposed setup; writes nothing',
    tag: 'Sources',
    pathParams: SourcePath,
    body: SimulationInput,
    bodyExample: {
      routing: { mode: 'smooth_weighted', sticky: false },
      assignments: [
        { operator_id: 1, weight: 10 },
        { operator_id: 2, weight: 30 },
      ],
      replay: { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' },
      seed: 1,
    },
    responses: { 200: one('The simulated outcome beside the real one', Simulation) },
  },
} satisfies Record<string, Route>;
