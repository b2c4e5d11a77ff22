import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BASIC_MODEL, BASIC_MODEL_ID, CLOZE_MODEL, CLOZE_MODEL_ID, MODEL_MOD } from '../../src/anki/index.js';

describe('note types', () => {
  it('never change ids, names, fields or templates (a change makes Anki copy the type and skip every update)', () => {
    expect([BASIC_MODEL.id, BASIC_MODEL.name, BASIC_MODEL.flds.map((f) => f.name), BASIC_MODEL.tmpls.map((t) => t.name)]).toEqual([
      BASIC_MODEL_ID, 'flashmark Basic v2', ['Front', 'Back', 'Breadcrumb', 'Source'], ['Card 1'],
    ]);
    expect([CLOZE_MODEL.id, CLOZE_MODEL.name, CLOZE_MODEL.flds.map((f) => f.name), CLOZE_MODEL.tmpls.map((t) => t.name)]).toEqual([
      CLOZE_MODEL_ID, 'flashmark Cloze v2', ['Text', 'Back Extra', 'Breadcrumb', 'Source'], ['Cloze'],
    ]);
    expect([BASIC_MODEL_ID, CLOZE_MODEL_ID]).toEqual([1765065600101, 1765065600102]);
  });

  it('raise MODEL_MOD whenever their look (CSS, templates) changes, so Anki takes the new look', () => {
    const look = [BASIC_MODEL, CLOZE_MODEL].map((m) => ({ css: m.css, tmpls: m.tmpls, flds: m.flds, name: m.name, type: m.type }));
    const fingerprint = createHash('sha256').update(JSON.stringify(look)).digest('hex').slice(0, 16);
    // When this fails after a CSS or template edit: set MODEL_MOD to the time of the edit (seconds), then record both here.
    expect({ MODEL_MOD, fingerprint }).toEqual({ MODEL_MOD: 1765065600, fingerprint: 'cd60fe85424d7c71' });
  });
});
