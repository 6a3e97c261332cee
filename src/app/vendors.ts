import { z } from 'zod';
import { checksIssues, trialDiligenceItems } from '../domain/diligence.js';
import {
  CalendarSchema,
  DiligenceSchema,
  SlaClausesSchema,
  VendorSchema,
  type Vendor,
} from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { conflict, invalid, notFound } from './errors.js';
import { parseInput } from './parse.js';
import { applyPatch } from './patch.js';
import { getTrial } from './trials.js';

const shape = VendorSchema.shape;

export const VendorCreateSchema = z.strictObject({
  name: shape.name,
  product: shape.product,
  supportPlan: shape.supportPlan,
  contact: shape.contact,
  notes: shape.notes,
  supportHours: CalendarSchema.optional(),
  sla: SlaClausesSchema.optional(),
  domains: shape.domains,
});

/** Optional fields take null to clear them; `sla` replaces the whole clause set. */
export const VendorPatchSchema = z.strictObject({
  name: shape.name.optional(),
  product: shape.product.nullable(),
  supportPlan: shape.supportPlan.nullable(),
  contact: shape.contact.nullable(),
  notes: shape.notes.nullable(),
  supportHours: CalendarSchema.nullable().optional(),
  sla: SlaClausesSchema.optional(),
  /** The vendor's support mail domains for imports; null clears them. */
  domains: shape.domains.nullable(),
  /** Replaces the whole diligence record (team, references, answers); null clears it. */
  diligence: DiligenceSchema.nullable().optional(),
});

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

async function assertNameFree(deps: AppDeps, trialId: string, name: string, exceptId?: string) {
  const vendors = await deps.repository.listVendors(trialId);
  if (vendors.some((vendor) => vendor.id !== exceptId && sameName(vendor.name, name))) {
    throw conflict(`a vendor named "${name}" already exists in this trial`);
  }
}

export async function listVendors(deps: AppDeps, trialId: string): Promise<readonly Vendor[]> {
  await getTrial(deps, trialId);
  return deps.repository.listVendors(trialId);
}

export async function getVendor(deps: AppDeps, vendorId: string): Promise<Vendor> {
  const vendor = await deps.repository.getVendor(vendorId);
  if (!vendor) throw notFound('vendor');
  return vendor;
}

export async function createVendor(deps: AppDeps, trialId: string, body: unknown): Promise<Vendor> {
  await getTrial(deps, trialId);
  const input = parseInput(VendorCreateSchema, body);
  await assertNameFree(deps, trialId, input.name);
  const now = deps.now().toISOString();
  const vendor = parseInput(VendorSchema, {
    ...input,
    id: deps.newId('vendor'),
    trialId,
    sla: input.sla ?? {},
    createdAt: now,
    updatedAt: now,
  });
  return deps.repository.insertVendor(vendor);
}

export async function updateVendor(deps: AppDeps, vendorId: string, body: unknown): Promise<Vendor> {
  const patch = parseInput(VendorPatchSchema, body);
  const current = await getVendor(deps, vendorId);
  if (patch.name !== undefined) await assertNameFree(deps, current.trialId, patch.name, vendorId);
  if (patch.diligence) {
    const items = trialDiligenceItems(await getTrial(deps, current.trialId));
    const issues = checksIssues(patch.diligence.checks, items, current.diligence);
    if (issues.length > 0) throw invalid(issues);
  }
  const updated = await deps.repository.updateVendor(vendorId, (vendor) =>
    parseInput(VendorSchema, applyPatch(vendor, { ...patch, updatedAt: deps.now().toISOString() })),
  );
  if (!updated) throw notFound('vendor');
  return updated;
}

export async function deleteVendor(deps: AppDeps, vendorId: string): Promise<void> {
  if (!(await deps.repository.deleteVendor(vendorId))) throw notFound('vendor');
}
