import { DIMENSIONS, SEVERITIES } from '../../domain/schemas.js';
import { SEVERITY_WEIGHT } from '../../domain/scoring/context.js';
import { glossary } from '../../i18n/glossary.js';
import type { ReportContext } from './context.js';
import type { MethodologyBlock, MethodologyPart, ReportTable } from './types.js';

function twoColumns(rows: [string, string][], first: string, second: string) {
  return {
    columns: [
      { label: first, width: 2 },
      { label: second, width: 3 },
    ],
    rows: rows.map((cells) => ({ cells })),
    empty: '—',
  } satisfies ReportTable;
}

function targetsTable(context: ReportContext): ReportTable {
  const { t, fmt, data } = context;
  const orNone = (minutes: number | null) =>
    minutes === null ? t('report.method.noTarget') : fmt.duration(minutes);
  return {
    columns: [
      { label: t('report.fr.severity'), width: 1.3 },
      { label: t('report.method.weight'), width: 0.7, align: 'right' },
      { label: t('report.method.firstResponse'), width: 1.1, align: 'right' },
      { label: t('report.method.clock'), width: 1.1 },
      { label: t('report.method.resolution'), width: 1.1, align: 'right' },
      { label: t('report.method.escalation'), width: 1.3, align: 'right' },
    ],
    rows: SEVERITIES.map((severity) => {
      const target = data.trial.targets[severity];
      return {
        cells: [
          t(`severity.${severity}`),
          String(SEVERITY_WEIGHT[severity]),
          fmt.duration(target.firstResponseMinutes),
          t(`clock.${target.clock}`),
          orNone(target.resolutionMinutes),
          orNone(target.escalationMinutes),
        ],
      };
    }),
    empty: '—',
  };
}

function calendarRows(context: ReportContext): [string, string][] {
  const { t, data } = context;
  const { calendar } = data.trial;
  return [
    [t('report.method.timeZone'), calendar.timezone],
    [t('report.method.days'), context.list(calendar.days.map((day) => t(`weekday.${day}`)))],
    [t('report.method.hours'), `${calendar.start}–${calendar.end}`],
    [t('report.method.holidays'), String(calendar.holidays.length)],
    [t('report.method.extraWorkdays'), String(calendar.extraWorkdays.length)],
  ];
}

function knockoutSentence(context: ReportContext): string {
  const { t, fmt, data } = context;
  const { p0Coverage24x7, serviceCredits, escalationPath, maxP0ResponseMinutes } = data.trial.knockouts;
  const enabled = [
    ...(p0Coverage24x7 ? [t('gate.p0Coverage24x7')] : []),
    ...(serviceCredits ? [t('gate.serviceCredits')] : []),
    ...(escalationPath ? [t('gate.escalationPath')] : []),
    ...(maxP0ResponseMinutes === null
      ? []
      : [
          t('report.method.maxP0', {
            gate: t('gate.maxP0ResponseMinutes'),
            limit: fmt.duration(maxP0ResponseMinutes),
          }),
        ]),
  ];
  return enabled.length === 0
    ? t('report.method.noGates')
    : t('report.method.gates', { gates: context.list(enabled) });
}

/** The model in brief and the settings this trial used, so the report stands on its own. */
export function buildMethodology(context: ReportContext): MethodologyPart {
  const { t, card, data } = context;
  const blocks: MethodologyBlock[] = [
    {
      title: t('report.method.modelTitle'),
      paragraphs: [
        t('report.method.model', { model: data.trial.model }),
        t(`report.method.waits.${data.trial.model === 'sla-score/1' ? 'counted' : 'notCounted'}`, {
          model: data.trial.model,
        }),
        ...DIMENSIONS.map((dimension) =>
          t('report.method.dimension', {
            dimension: t(`dimension.${dimension}`),
            text: t(`report.method.dim.${dimension}`),
          }),
        ),
        t('report.method.overall'),
        t('report.method.pending'),
      ],
      table: null,
    },
    {
      title: t('report.method.weightsTitle'),
      paragraphs: [t('report.method.weightsIntro')],
      table: twoColumns(
        DIMENSIONS.map((dimension) => [t(`dimension.${dimension}`), context.weight(card.weights[dimension])]),
        t('report.evidence.dimension'),
        t('report.method.weight'),
      ),
    },
    {
      title: t('report.method.targetsTitle'),
      paragraphs: [t('report.method.targetsIntro')],
      table: targetsTable(context),
    },
    {
      title: t('report.method.calendarTitle'),
      paragraphs: [t('report.method.calendarIntro')],
      table: twoColumns(calendarRows(context), t('report.method.item'), t('report.method.value')),
    },
    { title: t('report.method.gatesTitle'), paragraphs: [knockoutSentence(context)], table: null },
    {
      title: t('report.method.robustnessTitle'),
      paragraphs: [t('report.method.flip'), t('report.method.seeded')],
      // Definitions are long and terms short: the definition gets most of the width.
      table: {
        ...twoColumns(
          glossary(context).map((entry): [string, string] => [entry.name, entry.definition]),
          t('report.method.term'),
          t('report.method.definition'),
        ),
        columns: [
          { label: t('report.method.term'), width: 1 },
          { label: t('report.method.definition'), width: 3.6 },
        ],
      },
    },
  ];
  return { title: t('report.section.methodology'), blocks };
}
