import { randomUUID } from 'node:crypto';
import type { Config } from '../config';

/** One SMS as a gateway receives it. */
export interface SmsMessage {
  /** +7XXXXXXXXXX */
  to: string;
  text: string;
}

/**
 * The boundary to an SMS operator. A production adapter speaks the operator's HTTP API (with its
 * own timeouts) and returns the operator's message id; it throws when the operator refuses or
 * cannot be reached, and the delivery job retries. Adapters never log the text.
 */
export interface SmsGateway {
  /** Name of the adapter, as in SMS_GATEWAY. */
  readonly name: string;
  /**
   * Whether the queue row must keep the text after delivery. Only the development outbox says
   * yes: there the `sms_outbox` table is the phone the developer (and browser tests) read.
   */
  readonly keepsText: boolean;
  send(message: SmsMessage): Promise<{ providerId: string }>;
}

/**
 * The development gateway: "delivering" is accepting the message into the outbox table the queue
 * already wrote, where the dev API (`GET /api/dev/sms`) shows it as the person's phone would.
 */
export class OutboxSmsGateway implements SmsGateway {
  readonly name = 'outbox';
  readonly keepsText = true;
  async send(_message: SmsMessage): Promise<{ providerId: string }> {
    return { providerId: `outbox-${randomUUID()}` };
  }
}

/**
 * The adapter SMS_GATEWAY names. `outbox` is the only implementation for now; an operator's adapter
 * (or the SMS simulator of src/simulators/sms) is added here as another case.
 */
export function createSmsGateway(config: Pick<Config, 'smsGateway'>): SmsGateway {
  switch (config.smsGateway) {
    case 'outbox':
      return new OutboxSmsGateway();
  }
}
