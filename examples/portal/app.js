// The portal example: what a regional portal builds on the cpts npm package, on the État's
// design system (DSFR). Every figure on the page comes from the package (territory, band,
// schedule, explanation, labels); this file only reads the form and draws tables. Every
// control has a label, results and errors are announced (live regions), ids are shown by
// their French label and dates as the French write them.
import { Cpts, CptsError } from '/cpts-wasm/pkg/index.js';

const $ = (selector) => document.querySelector(selector);
const euros = (amount) =>
  `${Number(amount).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
const people = (n) => n.toLocaleString('fr-FR');
// 2022-01-17 → 17/01/2022 (the engine's dates are calendar dates: no time zone involved).
const dateFr = (iso) => (iso ? iso.split('-').reverse().join('/') : '—');
const element = (tag, text, attributes = {}) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
};
/** A button whose accessible name says what it acts on (« Ajouter Chatou »). */
const button = (visible, hidden, attributes = {}) => {
  const b = element('button', visible, { type: 'button', ...attributes });
  b.append(element('span', ` ${hidden}`, { class: 'fr-sr-only' }));
  return b;
};

const cpts = await Cpts.create();
const contract = await (await fetch('/examples/c/contract.json')).json();
// The French label of every id a result names, in one call.
const labels = cpts.labels();
const label = (list, id) => labels[list].find((l) => l.id === id)?.label ?? id;
const territory = new Map(); // code -> commune
let lastSchedule = null;
let lastSummary = null; // what the contract said before the territory changed

$('#status').textContent = `Prêt : bibliothèque cpts ${Cpts.libraryVersion}.`;
$('#on').value = contract.signed_on;

function showError(error) {
  const box = $('#error');
  if (!error) {
    box.hidden = true;
    $('#error-message').textContent = '';
    return;
  }
  box.hidden = false;
  $('#total').textContent = '—';
  $('#pending').textContent = '—';
  $('#payments tbody').replaceChildren();
  // The explanation of a payment of the previous schedule no longer holds.
  showExplanation(null);
  $('#error-message').textContent = error instanceof CptsError ? error.message : String(error);
}

function showExplanation(text) {
  $('#explanation-hint').hidden = text !== null;
  $('#explanation-text').hidden = text === null;
  $('#explanation-text').textContent = text ?? '';
}

// 1. Territory: search, add, remove; population and band from the engine.
$('#commune-search').addEventListener('input', (event) => {
  const list = $('#search-results');
  list.replaceChildren();
  const prefix = event.target.value.trim();
  if (prefix.length < 2) {
    $('#search-count').textContent = '';
    return;
  }
  const found = cpts.lookupCommune({ prefix, limit: 8 }).communes;
  $('#search-count').textContent =
    found.length === 0 ? 'Aucune commune trouvée.' : `${found.length} commune(s) trouvée(s).`;
  for (const commune of found) {
    const item = element('li');
    const add = button(
      `${commune.name} (${commune.departement}), ${people(commune.population ?? 0)} hab.`,
      `: ajouter au territoire`,
      { class: 'fr-btn fr-btn--secondary fr-btn--sm', 'data-code': commune.code },
    );
    add.addEventListener('click', () => {
      territory.set(commune.code, commune);
      update();
    });
    item.append(add);
    list.append(item);
  }
});
$('#on').addEventListener('change', update);

function drawTerritory() {
  const body = $('#communes tbody');
  body.replaceChildren();
  for (const commune of territory.values()) {
    const row = element('tr');
    row.append(element('td', commune.code), element('td', commune.name));
    row.append(element('td', people(commune.population ?? 0), { class: 'amount' }));
    const remove = button('Retirer', commune.name, { class: 'fr-btn fr-btn--tertiary fr-btn--sm' });
    remove.addEventListener('click', () => {
      territory.delete(commune.code);
      update();
    });
    const cell = element('td');
    cell.append(remove);
    row.append(cell);
    body.append(row);
  }
  if (territory.size === 0) {
    $('#population').textContent = '—';
    $('#taille').textContent = '—';
    $('#parameter-set').textContent = '';
    return;
  }
  const report = cpts.territory({ communes: [...territory.keys()], on: $('#on').value });
  $('#population').textContent = people(report.population);
  $('#taille').textContent = String(report.taille);
  $('#parameter-set').textContent = `(jeu de paramètres ${report.parameter_set}, ${report.population_series})`;
  // The contract states the territory's population and band.
  contract.population = report.population;
  contract.taille = report.taille;
}

// 2. Contract: envelopes per mission, year-1 indicator results.
function drawContract() {
  $('#contract-summary').textContent =
    `${contract.name}, signé le ${dateFr(contract.signed_on)} (jeu de paramètres ${contract.parameter_set}), ` +
    `population ${people(contract.population)} habitants, taille ${contract.taille}.`;
  const missions = $('#missions tbody');
  missions.replaceChildren();
  for (const mission of contract.missions) {
    const name = label('missions', mission.mission);
    const row = element('tr', undefined, { 'data-mission': mission.mission });
    row.append(element('td', name), element('td', dateFr(mission.start)));
    for (const [field, what] of [['fixed_envelope', 'Part fixe annuelle'], ['variable_envelope', 'Part variable annuelle']]) {
      const id = `${mission.mission}-${field}`;
      const input = element('input', undefined, {
        class: 'fr-input', id, type: 'number', min: '0', step: '0.01', inputmode: 'decimal',
        value: mission[field], name: `${mission.mission}.${field}`,
      });
      input.addEventListener('change', () => {
        mission[field] = input.value === '' ? '0' : input.value;
        update();
      });
      const cell = element('td');
      cell.append(element('label', `${what} en euros, ${name}`, { class: 'fr-label fr-sr-only', for: id }), input);
      row.append(cell);
    }
    missions.append(row);
  }
}

const results = new Map(); // indicator id -> measure
function drawResults() {
  const body = $('#results tbody');
  body.replaceChildren();
  for (const mission of contract.missions) {
    for (const indicator of mission.indicators) {
      const row = element('tr');
      const id = `indicateur-${indicator.id}`;
      row.append(element('td', indicator.label, { id: `${id}-label` }));
      const binary = indicator.rule.kind === 'binary';
      const cell = element('td');
      let input;
      if (binary) {
        const group = element('div', undefined, { class: 'fr-checkbox-group fr-checkbox-group--sm' });
        input = element('input', undefined, { type: 'checkbox', id, name: indicator.id });
        group.append(input, element('label', 'Objectif atteint', { class: 'fr-label', for: id, 'aria-describedby': `${id}-label` }));
        cell.append(group);
        results.set(indicator.id, { met: false });
      } else {
        input = element('input', undefined, {
          class: 'fr-input', type: 'number', step: 'any', id, name: indicator.id, 'aria-labelledby': `${id}-label`,
        });
        cell.append(input);
      }
      input.addEventListener('change', () => {
        if (binary) results.set(indicator.id, { met: input.checked });
        else if (input.value === '') results.delete(indicator.id);
        else results.set(indicator.id, { value: String(input.value) });
        update();
      });
      row.append(cell);
      body.append(row);
    }
  }
}
$('#year1-measured').addEventListener('change', update);

function yearResults() {
  if (!$('#year1-measured').checked) return [];
  // The engine wants a result for each indicator of the missions started by the end of the
  // year, and no other: the year's last day comes from the engine.
  const check = cpts.validateContract({ contract });
  if (!check.valid) return [];
  const lastDay = check.years[0].last_day;
  const started = contract.missions.filter((m) => m.start && m.start <= lastDay);
  return [{
    year: 1,
    indicators: started.flatMap((m) =>
      m.indicators
        .filter((i) => results.has(i.id))
        .map((i) => ({ indicator: i.id, measure: results.get(i.id) })),
    ),
  }];
}

// 3. Schedule, and 4. the explanation of a payment.
function drawSchedule() {
  const body = $('#payments tbody');
  body.replaceChildren();
  lastSchedule = cpts.paymentSchedule({ contract, results: yearResults() });
  lastSchedule.payments.forEach((payment, index) => {
    const row = element('tr', undefined, {
      'data-kind': payment.kind, 'data-mission': payment.mission ?? '', 'data-index': String(index),
    });
    const what = label('payment_kinds', payment.kind);
    const mission = payment.mission === null ? '' : label('missions', payment.mission);
    row.append(
      element('td', dateFr(payment.date)),
      element('td', payment.contract_year === null ? '' : String(payment.contract_year)),
      element('td', what),
      element('td', mission),
      element('td', euros(payment.amount), { class: 'amount' }),
    );
    const explain = button('Expliquer', `: ${what}${mission ? `, ${mission}` : ''}, ${dateFr(payment.date)}`, {
      class: 'fr-btn fr-btn--tertiary-no-outline fr-btn--sm',
    });
    explain.addEventListener('click', () => {
      showExplanation(cpts.renderExplanation({ explanation: payment.explanation }).text_fr);
    });
    const cell = element('td');
    cell.append(explain);
    row.append(cell);
    body.append(row);
  });
  $('#total').textContent = euros(lastSchedule.total);
  $('#pending').textContent = String(lastSchedule.pending.length);
}

/** What the contract says that a change of territory moves: population, band, fonctionnement, total. */
function summary() {
  const fonctionnement = lastSchedule?.payments.find((p) => p.kind === 'fonctionnement_at_signature');
  return {
    population: contract.population,
    taille: contract.taille,
    fonctionnement: fonctionnement?.amount ?? null,
    total: lastSchedule?.total ?? null,
  };
}

/** Says what a change of territory did to the sample contract (it is never silent). */
function announceChange(before, after) {
  if (before === null || (before.population === after.population && before.taille === after.taille)) return;
  const parts = [
    `population ${people(before.population)} → ${people(after.population)} habitants`,
    `taille ${before.taille} → ${after.taille}`,
  ];
  if (before.fonctionnement !== null && after.fonctionnement !== null) {
    parts.push(`fonctionnement annuel ${euros(before.fonctionnement)} → ${euros(after.fonctionnement)}`);
  }
  if (before.total !== null && after.total !== null) {
    parts.push(`total ${euros(before.total)} → ${euros(after.total)}`);
  }
  $('#territory-change').hidden = false;
  $('#territory-change-text').textContent = `${parts.join(' ; ')}.`;
}

function update() {
  try {
    drawTerritory();
    drawContract();
    drawSchedule();
    showError(null);
    const now = summary();
    announceChange(lastSummary, now);
    lastSummary = now;
  } catch (error) {
    showError(error);
  }
}

drawResults();
update();

// Tabs: « Territoire et financement » and « Annuaire » (arrows move between them, as the
// WAI-ARIA tabs pattern says).
const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(tab) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    t.classList.toggle('fr-btn--secondary', !selected);
    document.getElementById(t.getAttribute('aria-controls')).hidden = !selected;
  }
}
for (const [i, tab] of tabs.entries()) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(i + step + tabs.length) % tabs.length];
    next.focus();
    selectTab(next);
  });
}

// 5. The members' directory: the sample CPTS of Saint-Germain-en-Laye and Marly, its
// directory, and a neighbouring CPTS that shares it by agreement from 01/01/2025. The page
// only says who is logged in; what each person sees is the library's decision.
const annuaire = await (await fetch('/examples/c/annuaire.json')).json();
const sample = annuaire.cpts[0].id;
const viewers = [
  ['Visiteur (non connecté)', { viewer: 'anonymous' }],
  ['Adhérente : MSP du Pecq (n° 3)', { viewer: 'member', cpts: sample, member: 3 }],
  ["Conseil d'administration : Dr Claire Martin (n° 1)", { viewer: 'member', cpts: sample, member: 1 }],
  ['Sa propre fiche : Julie Robert (n° 2)', { viewer: 'member', cpts: sample, member: 2 }],
  ['Ancien adhérent : Dr Jean Lambert (n° 6, parti le 01/07/2024)', { viewer: 'member', cpts: sample, member: 6 }],
  ['Candidat en attente : Yanis Girard (n° 5)', { viewer: 'member', cpts: sample, member: 5 }],
  ['Adhérent de la CPTS voisine, liée par une convention de partage', { viewer: 'member', cpts: 'cpts-voisine', member: 3 }],
];
for (const [i, [name]] of viewers.entries()) $('#viewer').append(element('option', name, { value: String(i) }));
$('#directory-on').value = '2026-03-02';
const seenAs = {
  anonymous: 'visiteur',
  member: 'adhérent',
  board: "conseil d'administration",
  own: 'sa propre fiche',
};

function drawDirectory() {
  const body = $('#directory tbody');
  body.replaceChildren();
  const text = $('#directory-text').value.trim();
  let answer;
  try {
    answer = cpts.directoryQuery({
      cpts: annuaire.cpts,
      directory: annuaire.directory,
      viewer: viewers[Number($('#viewer').value)][1],
      on: $('#directory-on').value,
      query: text ? { text } : {},
    });
  } catch (error) {
    $('#directory-status').textContent = error instanceof CptsError ? error.message : String(error);
    return;
  }
  $('#directory-status').textContent =
    answer.entries.length === 0 ? 'Aucune fiche à afficher.' : `${answer.entries.length} fiche(s) visible(s).`;
  for (const entry of answer.entries) {
    const row = element('tr');
    const contacts = [entry.professional_contacts, entry.personal_contacts]
      .filter(Boolean)
      .flatMap((c, i) => [c.phone, c.email].filter(Boolean).map((v) => (i === 1 ? `${v} (personnel)` : v)));
    const commune = entry.practice
      ? cpts.lookupCommune({ code: entry.practice.commune }).communes[0]?.name ?? entry.practice.commune
      : '';
    const doing = [
      ...(entry.missions ?? []).map((m) => m.label),
      ...(entry.availability ?? []).map((a) => `disponible : ${a.label}`),
      ...(entry.working_groups ?? []).map((g) => `groupe « ${g} »`),
    ];
    row.append(
      element('td', entry.name),
      element('td', entry.activity?.label ?? ''),
      element('td', [commune, entry.practice?.address].filter(Boolean).join(', ')),
      element('td', contacts.join(' · ')),
      element('td', doing.join(' ; ')),
      element('td', seenAs[entry.seen_as]),
    );
    body.append(row);
  }
}
for (const control of ['#viewer', '#directory-on']) $(control).addEventListener('change', drawDirectory);
$('#directory-text').addEventListener('input', drawDirectory);
drawDirectory();
