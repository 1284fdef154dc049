/**
 * Which line-merged files the synchronization may keep (merge.ts): an agreement that git merged from both
 * sides' changes must still be an agreement Gjerde would save (valid, no personal data) and not approved
 * (only a side's own file is what the parties approved), and a case one it can read (src/cases). Otherwise
 * the conflict rule applies and both versions are kept as versions of their own. The same holds for the shared glossary and the contact registers.
 */
import { caseIdOf, parseCaseFile } from '../cases/case-file.js';
import { checkSaveable } from '../domain/agreements.js';
import { isApprovedStatus } from '../domain/lifecycle.js';
import { isDataFile, readDataFile } from '../domain/repository-check.js';
import { isInAgreementsFolder } from '../store/layout.js';

export function acceptMergedFile(path: string, content: string): boolean {
  // A case merged from both sides' changes must still be a case Gjerde can read (e.g. one status).
  if (caseIdOf(path) !== undefined) return parseCaseFile(content, path).ok;
  // So must the shared glossary and a contact register (e.g. no term explained twice).
  if (isDataFile(path)) return readDataFile(path, content).ok;
  if (!isInAgreementsFolder(path) || !path.endsWith('.md')) return true;
  try {
    // A line merge is nobody's approved text: one side's approval on the other side's edits would be
    // in force though no party saw them. The conflict rule then keeps each side's own file whole.
    return !isApprovedStatus(checkSaveable(content).meta.status);
  } catch {
    return false;
  }
}
