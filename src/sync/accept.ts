/**
 * Which line-merged files the synchronization may keep (merge.ts): an agreement that git merged from both
 * sides' changes must still be an agreement Gjerde would save (valid, no personal data). Otherwise the
 * conflict rule applies and both versions are kept as versions of their own.
 */
import { agreementsFolder, checkSaveable } from '../domain/agreements.js';

export function acceptMergedFile(path: string, content: string): boolean {
  if (!path.startsWith(`${agreementsFolder}/`) || !path.endsWith('.md')) return true;
  try {
    checkSaveable(content);
    return true;
  } catch {
    return false;
  }
}
