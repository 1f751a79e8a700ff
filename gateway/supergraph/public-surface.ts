import { type GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';

/**
 * The names a client may know: every type, field, argument, input field and enum value of the API
 * schema. And the names it must not learn: those of the supergraph's own elements that the API
 * schema hides (`@inaccessible`), such as the keys into the legacy systems.
 */
export class PublicSurface {
  readonly names: ReadonlySet<string>;
  readonly hidden: ReadonlySet<string>;
  private readonly hiddenWords: RegExp | undefined;

  constructor(apiSchema: GraphQLSchema, supergraph: GraphQLSchema) {
    this.names = schemaNames(apiSchema);
    this.hidden = new Set([...schemaNames(supergraph)].filter((name) => !this.names.has(name)));
    this.hiddenWords = this.hidden.size > 0 ? new RegExp(`\\b(?:${[...this.hidden].join('|')})\\b`, 'g') : undefined;
  }

  /** `text` with every hidden name replaced, for messages that might quote one. */
  scrub(text: string): string {
    return this.hiddenWords ? text.replace(this.hiddenWords, '[hidden]') : text;
  }
}

/**
 * The names of a schema's own elements. Names with `__` are left out: introspection's, and those
 * of the specs a supergraph links (`join__Graph`, `link__Import`), which no API schema has.
 */
function schemaNames(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  const add = (name: string) => {
    if (!name.includes('__')) names.add(name);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.includes('__')) continue;
    add(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        add(field.name);
        for (const arg of field.args) add(arg.name);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) add(field.name);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) add(value.name);
    }
  }
  return names;
}
