import { MANAGE, READ } from '../auth/roles';
import { Assignment, AssignmentInput, AssignmentPath, AssignmentWeightInput } from '../schemas/assignments';
import { ListQuery } from '../schemas/common';
import { assignmentExample } from './examples';
import { list, one, type Route } from './route';

export const ASSIGNMENT_ROUTES = {
  createAssignment: {
    method: 'post',
    path: '/assignments',
    handler: 'assignments/create',
    iam: 'writer',
    access: MANAGE,
    summary: 'Assign an operator to a source with a weight',
    tag: 'Assignments',
    body: AssignmentInput,
    bodyExample: { operator_id: 1, source_id: 1, weight: 10 },
    responses: { 201: one('The assignment', Assignment, assignmentExample) },
  },
  listAssignments: {
    method: 'get',
    path: '/assignments',
    handler: 'assignments/list',
    iam: 'reader',
    access: READ,
    summary: 'List assignments',
    tag: 'Assignments',
    query: ListQuery,
    responses: { 200: list(Assignment, assignmentExample) },
  },
  updateAssignment: {
    method: 'put',
    path: '/assignments/{assignment_id}',
    handler: 'assignments/update',
    iam: 'writer',
    access: MANAGE,
    summary: "Change an assignment's weight and quota",
    tag: 'Assignments',
    pathParams: AssignmentPath,
    body: AssignmentWeightInput,
    bodyExample: { weight: 20, quota: { max: 40, per: 'day', time_zone: 'Europe/Moscow' } },
    responses: {
      200: one('The assignment', Assignment, {
        ...assignmentExample,
        weight: 20,
        quota: { max: 40, per: 'day', time_zone: 'Europe/Moscow' },
        quota_used: 0,
      }),
    },
  },
  deleteAssignment: {
    method: 'delete',
    path: '/assignments/{assignment_id}',
    handler: 'assignments/delete',
    iam: 'deleter',
    access: MANAGE,
    summary: 'Take an operator off a source',
    tag: 'Assignments',
    pathParams: AssignmentPath,
    responses: { 204: { description: 'Removed; the operator keeps the contacts they have' } },
  },
} satisfies Record<string, Route>;
