// The portal example: what a regional portal builds on the cpts npm package. Every figure on
// the page comes from the package (territory, band, schedule, explanation); this file only
// reads the form and draws tables.
import { Cpts, CptsError } from '/cpts-wasm/pkg/index.js';

const $ = (selector) => document.querySelector(selector);
const euros = (amount) =>
  `${Number(amount).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
const people = (n) => n.toLocaleString('fr-FR');
const element = (tag, text, attributes = {}) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
};

const cpts = await Cpts.create();
const contract = await (await fetch('/examples/c/contract.json')).json();
const territory = new Map(); // code -> commune
let lastSchedule = null;

$('#status').textContent = `prêt — cpts ${Cpts.libraryVersion}`;
$('#on').value = contract.signed_on;

function showError(error) {
  const box = $('#error');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  box.hidden = false;
  $('#total').textContent = '—';
  $('#pending').textContent = '—';
  box.textContent =
    error instanceof CptsError ? `Erreur : ${error.message}` : String(error);
}

// 1. Territory: search, add, remove; population and band from the engine.
$('#commune-search').addEventListener('input', (event) => {
  const list = $('#search-results');
  list.replaceChildren();
  const prefix = event.target.value.trim();
  if (prefix.length < 2) return;
  for (const commune of cpts.lookupCommune({ prefix, limit: 8 }).communes) {
    const item = element('li', `${commune.name} (${commune.departement}) — ${people(commune.population ?? 0)} hab. `);
    const add = element('button', 'Ajouter', { type: 'button', 'data-code': commune.code });
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
    const remove = element('button', 'Retirer', { type: 'button' });
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
  $('#parameter-set').textContent = `(${report.parameter_set}, ${report.population_series})`;
  // The contract states the territory's population and band.
  contract.population = report.population;
  contract.taille = report.taille;
}

// 2. Contract: envelopes per mission, year-1 indicator results.
function drawContract() {
  $('#contract-summary').textContent =
    `${contract.name}, signé le ${contract.signed_on} (${contract.parameter_set}), ` +
    `population ${people(contract.population)}, taille ${contract.taille}.`;
  const missions = $('#missions tbody');
  missions.replaceChildren();
  for (const mission of contract.missions) {
    const row = element('tr', undefined, { 'data-mission': mission.mission });
    row.append(element('td', mission.mission), element('td', mission.start ?? '—'));
    for (const field of ['fixed_envelope', 'variable_envelope']) {
      const input = element('input', undefined, {
        type: 'number', min: '0', step: '0.01', value: mission[field], name: `${mission.mission}.${field}`,
      });
      input.addEventListener('change', () => {
        mission[field] = input.value === '' ? '0' : input.value;
        update();
      });
      const cell = element('td');
      cell.append(input);
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
      row.append(element('td', indicator.label));
      const binary = indicator.rule.kind === 'binary';
      const input = binary
        ? element('input', undefined, { type: 'checkbox', name: indicator.id })
        : element('input', undefined, { type: 'number', step: 'any', name: indicator.id });
      input.addEventListener('change', () => {
        if (binary) results.set(indicator.id, { met: input.checked });
        else if (input.value === '') results.delete(indicator.id);
        else results.set(indicator.id, { value: String(input.value) });
        update();
      });
      if (binary) results.set(indicator.id, { met: false });
      const cell = element('td');
      cell.append(input);
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
    const row = element('tr', undefined, { 'data-kind': payment.kind, 'data-index': String(index) });
    row.append(
      element('td', payment.date),
      element('td', payment.contract_year === null ? '' : String(payment.contract_year)),
      element('td', payment.explanation.label),
      element('td', payment.mission ?? ''),
      element('td', euros(payment.amount), { class: 'amount' }),
    );
    const explain = element('button', 'Expliquer', { type: 'button' });
    explain.addEventListener('click', () => {
      $('#explanation').textContent = cpts.renderExplanation({ explanation: payment.explanation }).text_fr;
    });
    const cell = element('td');
    cell.append(explain);
    row.append(cell);
    body.append(row);
  });
  $('#total').textContent = euros(lastSchedule.total);
  $('#pending').textContent = String(lastSchedule.pending.length);
}

function update() {
  try {
    drawTerritory();
    drawContract();
    drawSchedule();
    showError(null);
  } catch (error) {
    showError(error);
  }
}

drawResults();
update();
