import * as z from 'zod';
import { ADMIN, EVERY_KEY } from '../auth/roles';
import { ApiKeyInfo, ApiKeyInput, ApiKeyPath, ApiKeyWithSecret, CurrentKey } from '../schemas/api-keys';
import { apiKeyExample } from './examples';
import { one, type Route } from './route';

export const API_KEY_ROUTES = {
  createApiKey: {
    method: 'post',
    path: '/api-keys',
    handler: 'api-keys/create',
    iam: 'writer',
    access: ADMIN,
    summary: 'Create an API key with a role; the key is shown in this answer only',
    tag: 'API keys',
    body: ApiKeyInput,
    bodyExample: { name: 'web form bot', role: 'integration' },
    responses: {
      201: one('The key, with its secret this once', ApiKeyWithSecret, {
        ...apiKeyExample,
        key: 'ldc_Xb2LmN0pRs7Tq3v9Xb2LmN0pRs7Tq3v9Xb2LmN0pRs7',
      }),
    },
  },
  listApiKeys: {
    method: 'get',
    path: '/api-keys',
    handler: 'api-keys/list',
    iam: 'reader',
    access: ADMIN,
    summary: 'Every key, live and revoked, without secrets',
    tag: 'API keys',
    responses: { 200: one('The keys', z.array(ApiKeyInfo), [apiKeyExample]) },
  },
  currentApiKey: {
    method: 'get',
    path: '/api-keys/me',
    handler: 'api-keys/me',
    iam: 'none',
    // Every key may ask what it is.
    access: EVERY_KEY,
    summary: 'The calling key: its role (and an operator key’s operator), so that a client shows only what it may do',
    tag: 'API keys',
    responses: {
      200: one('The key', CurrentKey, { key_id: '3f9a0c21b7de', name: 'wallboard', role: 'viewer', operator_id: null }),
    },
  },
  revokeApiKey: {
    method: 'delete',
    path: '/api-keys/{key_id}',
    handler: 'api-keys/revoke',
    iam: 'writer',
    access: ADMIN,
    summary: 'Revoke a key: it stops working within API_KEY_CACHE_SECONDS',
    tag: 'API keys',
    pathParams: ApiKeyPath,
    responses: { 200: one('The key, revoked', ApiKeyInfo, { ...apiKeyExample, revoked_at: '2026-12-02T10:00:00.000Z' }) },
  },
} satisfies Record<string, Route>;
