// Compiled by tsc (--noEmit) in the test suite: the generated declarations type a portal's
// code. Lines marked @ts-expect-error must fail to type-check.
import { Cpts, CptsError, ErrorCode, OPERATIONS } from '../pkg/index.js';
import type {
  BandResult,
  CptsData,
  ErrorCodeName,
  ErrorCodeNumber,
  IdentifierError,
  LabelsResult,
  OperationName,
  EvaluateYearInput,
  PaymentScheduleResult,
  TerritoryResult,
  ValidateContractResult,
} from '../pkg/index.js';

export async function portal(): Promise<string> {
  const cpts = await Cpts.create({ communes: false });
  const band: BandResult = cpts.band({ population: 95000, on: '2026-01-01' });
  const taille: number = band.taille;
  const report: TerritoryResult = cpts.territory({ communes: ['78551'], on: '2026-01-01' });
  const population: number = report.population;

  const year = (input: EvaluateYearInput) => cpts.evaluateYear(input).total;
  const schedule = (input: Parameters<Cpts['paymentSchedule']>[0]): PaymentScheduleResult =>
    cpts.paymentSchedule(input);
  // Amounts only, and many contract years at once, each answered or failed on its own.
  const amounts = (input: EvaluateYearInput) =>
    cpts.evaluateYear({ ...input, detail: 'amounts' }).missions.map((m) => m.variable_earned);
  const batch = (input: EvaluateYearInput): string[] =>
    cpts
      .fundingBatch({ items: [{ operation: 'evaluate_year', input }], detail: 'summary' })
      .items.map((item) => (item.status === 'ok' ? 'ok' : item.error.message));
  // @ts-expect-error: no such level of detail
  const tout = (input: EvaluateYearInput) => cpts.evaluateYear({ ...input, detail: 'tout' });
  // @ts-expect-error: a batch answers evaluate_year and payment_schedule only
  cpts.fundingBatch({ items: [{ operation: 'band', input: {} }] });

  try {
    cpts.validateIdentifier({ kind: 'rpps', value: '10000927870' });
  } catch (e) {
    if (e instanceof CptsError && e.code === ErrorCode.INVALID_INPUT) {
      return String(e.details['path']);
    }
  }

  // @ts-expect-error: population is a number
  cpts.band({ population: '95000', on: '2026-01-01' });
  // @ts-expect-error: no such identifier kind
  cpts.validateIdentifier({ kind: 'nir', value: '1' });
  // @ts-expect-error: unknown field
  cpts.band({ population: 1, on: '2026-01-01', taille: 2 });

  // The result narrows on `valid`: a valid value has its canonical form, a refused one its
  // error and message.
  const checked = cpts.validateIdentifier({ kind: 'rpps', value: '10000927870' });
  let said: string;
  if (checked.valid) {
    const canonical: string = checked.canonical;
    said = canonical;
  } else {
    const error: IdentifierError = checked.error;
    const message: string = checked.message;
    said = `${error.error}: ${message}`;
  }
  // @ts-expect-error: canonical may be null until `valid` is known
  const unknown: string = checked.canonical;

  // The data of a CPTS has its own name (the class Cpts is the engine).
  const stored = (data: CptsData) => cpts.lateMissions({ cpts: data, on: '2026-01-01' });

  // Error codes and names, operation names: their values, not any number or string.
  const code: ErrorCodeNumber = ErrorCode.NOT_FOUND;
  const codeName: ErrorCodeName = 'not_found';
  // @ts-expect-error: 12 is no error code
  const noCode: ErrorCodeNumber = 12;
  const first: OperationName = OPERATIONS[0].name;
  // @ts-expect-error: no such operation
  const noOperation: OperationName = 'compute_everything';
  const onError = (e: CptsError): [ErrorCodeNumber, ErrorCodeName, string] => [e.code, e.codeName, e.messageEn];

  // Labels, for a page that never shows an id.
  const labels: LabelsResult = cpts.labels();
  const missionLabel: string | undefined = labels.missions.find((m) => m.id === 'prevention')?.label;

  const valid: ValidateContractResult['valid'] = true;
  void [said, unknown, stored, code, codeName, noCode, first, noOperation, onError, missionLabel, amounts, batch, tout];
  return `${taille} ${population} ${typeof year} ${typeof schedule} ${valid}`;
}
