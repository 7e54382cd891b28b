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
}

export function protocolsOf(service: ServiceDefinition): Protocol[] {
  return service.protocols.map((name) => {
    switch (name) {
      case 'ec2':
        return ec2Protocol(service.xmlNamespace);
      case 'query':
        return queryProtocol(service.xmlNamespace);
      case 'json':
        return jsonProtocol(`com.amazonaws.${service.actionPrefix}`);
      case 'rest-xml':
        return restXmlProtocol(service.modelPackage, service.xmlNamespace);
    }
  });
}
