import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../errors';
import { StoredTelegramBot } from '../schemas/telegram';
import { database } from './client';
import { cancellationCodes } from './failures';
import { getItem } from './items';
import { operatorKey, settingsKey, telegramChatKey, telegramLinkKey, telegramMessageKey } from './keys';

export async function getTelegramBot(): Promise<StoredTelegramBot | undefined> {
  const item = await getItem(settingsKey('telegram_bot'));
  return item && StoredTelegramBot.parse(item);
}

export async function saveTelegramBot(bot: StoredTelegramBot): Promise<void> {
  const db = database();
  await db.client.send(new PutCommand({ TableName: db.tableName, Item: { ...settingsKey('telegram_bot'), ...bot } }));
}

export async function deleteTelegramBot(): Promise<void> {
  const db = database();
  await db.client.send(new DeleteCommand({ TableName: db.tableName, Key: settingsKey('telegram_bot') }));
}

/** Stores a link code for an operator until `expiresAt` (DynamoDB's time to live removes it later). */
export async function saveLinkCode(code: string, operatorId: number, expiresAt: Date): Promise<void> {
  const db = database();
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...telegramLinkKey(code),
        operator_id: operatorId,
        valid_until: expiresAt.toISOString(),
        expires_at: Math.ceil(expiresAt.getTime() / 1000),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/**
 * Links a chat to the operator whose code it sent, using the code up in the same transaction: a
 * code links once, however often Telegram delivers the message. Answers the operator's id, or
 * undefined when the code is unknown, used or expired (or the operator is gone).
 */
export async function redeemLinkCode(code: string, chatId: number, now: Date): Promise<number | undefined> {
  const link = await getItem(telegramLinkKey(code));
  if (!link || String(link.valid_until) <= now.toISOString()) return undefined;
  const operatorId = Number(link.operator_id);
  // A chat belongs to one operator, and an operator has one chat: whoever had this chat, and this
  // operator's previous chat, are let go in the same transaction.
  const [owner, operator] = await Promise.all([operatorOfChat(chatId), getItem(operatorKey(operatorId))]);
  const previousChat = operator?.telegram_chat_id == null ? undefined : Number(operator.telegram_chat_id);
  const ownerItem = owner !== undefined && owner !== operatorId ? await getItem(operatorKey(owner)) : undefined;
  const previousOwner = ownerItem && Number(ownerItem.telegram_chat_id) === chatId ? owner : undefined;
  const db = database();
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          ...(previousOwner !== undefined
            ? [
                {
                  Update: {
                    TableName: db.tableName,
                    Key: operatorKey(previousOwner),
                    UpdateExpression: 'SET telegram_chat_id = :none',
                    ConditionExpression: 'telegram_chat_id = :chat',
                    ExpressionAttributeValues: { ':none': null, ':chat': chatId },
                  },
                },
              ]
            : []),
          ...(previousChat !== undefined && previousChat !== chatId
            ? [{ Delete: { TableName: db.tableName, Key: telegramChatKey(previousChat) } }]
            : []),
          {
            Delete: {
              TableName: db.tableName,
              Key: telegramLinkKey(code),
              ConditionExpression: 'valid_until > :now',
              ExpressionAttributeValues: { ':now': now.toISOString() },
            },
          },
          {
            Update: {
              TableName: db.tableName,
              Key: operatorKey(operatorId),
              UpdateExpression: 'SET telegram_chat_id = :chat',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':chat': chatId },
            },
          },
          { Put: { TableName: db.tableName, Item: { ...telegramChatKey(chatId), operator_id: operatorId } } },
        ],
      }),
    );
    return operatorId;
  } catch (error) {
    if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return undefined;
    throw error;
  }
}

/** The operator a chat is linked to, if it still is. */
export async function operatorOfChat(chatId: number): Promise<number | undefined> {
  const item = await getItem(telegramChatKey(chatId));
  return item ? Number(item.operator_id) : undefined;
}

/** Unlinks the operator's chat; 404 for an unknown operator. */
export async function unlinkChat(operatorId: number, chatId: number | null): Promise<void> {
  const db = database();
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: db.tableName,
              Key: operatorKey(operatorId),
              UpdateExpression: 'SET telegram_chat_id = :none',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':none': null },
            },
          },
          ...(chatId === null ? [] : [{ Delete: { TableName: db.tableName, Key: telegramChatKey(chatId) } }]),
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed' || error instanceof ConditionalCheckFailedException) {
      throw notFound('Operator', operatorId);
    }
    throw error;
  }
}

/** Where the message of one offer went, so that its outcome edits that message. */
export interface OfferMessage {
  chat_id: number;
  message_id: number;
}

export async function saveOfferMessage(contactId: number, offeredAt: string, message: OfferMessage): Promise<void> {
  const db = database();
  await db.client.send(new PutCommand({ TableName: db.tableName, Item: { ...telegramMessageKey(contactId, offeredAt), ...message } }));
}

export async function getOfferMessage(contactId: number, offeredAt: string): Promise<OfferMessage | undefined> {
  const item = await getItem(telegramMessageKey(contactId, offeredAt));
  return item && { chat_id: Number(item.chat_id), message_id: Number(item.message_id) };
}
