/**
 * Container image references (`[registry[:port]/]path[:tag][@digest]`) as the distribution
 * reference grammar defines them, split into parts; undefined when the text is not one.
 */
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)`;
const PATH_PART = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_PART}(?:/${PATH_PART})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

export interface ImageReference {
  domain?: string;
  path: string;
  tag?: string;
  digest?: string;
}

export function parseReference(text: string): ImageReference | undefined {
  if (text.length > 512) return undefined;
  const m = REFERENCE.exec(text);
  if (!m) return undefined;
  const name = m[1] ? `${m[1]}/${m[2]}` : m[2];
  if (name.length > 255) return undefined;
  return { domain: m[1], path: m[2], tag: m[3], digest: m[4] };
}
