// xss-org.mjs: a hostile organisation for xss.test.mjs. Every text a user can
// supply (ladder, people, forms, outcomes, decisions, sessions) carries a
// payload with its own tag, so that a script that runs, or a field that is not
// shown, names the field.
//
//   node xss-org.mjs DIR      writes DIR/ladder/, DIR/people.csv, DIR/outcomes.csv,
//                             DIR/forms/*.md and DIR/texts.json (what the API posts)
//
// A plain payload (names, teams, evidence, notes...) is shown as text: the
// page must show it literally. A Markdown payload (ladder texts) has its raw
// HTML dropped by cmark's safe mode and its javascript: links emptied; its
// code span must be shown literally. Both carry the same visible marker,
// MARK(tag) = <img src=x onerror=__xss('tag')>, which the test looks for in
// each page's text.
import fs from 'node:fs';
import path from 'node:path';

export const CYCLE = '2026-H2';
export const SESSION = 'S1';
// A second cycle, still in phase self: the forms there are editable (textareas
// holding the stored text, the form.md download).
export const NEXT = '2027-H1';

export function mark(tag) {
	return `<img src=x onerror=__xss('${tag}')>`;
}

// Text that breaks out of an attribute, opens elements with handlers, and
// runs script. lead: a first character a spreadsheet reads as a formula.
export function plain(tag, lead = '') {
	return `${lead}${tag}"'>${mark(tag)}<svg onload=__xss('${tag}')>` +
	    `<script>__xss('${tag}')</script><a href="javascript:__xss('${tag}')">${tag}</a>`;
}

// Inline Markdown: raw HTML, javascript: links and images, an autolink, a
// destination that tries to leave its attribute, and the marker in a code span.
export function markdown(tag) {
	return `${tag} <img src=x onerror=__xss('${tag}')> <svg onload=__xss('${tag}')> ` +
	    `"><script>__xss('${tag}')</script> [link](javascript:__xss('${tag}')) ` +
	    `<javascript:__xss('${tag}')> ![pic](javascript:__xss('${tag}')) ` +
	    `[quote](https://a.example/"onmouseover="__xss('${tag}')) \`${mark(tag)}\``;
}

// A link target that is a valid https URL (no spaces) and still tries to
// leave an attribute and open an element.
export function linkTarget(tag) {
	return `https://evil.example/${tag}"'><svg/onload=__xss('${tag}')>`;
}

// Every hostile field: tag -> what it is. The test reports a hit by this name.
export const FIELDS = {
	ladder_title: 'the ladder title',
	ladder_desc: 'the ladder description (Markdown)',
	scale_meets: 'a scale label',
	scale_top: 'a scale label',
	track_dev: 'a track title',
	track_dev_desc: 'a track description (Markdown)',
	track_mgmt: 'a track title',
	level_d1: 'a level title',
	level_d2: 'a level title',
	level_d2_desc: 'a level description (Markdown)',
	level_d3: 'a level title',
	level_mg1: 'a level title',
	comp_craft: 'a competency title',
	comp_craft_desc: 'a competency description (Markdown)',
	area_eng: 'a competency area',
	comp_people: 'a competency title',
	exp_craft_d2_1: 'an expectation (Markdown)',
	exp_craft_d2_2: 'an expectation (Markdown)',
	exp_example: 'an expectation\'s example (Markdown)',
	exp_people_d2_1: 'an expectation (Markdown)',
	name_sam: 'a person name', name_mia: 'a person name', name_ana: 'a person name',
	name_bo: 'a person name', name_cy: 'a person name', name_dan: 'a person name',
	name_cole: 'a person name',
	team_core: 'a team name', team_edge: 'a team name',
	email_ana: 'an email', email_mia: 'an email', email_cole: 'an email',
	ev_self: 'self-assessment evidence', ev_self_2: 'self-assessment evidence',
	link_self: 'a self-assessment link target',
	ev_mgr: 'manager evidence', pn_mgr: 'a private note',
	link_mgr: 'a manager link target',
	ev_next: 'evidence of an editable self-assessment', link_next: 'its link target',
	ev_next_mgr: 'evidence of an editable manager assessment',
	pn_next_mgr: 'a private note of an editable manager assessment',
	pf_bo: 'peer feedback', pf_cy: 'peer feedback', pf_dan: 'peer feedback',
	ev_mgr_bo: 'manager evidence about bo', pn_mgr_bo: 'a private note about bo',
	out_name: 'an outcome (customer measure) name', out_unit: 'an outcome unit',
	out_source: 'an outcome source', out_health: 'an outcome (health) name',
	okr_unit: 'an OKR unit', okr_source: 'an OKR source',
	dn_bo: 'a decision note (egf decide --note)',
	session_title: 'a session title',
	proposal: 'a session proposal reason',
	rationale: 'a session outcome rationale',
};

// Fields that no page shows (only the JSON API has them): the test checks they
// are there, in GET /api/v1/people.
export const API_ONLY = ['email_ana', 'email_mia', 'email_cole'];

// Which payload a field carries (the Markdown ones are ladder texts).
export function payload(tag) {
	const md = /_desc$|^exp_/.test(tag);
	const lead = { name_cy: '=', name_dan: '@', name_bo: '-', team_core: '+' }[tag] || '';
	return md ? markdown(tag) : plain(tag, lead);
}

// YAML double-quoted scalar.
function yq(s) {
	return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

// CSV cell (RFC 4180).
function cq(s) {
	return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function ladder(P) {
	return `---
id: tiny
title: ${yq(P('ladder_title'))}
version: "1"
scale:
  - {id: no, label: Not yet, value: 0}
  - {id: dev, label: Developing, value: 1}
  - {id: ok, label: ${yq(P('scale_meets'))}, value: 2}
  - {id: top, label: ${yq(P('scale_top'))}, value: 3}
meets: ok
promotion:
  threshold: 0.75
  required: [craft]
tracks:
  - {id: dev, title: ${yq(P('track_dev'))}, description: ${yq(P('track_dev_desc'))}}
  - {id: mgmt, title: ${yq(P('track_mgmt'))}}
levels:
  - {id: D1, title: ${yq(P('level_d1'))}, track: dev}
  - {id: D2, title: ${yq(P('level_d2'))}, track: dev, description: ${yq(P('level_d2_desc'))}}
  - {id: D3, title: ${yq(P('level_d3'))}, track: dev}
  - {id: MG1, title: ${yq(P('level_mg1'))}, track: mgmt}
---
${P('ladder_desc')}
`;
}

function competencies(P) {
	return {
		'craft.md': `---
id: craft
area: ${yq(P('area_eng'))}
tracks: [dev]
---
# ${P('comp_craft')}

${P('comp_craft_desc')}

## D1
- Writes small changes.

## D2
- ${P('exp_craft_d2_1')}
- ${P('exp_craft_d2_2')} {#craft-reviews}
  - Example: ${P('exp_example')}

## D3
- Designs modules.
`,
		'people.md': `---
id: people
area: Team
---
# ${P('comp_people')}

Working with others.

## D1
- Asks questions.

## D2
- ${P('exp_people_d2_1')}
- Gives clear feedback.

## D3
- Grows the team.

## MG1
- Runs one-on-ones.
`,
	};
}

function people(P) {
	const rows = [
		['sam', P('name_sam'), 'sam@x.org', P('team_core'), '', 'mgmt', 'MG1'],
		['mia', P('name_mia'), P('email_mia'), P('team_core'), 'sam', 'mgmt', 'MG1'],
		['ana', P('name_ana'), P('email_ana'), P('team_core'), 'mia', 'dev', 'D1'],
		['bo', P('name_bo'), 'bo@x.org', P('team_core'), 'mia', 'dev', 'D1'],
		['cy', P('name_cy'), 'cy@x.org', P('team_core'), 'mia', 'dev', 'D2'],
		['dan', P('name_dan'), 'dan@x.org', P('team_core'), 'mia', 'dev', 'D2'],
		['cole', P('name_cole'), P('email_cole'), P('team_edge'), '', 'mgmt', 'MG1'],
	];
	return 'id,name,email,team,manager,track,level\n' +
	    rows.map((r) => r.map(cq).join(',')).join('\n') + '\n';
}

function outcomes(P) {
	const rows = [
		[P('team_core'), CYCLE, 'okr', 'kr1', '0.7', '1', P('okr_unit'), P('okr_source')],
		[P('team_core'), CYCLE, 'customer', P('out_name'), '41', '50', P('out_unit'), P('out_source')],
		[P('team_core'), CYCLE, 'health', P('out_health'), '3', '', '', ''],
	];
	return 'team,cycle,kind,name,value,target,unit,source\n' +
	    rows.map((r) => r.map(cq).join(',')).join('\n') + '\n';
}

function form(person, rater, role, items, cycle = CYCLE) {
	let s = `---\nladder: tiny\nversion: "1"\ncycle: ${cycle}\nperson: ${person}\nrater: ${rater}\n` +
	    `role: ${role}\ntarget: D2\n---\n# ${person}\n\n`;
	for (const [id, rating, evidence, priv, link] of items) {
		s += `### ${id}\nRating: ${rating}\n`;
		if (evidence)
			s += `Evidence: ${evidence}\n`;
		if (priv)
			s += `Private: ${priv}\n`;
		if (link)
			s += `Link: ${link} (doc)\n`;
		s += '\n';
	}
	return s;
}

function forms(P) {
	return {
		'ana-self.md': form('ana', 'ana', 'self', [
			['craft.D2.1', 'top', P('ev_self'), null, linkTarget('link_self')],
			['craft-reviews', 'ok', P('ev_self_2')],
			['people.D2.1', 'ok', 'Paired with the intern.'],
		]),
		'ana-manager.md': form('ana', 'mia', 'manager', [
			['craft.D2.1', 'top', P('ev_mgr'), P('pn_mgr'), linkTarget('link_mgr')],
			['craft-reviews', 'ok', 'Reviews are kind.', null, 'okr:kr1'],
			['people.D2.1', 'dev', 'Mostly heads down.'],
		]),
		'ana-peer-bo.md': form('ana', 'bo', 'peer', [['craft.D2.1', 'ok', P('pf_bo')]]),
		'ana-peer-cy.md': form('ana', 'cy', 'peer', [['craft.D2.1', 'top', P('pf_cy')]]),
		'ana-peer-dan.md': form('ana', 'dan', 'peer', [['craft.D2.1', 'ok', P('pf_dan')]]),
		'bo-manager.md': form('bo', 'mia', 'manager', [
			['craft.D2.1', 'ok', P('ev_mgr_bo'), P('pn_mgr_bo')],
			['craft-reviews', 'dev', 'Not yet.'],
		]),
		'next/ana-self.md': form('ana', 'ana', 'self', [
			['craft.D2.1', 'ok', P('ev_next'), null, linkTarget('link_next')],
		], NEXT),
		'next/ana-manager.md': form('ana', 'mia', 'manager', [
			['craft.D2.1', 'ok', P('ev_next_mgr'), P('pn_next_mgr')],
		], NEXT),
	};
}

// What the API posts (the session, a proposal, an outcome) and the decision note.
function texts(P) {
	return {
		session: { id: SESSION, title: P('session_title'), levels: ['D2'], teams: [],
		    committee: ['cole'] },
		proposal: { person: 'ana', outcome: 'promote', reason: P('proposal') },
		outcome: { person: 'ana', outcome: 'promote', rationale: P('rationale') },
		decision_note: P('dn_bo'),
	};
}

export function writeOrg(dir) {
	const put = (rel, text) => {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), text);
	};
	put('ladder/ladder.md', ladder(payload));
	for (const [f, text] of Object.entries(competencies(payload)))
		put('ladder/competencies/' + f, text);
	put('people.csv', people(payload));
	put('outcomes.csv', outcomes(payload));
	for (const [f, text] of Object.entries(forms(payload)))
		put('forms/' + f, text);
	put('texts.json', JSON.stringify(texts(payload), null, 1) + '\n');
	put('decision-note.txt', texts(payload).decision_note);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
	if (process.argv.length !== 3) {
		process.stderr.write('usage: node xss-org.mjs DIR\n');
		process.exit(2);
	}
	writeOrg(process.argv[2]);
}
