/**
 * flashmark as a library: the pipeline's stages for other programs.
 * Each stage adds its public functions and types here.
 */
export type { Card, CardType, NoteResult, NoteWarning, Rule, SourcePosition } from './card.js';
export { RULES } from './card.js';
export { UserError } from './errors.js';
