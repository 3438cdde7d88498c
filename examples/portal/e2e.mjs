// End-to-end test of the portal example in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core): it types and clicks like a user and checks what the page shows,
// and runs axe-core (WCAG 2.1 A and AA, the RGAA's basis, and its best practices) on the page
// as it is after each step that changes it: no violation. Screenshots go to target/
// (portal.png, portal-error.png, portal-annuaire.png). Run: npm ci --prefix examples/portal --ignore-scripts, then
// node examples/portal/e2e.mjs
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

import { chromium } from '../../cpts-wasm/tools/node_modules/playwright-core/index.mjs';
import { serve } from './serve.mjs';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const failures = [];
let checks = 0;
const check = async (what, f) => {
  checks++;
  try {
    await f();
    console.log(`ok   ${what}`);
  } catch (error) {
    failures.push(what);
    console.log(`FAIL ${what}\n     ${String(error.message).split('\n').join('\n     ')}`);
  }
};

mkdirSync(new URL('../../target/', import.meta.url), { recursive: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}/examples/portal/`);
  const text = (selector) => page.locator(selector).innerText();
  // axe-core on the page as it is: every violation, with the elements it names.
  const accessible = async (when) => {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      });
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
    });
    assert.deepEqual(violations, [], `axe-core, ${when}`);
  };
  // A snake_case id (acces_aux_soins, fixed_advance) shown as text instead of its label.
  const idsShown = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('main td, main th, main p, main li, main caption')]
        .map((e) => e.textContent.trim())
        .filter((t) => /(^|\s)[a-z]+(_[a-z]+)+(\s|$)/.test(t) && !t.includes('jeu de paramètres')),
    );

  await check('the package loads in the browser (wasm and commune table)', async () => {
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Prêt'), null, {
      timeout: 20000,
    });
    assert.match(await text('#status'), /^Prêt : bibliothèque cpts \d+\.\d+\.\d+\.$/);
  });

  await check('the page as loaded passes axe-core, in French, with labels and French dates', async () => {
    await accessible('page loaded');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.deepEqual(await idsShown(), []);
    // The sample contract is signed on 17/01/2022: its first payment, in French.
    assert.equal(await text('#payments tbody tr:first-child td:first-child'), '17/01/2022');
    assert.equal(
      await text('#payments tbody tr[data-kind="fonctionnement_at_signature"] td:nth-child(3)'),
      'fonctionnement, versement à la signature',
    );
  });

  const addCommune = async (typed, name) => {
    await page.fill('#commune-search', typed);
    // The number of communes found is announced (a live region).
    await page.waitForFunction(() => /trouvée/.test(document.querySelector('#search-count').textContent));
    const item = page.locator('#search-results li', { hasText: name }).first();
    await item.waitFor();
    await item.locator('button').click();
  };

  await check('a territory built by searching communes has its population and band', async () => {
    await addCommune('chatou', 'Chatou');
    const totalWithChatou = await text('#total');
    await addCommune('le pecq', 'Le Pecq');
    // Chatou 30 598 + Le Pecq 16 059 = 46 657 inhabitants (INSEE 2023): taille 2 under the
    // 2019 ACI (40 000 to 80 000), in force on the contract's signature date (2022-01-17).
    assert.equal((await text('#population')).replace(/\s/g, ''), '46657');
    assert.equal(await text('#taille'), '2');
    assert.equal(await page.locator('#communes tbody tr').count(), 2);
    // The contract followed the territory, and the page says so: Chatou alone is taille 1
    // (fonctionnement 50 000 € a year under the 2019 ACI), with Le Pecq taille 2 (60 000 €).
    assert.equal(
      await text('#territory-change-text'),
      'population 30\u202f598 → 46\u202f657 habitants ; taille 1 → 2 ; ' +
        'fonctionnement annuel 50\u202f000,00 € → 60\u202f000,00 € ; ' +
        `total ${totalWithChatou} → ${await text('#total')}.`,
    );
    assert.notEqual(totalWithChatou, await text('#total'));
    assert.match(await text('#search-count'), /^\d+ commune\(s\) trouvée\(s\)\.$/);
    await accessible('communes searched and added');
  });

  const firstRow = (kind, mission) =>
    page.locator(`#payments tbody tr[data-kind="${kind}"]${mission ? `[data-mission="${mission}"]` : ''}`).first();
  const amount = async (row) => (await row.locator('td.amount').innerText()).replace(/\s/g, '');

  await check('the schedule follows the band: fonctionnement of taille 2 at signature', async () => {
    // ACI 2019, fonctionnement per band: taille 2 = 60 000 € a year, paid in full at signature.
    assert.equal(await amount(firstRow('fonctionnement_at_signature')), '60000,00€');
  });

  await check('editing an envelope recomputes the schedule', async () => {
    // Fixed advance of « accès aux soins », year 1: 40 000 × 230/365 days × 75 % = 18 904,11 €
    // (started 01/06/2022; the year ends on 16/01/2023).
    await page.fill('input[name="acces_aux_soins.fixed_envelope"]', '40000');
    await page.press('input[name="acces_aux_soins.fixed_envelope"]', 'Tab');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#payments tbody tr[data-kind="fixed_advance"]')].some((r) =>
        r.textContent.includes('18'),
      ),
    );
    assert.equal(await amount(firstRow('fixed_advance', 'acces_aux_soins')), '18904,11€');
  });

  await check('a payment is explained in French', async () => {
    await firstRow('fixed_advance', 'acces_aux_soins').locator('button').click();
    const explanation = await text('#explanation-text');
    assert.match(explanation, /Avance de la part fixe : 18\s904,11\s€/);
    assert.match(explanation, /230 jours du 01\/06\/2022 au 17\/01\/2023/);
    assert.match(explanation, /Taux d'avance : 75\s%/);
  });

  await check('indicator results give the variable part of year 1', async () => {
    // « Accès aux soins », year 1: ALD patients without médecin traitant 132 (tiers, lower is
    // better: ≤ 150 reaches the socle tier, 4 000 €), SAS met (8 000 €), annuaire not met (0),
    // orthophonie met (5 000 €): 17 000 €.
    await page.check('#year1-measured', { force: true });
    await page.fill('input[name="acces_ald"]', '132');
    await page.press('input[name="acces_ald"]', 'Tab');
    await page.check('input[name="acces_sas"]', { force: true });
    await page.check('input[name="acces_orthophonie"]', { force: true });
    for (const id of ['parcours_ville_hopital', 'prevention_sein']) {
      await page.fill(`input[name="${id}"]`, '0');
      await page.press(`input[name="${id}"]`, 'Tab');
    }
    const row = firstRow('variable_part', 'acces_aux_soins');
    await row.waitFor({ timeout: 5000 });
    assert.equal(await amount(row), '17000,00€');
    assert.equal(await page.locator('#error').isHidden(), true);
    await accessible('indicator results entered');
  });

  await check('an engine error is shown, not thrown', async () => {
    await page.fill('input[name="acces_aux_soins.variable_envelope"]', '1000');
    await page.press('input[name="acces_aux_soins.variable_envelope"]', 'Tab');
    // Indicators worth 30 000 € cannot fit a 1 000 € variable envelope.
    await page.locator('#error').waitFor({ state: 'visible' });
    // In French, in the person's words, with the amounts as the French write them.
    assert.match(await text('#error-message'), /^le contrat enfreint 1 règle\(s\) : mission accès aux soins .* : les indicateurs totalisent 30\u202f000,00\u00a0€, plus que l'enveloppe variable de 1\u202f000,00\u00a0€$/);
    // The explanation of a payment of the previous schedule is gone with it.
    assert.equal(await page.locator('#explanation-text').isHidden(), true);
    assert.equal(await page.locator('#payments tbody tr').count(), 0);
    await accessible('an error shown');
    await page.screenshot({ path: new URL('../../target/portal-error.png', import.meta.url).pathname, fullPage: true });
    // Back to a valid envelope: the schedule returns, the error goes.
    await page.fill('input[name="acces_aux_soins.variable_envelope"]', '30000');
    await page.press('input[name="acces_aux_soins.variable_envelope"]', 'Tab');
    await page.locator('#error').waitFor({ state: 'hidden' });
    assert.ok((await page.locator('#payments tbody tr').count()) > 0);
  });

  await check('after a trap of the engine, the package answers on a fresh instance in the browser', async () => {
    const answers = await page.evaluate(async () => {
      const { Cpts, CptsError } = await import('/cpts-wasm/pkg/index.js');
      const cpts = await Cpts.create({ communes: false });
      const trap = Symbol.for('cpts.trapForTests');
      const out = [];
      for (let i = 0; i < 20; i++) {
        try {
          cpts[trap]();
          out.push('no trap');
        } catch (e) {
          out.push(e instanceof CptsError ? e.codeName : String(e));
        }
        out.push(cpts.band({ population: 95000, on: '2026-01-01' }).taille);
      }
      return out;
    });
    assert.deepEqual(answers, Array.from({ length: 20 }, () => ['internal', 3]).flat());
  });

  await check('the « Annuaire » tab shows each viewer what the library decides', async () => {
    await page.click('#tab-annuaire');
    assert.equal(await page.locator('#panel-financement').isHidden(), true);
    const rows = async () =>
      page.locator('#directory tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
      );
    const as = async (index) => {
      await page.selectOption('#viewer', String(index));
      return rows();
    };
    // A visitor on 02/03/2026: the three public names (Camille Fournier's is for members;
    // n° 5 is an applicant, n° 6 resigned), Dr Martin's public practice and availability,
    // no member's phone.
    const visitor = await as(0);
    assert.deepEqual(visitor.map((r) => r[0]), ['Dr Claire Martin', 'Julie Robert, infirmière', 'MSP du Pecq']);
    assert.deepEqual(visitor[0].slice(1, 4), ['Médecin', 'Saint-Germain-en-Laye, 12 rue de Pologne', '']);
    assert.equal(visitor[2][3], '01 39 00 00 03 · accueil@msp-exemple.fr');
    assert.equal(visitor[0][5], 'visiteur');
    await accessible('the directory as a visitor sees it');
    // A member (the MSP): Camille Fournier too, and the members' contacts.
    const member = await as(1);
    assert.deepEqual(member.map((r) => r[0]), [
      'Camille Fournier, psychologue', 'Dr Claire Martin', 'Julie Robert, infirmière', 'MSP du Pecq',
    ]);
    assert.equal(member[0][3], 'c.fournier@exemple.fr');
    assert.equal(member[3][5], 'sa propre fiche');
    // The board sees Dr Martin's personal phone: she is on the board, it is her own entry.
    const board = await as(2);
    assert.equal(board[1][3], '01 39 00 00 01 · cabinet.martin@exemple.fr · 06 00 00 00 01 (personnel)');
    assert.equal(board[0][5], "conseil d'administration");
    // The resigned member and the applicant see what a visitor sees.
    assert.deepEqual(await as(4), visitor);
    assert.deepEqual(await as(5), visitor);
    // A member of the neighbour, under the sharing agreement in force since 01/01/2025: the
    // members' view; on 31/12/2024, a visitor's.
    const partner = await as(6);
    assert.deepEqual(partner.map((r) => r[5]), ['adhérent', 'adhérent', 'adhérent', 'adhérent']);
    await page.fill('#directory-on', '2024-12-31');
    await page.dispatchEvent('#directory-on', 'change');
    assert.deepEqual((await rows()).map((r) => r[5]), ['visiteur', 'visiteur', 'visiteur']);
    // Searching a working group: members find Julie Robert, a visitor does not (the group is
    // for members).
    await page.fill('#directory-on', '2026-03-02');
    await page.dispatchEvent('#directory-on', 'change');
    await page.fill('#directory-text', 'personne agee');
    assert.deepEqual((await as(1)).map((r) => r[0]), ['Julie Robert, infirmière']);
    assert.deepEqual(await as(0), []);
    assert.equal(await text('#directory-status'), 'Aucune fiche à afficher.');
    await page.fill('#directory-text', '');
    await as(1);
    await accessible('the directory as a member sees it');
    await page.screenshot({ path: new URL('../../target/portal-annuaire.png', import.meta.url).pathname, fullPage: true });
    await page.click('#tab-financement');
  });

  await check('no script error in the page', async () => {
    assert.deepEqual(errors, []);
  });

  await page.screenshot({ path: new URL('../../target/portal.png', import.meta.url).pathname, fullPage: true });
} finally {
  await browser.close();
  server.close();
}

console.log(`portal e2e: ${checks} checks, ${failures.length} failed; screenshots target/portal.png, target/portal-error.png, target/portal-annuaire.png`);
process.exit(failures.length === 0 ? 0 : 1);
