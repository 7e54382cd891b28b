/** A few AWS managed policies, so attaching the usual ones works (their documents abridged to what the sandbox serves). */
import type { ManagedPolicyRecord } from './types.js';

const CREATED = '2015-02-06T18:39:46Z';

const DOCUMENTS: Record<string, [string, object[]]> = {
  AdministratorAccess: ['Provides full access to AWS services and resources.', [{ Effect: 'Allow', Action: '*', Resource: '*' }]],
  ReadOnlyAccess: ['Provides read-only access to AWS services and resources.', [{ Effect: 'Allow', Action: ['ec2:Describe*', 's3:Get*', 's3:List*', 'cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*', 'sns:Get*', 'sns:List*', 'iam:Get*', 'iam:List*'], Resource: '*' }]],
  AmazonEC2FullAccess: ['Provides full access to Amazon EC2 via the AWS Management Console.', [{ Effect: 'Allow', Action: ['ec2:*', 'cloudwatch:*'], Resource: '*' }]],
  AmazonEC2ReadOnlyAccess: ['Provides read only access to Amazon EC2 via the AWS Management Console.', [{ Effect: 'Allow', Action: ['ec2:Describe*', 'cloudwatch:ListMetrics', 'cloudwatch:GetMetricStatistics', 'cloudwatch:Describe*'], Resource: '*' }]],
  AmazonS3FullAccess: ['Provides full access to all buckets via the AWS Management Console.', [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }]],
  AmazonS3ReadOnlyAccess: ['Provides read only access to all buckets via the AWS Management Console.', [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }]],
  AmazonSNSFullAccess: ['Provides full access to Amazon SNS via the AWS Management Console.', [{ Effect: 'Allow', Action: ['sns:*'], Resource: '*' }]],
  CloudWatchFullAccess: ['Provides full access to CloudWatch.', [{ Effect: 'Allow', Action: ['cloudwatch:*', 'sns:*', 'ec2:DescribeInstances', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:GetRole'], Resource: '*' }]],
  CloudWatchAgentServerPolicy: ['Permissions required to use AmazonCloudWatchAgent on servers', [{ Effect: 'Allow', Action: ['cloudwatch:PutMetricData', 'ec2:DescribeVolumes', 'ec2:DescribeTags'], Resource: '*' }]],
  IAMFullAccess: ['Provides full access to IAM via the AWS Management Console.', [{ Effect: 'Allow', Action: ['iam:*'], Resource: '*' }]],
};

export const AWS_MANAGED: Record<string, ManagedPolicyRecord> = Object.fromEntries(
  Object.entries(DOCUMENTS).map(([name, [description, statements]], i) => {
    const arn = `arn:aws:iam::aws:policy/${name}`;
    return [
      arn,
      {
        PolicyName: name,
        PolicyId: `ANPAIWMBCKSKIEE64ZLY${String(i).padStart(2, '0')}`,
        Arn: arn,
        Path: '/',
        Description: description,
        DefaultVersionId: 'v1',
        versions: { v1: { document: JSON.stringify({ Version: '2012-10-17', Statement: statements }), createDate: CREATED } },
        CreateDate: CREATED,
        UpdateDate: CREATED,
      },
    ];
  }),
);
