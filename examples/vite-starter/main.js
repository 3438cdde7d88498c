// The whole starter: the engine created once (vite emits the wasm and the commune table of
// the package and points to them), a territory computed when the form is sent, the answer or
// the engine's French error message shown.
import { Cpts, CptsError } from 'cpts';

const form = document.getElementById('territoire');
const resultat = document.getElementById('resultat');
const cpts = await Cpts.create();
const nombre = new Intl.NumberFormat('fr-FR');

function calculer() {
  const communes = form.elements.communes.value.split(/[\s,;]+/).filter(Boolean);
  try {
    const t = cpts.territory({ communes, on: form.elements.date.value });
    const taille = t.taille === null ? 'sans taille à cette date' : `taille ${t.taille}`;
    resultat.textContent = `${t.communes.length} commune(s), ${nombre.format(t.population)} habitants, ${taille}.`;
    resultat.dataset.population = String(t.population);
  } catch (e) {
    resultat.textContent = e instanceof CptsError ? e.message : String(e);
    delete resultat.dataset.population;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  calculer();
});
calculer();
