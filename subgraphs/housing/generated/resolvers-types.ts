// Written by `npm run codegen` from schema/housing.graphql (see codegen.ts). Do not edit.
/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { HousingResident as HousingResidentModel, HomeNode as HomeNodeModel, MeterNode as MeterNodeModel } from '../parents';
import type { MeterReading as MeterReadingModel, Bill as BillModel } from '../../../adapters/housing';
import type { SubmitWindow as SubmitWindowModel, SubmissionOutcome as SubmissionOutcomeModel, ReadingResult as ReadingResultModel } from '../readings';
import type { Money as MoneyModel } from '../../kit';
import type { HousingContext } from '../context';
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

/** A single payment document (EPD) for one month. */
export type Bill = {
  __typename?: 'Bill';
  /** The month's accrual. */
  amount: Money;
  createdOn: Scalars['Date']['output'];
  /** Voluntary flat insurance included in the document. */
  insurance: Money;
  paid: Money;
  penalty: Money;
  /** The month billed: its first day. */
  period: Scalars['Date']['output'];
  status: BillStatus;
  /** The payment identifier (UIN) to pay the document by. */
  uin: Scalars['String']['output'];
};

export type BillStatus =
  | 'NOT_PAID'
  | 'PAID';

/** A home the resident pays housing and utilities for. */
export type Home = {
  __typename?: 'Home';
  /** The address as one line, without the flat. */
  address: Scalars['String']['output'];
  /**
   * Single payment documents (EPD) of the months from `from` to `to` (any day of the month; both
   * months included), newest first, at most `last` of them. `to` defaults to the current month and
   * `from` to `last` + 1 months before it. The range covers at most 36 months and `last` is 1..36:
   * page back by asking for the months before the oldest bill received.
   */
  bills?: Maybe<Array<Bill>>;
  /**
   * What is owed on the documents not paid yet (accruals and penalties less payments) over the last
   * 36 months. Null with an error when the EPD system cannot be reached.
   */
  debt?: Maybe<Money>;
  flat?: Maybe<Scalars['String']['output']>;
  meters?: Maybe<Array<Meter>>;
  /** The EPD payer code (10 digits), as printed on the single payment document. */
  payerCode: Scalars['String']['output'];
  /** Persons registered in the flat; the consumption norm for readings is per person. */
  registeredPersons?: Maybe<Scalars['Int']['output']>;
};


/** A home the resident pays housing and utilities for. */
export type HomeBillsArgs = {
  from?: InputMaybe<Scalars['Date']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};

/** A meter in a home, and the rules that govern its readings. */
export type Meter = {
  __typename?: 'Meter';
  /**
   * Whether a reading would be taken today (Moscow date): its window is open, the meter is
   * verified, and no reading has been given for the window's period yet.
   */
  canSubmitNow: Scalars['Boolean']['output'];
  /** The housing system's id of the meter; the id `submitMeterReadings` takes. */
  id: Scalars['ID']['output'];
  kind: MeterKind;
  lastReading?: Maybe<MeterReading>;
  /**
   * Past readings, newest first. `first` is 1..24 (default 12); `after` is the `endCursor` of the
   * previous page.
   */
  readings: MeterReadingPage;
  /** The serial number on the meter (e.g. 14-007378). */
  serialNumber: Scalars['String']['output'];
  /**
   * The signed-in resident's own submissions of readings for this meter, newest first: what is
   * still QUEUED for the housing system, and what became of the rest. `first` is 1..20 (default 5).
   * Empty for a meter the resident has not submitted for; null with an error when the submissions
   * cannot be read.
   */
  submissions?: Maybe<Array<MeterReadingSubmission>>;
  /**
   * The window open today, or the next one: water and heat from the 15th to the 3rd of the next
   * month, electricity from the 15th to the 26th.
   */
  submitWindow: SubmitWindow;
  /** m³ for water, kWh for electricity, Gcal for heat. */
  unit: Scalars['String']['output'];
  /** A meter past its verification takes no readings remotely. */
  verificationExpired: Scalars['Boolean']['output'];
  /** The day its verification runs out. */
  verifiedUntil: Scalars['Date']['output'];
};


/** A meter in a home, and the rules that govern its readings. */
export type MeterReadingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A meter in a home, and the rules that govern its readings. */
export type MeterSubmissionsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type MeterKind =
  | 'COLD_WATER'
  | 'ELECTRICITY'
  | 'HEAT'
  | 'HOT_WATER';

export type MeterReading = {
  __typename?: 'MeterReading';
  /** The billing period the reading is for: the last day of the month. */
  period: Scalars['Date']['output'];
  /** The channel it came through (mos.ru, МФЦ, the managing company), when known. */
  source?: Maybe<Scalars['String']['output']>;
  value: Scalars['Float']['output'];
};

export type MeterReadingInput = {
  meterId: Scalars['ID']['input'];
  /**
   * Whole units (m³, kWh, Gcal); a fraction is refused with READING_NOT_WHOLE, and a value beyond
   * what the meter can show, or (heat, electricity) beyond a month's plausible use since the last
   * reading, with READING_IMPLAUSIBLE. A value that is not a finite number is BAD_USER_INPUT.
   */
  value: Scalars['Float']['input'];
};

export type MeterReadingPage = {
  __typename?: 'MeterReadingPage';
  /** Pass as `after` for the next page; null when there is none. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  readings: Array<MeterReading>;
};

export type MeterReadingSubmission = {
  __typename?: 'MeterReadingSubmission';
  meterId: Scalars['ID']['output'];
  /**
   * The period the reading was given for (the last day of the month); null when it was rejected
   * before a window applied.
   */
  period?: Maybe<Scalars['Date']['output']>;
  reason?: Maybe<ReadingRejection>;
  /** When it became DELIVERED or REJECTED; null while QUEUED. */
  settledAt?: Maybe<Scalars['DateTime']['output']>;
  status: ReadingSubmissionStatus;
  submittedAt: Scalars['DateTime']['output'];
  value: Scalars['Float']['output'];
};

/** An amount of money: whole kopecks, and the same amount as a decimal string of roubles. */
export type Money = {
  __typename?: 'Money';
  kopecks: Scalars['Int']['output'];
  rubles: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Gives readings for meters of one of the resident's homes. Each reading is checked against the
   * rules first (window, whole, non-negative, not decreasing, verification, norm, plausibility); a
   * reading that passes is kept durably and sent. When the housing system cannot take it now, it is
   * answered QUEUED and delivered, once, when the system is back; its status is then in
   * `meterReadingSubmission` and `Meter.submissions`. When the housing system cannot even be read,
   * the rules that need the meter are checked before delivery, by the day the reading was given, and
   * such a reading holds no place: it never stands in the way of the meter's owner, and one for a
   * meter that is not in the resident's home is REJECTED. Repeating a call with the same
   * `idempotencyKey` (1..100 printable characters) is the same submission: it sends nothing again
   * and answers each reading's status as it is now; a key reused for different readings is
   * IDEMPOTENCY_KEY_REUSED.
   */
  submitMeterReadings: SubmitMeterReadingsPayload;
};


export type MutationSubmitMeterReadingsArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: SubmitMeterReadingsInput;
};

export type Query = {
  __typename?: 'Query';
  /**
   * The signed-in resident's submission made with this idempotency key, each reading's status as it
   * is now; null when the resident made none with it.
   */
  meterReadingSubmission?: Maybe<SubmitMeterReadingsPayload>;
};


export type QueryMeterReadingSubmissionArgs = {
  idempotencyKey: Scalars['String']['input'];
};

/** Why a reading was not taken. */
export type ReadingRejection = {
  __typename?: 'ReadingRejection';
  /**
   * A code from the graph's error registry: READING_OUTSIDE_WINDOW, READING_NOT_WHOLE,
   * READING_NEGATIVE, READING_DECREASING, READING_ABOVE_NORM, READING_IMPLAUSIBLE,
   * READING_ALREADY_SUBMITTED, READING_ALREADY_BILLED, METER_VERIFICATION_EXPIRED, METER_NOT_FOUND,
   * NOT_FOUND, FORBIDDEN or RULE_VIOLATION. A housing system that fails rather than refuses does not reject a reading: the
   * reading stays QUEUED.
   */
  code: Scalars['String']['output'];
  /** A sentence naming the meter. */
  message: Scalars['String']['output'];
  /**
   * Whether the same reading may succeed if submitted again under a new idempotency key. False for
   * every refusal: failures of the housing system leave the reading QUEUED instead.
   */
  retryable: Scalars['Boolean']['output'];
};

export type ReadingSubmissionStatus =
  /** The housing system has taken the reading. */
  | 'DELIVERED'
  /** Accepted and kept durably; it will be delivered, once, when the housing system can take it. */
  | 'QUEUED'
  /** Not taken, by the graph's rules or by the housing system's; `reason` says why. */
  | 'REJECTED';

export type Resident = {
  __typename?: 'Resident';
  /**
   * The homes the resident pays for, one per EPD payer code. Empty for a person without payer codes;
   * null, with an error naming `housing`, when the housing system cannot be read.
   */
  homes?: Maybe<Array<Home>>;
  id: Scalars['ID']['output'];
  /** The person's EPD payer codes, sealed by the residents subgraph for this one. */
  sealedHousingKeys?: Maybe<Scalars['String']['output']>;
};

export type SubmitMeterReadingsInput = {
  /** The payer code of the home; it must be one of the resident's own. */
  payerCode: Scalars['String']['input'];
  /** 1..10 readings, one per meter. */
  readings: Array<MeterReadingInput>;
};

export type SubmitMeterReadingsPayload = {
  __typename?: 'SubmitMeterReadingsPayload';
  idempotencyKey: Scalars['String']['output'];
  payerCode: Scalars['String']['output'];
  /** One result per reading, in the order given. */
  results: Array<MeterReadingSubmission>;
  /** When the submission was first made. */
  submittedAt: Scalars['DateTime']['output'];
};

export type SubmitWindow = {
  __typename?: 'SubmitWindow';
  closesOn: Scalars['Date']['output'];
  open: Scalars['Boolean']['output'];
  opensOn: Scalars['Date']['output'];
  /** The period a reading given in this window is for: the last day of the month. */
  period: Scalars['Date']['output'];
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
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedHousingKeys":true}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Bill: ResolverTypeWrapper<BillModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  BillStatus: BillStatus;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Home: ResolverTypeWrapper<HomeNodeModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Meter: ResolverTypeWrapper<MeterNodeModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  MeterKind: MeterKind;
  MeterReading: ResolverTypeWrapper<MeterReadingModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  MeterReadingInput: MeterReadingInput;
  MeterReadingPage: ResolverTypeWrapper<Omit<MeterReadingPage, 'readings'> & { readings: Array<ResolversTypes['MeterReading']> }>;
  MeterReadingSubmission: ResolverTypeWrapper<ReadingResultModel>;
  Money: ResolverTypeWrapper<MoneyModel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReadingRejection: ResolverTypeWrapper<ReadingRejection>;
  ReadingSubmissionStatus: ReadingSubmissionStatus;
  Resident: ResolverTypeWrapper<HousingResidentModel>;
  SubmitMeterReadingsInput: SubmitMeterReadingsInput;
  SubmitMeterReadingsPayload: ResolverTypeWrapper<SubmissionOutcomeModel>;
  SubmitWindow: ResolverTypeWrapper<SubmitWindowModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Bill: BillModel;
  String: Scalars['String']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Home: HomeNodeModel;
  Int: Scalars['Int']['output'];
  Meter: MeterNodeModel;
  Boolean: Scalars['Boolean']['output'];
  ID: Scalars['ID']['output'];
  MeterReading: MeterReadingModel;
  Float: Scalars['Float']['output'];
  MeterReadingInput: MeterReadingInput;
  MeterReadingPage: Omit<MeterReadingPage, 'readings'> & { readings: Array<ResolversParentTypes['MeterReading']> };
  MeterReadingSubmission: ReadingResultModel;
  Money: MoneyModel;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  ReadingRejection: ReadingRejection;
  Resident: HousingResidentModel;
  SubmitMeterReadingsInput: SubmitMeterReadingsInput;
  SubmitMeterReadingsPayload: SubmissionOutcomeModel;
  SubmitWindow: SubmitWindowModel;
};

export type BillResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Bill'] = ResolversParentTypes['Bill']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  insurance?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  paid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  penalty?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BillStatus'], ParentType, ContextType>;
  uin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type HomeResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Home'] = ResolversParentTypes['Home']> = {
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  bills?: Resolver<Maybe<Array<ResolversTypes['Bill']>>, ParentType, ContextType, RequireFields<HomeBillsArgs, 'last'>>;
  debt?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  flat?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  meters?: Resolver<Maybe<Array<ResolversTypes['Meter']>>, ParentType, ContextType>;
  payerCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registeredPersons?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type MeterResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Meter'] = ResolversParentTypes['Meter']> = {
  canSubmitNow?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MeterKind'], ParentType, ContextType>;
  lastReading?: Resolver<Maybe<ResolversTypes['MeterReading']>, ParentType, ContextType>;
  readings?: Resolver<ResolversTypes['MeterReadingPage'], ParentType, ContextType, RequireFields<MeterReadingsArgs, 'first'>>;
  serialNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  submissions?: Resolver<Maybe<Array<ResolversTypes['MeterReadingSubmission']>>, ParentType, ContextType, RequireFields<MeterSubmissionsArgs, 'first'>>;
  submitWindow?: Resolver<ResolversTypes['SubmitWindow'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verificationExpired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  verifiedUntil?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type MeterReadingResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['MeterReading'] = ResolversParentTypes['MeterReading']> = {
  period?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type MeterReadingPageResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['MeterReadingPage'] = ResolversParentTypes['MeterReadingPage']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  readings?: Resolver<Array<ResolversTypes['MeterReading']>, ParentType, ContextType>;
};

export type MeterReadingSubmissionResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['MeterReadingSubmission'] = ResolversParentTypes['MeterReadingSubmission']> = {
  meterId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  period?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['ReadingRejection']>, ParentType, ContextType>;
  settledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReadingSubmissionStatus'], ParentType, ContextType>;
  submittedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  kopecks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rubles?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  submitMeterReadings?: Resolver<ResolversTypes['SubmitMeterReadingsPayload'], ParentType, ContextType, RequireFields<MutationSubmitMeterReadingsArgs, 'idempotencyKey' | 'input'>>;
};

export type QueryResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  meterReadingSubmission?: Resolver<Maybe<ResolversTypes['SubmitMeterReadingsPayload']>, ParentType, ContextType, RequireFields<QueryMeterReadingSubmissionArgs, 'idempotencyKey'>>;
};

export type ReadingRejectionResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['ReadingRejection'] = ResolversParentTypes['ReadingRejection']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retryable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ResidentResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Resident'] = ResolversParentTypes['Resident'], FederationReferenceType extends FederationReferenceTypes['Resident'] = FederationReferenceTypes['Resident']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Resident']> | FederationReferenceType, FederationReferenceType, ContextType>;
  homes?: Resolver<Maybe<Array<ResolversTypes['Home']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type SubmitMeterReadingsPayloadResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['SubmitMeterReadingsPayload'] = ResolversParentTypes['SubmitMeterReadingsPayload']> = {
  idempotencyKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  payerCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  results?: Resolver<Array<ResolversTypes['MeterReadingSubmission']>, ParentType, ContextType>;
  submittedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type SubmitWindowResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['SubmitWindow'] = ResolversParentTypes['SubmitWindow']> = {
  closesOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  open?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  opensOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type Resolvers<ContextType = HousingContext> = {
  Bill?: BillResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Home?: HomeResolvers<ContextType>;
  Meter?: MeterResolvers<ContextType>;
  MeterReading?: MeterReadingResolvers<ContextType>;
  MeterReadingPage?: MeterReadingPageResolvers<ContextType>;
  MeterReadingSubmission?: MeterReadingSubmissionResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReadingRejection?: ReadingRejectionResolvers<ContextType>;
  Resident?: ResidentResolvers<ContextType>;
  SubmitMeterReadingsPayload?: SubmitMeterReadingsPayloadResolvers<ContextType>;
  SubmitWindow?: SubmitWindowResolvers<ContextType>;
};

