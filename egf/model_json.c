/* model_json.c: the model through the streaming JSON writer (json_text.h). */
#include "model_json.h"

#include <string.h>

#include "json_text.h"

/* A string member; NULL writes "" (the model's strings are UTF-8, checked on reading). */
static void
str(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s ? s : "");
}

static void
integer(struct jw *w, const char *key, long long v)
{
	jw_key(w, key);
	jw_int(w, v);
}

static void
pos_json(struct jw *w, const char *key, struct model_pos pos)
{
	jw_key(w, key);
	jw_object_begin(w);
	if (pos.file != NULL)
		str(w, "file", pos.file);
	integer(w, "line", pos.line);
	integer(w, "col", pos.col);
	jw_object_end(w);
}

static void
prose_json(struct jw *w, const char *text, const char *html)
{
	jw_object_begin(w);
	str(w, "text", text);
	str(w, "html", html);
	jw_object_end(w);
}

static void
prose_member(struct jw *w, const char *key, const char *text, const char *html)
{
	jw_key(w, key);
	prose_json(w, text, html);
}

static void
string_array(struct jw *w, const char *key, const char *const *items, size_t n)
{
	size_t i;

	jw_key(w, key);
	jw_array_begin(w);
	for (i = 0; i < n; i++)
		jw_string(w, items[i] ? items[i] : "");
	jw_array_end(w);
}

/* Whether the ladder's checks entry i is one the model keeps (a known check, a valid level). */
static int
check_kept(const struct model *m, size_t i)
{
	return m->checks[i].code >= 0 && m->checks[i].level >= 0;
}

/*
 * An object keeps a name once, where it first stood, with the value given
 * last (as a JSON object built member by member does): the checks and the
 * attributes under a name written twice.
 */
static void
checks_json(struct jw *w, const struct model *m)
{
	static const char *const level_names[] = { "off", "warning", "error" };
	size_t i, j, last;

	jw_key(w, "checks");
	jw_object_begin(w);
	for (i = 0; i < m->nchecks; i++) {
		if (!check_kept(m, i))
			continue;
		for (j = 0; j < i; j++)
			if (check_kept(m, j) && strcmp(m->checks[j].name, m->checks[i].name) == 0)
				break;
		if (j < i)
			continue;
		for (last = j = i; j < m->nchecks; j++)
			if (check_kept(m, j) && strcmp(m->checks[j].name, m->checks[i].name) == 0)
				last = j;
		str(w, m->checks[i].name, level_names[m->checks[last].level]);
	}
	jw_object_end(w);
}

static void
attributes_json(struct jw *w, const struct model_expectation *x)
{
	size_t i, j, last;

	jw_key(w, "attributes");
	jw_object_begin(w);
	for (i = 0; i < x->nattrs; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(x->attrs[j].name, x->attrs[i].name) == 0)
				break;
		if (j < i)
			continue;
		for (last = j = i; j < x->nattrs; j++)
			if (strcmp(x->attrs[j].name, x->attrs[i].name) == 0)
				last = j;
		str(w, x->attrs[i].name, x->attrs[last].value);
	}
	jw_object_end(w);
}

static void
head_json(struct jw *w, const struct model *m)
{
	size_t i;

	str(w, "format", "egf-model/1");
	str(w, "id", m->id);
	str(w, "title", m->title);
	str(w, "version", m->version);
	pos_json(w, "source", m->id_pos);
	jw_key(w, "scale");
	jw_array_begin(w);
	for (i = 0; i < m->nscale; i++) {
		jw_object_begin(w);
		str(w, "id", m->scale[i]->id);
		str(w, "label", m->scale[i]->label);
		integer(w, "value", m->scale[i]->value);
		pos_json(w, "source", m->scale[i]->pos);
		jw_object_end(w);
	}
	jw_array_end(w);
	str(w, "meets", m->meets);
	jw_key(w, "promotion");
	jw_object_begin(w);
	jw_key(w, "threshold");
	jw_real(w, m->threshold);
	string_array(w, "required", m->required, m->nrequired);
	jw_object_end(w);
	if (m->nactivity_terms > 0)
		string_array(w, "activity_terms", m->activity_terms, m->nactivity_terms);
	if (!m->cumulative) {
		jw_key(w, "cumulative");
		jw_bool(w, 0);
	}
	if (m->nchecks > 0)
		checks_json(w, m);
	jw_key(w, "tracks");
	jw_array_begin(w);
	for (i = 0; i < m->ntracks; i++) {
		const struct model_track *t = m->tracks[i];

		jw_object_begin(w);
		str(w, "id", t->id);
		str(w, "title", t->title);
		if (t->from_id != NULL)
			str(w, "from", t->from_id);
		if (t->description_text != NULL)
			prose_member(w, "description", t->description_text, t->description_html);
		pos_json(w, "source", t->pos);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_key(w, "levels");
	jw_array_begin(w);
	for (i = 0; i < m->nlevels; i++) {
		const struct model_level *l = m->levels[i];

		jw_object_begin(w);
		str(w, "id", l->id);
		str(w, "title", l->title);
		str(w, "track", l->track_id);
		integer(w, "rank", (long long)l->rank);
		if (l->description_text != NULL)
			prose_member(w, "description", l->description_text, l->description_html);
		pos_json(w, "source", l->pos);
		jw_object_end(w);
	}
	jw_array_end(w);
	string_array(w, "areas", m->areas, m->nareas);
	prose_member(w, "introduction", m->intro_text, m->intro_html);
}

static void
expectation_json(struct jw *w, const struct model_expectation *x)
{
	size_t k;

	jw_object_begin(w);
	str(w, "id", x->id);
	jw_key(w, "explicit_id");
	jw_bool(w, x->explicit_id);
	str(w, "level", x->level_id);
	integer(w, "position", (long long)x->position);
	str(w, "text", x->text);
	str(w, "html", x->html);
	if (x->nexamples > 0) {
		jw_key(w, "examples");
		jw_array_begin(w);
		for (k = 0; k < x->nexamples; k++)
			prose_json(w, x->examples[k].text, x->examples[k].html);
		jw_array_end(w);
	}
	if (x->nattrs > 0)
		attributes_json(w, x);
	pos_json(w, "source", x->pos);
	jw_object_end(w);
}

static void
competency_json(struct jw *w, const struct model_competency *c)
{
	size_t i;

	jw_object_begin(w);
	str(w, "id", c->id);
	jw_key(w, "area");
	jw_string(w, c->area);	/* null when the competency has none */
	if (c->has_order)
		integer(w, "order", (long long)c->order);
	str(w, "title", c->title);
	pos_json(w, "source", c->id_pos);
	string_array(w, "tracks", c->track_ids, c->ntracks);
	string_array(w, "from", c->from_ids, c->nfrom);
	prose_member(w, "description", c->description_text, c->description_html);
	jw_key(w, "expectations");
	jw_array_begin(w);
	for (i = 0; i < c->nexpectations; i++)
		expectation_json(w, c->expectations[i]);
	jw_array_end(w);
	jw_object_end(w);
}

int
model_json_write(const struct model *m, struct buf *out)
{
	struct jw w;
	size_t i;

	jw_init(&w, out, 15);
	jw_object_begin(&w);
	head_json(&w, m);
	jw_key(&w, "competencies");
	jw_array_begin(&w);
	for (i = 0; i < m->ncompetencies; i++)
		competency_json(&w, m->competencies[i]);
	jw_array_end(&w);
	jw_object_end(&w);
	buf_putc(out, '\n');
	return 0;
}
