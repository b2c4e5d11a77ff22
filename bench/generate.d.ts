/** Types of generate.js for the TypeScript tests that use it. */
export function generateVault(dir: string, options: { notes: number; seed?: number; large?: number }): { files: string[]; bytes: number };
export function editNoteText(text: string, round: number): string;
