// A TypeScript consumer of the installed package, checked with tsc --strict: the package's
// types resolve through its `exports` (import by name), and the narrowed types hold.
import { Cpts, CptsError, ErrorCode, type CreateOptions, type CommuneSource } from 'cpts';

const options: CreateOptions = { communes: false };
const source: CommuneSource = new URL('https://example.org/communes.txt');

export async function taille(population: number): Promise<number> {
  const cpts = await Cpts.create(options);
  const band = cpts.band({ population, on: '2026-01-01' });
  return band.taille;
}

export function describe(error: unknown): string {
  if (error instanceof CptsError && error.code === ErrorCode.INVALID_INPUT) return error.message;
  return String(error);
}

export async function load(cpts: Cpts): Promise<boolean> {
  await cpts.loadCommunes(source);
  // @ts-expect-error a number is not a commune table
  await cpts.loadCommunes(42);
  return cpts.hasCommunes;
}
