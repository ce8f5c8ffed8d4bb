import { describe, expect, it } from 'vitest';
import { noCredentialsHint, unavailableHint, veleroCause } from '../../../src/format/velero-cause.js';

describe('veleroCause', () => {
  it('keeps the dial error of an unreachable S3 endpoint', () => {
    const msg =
      'BackupStorageLocation "default" is unavailable: rpc error: code = Unknown desc = operation error S3: ListObjectsV2, exceeded maximum number of attempts, 3, ' +
      'https response error StatusCode: 0, RequestID: , HostID: , request send failed, Get "http://127.0.0.1:16444/velero?list-type=2&prefix=backups%2F": dial tcp 127.0.0.1:16444: connect: connection refused';
    expect(veleroCause(msg)).toBe('dial tcp 127.0.0.1:16444: connect: connection refused');
  });
  it('keeps the S3 error code and text of an API error', () => {
    const msg = 'rpc error: code = Unknown desc = operation error S3: ListObjectsV2, https response error StatusCode: 404, RequestID: 18, HostID: dd, api error NoSuchBucket: The specified bucket does not exist';
    expect(veleroCause(msg)).toBe('NoSuchBucket: The specified bucket does not exist');
  });
  it('otherwise drops the gRPC wrapper and clips', () => {
    expect(veleroCause('rpc error: code = Unknown desc = something odd')).toBe('something odd');
    expect(veleroCause('x'.repeat(300), 20)).toBe(`${'x'.repeat(19)}…`);
  });
});

describe('unavailableHint', () => {
  it('points at credentials when Velero found none, else at reaching the endpoint from the pod', () => {
    expect(unavailableHint('operation error S3: ListObjectsV2, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found')).toMatch(/Velero found no credentials: give the instance an IAM role/);
    expect(unavailableHint('rpc error: code = Unknown desc = dial tcp 10.0.0.5:9000: connect: connection refused')).toMatch(/check that the endpoint is reachable from its pod/);
    expect(unavailableHint(undefined)).toMatch(/reachable from its pod/);
  });
});

describe('noCredentialsHint', () => {
  const imds = 'backup execution failed: rpc error: code = Unknown desc = failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, http response error StatusCode: 403';
  it("names Velero's credentials-file race when the location has access keys, and says to start again", () => {
    const hint = noCredentialsHint(imds, true);
    expect(hint).toMatch(/The location has access keys, but Velero read none/);
    expect(hint).toContain('velero-io/velero#8524');
    expect(hint).toMatch(/Start it again\.$/);
  });
  it('without keys on the location, says to give the instance a role or save keys', () => {
    expect(noCredentialsHint(imds, false)).toMatch(/^Velero found no credentials: give the instance an IAM role .* or save access keys \(Storage screen, or snapshots storage set\)\.$/);
    expect(noCredentialsHint('NoCredentialProviders: no valid providers in chain', false)).toMatch(/^Velero found no credentials/);
  });
  it('says nothing for other failures', () => {
    expect(noCredentialsHint('rpc error: code = Unavailable desc = error reading from server: EOF', true)).toBeUndefined();
    expect(noCredentialsHint(undefined, true)).toBeUndefined();
  });
});
