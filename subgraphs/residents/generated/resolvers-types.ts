// Written by `npm run codegen` from schema/residents.graphql (see codegen.ts). Do not edit.
/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PersonRecord as PersonRecordModel, RegisteredAddress as RegisteredAddressModel } from '../../../adapters/registry';
import type { AuditEventView as AuditEventViewModel } from '../../kit';
import type { ResidentsContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar day, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** An instant, ISO-8601 with its zone offset (Moscow, +03:00). */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** The address a person is registered at. */
export type Address = {
  __typename?: 'Address';
  /** The administrative district (ЦАО, ЮЗАО, ...). */
  districtCode: Scalars['String']['output'];
  flat?: Maybe<Scalars['String']['output']>;
  /** The address as one line, without the flat. */
  text: Scalars['String']['output'];
};

/** Who read a resident's record. */
export type AuditActorKind =
  | 'RESIDENT'
  | 'STAFF';

/** One read of a resident's record as the audit trail keeps it. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** The reading resident's person id, or the staff member's or partner service's subject. */
  actorId: Scalars['String']['output'];
  actorKind: AuditActorKind;
  /**
   * The fields served (or refused), as schema paths from the resident: field names whatever the
   * client's aliases, with the document id where one document was read
   * (`medicalCard.documents`, `medicalCard.document(id: 123)`).
   */
  fields: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  occurredAt: Scalars['DateTime']['output'];
  outcome: AuditOutcome;
  /** The purpose the staff token stated; null for residents. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** The request id, as in the logs. */
  requestId: Scalars['String']['output'];
  /** The part of the graph that served the fields: residents, health, school, housing, parking. */
  subgraph: Scalars['String']['output'];
  /** Whose record was read. */
  subjectId: Scalars['ID']['output'];
};

/** Whether the fields of an audit event were answered or refused. */
export type AuditOutcome =
  /**
   * Asked for and refused: the keys into a legacy system sent with the request were not proven to
   * be the person's. The subject is the person whose data was asked for.
   */
  | 'REFUSED'
  | 'SERVED';

export type Query = {
  __typename?: 'Query';
  /**
   * The audit trail, newest first, for staff with the `audit:read` scope: who read whose record,
   * which fields, for what purpose and when. Every filter given must hold. At most `first` (1 to
   * 100); for the next page pass the last event's id as `after`.
   */
  auditTrail: Array<AuditEvent>;
  /** The signed-in resident. Null with an UNAUTHENTICATED error without a token. */
  me?: Maybe<Resident>;
  /**
   * A named resident. A resident may name themselves or a minor they represent (until the
   * minor's 18th birthday). Staff and partner
   * services may name anyone, with a department's read scope: each department's fields then answer
   * only within the token's scopes (FORBIDDEN otherwise), and every such read is audited.
   */
  resident?: Maybe<Resident>;
};


export type QueryAuditTrailArgs = {
  actorId?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  subjectId?: InputMaybe<Scalars['ID']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryResidentArgs = {
  id: Scalars['ID']['input'];
};

/**
 * A person the city knows, owned by the resident registry. Every other subgraph extends it with
 * the person's data in its system, keyed by the registry's system keys below.
 *
 * Staff see the identity fields (names, SNILS, address, children) only with `residents:read`, and
 * the birth date with `residents:read` or `health:read` (EMIAS identifies a patient by it).
 */
export type Resident = {
  __typename?: 'Resident';
  birthDate: Scalars['Date']['output'];
  /**
   * Minors the person is the legal representative of. Representation ends on the child's 18th
   * birthday (Moscow date): from that day the child is no longer listed or readable here.
   */
  children: Array<Resident>;
  firstName: Scalars['String']['output'];
  /** Last, first and middle name as the registry holds them. */
  fullName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastName: Scalars['String']['output'];
  middleName?: Maybe<Scalars['String']['output']>;
  registeredAddress?: Maybe<Address>;
  /** EMIAS: the OMS number and birth date, sealed for health. */
  sealedHealthKeys?: Maybe<Scalars['String']['output']>;
  /** EPD: the payer codes of the person's homes, sealed for housing. */
  sealedHousingKeys?: Maybe<Scalars['String']['output']>;
  /** AMPP and fines: the cars and the parking account, sealed for parking. */
  sealedParkingKeys?: Maybe<Scalars['String']['output']>;
  /** MESH: the school diary's person id, sealed for school. */
  sealedSchoolKeys?: Maybe<Scalars['String']['output']>;
  /**
   * The insurance number, NNN-NNN-NNN NN. Shown whole to the person themselves and masked
   * (***-***-*** NN) to anyone else who may see the record.
   */
  snils: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Resident: Resident;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Resident:
    ( { __typename: 'Resident' }
    & GraphQLRecursivePick<FederationTypes['Resident'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Address: ResolverTypeWrapper<RegisteredAddressModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AuditActorKind: AuditActorKind;
  AuditEvent: ResolverTypeWrapper<AuditEventViewModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditOutcome: AuditOutcome;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Resident: ResolverTypeWrapper<PersonRecordModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Address: RegisteredAddressModel;
  String: Scalars['String']['output'];
  AuditEvent: AuditEventViewModel;
  ID: Scalars['ID']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  Resident: PersonRecordModel;
  Boolean: Scalars['Boolean']['output'];
};

export type AddressResolvers<ContextType = ResidentsContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address']> = {
  districtCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  flat?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = ResidentsContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  actorId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorKind?: Resolver<ResolversTypes['AuditActorKind'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subgraph?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subjectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type QueryResolvers<ContextType = ResidentsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditTrail?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType, RequireFields<QueryAuditTrailArgs, 'first'>>;
  me?: Resolver<Maybe<ResolversTypes['Resident']>, ParentType, ContextType>;
  resident?: Resolver<Maybe<ResolversTypes['Resident']>, ParentType, ContextType, RequireFields<QueryResidentArgs, 'id'>>;
};

export type ResidentResolvers<ContextType = ResidentsContext, ParentType extends ResolversParentTypes['Resident'] = ResolversParentTypes['Resident'], FederationReferenceType extends FederationReferenceTypes['Resident'] = FederationReferenceTypes['Resident']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Resident']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Resident']>, ParentType, ContextType>;
  firstName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  middleName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  registeredAddress?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType>;
  sealedHealthKeys?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sealedHousingKeys?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sealedParkingKeys?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sealedSchoolKeys?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  snils?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ResidentsContext> = {
  Address?: AddressResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Query?: QueryResolvers<ContextType>;
  Resident?: ResidentResolvers<ContextType>;
};

