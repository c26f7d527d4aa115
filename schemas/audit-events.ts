/**
 * The names of the audit log's events: a dotted `subject.verb`, one per kind of act. The audit log
 * holds them in `events.type` and shows them as `action`; an analyst filters on them, so a name
 * never changes meaning once released.
 */
import { z } from "zod";

export const AUDIT_EVENTS = [
  // accounts
  "auth.login",
  "auth.login.failed",
  "auth.login.limited",
  "auth.logout",
  "auth.logout_all",
  "user.add",
  "user.disable",
  "user.enable",
  "user.roles",
  // registry
  "organisation.registered",
  "signer.registered",
  "signer.revoked",
  "signer.confirmed",
  "ca.trusted",
  "ca.revoked",
  "campaign.saved",
  "keyring.installed",
  // invitations
  "invite.created",
  "invite.accepted",
  "invite.expired",
  // submissions and review
  "submission.received",
  "submission.registered",
  "submission.blob_deleted",
  "review.download",
  "review.decision",
  "coverage.confirm",
  "coverage.refuse",
  // export
  "export.campaign",
] as const;

/** @example AuditEventName.parse("review.decision") */
export const AuditEventName = z.enum(AUDIT_EVENTS);
export type AuditEventName = z.infer<typeof AuditEventName>;
