/**
 * Virtual MFA devices: created with a TOTP seed (RFC 6238: HMAC-SHA1, 30-second steps, six
 * digits), enabled for a user with two consecutive codes, and checked when STS is given a
 * SerialNumber and TokenCode (GetSessionToken, AssumeRole), which makes aws:MultiFactorAuthPresent true.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { MFADevice, VirtualMFADevice } from '@aws-sdk/client-iam';
import { AwsError, type RequestContext, type SandboxRuntime, type Wire } from '../../core/types.js';
import { accountState, checkName, checkPath, deleteConflict, entityAlreadyExists, findUser, iamState, noSuchEntity, now, paged } from './state.js';
import type { IamState, Input, MfaDeviceRecord, Output } from './types.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_MS = 30_000;

function base32(bytes: Buffer): string {
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((c) => BASE32[parseInt(c.padEnd(5, '0'), 2)]).join('');
}

function fromBase32(text: string): Buffer {
  const bits = [...text.replace(/=+$/, '')].map((c) => BASE32.indexOf(c).toString(2).padStart(5, '0')).join('');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
}

/** The code for time step `step` (RFC 4226's dynamic truncation). */
export function totp(seed: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', fromBase32(seed)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The step `code` belongs to, within a step of now either way (clock drift), if any. */
function stepOf(seed: string, code: string | undefined, at = Date.now()): number | undefined {
  const current = Math.floor(at / STEP_MS);
  return [current, current - 1, current + 1].find((s) => totp(seed, s) === code);
}

function invalidCode(): AwsError {
  return new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', 403);
}

function findDevice(state: IamState, serial: string | undefined): MfaDeviceRecord {
  const device = state.mfaDevices[serial ?? ''];
  if (!device) throw noSuchEntity(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
  return device;
}

export function createVirtualMFADevice(input: Input<'CreateVirtualMFADevice'>, ctx: RequestContext): Output<'CreateVirtualMFADevice'> {
  const name = checkName(input.VirtualMFADeviceName, 'virtualMFADeviceName');
  const path = checkPath(input.Path);
  const state = iamState(ctx);
  const serial = `arn:aws:iam::${ctx.accountId}:mfa${path}${name}`;
  if (state.mfaDevices[serial]) throw entityAlreadyExists('MFADevice entity at the same path and name already exists.');
  const seed = base32(randomBytes(40));
  state.mfaDevices[serial] = { SerialNumber: serial, seed };
  const device: Wire<VirtualMFADevice> = { SerialNumber: serial, Base32StringSeed: Buffer.from(seed) };
  return { VirtualMFADevice: device };
}

export function enableMFADevice(input: Input<'EnableMFADevice'>, ctx: RequestContext): Output<'EnableMFADevice'> {
  const state = iamState(ctx);
  const user = findUser(state, input.UserName);
  const device = findDevice(state, input.SerialNumber);
  if (device.userName) throw entityAlreadyExists('MFA Device is already in use.');
  // Two consecutive codes prove the device's clock and seed.
  const first = stepOf(device.seed, input.AuthenticationCode1, Date.now() - STEP_MS);
  if (first === undefined || totp(device.seed, first + 1) !== input.AuthenticationCode2) throw invalidCode();
  device.userName = user.UserName;
  device.enableDate = now();
  return {};
}

export function deactivateMFADevice(input: Input<'DeactivateMFADevice'>, ctx: RequestContext): Output<'DeactivateMFADevice'> {
  const device = findDevice(iamState(ctx), input.SerialNumber);
  if (!device.userName || (input.UserName && device.userName !== input.UserName)) throw noSuchEntity(`MFA Device with serial number ${input.SerialNumber} is not enabled for user ${input.UserName}.`);
  delete device.userName;
  delete device.enableDate;
  return {};
}

export function deleteVirtualMFADevice(input: Input<'DeleteVirtualMFADevice'>, ctx: RequestContext): Output<'DeleteVirtualMFADevice'> {
  const state = iamState(ctx);
  const device = findDevice(state, input.SerialNumber);
  if (device.userName) throw deleteConflict('MFA Device is in use and cannot be deleted. Deactivate it first.');
  delete state.mfaDevices[device.SerialNumber];
  return {};
}

export function listMFADevices(input: Input<'ListMFADevices'>, ctx: RequestContext): Output<'ListMFADevices'> {
  const state = iamState(ctx);
  const userName = input.UserName ?? ctx.principal?.userName;
  if (input.UserName) findUser(state, input.UserName);
  const devices = Object.values(state.mfaDevices)
    .filter((d) => d.userName && d.userName === userName)
    .map((d): Wire<MFADevice> => ({ UserName: d.userName, SerialNumber: d.SerialNumber, EnableDate: d.enableDate }));
  return paged(devices, input, 'MFADevices');
}

export function listVirtualMFADevices(input: Input<'ListVirtualMFADevices'>, ctx: RequestContext): Output<'ListVirtualMFADevices'> {
  const state = iamState(ctx);
  const wanted = input.AssignmentStatus ?? 'Any';
  const devices = Object.values(state.mfaDevices)
    .filter((d) => wanted === 'Any' || (wanted === 'Assigned') === !!d.userName)
    .map((d): Wire<VirtualMFADevice> => ({ SerialNumber: d.SerialNumber, EnableDate: d.enableDate, User: d.userName ? { UserName: d.userName, UserId: state.users[d.userName]?.UserId, Arn: state.users[d.userName]?.Arn, Path: '/', CreateDate: state.users[d.userName]?.CreateDate } : undefined }));
  return paged(devices, input, 'VirtualMFADevices');
}

/**
 * STS's MFA check: `serial` must be a device enabled for `userName` (in `accountId`) and `code`
 * its current code; else AccessDenied, as STS answers.
 */
export function checkMfaCode(runtime: SandboxRuntime, accountId: string, userName: string | undefined, serial: string, code: string | undefined): void {
  const device = accountState(runtime, accountId).mfaDevices[serial];
  if (!device?.userName || device.userName !== userName || stepOf(device.seed, code) === undefined) {
    throw new AwsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ', 403);
  }
}
