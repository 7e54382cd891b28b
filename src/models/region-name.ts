/** `eu-west-1`, `us-gov-west-1`, `cn-north-1`: how every AWS region is named. */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * Whether `name` could be a region: the prompt's `--region`, `.region` and `setRegion` refuse what
 * is not, alike (the sandbox goes further: only the regions it has).
 */
export function isRegionName(name: unknown): name is string {
  return typeof name === 'string' && REGION_NAME.test(name);
}
