// Written by `npm run codegen` from schema/payments.graphql (see codegen.ts). Do not edit.
/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PaymentsResident as PaymentsResidentModel, PaymentTargetRef as PaymentTargetRefModel, PaymentView as PaymentViewModel, PaymentPageView as PaymentPageViewModel } from '../parents';
import type { Money as MoneyModel } from '../../kit';
import type { PaymentsContext } from '../context';
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
  /** An instant, ISO-8601 with its zone offset (Moscow, +03:00). */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** An EPD of the housing system, by its UIN. */
export type Bill = {
  __typename?: 'Bill';
  /** The signed-in resident's latest payment of this document; null when they made none. */
  payment?: Maybe<Payment>;
  uin: Scalars['String']['output'];
};

/** A traffic fine, by its UIN. */
export type Fine = {
  __typename?: 'Fine';
  /** The signed-in resident's latest payment of this fine; null when they made none. */
  payment?: Maybe<Payment>;
  uin: Scalars['String']['output'];
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
   * Pays an EPD of one of the resident's homes by its UIN: the amount is the housing system's (the
   * accrual and penalty less what is paid) at this moment. The same `idempotencyKey` (1..100
   * printable characters) answers the same payment; used for another target it is
   * IDEMPOTENCY_KEY_REUSED. A bill with a payment under way is PAYMENT_IN_PROGRESS; a UIN that is
   * not one of the resident's bills is NOT_FOUND; nothing left to pay is PAYMENT_NOT_DUE.
   */
  payBill: Payment;
  /**
   * Pays a fine of one of the resident's cars by its UIN: its amount, or the discounted amount while
   * the fines service's discount window is open. Otherwise as `payBill`.
   */
  payFine: Payment;
  /**
   * Tops up the resident's parking account by `amount` kopecks, within the account's smallest and
   * largest top-up (TOPUP_AMOUNT_OUT_OF_RANGE otherwise). Idempotent by `idempotencyKey` as `payBill`.
   */
  topUpParkingAccount: Payment;
};


export type MutationPayBillArgs = {
  idempotencyKey: Scalars['String']['input'];
  uin: Scalars['String']['input'];
};


export type MutationPayFineArgs = {
  idempotencyKey: Scalars['String']['input'];
  uin: Scalars['String']['input'];
};


export type MutationTopUpParkingAccountArgs = {
  amount: Scalars['Int']['input'];
  idempotencyKey: Scalars['String']['input'];
};

/** A card payment of a bill, a fine or a parking top-up. */
export type Payment = {
  __typename?: 'Payment';
  /**
   * What is charged: the owning system's amount at the moment of payment, never the client's
   * (a top-up's amount is the payer's, within the account's limits).
   */
  amount: Money;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The bank's payment form, while the payment is AWAITING_CARD; null otherwise. */
  paymentFormUrl?: Maybe<Scalars['String']['output']>;
  status: PaymentStatus;
  target: PaymentTarget;
  updatedAt: Scalars['DateTime']['output'];
};

export type PaymentPage = {
  __typename?: 'PaymentPage';
  /** Pass as `after` for the next page; null when there is none. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  payments: Array<Payment>;
};

export type PaymentStatus =
  /** The bank holds the order: the payer pays at `paymentFormUrl`. */
  | 'AWAITING_CARD'
  /** The owning system has the payment: the bill or fine shows paid, the account is credited. */
  | 'CONFIRMED'
  /** Kept; the bank has not registered the order yet. */
  | 'CREATED'
  /** The bank declined the card (the issuer, 3-D Secure). Nothing was charged. */
  | 'DECLINED'
  /** The payer did not pay in time; the order was cancelled at the bank. Nothing was charged. */
  | 'EXPIRED'
  /** The bank did not register the order. Nothing was charged. */
  | 'FAILED'
  /** The bank took the money; the owning system has not confirmed it yet (it will, exactly once). */
  | 'PAID';

/** What a payment pays for. */
export type PaymentTarget = {
  __typename?: 'PaymentTarget';
  kind: PaymentTargetKind;
  /** The bill's or fine's UIN; null for a parking top-up. */
  uin?: Maybe<Scalars['String']['output']>;
};

export type PaymentTargetKind =
  | 'BILL'
  | 'FINE'
  | 'PARKING_TOP_UP';

export type Query = {
  __typename?: 'Query';
  /** One of the signed-in resident's payments; null when they have none with this id. */
  payment?: Maybe<Payment>;
};


export type QueryPaymentArgs = {
  id: Scalars['ID']['input'];
};

export type Resident = {
  __typename?: 'Resident';
  id: Scalars['ID']['output'];
  /**
   * The payments the resident made, newest first. `first` is 1..50 (default 10); `after` is the
   * `endCursor` of the previous page. Only the signed-in resident's own payments.
   */
  payments?: Maybe<PaymentPage>;
};


export type ResidentPaymentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
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
  Bill: Bill;
  Fine: Fine;
  Resident: Resident;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Bill:
    ( { __typename: 'Bill' }
    & GraphQLRecursivePick<FederationTypes['Bill'], {"uin":true}> );
  Fine:
    ( { __typename: 'Fine' }
    & GraphQLRecursivePick<FederationTypes['Fine'], {"uin":true}> );
  Resident:
    ( { __typename: 'Resident' }
    & GraphQLRecursivePick<FederationTypes['Resident'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Bill: ResolverTypeWrapper<PaymentTargetRefModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Fine: ResolverTypeWrapper<PaymentTargetRefModel>;
  Money: ResolverTypeWrapper<MoneyModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Payment: ResolverTypeWrapper<PaymentViewModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  PaymentPage: ResolverTypeWrapper<PaymentPageViewModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PaymentStatus: PaymentStatus;
  PaymentTarget: ResolverTypeWrapper<PaymentViewModel>;
  PaymentTargetKind: PaymentTargetKind;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Resident: ResolverTypeWrapper<PaymentsResidentModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Bill: PaymentTargetRefModel;
  String: Scalars['String']['output'];
  DateTime: Scalars['DateTime']['output'];
  Fine: PaymentTargetRefModel;
  Money: MoneyModel;
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  Payment: PaymentViewModel;
  ID: Scalars['ID']['output'];
  PaymentPage: PaymentPageViewModel;
  Boolean: Scalars['Boolean']['output'];
  PaymentTarget: PaymentViewModel;
  Query: Record<PropertyKey, never>;
  Resident: PaymentsResidentModel;
};

export type BillResolvers<ContextType = PaymentsContext, ParentType extends ResolversParentTypes['Bill'] = ResolversParentTypes['Bill'], FederationReferenceType extends FederationReferenceTypes['Bill'] = FederationReferenceTypes['Bill']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Bill']> | FederationReferenceType, FederationReferenceType, ContextType>;
  payment?: Resolver<Maybe<ResolversTypes['Payment']>, ParentType, ContextType>;
  uin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FineResolvers<ContextType = PaymentsContext, ParentType extends ResolversParentTypes['Fine'] = ResolversParentTypes['Fine'], FederationReferenceType extends FederationReferenceTypes['Fine'] = FederationReferenceTypes['Fine']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Fine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  payment?: Resolver<Maybe<ResolversTypes['Payment']>, ParentType, ContextType>;
  uin?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = PaymentsContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  kopecks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rubles?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = PaymentsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  payBill?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationPayBillArgs, 'idempotencyKey' | 'uin'>>;
  payFine?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationPayFineArgs, 'idempotencyKey' | 'uin'>>;
  topUpParkingAccount?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationTopUpParkingAccountArgs, 'amount' | 'idempotencyKey'>>;
};

export type PaymentResolvers<ContextType = PaymentsContext, ParentType extends ResolversParentTypes['Payment'] = ResolversParentTypes['Payment']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  paymentFormUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PaymentStatus'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['PaymentTarget'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type PaymentPageResolvers<ContextType = PaymentsContext, ParentType extends ResolversParentTypes['PaymentPage'] = ResolversParentTypes['PaymentPage']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  payments?: Resolver<Array<ResolversTypes['Payment']>, ParentType, ContextType>;
};

export type PaymentTargetResolvers<ContextType = PaymentsContext, ParentType extends ResolversParentTypes['PaymentTarget'] = ResolversParentTypes['PaymentTarget']> = {
  kind?: Resolver<ResolversTypes['PaymentTargetKind'], ParentType, ContextType>;
  uin?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = PaymentsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  payment?: Resolver<Maybe<ResolversTypes['Payment']>, ParentType, ContextType, RequireFields<QueryPaymentArgs, 'id'>>;
};

export type ResidentResolvers<ContextType = PaymentsContext, ParentType extends ResolversParentTypes['Resident'] = ResolversParentTypes['Resident'], FederationReferenceType extends FederationReferenceTypes['Resident'] = FederationReferenceTypes['Resident']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Resident']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payments?: Resolver<Maybe<ResolversTypes['PaymentPage']>, ParentType, ContextType, RequireFields<ResidentPaymentsArgs, 'first'>>;
};

export type Resolvers<ContextType = PaymentsContext> = {
  Bill?: BillResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Fine?: FineResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Payment?: PaymentResolvers<ContextType>;
  PaymentPage?: PaymentPageResolvers<ContextType>;
  PaymentTarget?: PaymentTargetResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Resident?: ResidentResolvers<ContextType>;
};

