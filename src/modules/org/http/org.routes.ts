import type { App, ModuleDeps } from '../../../platform/module.js';
import * as org from '../org.service.js';
import * as s from './org.schema.js';
import { NoContent } from '../../../platform/http/schema.js';

const tags = ['org'];

/** Thin routes: validate by schema, run with a permission, call one service function. */
export function orgRoutes(app: App, { run }: ModuleDeps): void {
  // Agencies
  app.get(
    '/api/org/agencies',
    {
      schema: {
        tags,
        summary: 'List agencies (Perangkat Daerah)',
        querystring: s.AgencyListQuery,
        response: { 200: s.AgencyList },
      },
    },
    (req) => run(req, 'org:agency:read', (ctx) => org.listAgencies(ctx, req.query)),
  );

  app.get(
    '/api/org/agencies/:id',
    {
      schema: { tags, summary: 'Get an agency', params: s.IdParams, response: { 200: s.Agency } },
    },
    (req) => run(req, 'org:agency:read', (ctx) => org.getAgency(ctx, req.params.id)),
  );

  app.post(
    '/api/org/agencies',
    {
      schema: {
        tags,
        summary: 'Create an agency',
        body: s.AgencyCreate,
        response: { 201: s.Agency },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await run(req, 'org:agency:write', (ctx) => org.createAgency(ctx, req.body))),
  );

  app.patch(
    '/api/org/agencies/:id',
    {
      schema: {
        tags,
        summary: 'Change an agency',
        params: s.IdParams,
        body: s.AgencyUpdate,
        response: { 200: s.Agency },
      },
    },
    (req) => run(req, 'org:agency:write', (ctx) => org.updateAgency(ctx, req.params.id, req.body)),
  );

  app.delete(
    '/api/org/agencies/:id',
    {
      schema: {
        tags,
        summary: 'Remove an agency with no units, positions or employees',
        params: s.IdParams,
        response: NoContent,
      },
    },
    async (req, reply) => {
      await run(req, 'org:agency:write', (ctx) => org.deleteAgency(ctx, req.params.id));
      return reply.status(204).send();
    },
  );

  // Units
  app.get(
    '/api/org/agencies/:agencyId/units',
    {
      schema: {
        tags,
        summary: "List an agency's units",
        params: s.AgencyParams,
        response: { 200: s.Type.Array(s.Unit) },
      },
    },
    (req) => run(req, 'org:unit:read', (ctx) => org.listUnits(ctx, req.params.agencyId)),
  );

  app.post(
    '/api/org/agencies/:agencyId/units',
    {
      schema: {
        tags,
        summary: 'Create a unit',
        params: s.AgencyParams,
        body: s.UnitCreate,
        response: { 201: s.Unit },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await run(req, 'org:unit:write', (ctx) =>
            org.createUnit(ctx, { ...req.body, agencyId: req.params.agencyId }),
          ),
        ),
  );

  app.get(
    '/api/org/units/:id',
    {
      schema: { tags, summary: 'Get a unit', params: s.IdParams, response: { 200: s.Unit } },
    },
    (req) => run(req, 'org:unit:read', (ctx) => org.getUnit(ctx, req.params.id)),
  );

  app.patch(
    '/api/org/units/:id',
    {
      schema: {
        tags,
        summary: 'Change a unit',
        params: s.IdParams,
        body: s.UnitUpdate,
        response: { 200: s.Unit },
      },
    },
    (req) => run(req, 'org:unit:write', (ctx) => org.updateUnit(ctx, req.params.id, req.body)),
  );

  app.delete(
    '/api/org/units/:id',
    {
      schema: { tags, summary: 'Remove an empty unit', params: s.IdParams, response: NoContent },
    },
    async (req, reply) => {
      await run(req, 'org:unit:write', (ctx) => org.deleteUnit(ctx, req.params.id));
      return reply.status(204).send();
    },
  );

  // Positions
  app.get(
    '/api/org/agencies/:agencyId/positions',
    {
      schema: {
        tags,
        summary: "List an agency's positions",
        params: s.AgencyParams,
        response: { 200: s.Type.Array(s.Position) },
      },
    },
    (req) => run(req, 'org:unit:read', (ctx) => org.listPositions(ctx, req.params.agencyId)),
  );

  app.post(
    '/api/org/agencies/:agencyId/positions',
    {
      schema: {
        tags,
        summary: 'Create a position',
        params: s.AgencyParams,
        body: s.PositionCreate,
        response: { 201: s.Position },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await run(req, 'org:unit:write', (ctx) =>
            org.createPosition(ctx, { ...req.body, agencyId: req.params.agencyId }),
          ),
        ),
  );

  app.get(
    '/api/org/positions/:id',
    {
      schema: {
        tags,
        summary: 'Get a position',
        params: s.IdParams,
        response: { 200: s.Position },
      },
    },
    (req) => run(req, 'org:unit:read', (ctx) => org.getPosition(ctx, req.params.id)),
  );

  app.patch(
    '/api/org/positions/:id',
    {
      schema: {
        tags,
        summary: 'Change a position',
        params: s.IdParams,
        body: s.PositionUpdate,
        response: { 200: s.Position },
      },
    },
    (req) => run(req, 'org:unit:write', (ctx) => org.updatePosition(ctx, req.params.id, req.body)),
  );

  app.delete(
    '/api/org/positions/:id',
    {
      schema: {
        tags,
        summary: 'Remove a position nobody holds',
        params: s.IdParams,
        response: NoContent,
      },
    },
    async (req, reply) => {
      await run(req, 'org:unit:write', (ctx) => org.deletePosition(ctx, req.params.id));
      return reply.status(204).send();
    },
  );

  // ICT manager appointments (PBG19 art.17, BTM19 art.16)
  app.get(
    '/api/org/ict-appointments',
    {
      schema: {
        tags,
        summary: 'List ICT manager appointments, of one agency or all',
        querystring: s.IctAppointmentListQuery,
        response: { 200: s.IctAppointmentList },
      },
    },
    async (req) => ({
      items: await run(req, 'org:unit:read', (ctx) => org.listIctAppointments(ctx, req.query)),
    }),
  );

  app.post(
    '/api/org/ict-appointments',
    {
      schema: {
        tags,
        summary: "Record an ICT manager's appointment by decree",
        body: s.IctAppointmentCreate,
        response: { 201: s.IctAppointment },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await run(req, 'org:unit:write', (ctx) => org.createIctAppointment(ctx, req.body))),
  );

  app.get(
    '/api/org/ict-appointments/:id',
    {
      schema: {
        tags,
        summary: 'Get an ICT manager appointment',
        params: s.IdParams,
        response: { 200: s.IctAppointment },
      },
    },
    (req) => run(req, 'org:unit:read', (ctx) => org.getIctAppointment(ctx, req.params.id)),
  );

  app.patch(
    '/api/org/ict-appointments/:id',
    {
      schema: {
        tags,
        summary: 'Change an ICT manager appointment (e.g. set its end date)',
        params: s.IdParams,
        body: s.IctAppointmentUpdate,
        response: { 200: s.IctAppointment },
      },
    },
    (req) =>
      run(req, 'org:unit:write', (ctx) => org.updateIctAppointment(ctx, req.params.id, req.body)),
  );

  app.delete(
    '/api/org/ict-appointments/:id',
    {
      schema: {
        tags,
        summary: 'Remove an ICT manager appointment recorded in error',
        params: s.IdParams,
        response: NoContent,
      },
    },
    async (req, reply) => {
      await run(req, 'org:unit:write', (ctx) => org.deleteIctAppointment(ctx, req.params.id));
      return reply.status(204).send();
    },
  );

  // Employees
  app.get(
    '/api/org/employees',
    {
      schema: {
        tags,
        summary: 'List employees',
        querystring: s.EmployeeListQuery,
        response: { 200: s.EmployeeList },
      },
    },
    (req) => run(req, 'org:employee:read', (ctx) => org.listEmployees(ctx, req.query)),
  );

  app.get(
    '/api/org/employees/:id',
    {
      schema: {
        tags,
        summary: 'Get an employee',
        params: s.IdParams,
        response: { 200: s.Employee },
      },
    },
    (req) => run(req, 'org:employee:read', (ctx) => org.getEmployee(ctx, req.params.id)),
  );

  app.post(
    '/api/org/employees',
    {
      schema: {
        tags,
        summary: 'Create an employee',
        body: s.EmployeeCreate,
        response: { 201: s.Employee },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await run(req, 'org:employee:write', (ctx) => org.createEmployee(ctx, req.body))),
  );

  app.patch(
    '/api/org/employees/:id',
    {
      schema: {
        tags,
        summary: 'Change an employee',
        params: s.IdParams,
        body: s.EmployeeUpdate,
        response: { 200: s.Employee },
      },
    },
    (req) =>
      run(req, 'org:employee:write', (ctx) => org.updateEmployee(ctx, req.params.id, req.body)),
  );

  app.delete(
    '/api/org/employees/:id',
    {
      schema: { tags, summary: 'Remove an employee', params: s.IdParams, response: NoContent },
    },
    async (req, reply) => {
      await run(req, 'org:employee:write', (ctx) => org.deleteEmployee(ctx, req.params.id));
      return reply.status(204).send();
    },
  );
}
