import { chromium } from 'playwright-core';
const [src, out, top, height] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: 360, height: Number(height) } });
await p.setContent(`<body style="margin:0"><img src="data:image/png;base64,${(await import('fs')).readFileSync(src).toString('base64')}" style="display:block;margin-top:-${top}px"></body>`);
await p.screenshot({ path: out });
await b.close();
