import { MANAGE, READ } from '../auth/roles';
import { ListQuery } from '../schemas/common';
import { Lead, LeadExport, LeadPath, LeadWithContacts } from '../schemas/leads';
import { contactExample, leadExample } from './examples';
import { list, one, type Route } from './route';

export const LEAD_ROUTES = {
  listLeads: {
    method: 'get',
    path: '/leads',
    handler: 'leads/list',
    iam: 'reader',
    access: READ,
    summary: 'List leads',
    tag: 'Leads',
    query: ListQuery,
    responses: { 200: list(Lead, leadExample) },
  },
  getLead: {
    method: 'get',
    path: '/leads/{lead_id}',
    handler: 'leads/get',
    iam: 'reader',
    access: READ,
    summary: 'A lead with their latest contacts',
    tag: 'Leads',
    pathParams: LeadPath,
    responses: { 200: one('The lead', LeadWithContacts, { ...leadExample, contacts: [contactExample] }) },
  },
  eraseLead: {
    method: 'delete',
    path: '/leads/{lead_id}',
    handler: 'leads/erase',
    // Deletes the lead's item keyed by their external id and rewrites what mentions it.
    iam: 'deleter',
    // Personal data: erased and exported by those who answer for it, not by viewers.
    access: MANAGE,
    timeout: 30,
    summary: 'Erase a lead’s personal data (their contacts stay, pointing to the erased lead)',
    tag: 'Leads',
    pathParams: LeadPath,
    responses: {
      200: one('The erased lead', Lead, {
        id: 1,
        external_id: null,
        created_at: '2026-11-25T07:09:09.429Z',
        erased_at: '2026-12-02T10:00:00.000Z',
      }),
    },
  },
  exportLead: {
    method: 'get',
    path: '/leads/{lead_id}/export',
    handler: 'leads/export',
    iam: 'reader',
    access: MANAGE,
    summary: 'Everything stored about a lead: contacts, routing, offers and the events sent about them',
    tag: 'Leads',
    pathParams: LeadPath,
    responses: { 200: one('The lead’s data', LeadExport) },
  },
} satisfies Record<string, Route>;
