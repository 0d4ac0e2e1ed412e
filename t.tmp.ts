import { popupAndWorker, popupBytes } from './scripts/bench/browser-benches.ts';
for (const f of [...popupBytes(), ...(await popupAndWorker('full'))]) console.log(f.group, '|', f.name, '|', f.median.toFixed(2), f.unit, f.meets ?? '', JSON.stringify(f.samples.map(x=>Math.round(x*10)/10)));
