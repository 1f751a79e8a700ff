import ts from 'typescript';

/**
 * Edits of TypeScript sources that register a new subgraph in a table the repository keeps (a list
 * of names, a map by name, an import, one more start call). Each edit finds its table in the
 * parsed source by the name of the constant that holds it, not by line or by a marker comment, so
 * it survives the file being changed around it; it inserts text in the table's own layout and
 * leaves every other byte of the file as it was. A table that is missing, of another shape, or that
 * already holds the entry fails the edit, naming the file and the table, before anything is written.
 */

/** A registration the repository's sources do not allow: the table is missing or holds the entry already. */
export class SourceEditError extends Error {
  constructor(
    readonly file: string,
    message: string,
    /** The entry is there already: the name is taken, rather than the table being hard to find. */
    readonly taken = false,
  ) {
    super(`${file}: ${message}`);
  }
}

/** Where a table sits: the constant that holds it, then property names down to it (`['SECRETS', 'legacy-service-tokens']`). */
export type TablePath = readonly [string, ...string[]];

function parse(source: string, file: string): ts.SourceFile {
  return ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** `x as const`, `x satisfies T`, `(x)`, `<T>x` → x. */
function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current) || ts.isTypeAssertionExpression(current)) {
    current = current.expression;
  }
  return current;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function describe(path: TablePath): string {
  return path.map((part, i) => (i === 0 ? part : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `['${part}']`)).join('');
}

/** The literal a table path names: the one declaration of its constant, then properties down. */
function findTable(sf: ts.SourceFile, file: string, path: TablePath): ts.Expression {
  const [constant, ...properties] = path;
  const declarations: ts.VariableDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === constant) declarations.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const [declaration, ...others] = declarations;
  if (!declaration?.initializer) throw new SourceEditError(file, `the table ${constant} is not there; the repository has moved it, so register the subgraph there by hand`);
  if (others.length > 0) throw new SourceEditError(file, `${constant} is declared more than once; cannot tell which table to extend`);
  let node = unwrap(declaration.initializer);
  for (const property of properties) {
    const assignment = ts.isObjectLiteralExpression(node)
      ? node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === property)
      : undefined;
    if (!assignment) throw new SourceEditError(file, `the table ${describe(path)} is not there; register the subgraph there by hand`);
    node = unwrap(assignment.initializer);
  }
  return node;
}

/** The whitespace a line starts with. */
function indentationAt(source: string, position: number): string {
  const lineStart = source.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '';
}

/** `text` with every line after the first indented by `indent` more. */
function indentFollowingLines(text: string, indent: string): string {
  return text.replace(/\n(?=.)/g, `\n${indent}`);
}

/**
 * Inserts `item` as the last element of a list (`[…]` or `{…}`), in its layout: on its own line
 * with the last element's indentation when the list spans lines, keeping a trailing comma where
 * the list has one; after a comma and a space when it is written on one line.
 */
function appendToList(source: string, list: ts.NodeArray<ts.Node>, open: number, close: number, item: string): string {
  const last = list[list.length - 1];
  if (!last) return `${source.slice(0, open)}${item}${source.slice(close - 1)}`;
  const multiline = source.slice(open, close).includes('\n');
  if (!multiline) {
    return list.hasTrailingComma
      ? `${source.slice(0, last.end)}, ${item},${source.slice(source.indexOf(',', last.end) + 1)}`
      : `${source.slice(0, last.end)}, ${item}${source.slice(last.end)}`;
  }
  const indent = indentationAt(source, last.getStart());
  const text = indentFollowingLines(item, indent);
  if (list.hasTrailingComma) {
    const comma = source.indexOf(',', last.end) + 1;
    return `${source.slice(0, comma)}\n${indent}${text},${source.slice(comma)}`;
  }
  return `${source.slice(0, last.end)},\n${indent}${text}${source.slice(last.end)}`;
}

/** The string elements of the list `path` names (`SUBGRAPH_NAMES`): what the repository registers now. */
export function readStringList(source: string, file: string, path: TablePath): string[] {
  const list = findTable(parse(source, file), file, path);
  if (!ts.isArrayLiteralExpression(list)) throw new SourceEditError(file, `${describe(path)} is not a list`);
  return list.elements.flatMap((element) => (ts.isStringLiteral(element) ? [element.text] : []));
}

/** The keys of the map `path` names. */
export function readKeys(source: string, file: string, path: TablePath): string[] {
  const map = findTable(parse(source, file), file, path);
  if (!ts.isObjectLiteralExpression(map)) throw new SourceEditError(file, `${describe(path)} is not a map`);
  return map.properties.flatMap((p) => {
    const name = p.name ? propertyName(p.name) : undefined;
    return name === undefined ? [] : [name];
  });
}

/** Appends the string `value` to the list `path` names (`SUBGRAPH_NAMES`, `SCOPES`). */
export function appendString(source: string, file: string, path: TablePath, value: string): string {
  const sf = parse(source, file);
  const list = findTable(sf, file, path);
  if (!ts.isArrayLiteralExpression(list)) throw new SourceEditError(file, `${describe(path)} is not a list`);
  if (list.elements.some((element) => ts.isStringLiteral(element) && element.text === value)) {
    throw new SourceEditError(file, `${describe(path)} already holds '${value}'`, true);
  }
  return appendToList(source, list.elements, list.getStart() + 1, list.getEnd(), `'${value}'`);
}

/**
 * Adds `key: value` to the map `path` names. `key` is written as given (an identifier, or a quoted
 * name); `value` is code, whose lines after the first are indented to sit under the key.
 */
export function addProperty(source: string, file: string, path: TablePath, key: string, value: string): string {
  const sf = parse(source, file);
  const map = findTable(sf, file, path);
  if (!ts.isObjectLiteralExpression(map)) throw new SourceEditError(file, `${describe(path)} is not a map`);
  const bare = key.replace(/^'(.*)'$/, '$1');
  if (map.properties.some((p) => p.name !== undefined && propertyName(p.name) === bare)) {
    throw new SourceEditError(file, `${describe(path)} already has an entry for ${bare}`, true);
  }
  return appendToList(source, map.properties, map.getStart() + 1, map.getEnd(), `${key}: ${value}`);
}

/**
 * Imports `names` from `specifier`: into the file's existing (value) import of it, or as a new
 * import line placed after the last import whose module sorts before it.
 */
export function addNamedImport(source: string, file: string, specifier: string, names: readonly string[]): string {
  const sf = parse(source, file);
  const imports = sf.statements.filter(ts.isImportDeclaration);
  const existing = imports.find(
    (d) =>
      ts.isStringLiteral(d.moduleSpecifier) &&
      d.moduleSpecifier.text === specifier &&
      !d.importClause?.isTypeOnly &&
      d.importClause?.namedBindings &&
      ts.isNamedImports(d.importClause.namedBindings),
  );
  if (existing) {
    const bindings = existing.importClause!.namedBindings as ts.NamedImports;
    const missing = names.filter((name) => !bindings.elements.some((element) => element.name.text === name));
    if (missing.length === 0) return source;
    const last = bindings.elements[bindings.elements.length - 1];
    const at = last ? last.end : bindings.getStart() + 1;
    return `${source.slice(0, at)}${last ? ', ' : ' '}${missing.join(', ')}${source.slice(at)}`;
  }
  const line = `import { ${names.join(', ')} } from '${specifier}';`;
  const before = imports.filter((d) => ts.isStringLiteral(d.moduleSpecifier) && d.moduleSpecifier.text.localeCompare(specifier) < 0);
  const after = before[before.length - 1];
  if (after) return `${source.slice(0, after.end)}\n${line}${source.slice(after.end)}`;
  const first = imports[0];
  if (first) return `${source.slice(0, first.getStart())}${line}\n${source.slice(first.getStart())}`;
  return `${line}\n${source}`;
}

/**
 * Inserts `statement` after the last `await <callee>(…)` statement inside the function
 * `functionName` (the embedded system's `await start('parking', …)`), with its indentation.
 * `taken` says whether one of those calls already registers the subgraph.
 */
export function insertAfterLastCall(source: string, file: string, functionName: string, callee: string, statement: string, taken: (call: ts.CallExpression) => boolean): string {
  const sf = parse(source, file);
  let fn: ts.FunctionDeclaration | undefined;
  const findFunction = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === functionName) fn = node;
    else ts.forEachChild(node, findFunction);
  };
  findFunction(sf);
  if (!fn?.body) throw new SourceEditError(file, `the function ${functionName} is not there; register the subgraph there by hand`);
  const calls: Array<{ statement: ts.ExpressionStatement; call: ts.CallExpression }> = [];
  const findCalls = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) {
      const expression = ts.isAwaitExpression(node.expression) ? node.expression.expression : node.expression;
      if (ts.isCallExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === callee) calls.push({ statement: node, call: expression });
    }
    ts.forEachChild(node, findCalls);
  };
  findCalls(fn.body);
  const last = calls[calls.length - 1];
  if (!last) throw new SourceEditError(file, `${functionName} makes no ${callee}(…) call to add one after; register the subgraph there by hand`);
  if (calls.some(({ call }) => taken(call))) throw new SourceEditError(file, `${functionName} already starts it`, true);
  const indent = indentationAt(source, last.statement.getStart());
  return `${source.slice(0, last.statement.end)}\n${indent}${indentFollowingLines(statement, indent)}${source.slice(last.statement.end)}`;
}

/** The first string argument of a call: `start('health', …)` → `health`. */
export function firstStringArgument(call: ts.CallExpression): string | undefined {
  const [first] = call.arguments;
  return first && ts.isStringLiteral(first) ? first.text : undefined;
}

/** Throws when `source` no longer parses: an edit that broke the syntax is never written. */
export function assertParses(source: string, file: string): void {
  const { diagnostics = [] } = ts.transpileModule(source, { fileName: file, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } });
  const [first] = diagnostics;
  if (first) throw new SourceEditError(file, `the edit would not parse: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`);
}
