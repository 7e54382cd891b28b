/** STS keeps no state of its own: temporary credentials live in the sandbox key ring (core/keys.ts). */
import type * as sdk from '@aws-sdk/client-sts';
import type { OperationInput, OperationOutput, SdkApi } from '../../core/types.js';

/** STS's operations as its SDK client types them: a handler takes `Input<'Op'>` and returns `Output<'Op'>`. */
export type StsApi = typeof sdk;
export type Operation = keyof SdkApi<StsApi>;
export type Input<Op extends Operation> = OperationInput<StsApi, Op>;
export type Output<Op extends Operation> = OperationOutput<StsApi, Op>;
