import { parse as parseYaml } from 'yaml';
import { plainYaml } from './plain-yaml.js';

/** The front matter keys flashmark reads. Anything else in the block is the user's and ignored. */
export interface FrontMatter {
  title?: string;
  deck?: string;
  id?: string;
  tags: string[];
  /** `flashmark: false` opts the note out; `true` makes a note that looks like a template a note. */
  flashmark?: boolean;
  /** `flashmark: { keep: …, exclude: … }` as written: the note's own choices, which extraction reads (and warns about). */
  choices?: Record<string, unknown>;
}

export interface FrontMatterResult {
  frontMatter: FrontMatter;
  /** Problems worth a warning; the note is still processed. */
  problems: string[];
}

/** Reads a YAML front matter block. Invalid YAML or odd values give problems, never an exception. */
export function readFrontMatter(yamlText: string | undefined): FrontMatterResult {
  const frontMatter: FrontMatter = { tags: [] };
  if (yamlText === undefined || yamlText.trim() === '') return { frontMatter, problems: [] };
  let data: unknown = plainYaml(yamlText);
  try {
    // Errors only: the parser's warnings (a template's `{{date}}` read as a key) would reach stderr as Node warnings.
    data ??= parseYaml(yamlText, { maxAliasCount: 100, logLevel: 'error' }) as unknown;
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return { frontMatter, problems: [`front matter is not valid YAML (${first}); ignored`] };
  }
  if (data === null || data === undefined) return { frontMatter, problems: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { frontMatter, problems: ['front matter is not a set of keys; ignored'] };
  }
  const record = data as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['title', 'deck', 'id'] as const) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value).trim();
      if (text) frontMatter[key] = text;
    } else {
      problems.push(`front matter '${key}' should be text; ignored`);
    }
  }
  frontMatter.tags = readTags(record['tags'] ?? record['tag'], problems);
  const flag = record['flashmark'];
  if (typeof flag === 'boolean') frontMatter.flashmark = flag;
  else if (typeof flag === 'object' && flag !== null && !Array.isArray(flag)) frontMatter.choices = flag as Record<string, unknown>;
  else if (flag !== undefined && flag !== null) problems.push("front matter 'flashmark' should be true, false or a set of choices (keep, exclude); ignored");
  return { frontMatter, problems };
}

/**
 * Anki tags from `tags`: a list, or a string of tags separated by commas (or
 * spaces when there is no comma, as Obsidian reads it). Anki tags cannot hold
 * spaces, so spaces inside a tag become `_`; a leading `#` is dropped.
 */
function readTags(value: unknown, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  let raw: unknown[];
  if (Array.isArray(value)) raw = value;
  else if (typeof value === 'string') raw = value.includes(',') ? value.split(',') : value.split(/\s+/);
  else if (typeof value === 'number') raw = [value];
  else {
    problems.push("front matter 'tags' should be a list or text; ignored");
    return [];
  }
  const tags: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string' && typeof item !== 'number') continue;
    const tag = String(item).trim().replace(/^#/, '').replace(/\s+/g, '_');
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
