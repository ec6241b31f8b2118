/** @deprecated Transitional shape of the audit entries resolvers used to build (see shared/unit-of-work.ts). */
export interface AuditEntry {
  operation: string;
  resourceType: string;
  resourceId: string;
  details?: Record<string, unknown>;
  tenantId?: string;
}
