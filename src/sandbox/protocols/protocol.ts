/**
 * One object per wire protocol — ec2, query, json, rest-xml — that reads a request into the
 * operation's input and writes its output or any error, authentication failures and 500s included.
 * A service's protocols are built once from its definition; CloudWatch has two and the request's
 * content type picks one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsError, ProtocolName, ServiceDefinition } from '../core/types.js';
import type { OperationModel } from './models.js';
import { ec2Protocol, queryProtocol } from './query.js';
import { jsonProtocol } from './json.js';
import { restXmlProtocol } from './rest-xml.js';

export interface Protocol {
  readonly name: ProtocolName;
  /** Writes a handler's output (a 200, or the status the model's http trait gives). */
  writeOutput(res: ServerResponse, model: OperationModel, output: Record<string, unknown> | undefined, requestId: string): void | Promise<void>;
  /** Writes an AWS error in the protocol's format; destroys the connection when an answer was already begun. */
  writeError(res: ServerResponse, err: AwsError, requestId: string): void;
}

/**
 * The protocol that answers a request for no service the sandbox serves: JSON for a JSON request,
 * so any SDK reads the error rather than failing to parse it, else query XML.
 */
export function unknownServiceProtocol(req: IncomingMessage): RpcProtocol {
  return isJsonRequest(req) ? UNKNOWN_JSON : UNKNOWN_QUERY;
}

const UNKNOWN_JSON = jsonProtocol('com.amazon.coral.service');
const UNKNOWN_QUERY = queryProtocol('');

export function isJsonRequest(req: IncomingMessage): boolean {
  return String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json');
}

/** An RPC request, its body read whole. */
export interface RpcRequest {
  req: IncomingMessage;
  query: URLSearchParams;
  body: Buffer;
}

/** What an RPC request names: its operation (read before the caller is authorized), then its input. */
export interface DecodedRequest {
  operation: string;
  input(model: OperationModel): Record<string, unknown>;
}

export interface RpcProtocol extends Protocol {
  readonly name: 'ec2' | 'query' | 'json';
  readRequest(request: RpcRequest): DecodedRequest;
  /** The error for an operation the service does not have, in the protocol's own words (InvalidAction, UnknownOperationException). */
  unknownOperation(operation: string): AwsError;
}

export function protocolsOf(service: ServiceDefinition): Protocol[] {
  return service.protocols.map((name) => {
    switch (name) {
      case 'ec2':
        return ec2Protocol(service.xmlNamespace);
      case 'query':
        return queryProtocol(service.xmlNamespace);
      case 'json':
        return jsonProtocol(`com.amazonaws.${service.actionPrefix}`, service.modelPackage);
      case 'rest-xml':
        return restXmlProtocol(service.modelPackage, service.xmlNamespace);
    }
  });
}
