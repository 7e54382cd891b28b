/**
 * boto3 (Debian's python3-boto3, under /usr/bin/python3) against a sandbox: a third, independent
 * client, speaking CloudWatch's query protocol. Tests skip, saying so, when it is not installed.
 */
import type { Endpoint } from '../helpers/aws-cli.js';
import { pythonJson } from '../helpers/python.js';

export { boto3Missing } from '../helpers/python.js';
const SCRIPT = `
import json, sys, boto3
from botocore.exceptions import ClientError
endpoint, key, secret, service, op, params = sys.argv[1:]
client = boto3.client(service, endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id=key, aws_secret_access_key=secret)
try:
    answer = getattr(client, op)(**json.loads(params))
    answer.pop('ResponseMetadata', None)
    print(json.dumps(answer, default=str))
except ClientError as e:
    print(json.dumps({'Error': e.response['Error'], 'Status': e.response['ResponseMetadata']['HTTPStatusCode']}))
`;

/** Calls `client.op(**params)` (snake_case op) and returns the answer, or `{Error: {Code, Message}, Status}`. */
export function boto3(sandbox: Endpoint, service: string, op: string, params: object = {}): Promise<any> {
  return pythonJson(SCRIPT, [sandbox.endpoint, sandbox.credentials.accessKeyId, sandbox.credentials.secretAccessKey, service, op, JSON.stringify(params)]);
}
