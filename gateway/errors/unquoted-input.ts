/**
 * graphql-js writes the offending value into its messages for values that do not fit their type:
 * `Variable "$key" got invalid value "a\u0000b"; …`, `Expected value of type "Int", found "x".`,
 * `Int cannot represent non-integer value: "x"`. A client's value may be anything — personal data,
 * kilobytes of junk, control characters for a log — and the graph never echoes it. These messages
 * are replaced by ones that name only the variable or the type. Our own messages never quote a
 * value and are left as they are.
 */
const REWRITES: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray) => string]> = [
  [/^Variable "\$(\w+)" got invalid value /, (m) => `Variable "$${m[1]}" got a value its type does not take.`],
  [/^Expected value of type "([^"]+)", found /, (m) => `An argument is not a value of type "${m[1]}".`],
  [/^(Int|Float|String|Boolean|ID) cannot represent /, (m) => `An argument is not a value of type "${m[1]}".`],
  [/^Enum "(\w+)" cannot represent /, (m) => `An argument is not a value of the enum "${m[1]}".`],
  [/^Value "[\s\S]*" does not exist in "(\w+)" enum\./, (m) => `An argument is not a value of the enum "${m[1]}".`],
];

/** The message with any quoted client value taken out; unchanged when it quotes none. */
export function unquotedInput(message: string): string {
  for (const [pattern, rewrite] of REWRITES) {
    const match = pattern.exec(message);
    if (match) return rewrite(match);
  }
  return message;
}
