// npm run dashboards: writes every dashboard's JSON next to this folder.
import { writeFile } from 'node:fs/promises';
import { DASHBOARDS, render } from './index.js';

for (const [file, build] of Object.entries(DASHBOARDS)) {
  await writeFile(new URL(`../${file}`, import.meta.url), render(build));
  console.log(`dashboards/${file}`);
}
