import type { RootContent } from 'mdast';

/**
 * `<!-- flashmark: skip -->`, in any case and spacing: an HTML comment, so
 * no Markdown view shows it, that skips the block right after it (a heading's
 * whole section).
 */
const SKIP_MARKER = /^<!--\s*flashmark\s*:\s*skip\s*-->$/i;

export function isSkipMarker(node: RootContent | undefined): boolean {
  return node?.type === 'html' && SKIP_MARKER.test(node.value.trim());
}
