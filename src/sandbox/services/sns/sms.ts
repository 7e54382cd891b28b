/**
 * SMS as SNS answers it: the account's SMS preferences are kept and phone numbers checked; no
 * number is ever opted out, and no message leaves the machine.
 */
import type { RequestContext } from '../../core/types.js';
import { invalidParameter, regionState } from './state.js';
import type { Input, Output } from './types.js';

const SMS_ATTRIBUTES = new Set(['MonthlySpendLimit', 'DeliveryStatusIAMRole', 'DeliveryStatusSuccessSamplingRate', 'DefaultSenderID', 'DefaultSMSType', 'UsageReportS3Bucket']);

/** E.164, as SNS takes phone numbers. */
export const PHONE_NUMBER = /^\+[1-9]\d{5,14}$/;

export function setSMSAttributes(input: Input<'SetSMSAttributes'>, ctx: RequestContext): Output<'SetSMSAttributes'> {
  for (const [k, v] of Object.entries(input.attributes ?? {})) {
    if (!SMS_ATTRIBUTES.has(k)) throw invalidParameter(`${k} is not a valid SMS attribute`);
    if (k === 'DefaultSMSType' && v !== 'Promotional' && v !== 'Transactional') throw invalidParameter(`DefaultSMSType Reason: ${v} is not a valid value`);
  }
  Object.assign((regionState(ctx).sms ??= {}), input.attributes);
  return {};
}

export function getSMSAttributes(input: Input<'GetSMSAttributes'>, ctx: RequestContext): Output<'GetSMSAttributes'> {
  const all = regionState(ctx).sms ?? {};
  const names = input.attributes?.length ? input.attributes : Object.keys(all);
  return { attributes: Object.fromEntries(names.filter((n) => Object.hasOwn(all, n)).map((n) => [n, all[n]])) };
}

export function checkIfPhoneNumberIsOptedOut(input: Input<'CheckIfPhoneNumberIsOptedOut'>): Output<'CheckIfPhoneNumberIsOptedOut'> {
  if (!PHONE_NUMBER.test(input.phoneNumber ?? '')) throw invalidParameter('PhoneNumber');
  return { isOptedOut: false };
}

export function listPhoneNumbersOptedOut(): Output<'ListPhoneNumbersOptedOut'> {
  return { phoneNumbers: [] };
}
