import type { ImportSession } from '../../app/imports/index.js';
import type { ImportProblem } from '../../domain/imports.js';
import { englishProblem } from '../../i18n/importProblems.js';

/**
 * A problem as the API answers it: its stable `code`, its English `message`, and the `params`
 * that filled the message (a sender, a row, a file), so a client can act on a code or show the text.
 */
export const apiProblem = (problem: ImportProblem) => ({
  code: problem.code,
  message: englishProblem(problem),
  ...(problem.params === undefined ? {} : { params: problem.params }),
});

/** The preview as SPEC §8 gives it: `{id, items, problems}`; originals and sheet columns stay behind. */
export function presentPreview(session: ImportSession) {
  return {
    id: session.id,
    items: session.items.map((item) => ({ ...item, problems: item.problems.map(apiProblem) })),
    problems: session.problems.map(apiProblem),
  };
}
