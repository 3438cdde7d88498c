// Builds the commune table embedded by cpts-core (cpts-core/data/communes.txt) from the npm
// package @etalab/decoupage-administratif, pinned in package.json / package-lock.json.
//
//   npm ci --prefix scripts/communes && node scripts/communes/generate.mjs          # write
//   node scripts/communes/generate.mjs --check                                        # compare
//
// Format (UTF-8, one record per line, fields separated by "|", the name always last):
//   #key=value                                         provenance lines
//   R|region|nom                                      régions
//   D|departement|region|nom                          départements
//   E|siren|type|nom                                  EPCI
//   C|code|departement|epci|population|codes postaux|anciens codes|nom     communes actuelles
//   A|code|commune|population|codes postaux|nom       arrondissements municipaux
//     (C and A records form one section, sorted by code, so that the loader needs no sort)
//   L|D or A|code|departement|chef-lieu|nom           communes déléguées (D) and associées (A)
// "-" stands for an absent EPCI or population; lists are separated by spaces. Populations are
// taken from communes.json only (epci.json member populations are another millésime).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "cpts-core", "data", "communes.txt");
const pkgDir = dirname(require.resolve("@etalab/decoupage-administratif/package.json"));
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const load = (name) => JSON.parse(readFileSync(join(pkgDir, "data", name), "utf8"));

const communes = load("communes.json");
const departements = load("departements.json");
const regions = load("regions.json");
const epcis = load("epci.json");

const clean = (s) => {
  if (/[|\n\r]/.test(s)) throw new Error(`unexpected separator in ${JSON.stringify(s)}`);
  return s;
};
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const orDash = (v) => (v === undefined || v === null || v === "" ? "-" : String(v));
const list = (v) => (v && v.length ? [...v].sort().join(" ") : "");

const epciOf = new Map();
for (const e of epcis) {
  for (const m of e.membres) {
    if (epciOf.has(m.code)) throw new Error(`commune ${m.code} in two EPCI`);
    epciOf.set(m.code, e.code);
  }
}

const lines = [
  "#cpts-communes=1",
  `#source=npm:${pkg.name}@${pkg.version}`,
  "#cog=2026",
  "#population=population municipale, populations légales millésime 2023 (INSEE, en vigueur au 1er janvier 2026) ; Mayotte : recensement 2017",
  "#licence=Données INSEE, DGCL et La Poste réunies par decoupage-administratif : Licence Ouverte / Open Licence (Etalab) ; code du paquet : MIT",
];
for (const r of [...regions].sort(byCode)) lines.push(`R|${r.code}|${clean(r.nom)}`);
for (const d of [...departements].sort(byCode)) lines.push(`D|${d.code}|${d.region}|${clean(d.nom)}`);
for (const e of [...epcis].sort(byCode)) lines.push(`E|${e.code}|${e.type}|${clean(e.nom)}`);
const sorted = [...communes].sort((a, b) => byCode(a, b) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
for (const c of sorted) {
  if (c.type === "commune-actuelle") {
    lines.push(`C|${c.code}|${c.departement}|${orDash(epciOf.get(c.code))}|${orDash(c.population)}|${list(c.codesPostaux)}|${list(c.anciensCodes)}|${clean(c.nom)}`);
  } else if (c.type === "arrondissement-municipal") {
    lines.push(`A|${c.code}|${c.commune}|${orDash(c.population)}|${list(c.codesPostaux)}|${clean(c.nom)}`);
  }
}
for (const c of sorted) {
  if (c.type === "commune-deleguee" || c.type === "commune-associee") {
    const kind = c.type === "commune-deleguee" ? "D" : "A";
    lines.push(`L|${kind}|${c.code}|${c.departement}|${c.chefLieu}|${clean(c.nom)}`);
  }
}
const text = lines.join("\n") + "\n";

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(out, "utf8");
  } catch {}
  if (committed !== text) {
    console.error(`${out} is stale: run node scripts/communes/generate.mjs and commit the result`);
    process.exit(1);
  }
  console.log(`communes.txt is current (${lines.length} lines, ${text.length} characters)`);
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out} (${lines.length} lines, ${text.length} characters)`);
}
