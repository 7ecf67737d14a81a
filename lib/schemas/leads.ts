import * as z from 'zod';
import { Id, PathId, Timestamp } from './common';
import { Contact } from './contacts';

export const Lead = z.object({ id: Id, external_id: z.string(), created_at: Timestamp });
export type Lead = z.infer<typeof Lead>;

export const LeadPath = z.object({ lead_id: PathId });

/** `GET /leads/{lead_id}`: the lead and their latest contacts, newest first (all of them: `GET /contacts/?lead_id=`). */
export const LeadWithContacts = Lead.extend({ contacts: z.array(Contact) });
export type LeadWithContacts = z.infer<typeof LeadWithContacts>;
