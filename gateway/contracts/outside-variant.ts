import { type ASTNode, GraphQLError, getNamedType, isEnumType, isInterfaceType, isObjectType, type ValidationRule } from 'graphql';

/**
 * Tells, for a contract variant, which validation errors are about an element the variant leaves
 * out: a field of an object or interface type, a field's argument, a type, an enum value, a root
 * operation type. GraphQL's
 * own rules refuse those already (the variant's schema has no such element); this rule marks the
 * nodes they refuse, so the error formatter gives those refusals a precise registered code
 * (`OUTSIDE_CONTRACT_VARIANT`) instead of the generic one, without a second error for the same
 * node and without reading messages. The code is the same whether the element exists in the whole
 * graph or nowhere, so the refusal tells a variant's caller nothing about what it leaves out.
 */
export class OutsideVariantMarks {
  private marked = new WeakSet<ASTNode>();

  /** The validation rule that marks; runs beside GraphQL's own rules. */
  readonly rule: ValidationRule = (context) => {
    const mark = (node: ASTNode): void => void this.marked.add(node);
    return {
      // Reported by `knownOperationTypes`: a variant that leaves out every mutation has no root for one.
      OperationDefinition(node) {
        const schema = context.getSchema();
        const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
        if (!root) mark(node);
      },
      Field(node) {
        const parent = context.getParentType();
        if (node.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return;
        if (!parent.getFields()[node.name.value]) mark(node);
      },
      Argument(node) {
        if (context.getDirective() || !context.getFieldDef()) return;
        if (!context.getArgument()) mark(node);
      },
      NamedType(node) {
        if (!context.getSchema().getType(node.name.value)) mark(node);
      },
      EnumValue(node) {
        const type = getNamedType(context.getInputType());
        if (isEnumType(type) && !type.getValue(node.value)) mark(node);
      },
    };
  };

  /** Whether `error` (as Apollo Server hands it to `formatError`) refuses a marked node. */
  refuses(error: unknown): boolean {
    if (!(error instanceof GraphQLError)) return false;
    const nodes = error.nodes ?? (error.originalError instanceof GraphQLError ? error.originalError.nodes : undefined);
    return (nodes ?? []).some((node) => this.marked.has(node));
  }

  /** Forgets every mark: the variant's schema changed, and a node it refused may now be served. */
  reset(): void {
    this.marked = new WeakSet<ASTNode>();
  }
}
