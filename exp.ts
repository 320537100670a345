import { readFileSync } from 'node:fs';
import { createWorker, OEM, PSM } from 'tesseract.js';
import { prepareForOcr } from './lambdas/src/adapters/label-image.ts';
import { defaultLangPath } from './lambdas/src/adapters/tesseract-reader.ts';
import { loadLibraryFile } from './lambdas/src/library/library-file.ts';
const truth = JSON.parse(readFileSync('bench/.labels/truth.json', 'utf8')) as { file: string; style: string; ingredients: string[]; printed?: string[] }[];
const lib = (await loadLibraryFile()).ingredients;
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath: defaultLangPath(), gzip: true, cacheMethod: 'none', errorHandler: () => {} });
const psm = (process.env.PSM ?? '6') as PSM;
await worker.setParameters({ tessedit_pageseg_mode: psm, preserve_interword_spaces: '1', user_defined_dpi: '300' });
const variants = JSON.parse(process.env.VARIANTS ?? '[{"targetLineHeight":40,"median":0}]');
const styles = (process.env.STYLES ?? 'hard,photo').split(',');
for (const v of variants) {
  for (const style of styles) {
    let found = 0, total = 0, ms = 0, heading = 0, n = 0;
    for (const t of truth.filter((x) => x.style === style).slice(0, Number(process.env.N ?? 99))) {
      const bytes = readFileSync(`bench/.labels/${t.file}`);
      const t0 = performance.now();
      const p = await prepareForOcr(bytes, v);
      const { data } = await worker.recognize(p.png);
      ms += performance.now() - t0; n++;
      const text = norm(data.text);
      if (/ingredients|materials|composition|contains/.test(text)) heading++;
      for (const name of t.ingredients) {
        total++;
        const e = lib.find((x) => x.name === name)!;
        if ([e.name, ...e.aliases].some((a) => text.includes(norm(a)))) found++;
      }
    }
    console.log(JSON.stringify(v), style, 'psm', psm, 'found', (found / total).toFixed(3), 'heading', `${heading}/${n}`, 'ms/img', (ms / n).toFixed(0));
  }
}
await worker.terminate();
