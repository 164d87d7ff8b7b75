// Every relative link and #anchor in the docs must lead somewhere: a file or folder that exists, a
// heading that exists (GitHub's anchor slugs). External links are not fetched (tests have no
// network) but must be well-formed http(s) URLs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What a checked document may point at; the real repository, or a fake in the self-tests below. */
interface Tree {
  /** `file`, `dir`, or null when nothing is at this repository-relative path. */
  kind(path: string): 'file' | 'dir' | null;
  read(path: string): string;
}

const repository: Tree = {
  kind(path) {
    const full = join(ROOT, path);
    if (!existsSync(full)) return null;
    return statSync(full).isDirectory() ? 'dir' : 'file';
  },
  read: (path) => readFileSync(join(ROOT, path), 'utf8'),
};

/** The documents to check, repository-relative with `/` separators. */
function documents(): string[] {
  const found = ['README.md', 'CONTRIBUTING.md'];
  const walk = (dir: string): void => {
    if (!existsSync(join(ROOT, dir))) return;
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) found.push(path);
    }
  };
  walk('docs');
  walk('bench/results');
  if (existsSync(join(ROOT, 'src/emulator/README.md'))) found.push('src/emulator/README.md');
  return found;
}

/**
 * GitHub's heading anchor (github-slugger): lower case, punctuation and symbols removed (letters,
 * marks, digits, `_`, `-` and spaces stay), each space a `-`.
 */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** A heading's text as GitHub renders it: code, links and emphasis markers gone, their text kept. */
function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, '') // closing sequence
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`+/g, '')
    .replace(/\*+/g, '');
}

interface Line {
  readonly number: number;
  readonly text: string;
}

/** The lines outside fenced code blocks, with inline code spans replaced by a neutral word. */
function proseLines(markdown: string): Line[] {
  const out: Line[] = [];
  let fence: string | null = null;
  markdown.split('\n').forEach((text, i) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return;
    }
    if (marker !== undefined) {
      fence = marker;
      return;
    }
    // A code span is shown as written, never as a link; `[x](y)` inside one is not a link.
    out.push({ number: i + 1, text: text.replace(/(`+)(?:(?!\1)[\s\S])+?\1/g, 'code') });
  });
  return out;
}

/** Every anchor a document offers: its headings' slugs (repeats numbered as GitHub does) and HTML ids. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  let fence: string | null = null;
  for (const text of markdown.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    for (const m of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]!);
    const heading = /^\s{0,3}#{1,6}\s+(.*)$/.exec(text);
    if (!heading) continue;
    const base = slug(headingText(heading[1]!));
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    anchors.add(seen === 0 ? base : `${base}-${seen}`);
  }
  return anchors;
}

interface Link {
  readonly line: number;
  readonly target: string;
}

// [text](target "title") and ![alt](target), the target possibly in <...>; text may hold [brackets].
const INLINE = /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const AUTOLINK = /<((?:https?|mailto):[^>\s]*)>/g;
const DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/;

function linksOf(markdown: string): Link[] {
  const links: Link[] = [];
  for (const { number, text } of proseLines(markdown)) {
    for (const m of text.matchAll(INLINE)) links.push({ line: number, target: m[1]!.replace(/^<|>$/g, '') });
    for (const m of text.matchAll(AUTOLINK)) links.push({ line: number, target: m[1]! });
    const definition = DEFINITION.exec(text);
    if (definition) links.push({ line: number, target: definition[1]!.replace(/^<|>$/g, '') });
  }
  return links;
}

/** `file:line: problem` for every link of `path` that leads nowhere. */
function problemsOf(path: string, tree: Tree): string[] {
  const markdown = tree.read(path);
  const problems: string[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchors = (file: string) => {
    let set = anchorCache.get(file);
    if (!set) anchorCache.set(file, (set = file === path ? anchorsOf(markdown) : anchorsOf(tree.read(file))));
    return set;
  };

  for (const { line, target } of linksOf(markdown)) {
    const at = `${path}:${line}: `;
    if (target === '') {
      problems.push(`${at}empty link target`);
      continue;
    }
    if (/^https?:/i.test(target)) {
      const problem = externalProblem(target);
      if (problem) problems.push(`${at}${problem}: ${target}`);
      continue;
    }
    if (/^mailto:[^@\s]+@[^@\s]+$/i.test(target)) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      problems.push(`${at}unsupported link scheme: ${target}`);
      continue;
    }

    const hash = target.indexOf('#');
    const rawPath = hash === -1 ? target : target.slice(0, hash);
    const anchor = hash === -1 ? null : target.slice(hash + 1);
    let file = path;
    if (rawPath !== '') {
      let decoded: string;
      try {
        decoded = decodeURIComponent(rawPath);
      } catch {
        problems.push(`${at}undecodable path: ${target}`);
        continue;
      }
      // GitHub resolves `/x` from the repository root and `x` from the document's folder.
      const resolved = decoded.startsWith('/') ? posix.normalize(decoded.slice(1)) : posix.join(posix.dirname(path), decoded);
      const clean = resolved.replace(/\/+$/, '');
      if (clean === '..' || clean.startsWith('../')) {
        problems.push(`${at}leaves the repository: ${target}`);
        continue;
      }
      const kind = tree.kind(clean === '' ? '.' : clean);
      if (kind === null) {
        problems.push(`${at}no such file or folder: ${target} (looked for ${clean})`);
        continue;
      }
      if (anchor !== null && (kind !== 'file' || !clean.endsWith('.md'))) {
        if (anchor !== '') problems.push(`${at}an anchor on something that is not a Markdown file: ${target}`);
        continue;
      }
      file = clean;
    }
    if (anchor === null || anchor === '') continue;
    if (!anchors(file).has(decodeURIComponent(anchor))) {
      const known = [...anchors(file)].filter((a) => a.includes(anchor.split('-')[0] ?? '')).slice(0, 5);
      problems.push(`${at}no heading for #${anchor} in ${file}${known.length > 0 ? ` (near: ${known.map((a) => `#${a}`).join(', ')})` : ''}`);
    }
  }
  return problems;
}

/** Why an external link is malformed, or null. */
function externalProblem(target: string): string | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not http(s)';
  if (!/^[a-z]+:\/\/[^/?#\s]/i.test(target)) return 'no host';
  if (url.hostname !== 'localhost' && !/^[\d.]+$/.test(url.hostname) && !url.hostname.includes('.')) return `host "${url.hostname}" has no domain`;
  if (/\s/.test(target)) return 'contains whitespace';
  return null;
}

describe('documentation links', () => {
  const docs = documents();

  it('checks the README, CONTRIBUTING and every page under docs/', () => {
    expect(docs).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/operations.md', 'docs/adr/README.md']));
  });

  it('every relative link and anchor resolves, every external link is well-formed', () => {
    const problems = docs.flatMap((path) => problemsOf(path, repository));
    expect(problems, `Broken links:\n  ${problems.join('\n  ')}\n`).toEqual([]);
  });
});

describe('the link checker', () => {
  it("makes GitHub's heading anchors", () => {
    expect(slug(headingText('Reading many: batching, no N+1'))).toBe('reading-many-batching-no-n1');
    expect(slug(headingText('`$select` pushdown'))).toBe('select-pushdown');
    expect(slug(headingText("Graph's warnings"))).toBe('graphs-warnings');
    expect(slug(headingText('0001: Our own retry loop, not undici’s'))).toBe('0001-our-own-retry-loop-not-undicis');
    expect(slug(headingText('A - B'))).toBe('a---b');
    expect(slug(headingText('**Bold** [link](x.md) <code>y</code> ##'))).toBe('bold-link-y');
    expect([...anchorsOf('# Same\n## Same\n```\n# not a heading\n```\n### Same')]).toEqual(['same', 'same-1', 'same-2']);
  });

  it('reports missing files, missing headings and malformed URLs, and nothing else', () => {
    const files: Record<string, string> = {
      'README.md': [
        '# Title',
        '## A section',
        '[ok](docs/a.md) [ok](docs/a.md#the-heading) [ok](#a-section) [ok](docs/) [ok](<docs/a.md>)',
        '[ok](https://example.com/x?y=1#z) <https://www.w3.org/TR/trace-context/> [ok](mailto:a@example.com)',
        '`[in code](nowhere.md)`',
        '```',
        '[in a fence](nowhere.md)',
        '```',
        '[gone](docs/missing.md) [bad anchor](docs/a.md#nope) [bad local](#nope) [out](../x.md)',
        '[bad url](https://) [bad scheme](ftp://example.com) [no domain](http://intranet/x) [not a definition]: docs/gone.md',
        '[ref]: docs/gone.md',
      ].join('\n'),
      'docs/a.md': '# The heading\n[up](../README.md#a-section)',
    };
    const tree: Tree = {
      kind: (path) => (path in files ? 'file' : path === 'docs' || path === '.' ? 'dir' : null),
      read: (path) => files[path] ?? '',
    };
    expect(problemsOf('docs/a.md', tree)).toEqual([]);
    expect(problemsOf('README.md', tree)).toEqual([
      'README.md:9: no such file or folder: docs/missing.md (looked for docs/missing.md)',
      'README.md:9: no heading for #nope in docs/a.md',
      'README.md:9: no heading for #nope in README.md',
      'README.md:9: leaves the repository: ../x.md',
      'README.md:10: not a valid URL: https://',
      'README.md:10: unsupported link scheme: ftp://example.com',
      'README.md:10: host "intranet" has no domain: http://intranet/x',
      'README.md:11: no such file or folder: docs/gone.md (looked for docs/gone.md)',
    ]);
  });
});
