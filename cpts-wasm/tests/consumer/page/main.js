// A page as a portal developer writes it: the package imported by name, the engine created
// with its defaults (the wasm and the commune table next to the package's script), one
// funding answer and one territory answer written into the page.
import { Cpts } from 'cpts';

const answer = document.getElementById('answer');
try {
  const cpts = await Cpts.create();
  const band = cpts.band({ population: 95000, on: '2026-01-01' });
  const territory = cpts.territory({ communes: ['78551'], on: '2019-01-01' });
  answer.dataset.taille = String(band.taille);
  answer.dataset.population = String(territory.population);
  answer.textContent = `95 000 habitants : taille ${band.taille} ; Saint-Germain-en-Laye : ${territory.population} habitants`;
} catch (error) {
  answer.dataset.error = String(error?.message ?? error);
  answer.textContent = `Erreur : ${answer.dataset.error}`;
}
