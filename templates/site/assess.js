/*
 * assess.js: the self-assessment page of an egf site (docs/site.md).
 *
 * Plain JavaScript that makes no request: the ladder comes from the JSON
 * block #ladder of the page, the draft is kept in localStorage under a key
 * naming the ladder and its version, and the assessment form (docs/assessments.md) is
 * downloaded from a Blob, written as `egf assess new` writes it so that
 * `egf assess import` reads it unchanged.
 */
(function () {
	'use strict';

	/* The ids egf accepts: people.c and the cycle check of assess_import.c. */
	var PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,199}$/;
	var CYCLE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
	/* What egf assess import takes in a Link: field (docs/assessments.md). */
	var LINK_KINDS = ['okr', 'customer', 'incident', 'metric', 'design', 'code', 'doc', 'other'];
	var LINK = new RegExp('^(https?://[^\\s/][^\\s]*|okr:[A-Za-z0-9][A-Za-z0-9._-]*)[ \\t]*' +
	    '\\((' + LINK_KINDS.join('|') + ')\\)$');

	var ladder = JSON.parse(document.getElementById('ladder').textContent);
	var draftKey = 'egf-assess:' + ladder.id + ':' + ladder.version;
	var form = document.getElementById('assess-form');
	var el = {
		person: document.getElementById('person'),
		name: document.getElementById('name'),
		cycle: document.getElementById('cycle'),
		track: document.getElementById('track'),
		target: document.getElementById('target'),
		list: document.getElementById('expectations'),
		summary: document.getElementById('readiness-summary'),
		bar: document.getElementById('readiness-bar'),
		required: document.getElementById('readiness-required'),
		status: document.getElementById('status'),
		exportButton: document.getElementById('export'),
		clearButton: document.getElementById('clear-draft')
	};
	var scale = {};
	var meets = null;
	var rendered = [];	/* {id, article} of the expectations on the page */
	var state = emptyState();

	ladder.scale.forEach(function (p) { scale[p.id] = p; });
	meets = scale[ladder.meets] || ladder.scale[ladder.scale.length - 1];

	function emptyState() {
		return { person: '', name: '', cycle: '', track: '', target: '', ratings: {}, evidence: {},
		    links: {} };
	}

	function make(tag, className, text) {
		var node = document.createElement(tag);

		if (className)
			node.className = className;
		if (text !== undefined)
			node.textContent = text;
		return node;
	}

	function setStatus(message, isError) {
		if (el.status.textContent !== message)
			el.status.textContent = message;
		el.status.className = isError ? 'error' : '';
	}

	function isRequired(competencyId) {
		return ladder.required.indexOf(competencyId) >= 0;
	}

	function levelById(id) {
		for (var i = 0; i < ladder.levels.length; i++)
			if (ladder.levels[i].id === id)
				return ladder.levels[i];
		return null;
	}

	/* The expectations of a level, in model order (assess_target_init). */
	function targetItems(levelId) {
		var items = [];

		ladder.competencies.forEach(function (c) {
			c.expectations.forEach(function (e) {
				if (e.level === levelId)
					items.push({ competency: c, expectation: e });
			});
		});
		return items;
	}

	/* ---- the page ---- */

	function fillLevels() {
		var select = el.target;

		select.textContent = '';
		if (!state.track) {
			select.appendChild(new Option('Choose a track first', ''));
			select.disabled = true;
			return;
		}
		select.appendChild(new Option('Choose a level', ''));
		ladder.levels.forEach(function (l) {
			if (l.track === state.track)
				select.appendChild(new Option(l.id + ' \u2013 ' + l.title, l.id));
		});
		select.disabled = false;
		select.value = state.target;
	}

	function ratingChoices(e, index) {
		var fieldset = make('fieldset');
		var legend = make('legend', '', 'Your rating');
		var choices = make('div', 'choices');
		var points = [{ id: '', label: 'Not rated' }].concat(ladder.scale);
		var current = state.ratings[e.id] || '';

		legend.appendChild(make('span', 'vh', ' for ' + e.id));
		fieldset.appendChild(legend);
		fieldset.setAttribute('aria-describedby', 't-' + index);
		points.forEach(function (p, k) {
			var label = make('label');
			var input = make('input');

			input.type = 'radio';
			input.name = 'r-' + index;
			input.id = 'r-' + index + '-' + k;
			input.value = p.id;
			input.checked = current === p.id;
			input.setAttribute('data-expectation', e.id);
			label.appendChild(input);
			label.appendChild(document.createTextNode(p.label));
			choices.appendChild(label);
		});
		fieldset.appendChild(choices);
		return fieldset;
	}

	/* Outcome links, one a line: "TARGET (KIND)", as the form's Link: field takes them. */
	function linksField(e, index) {
		var links = make('div', 'links');
		var label = make('label', '', 'Outcome links');
		var hint = make('span', 'hint', 'One a line: an http: or https: URL or okr:KEY-RESULT-ID, then ' +
		    'the kind in parentheses (' + LINK_KINDS.join(', ') + '), e.g. ' +
		    'okr:KR-2 (okr).');
		var area = make('textarea');

		label.htmlFor = 'ln-' + index;
		hint.id = 'lh-' + index;
		area.id = 'ln-' + index;
		area.rows = 2;
		area.value = state.links[e.id] || '';
		area.setAttribute('data-expectation', e.id);
		area.setAttribute('data-field', 'links');
		area.setAttribute('aria-describedby', 'lh-' + index);
		links.appendChild(label);
		links.appendChild(hint);
		links.appendChild(area);
		return links;
	}

	function expectationArticle(e, index) {
		var article = make('article', 'expectation');
		var text = make('div', 'text');
		var evidence = make('div', 'evidence');
		var label = make('label', '', 'Evidence');
		var area = make('textarea');

		article.id = 'x-' + index;
		text.id = 't-' + index;
		/* The model's cmark safe-mode HTML, as on every other page of the site. */
		text.innerHTML = e.html;
		article.appendChild(text);
		article.appendChild(make('span', 'eid', e.id));
		article.appendChild(ratingChoices(e, index));
		label.htmlFor = 'ev-' + index;
		area.id = 'ev-' + index;
		area.rows = 3;
		area.value = state.evidence[e.id] || '';
		area.setAttribute('data-expectation', e.id);
		area.setAttribute('aria-describedby', 't-' + index);
		evidence.appendChild(label);
		evidence.appendChild(area);
		article.appendChild(evidence);
		article.appendChild(linksField(e, index));
		return article;
	}

	function renderItems() {
		var last = null, section = null;

		el.list.textContent = '';
		rendered = [];
		if (!state.target)
			return;
		targetItems(state.target).forEach(function (item, index) {
			var article;

			if (item.competency !== last) {
				var heading = make('h2', '', item.competency.title);

				if (isRequired(item.competency.id)) {
					heading.appendChild(document.createTextNode(' '));
					heading.appendChild(make('span', 'badge required', 'required'));
				}
				section = make('section', 'competency');
				section.appendChild(heading);
				el.list.appendChild(section);
				last = item.competency;
			}
			article = expectationArticle(item.expectation, index);
			section.appendChild(article);
			rendered.push({ id: item.expectation.id, article: article });
		});
	}

	/* ---- readiness, as egf readiness computes it (docs/assessments.md) ---- */

	function percent(x) {
		return Math.round(x * 100) + '%';
	}

	function isMet(expectationId) {
		var p = scale[state.ratings[expectationId] || ''];

		return p !== undefined && p.value >= meets.value;
	}

	function updateReadiness() {
		var items, met = 0, rated = 0, required = {}, order = [], requiredMet = true;
		var share, verdict, verdictNode;

		el.required.textContent = '';
		if (!state.target) {
			el.summary.textContent = 'Choose your track and target level.';
			el.bar.hidden = true;
			return;
		}
		items = targetItems(state.target);
		items.forEach(function (item) {
			var id = item.expectation.id, c = item.competency, ok = isMet(id);

			if (scale[state.ratings[id] || ''] !== undefined)
				rated++;
			if (ok)
				met++;
			if (isRequired(c.id)) {
				if (!required[c.id]) {
					required[c.id] = { title: c.title, total: 0, met: 0 };
					order.push(c.id);
				}
				required[c.id].total++;
				if (ok)
					required[c.id].met++;
				else
					requiredMet = false;
			}
		});
		rendered.forEach(function (r) {
			r.article.classList.toggle('met', isMet(r.id));
		});
		share = items.length ? met / items.length : 0;
		if (requiredMet && share >= ladder.threshold - 1e-9)
			verdict = 'ready';
		else if (requiredMet && share >= ladder.threshold - 0.1 - 1e-9)
			verdict = 'borderline';
		else
			verdict = 'not-ready';

		el.summary.textContent = met + ' of ' + items.length + ' expectations at ' +
		    meets.label + ' or above: ' + percent(share) + ', against the ' +
		    percent(ladder.threshold) + ' a promotion asks for. Rated ' + rated + ' of ' +
		    items.length + '. Self-rated verdict: ';
		verdictNode = make('span', 'verdict-' + verdict, verdict.replace('-', ' '));
		el.summary.appendChild(verdictNode);
		el.summary.appendChild(document.createTextNode('.'));
		el.bar.hidden = false;
		el.bar.value = share;
		order.forEach(function (id) {
			var r = required[id];
			var text = r.title + ' (required): ' + r.met + ' of ' + r.total + ' met' +
			    (r.met === r.total ? '.' : '; every one must be.');

			el.required.appendChild(make('li', r.met === r.total ? 'met' : 'unmet', text));
		});
	}

	/* ---- the draft ---- */

	function save() {
		try {
			localStorage.setItem(draftKey, JSON.stringify(state));
			setStatus('Draft saved in this browser.');
		} catch (err) {
			setStatus('This browser does not keep the draft (' + err.name + '); download ' +
			    'the form before you leave the page.', true);
		}
	}

	function asString(x) {
		return typeof x === 'string' ? x : '';
	}

	function asMap(x) {
		var out = {};

		if (x && typeof x === 'object')
			Object.keys(x).forEach(function (k) {
				if (typeof x[k] === 'string')
					out[k] = x[k];
			});
		return out;
	}

	function restore() {
		var raw = null, saved;

		try {
			raw = localStorage.getItem(draftKey);
		} catch (err) {
			setStatus('This browser does not keep drafts (' + err.name + ').', true);
		}
		if (!raw)
			return;
		try {
			saved = JSON.parse(raw);
		} catch (err) {
			return;
		}
		state = {
			person: asString(saved.person), name: asString(saved.name),
			cycle: asString(saved.cycle), track: asString(saved.track),
			target: asString(saved.target), ratings: asMap(saved.ratings),
			evidence: asMap(saved.evidence), links: asMap(saved.links)
		};
		if (!ladder.tracks.some(function (t) { return t.id === state.track; }))
			state.track = '';
		if (!levelById(state.target) || levelById(state.target).track !== state.track)
			state.target = '';
		el.person.value = state.person;
		el.name.value = state.name;
		el.cycle.value = state.cycle;
		el.track.value = state.track;
		setStatus('Draft restored from this browser.');
	}

	function clearDraft() {
		if (!window.confirm('Clear your ratings and evidence from this browser?'))
			return;
		try {
			localStorage.removeItem(draftKey);
		} catch (err) {
			/* nothing was kept */
		}
		state = emptyState();
		el.person.value = el.name.value = el.cycle.value = el.track.value = '';
		fillLevels();
		renderItems();
		updateReadiness();
		setStatus('Draft cleared.');
	}

	/* ---- the assessment form, as assess_form_write.c writes it ---- */

	function hex(c, width) {
		var s = c.toString(16);

		while (s.length < width)
			s = '0' + s;
		return s;
	}

	/* A YAML double-quoted scalar that libyaml reads back as the same string. */
	function yamlQuoted(s) {
		var out = '"';

		Array.from(s).forEach(function (ch) {
			var c = ch.codePointAt(0);

			if (ch === '"' || ch === '\\')
				out += '\\' + ch;
			else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f))
				out += '\\x' + hex(c, 2);
			else if (c === 0x2028)
				out += '\\L';
			else if (c === 0x2029)
				out += '\\P';
			else if (c === 0xfeff || c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff))
				out += '\\u' + hex(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c, 4);
			else
				out += ch;
		});
		return out + '"';
	}

	/* Text the form reader refuses (C0 controls but tab and line feed) goes. */
	function clean(s) {
		return s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f]/g, '');
	}

	function quoteLines(text) {
		var out = '', p = 0, n;

		while (p < text.length) {
			n = text.indexOf('\n', p);
			if (n < 0)
				n = text.length;
			out += '> ' + text.slice(p, n) + '\n';
			p = n + 1;
		}
		return out;
	}

	/* Edit distance of two words, folded to lower case. */
	function distance(a, b) {
		var row = [], i, j, diag, up;

		a = a.toLowerCase();
		b = b.toLowerCase();
		for (j = 0; j <= b.length; j++)
			row[j] = j;
		for (i = 1; i <= a.length; i++) {
			diag = row[0];
			row[0] = i;
			for (j = 1; j <= b.length; j++) {
				up = row[j];
				row[j] = Math.min(diag + (a[i - 1] === b[j - 1] ? 0 : 1), row[j - 1] + 1, up + 1);
				diag = up;
			}
		}
		return row[b.length];
	}

	/*
	 * Whether egf would take the line for a misspelt field and refuse the
	 * form: its first word (after blanks, list markers and emphasis) within
	 * two edits of Rating, Evidence or Private, or one of them and more
	 * letters, then a colon at once or after at most three more words.
	 */
	var LETTER = '(?:(?![\\uff1a\\ufe55])[A-Za-z\\u0080-\\uffff])';
	var FIELD_SHAPE = new RegExp('^(?:[\\s>*_~`+\\-]|\\d+[.)])*(' + LETTER + '+)[\\s*_~`\\-]*(?:' +
	    LETTER + '+[\\s*_~`\\-]*){0,3}[:\\uff1a\\ufe55]');

	function fieldLike(line) {
		var m = FIELD_SHAPE.exec(line);

		return !!m && ['Rating', 'Evidence', 'Link', 'Private'].some(function (name) {
			return distance(m[1], name) <= 2 ||
			    (m[1].length > name.length && m[1].slice(0, name.length).toLowerCase() ===
			    name.toLowerCase());
		});
	}

	/*
	 * A line of evidence that the reader would take for a heading is
	 * indented by one space; one it would take for a field, exact or
	 * misspelt, gets a backslash before its colon. Nothing else is changed.
	 */
	function guard(line) {
		if (/^#/.test(line))
			return ' ' + line;
		return fieldLike(line) ? line.replace(/[:\uff1a\ufe55]/, '\\$&') : line;
	}

	function evidenceField(raw) {
		var lines = clean(raw).replace(/\s+$/, '').split('\n');

		while (lines.length && lines[0].trim() === '')
			lines.shift();
		if (!lines.length)
			return 'Evidence:\n';
		/* The reader drops blanks after the colon: keep an indented first line below it. */
		if (/^[ \t]/.test(lines[0]))
			return 'Evidence:\n' + lines.map(guard).join('\n') + '\n';
		return 'Evidence: ' + lines[0] + '\n' + lines.slice(1).map(function (l) {
			return guard(l) + '\n';
		}).join('');
	}

	function linkLines(raw) {
		return clean(raw).split('\n').map(function (l) { return l.trim(); })
		    .filter(function (l) { return l !== ''; });
	}

	function linkFields(raw) {
		var lines = linkLines(raw);

		if (!lines.length)
			return 'Link:\n';
		return lines.map(function (l) { return 'Link: ' + l + '\n'; }).join('');
	}

	function formText() {
		var person = state.person.trim(), cycle = state.cycle.trim();
		var name = clean(state.name).replace(/\n/g, ' ').trim() || person;
		var out, last = null;

		out = '---\nladder: ' + yamlQuoted(ladder.id) +
		    '\nversion: ' + yamlQuoted(ladder.version) +
		    '\ncycle: ' + yamlQuoted(cycle) +
		    '\nperson: ' + yamlQuoted(person) +
		    '\nrater: ' + yamlQuoted(person) +
		    '\nrole: self\ntarget: ' + yamlQuoted(state.target) +
		    '\n---\n# ' + name + ': self assessment against ' + state.target + '\n\n';
		out += 'Rate each expectation with one of:';
		ladder.scale.forEach(function (p, i) {
			out += (i ? ',' : '') + ' ' + p.id + ' (' + p.label + ')';
		});
		out += '.\nLeave Rating empty where you cannot judge. Evidence runs to the next ' +
		    'field or heading.\n';
		out += "Tie a rating to the outcome it served with lines 'Link: TARGET (KIND)', as " +
		    'many as needed:\nTARGET an http: or https: URL or okr:KEY-RESULT-ID, KIND one ' +
		    'of ' + LINK_KINDS.join(' ') + '.\n';
		targetItems(state.target).forEach(function (item) {
			var e = item.expectation, rating = state.ratings[e.id] || '';

			if (item.competency !== last) {
				out += '\n## ' + item.competency.title + '\n';
				last = item.competency;
			}
			out += '\n### ' + e.id + '\n' + quoteLines(e.text);
			out += '\nRating:' + (scale[rating] ? ' ' + rating : '') + '\n';
			out += evidenceField(state.evidence[e.id] || '');
			out += linkFields(state.links[e.id] || '');
		});
		return out;
	}

	/* The first field that keeps the form from being imported, with why. */
	function problem() {
		var person = state.person.trim(), cycle = state.cycle.trim();

		if (!PERSON_ID.test(person))
			return { field: el.person, message: person ? 'The person id may hold letters, ' +
			    'digits and . _ @ - and starts with a letter or digit.' :
			    'Enter your person id.' };
		if (!CYCLE_ID.test(cycle))
			return { field: el.cycle, message: cycle ? 'The cycle may hold letters, digits ' +
			    'and . _ - and starts with a letter or digit.' : 'Enter the cycle.' };
		if (!state.track)
			return { field: el.track, message: 'Choose your track.' };
		if (!state.target)
			return { field: el.target, message: 'Choose your target level.' };
		return linkProblem();
	}

	/* The first outcome link egf would refuse (bad-link), with the field that holds it. */
	function linkProblem() {
		var items = targetItems(state.target), i, k, lines;

		for (i = 0; i < items.length; i++) {
			lines = linkLines(state.links[items[i].expectation.id] || '');
			for (k = 0; k < lines.length; k++)
				if (!LINK.test(lines[k]))
					return { field: document.getElementById('ln-' + i), message: 'Outcome ' +
					    'link \u201c' + lines[k] + '\u201d of ' + items[i].expectation.id +
					    ': write an http: or https: URL or okr:KEY-RESULT-ID, then the kind in ' +
					    'parentheses (' + LINK_KINDS.join(', ') + ').' };
		}
		return null;
	}

	function download() {
		var p = problem(), name, url, link;

		if (p) {
			p.field.setAttribute('aria-invalid', 'true');
			setStatus(p.message, true);
			p.field.focus();
			return;
		}
		name = state.person.trim() + '-' + state.cycle.trim() + '-self.md';
		url = URL.createObjectURL(new Blob([formText()], { type: 'text/markdown;charset=utf-8' }));
		link = make('a');
		link.href = url;
		link.download = name;
		link.hidden = true;
		document.body.appendChild(link);
		link.click();
		link.remove();
		setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
		setStatus('Downloaded ' + name + '. Hand it in, or import it with egf assess import ' +
		    name + '.');
	}

	/* ---- events ---- */

	function onEdit(ev) {
		var t = ev.target, id = t.getAttribute('data-expectation');

		if (t.tagName === 'SELECT' && ev.type !== 'change')
			return;
		t.removeAttribute('aria-invalid');
		if (t === el.person)
			state.person = t.value;
		else if (t === el.name)
			state.name = t.value;
		else if (t === el.cycle)
			state.cycle = t.value;
		else if (t === el.track) {
			state.track = t.value;
			state.target = '';
			fillLevels();
			renderItems();
		} else if (t === el.target) {
			state.target = t.value;
			renderItems();
		} else if (id !== null && t.type === 'radio') {
			if (t.value)
				state.ratings[id] = t.value;
			else
				delete state.ratings[id];
		} else if (id !== null && t.tagName === 'TEXTAREA' &&
		    t.getAttribute('data-field') === 'links')
			state.links[id] = t.value;
		else if (id !== null && t.tagName === 'TEXTAREA')
			state.evidence[id] = t.value;
		else
			return;
		save();
		updateReadiness();
	}

	form.addEventListener('input', onEdit);
	form.addEventListener('change', onEdit);
	form.addEventListener('submit', function (ev) { ev.preventDefault(); });
	el.exportButton.addEventListener('click', download);
	el.clearButton.addEventListener('click', clearDraft);

	restore();
	fillLevels();
	renderItems();
	updateReadiness();
}());
