// serve.test.mjs: egf serve in a real browser (docs/serve.md, "Tests").
//
//   node serve.test.mjs --url http://127.0.0.1:PORT [--shots DIR]
//
// Against a running egf serve over the organisation of tests/serve/lib.sh:
// signs in with the form (keyboard only), reads the ladder, sees "me", signs
// out, and as a manager sees the team; every page without console errors
// (a Content-Security-Policy violation is one), with one h1 and labelled
// controls. Every line it prints is deterministic; the first failed
// assertion prints "FAIL: ..." on stderr and exits 1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, ok, shot, launch, finish, run } from './lib.mjs';

function args() {
	const a = {};
	const argv = process.argv.slice(2);
	for (let i = 0; i < argv.length; i += 2) {
		const key = argv[i].replace(/^--/, '');
		if (!['url', 'shots'].includes(key) || argv[i + 1] === undefined) {
			process.stderr.write('usage: node serve.test.mjs --url URL [--shots DIR]\n');
			process.exit(2);
		}
		a[key] = key === 'shots' ? path.resolve(argv[i + 1]) : argv[i + 1];
	}
	if (!a.url) {
		process.stderr.write('usage: node serve.test.mjs --url URL [--shots DIR]\n');
		process.exit(2);
	}
	return a;
}

function watch(page, problems, base) {
	// A failed sign-in answers 401 on purpose; Chromium logs every such document.
	page.on('console', (msg) => {
		if (msg.type() === 'error' && !(msg.text().includes('status of 401') &&
		    page.url().endsWith('/login')))
			problems.push(`console error on ${page.url()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
	page.on('request', (req) => {
		if (!req.url().startsWith(base))
			problems.push(`request elsewhere: ${req.url()}`);
	});
}

async function facts(page) {
	return page.evaluate(() => ({
		path: location.pathname,
		h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
		text: document.body.innerText,
		inlineScripts: [...document.scripts].filter((s) => !s.src &&
		    s.type !== 'application/json').length,
		unlabelled: [...document.querySelectorAll('input, select, textarea')]
		    .filter((c) => c.type !== 'hidden' && c.labels.length === 0 &&
		    !c.getAttribute('aria-label')).length,
	}));
}

async function checked(page, what) {
	const f = await facts(page);
	assert(f.h1.length === 1, `${what} (${f.path}): ${f.h1.length} h1 elements`);
	assert(f.inlineScripts === 0, `${what}: an inline script`);
	assert(f.unlabelled === 0, `${what}: controls without a label`);
	return f;
}

async function signIn(page, user, password) {
	await page.focus('#user');
	await page.keyboard.type(user);
	await page.keyboard.press('Tab');
	await page.keyboard.type(password);
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

async function signOut(page) {
	await Promise.all([page.waitForNavigation(), page.click('form.signout button')]);
}

async function main() {
	const opt = args();
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'egf-chromium-'));
	const problems = [];
	let browser = null;

	if (opt.shots)
		fs.mkdirSync(opt.shots, { recursive: true });
	try {
		browser = await launch(profile);
		const page = await browser.newPage();
		watch(page, problems, opt.url);
		await page.setViewport({ width: 1024, height: 800 });

		await page.goto(opt.url + '/');
		let f = await checked(page, 'the start page');
		assert(f.path === '/login' && f.h1[0] === 'Sign in', `/ went to ${f.path} (${f.h1})`);
		ok('signed out, / leads to the sign-in page');
		await shot(opt, page, 'login.png');

		await signIn(page, 'ana', 'wrong-password');
		f = await checked(page, 'a failed sign-in');
		assert(f.text.includes('Wrong user or password'), 'no message after a wrong password');
		ok('a wrong password is refused with a message');

		await page.$eval('#user', (e) => { e.value = ''; });
		await signIn(page, 'ana', 'pw-ana-12345');
		f = await checked(page, 'me');
		assert(f.path === '/me', `signed in, landed on ${f.path}`);
		assert(f.h1[0] === 'Ana Dev', `me: h1 is ${f.h1[0]}`);
		for (const want of ['Junior', 'Developer', 'Your next level: Developer', 'Cycle 2026-H1',
		    'Writes tested code.', 'Exceeds'])
			assert(f.text.includes(want), `me does not show '${want}'`);
		assert(!f.text.includes('PRIVATE-NOTE'), 'me shows a private note');
		const mgr = await page.$$eval('table.assessment tbody tr td:nth-child(3)',
		    (tds) => tds.map((td) => td.textContent));
		assert(mgr.length > 0 && mgr.every((t) => t === '—'),
		    `ana sees manager ratings before release: ${mgr}`);
		ok('me: level Junior, the next level and what it asks, her self-assessment without '
		    + 'the unreleased manager ratings');
		await shot(opt, page, 'me.png');

		await Promise.all([page.waitForNavigation(), page.click('nav a[href="/ladder/index.html"]')]);
		f = await checked(page, 'the ladder');
		assert(f.path === '/ladder/index.html', `the Ladder link went to ${f.path}`);
		await page.goto(opt.url + '/ladder/levels/D2.html');
		f = await checked(page, 'level D2');
		assert(f.text.includes('Writes tested code.'), 'level D2 lacks its expectations');
		ok('the ladder: overview and level pages from the published model');
		await shot(opt, page, 'ladder-D2.png');
		await page.goto(opt.url + '/ladder/assess.html');
		await checked(page, 'the self-assessment page');
		ok('the self-assessment page loads its script under the Content-Security-Policy');

		await page.goto(opt.url + '/me');
		await signOut(page);
		f = await facts(page);
		assert(f.path === '/login', `signing out went to ${f.path}`);
		await page.goto(opt.url + '/me');
		f = await facts(page);
		assert(f.path === '/login', `after signing out /me is ${f.path}`);
		ok('signed out: /me leads to the sign-in page again');

		await signIn(page, 'mia', 'pw-mia-12345');
		await Promise.all([page.waitForNavigation(), page.click('nav a[href="/team"]')]);
		f = await checked(page, 'my team');
		for (const want of ['Ana Dev', 'Bo Peer', 'Cy Senior', 'borderline'])
			assert(f.text.includes(want), `my team does not show '${want}'`);
		ok('my team: mia sees her three reports and ana\'s readiness');
		await shot(opt, page, 'team.png');
		await page.setViewport({ width: 390, height: 800 });
		await page.goto(opt.url + '/me');
		await shot(opt, page, 'me-phone.png');
		await signOut(page);

		assert(problems.length === 0, 'problems:\n' + problems.join('\n'));
		ok('no console errors, no requests elsewhere');
		if (opt.shots)
			ok('screenshots written: login.png me.png ladder-D2.png team.png me-phone.png');
	} finally {
		await finish(browser, profile);
	}
}

run(main);
