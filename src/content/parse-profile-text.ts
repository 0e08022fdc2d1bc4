// Parses a profile given as YAML or JSON text. Syntax errors become problems with a line number.
//
// The text is untrusted, so its size and its shape are bounded before it becomes a JavaScript
// value: an alias bomb ("billion laughs"), a deep nest of flow collections or a huge mapping would
// otherwise cost seconds of CPU or gigabytes of memory. The limits sit far above any real profile
// (the examples are 2-4 KB with under 300 nodes and no aliases). Even under them, parsing 128 KB
// of hostile YAML takes longer than a server may block its event loop, which is why the server
// parses off the main thread (parse-profile-off-thread.ts); see bench/PARSE.md.
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { findInvalidCharacters, invalidCharacterMessage, invalidCharactersIn } from '../core/profile/invalid-characters.ts';
import type { Problem } from '../core/profile/normalise-profile.ts';

export const PROFILE_TEXT_LIMITS = {
  /** UTF-8 bytes; a realistic profile is under 50 KB. */
  bytes: 128 * 1024,
  /** Nodes (scalars and collections) once every alias is expanded. */
  nodes: 20_000,
  aliases: 100,
  /** Nested collections; a profile nests five deep. */
  depth: 32,
} as const;

export type ParseResult = { ok: true; value: unknown } | { ok: false; code: 'invalid_profile' | 'invalid_characters'; problems: Problem[] };

export interface ParseOptions {
  /** Prefix of positional paths (`profile:3:7`): the file name, or `profile`. */
  source?: string;
  /** Where the profile sits in what was sent, for field paths (`profile.systems[0].name` in an API body). */
  valuePath?: ReadonlyArray<PropertyKey>;
}

type Shape = { problems: Problem[]; scalarRanges: Array<[number, number]> };

export function parseProfileText(text: string, options: ParseOptions | string = {}): ParseResult {
  const { source = 'profile', valuePath = [] } = typeof options === 'string' ? { source: options } : options;
  const lines = new LineCounter();
  const at = (offset: number) => {
    const position = lines.linePos(offset);
    return `${source}:${position.line}:${position.col}`;
  };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > PROFILE_TEXT_LIMITS.bytes) {
    return { ok: false, code: 'invalid_profile', problems: [{ path: source, message: `the profile text is ${bytes} bytes; the limit is ${PROFILE_TEXT_LIMITS.bytes} (a real profile is a few KB)` }] };
  }
  // The parser spends seconds on a deep nest of flow brackets, so that shape is refused first.
  const nest = deepFlowNest(text);
  if (nest != null) {
    const line = text.slice(0, nest).split('\n').length;
    const column = nest - text.lastIndexOf('\n', nest - 1);
    return { ok: false, code: 'invalid_profile', problems: [{ path: `${source}:${line}:${column}`, message: `nested more than ${PROFILE_TEXT_LIMITS.depth} levels deep` }] };
  }
  const rawInvalid = invalidCharactersIn(text);
  // YAML 1.2 core schema: dates stay strings, and JSON is valid YAML. Duplicate keys are found in
  // checkShape, in linear time (the library's own check is quadratic in the size of a mapping).
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter: lines });
  if (document.errors.length > 0) {
    if (rawInvalid.length > 0) return { ok: false, code: 'invalid_characters', problems: positionalCharacterProblems(text, rawInvalid, [], at) };
    return {
      ok: false,
      code: 'invalid_profile',
      problems: document.errors.map((error) => ({
        path: `${source}${error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : ''}`,
        message: (error.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, ''),
      })),
    };
  }
  const shape = checkShape(document, at);
  if (shape.problems.length > 0) return { ok: false, code: 'invalid_profile', problems: shape.problems };
  let value: unknown;
  try {
    // checkShape bounded the expansion exactly; the library's own, coarser guard stays as a backstop.
    value = document.toJS({ maxAliasCount: PROFILE_TEXT_LIMITS.nodes });
  } catch (error) {
    return { ok: false, code: 'invalid_profile', problems: [{ path: source, message: `cannot be read: ${(error as Error).message}` }] };
  }
  const characters = [...findInvalidCharacters(value, valuePath), ...positionalCharacterProblems(text, rawInvalid, shape.scalarRanges, at)];
  if (characters.length > 0) return { ok: false, code: 'invalid_characters', problems: characters };
  if (value == null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, code: 'invalid_profile', problems: [{ path: '(root)', message: 'expected a profile object (a YAML mapping with organisation, systems, ...)' }] };
  }
  return { ok: true, value };
}

/**
 * The offset at which flow brackets (`[`, `{`) nest deeper than the depth limit, outside quoted
 * scalars and comments; null when they never do. A linear scan of the text, before any parsing.
 */
function deepFlowNest(text: string): number | null {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '"' || character === "'") {
      for (index += 1; index < text.length && text[index] !== character; index += 1) if (character === '"' && text[index] === '\\') index += 1;
    } else if (character === '#' && (index === 0 || /\s/.test(text[index - 1]!))) {
      while (index < text.length && text[index] !== '\n') index += 1;
    } else if (character === '[' || character === '{') {
      depth += 1;
      if (depth > PROFILE_TEXT_LIMITS.depth) return index;
    } else if ((character === ']' || character === '}') && depth > 0) {
      depth -= 1;
    }
  }
  return null;
}

/** Invalid characters outside every scalar (in comments, say): those have no field path, only a position. */
function positionalCharacterProblems(text: string, found: ReturnType<typeof invalidCharactersIn>, scalarRanges: Array<[number, number]>, at: (offset: number) => string): Problem[] {
  const outside = found.filter((character) => !scalarRanges.some(([start, end]) => character.index >= start && character.index < end));
  return outside.map((character) => ({ path: at(character.index), message: invalidCharacterMessage([character], () => 'this position') }));
}

/**
 * Counts nodes, aliases and depth, and finds duplicate keys, in one walk with an explicit stack (a
 * hostile nest cannot overflow the call stack). Aliases count as the nodes they expand to, so a
 * small text cannot stand for a huge value.
 */
function checkShape(document: Document, at: (offset: number) => string): Shape {
  const problems: Problem[] = [];
  const scalarRanges: Array<[number, number]> = [];
  const aliases: Node[] = [];
  let nodes = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: document.contents, depth: 0 }];
  const where = (node: unknown) => at((node as Node).range?.[0] ?? 0);
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node == null) continue;
    nodes += 1;
    if (isScalar(node)) {
      if (node.range) scalarRanges.push([node.range[0], node.range[1]]);
    } else if (isAlias(node)) {
      aliases.push(node);
      if (aliases.length > PROFILE_TEXT_LIMITS.aliases) return { problems: [{ path: where(node), message: `more than ${PROFILE_TEXT_LIMITS.aliases} aliases; a profile needs none` }], scalarRanges };
    } else if (isMap(node) || isSeq(node)) {
      if (depth >= PROFILE_TEXT_LIMITS.depth) return { problems: [{ path: where(node), message: `nested more than ${PROFILE_TEXT_LIMITS.depth} levels deep` }], scalarRanges };
      const keys = new Set<unknown>();
      for (const item of node.items) {
        if (isPair(item)) {
          const key = isScalar(item.key) ? item.key.value : item.key;
          if (keys.has(key)) problems.push({ path: where(item.key), message: `duplicate key ${JSON.stringify(String(key))}` });
          keys.add(key);
          stack.push({ node: item.value, depth: depth + 1 }, { node: item.key, depth: depth + 1 });
        } else {
          stack.push({ node: item, depth: depth + 1 });
        }
      }
    }
    if (nodes > PROFILE_TEXT_LIMITS.nodes) return { problems: [{ path: where(node), message: `more than ${PROFILE_TEXT_LIMITS.nodes} values` }], scalarRanges };
  }
  const expanded = expandedNodeCount(document, aliases, nodes);
  if (expanded.problem) return { problems: [expanded.problem(at)], scalarRanges };
  return { problems, scalarRanges };
}

/** The number of nodes once every alias is replaced by what it refers to. */
function expandedNodeCount(document: Document, aliases: Node[], rawNodes: number): { problem?: (at: (offset: number) => string) => Problem } {
  const sizes = new Map<Node, number>();
  const inProgress = new Set<Node>();
  const limit = PROFILE_TEXT_LIMITS.nodes;
  const sizeOf = (target: Node): number => {
    const known = sizes.get(target);
    if (known !== undefined) return known;
    if (inProgress.has(target)) return Infinity;
    inProgress.add(target);
    let size = 0;
    const stack: unknown[] = [target];
    while (stack.length > 0 && size <= limit) {
      const node = stack.pop();
      if (node == null) continue;
      if (isAlias(node)) {
        const resolved = node.resolve(document);
        size += resolved ? sizeOf(resolved) : 1;
      } else {
        size += 1;
        if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push(...(isPair(item) ? [item.key, item.value] : [item]));
      }
    }
    inProgress.delete(target);
    sizes.set(target, size);
    return size;
  };
  let total = rawNodes;
  for (const alias of aliases) {
    if (!isAlias(alias)) continue;
    const resolved = alias.resolve(document);
    const size = resolved ? sizeOf(resolved) : 1;
    if (size === Infinity) return { problem: (at) => ({ path: at(alias.range?.[0] ?? 0), message: `the alias *${alias.source} refers to a value that contains it` }) };
    total += size - 1;
    if (total > limit) return { problem: (at) => ({ path: at(alias.range?.[0] ?? 0), message: `aliases expand the profile to more than ${limit} values` }) };
  }
  return {};
}
