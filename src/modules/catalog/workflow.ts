/**
 * The publication workflow: draft → submitted → published (the approver signs off, recording the
 * confidentiality review 保密审查, and the item is published with its index number), or returned to
 * the editor with a reason; a published item is revised as a new version or withdrawn with a reason
 * (its page stays as a tombstone).
 */
export const statuses = ['draft', 'submitted', 'returned', 'published', 'withdrawn'] as const;
export type Status = (typeof statuses)[number];

export type WorkflowAction = 'edit' | 'submit' | 'approve' | 'return' | 'revise' | 'withdraw' | 'delete';

/** Which role of the publication's agency may take which action in which status. */
const rules: Record<WorkflowAction, { from: Status[]; roles: ('editor' | 'approver')[] }> = {
  edit: { from: ['draft', 'returned'], roles: ['editor', 'approver'] },
  delete: { from: ['draft', 'returned'], roles: ['editor', 'approver'] },
  submit: { from: ['draft', 'returned'], roles: ['editor', 'approver'] },
  approve: { from: ['submitted'], roles: ['approver'] },
  return: { from: ['submitted'], roles: ['approver'] },
  revise: { from: ['published'], roles: ['approver'] },
  withdraw: { from: ['published'], roles: ['approver'] },
};

export function allowedFrom(action: WorkflowAction): Status[] {
  return rules[action].from;
}
export function rolesFor(action: WorkflowAction): ('editor' | 'approver')[] {
  return rules[action].roles;
}
export function canTransition(action: WorkflowAction, status: Status): boolean {
  return rules[action].from.includes(status);
}
