/**
 * Diligence use cases (SPEC §2): the trial's questionnaire, and per vendor its support-team
 * profile, reference-customer calls and answers. Every write goes through updateTrial or
 * updateVendor, so it is validated, audited and refused on a closed trial like any other.
 *
 * Answers to items that have left the questionnaire are kept, not deleted: an item removed
 * by mistake and added back finds its answers again. They are shown apart ("no longer asked")
 * and never counted in the summary; saving the questionnaire answers carries them along.
 */
import { z } from 'zod';
import {
  answersFor,
  diligenceSummary,
  offListChecks,
  trialDiligenceItems,
  type DiligenceSummary,
} from '../domain/diligence.js';
import { DiligenceSchema, type Diligence, type Trial, type Vendor } from '../domain/schemas.js';
import type { AppDeps } from './deps.js';
import { notFound } from './errors.js';
import { parseInput } from './parse.js';
import { getTrial, updateTrial } from './trials.js';
import { getVendor, updateVendor } from './vendors.js';

const SupportTeamSchema = DiligenceSchema.shape.supportTeam.unwrap();
const ReferenceSchema = DiligenceSchema.shape.references.unwrap().element;
const CheckSchema = DiligenceSchema.shape.checks.unwrap().element;
export type SupportTeam = z.input<typeof SupportTeamSchema>;
export type ReferenceInput = z.input<typeof ReferenceSchema>;

/** The trial's questionnaire, and whether it is only the suggestion (never saved). */
export interface Questionnaire {
  items: readonly string[];
  suggested: boolean;
}

export const questionnaireOfTrial = (trial: Trial): Questionnaire => ({
  items: trialDiligenceItems(trial),
  suggested: trial.diligenceItems === undefined,
});

export async function getQuestionnaire(deps: AppDeps, trialId: string): Promise<Questionnaire> {
  return questionnaireOfTrial(await getTrial(deps, trialId));
}

/** Save the questionnaire (`null` goes back to the suggested items). */
export async function setQuestionnaire(deps: AppDeps, trialId: string, items: unknown): Promise<Trial> {
  return updateTrial(deps, trialId, { diligenceItems: items });
}

/** What the vendor page shows: the answers in the trial's order, those kept apart, the summary. */
export interface DiligenceView {
  questionnaire: Questionnaire;
  answers: ReturnType<typeof answersFor>;
  offList: Diligence['checks'];
  references: Diligence['references'];
  team: Diligence['supportTeam'];
  summary: DiligenceSummary;
}

export function diligenceView(trial: Trial, vendor: Vendor): DiligenceView {
  const questionnaire = questionnaireOfTrial(trial);
  return {
    questionnaire,
    answers: answersFor(vendor.diligence, questionnaire.items),
    offList: offListChecks(vendor.diligence, questionnaire.items),
    references: vendor.diligence?.references ?? [],
    team: vendor.diligence?.supportTeam ?? {},
    summary: diligenceSummary(vendor, questionnaire.items),
  };
}

export async function getVendorDiligence(
  deps: AppDeps,
  vendorId: string,
): Promise<{ trial: Trial; vendor: Vendor; view: DiligenceView }> {
  const vendor = await getVendor(deps, vendorId);
  const trial = await getTrial(deps, vendor.trialId);
  return { trial, vendor, view: diligenceView(trial, vendor) };
}

/** The vendor's diligence with one part replaced, as a plain value for the patch. */
function withPart(vendor: Vendor, part: Partial<z.input<typeof DiligenceSchema>>) {
  const current = DiligenceSchema.parse(vendor.diligence ?? {});
  return { diligence: { ...current, ...part } };
}

/** Replace the support-team profile; errors are named `supportTeam.<field>`. */
export async function putSupportTeam(deps: AppDeps, vendorId: string, team: unknown): Promise<Vendor> {
  const supportTeam = parseInput(SupportTeamSchema, team, ['supportTeam']);
  const vendor = await getVendor(deps, vendorId);
  return updateVendor(deps, vendorId, withPart(vendor, { supportTeam }));
}

const referencesOf = (vendor: Vendor) => DiligenceSchema.parse(vendor.diligence ?? {}).references;

/** Add a reference-customer call; errors are named `reference.<field>`. */
export async function addReference(deps: AppDeps, vendorId: string, input: unknown): Promise<Vendor> {
  const reference = parseInput(ReferenceSchema, input, ['reference']);
  const vendor = await getVendor(deps, vendorId);
  return updateVendor(deps, vendorId, withPart(vendor, { references: [...referencesOf(vendor), reference] }));
}

/** Replace the reference at `index` (its place in the list); a missing one is 404. */
export async function updateReference(
  deps: AppDeps,
  vendorId: string,
  index: number,
  input: unknown,
): Promise<Vendor> {
  const reference = parseInput(ReferenceSchema, input, ['reference']);
  const vendor = await getVendor(deps, vendorId);
  const references = referencesOf(vendor);
  if (!Number.isInteger(index) || references[index] === undefined) throw notFound('reference');
  references[index] = reference;
  return updateVendor(deps, vendorId, withPart(vendor, { references }));
}

export async function removeReference(deps: AppDeps, vendorId: string, index: number): Promise<Vendor> {
  const vendor = await getVendor(deps, vendorId);
  const references = referencesOf(vendor);
  if (!Number.isInteger(index) || references[index] === undefined) throw notFound('reference');
  references.splice(index, 1);
  return updateVendor(deps, vendorId, withPart(vendor, { references }));
}

/**
 * Answer the questionnaire: `checks[i]` answers item i (errors are named `checks.<i>.<field>`).
 * An "unknown" without a note is the same as no answer and is not stored; answers kept for
 * items no longer asked are carried along unchanged.
 */
export async function putChecks(deps: AppDeps, vendorId: string, input: unknown): Promise<Vendor> {
  const checks = parseInput(z.array(CheckSchema).max(60), input, ['checks']);
  const vendor = await getVendor(deps, vendorId);
  const items = trialDiligenceItems(await getTrial(deps, vendor.trialId));
  const given = checks.filter((check) => check.answer !== 'unknown' || check.note !== undefined);
  const kept = offListChecks(vendor.diligence, items).filter(
    (check) => !given.some((answer) => answer.item === check.item),
  );
  return updateVendor(deps, vendorId, withPart(vendor, { checks: [...given, ...kept] }));
}
