// What a browser registered to confirm logins («push to a registered browser») signs with its
// device key, in one place for the server that verifies and the web app that signs. Each message
// names its kind, so a signed poll can never pass for an answer; an answer names the device, the
// request, the decision and the number picked.

export type PushDecision = 'approve' | 'deny';

/** Signed to read the device's pending requests, over a nonce the server issued moments ago. */
export const pushPollMessage = (deviceId: string, nonce: string) =>
  `kabinet-push-poll\n${deviceId}\n${nonce}`;

/** Signed to answer one request: «Это я» with the number picked, or «Это не я». */
export const pushAnswerMessage = (
  deviceId: string,
  challengeId: string,
  decision: PushDecision,
  number: number | null,
) => `kabinet-push-answer\n${deviceId}\n${challengeId}\n${decision}\n${number ?? ''}`;

/** A request lives this long: the waiting page and the device count down from it. */
export const PUSH_REQUEST_SECONDS = 120;
