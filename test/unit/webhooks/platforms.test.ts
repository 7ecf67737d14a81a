import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { telegramDeliveries, VkEvent, vkDeliveries, whatsappDeliveries } from '../../../lib/webhooks/platforms';
import { hubSignatureMatches, secretsMatch } from '../../../lib/webhooks/signatures';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'webhooks', `${name}.json`), 'utf8'));

describe('Telegram updates', () => {
  it('turn a message into a contact from tg:<user id>, keyed by update_id', () => {
    expect(telegramDeliveries(fixture('telegram-message'))).toEqual([{ deliveryId: '903114278', leadExternalId: 'tg:1111111' }]);
  });

  it('know the lead by the phone they shared', () => {
    expect(telegramDeliveries(fixture('telegram-shared-phone'))).toEqual([{ deliveryId: '903114279', leadExternalId: '+79161234567' }]);
  });

  it("do not take someone else's contact card for the sender", () => {
    expect(telegramDeliveries(fixture('telegram-someone-elses-contact'))).toEqual([
      { deliveryId: '903114280', leadExternalId: 'tg:1111111' },
    ]);
  });

  it('count a button press, and ignore updates that carry no contact', () => {
    expect(telegramDeliveries(fixture('telegram-callback-query'))).toEqual([{ deliveryId: '903114281', leadExternalId: 'tg:2222222' }]);
    expect(telegramDeliveries(fixture('telegram-my-chat-member'))).toEqual([]);
  });

  it('reject what is not an update', () => {
    expect(telegramDeliveries({ hello: 'world' })).toBe('invalid');
    expect(telegramDeliveries([1, 2])).toBe('invalid');
  });
});

describe('WhatsApp notifications', () => {
  it('turn every message of every change into a contact from the sender, keyed by message id', () => {
    expect(whatsappDeliveries(fixture('whatsapp-three-messages'))).toEqual([
      { deliveryId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=', leadExternalId: '+79161112233' },
      { deliveryId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMQA=', leadExternalId: '+442079460958' },
      { deliveryId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMgA=', leadExternalId: '+79161112233' },
    ]);
  });

  it('ignore delivery statuses', () => {
    expect(whatsappDeliveries(fixture('whatsapp-statuses'))).toEqual([]);
  });
});

describe('VK events', () => {
  const event = (name: string) => VkEvent.parse(fixture(name));

  it('turn message_new into a contact from vk:<from_id>, keyed by event_id', () => {
    expect(vkDeliveries(event('vk-message-new'))).toEqual([
      { deliveryId: '5d2f9d9e8a7c4b3e2f1a0b9c8d7e6f5a4b3c2d1e', leadExternalId: 'vk:777888999' },
    ]);
  });

  it('carry no contact in confirmations and other events', () => {
    expect(vkDeliveries(event('vk-confirmation'))).toEqual([]);
    expect(vkDeliveries(event('vk-message-reply'))).toEqual([]);
  });
});

describe('signatures', () => {
  const body = Buffer.from(JSON.stringify(fixture('whatsapp-three-messages')));
  const sign = (secret: string, bytes = body) => `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;

  it('accept the HMAC-SHA256 of the raw body under the app secret', () => {
    expect(hubSignatureMatches(sign('app-secret'), body, 'app-secret')).toBe(true);
  });

  it('refuse a signature made with another secret, over other bytes, malformed or missing', () => {
    expect(hubSignatureMatches(sign('other'), body, 'app-secret')).toBe(false);
    expect(hubSignatureMatches(sign('app-secret', Buffer.concat([body, Buffer.from(' ')])), body, 'app-secret')).toBe(false);
    expect(hubSignatureMatches(sign('app-secret').replace('sha256=', 'sha1='), body, 'app-secret')).toBe(false);
    expect(hubSignatureMatches('sha256=abc', body, 'app-secret')).toBe(false);
    expect(hubSignatureMatches(undefined, body, 'app-secret')).toBe(false);
  });

  it('compare secrets exactly', () => {
    expect(secretsMatch('s3cret', 's3cret')).toBe(true);
    expect(secretsMatch('s3cre', 's3cret')).toBe(false);
    expect(secretsMatch('S3cret', 's3cret')).toBe(false);
    expect(secretsMatch(undefined, 's3cret')).toBe(false);
  });
});
