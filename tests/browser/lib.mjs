// lib.mjs: what the browser tests share: failing with a message, "ok:" lines,
// screenshots, and the facts every page is checked for (one h1, no inline
// script, every control labelled); starting Chromium, ending a test.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

export class Failure extends Error {}

export function assert(cond, what) {
	if (!cond)
		throw new Failure(what);
}

export function ok(what) {
	process.stdout.write('ok: ' + what + '\n');
}

export async function facts(page) {
	return page.evaluate(() => ({
		path: location.pathname,
		h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
		text: document.body.innerText,
		inlineScripts: [...document.scripts].filter((s) => !s.src).length,
		unlabelled: [...document.querySelectorAll('input, select, textarea')]
		    .filter((c) => c.type !== 'hidden' && c.labels.length === 0 &&
		    !c.getAttribute('aria-label')).length,
	}));
}

export async function checked(page, what) {
	const f = await facts(page);
	assert(f.h1.length === 1, `${what} (${f.path}): ${f.h1.length} h1 elements`);
	assert(f.inlineScripts === 0, `${what}: an inline script`);
	assert(f.unlabelled === 0, `${what}: ${f.unlabelled} controls without a label`);
	return f;
}

export async function shot(opt, page, name) {
	if (opt.shots)
		await page.screenshot({ path: path.join(opt.shots, name), fullPage: true });
}

// Debian's Chromium (or $CHROMIUM), headless, with its profile in profile
// and nothing of its own on the network.
export function launch(profile) {
	return puppeteer.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		userDataDir: profile,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

// Closes the browser (when it started) and removes its profile.
export async function finish(browser, profile) {
	if (browser)
		await browser.close();
	fs.rmSync(profile, { recursive: true, force: true });
}

// Runs the test: a failure is one "FAIL:" line on standard error and exit 1.
export function run(main) {
	main().catch((err) => {
		process.stderr.write('FAIL: ' + (err instanceof Failure ? err.message : err.stack) + '\n');
		process.exit(1);
	});
}
