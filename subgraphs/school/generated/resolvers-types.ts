// Written by `npm run codegen` from schema/school.graphql (see codegen.ts). Do not edit.
/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { SchoolResident as SchoolResidentModel, StudentRef as StudentRefModel } from '../parents';
import type { SchoolRef as SchoolRefModel, Mark as MarkModel, Homework as HomeworkModel, ScheduleEvent as ScheduleEventModel, Visit as VisitModel, MealsAccount as MealsAccountModel, MealDay as MealDayModel, MealTransaction as MealTransactionModel } from '../../../adapters/mesh';
import type { Money as MoneyModel } from '../../kit';
import type { SchoolContext } from '../context';
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

export type Homework = {
  __typename?: 'Homework';
  /** The lesson it was set in, when the diary says. */
  assignedOn?: Maybe<Scalars['Date']['output']>;
  description: Scalars['String']['output'];
  /** The lesson the homework is for. */
  dueDate: Scalars['Date']['output'];
  /** Ticked off as done by the pupil. */
  isDone: Scalars['Boolean']['output'];
  subject: Scalars['String']['output'];
};

export type Lesson = {
  __typename?: 'Lesson';
  endsAt: Scalars['DateTime']['output'];
  /** The pupil missed it; known once the lesson has begun. */
  isMissed: Scalars['Boolean']['output'];
  room?: Maybe<Scalars['String']['output']>;
  startsAt: Scalars['DateTime']['output'];
  subject: Scalars['String']['output'];
};

export type Mark = {
  __typename?: 'Mark';
  comment?: Maybe<Scalars['String']['output']>;
  /** What the mark was for: Ответ на уроке, Контрольная работа, ... */
  controlForm?: Maybe<Scalars['String']['output']>;
  date: Scalars['Date']['output'];
  /** The mark on the five-point scale; null for marks that have none (pass/fail). */
  fivePointValue?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  isExam: Scalars['Boolean']['output'];
  subject: Scalars['String']['output'];
  /** The mark as the diary shows it: 5, 4, зачёт. */
  value: Scalars['String']['output'];
  /** How much the mark counts in the average: 1 for an answer in class, up to 3 for a test. */
  weight: Scalars['Int']['output'];
};

export type MealDay = {
  __typename?: 'MealDay';
  date: Scalars['Date']['output'];
  /** Spent that day; refills do not count. */
  expense: Money;
  transactions: Array<MealTransaction>;
};

export type MealDayPage = {
  __typename?: 'MealDayPage';
  days: Array<MealDay>;
  /** The last day on this page: the `after` of the next one. */
  endCursor?: Maybe<Scalars['Date']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type MealTransaction = {
  __typename?: 'MealTransaction';
  amount: Money;
  at: Scalars['DateTime']['output'];
  kind: MealTransactionKind;
  title: Scalars['String']['output'];
};

export type MealTransactionKind =
  | 'PURCHASE'
  | 'REFILL';

export type MealsAccount = {
  __typename?: 'MealsAccount';
  balance: Money;
  /**
   * Days with purchases or refills, newest first, `first` (1 to 31) at a time; pass the previous
   * page's `endCursor` as `after` for older days.
   */
  days: MealDayPage;
  /** Whether meals can be ordered ahead in the school's canteen. */
  preorderAllowed: Scalars['Boolean']['output'];
};


export type MealsAccountDaysArgs = {
  after?: InputMaybe<Scalars['Date']['input']>;
  first?: Scalars['Int']['input'];
};

/** An exact amount of money: whole kopecks, and the same in roubles as a decimal string. */
export type Money = {
  __typename?: 'Money';
  kopecks: Scalars['Int']['output'];
  rubles: Scalars['String']['output'];
};

export type Resident = {
  __typename?: 'Resident';
  id: Scalars['ID']['output'];
  /** The MESH person id, sealed by the residents subgraph for this one (see health's sealedHealthKeys). */
  sealedSchoolKeys?: Maybe<Scalars['String']['output']>;
  /**
   * The resident's school diary (MESH). Null for anyone without a MESH id: adults and children
   * under school age.
   */
  student?: Maybe<Student>;
};

export type School = {
  __typename?: 'School';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

/** One pass through the school gate by the pupil's card. */
export type SchoolVisit = {
  __typename?: 'SchoolVisit';
  /** The school building's address. */
  address?: Maybe<Scalars['String']['output']>;
  date: Scalars['Date']['output'];
  durationMinutes?: Maybe<Scalars['Int']['output']>;
  enteredAt: Scalars['DateTime']['output'];
  /** The diary flags the visit: late, or no exit recorded. */
  isWarning: Scalars['Boolean']['output'];
  /** Null while the pupil is inside, or when the card was not tapped on the way out. */
  leftAt?: Maybe<Scalars['DateTime']['output']>;
};

/**
 * A pupil in the Moscow school diary. Ranges (`from`, `to`) are calendar days, both included,
 * `from` not after `to`, at most 93 days long; anything else is BAD_USER_INPUT.
 */
export type Student = {
  __typename?: 'Student';
  /** The form and its letter, e.g. 7-Б. */
  className: Scalars['String']['output'];
  /** Homework due in the range, by due day. */
  homework?: Maybe<Array<Homework>>;
  /** Marks given on lessons in the range, oldest first. First-formers are taught without marks. */
  marks?: Maybe<Array<Mark>>;
  /** The school meals account; null when the pupil has no meals contract. */
  meals?: Maybe<MealsAccount>;
  /** The day's lessons, in order. */
  schedule?: Maybe<Array<Lesson>>;
  school: School;
  /** The school's full name, as on `school`. */
  schoolName: Scalars['String']['output'];
  /** Passes through the school gate in the range, newest first. */
  visits?: Maybe<Array<SchoolVisit>>;
};


/**
 * A pupil in the Moscow school diary. Ranges (`from`, `to`) are calendar days, both included,
 * `from` not after `to`, at most 93 days long; anything else is BAD_USER_INPUT.
 */
export type StudentHomeworkArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


/**
 * A pupil in the Moscow school diary. Ranges (`from`, `to`) are calendar days, both included,
 * `from` not after `to`, at most 93 days long; anything else is BAD_USER_INPUT.
 */
export type StudentMarksArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


/**
 * A pupil in the Moscow school diary. Ranges (`from`, `to`) are calendar days, both included,
 * `from` not after `to`, at most 93 days long; anything else is BAD_USER_INPUT.
 */
export type StudentScheduleArgs = {
  date: Scalars['Date']['input'];
};


/**
 * A pupil in the Moscow school diary. Ranges (`from`, `to`) are calendar days, both included,
 * `from` not after `to`, at most 93 days long; anything else is BAD_USER_INPUT.
 */
export type StudentVisitsArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
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
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedSchoolKeys":true}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Homework: ResolverTypeWrapper<HomeworkModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Lesson: ResolverTypeWrapper<ScheduleEventModel>;
  Mark: ResolverTypeWrapper<MarkModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  MealDay: ResolverTypeWrapper<MealDayModel>;
  MealDayPage: ResolverTypeWrapper<Omit<MealDayPage, 'days'> & { days: Array<ResolversTypes['MealDay']> }>;
  MealTransaction: ResolverTypeWrapper<MealTransactionModel>;
  MealTransactionKind: MealTransactionKind;
  MealsAccount: ResolverTypeWrapper<MealsAccountModel>;
  Money: ResolverTypeWrapper<MoneyModel>;
  Resident: ResolverTypeWrapper<SchoolResidentModel>;
  School: ResolverTypeWrapper<SchoolRefModel>;
  SchoolVisit: ResolverTypeWrapper<VisitModel>;
  Student: ResolverTypeWrapper<StudentRefModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Homework: HomeworkModel;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  Lesson: ScheduleEventModel;
  Mark: MarkModel;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  MealDay: MealDayModel;
  MealDayPage: Omit<MealDayPage, 'days'> & { days: Array<ResolversParentTypes['MealDay']> };
  MealTransaction: MealTransactionModel;
  MealsAccount: MealsAccountModel;
  Money: MoneyModel;
  Resident: SchoolResidentModel;
  School: SchoolRefModel;
  SchoolVisit: VisitModel;
  Student: StudentRefModel;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type HomeworkResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['Homework'] = ResolversParentTypes['Homework']> = {
  assignedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dueDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  isDone?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LessonResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['Lesson'] = ResolversParentTypes['Lesson']> = {
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  isMissed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  room?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MarkResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['Mark'] = ResolversParentTypes['Mark']> = {
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  controlForm?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  fivePointValue?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isExam?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MealDayResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['MealDay'] = ResolversParentTypes['MealDay']> = {
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  expense?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  transactions?: Resolver<Array<ResolversTypes['MealTransaction']>, ParentType, ContextType>;
};

export type MealDayPageResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['MealDayPage'] = ResolversParentTypes['MealDayPage']> = {
  days?: Resolver<Array<ResolversTypes['MealDay']>, ParentType, ContextType>;
  endCursor?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MealTransactionResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['MealTransaction'] = ResolversParentTypes['MealTransaction']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MealTransactionKind'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MealsAccountResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['MealsAccount'] = ResolversParentTypes['MealsAccount']> = {
  balance?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  days?: Resolver<ResolversTypes['MealDayPage'], ParentType, ContextType, RequireFields<MealsAccountDaysArgs, 'first'>>;
  preorderAllowed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  kopecks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rubles?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ResidentResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['Resident'] = ResolversParentTypes['Resident'], FederationReferenceType extends FederationReferenceTypes['Resident'] = FederationReferenceTypes['Resident']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Resident']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  student?: Resolver<Maybe<ResolversTypes['Student']>, ParentType, ContextType>;
};

export type SchoolResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['School'] = ResolversParentTypes['School']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SchoolVisitResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['SchoolVisit'] = ResolversParentTypes['SchoolVisit']> = {
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  durationMinutes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  enteredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  isWarning?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  leftAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type StudentResolvers<ContextType = SchoolContext, ParentType extends ResolversParentTypes['Student'] = ResolversParentTypes['Student']> = {
  className?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  homework?: Resolver<Maybe<Array<ResolversTypes['Homework']>>, ParentType, ContextType, RequireFields<StudentHomeworkArgs, 'from' | 'to'>>;
  marks?: Resolver<Maybe<Array<ResolversTypes['Mark']>>, ParentType, ContextType, RequireFields<StudentMarksArgs, 'from' | 'to'>>;
  meals?: Resolver<Maybe<ResolversTypes['MealsAccount']>, ParentType, ContextType>;
  schedule?: Resolver<Maybe<Array<ResolversTypes['Lesson']>>, ParentType, ContextType, RequireFields<StudentScheduleArgs, 'date'>>;
  school?: Resolver<ResolversTypes['School'], ParentType, ContextType>;
  schoolName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  visits?: Resolver<Maybe<Array<ResolversTypes['SchoolVisit']>>, ParentType, ContextType, RequireFields<StudentVisitsArgs, 'from' | 'to'>>;
};

export type Resolvers<ContextType = SchoolContext> = {
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Homework?: HomeworkResolvers<ContextType>;
  Lesson?: LessonResolvers<ContextType>;
  Mark?: MarkResolvers<ContextType>;
  MealDay?: MealDayResolvers<ContextType>;
  MealDayPage?: MealDayPageResolvers<ContextType>;
  MealTransaction?: MealTransactionResolvers<ContextType>;
  MealsAccount?: MealsAccountResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Resident?: ResidentResolvers<ContextType>;
  School?: SchoolResolvers<ContextType>;
  SchoolVisit?: SchoolVisitResolvers<ContextType>;
  Student?: StudentResolvers<ContextType>;
};

