import * as z from 'zod';
import { Id, Timestamp } from './common';

export const Lead = z.object({ id: Id, external_id: z.string(), created_at: Timestamp });
export type Lead = z.infer<typeof Lead>;
