import * as z from 'zod';

/** One contact to register from a platform's delivery: who wrote, and the platform's id for it. */
export interface Delivery {
  /** Unique per platform and source: what a retried delivery repeats. */
  deliveryId: string;
  leadExternalId: string;
}

const TelegramUser = z.object({ id: z.number().int() });
const TelegramMessage = z.object({
  from: TelegramUser.optional(),
  chat: z.object({ id: z.number().int() }),
  contact: z.object({ phone_number: z.string().min(1), user_id: z.number().int().optional() }).optional(),
});
const TelegramUpdate = z.object({
  update_id: z.number().int(),
  message: TelegramMessage.optional(),
  edited_message: TelegramMessage.optional(),
  callback_query: z.object({ id: z.string(), from: TelegramUser }).optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;

/**
 * A Telegram Bot API update (https://core.telegram.org/bots/api#update): a message, an edited
 * message or a button press is a contact from the user, known by the phone they shared if any, else
 * as `tg:<user id>`. Only their own number counts (the "share my phone" button sets `user_id` to them).
 * Other updates (joins, polls, ...) carry no contact.
 */
export function telegramDeliveries(payload: unknown): Delivery[] | 'invalid' {
  const update = TelegramUpdate.safeParse(payload);
  if (!update.success) return 'invalid';
  const { update_id, message, edited_message, callback_query } = update.data;
  const from = message ?? edited_message;
  const userId = from?.from?.id ?? from?.chat.id ?? callback_query?.from.id;
  if (userId === undefined) return [];
  const contact = from?.contact;
  const ownPhone = contact?.user_id === userId ? contact.phone_number : undefined;
  // Telegram sends international numbers without the leading +.
  const phone = ownPhone && /^\d+$/.test(ownPhone) ? `+${ownPhone}` : ownPhone;
  return [{ deliveryId: String(update_id), leadExternalId: phone ?? `tg:${userId}` }];
}

const WhatsAppPayload = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      changes: z.array(
        z.object({
          field: z.string(),
          value: z
            .object({
              messages: z.array(z.object({ id: z.string().min(1), from: z.string().regex(/^\d{5,20}$/) })).optional(),
              statuses: z.array(z.unknown()).optional(),
            })
            .loose(),
        }),
      ),
    }),
  ),
});

/**
 * A WhatsApp Cloud API notification: every message in `entry[].changes[].value.messages[]` is a
 * contact from its sender's number (`from`, international digits); delivery `statuses` carry none.
 */
export function whatsappDeliveries(payload: unknown): Delivery[] | 'invalid' {
  const parsed = WhatsAppPayload.safeParse(payload);
  if (!parsed.success) return 'invalid';
  return parsed.data.entry.flatMap((entry) =>
    entry.changes.flatMap((change) =>
      change.field === 'messages'
        ? (change.value.messages ?? []).map((message) => ({ deliveryId: message.id, leadExternalId: `+${message.from}` }))
        : [],
    ),
  );
}

export const VkEvent = z.object({
  type: z.string(),
  group_id: z.number().int().optional(),
  event_id: z.string().optional(),
  secret: z.string().optional(),
  object: z.unknown().optional(),
});
export type VkEvent = z.infer<typeof VkEvent>;

const VkMessageNew = z.object({ message: z.object({ from_id: z.number().int() }) });

/** A VK Callback API event: `message_new` is a contact from `vk:<from_id>`; other events carry none. */
export function vkDeliveries(event: VkEvent): Delivery[] | 'invalid' {
  if (event.type !== 'message_new') return [];
  const message = VkMessageNew.safeParse(event.object);
  if (!message.success || !event.event_id) return 'invalid';
  return [{ deliveryId: event.event_id, leadExternalId: `vk:${message.data.message.from_id}` }];
}
