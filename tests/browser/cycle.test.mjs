// cycle.test.mjs: a whole review cycle in a real browser (docs/serve.md, "Review pages").
//
//   node cycle.test.mjs --url URL --tokens DIR [--shots DIR]
//
// Against a running egf serve over the organisation of tests/serve/lib.sh. hr runs the
// cycle on hr's pages (/cycles: open it with a published version, due dates and everyone;
// /cycles/C: move it to manager and calibration, release it); a few forms of other people
// go through the API with their tokens (DIR/tok.ID).
// In the browser: ana fills half her self-assessment, reloads and finds the draft, meets
// a 409 from a second tab, asks a peer, submits; bo answers the peer form he was asked
// for; mia writes the manager assessment beside ana's self-ratings with a private note;
// in calibration ana's form is read-only; after release ana sees mia's ratings without
// the private note and the peers' feedback without names, and bo (one peer only) sees
// no peer feedback. Every line printed is deterministic; the first failed assertion
// prints "FAIL: ..." on stderr and exits 1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, checked, facts, ok, shot, launch, finish, run } from './lib.mjs';

const CYCLE = '2026-H2';

function args() {
	const a = {};
	const argv = process.argv.slice(2);
	const usage = 'usage: node cycle.test.mjs --url URL --tokens DIR [--shots DIR]\n';
	for (let i = 0; i < argv.length; i += 2) {
		const key = argv[i].replace(/^--/, '');
		if (!['url', 'shots', 'tokens'].includes(key) || argv[i + 1] === undefined) {
			process.stderr.write(usage);
			process.exit(2);
		}
		a[key] = ['url'].includes(key) ? argv[i + 1] : path.resolve(argv[i + 1]);
	}
	if (!a.url || !a.tokens) {
		process.stderr.write(usage);
		process.exit(2);
	}
	return a;
}

// hr on the cycle's dashboard presses the button that moves it on; the phase it is in after.
async function hrMove(opt, page, label, shotName) {
	await page.goto(opt.url + `/cycles/${CYCLE}`);
	let f = await checked(page, 'the cycle\'s dashboard');
	const button = await page.$('form.cycle-phase button');
	assert(button !== null, 'no button to move the phase');
	const text = await page.$eval('form.cycle-phase button', (b) => b.textContent);
	assert(text === label, `the phase button says '${text}', not '${label}'`);
	if (shotName)
		await shot(opt, page, shotName);
	await Promise.all([page.waitForNavigation(), button.click()]);
	f = await checked(page, 'the dashboard after the move');
	assert(f.path === `/cycles/${CYCLE}`, 'not back on the dashboard: ' + f.path);
	return page.$eval('dl.cycle dd strong', (e) => e.textContent);
}

// A request of the API as an account (its bearer token).
async function api(opt, who, method, where, body, type) {
	const token = fs.readFileSync(path.join(opt.tokens, 'tok.' + who), 'utf8').trim();
	const resp = await fetch(opt.url + where, {
		method, body,
		headers: { Authorization: 'Bearer ' + token, 'Content-Type': type || 'application/json' },
	});
	return resp.status;
}

function form(person, rater, role, target, items) {
	let s = `---\nladder: tiny\nversion: "1"\ncycle: ${CYCLE}\nperson: ${person}\nrater: ${rater}\n` +
	    `role: ${role}\ntarget: ${target}\n---\n# ${person}\n\n`;
	for (const [id, rating, evidence, priv] of items) {
		s += `### ${id}\nRating: ${rating}\nEvidence: ${evidence}\n`;
		if (priv)
			s += `Private: ${priv}\n`;
		s += '\n';
	}
	return s;
}

function watch(page, problems, base) {
	page.on('console', (msg) => {
		// on purpose: a stale tab's autosave 409, a locked form 403, a refused submission 422
		if (msg.type() === 'error' && !/status of (40[39]|422)/.test(msg.text()))
			problems.push(`console error on ${page.url()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
	page.on('request', (req) => {
		// data: URLs are no requests: Chromium's own date picker icon is one
		if (!req.url().startsWith(base) && !req.url().startsWith('data:'))
			problems.push(`request elsewhere: ${req.url()}`);
	});
}

async function signIn(opt, page, user, password) {
	await page.goto(opt.url + '/login');
	await page.type('#user', user);
	await page.type('#password', password);
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

async function signOut(page) {
	await Promise.all([page.waitForNavigation(), page.click('form.signout button')]);
}

async function savedDraft(page) {
	await page.waitForFunction(() => {
		const s = document.querySelector('.autosave');
		return s && s.textContent.startsWith('Draft saved');
	}, { timeout: 10000 });
}

const sel = (prefix, id) => `[name="${prefix}:${id}"]`;

async function values(page, ids) {
	return page.evaluate((list) => list.map((id) => [
		document.querySelector(`[name="r:${id}"]`).value,
		document.querySelector(`[name="e:${id}"]`).value]), ids);
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
		await page.setViewport({ width: 1024, height: 900 });

		// ---- hr opens the cycle on the page ----
		await signIn(opt, page, 'hr', 'hr-password-1');
		await Promise.all([page.waitForNavigation(), page.click('nav a[href="/cycles"]')]);
		let f = await checked(page, 'the cycles page');
		assert(f.h1[0] === 'Review cycles', `cycles h1 ${f.h1[0]}`);
		assert(await page.$eval('#cycle-version', (s) => s.value) === 'tiny 1',
		    'the latest published version is not preselected');
		const everyone = /everyone in the people table \((\d+)\)/.exec(f.text);
		assert(everyone !== null && everyone[1] === '8', 'not everyone of the people table counted');
		await page.type('#cycle-id', CYCLE);
		await page.$eval('#due-self-due', (e) => { e.value = '2099-01-15'; });
		await page.$eval('#due-manager-due', (e) => { e.value = '2099-01-31'; });
		await shot(opt, page, 'cycle-hr-open.png');
		await Promise.all([page.waitForNavigation(), page.click('form.cycle-open button')]);
		f = await checked(page, 'the new cycle\'s dashboard');
		assert(f.path === `/cycles/${CYCLE}` && f.h1[0] === `Cycle ${CYCLE}`, 'not on the dashboard: ' + f.path);
		assert(f.text.includes('2099-01-15') && f.text.includes('2099-01-31'), 'the due dates are not shown');
		assert(await page.$eval('dl.cycle dd strong', (e) => e.textContent) === 'self', 'not in phase self');
		const people = await page.$eval('dl.cycle', (d) => d.innerText);
		assert(new RegExp(`People\\s+${everyone[1]}\\b`).test(people), 'the cycle does not hold everyone: ' + people);
		ok('hr opens cycle 2026-H2 on the cycles page: version tiny 1, two due dates, everyone (8)');
		await signOut(page);

		// ---- ana: half the form, reload, the draft is there ----
		await signIn(opt, page, 'ana', 'pw-ana-12345');
		f = await checked(page, 'me');
		assert(f.text.includes(`Self-assessment in cycle ${CYCLE}: not started (phase self)`),
		    'me does not offer the new cycle\'s self-assessment');
		await Promise.all([page.waitForNavigation(),
		    page.click(`a[href="/review/${CYCLE}/ana/self"]`)]);
		f = await checked(page, 'the self-assessment');
		assert(f.h1[0] === 'Self-assessment: Ana Dev', `form h1 ${f.h1[0]}`);
		for (const want of ['Against Developer (D2)', 'Writes tested code.', 'Mentors juniors.',
		    'What changes from my level Junior to Developer', 'Not yet', 'Exceeds'])
			assert(f.text.includes(want), `the form does not show '${want}'`);
		assert((await page.$$('.expectation')).length === 6, 'not six expectations');
		assert((await page.$$('textarea[name^="p:"]')).length === 0, 'a self form with private notes');
		ok('the self-assessment: six expectations of D2 by competency, the scale\'s labels, what changes from Junior');
		await page.select(sel('r', 'craft.D2.1'), 'ok');
		await page.type(sel('e', 'craft.D2.1'), 'Added tests to the billing service.');
		await page.type(sel('l', 'craft.D2.1'), 'https://ci.example.org/coverage (metric)');
		await page.select(sel('r', 'craft-reviews'), 'top');
		await page.type(sel('e', 'craft-reviews'), 'Reviewed the search rewrite.');
		await page.select(sel('r', 'impact.D2.1'), 'ok');
		await page.type(sel('e', 'impact.D2.1'), 'Shipped saved searches (KR-2).');
		await savedDraft(page);
		ok('half the form filled: the draft is saved as she types');
		await shot(opt, page, 'cycle-self-draft.png');
		await page.reload();
		const ids = ['craft.D2.1', 'craft-reviews', 'impact.D2.1', 'impact.D2.2'];
		const v = await values(page, ids);
		assert(JSON.stringify(v) === JSON.stringify([['ok', 'Added tests to the billing service.'],
		    ['top', 'Reviewed the search rewrite.'], ['ok', 'Shipped saved searches (KR-2).'],
		    ['', '']]), 'after a reload: ' + JSON.stringify(v));
		ok('reloaded: the draft is there');

		// ---- a second tab: the first one gets a 409, nothing is overwritten ----
		const tab = await browser.newPage();
		watch(tab, problems, opt.url);
		await tab.goto(opt.url + `/review/${CYCLE}/ana/self`);
		await tab.type(sel('e', 'impact.D2.2'), 'Unblocked the data team.');
		await savedDraft(tab);
		await page.bringToFront();
		await page.type(sel('e', 'people.D2.1'), 'STALE-TAB-TEXT');
		await page.waitForFunction(() => document.querySelector('.autosave.conflict') !== null,
		    { timeout: 10000 });
		f = await facts(page);
		assert(f.text.includes('changed in another tab or window'), 'no conflict message');
		await shot(opt, page, 'cycle-self-conflict.png');
		await tab.close();
		await page.reload();
		const after = await values(page, ['impact.D2.2', 'people.D2.1']);
		assert(after[0][1] === 'Unblocked the data team.' && after[1][1] === '',
		    'the stale tab overwrote the draft: ' + JSON.stringify(after));
		ok('a second tab saved first: the stale tab gets 409 and a message, nothing is overwritten');

		// ---- submit: an error beside its field first, then stored ----
		await page.type(sel('l', 'impact.D2.1'), 'ftp://files.example.org/plan (doc)');
		await Promise.all([page.waitForNavigation(), page.$eval('button[value="submit"]', b => b.form.requestSubmit(b))]);
		f = await checked(page, 'the refused form');
		const beside = await page.$eval('#x-impact\\.D2\\.1 ul.diags', (u) => u.textContent);
		assert(beside.includes('[bad-link]'), 'the bad link is not diagnosed beside its field: ' + beside);
		assert(f.text.includes('The form was not submitted'), 'no refusal message');
		await shot(opt, page, 'cycle-self-invalid.png');
		ok('submit with a bad link: refused, the diagnostic beside the link field');
		await page.$eval(sel('l', 'impact.D2.1'), (t) => { t.value = ''; });
		await page.select(sel('r', 'impact.D2.2'), 'dev');
		await page.select(sel('r', 'people.D2.1'), 'ok');
		await page.select(sel('r', 'people.D2.2'), 'ok');
		await Promise.all([page.waitForNavigation(), page.$eval('button[value="submit"]', b => b.form.requestSubmit(b))]);
		f = await checked(page, 'the submitted form');
		assert(f.text.includes('Submitted: revision 1 is stored.'), 'not submitted: ' + f.text.slice(0, 300));
		ok('submitted: revision 1 stored');

		// ---- peers: asked from the page, answered ----
		await page.goto(opt.url + '/me');
		await page.type('#peer-ana', 'bo');
		await Promise.all([page.waitForNavigation(), page.click('form.ask-peer button')]);
		f = await checked(page, 'me after asking');
		assert(f.text.includes('1 colleague asked'), 'the peer request is not shown');
		ok('ana asks bo for peer feedback from her page');
		await shot(opt, page, 'cycle-me-self.png');
		await signOut(page);
		for (const p of ['uma', 'cole'])
			assert(await api(opt, 'ana', 'POST', `/api/v1/cycles/${CYCLE}/peer-requests`,
			    JSON.stringify({ person: 'ana', peer: p })) === 201, `asking ${p}`);

		await signIn(opt, page, 'bo', 'pw-bo-12345');
		f = await checked(page, 'bo\'s me');
		assert(f.text.includes(`Ana Dev in cycle ${CYCLE}: not answered yet`), 'bo: not asked of him');
		await Promise.all([page.waitForNavigation(),
		    page.click(`a[href="/review/${CYCLE}/ana/peer"]`)]);
		f = await checked(page, 'the peer form');
		assert(f.h1[0] === 'Peer feedback: Ana Dev', `peer form h1 ${f.h1[0]}`);
		assert(!f.text.includes('Added tests to the billing service'), 'a peer sees the self-assessment');
		await page.select(sel('r', 'people.D2.1'), 'top');
		await page.type(sel('e', 'people.D2.1'), 'PEER-BO-EVIDENCE: Ana paired with me every week.');
		await shot(opt, page, 'cycle-peer.png');
		await Promise.all([page.waitForNavigation(), page.$eval('button[value="submit"]', b => b.form.requestSubmit(b))]);
		f = await facts(page);
		assert(f.text.includes('Submitted: revision 1 is stored.'), 'the peer form was not stored');
		ok('bo finds ana under "asked of me", answers the peer form without seeing her self-assessment');
		await signOut(page);
		for (const p of ['uma', 'cole'])
			assert(await api(opt, p, 'POST', `/api/v1/cycles/${CYCLE}/forms`,
			    form('ana', p, 'peer', 'D2', [['people.D2.2', 'ok', `Clear feedback in reviews (${p === 'uma' ? 'PEER-U' : 'PEER-C'}).`]]),
			    'text/markdown') === 201, `${p}'s peer form`);
		// bo is the subject with one peer only: below peer_min
		assert(await api(opt, 'mia', 'POST', `/api/v1/cycles/${CYCLE}/peer-requests`,
		    JSON.stringify({ person: 'bo', peer: 'ana' })) === 201, 'asking ana about bo');
		assert(await api(opt, 'ana', 'POST', `/api/v1/cycles/${CYCLE}/forms`,
		    form('bo', 'ana', 'peer', 'D3', [['people.D3.1', 'ok', 'LONE-PEER-TEXT about bo.']]),
		    'text/markdown') === 201, 'ana\'s peer form about bo');
		assert(await api(opt, 'mia', 'POST', `/api/v1/cycles/${CYCLE}/forms`,
		    form('bo', 'mia', 'manager', 'D3', [['craft.D3.1', 'ok', 'Designed the cache.', 'BO-PRIVATE'],
		    ['impact.D3.1', 'dev', 'Leads small projects.'], ['people.D3.1', 'ok', 'Helps.']]),
		    'text/markdown') === 201, 'mia\'s manager form about bo');
		ok('two more peers answer about ana, one about bo (through the API)');

		// ---- mia: the manager assessment beside ana's self-ratings ----
		await signIn(opt, page, 'mia', 'pw-mia-12345');
		await page.goto(opt.url + '/team');
		f = await checked(page, 'my team');
		assert(/Ana Dev\s+submitted\s+write it/.test(f.text), 'the team status does not show ana: ' +
		    f.text.slice(f.text.indexOf('Review status'), f.text.indexOf('Review status') + 300));
		assert(f.text.includes('3 asked, 3 answered'), 'the peers\' status is not shown');
		await shot(opt, page, 'cycle-team.png');
		await Promise.all([page.waitForNavigation(),
		    page.click(`a[href="/review/${CYCLE}/ana/manager"]`)]);
		f = await checked(page, 'the manager form');
		const selfBeside = await page.$eval('#x-craft\\.D2\\.1 ul.beside', (u) => u.textContent);
		assert(selfBeside.includes('Self: Meets') && selfBeside.includes('billing service'),
		    'ana\'s self-rating is not beside: ' + selfBeside);
		assert(f.text.includes('for the promotion committee only'), 'private notes are not marked');
		ok('mia\'s team: ana submitted, 3 peers asked and answered; her form shows ana\'s self-ratings beside');
		const mgr = { 'craft.D2.1': 'top', 'craft-reviews': 'ok', 'impact.D2.1': 'ok',
			'impact.D2.2': 'ok', 'people.D2.1': 'ok', 'people.D2.2': 'dev' };
		for (const [id, r] of Object.entries(mgr)) {
			await page.select(sel('r', id), r);
			await page.type(sel('e', id), `Seen by mia (${id}).`);
		}
		await page.type(sel('p', 'craft.D2.1'), 'PRIVATE-NOTE-BROWSER: ready soon.');
		await shot(opt, page, 'cycle-manager.png');
		await Promise.all([page.waitForNavigation(), page.$eval('button[value="submit"]', b => b.form.requestSubmit(b))]);
		f = await facts(page);
		assert(f.text.includes('Submitted: revision 1 is stored.'), 'the manager form was not stored');
		ok('mia submits the manager assessment with a private note');
		await signOut(page);

		// ---- calibration: hr moves the cycle on its dashboard; locked ----
		await signIn(opt, page, 'hr', 'hr-password-1');
		assert(await hrMove(opt, page, 'Move to manager') === 'manager', 'not in phase manager');
		assert(await hrMove(opt, page, 'Move to calibration: lock the forms', 'cycle-hr-dashboard.png') ===
		    'calibration', 'not in phase calibration');
		f = await checked(page, 'the locked dashboard');
		assert(f.text.includes('(forms locked)') && f.text.includes('Reopen one form'),
		    'the dashboard does not say the forms are locked');
		await shot(opt, page, 'cycle-hr-calibration.png');
		ok('hr moves the cycle to manager, then calibration, with the dashboard\'s button');
		await signOut(page);
		await signIn(opt, page, 'ana', 'pw-ana-12345');
		await page.goto(opt.url + `/review/${CYCLE}/ana/self`);
		f = await checked(page, 'the locked form');
		assert(f.text.includes('The cycle is in phase calibration: its forms are locked'), 'no lock notice');
		assert((await page.$$('button[value="submit"], button[value="save"]')).length === 0,
		    'a locked form can still be submitted');
		assert(await page.$eval(sel('e', 'craft.D2.1'), (t) => t.readOnly), 'the evidence is editable');
		await shot(opt, page, 'cycle-locked.png');
		ok('in calibration ana\'s form is read-only');
		await signOut(page);

		// ---- released: hr releases the results, ana sees them ----
		await signIn(opt, page, 'hr', 'hr-password-1');
		assert(await hrMove(opt, page, 'Release the results: move to released') === 'released',
		    'not released');
		f = await checked(page, 'the released dashboard');
		assert(f.text.includes('(results released)'), 'the dashboard does not say released');
		await shot(opt, page, 'cycle-hr-released.png');
		ok('hr releases the results with the dashboard\'s button');
		await signOut(page);
		await signIn(opt, page, 'ana', 'pw-ana-12345');
		await page.goto(opt.url + '/me');
		f = await checked(page, 'me after release');
		assert(f.text.includes(`Cycle ${CYCLE}: against Developer`), 'no table of the cycle');
		const table = await page.$$eval('table.assessment', (ts) => ts.map((t) => t.innerText));
		const h2 = table.find((t) => t.includes('Writes tested code.') && t.includes('Exceeds'));
		assert(h2 !== undefined, 'mia\'s ratings are not shown: ' + table.join('\n---\n'));
		assert(!f.text.includes('PRIVATE-NOTE-BROWSER') && !f.text.includes('PRIVATE-NOTE'),
		    'ana sees a private note');
		const ev = await page.$$eval('table.evidence', (ts) => ts.map((t) => t.innerText).join('\n'));
		assert(ev.includes('PEER-BO-EVIDENCE') && ev.includes('a peer (anonymous)'),
		    'the peers\' feedback is not shown anonymously');
		assert(!/\bbo\b|Bo Peer|\buma\b|\bcole\b/.test(ev), 'a peer is named: ' + ev);
		ok('released: ana sees mia\'s ratings without the private note and three peers\' feedback without names');
		await shot(opt, page, 'cycle-me-released.png');
		const svg = await page.$('svg.growth');
		assert(svg !== null, 'no growth chart on me');
		ok('me shows her growth over cycles as a chart');
		await signOut(page);

		await signIn(opt, page, 'bo', 'pw-bo-12345');
		f = await checked(page, 'bo\'s me after release');
		assert(!f.text.includes('LONE-PEER-TEXT'), 'one peer\'s feedback is shown to bo');
		assert(!f.text.includes('BO-PRIVATE'), 'bo sees a private note');
		assert(f.text.includes('Designed the cache.'), 'bo does not see his manager\'s evidence');
		ok('bo, with one peer only (below peer_min 3), sees his manager\'s ratings and no peer feedback');
		await shot(opt, page, 'cycle-me-bo.png');
		await signOut(page);

		await signIn(opt, page, 'mia', 'pw-mia-12345');
		await page.goto(opt.url + '/growth/ana');
		f = await checked(page, 'growth');
		assert(f.text.includes('Readiness') && (await page.$('svg.growth polyline')) !== null,
		    'no growth lines for ana');
		await shot(opt, page, 'cycle-growth.png');
		ok('mia sees ana\'s growth over two cycles');
		await signOut(page);

		assert(problems.length === 0, 'problems:\n' + problems.join('\n'));
		ok('no console errors, no requests elsewhere');
	} finally {
		await finish(browser, profile);
	}
}

run(main);
