import { Type } from '@sinclair/typebox';
import { Id, Nullable, StrEnum, Text, Timestamp } from '../../../platform/http/schema.js';
export { IdParams } from '../../../platform/http/schema.js';
export { Type };
import { AGENCY_KINDS, EMPLOYEE_STATUSES, POSITION_KINDS } from '../db/schema.js';

export const AgencyParams = Type.Object({ agencyId: Id });

export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  q: Type.Optional(Type.String({ maxLength: 100 })),
};

export const Agency = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  kind: StrEnum(AGENCY_KINDS),
  isIctOffice: Type.Boolean(),
  isPlanningAgency: Type.Boolean(),
  parentId: Nullable(Id),
  regionCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
  website: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const AgencyCreate = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9._-]{1,32}$' }),
    name: Text(200),
    shortName: Text(60),
    kind: StrEnum(AGENCY_KINDS),
    isIctOffice: Type.Optional(Type.Boolean()),
    isPlanningAgency: Type.Optional(Type.Boolean()),
    parentId: Type.Optional(Nullable(Id)),
    regionCode: Type.Optional(
      Nullable(Type.String({ pattern: '^\\d{2}(\\.\\d{2}){0,2}(\\.\\d{4})?$' })),
    ),
    address: Type.Optional(Nullable(Text(300))),
    website: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 300 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const AgencyUpdate = Type.Partial(AgencyCreate, {
  additionalProperties: false,
  minProperties: 1,
});

export const AgencyList = Type.Object({ items: Type.Array(Agency), total: Type.Integer() });
export const AgencyListQuery = Type.Object(
  { ...PageQuery, kind: Type.Optional(StrEnum(AGENCY_KINDS)) },
  { additionalProperties: false },
);

export const Unit = Type.Object({
  id: Id,
  agencyId: Id,
  parentId: Nullable(Id),
  code: Type.String(),
  name: Type.String(),
  isEgovUnit: Type.Boolean({
    description: "The agency's e-government unit, which runs its ICT (BHR17 art.17)",
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const UnitCreate = Type.Object(
  {
    parentId: Type.Optional(Nullable(Id)),
    code: Type.String({ pattern: '^[A-Za-z0-9._-]{1,32}$' }),
    name: Text(200),
    isEgovUnit: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const UnitUpdate = Type.Partial(UnitCreate, {
  additionalProperties: false,
  minProperties: 1,
});

export const Position = Type.Object({
  id: Id,
  agencyId: Id,
  unitId: Nullable(Id),
  name: Type.String(),
  kind: StrEnum(POSITION_KINDS),
  grade: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const PositionCreate = Type.Object(
  {
    unitId: Type.Optional(Nullable(Id)),
    name: Text(200),
    kind: StrEnum(POSITION_KINDS),
    grade: Type.Optional(Nullable(Text(20))),
  },
  { additionalProperties: false },
);
export const PositionUpdate = Type.Partial(PositionCreate, {
  additionalProperties: false,
  minProperties: 1,
});

export const Employee = Type.Object({
  id: Id,
  nip: Type.String(),
  name: Type.String(),
  agencyId: Id,
  unitId: Nullable(Id),
  positionId: Nullable(Id),
  status: StrEnum(EMPLOYEE_STATUSES),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  birthDate: Type.String({ format: 'date' }),
  gender: StrEnum(['male', 'female'] as const),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const EmployeeCreate = Type.Object(
  {
    nip: Type.String({ minLength: 1, maxLength: 40 }),
    name: Text(200),
    agencyId: Id,
    unitId: Type.Optional(Nullable(Id)),
    positionId: Type.Optional(Nullable(Id)),
    status: Type.Optional(StrEnum(EMPLOYEE_STATUSES)),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^\\+?[0-9 ()-]{6,20}$' }))),
  },
  { additionalProperties: false },
);
export const EmployeeUpdate = Type.Partial(EmployeeCreate, {
  additionalProperties: false,
  minProperties: 1,
});
export const EmployeeList = Type.Object({ items: Type.Array(Employee), total: Type.Integer() });
export const EmployeeListQuery = Type.Object(
  {
    ...PageQuery,
    agencyId: Type.Optional(Id),
    unitId: Type.Optional(Id),
    status: Type.Optional(StrEnum(EMPLOYEE_STATUSES)),
  },
  { additionalProperties: false },
);

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** An ICT manager's appointment by the regent's decree (PBG19 art.17, BTM19 art.16). */
export const IctAppointment = Type.Object({
  id: Id,
  agencyId: Id,
  employeeId: Id,
  employeeName: Nullable(Type.String()),
  employeeNip: Nullable(Type.String()),
  decreeNumber: Type.String({ description: 'Number of the Keputusan Bupati (SK)' }),
  decreeDate: Day,
  competence: Nullable(Type.String()),
  startsOn: Day,
  endsOn: Nullable(Day),
  active: Type.Boolean({ description: "In force today, in the tenant's time zone" }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const IctAppointmentCreate = Type.Object(
  {
    agencyId: Id,
    employeeId: Id,
    decreeNumber: Text(100),
    decreeDate: Day,
    competence: Type.Optional(Nullable(Text(500))),
    startsOn: Day,
    endsOn: Type.Optional(Nullable(Day)),
  },
  { additionalProperties: false },
);
export const IctAppointmentUpdate = Type.Partial(Type.Omit(IctAppointmentCreate, ['agencyId']), {
  additionalProperties: false,
  minProperties: 1,
});
export const IctAppointmentList = Type.Object({ items: Type.Array(IctAppointment) });
export const IctAppointmentListQuery = Type.Object(
  { agencyId: Type.Optional(Id), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
