// Written by `npm run codegen` from schema/health.graphql (see codegen.ts). Do not edit.
/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { HealthResident as HealthResidentModel, MedicalCardParent as MedicalCardParentModel } from '../parents';
import type { Appointment as AppointmentModel, Referral as ReferralModel, Speciality as SpecialityModel, MedicalDocument as MedicalDocumentModel, MedicalDocumentContent as MedicalDocumentContentModel } from '../../../adapters/emias';
import type { HealthContext } from '../context';
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

export type Appointment = {
  __typename?: 'Appointment';
  clinicAddress?: Maybe<Scalars['String']['output']>;
  clinicName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  roomNumber?: Maybe<Scalars['String']['output']>;
  specialityId: Scalars['ID']['output'];
  specialityName: Scalars['String']['output'];
  startTime: Scalars['DateTime']['output'];
};

/** A free slot. Book it by passing its speciality, doctor, room resource and times to bookAppointment. */
export type AvailableSlot = {
  __typename?: 'AvailableSlot';
  clinicAddress?: Maybe<Scalars['String']['output']>;
  clinicName?: Maybe<Scalars['String']['output']>;
  /** The doctor's room resource (EMIAS's complex resource) the slot belongs to. */
  complexResourceId: Scalars['ID']['output'];
  doctor: Doctor;
  endTime: Scalars['DateTime']['output'];
  roomNumber?: Maybe<Scalars['String']['output']>;
  specialityId: Scalars['ID']['output'];
  startTime: Scalars['DateTime']['output'];
};

export type BookAppointmentInput = {
  complexResourceId: Scalars['ID']['input'];
  doctorId: Scalars['ID']['input'];
  endTime: Scalars['DateTime']['input'];
  specialityId: Scalars['ID']['input'];
  startTime: Scalars['DateTime']['input'];
};

export type BookAppointmentPayload = {
  __typename?: 'BookAppointmentPayload';
  appointment: Appointment;
};

export type CancelAppointmentPayload = {
  __typename?: 'CancelAppointmentPayload';
  appointmentId: Scalars['ID']['output'];
  cancelled: Scalars['Boolean']['output'];
};

export type Doctor = {
  __typename?: 'Doctor';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

/** One read of a person's medical data by someone other than the person. */
export type MedicalAccess = {
  __typename?: 'MedicalAccess';
  /** What was read, as paths from the person (`medicalCard.documents`). */
  fields: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  occurredAt: Scalars['DateTime']['output'];
  /** The purpose the staff member stated; null for representatives. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** The staff member's or partner service's id at the sign-on, or the representative's person id. */
  readerId: Scalars['String']['output'];
  readerKind: MedicalReaderKind;
};

export type MedicalCard = {
  __typename?: 'MedicalCard';
  /** One document with its content; null when the card has no such document. */
  document?: Maybe<MedicalDocumentContent>;
  /**
   * Documents, newest first, of one kind or of all kinds. At most `first` (1 to 50); for the next
   * page pass the last document's id as `after`.
   */
  documents: Array<MedicalDocument>;
};


export type MedicalCardDocumentArgs = {
  id: Scalars['ID']['input'];
};


export type MedicalCardDocumentsArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<MedicalDocumentKind>;
};

export type MedicalDocument = {
  __typename?: 'MedicalDocument';
  date: Scalars['DateTime']['output'];
  doctorName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: MedicalDocumentKind;
  organisation?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
};

export type MedicalDocumentContent = {
  __typename?: 'MedicalDocumentContent';
  date: Scalars['DateTime']['output'];
  /** The document as EMIAS renders it, HTML. */
  html: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  title: Scalars['String']['output'];
};

export type MedicalDocumentKind =
  | 'ANALYSIS'
  | 'EPICRISIS'
  | 'INSPECTION'
  | 'RESEARCH';

/** Who read a person's medical data. */
export type MedicalReaderKind =
  | 'RESIDENT'
  | 'STAFF';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Books a slot from `availableSlots` for the signed-in resident. A slot taken meanwhile fails with
   * SLOT_TAKEN; a speciality that needs a referral the resident lacks with SPECIALITY_NOT_ALLOWED.
   */
  bookAppointment: BookAppointmentPayload;
  /** Cancels one of the signed-in resident's future appointments (APPOINTMENT_NOT_FOUND otherwise). */
  cancelAppointment: CancelAppointmentPayload;
};


export type MutationBookAppointmentArgs = {
  input: BookAppointmentInput;
};


export type MutationCancelAppointmentArgs = {
  appointmentId: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * Free appointment slots with the doctors of one speciality at the signed-in resident's clinic,
   * soonest first, over the fortnight EMIAS schedules. At most `first` slots (1 to 200).
   */
  availableSlots: Array<AvailableSlot>;
  /** The specialities EMIAS lists for the signed-in resident. Some are booked only with a referral. */
  specialities: Array<Speciality>;
};


export type QueryAvailableSlotsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['Date']['input']>;
  specialityId: Scalars['ID']['input'];
  to?: InputMaybe<Scalars['Date']['input']>;
};

export type Referral = {
  __typename?: 'Referral';
  clinicName?: Maybe<Scalars['String']['output']>;
  /** 12 digits. */
  id: Scalars['ID']['output'];
  specialityId?: Maybe<Scalars['ID']['output']>;
  specialityName: Scalars['String']['output'];
  validUntil: Scalars['DateTime']['output'];
};

export type Resident = {
  __typename?: 'Resident';
  /**
   * Future doctor appointments, soonest first; at most `first` (1 to 50). Null, with an error
   * naming `emias`, when EMIAS cannot be read: the rest of the answer still arrives.
   */
  appointments?: Maybe<Array<Appointment>>;
  id: Scalars['ID']['output'];
  /**
   * Who else read this person's medical data, newest first: staff with the purpose they stated,
   * and representatives reading a child's. For the person and their representatives only (FORBIDDEN
   * to staff, who use the audit trail). At most `first` (1 to 100); for the next page pass the last
   * entry's id as `after`. Null, with a SUBGRAPH_UNAVAILABLE error, when the health subgraph cannot
   * be reached.
   */
  medicalAccessLog?: Maybe<Array<MedicalAccess>>;
  /** The electronic medical card. Null when the person has no OMS policy on record. */
  medicalCard?: Maybe<MedicalCard>;
  /** Referrals to specialists, at most `first` (1 to 50). */
  referrals?: Maybe<Array<Referral>>;
  /**
   * The OMS number and birth date EMIAS knows the patient by, sealed by the residents subgraph for
   * this one: acted on only when the seal names this person and this subgraph and has not expired.
   */
  sealedHealthKeys?: Maybe<Scalars['String']['output']>;
};


export type ResidentAppointmentsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type ResidentMedicalAccessLogArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type ResidentReferralsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Speciality = {
  __typename?: 'Speciality';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
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
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedHealthKeys":true}>
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedHealthKeys":true}>
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedHealthKeys":true}>
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedHealthKeys":true}>
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedHealthKeys":true}>
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedHealthKeys":true}>
        | GraphQLRecursivePick<FederationTypes['Resident'], {"sealedHealthKeys":true}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Appointment: ResolverTypeWrapper<AppointmentModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AvailableSlot: ResolverTypeWrapper<AvailableSlot>;
  BookAppointmentInput: BookAppointmentInput;
  BookAppointmentPayload: ResolverTypeWrapper<Omit<BookAppointmentPayload, 'appointment'> & { appointment: ResolversTypes['Appointment'] }>;
  CancelAppointmentPayload: ResolverTypeWrapper<CancelAppointmentPayload>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Doctor: ResolverTypeWrapper<Doctor>;
  MedicalAccess: ResolverTypeWrapper<MedicalAccess>;
  MedicalCard: ResolverTypeWrapper<MedicalCardParentModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  MedicalDocument: ResolverTypeWrapper<MedicalDocumentModel>;
  MedicalDocumentContent: ResolverTypeWrapper<MedicalDocumentContentModel>;
  MedicalDocumentKind: MedicalDocumentKind;
  MedicalReaderKind: MedicalReaderKind;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Referral: ResolverTypeWrapper<ReferralModel>;
  Resident: ResolverTypeWrapper<HealthResidentModel>;
  Speciality: ResolverTypeWrapper<SpecialityModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Appointment: AppointmentModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AvailableSlot: AvailableSlot;
  BookAppointmentInput: BookAppointmentInput;
  BookAppointmentPayload: Omit<BookAppointmentPayload, 'appointment'> & { appointment: ResolversParentTypes['Appointment'] };
  CancelAppointmentPayload: CancelAppointmentPayload;
  Boolean: Scalars['Boolean']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Doctor: Doctor;
  MedicalAccess: MedicalAccess;
  MedicalCard: MedicalCardParentModel;
  Int: Scalars['Int']['output'];
  MedicalDocument: MedicalDocumentModel;
  MedicalDocumentContent: MedicalDocumentContentModel;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  Referral: ReferralModel;
  Resident: HealthResidentModel;
  Speciality: SpecialityModel;
};

export type AppointmentResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Appointment'] = ResolversParentTypes['Appointment']> = {
  clinicAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  clinicName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  roomNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  specialityId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  specialityName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startTime?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type AvailableSlotResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['AvailableSlot'] = ResolversParentTypes['AvailableSlot']> = {
  clinicAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  clinicName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  complexResourceId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  doctor?: Resolver<ResolversTypes['Doctor'], ParentType, ContextType>;
  endTime?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  roomNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  specialityId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  startTime?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type BookAppointmentPayloadResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['BookAppointmentPayload'] = ResolversParentTypes['BookAppointmentPayload']> = {
  appointment?: Resolver<ResolversTypes['Appointment'], ParentType, ContextType>;
};

export type CancelAppointmentPayloadResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['CancelAppointmentPayload'] = ResolversParentTypes['CancelAppointmentPayload']> = {
  appointmentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  cancelled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DoctorResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Doctor'] = ResolversParentTypes['Doctor']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MedicalAccessResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['MedicalAccess'] = ResolversParentTypes['MedicalAccess']> = {
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  readerId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  readerKind?: Resolver<ResolversTypes['MedicalReaderKind'], ParentType, ContextType>;
};

export type MedicalCardResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['MedicalCard'] = ResolversParentTypes['MedicalCard']> = {
  document?: Resolver<Maybe<ResolversTypes['MedicalDocumentContent']>, ParentType, ContextType, RequireFields<MedicalCardDocumentArgs, 'id'>>;
  documents?: Resolver<Array<ResolversTypes['MedicalDocument']>, ParentType, ContextType, RequireFields<MedicalCardDocumentsArgs, 'first'>>;
};

export type MedicalDocumentResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['MedicalDocument'] = ResolversParentTypes['MedicalDocument']> = {
  date?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  doctorName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MedicalDocumentKind'], ParentType, ContextType>;
  organisation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MedicalDocumentContentResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['MedicalDocumentContent'] = ResolversParentTypes['MedicalDocumentContent']> = {
  date?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  html?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  bookAppointment?: Resolver<ResolversTypes['BookAppointmentPayload'], ParentType, ContextType, RequireFields<MutationBookAppointmentArgs, 'input'>>;
  cancelAppointment?: Resolver<ResolversTypes['CancelAppointmentPayload'], ParentType, ContextType, RequireFields<MutationCancelAppointmentArgs, 'appointmentId'>>;
};

export type QueryResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  availableSlots?: Resolver<Array<ResolversTypes['AvailableSlot']>, ParentType, ContextType, RequireFields<QueryAvailableSlotsArgs, 'first' | 'specialityId'>>;
  specialities?: Resolver<Array<ResolversTypes['Speciality']>, ParentType, ContextType>;
};

export type ReferralResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Referral'] = ResolversParentTypes['Referral']> = {
  clinicName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  specialityId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  specialityName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ResidentResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Resident'] = ResolversParentTypes['Resident'], FederationReferenceType extends FederationReferenceTypes['Resident'] = FederationReferenceTypes['Resident']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Resident']> | FederationReferenceType, FederationReferenceType, ContextType>;
  appointments?: Resolver<Maybe<Array<ResolversTypes['Appointment']>>, ParentType, ContextType, RequireFields<ResidentAppointmentsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  medicalAccessLog?: Resolver<Maybe<Array<ResolversTypes['MedicalAccess']>>, ParentType, ContextType, RequireFields<ResidentMedicalAccessLogArgs, 'first'>>;
  medicalCard?: Resolver<Maybe<ResolversTypes['MedicalCard']>, ParentType, ContextType>;
  referrals?: Resolver<Maybe<Array<ResolversTypes['Referral']>>, ParentType, ContextType, RequireFields<ResidentReferralsArgs, 'first'>>;
};

export type SpecialityResolvers<ContextType = HealthContext, ParentType extends ResolversParentTypes['Speciality'] = ResolversParentTypes['Speciality']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = HealthContext> = {
  Appointment?: AppointmentResolvers<ContextType>;
  AvailableSlot?: AvailableSlotResolvers<ContextType>;
  BookAppointmentPayload?: BookAppointmentPayloadResolvers<ContextType>;
  CancelAppointmentPayload?: CancelAppointmentPayloadResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Doctor?: DoctorResolvers<ContextType>;
  MedicalAccess?: MedicalAccessResolvers<ContextType>;
  MedicalCard?: MedicalCardResolvers<ContextType>;
  MedicalDocument?: MedicalDocumentResolvers<ContextType>;
  MedicalDocumentContent?: MedicalDocumentContentResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Referral?: ReferralResolvers<ContextType>;
  Resident?: ResidentResolvers<ContextType>;
  Speciality?: SpecialityResolvers<ContextType>;
};

