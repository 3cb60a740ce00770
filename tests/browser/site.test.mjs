// site.test.mjs: the egf site in a real browser (docs/site.md, "Browser tests").
//
//   node site.test.mjs --egf BIN --ladder DIR --people FILE.csv --work DIR [--shots DIR]
//
// Builds the site of a hand-written ladder with `egf site`, opens every page
// from file:// in headless Chromium (/usr/bin/chromium, or $CHROMIUM)
// through puppeteer-core, fills in the self-assessment page with the
// keyboard only, reloads it to check the draft, downloads the form and
// imports it with egf into a fresh database. Every line it prints is
// deterministic, so that tests/golden/site/browser can compare them; the
// first failed assertion prints "FAIL: ..." on stderr and exits 1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Failure, assert, ok, launch, finish, run } from './lib.mjs';

const XSS = '<img src=x onerror=alert(1)>';
const PERSON = 'ana', NAME = 'Ana Lee', CYCLE = '2026-H2';

function args() {
	const a = { shots: null };
	const argv = process.argv.slice(2);
	for (let i = 0; i < argv.length; i += 2) {
		const key = argv[i].replace(/^--/, '');
		if (!['egf', 'ladder', 'people', 'work', 'shots'].includes(key) || argv[i + 1] === undefined)
			usage();
		a[key] = path.resolve(argv[i + 1]);
	}
	if (!a.egf || !a.ladder || !a.people || !a.work)
		usage();
	return a;
}

function usage() {
	process.stderr.write('usage: node site.test.mjs --egf BIN --ladder DIR --people FILE.csv ' +
	    '--work DIR [--shots DIR]\n');
	process.exit(2);
}

// Runs egf in dir; returns its stdout, failing on a non-zero exit.
function egf(opt, dir, ...argv) {
	const r = spawnSync(opt.egf, argv, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	assert(!r.error, `egf ${argv.join(' ')}: ${r.error && r.error.message}`);
	assert(r.status === 0, `egf ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
	return r.stdout;
}

function sqlite(db, sql) {
	const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
	assert(!r.error && r.status === 0, `sqlite3 failed: ${r.error ? r.error.message : r.stderr}`);
	return r.stdout;
}

// Every page of the site, relative to its root, sorted.
function pages(root) {
	const out = [];
	const walk = (dir) => {
		for (const name of fs.readdirSync(path.join(root, dir)).sort()) {
			const rel = dir ? dir + '/' + name : name;
			if (fs.statSync(path.join(root, rel)).isDirectory())
				walk(rel);
			else if (rel.endsWith('.html'))
				out.push(rel);
		}
	};
	walk('');
	return out;
}

// Watches a page for console errors, uncaught exceptions, dialogs, failed
// requests and any request that does not stay on file://.
function watch(page, problems) {
	page.on('console', (msg) => {
		if (msg.type() === 'error')
			problems.push(`console error on ${page.url()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
	page.on('dialog', async (dialog) => {
		problems.push(`dialog (${dialog.type()}) on ${page.url()}: ${dialog.message()}`);
		await dialog.dismiss();
	});
	page.on('requestfailed', (req) =>
	    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
	page.on('request', (req) => {
		if (!req.url().startsWith('file:'))
			problems.push(`request that is not file://: ${req.url()}`);
	});
}

// The checks every page passes: structure, labels, links, the escaped title.
async function checkPage(page, root, rel) {
	const facts = await page.evaluate((xss) => {
		const unlabelled = [...document.querySelectorAll('input, select, textarea')]
		    .filter((c) => c.type !== 'hidden' && c.labels.length === 0 && !c.getAttribute('aria-label'))
		    .map((c) => c.id || c.name);
		const headerless = [...document.querySelectorAll('th')].filter((th) =>
		    !th.getAttribute('scope')).length;
		return {
			lang: document.documentElement.lang,
			title: document.title,
			h1: document.querySelectorAll('h1').length,
			imgs: document.querySelectorAll('img').length,
			scripts: [...document.scripts].map((s) => s.src ? 'src' : s.type).join(','),
			links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
			xssText: document.body.textContent.includes(xss),
			unlabelled,
			headerless,
			ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
		};
	}, XSS);
	assert(facts.lang === 'en', `${rel}: lang is '${facts.lang}'`);
	assert(facts.title.length > 0, `${rel}: no title`);
	assert(facts.h1 === 1, `${rel}: ${facts.h1} h1 elements`);
	assert(facts.imgs === 0, `${rel}: has an img element`);
	assert(facts.unlabelled.length === 0, `${rel}: controls without a label: ${facts.unlabelled}`);
	assert(facts.headerless === 0, `${rel}: th without scope`);
	assert(new Set(facts.ids).size === facts.ids.length, `${rel}: duplicate ids`);
	for (const href of facts.links) {
		const url = new URL(href);
		assert(url.protocol === 'file:', `${rel}: link to ${href}`);
		const file = fileURLToPath(url);
		assert(fs.existsSync(file), `${rel}: broken link ${href}`);
		if (url.hash) {
			const id = decodeURIComponent(url.hash.slice(1));
			assert(fs.readFileSync(file, 'utf8').includes(`id="${id}"`), `${rel}: no anchor ${href}`);
		}
	}
	return facts;
}

async function tabTo(page, id, limit = 60) {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate(() => document.activeElement && document.activeElement.id) === id)
			return;
	}
	throw new Failure(`Tab never reached #${id}`);
}

async function tabToRadioGroup(page, name, limit = 20) {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate(() => document.activeElement && document.activeElement.name) === name)
			return;
	}
	throw new Failure(`Tab never reached the ratings ${name}`);
}

const summary = (page) => page.$eval('#readiness-summary', (e) => e.textContent);
const requiredList = (page) => page.$$eval('#readiness-required li', (l) => l.map((e) => e.textContent));
const activeValue = (page) => page.evaluate(() => document.activeElement.value);

// The radio of expectation index i that is checked, by value.
const checkedRating = (page, i) => page.evaluate((n) => {
	const r = document.querySelector(`input[name="r-${n}"]:checked`);
	return r ? r.value : null;
}, i);

async function rate(page, index, steps, evidence, links) {
	await tabToRadioGroup(page, `r-${index}`);
	for (let k = 0; k < steps; k++)
		await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Tab');
	assert(await page.evaluate(() => document.activeElement.tagName) === 'TEXTAREA',
	    'Tab after the ratings does not reach the evidence');
	if (evidence)
		await page.keyboard.type(evidence);
	if (links) {
		await page.keyboard.press('Tab');
		assert(await page.evaluate(() => document.activeElement.id) === `ln-${index}`,
		    'Tab after the evidence does not reach the outcome links');
		await page.keyboard.type(links);
	}
}

async function waitForFile(dir, name, ms = 15000) {
	const file = path.join(dir, name);
	for (let t = 0; t < ms; t += 100) {
		if (fs.existsSync(file) && !fs.existsSync(file + '.crdownload'))
			return file;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Failure(`no download of ${name} in ${dir}: ${fs.readdirSync(dir)}`);
}

// The export with ratings and evidence taken out, to compare with `egf assess new`.
function blanked(form) {
	const out = [];
	const lines = form.split('\n');
	let inEvidence = false;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (inEvidence && !/^Link:/.test(line) && !(line === '' && /^#/.test(lines[i + 1] || '')) &&
		    i < lines.length - 1)
			continue;
		inEvidence = false;
		if (/^Link:/.test(line)) {
			if (!/^Link:/.test(lines[i + 1] || ''))
				out.push('Link:');
		} else if (/^Rating:/.test(line))
			out.push('Rating:');
		else if (/^Evidence:/.test(line)) {
			out.push('Evidence:');
			inEvidence = true;
		} else
			out.push(line);
	}
	return out.join('\n');
}

async function main() {
	const opt = args();
	const site = path.join(opt.work, 'site');
	const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'egf-downloads-'));
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'egf-chromium-'));
	const problems = [];
	let browser = null;

	try {
		egf(opt, opt.work, 'site', opt.ladder, '-o', site);
		const list = pages(site);
		ok(`egf site wrote ${list.length} pages`);

		browser = await launch(profile);
		const page = await browser.newPage();
		watch(page, problems);
		await page.setViewport({ width: 1024, height: 900 });

		// Every page: loads cleanly, holds together, escapes the title.
		const xssPages = [];
		for (const rel of list) {
			await page.goto(pathToFileURL(path.join(site, rel)).href, { waitUntil: 'load' });
			const facts = await checkPage(page, site, rel);
			if (facts.xssText)
				xssPages.push(rel);
			if (rel === 'assess.html')
				assert(facts.scripts === 'application/json,src', `assess.html scripts: ${facts.scripts}`);
			else
				assert(facts.scripts === '', `${rel} has scripts: ${facts.scripts}`);
		}
		assert(problems.length === 0, problems.join('\n'));
		ok('every page loads from file:// with no console error, no failed request and no request elsewhere');
		ok('every page has lang, a title, one h1, th scope, labelled controls and links that resolve');
		ok(`the title ${XSS} shows as text on: ${xssPages.join(' ')}`);

		// A level page for the screenshots.
		if (opt.shots) {
			fs.mkdirSync(opt.shots, { recursive: true });
			await page.goto(pathToFileURL(path.join(site, 'levels/K2.html')).href);
			await page.screenshot({ path: path.join(opt.shots, 'level-K2.png'), fullPage: true });
			await page.goto(pathToFileURL(path.join(site, 'competencies/build.html')).href);
			await page.pdf({ path: path.join(opt.shots, 'competency-build.pdf'), format: 'A4' });
		}

		// The self-assessment page, by keyboard only.
		const assessURL = pathToFileURL(path.join(site, 'assess.html')).href;
		await page.goto(assessURL, { waitUntil: 'load' });
		process.stdout.write(`readiness: ${await summary(page)}\n`);
		// Downloading an empty form is refused, and the first missing field gets the focus.
		await tabTo(page, 'export');
		await page.keyboard.press('Enter');
		const refused = await page.evaluate(() => ({
			status: document.getElementById('status').textContent,
			focus: document.activeElement.id,
			invalid: document.activeElement.getAttribute('aria-invalid'),
		}));
		assert(refused.focus === 'person' && refused.invalid === 'true', `refused: ${JSON.stringify(refused)}`);
		process.stdout.write(`status: ${refused.status}\n`);
		await page.keyboard.type(PERSON);
		await page.keyboard.press('Tab');
		await page.keyboard.type(NAME);
		await tabTo(page, 'cycle');
		await page.keyboard.type(CYCLE);
		await tabTo(page, 'track');
		await page.keyboard.press('ArrowDown');
		assert(await activeValue(page) === 'maker', 'ArrowDown on the track did not choose maker');
		await tabTo(page, 'target');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		assert(await activeValue(page) === 'K2', 'ArrowDown twice on the level did not choose K2');
		ok('keyboard: person, name and cycle typed; track maker and level K2 chosen with the arrow keys');
		process.stdout.write(`readiness: ${await summary(page)}\n`);

		// K2: build.K2.1-3, people.K2.1, xss.K2.1. Not rated, none, some, solid, star.
		await rate(page, 0, 3, 'Built the oak cabinet without plans.',
		    'https://example.org/oak-cabinet (design)\nokr:KR-3 (okr)');
		process.stdout.write(`readiness: ${await summary(page)}\n`);
		await rate(page, 1, 4, 'Bench audit:\n# not a heading\nRating: not a field\n\nstill evidence');
		process.stdout.write(`readiness: ${await summary(page)}\n`);
		await rate(page, 2, 2, '');
		process.stdout.write(`readiness: ${await summary(page)}\n`);
		await rate(page, 3, 3, 'Taught Zoë to plane \u2014 twice.');
		process.stdout.write(`readiness: ${await summary(page)}\n`);
		for (const line of await requiredList(page))
			process.stdout.write(`required: ${line}\n`);

		if (opt.shots) {
			// From the top, so that the sticky readiness panel sits in its place.
			await page.evaluate(() => window.scrollTo(0, 0));
			await page.screenshot({ path: path.join(opt.shots, 'assess.png'), fullPage: true });
			await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
			await page.screenshot({ path: path.join(opt.shots, 'assess-phone.png') });
			await page.setViewport({ width: 1024, height: 900 });
		}

		// The draft survives a reload.
		await page.reload({ waitUntil: 'load' });
		const restored = await page.evaluate(() => ({
			person: document.getElementById('person').value,
			name: document.getElementById('name').value,
			cycle: document.getElementById('cycle').value,
			track: document.getElementById('track').value,
			target: document.getElementById('target').value,
			evidence: [...document.querySelectorAll('.evidence textarea')].map((t) => t.value),
			links: [...document.querySelectorAll('.links textarea')].map((t) => t.value),
			status: document.getElementById('status').textContent,
		}));
		const ratings = [];
		for (let i = 0; i < 5; i++)
			ratings.push(await checkedRating(page, i));
		assert(restored.person === PERSON && restored.name === NAME && restored.cycle === CYCLE &&
		    restored.track === 'maker' && restored.target === 'K2', `draft: ${JSON.stringify(restored)}`);
		assert(ratings.join(',') === 'solid,star,some,solid,', `draft ratings: ${ratings}`);
		assert(restored.evidence[1] === 'Bench audit:\n# not a heading\nRating: not a field\n\nstill evidence',
		    `draft evidence: ${JSON.stringify(restored.evidence)}`);
		assert(restored.links[0] === 'https://example.org/oak-cabinet (design)\nokr:KR-3 (okr)',
		    `draft links: ${JSON.stringify(restored.links)}`);
		ok(`draft restored after a reload (${restored.status})`);
		process.stdout.write(`readiness: ${await summary(page)}\n`);

		// Raise build.K2.3 from some to solid: all of build met, 4 of 5.
		await tabTo(page, 'person');
		await tabToRadioGroup(page, 'r-2');
		await page.keyboard.press('ArrowRight');
		process.stdout.write(`readiness: ${await summary(page)}\n`);
		for (const line of await requiredList(page))
			process.stdout.write(`required: ${line}\n`);

		// An outcome link egf would refuse (bad-link) keeps the form from downloading and
		// gets the focus; cleared again, it is no link.
		await tabTo(page, 'ln-3');
		await page.keyboard.type('www.example.com (doc)');
		await tabTo(page, 'export');
		await page.keyboard.press('Enter');
		const badLink = await page.evaluate(() => ({
			status: document.getElementById('status').textContent,
			focus: document.activeElement.id,
			invalid: document.activeElement.getAttribute('aria-invalid'),
		}));
		assert(badLink.focus === 'ln-3' && badLink.invalid === 'true', `bad link: ${JSON.stringify(badLink)}`);
		process.stdout.write(`status: ${badLink.status}\n`);
		await page.keyboard.down('Control');
		await page.keyboard.press('KeyA');
		await page.keyboard.up('Control');
		await page.keyboard.press('Backspace');
		ok('a link egf would refuse is refused on the page, with the focus on it');

		// Download the form: the button, reached by Tab and pressed with Space.
		const cdp = await browser.target().createCDPSession();
		await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads,
		    eventsEnabled: true });
		await tabTo(page, 'export');
		await page.keyboard.press('Space');
		const fileName = `${PERSON}-${CYCLE}-self.md`;
		const file = await waitForFile(downloads, fileName);
		process.stdout.write(`status: ${await page.$eval('#status', (e) => e.textContent)}\n`);
		assert(problems.length === 0, problems.join('\n'));
		ok(`downloaded ${fileName}; still no console error and no request elsewhere`);
		const form = fs.readFileSync(file, 'utf8');
		fs.copyFileSync(file, path.join(opt.work, fileName));
		process.stdout.write('--- the downloaded form\n' + form + '--- end\n');

		// egf takes it as it is.
		const db = path.join(opt.work, 't.db');
		egf(opt, opt.work, 'publish', '--db', db, opt.ladder);
		egf(opt, opt.work, 'people', 'import', '--db', db, opt.people);
		process.stdout.write(egf(opt, opt.work, 'assess', 'import', '--db', db, fileName));
		process.stdout.write('ratings:\n' + sqlite(db, 'select expectation, value, scale_id from ratings ' +
		    'order by expectation'));
		process.stdout.write('evidence:\n' + sqlite(db, "select expectation, replace(text, char(10), '\\n') " +
		    'from evidence order by expectation'));
		process.stdout.write('links:\n' + sqlite(db, 'select expectation, position, target, kind ' +
		    'from links order by expectation, position'));
		// egf's readiness of the self role agrees with what the page showed last (4 of 5).
		const self = egf(opt, opt.work, 'readiness', '--db', db, '--cycle', CYCLE, '--person', PERSON)
		    .split('\n').find((l) => /^\s+self\s/.test(l));
		assert(self && /\b4\/5\s+0\.80\b/.test(self), `egf readiness: ${self}`);
		process.stdout.write(`egf readiness: ${self.trim().replace(/\s+/g, ' ')}\n`);
		const blank = egf(opt, opt.work, 'assess', 'new', '--db', db, '--person', PERSON, '--cycle', CYCLE,
		    '--target', 'K2');
		assert(blanked(form) === blank, `the export differs from egf assess new:\n${blanked(form)}\n---\n${blank}`);
		ok('without its ratings and evidence the download is byte for byte what egf assess new writes');
		if (opt.shots)
			ok('screenshots written: level-K2.png assess.png assess-phone.png competency-build.pdf');
	} finally {
		await finish(browser, profile);
		fs.rmSync(downloads, { recursive: true, force: true });
	}
}

run(main);
