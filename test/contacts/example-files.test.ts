/**
 * The example data files are in the form Gjerde writes them, so a person's first change to an example
 * register or the glossary through Gjerde shows in its history as that change alone, not as quotes and
 * spacing rewritten around it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseRegisterFile, writeRegisterFile } from '../../src/domain/contact-file.js';
import { glossaryPath, parseGlossaryFile, writeGlossaryFile } from '../../src/domain/glossary-file.js';

const dataFiles = fileURLToPath(new URL('../../agreements/datafiler/', import.meta.url));

describe('the example data files', () => {
  it('are written as Gjerde writes them: saving one unchanged changes nothing', async () => {
    const names = (await readdir(dataFiles)).filter((name) => /^(kontakter|begreper)-.*\.yaml$/.test(name));
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const name of names) {
      const text = await readFile(join(dataFiles, name), 'utf8');
      if (name.startsWith('begreper-')) {
        const parsed = parseGlossaryFile(text, glossaryPath);
        expect({ name, messages: parsed.messages }).toEqual({ name, messages: [] });
        expect({ name, text: writeGlossaryFile(parsed.terms) }).toEqual({ name, text });
      } else {
        const parsed = parseRegisterFile(text);
        expect({ name, messages: parsed.messages }).toEqual({ name, messages: [] });
        const register = parsed.register;
        if (!register) throw new Error(`${name}: no register`);
        expect({ name, text: writeRegisterFile(register) }).toEqual({ name, text });
      }
    }
  });
});
