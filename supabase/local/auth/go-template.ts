/**
 * The part of Go's html/template that GoTrue renders e-mail subjects and bodies with
 * (supabase/auth internal/mailer/templatemailer: subject and body are both html/template,
 * executed with the same map), as far as Cardclub's templates use it:
 *
 * - text, kept as it is, and `{{- ` / ` -}}` trimming the whitespace beside an action;
 * - `{{ .Token }}`, `{{ .Email }}` and the like, printed escaped as html/template escapes HTML
 *   text (a missing key prints nothing);
 * - `{{ if eq .Data.locale "es" }}`, `{{ else if eq … }}`, `{{ else }}`, `{{ end }}`, with `eq`
 *   comparing a field to one or more strings as Go 1.18+ does: a missing or null field is
 *   simply unequal, a number, boolean, list or object is an error (GoTrue then sends nothing).
 *
 * Anything else (other functions, pipes, variables, range, comments, an action inside a tag or
 * a script, HTML comments, which html/template drops) is refused when the template is read, so
 * the stand-in never sends what hosted GoTrue would not.
 */

type Field = string[];
type Condition = { field: Field; values: string[] };
export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'print'; field: Field }
  | { kind: 'if'; branches: { condition: Condition; body: Node[] }[]; otherwise: Node[] };

export type TemplateData = Record<string, unknown>;

/** Keys GoTrue gives templates that the stand-in has no value for: a template naming one is refused. */
const unsupplied = new Set(['SiteURL', 'ConfirmationURL', 'RedirectTo']);

/** The user's own metadata: `signInWithOtp` may set it for an address its sender does not own. */
const userControlled = 'Data';

export class TemplateError extends Error {}

const fieldPattern = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

function parseField(source: string, action: string): Field {
  if (!fieldPattern.test(source)) throw new TemplateError(`{{ ${action} }}: "${source}" is not a field like .Token or .Data.locale`);
  const field = source.slice(1).split('.');
  if (unsupplied.has(field[0]!)) throw new TemplateError(`{{ ${action} }}: the local stand-in has no value for .${field[0]}`);
  return field;
}

/** A Go string literal: "…" with \\ \" \n \t escapes, or `raw`. */
function parseString(source: string, action: string): string {
  if (/^`[^`]*`$/.test(source)) return source.slice(1, -1);
  if (!/^"(?:[^"\\]|\\[\\"nt])*"$/.test(source)) throw new TemplateError(`{{ ${action} }}: "${source}" is not a string literal`);
  return source.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function parseCondition(source: string, action: string): Condition {
  const words = source.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g) ?? [];
  if (words[0] !== 'eq' || words.length < 3) throw new TemplateError(`{{ ${action} }}: the stand-in knows only "eq .Field "text" …" as a condition`);
  return { field: parseField(words[1]!, action), values: words.slice(2).map((word) => parseString(word, action)) };
}

/** Whether text written after `before` is HTML text (not inside a tag, a script, a style, a title or a textarea). */
function inHtmlText(before: string): boolean {
  if (before.lastIndexOf('<') > before.lastIndexOf('>')) return false;
  return !/<(script|style|title|textarea)\b[^>]*>(?![\s\S]*<\/\1\s*>)[\s\S]*$/i.test(before);
}

export function parseTemplate(source: string): Node[] {
  if (source.includes('<!--')) throw new TemplateError('HTML comments: html/template removes them; the stand-in does not');
  const root: Node[] = [];
  // The open `if`s, innermost last, each with the list it sits in.
  const open: { node: Extract<Node, { kind: 'if' }>; parent: Node[] }[] = [];
  let into = root;
  let literal = '';
  let rest = source;
  let trimNext = false;
  const addText = (text: string) => {
    if (text) into.push({ kind: 'text', text });
    literal += text;
  };
  while (rest) {
    const start = rest.indexOf('{{');
    let text = start < 0 ? rest : rest.slice(0, start);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
    if (start < 0) {
      addText(text);
      break;
    }
    const end = rest.indexOf('}}', start + 2);
    if (end < 0) throw new TemplateError('an action opened with {{ is not closed');
    let inner = rest.slice(start + 2, end);
    rest = rest.slice(end + 2);
    if (/^-[ \t\r\n]/.test(inner)) {
      text = text.replace(/[ \t\r\n]+$/, '');
      inner = inner.slice(1);
    }
    trimNext = /[ \t\r\n]-$/.test(inner);
    if (trimNext) inner = inner.slice(0, -1);
    addText(text);
    const action = inner.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    const current = open.at(-1);

    if (action.startsWith('if ')) {
      const node: Extract<Node, { kind: 'if' }> = { kind: 'if', branches: [{ condition: parseCondition(action.slice(3), action), body: [] }], otherwise: [] };
      into.push(node);
      open.push({ node, parent: into });
      into = node.branches[0]!.body;
    } else if (action === 'end') {
      if (!current) throw new TemplateError('{{ end }} without an {{ if }}');
      into = open.pop()!.parent;
    } else if (action === 'else' || action.startsWith('else if ')) {
      if (!current) throw new TemplateError(`{{ ${action} }} without an {{ if }}`);
      if (into === current.node.otherwise) throw new TemplateError(`{{ ${action} }} after {{ else }}`);
      if (action === 'else') into = current.node.otherwise;
      else {
        current.node.branches.push({ condition: parseCondition(action.slice('else if '.length), action), body: [] });
        into = current.node.branches.at(-1)!.body;
      }
    } else {
      const field = parseField(action, action);
      if (field[0] === userControlled) throw new TemplateError(`{{ ${action} }}: user_metadata is the user's own input and is never printed`);
      if (!inHtmlText(literal)) throw new TemplateError(`{{ ${action} }}: the stand-in prints only into HTML text, not inside a tag or a script`);
      into.push({ kind: 'print', field });
    }
  }
  if (open.length) throw new TemplateError('an {{ if }} is not closed with {{ end }}');
  return root;
}

const missing = Symbol('missing');

/** A field as Go evaluates it on a map: a missing key (or any field of one) is "no value"; a field of anything but an object is an error. */
function evaluate(data: TemplateData, field: Field): unknown {
  let value: unknown = data;
  for (const name of field) {
    if (value === missing) return missing;
    if (value === null) throw new TemplateError(`nil pointer evaluating interface {}.${name}`);
    if (typeof value !== 'object' || Array.isArray(value)) throw new TemplateError(`can't evaluate field ${name} in type ${typeof value}`);
    value = (value as Record<string, unknown>)[name] ?? (Object.hasOwn(value, name) ? null : missing);
  }
  return value;
}

/** Go's eq of a field and string literals. */
function isEqual(value: unknown, values: string[]): boolean {
  if (value === missing || value === null) return false;
  if (typeof value !== 'string') throw new TemplateError('error calling eq: incompatible types for comparison');
  return values.includes(value);
}

/** html/template's escaping of HTML text. */
const escapeHtml = (value: string) =>
  value.replace(/[\0"&'+<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', '&': '&amp;', "'": '&#39;', '+': '&#43;', '<': '&lt;', '>': '&gt;' })[c]!);

export function renderTemplate(nodes: Node[], data: TemplateData): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'print') {
      const value = evaluate(data, node.field);
      // Root keys hold text; a missing one prints nothing in html/template.
      out += value === missing || value === null ? '' : escapeHtml(String(value));
    } else {
      const branch = node.branches.find(({ condition }) => isEqual(evaluate(data, condition.field), condition.values));
      out += renderTemplate(branch ? branch.body : node.otherwise, data);
    }
  }
  return out;
}
