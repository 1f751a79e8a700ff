// Written by `npm run codegen` from schema/parking.graphql (see codegen.ts). Do not edit.
/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ParkingResident as ParkingResidentModel, AccountParent as AccountParentModel } from '../parents';
import type { VehicleKey as VehicleKeyModel } from '../../../adapters/registry';
import type { Fine as FineModel, ResidentPermit as ResidentPermitModel, ParkingSession as ParkingSessionModel, Parking as ParkingModel, ParkingZone as ParkingZoneModel } from '../../../adapters/parking';
import type { Money as MoneyModel } from '../../kit';
import type { ParkingContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
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

/** A traffic-police fine (a charge in the state payments system). */
export type Fine = {
  __typename?: 'Fine';
  amount: Money;
  /** The article of the Code of Administrative Offences (12.9ч.2). */
  article: Scalars['String']['output'];
  /** The last day the discount is accepted, when the article has one. */
  discountUntil?: Maybe<Scalars['Date']['output']>;
  /**
   * What paying now costs while the early-payment discount lasts; null when it does not apply
   * (paid, past discountUntil, or an article without a discount).
   */
  discountedAmount?: Maybe<Money>;
  issuedAt: Scalars['DateTime']['output'];
  status: FineStatus;
  /** The UIN to pay it by (20 or 25 digits). */
  uin: Scalars['String']['output'];
};

export type FineStatus =
  | 'PAID'
  /** A payment was seen and is being matched to the fine. */
  | 'PAYMENT_PROCESSING'
  | 'UNPAID';

/** An amount of money: whole kopecks, and the same amount in roubles as a decimal string. */
export type Money = {
  __typename?: 'Money';
  kopecks: Scalars['Int']['output'];
  rubles: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Starts a paid parking session on the signed-in resident's own parking account; the full cost is
   * charged at once. The plate may be typed with Latin look-alike letters. Errors: INVALID_PLATE,
   * BAD_USER_INPUT (zone, minutes), INSUFFICIENT_BALANCE, SESSION_ALREADY_ACTIVE, NOT_FOUND (no
   * parking account).
   */
  startParkingSession: StartParkingSessionResult;
  /**
   * Stops an active session of the signed-in resident's own account early; the unused whole
   * minutes are refunded. Errors: SESSION_NOT_FOUND, BAD_USER_INPUT.
   */
  stopParkingSession: StopParkingSessionResult;
};


export type MutationStartParkingSessionArgs = {
  input: StartParkingSessionInput;
};


export type MutationStopParkingSessionArgs = {
  sessionId: Scalars['ID']['input'];
};

export type Parking = {
  __typename?: 'Parking';
  address?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  spaces: ParkingSpaces;
  zone: ParkingZone;
};

/** A prepaid AMPP parking account. */
export type ParkingAccount = {
  __typename?: 'ParkingAccount';
  balance: Money;
  /** Sessions of the last 30 days, newest first. `first` is 1..50; `after` is a page's nextCursor. */
  sessions: ParkingSessionPage;
};


/** A prepaid AMPP parking account. */
export type ParkingAccountSessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ParkingSession = {
  __typename?: 'ParkingSession';
  /** What the session cost after any refund. */
  cost: Money;
  /** The paid end, or when the session was stopped. */
  endTime: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  plate: Scalars['String']['output'];
  startTime: Scalars['DateTime']['output'];
  status: ParkingSessionStatus;
  zone: Scalars['String']['output'];
};

export type ParkingSessionPage = {
  __typename?: 'ParkingSessionPage';
  items: Array<ParkingSession>;
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor?: Maybe<Scalars['String']['output']>;
  totalCount: Scalars['Int']['output'];
};

export type ParkingSessionStatus =
  | 'ACTIVE'
  | 'FINISHED'
  /** Stopped early; the unused whole minutes were refunded. */
  | 'STOPPED';

export type ParkingSpaces = {
  __typename?: 'ParkingSpaces';
  free: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

export type ParkingZone = {
  __typename?: 'ParkingZone';
  /** Null when AMPP does not state the tariff. */
  hourlyTariff?: Maybe<Money>;
  number: Scalars['String']['output'];
};

export type PermitStatus =
  | 'ACTIVE'
  | 'ANNULLED'
  | 'EXPIRED'
  /** Issued, with a start date still ahead. */
  | 'PENDING';

export type Query = {
  __typename?: 'Query';
  /**
   * A city parking's reference data: name, address, zone and tariff, free spaces now. Anyone may
   * read it, signed in or not. Null when there is no such parking.
   */
  parking?: Maybe<Parking>;
};


export type QueryParkingArgs = {
  id: Scalars['ID']['input'];
};

export type Resident = {
  __typename?: 'Resident';
  id: Scalars['ID']['output'];
  /** The resident's AMPP parking account; null when they have none. */
  parkingAccount?: Maybe<ParkingAccount>;
  /**
   * The person's cars (plate and registration certificate) and AMPP account, sealed by the
   * residents subgraph for this one.
   */
  sealedParkingKeys?: Maybe<Scalars['String']['output']>;
  /**
   * The resident's cars, as the registry lists them, with their fines and resident permits. Null,
   * with a SUBGRAPH_UNAVAILABLE error, when the parking subgraph cannot be reached.
   */
  vehicles?: Maybe<Array<Vehicle>>;
};

/** A resident parking permit: the car parks free in the zone of the holder's home. */
export type ResidentPermit = {
  __typename?: 'ResidentPermit';
  status: PermitStatus;
  validFrom: Scalars['Date']['output'];
  validUntil: Scalars['Date']['output'];
  zone: Scalars['String']['output'];
};

export type StartParkingSessionInput = {
  /** Whole minutes to pay for, 15..1440. */
  minutes: Scalars['Int']['input'];
  /** The plate; Latin look-alike letters (A, B, E, K, M, H, O, P, C, T, Y, X) are accepted. */
  plate: Scalars['String']['input'];
  /** The zone number posted on the parking sign, four digits (0103). */
  zone: Scalars['String']['input'];
};

export type StartParkingSessionResult = {
  __typename?: 'StartParkingSessionResult';
  balance: Money;
  session: ParkingSession;
};

export type StopParkingSessionResult = {
  __typename?: 'StopParkingSessionResult';
  balance: Money;
  refund: Money;
  session: ParkingSession;
};

export type Vehicle = {
  __typename?: 'Vehicle';
  /**
   * Traffic fines issued to the car, newest first, paid ones included; at most `first` (1..100).
   * Null, with a LEGACY_* error naming `fines`, when the fines service cannot answer.
   */
  fines?: Maybe<Array<Fine>>;
  /** The registration plate in Cyrillic (А123ВС77). */
  plate: Scalars['String']['output'];
  /**
   * The car's resident parking permit: the current one, else the latest. Null when it never had
   * one.
   */
  residentPermit?: Maybe<ResidentPermit>;
};


export type VehicleFinesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
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
    & GraphQLRecursivePick<FederationTypes['Resident'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedParkingKeys":true}>
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedParkingKeys":true}>
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedParkingKeys":true}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Fine: ResolverTypeWrapper<FineModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  FineStatus: FineStatus;
  Money: ResolverTypeWrapper<MoneyModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Parking: ResolverTypeWrapper<ParkingModel>;
  ParkingAccount: ResolverTypeWrapper<AccountParentModel>;
  ParkingSession: ResolverTypeWrapper<ParkingSessionModel>;
  ParkingSessionPage: ResolverTypeWrapper<Omit<ParkingSessionPage, 'items'> & { items: Array<ResolversTypes['ParkingSession']> }>;
  ParkingSessionStatus: ParkingSessionStatus;
  ParkingSpaces: ResolverTypeWrapper<ParkingSpaces>;
  ParkingZone: ResolverTypeWrapper<ParkingZoneModel>;
  PermitStatus: PermitStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Resident: ResolverTypeWrapper<ParkingResidentModel>;
  ResidentPermit: ResolverTypeWrapper<ResidentPermitModel>;
  StartParkingSessionInput: StartParkingSessionInput;
  StartParkingSessionResult: ResolverTypeWrapper<Omit<StartParkingSessionResult, 'balance' | 'session'> & { balance: ResolversTypes['Money'], session: ResolversTypes['ParkingSession'] }>;
  StopParkingSessionResult: ResolverTypeWrapper<Omit<StopParkingSessionResult, 'balance' | 'refund' | 'session'> & { balance: ResolversTypes['Money'], refund: ResolversTypes['Money'], session: ResolversTypes['ParkingSession'] }>;
  Vehicle: ResolverTypeWrapper<VehicleKeyModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Fine: FineModel;
  String: Scalars['String']['output'];
  Money: MoneyModel;
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Parking: ParkingModel;
  ParkingAccount: AccountParentModel;
  ParkingSession: ParkingSessionModel;
  ParkingSessionPage: Omit<ParkingSessionPage, 'items'> & { items: Array<ResolversParentTypes['ParkingSession']> };
  ParkingSpaces: ParkingSpaces;
  ParkingZone: ParkingZoneModel;
  Query: Record<PropertyKey, never>;
  Resident: ParkingResidentModel;
  ResidentPermit: ResidentPermitModel;
  StartParkingSessionInput: StartParkingSessionInput;
  StartParkingSessionResult: Omit<StartParkingSessionResult, 'balance' | 'session'> & { balance: ResolversParentTypes['Money'], session: ResolversParentTypes['ParkingSession'] };
  StopParkingSessionResult: Omit<StopParkingSessionResult, 'balance' | 'refund' | 'session'> & { balance: ResolversParentTypes['Money'], refund: ResolversParentTypes['Money'], session: ResolversParentTypes['ParkingSession'] };
  Vehicle: VehicleKeyModel;
  Boolean: Scalars['Boolean']['output'];
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FineResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['Fine'] = ResolversParentTypes['Fine']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  article?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  discountUntil?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  discountedAmount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  issuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['FineStatus'], ParentType, ContextType>;
  uin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  kopecks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rubles?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  startParkingSession?: Resolver<ResolversTypes['StartParkingSessionResult'], ParentType, ContextType, RequireFields<MutationStartParkingSessionArgs, 'input'>>;
  stopParkingSession?: Resolver<ResolversTypes['StopParkingSessionResult'], ParentType, ContextType, RequireFields<MutationStopParkingSessionArgs, 'sessionId'>>;
};

export type ParkingResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['Parking'] = ResolversParentTypes['Parking']> = {
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  spaces?: Resolver<ResolversTypes['ParkingSpaces'], ParentType, ContextType>;
  zone?: Resolver<ResolversTypes['ParkingZone'], ParentType, ContextType>;
};

export type ParkingAccountResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['ParkingAccount'] = ResolversParentTypes['ParkingAccount']> = {
  balance?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  sessions?: Resolver<ResolversTypes['ParkingSessionPage'], ParentType, ContextType, RequireFields<ParkingAccountSessionsArgs, 'first'>>;
};

export type ParkingSessionResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['ParkingSession'] = ResolversParentTypes['ParkingSession']> = {
  cost?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  endTime?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  plate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startTime?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ParkingSessionStatus'], ParentType, ContextType>;
  zone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ParkingSessionPageResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['ParkingSessionPage'] = ResolversParentTypes['ParkingSessionPage']> = {
  items?: Resolver<Array<ResolversTypes['ParkingSession']>, ParentType, ContextType>;
  nextCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ParkingSpacesResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['ParkingSpaces'] = ResolversParentTypes['ParkingSpaces']> = {
  free?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ParkingZoneResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['ParkingZone'] = ResolversParentTypes['ParkingZone']> = {
  hourlyTariff?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  parking?: Resolver<Maybe<ResolversTypes['Parking']>, ParentType, ContextType, RequireFields<QueryParkingArgs, 'id'>>;
};

export type ResidentResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['Resident'] = ResolversParentTypes['Resident'], FederationReferenceType extends FederationReferenceTypes['Resident'] = FederationReferenceTypes['Resident']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Resident']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  parkingAccount?: Resolver<Maybe<ResolversTypes['ParkingAccount']>, ParentType, ContextType>;
  vehicles?: Resolver<Maybe<Array<ResolversTypes['Vehicle']>>, ParentType, ContextType>;
};

export type ResidentPermitResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['ResidentPermit'] = ResolversParentTypes['ResidentPermit']> = {
  status?: Resolver<ResolversTypes['PermitStatus'], ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  zone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StartParkingSessionResultResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['StartParkingSessionResult'] = ResolversParentTypes['StartParkingSessionResult']> = {
  balance?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  session?: Resolver<ResolversTypes['ParkingSession'], ParentType, ContextType>;
};

export type StopParkingSessionResultResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['StopParkingSessionResult'] = ResolversParentTypes['StopParkingSessionResult']> = {
  balance?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refund?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  session?: Resolver<ResolversTypes['ParkingSession'], ParentType, ContextType>;
};

export type VehicleResolvers<ContextType = ParkingContext, ParentType extends ResolversParentTypes['Vehicle'] = ResolversParentTypes['Vehicle']> = {
  fines?: Resolver<Maybe<Array<ResolversTypes['Fine']>>, ParentType, ContextType, RequireFields<VehicleFinesArgs, 'first'>>;
  plate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  residentPermit?: Resolver<Maybe<ResolversTypes['ResidentPermit']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = ParkingContext> = {
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Fine?: FineResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Parking?: ParkingResolvers<ContextType>;
  ParkingAccount?: ParkingAccountResolvers<ContextType>;
  ParkingSession?: ParkingSessionResolvers<ContextType>;
  ParkingSessionPage?: ParkingSessionPageResolvers<ContextType>;
  ParkingSpaces?: ParkingSpacesResolvers<ContextType>;
  ParkingZone?: ParkingZoneResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Resident?: ResidentResolvers<ContextType>;
  ResidentPermit?: ResidentPermitResolvers<ContextType>;
  StartParkingSessionResult?: StartParkingSessionResultResolvers<ContextType>;
  StopParkingSessionResult?: StopParkingSessionResultResolvers<ContextType>;
  Vehicle?: VehicleResolvers<ContextType>;
};

