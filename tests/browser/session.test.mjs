// session.test.mjs: a calibration session in a real browser (docs/sessions.md).
//
//   node session.test.mjs --url URL --cycle C --session S --person ID
//       --a USER:PASSWORD --b USER:PASSWORD --hr USER:PASSWORD [--shots DIR] [--record no]
//
// Two committee members (a, b) open the session page in two browser
// contexts; a records an outcome for the person with the page's form; b sees
// it appear within two seconds without reloading; b's form, loaded before,
// is refused as stale (409, with the current value); hr locks the session
// and a sees the lock without reloading; a change after the lock is refused.
// Every page without console errors (a CSP violation is one), one h1,
// labelled controls, no inline script. Every line it prints is
// deterministic; the first failed assertion prints "FAIL: ..." and exits 1.
// --record no only takes the screenshots (for a demonstration database).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, checked, facts, ok, shot, launch, finish, run } from './lib.mjs';

function args() {
	const a = { record: 'yes' };
	const argv = process.argv.slice(2);
	const keys = ['url', 'shots', 'cycle', 'session', 'person', 'a', 'b', 'hr', 'record'];
	for (let i = 0; i < argv.length; i += 2) {
		const key = argv[i].replace(/^--/, '');
		if (!keys.includes(key) || argv[i + 1] === undefined) {
			process.stderr.write('usage: node session.test.mjs --url URL --cycle C --session S '
			    + '--person ID --a USER:PW --b USER:PW --hr USER:PW [--shots DIR]\n');
			process.exit(2);
		}
		a[key] = key === 'shots' ? path.resolve(argv[i + 1]) : argv[i + 1];
	}
	for (const k of ['url', 'cycle', 'session', 'person', 'a', 'b', 'hr'])
		if (!a[k]) {
			process.stderr.write(`session.test.mjs: --${k} is needed\n`);
			process.exit(2);
		}
	return a;
}

function watch(page, problems, base) {
	// A refused form answers 409 on purpose; Chromium logs every such document.
	page.on('console', (msg) => {
		if (msg.type() === 'error' && !msg.text().includes('status of 409'))
			problems.push(`console error on ${page.url()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
	page.on('request', (req) => {
		if (!req.url().startsWith(base))
			problems.push(`request elsewhere: ${req.url()}`);
	});
}

async function signedIn(browser, opt, who, problems) {
	const [user, password] = who.split(':');
	const context = await browser.createBrowserContext();
	const page = await context.newPage();
	watch(page, problems, opt.url);
	await page.setViewport({ width: 1366, height: 768 });
	await page.goto(opt.url + '/login');
	await page.type('#user', user);
	await page.type('#password', password);
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
	assert(!page.url().endsWith('/login'), `${user} could not sign in`);
	return page;
}

// The outcome cell of the person on a page, as the page shows it now.
async function outcomeOf(page, person) {
	return page.$eval(`td[data-outcome="${person}"]`, (td) => td.textContent);
}

async function main() {
	const opt = args();
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'egf-chromium-'));
	const problems = [];
	const where = `/sessions/${opt.cycle}/${opt.session}`;
	const drawer = `details#p-${opt.person}`;
	let browser = null;

	if (opt.shots)
		fs.mkdirSync(opt.shots, { recursive: true });
	try {
		browser = await launch(profile);
		const a = await signedIn(browser, opt, opt.a, problems);
		const b = await signedIn(browser, opt, opt.b, problems);
		await a.goto(opt.url + where);
		await b.goto(opt.url + where);
		let f = await checked(a, 'the session page');
		assert(f.text.includes('Mean manager rating per competency'), 'no side-by-side table');
		assert(f.text.includes('Before and after'), 'no before-and-after distribution');
		await checked(b, 'the session page for b');
		ok('both members see the session page: side by side, readiness, before and after');
		await shot(opt, a, 'session.png');
		await a.click(`${drawer} > summary`);
		assert(await a.$eval(drawer, (d) => d.open), 'the drawer does not open');
		ok('the person\'s drawer opens (details and summary, no script needed)');
		await shot(opt, a, 'session-drawer.png');
		if (opt.record === 'no') {
			assert(problems.length === 0, 'problems:\n' + problems.join('\n'));
			ok('screenshots written');
			return;
		}

		await b.evaluate(() => { window.egfNotReloaded = true; });
		const before = await outcomeOf(b, opt.person);
		await a.select(`#o-${opt.person}`, 'hold');
		await a.$eval(`#t-${opt.person}`, (e) => { e.value = ''; });
		await a.type(`#r-${opt.person}`, 'Recorded in the browser test');
		await Promise.all([a.waitForNavigation(),
		    a.click(`${drawer} form.record button[type="submit"]`)]);
		assert(await outcomeOf(a, opt.person) === 'hold', 'a does not see the outcome recorded');
		ok('a records an outcome with the form');
		const t0 = Date.now();
		await b.waitForFunction((p) => document.querySelector(`td[data-outcome="${p}"]`)
		    .textContent === 'hold', { timeout: 2000, polling: 50 }, opt.person);
		assert(Date.now() - t0 <= 2000, 'b saw the change too late');
		assert(await b.evaluate(() => window.egfNotReloaded === true), 'b\'s page was reloaded');
		assert(before !== 'hold', 'the outcome was hold before');
		ok('b sees it within 2 seconds without reloading');
		await shot(opt, b, 'session-live.png');

		await b.click(`${drawer} > summary`);
		await b.select(`#o-${opt.person}`, 'defer');
		await b.type(`#r-${opt.person}`, 'A later change from a stale page');
		const [stale] = await Promise.all([b.waitForNavigation(),
		    b.click(`${drawer} form.record button[type="submit"]`)]);
		f = await checked(b, 'the stale answer');
		assert(stale.status() === 409, `a stale form answered ${stale.status()}`);
		assert(f.text.includes('The outcome now: hold'), 'the stale answer lacks the current value');
		ok('b\'s form from before is refused as stale (409) with the current value');

		const hr = await signedIn(browser, opt, opt.hr, problems);
		await hr.goto(opt.url + where);
		await Promise.all([hr.waitForNavigation(), hr.click('form.lock button')]);
		await a.waitForFunction(() => document.getElementById('status').textContent
		    .startsWith('Locked'), { timeout: 2000, polling: 50 });
		assert(await a.$eval('form.record', (e) => getComputedStyle(e).display) === 'none',
		    'the forms are still shown after the lock');
		ok('hr locks the session; a sees the lock without reloading');
		const [locked] = await Promise.all([a.waitForNavigation(),
		    a.$eval('form.record', (form) => form.submit())]);
		f = await checked(a, 'a change after the lock');
		assert(locked.status() === 409 && f.text.includes('locked'),
		    `a change after the lock answered ${locked.status()}`);
		ok('a change after the lock is refused (409)');
		await a.goto(opt.url + where);
		await shot(opt, a, 'session-locked.png');

		assert(problems.length === 0, 'problems:\n' + problems.join('\n'));
		ok('no console errors, no requests elsewhere');
		if (opt.shots)
			ok('screenshots written: session.png session-drawer.png session-live.png '
			    + 'session-locked.png');
	} finally {
		await finish(browser, profile);
	}
}

run(main);
