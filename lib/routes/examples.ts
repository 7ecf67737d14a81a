/** What the OpenAPI document shows as examples; a unit test checks each against its schema. */
export const operatorExample = {
  id: 1,
  name: 'Оператор Иван',
  is_active: true,
  max_load: 5,
  current_load: 0,
  presence: 'available',
  presence_timeout_s: null,
  last_heartbeat_at: null,
  quota: null,
  quota_used: null,
  telegram_linked: false,
  eligible_now: true,
  not_eligible_because: null,
};
export const scheduleExample = {
  time_zone: 'Europe/Moscow',
  weekly: [
    { day: 'mon', from: '09:00', to: '13:00' },
    { day: 'mon', from: '14:00', to: '18:00' },
  ],
  exceptions: [
    { date: '2026-12-31', off: true },
    { date: '2027-01-02', from: '10:00', to: '14:00' },
  ],
};
export const sourceExample = { id: 1, name: 'Telegram Bot', routing: { mode: 'weighted_random', sticky: false }, channel: null };
export const assignmentExample = { id: 1, operator_id: 1, source_id: 1, weight: 10, assigned: 0, quota: null, quota_used: null };
export const contactExample = {
  id: 1,
  lead_id: 1,
  source_id: 1,
  operator_id: 1,
  status: 'open',
  created_at: '2026-11-25T07:09:09.429Z',
  closed_at: null,
  offer_expires_at: null,
  priority: 0,
  needs_manager: false,
};
export const subscriptionExample = {
  id: 1,
  url: 'https://helpdesk.example.com/hooks/crm',
  events: ['contact.assigned', 'contact.closed'],
  description: 'Helpdesk',
  enabled: true,
  created_at: '2026-11-25T07:09:09.429Z',
  failing_since: null,
  disabled_reason: null,
};
export const secretExample = { ...subscriptionExample, secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD' };
export const deliveryExample = {
  id: 'dlv_1796172180000_0000000000000000000000000000000000004217_01',
  event_id: 'evt_8d2f0c1e9a4b7c3d5e6f708192',
  event_type: 'contact.assigned',
  created_at: '2026-11-25T07:09:09.612Z',
  attempts: 1,
  last_status: 200,
  last_error: null,
  next_attempt_at: null,
  delivered_at: '2026-11-25T07:09:10.020Z',
  failed_at: null,
};
export const apiKeyExample = {
  id: '3f9a0c21b7de',
  name: 'web form bot',
  role: 'integration',
  operator_id: null,
  expires_at: null,
  created_at: '2026-12-02T09:00:00.000Z',
  revoked_at: null,
};
export const leadExample = { id: 1, external_id: '+79161234567', created_at: '2026-11-25T07:09:09.429Z', erased_at: null };
