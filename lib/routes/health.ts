import * as z from 'zod';
import { one, type Route } from './route';

export const HEALTH_ROUTES = {
  health: {
    method: 'get',
    path: '/health',
    handler: 'health',
    iam: 'reader',
    summary: 'Whether the API and its database answer',
    tag: 'Health',
    public: true,
    responses: { 200: one('Up', z.object({ status: z.literal('ok') }), { status: 'ok' }) },
  },
} satisfies Record<string, Route>;
