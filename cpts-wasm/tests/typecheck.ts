// Compiled by tsc (--noEmit) in the test suite: the generated declarations type a portal's
// code. Lines marked @ts-expect-error must fail to type-check.
import { Cpts, CptsError, ErrorCode } from '../pkg/index.js';
import type {
  BandResult,
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

  const valid: ValidateContractResult['valid'] = true;
  return `${taille} ${population} ${typeof year} ${typeof schedule} ${valid}`;
}
