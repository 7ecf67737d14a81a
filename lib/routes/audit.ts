import { MANAGE } from '../auth/roles';
import { AuditListQuery, AuditRecord } from '../schemas/audit';
import { list, type Route } from './route';

export const AUDIT_ROUTES = {
  listAudit: {
    method: 'get',
    path: '/audit',
    handler: 'audit/list',
    iam: 'reader',
    access: MANAGE,
    summary: 'Who changed what, when: every change made by hand, newest first',
    tag: 'Audit',
    query: AuditListQuery,
    responses: {
      200: list(AuditRecord, {
        id: '0b6c8c1e-6a0f-4a57-9d0a-2f1b7c3e9a41',
        at: '2026-12-04T15:02:11.000Z',
        action: 'updated',
        key_id: '3f9a0c21b7de',
        key_name: 'call-centre dashboard',
        entity: 'assignment',
        entity_id: 4,
        changes: { weight: { from: 10, to: 30 } },
      }),
    },
  },
} satisfies Record<string, Route>;
