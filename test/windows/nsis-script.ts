// Reads an NSIS script into statements the Windows packaging test can check: comments dropped, each
// line split into words as makensis does (quotes removed), ${NAME} replaced by its first !define,
// and every statement tagged with the Section or Function it sits in ('' at top level).
import { readFileSync } from 'node:fs';

export interface NsisStatement {
  /** The Section's or Function's name, '' outside both. */
  block: string;
  command: string;
  args: string[];
  line: number;
}

function words(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === ';' || c === '#') break; // the rest of the line is a comment
    if (c === '"' || c === "'" || c === '`') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed ${c} in: ${line}`);
      out.push(line.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++;
    out.push(line.slice(i, end));
    i = end;
  }
  return out;
}

export function parseNsisScript(text: string): NsisStatement[] {
  const raw = text.split(/\r?\n/).map((line, index) => ({ words: words(line), line: index + 1 })).filter((s) => s.words.length > 0);
  const defines = new Map<string, string>();
  for (const s of raw) {
    if (s.words[0] === '!define' && s.words[1] && !defines.has(s.words[1])) defines.set(s.words[1], s.words[2] ?? '');
  }
  const expand = (word: string): string => word.replace(/\$\{(\w+)\}/g, (whole, name: string) => defines.get(name) ?? whole);
  const out: NsisStatement[] = [];
  let block = '';
  for (const s of raw) {
    const [command, ...rest] = s.words.map(expand);
    if (command === 'Section' || command === 'Function') block = rest.find((w) => !w.startsWith('/')) ?? '(unnamed)';
    out.push({ block, command, args: rest, line: s.line });
    if (command === 'SectionEnd' || command === 'FunctionEnd') block = '';
  }
  return out;
}

export function readNsisScript(file: string): NsisStatement[] {
  return parseNsisScript(readFileSync(file, 'utf8'));
}
