// lib.mjs: what the browser tests share: failing with a message, "ok:" lines,
// screenshots, and the facts every page is checked for (one h1, no inline
// script, every control labelled).
import path from 'node:path';

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
