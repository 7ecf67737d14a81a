import * as z from 'zod';
import { PathId } from './common';

export const WebhookPath = z.object({ source_id: PathId });

/** `GET /webhooks/whatsapp/{source_id}?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...` */
export const WhatsAppVerifyQuery = z.object({
  'hub.mode': z.string().max(64).optional(),
  'hub.verify_token': z.string().max(256).optional(),
  'hub.challenge': z.string().max(256).optional(),
});
