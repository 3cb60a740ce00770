// xss.test.mjs: no text a user supplies turns into markup or script on any page
// (docs/security.md, "Cross-site scripting").
//
//   node xss.test.mjs --url URL --egf EGF --db DB --tokens DIR --org DIR [--shots DIR]
//
// Against a running egf serve over the organisation xss-org.mjs wrote to DIR, in
// which every text field carries a payload with its own tag that calls
// window.__xss(tag). The test adds what only the API makes (a calibration session
// with a hostile title, a proposal, an outcome with a rationale), checks the CSV
// exports and the JSON API, releases the cycle, and then, for every role
// (engineer, manager, peer, committee, hr), signs in and crawls every page it can
// reach by links. On every page, with the Content-Security-Policy bypassed so that
// an injected script would really run: no payload ran (the __xss hook, dialogs),
// no element has an on* attribute, no href/src/action has a javascript: scheme,
// every script element is one of the application's own same-origin files (or its
// JSON data block), and the response carries the Content-Security-Policy. Then every
// field must have been shown, as text, on some page (the marker of its payload in
// the page's text), and every GET page route of `egf serve --routes` must have been
// visited. The static site of `egf site` over the same ladder, opened from files,
// gets the same checks. Every line printed is deterministic; the pages each field was seen on go
// to DIR/../xss-coverage.txt. The first failed assertion prints "FAIL: ..." on
// stderr and exits 1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, ok, shot, launch, finish, run } from './lib.mjs';
import { API_ONLY, CYCLE, FIELDS, NEXT, SESSION, linkTarget, mark, payload } from './xss-org.mjs';

const USAGE = 'usage: node xss.test.mjs --url URL --egf EGF --db DB --tokens DIR --org DIR [--shots DIR]\n';

// Who signs in, and where their crawl starts (the nav bar leads on from there).
const ROLES = [
	{ role: 'engineer', user: 'ana', start: ['/', '/me', `/growth/ana`, '/ladder', '/ladder/index.html'],
	    ladder: true, after: selfAssessment },
	{ role: 'manager', user: 'mia', start: ['/me', '/team'] },
	{ role: 'skip-level manager', user: 'sam', start: ['/me', '/team'] },
	{ role: 'peer', user: 'bo', start: ['/me', `/review/${CYCLE}/ana/peer`] },
	{ role: 'committee', user: 'cole', start: ['/me', '/sessions'], after: staleOutcome },
	{ role: 'hr', user: 'hr', password: 'hr-password-1', start: ['/me', '/people', '/cycles',
	    '/sessions', '/team'], after: reflected },
];
// The ladder site's self-assessment page draws a level's expectations with
// its script (the model's HTML through innerHTML) once a track and a level
// are chosen.
async function selfAssessment(opt, page, record, at) {
	const where = '/ladder/assess.html';
	at(where + ' (D2 chosen)');
	await page.goto(opt.url + where);
	await page.select('#track', 'dev');
	await page.select('#target', 'D2');
	await page.waitForSelector('#expectations article.expectation');
	const f = await page.evaluate(pageFacts, new URL(opt.url).origin);
	assert(f.bad.length === 0, `${where} with D2's expectations: ${f.bad.join('; ')}`);
	for (const tag of ['exp_craft_d2_1', 'exp_craft_d2_2', 'exp_people_d2_1'])
		assert(f.text.includes(mark(tag)), `${where}: D2's expectation ${tag} not shown`);
	record(where + ' (D2 chosen)', f.text);
}

// The static site of `egf site` (what is served under /ladder, opened from
// files): every page by links, and the self-assessment page with D2 drawn.
async function staticSite(opt, browser, seen, hits) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'egf-xss-site-'));
	const ctx = await browser.createBrowserContext();
	const page = await ctx.newPage();
	const own = '^' + dir.replace(/[.]/g, '\\.') + '/site/[a-z]+\\.js$';
	const who = { role: 'static site' };
	const visited = new Set();
	let current = '';

	try {
		egf(opt, 'site', '-o', path.join(dir, 'site'), path.join(opt.org, 'ladder'));
		await page.setBypassCSP(true);
		await page.exposeFunction('__xss', (tag) => hits.push(`egf site: ${tag} ran on ${current}`));
		page.on('dialog', async (d) => {
			hits.push(`egf site: a ${d.type()} dialog on ${current}`);
			await d.dismiss();
		});
		const queue = ['file://' + path.join(dir, 'site', 'index.html')];
		while (queue.length > 0) {
			const where = queue.shift();
			if (visited.has(where))
				continue;
			visited.add(where);
			current = where.slice(where.indexOf('/site/'));
			await page.goto(where);
			const f = await page.evaluate(pageFacts, null, own);
			assert(f.bad.length === 0, `egf site ${current}: ${f.bad.join('; ')}`);
			record(seen, who, current, f.text);
			for (const href of f.links) {
				const u = new URL(href);
				if (u.protocol === 'file:' && u.pathname.startsWith(dir) && u.pathname.endsWith('.html'))
					queue.push('file://' + u.pathname);
			}
		}
		await page.goto('file://' + path.join(dir, 'site', 'assess.html'));
		await page.select('#track', 'dev');
		await page.select('#target', 'D2');
		await page.waitForSelector('#expectations article.expectation');
		const f = await page.evaluate(pageFacts, null, own);
		assert(f.bad.length === 0, `egf site assess.html with D2: ${f.bad.join('; ')}`);
		assert(f.text.includes(mark('exp_craft_d2_1')), 'egf site: D2\'s expectations not shown');
	} finally {
		await ctx.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
	return visited.size;
}

// The committee's page form with a stale revision: the 409 page shows the
// current outcome with its note (here the one egf decide recorded).
async function staleOutcome(opt, page, record, at) {
	const where = `/sessions/${CYCLE}/${SESSION}`;
	at(where + ' (a stale outcome)');
	await page.goto(opt.url + where);
	await page.$eval('details#p-bo', (d) => { d.open = true; });
	await page.$eval('details#p-bo form.record input[name="revision"]', (i) => { i.value = '1'; });
	await page.select('#o-bo', 'defer');
	await page.type('#r-bo', 'stale');
	const [resp] = await Promise.all([page.waitForNavigation(),
	    page.click('details#p-bo form.record button[type="submit"]')]);
	assert(resp.status() === 409, `a stale outcome answered ${resp.status()}`);
	const f = await page.evaluate(pageFacts, new URL(opt.url).origin);
	assert(f.bad.length === 0, `the stale outcome's page: ${f.bad.join('; ')}`);
	record(where + ' (409)', f.text);
}

// Every GET page route with a payload in each parameter and in the query:
// whatever a page says about an unknown id, it says it as text.
async function reflected(opt, page, record, at, routes) {
	const p = encodeURIComponent(payload('url'));
	const origin = new URL(opt.url).origin;
	for (const x of routes.list.filter((y) => y.method === 'GET' && y.flags.includes('page'))) {
		const where = x.path.replace(/\{[a-z]+\}/g, p) + `?sort=${p}&format=${p}&next=${p}` +
		    `&audience=${p}&cycle=${p}`;
		at(where);
		const resp = await page.goto(opt.url + where);
		if (resp.headers()['content-type'] && !resp.headers()['content-type'].startsWith('text/html'))
			continue;
		assert((resp.headers()['content-security-policy'] || '').includes("script-src 'self'"),
		    `${x.path} with payloads: no Content-Security-Policy`);
		const f = await page.evaluate(pageFacts, origin);
		assert(f.bad.length === 0, `${x.path} with payloads in the URL: ${f.bad.join('; ')}`);
	}
}

const MAX_PAGES = 200;	// per role: a crawl that runs away is a failure, not a hang

function args() {
	const a = {};
	const argv = process.argv.slice(2);
	for (let i = 0; i < argv.length; i += 2) {
		const key = argv[i].replace(/^--/, '');
		if (!['url', 'shots', 'egf', 'db', 'tokens', 'org'].includes(key) || argv[i + 1] === undefined) {
			process.stderr.write(USAGE);
			process.exit(2);
		}
		a[key] = key === 'url' ? argv[i + 1] : path.resolve(argv[i + 1]);
	}
	if (!a.url || !a.egf || !a.db || !a.tokens || !a.org) {
		process.stderr.write(USAGE);
		process.exit(2);
	}
	return a;
}

function egf(opt, ...argv) {
	return execFileSync(opt.egf, argv, { env: { ...process.env, EGF_DB: opt.db },
	    stdio: ['ignore', 'pipe', 'inherit'] }).toString();
}

// A request of the API with an account's bearer token: {status, type, csp, text}.
async function api(opt, who, method, where, body) {
	const token = fs.readFileSync(path.join(opt.tokens, 'tok.' + who), 'utf8').trim();
	const resp = await fetch(opt.url + where, {
		method, body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
		headers: { Authorization: 'Bearer ' + token,
		    'Content-Type': typeof body === 'string' ? 'text/markdown' : 'application/json' },
	});
	return { status: resp.status, type: resp.headers.get('content-type') || '',
	    csp: resp.headers.get('content-security-policy') || '', text: await resp.text() };
}

// RFC 4180 cells of a CSV text.
function csvCells(text) {
	const cells = [];
	let i = 0, cell = '', quoted = false;

	while (i < text.length) {
		const c = text[i++];
		if (quoted) {
			if (c === '"' && text[i] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') {
				quoted = false;
			} else {
				cell += c;
			}
		} else if (c === '"') {
			quoted = true;
		} else if (c === ',' || c === '\n') {
			cells.push(cell);
			cell = '';
		} else if (c !== '\r') {
			cell += c;
		}
	}
	if (cell !== '')
		cells.push(cell);
	return cells;
}

// A CSV neutralises every text cell a spreadsheet would read as a formula.
function csvChecked(what, text) {
	const cells = csvCells(text);
	const bad = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[-+]?[0-9.]+$/.test(c));
	assert(bad.length === 0, `${what}: cells a spreadsheet runs: ${bad.slice(0, 3).join(' | ')}`);
	return cells.filter((c) => /^'[=+\-@]/.test(c)).length;
}

// What the API makes: the session (hr), a proposal and an outcome (the committee).
async function setUp(opt) {
	const t = JSON.parse(fs.readFileSync(path.join(opt.org, 'texts.json'), 'utf8'));
	const base = `/api/v1/cycles/${CYCLE}/sessions`;
	let r = await api(opt, 'hr', 'POST', base, t.session);
	assert(r.status === 201, `the session was not created: ${r.status} ${r.text}`);
	r = await api(opt, 'cole', 'POST', `${base}/${SESSION}/proposals`, t.proposal);
	assert(r.status === 201 || r.status === 200, `the proposal: ${r.status} ${r.text}`);
	r = await api(opt, 'cole', 'GET', `${base}/${SESSION}`);
	assert(r.status === 200, `the session: ${r.status}`);
	const person = JSON.parse(r.text).people.find((p) => p.person === 'ana');
	assert(person, 'ana is not among the session\'s people');
	r = await api(opt, 'cole', 'POST', `${base}/${SESSION}/outcomes`,
	    { ...t.outcome, revision: person.revision });
	assert(r.status === 201 || r.status === 200, `the outcome: ${r.status} ${r.text}`);
	// A link that is not http(s) or okr:, or a kind outside the list, is refused.
	for (const link of ["javascript:__xss('link') (doc)", "JavaScript:__xss('link') (doc)",
	    "data:text/html,<script>__xss('link')</script> (doc)",
	    "https://a.example/x (<script>__xss('kind')</script>)"]) {
		const md = `---\nladder: tiny\nversion: "1"\ncycle: ${NEXT}\nperson: ana\nrater: ana\n` +
		    `role: self\ntarget: D2\n---\n### craft.D2.1\nRating: ok\nLink: ${link}\n`;
		r = await api(opt, 'ana', 'POST', `/api/v1/cycles/${NEXT}/forms`, md);
		assert(r.status === 422 && r.text.includes('bad-link'), `Link: ${link} answered ${r.status}`);
	}
}

// Every GET route of the API, its parameters filled in, as hr: JSON is
// application/json (with nosniff, never read as a page); the CSV exports
// neutralise formulas.
async function apiChecked(opt, routes) {
	const fill = (p) => p.replace('{cycle}', CYCLE).replace('{session}', SESSION)
	    .replace('{id}', 'ana');
	let json = 0, neutralised = 0;

	for (const pattern of routes.filter((x) => x.method === 'GET' && x.path.startsWith('/api/'))) {
		const where = fill(pattern.path);
		const r = await api(opt, 'hr', 'GET', where);
		assert(r.status === 200, `GET ${where} as hr: ${r.status}`);
		assert(r.csp.includes("script-src 'self'"), `GET ${where}: no Content-Security-Policy`);
		if (where.endsWith('.csv')) {
			assert(r.type.startsWith('text/csv'), `GET ${where}: Content-Type ${r.type}`);
			neutralised += csvChecked(where, r.text);
		} else if (where.endsWith('/packet')) {
			assert(r.type === 'application/pdf', `GET ${where}: Content-Type ${r.type}`);
		} else {
			assert(r.type.startsWith('application/json'), `GET ${where}: Content-Type ${r.type}`);
			JSON.parse(r.text);
			json++;
		}
	}
	for (const fmt of ['csv', 'html', 'text']) {
		const where = `/api/v1/cycles/${CYCLE}/sessions/${SESSION}/report?format=${fmt}`;
		const r = await api(opt, 'cole', 'GET', where);
		assert(r.status === 200, `GET ${where}: ${r.status}`);
		if (fmt === 'csv')
			neutralised += csvChecked(where, r.text);
	}
	assert(neutralised >= 4, `only ${neutralised} neutralised cells in the CSV exports`);
	const people = (await api(opt, 'hr', 'GET', '/api/v1/people')).text;
	for (const tag of API_ONLY)
		assert(people.includes(JSON.stringify(payload(tag))), `GET /api/v1/people lacks ${tag}`);
	return json;
}

// The facts of a page that matter here, read in the page.
function pageFacts(origin, ownScript = '^/(static|ladder)/[a-z]+\\.js$') {
	const bad = [];
	const scheme = (v) => v.replace(/[\u0000-\u0020]/g, '').toLowerCase();
	for (const el of document.querySelectorAll('*')) {
		for (const at of el.attributes) {
			const n = at.name.toLowerCase();
			if (n.startsWith('on'))
				bad.push(`<${el.localName} ${at.name}="${at.value}">`);
			if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(n) &&
			    /^(javascript|vbscript|data):/.test(scheme(at.value)))
				bad.push(`<${el.localName} ${at.name}="${at.value}">`);
		}
		if (['iframe', 'object', 'embed', 'base', 'frame'].includes(el.localName))
			bad.push(`a <${el.localName}> element`);
		if (el.localName === 'meta' && el.httpEquiv)
			bad.push(`<meta http-equiv="${el.httpEquiv}">`);
	}
	for (const s of document.querySelectorAll('script')) {
		if (s.type === 'application/json' && !s.src) {
			try {
				JSON.parse(s.textContent);
			} catch (e) {
				bad.push('a JSON data block that is not JSON');
			}
			continue;
		}
		const own = s.src && new URL(s.src).origin === (origin || location.origin) &&
		    new RegExp(ownScript).test(new URL(s.src).pathname);
		if (!own)
			bad.push(`a script element: ${s.outerHTML.slice(0, 120)}`);
	}
	// what is in a closed drawer is shown once it is opened
	for (const d of document.querySelectorAll('details'))
		d.open = true;
	const text = [document.title, document.body.innerText,
	    ...[...document.querySelectorAll('textarea, input')].map((c) => c.value),
	    ...[...document.querySelectorAll('option')].map((o) => o.textContent),
	    ...[...document.querySelectorAll('svg')].map((s) => s.textContent)].join('\n');
	const links = [...document.querySelectorAll('a[href]')].map((a) => a.href);
	return { bad, text, links, h1: document.querySelectorAll('h1').length };
}

// Which links the crawl follows: same origin, not a file to download.
function follow(origin, href) {
	const u = new URL(href);
	if (u.origin !== origin)
		return null;
	if (/^\/(static\/|ladder\/style\.css|favicon)/.test(u.pathname) || u.pathname === '/logout')
		return null;
	return u.pathname + u.search;
}

async function crawl(opt, browser, who, routes, seen, hits, problems) {
	const ctx = await browser.createBrowserContext();
	const page = await ctx.newPage();
	const origin = new URL(opt.url).origin;
	const visited = new Set();
	const queue = [];
	let current = '';

	await page.setBypassCSP(true);
	await page.exposeFunction('__xss', (tag) => hits.push(`${who.role}: ${tag} (${FIELDS[tag] ||
	    'a URL parameter'}) ran on ${current}`));
	page.on('dialog', async (d) => {
		hits.push(`${who.role}: a ${d.type()} dialog on ${current}: ${d.message()}`);
		await d.dismiss();
	});
	page.on('pageerror', (err) => problems.push(`uncaught exception on ${current}: ${err.message}`));
	page.on('request', (req) => {
		// data: is Chromium's own (the date input's icon), not a request
		if (!req.url().startsWith(opt.url) && !req.url().startsWith('data:'))
			problems.push(`request elsewhere from ${current}: ${req.url()}`);
	});

	// signed out: the sign-in page
	await page.goto(opt.url + '/login');
	current = '/login';
	let f = await page.evaluate(pageFacts, origin);
	assert(f.bad.length === 0, `/login: ${f.bad.join('; ')}`);
	visited.add('/login');
	await page.type('#user', who.user);
	await page.type('#password', who.password || `pw-${who.user}-12345`);
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
	assert(!page.url().endsWith('/login'), `${who.user} could not sign in`);

	queue.push(...who.start);
	while (queue.length > 0) {
		const where = queue.shift();
		if (visited.has(where))
			continue;
		visited.add(where);
		assert(visited.size <= MAX_PAGES, `${who.role}: more than ${MAX_PAGES} pages`);
		current = where;
		// What the server sends, before the browser renders it.
		const head = await page.evaluate(async (u) => {
			const r = await fetch(u, { redirect: 'manual' });
			return { status: r.status, type: r.headers.get('content-type') || '',
			    csp: r.headers.get('content-security-policy') || '',
			    text: r.headers.get('content-type') && !/pdf/.test(r.headers.get('content-type'))
			    ? await r.text() : '' };
		}, where);
		assert(head.status === 0 || head.csp.includes("script-src 'self'"),
		    `${where}: no Content-Security-Policy`);
		if (where.startsWith('/api/')) {
			if (/csv/.test(head.type))
				csvChecked(where, head.text);
			if (!/html/.test(head.type))
				continue;
		}
		if (head.type && !head.type.startsWith('text/html')) {
			// form.md and other downloads: text, never rendered as a page
			assert(!/html|xml|svg/.test(head.type), `${where}: Content-Type ${head.type}`);
			record(seen, who, where, head.text);
			continue;
		}
		const resp = await page.goto(opt.url + where);
		current = new URL(page.url()).pathname;
		if (resp && resp.status() >= 400 && resp.status() !== 404)
			problems.push(`${who.role}: ${where} answered ${resp.status()}`);
		f = await page.evaluate(pageFacts, origin);
		assert(f.bad.length === 0, `${who.role}: ${where}: ${f.bad.join('; ')}`);
		record(seen, who, where, f.text);
		for (const href of f.links) {
			const next = follow(origin, href);
			// the ladder's pages are the same for everyone: the engineer reads them
			if (next && !who.ladder && /^\/ladder\//.test(next))
				continue;
			if (next && !visited.has(next))
				queue.push(next);
		}
		if (where === '/me')
			await shot(opt, page, `xss-me-${who.user}.png`);
	}
	if (who.after)
		await who.after(opt, page, (where, text) => record(seen, who, where, text),
		    (w) => { current = w; }, routes);
	await ctx.close();
	for (const v of visited)
		routes.visited.add(v.replace(/\?.*/, ''));
	return visited.size;
}

// Where each field's marker was seen (tag -> Set of "role page").
function record(seen, who, where, text) {
	for (const tag of Object.keys(FIELDS)) {
		if (text.includes(tag.startsWith('link_') ? linkTarget(tag) : mark(tag))) {
			if (!seen.has(tag))
				seen.set(tag, new Set());
			seen.get(tag).add(`${who.role} ${where}`);
		}
	}
	if (!seen.has('#full'))
		seen.set('#full', new Set());
	for (const tag of Object.keys(FIELDS))
		if (tag.startsWith('link_') || text.includes(payload(tag)))
			seen.get('#full').add(tag);
}

function routeTable(opt) {
	return egf(opt, 'serve', '--routes').trim().split('\n').map((line) => {
		const [method, p, flags] = line.split(' ');
		return { method, path: p, flags: flags.split(','),
		    re: new RegExp('^' + p.replace(/[.]/g, '\\.').replace(/\{[a-z]+\}/g, '[^/]+') + '$') };
	});
}

async function main() {
	const opt = args();
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'egf-chromium-'));
	const problems = [];
	const hits = [];
	const seen = new Map();
	let browser = null;

	if (opt.shots)
		fs.mkdirSync(opt.shots, { recursive: true });
	try {
		const routes = routeTable(opt);
		await setUp(opt);
		ok('a session with a hostile title, a proposal and an outcome with a rationale (API); '
		    + 'javascript: and data: links and a hostile link kind refused (422 bad-link)');
		const json = await apiChecked(opt, routes);
		ok('every GET route of the API as hr: JSON as application/json ' +
		    `(${json > 10 ? 'more than 10' : json} routes), CSV exports with formulas neutralised, ` +
		    'the Content-Security-Policy on each');
		egf(opt, 'cycle', 'phase', CYCLE, 'released', '--by', 'hr');
		ok('hr releases the cycle: the people see their results');

		browser = await launch(profile);
		const visited = { visited: new Set(), list: routes };
		for (const who of ROLES) {
			await crawl(opt, browser, who, visited, seen, hits, problems);
			assert(hits.length === 0, 'a payload ran:\n' + hits.join('\n'));
			ok(`${who.role} (${who.user}): every page reached by links, no payload ran, ` +
			    'no on* attribute, no javascript: URL, only the application\'s scripts');
		}

		const files = await staticSite(opt, browser, seen, hits);
		assert(hits.length === 0, 'a payload ran:\n' + hits.join('\n'));
		ok(`egf site, opened from files: ${files >= 8 ? 'every page' : files + ' pages?'}, ` +
		    'and the self-assessment page with D2 drawn: no payload ran, nothing in the DOM');

		const pages = routes.filter((x) => x.method === 'GET' && x.flags.includes('page'));
		const missed = pages.filter((x) => ![...visited.visited].some((v) => x.re.test(v)));
		assert(missed.length === 0, 'page routes never visited: ' + missed.map((x) => x.path).join(' '));
		ok('every GET page route of egf serve --routes was visited');

		fs.writeFileSync(path.join(opt.org, '..', 'xss-coverage.txt'), [...seen.entries()]
		    .filter(([t]) => t !== '#full')
		    .map(([t, s]) => `${t} (${FIELDS[t]}):\n  ${[...s].sort().join('\n  ')}`).join('\n') + '\n');
		const unseen = Object.keys(FIELDS).filter((t) => !seen.has(t) && !API_ONLY.includes(t));
		const shown = API_ONLY.filter((t) => seen.has(t));
		assert(shown.length === 0, 'fields thought to be only in the API are on pages now ' +
		    '(move them out of API_ONLY): ' + shown.join(' '));
		assert(unseen.length === 0, 'fields never shown: ' + unseen.map((t) =>
		    `${t} (${FIELDS[t]})`).join(', '));
		// competency titles are Markdown headings: their raw HTML is dropped too
		const plainTags = Object.keys(FIELDS).filter((t) => !/_desc$|^exp_|^comp_/.test(t) &&
		    !API_ONLY.includes(t));
		const mangled = plainTags.filter((t) => !seen.get('#full').has(t));
		assert(mangled.length === 0, 'plain fields never shown whole: ' + mangled.join(' '));
		ok(`every field (${Object.keys(FIELDS).length - API_ONLY.length}) shown as text on ` +
		    `some page, every plain one whole, quotes and all; emails only in the API`);

		assert(problems.length === 0, 'problems:\n' + problems.join('\n'));
		ok('no uncaught exceptions, no requests elsewhere');
	} finally {
		await finish(browser, profile);
	}
}

run(main);
