/* model_json.c: the model through jansson, which escapes every string. */
#include "model_json.h"

#include <jansson.h>
#include <stdlib.h>

/* json_string, but never NULL for a NULL or (impossible here) invalid string. */
static json_t *
str(const char *s)
{
	json_t *j = json_string(s ? s : "");

	return j ? j : json_null();
}

static json_t *
pos_json(struct model_pos pos)
{
	json_t *o = json_object();

	if (pos.file != NULL)
		json_object_set_new(o, "file", str(pos.file));
	json_object_set_new(o, "line", json_integer(pos.line));
	json_object_set_new(o, "col", json_integer(pos.col));
	return o;
}

static json_t *
prose_json(const char *text, const char *html)
{
	json_t *o = json_object();

	json_object_set_new(o, "text", str(text));
	json_object_set_new(o, "html", str(html));
	return o;
}

static json_t *
head_json(const struct model *m)
{
	json_t *root = json_object(), *a, *o;
	size_t i;

	json_object_set_new(root, "format", str("egf-model/1"));
	json_object_set_new(root, "id", str(m->id));
	json_object_set_new(root, "title", str(m->title));
	json_object_set_new(root, "version", str(m->version));
	json_object_set_new(root, "source", pos_json(m->id_pos));
	a = json_array();
	for (i = 0; i < m->nscale; i++) {
		o = json_object();
		json_object_set_new(o, "id", str(m->scale[i]->id));
		json_object_set_new(o, "label", str(m->scale[i]->label));
		json_object_set_new(o, "value", json_integer(m->scale[i]->value));
		json_object_set_new(o, "source", pos_json(m->scale[i]->pos));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "scale", a);
	json_object_set_new(root, "meets", str(m->meets));
	o = json_object();
	json_object_set_new(o, "threshold", json_real(m->threshold));
	a = json_array();
	for (i = 0; i < m->nrequired; i++)
		json_array_append_new(a, str(m->required[i]));
	json_object_set_new(o, "required", a);
	json_object_set_new(root, "promotion", o);
	if (m->nactivity_terms > 0) {
		a = json_array();
		for (i = 0; i < m->nactivity_terms; i++)
			json_array_append_new(a, str(m->activity_terms[i]));
		json_object_set_new(root, "activity_terms", a);
	}
	if (!m->cumulative)
		json_object_set_new(root, "cumulative", json_false());
	if (m->nchecks > 0) {
		static const char *const level_names[] = { "off", "warning", "error" };

		o = json_object();
		for (i = 0; i < m->nchecks; i++)
			if (m->checks[i].code >= 0 && m->checks[i].level >= 0)
				json_object_set_new(o, m->checks[i].name,
				    str(level_names[m->checks[i].level]));
		json_object_set_new(root, "checks", o);
	}
	a = json_array();
	for (i = 0; i < m->ntracks; i++) {
		const struct model_track *t = m->tracks[i];

		o = json_object();
		json_object_set_new(o, "id", str(t->id));
		json_object_set_new(o, "title", str(t->title));
		if (t->from_id != NULL)
			json_object_set_new(o, "from", str(t->from_id));
		if (t->description_text != NULL)
			json_object_set_new(o, "description",
			    prose_json(t->description_text, t->description_html));
		json_object_set_new(o, "source", pos_json(t->pos));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "tracks", a);
	a = json_array();
	for (i = 0; i < m->nlevels; i++) {
		o = json_object();
		json_object_set_new(o, "id", str(m->levels[i]->id));
		json_object_set_new(o, "title", str(m->levels[i]->title));
		json_object_set_new(o, "track", str(m->levels[i]->track_id));
		json_object_set_new(o, "rank", json_integer((json_int_t)m->levels[i]->rank));
		if (m->levels[i]->description_text != NULL)
			json_object_set_new(o, "description", prose_json(m->levels[i]->description_text,
			    m->levels[i]->description_html));
		json_object_set_new(o, "source", pos_json(m->levels[i]->pos));
		json_array_append_new(a, o);
	}
	json_object_set_new(root, "levels", a);
	a = json_array();
	for (i = 0; i < m->nareas; i++)
		json_array_append_new(a, str(m->areas[i]));
	json_object_set_new(root, "areas", a);
	json_object_set_new(root, "introduction", prose_json(m->intro_text, m->intro_html));
	return root;
}

static json_t *
competency_json(const struct model_competency *c)
{
	json_t *o = json_object(), *a, *e;
	size_t i;

	json_object_set_new(o, "id", str(c->id));
	json_object_set_new(o, "area", c->area ? str(c->area) : json_null());
	if (c->has_order)
		json_object_set_new(o, "order", json_integer((json_int_t)c->order));
	json_object_set_new(o, "title", str(c->title));
	json_object_set_new(o, "source", pos_json(c->id_pos));
	a = json_array();
	for (i = 0; i < c->ntracks; i++)
		json_array_append_new(a, str(c->track_ids[i]));
	json_object_set_new(o, "tracks", a);
	a = json_array();
	for (i = 0; i < c->nfrom; i++)
		json_array_append_new(a, str(c->from_ids[i]));
	json_object_set_new(o, "from", a);
	json_object_set_new(o, "description", prose_json(c->description_text, c->description_html));
	a = json_array();
	for (i = 0; i < c->nexpectations; i++) {
		const struct model_expectation *x = c->expectations[i];

		e = json_object();
		json_object_set_new(e, "id", str(x->id));
		json_object_set_new(e, "explicit_id", json_boolean(x->explicit_id));
		json_object_set_new(e, "level", str(x->level_id));
		json_object_set_new(e, "position", json_integer((json_int_t)x->position));
		json_object_set_new(e, "text", str(x->text));
		json_object_set_new(e, "html", str(x->html));
		if (x->nexamples > 0) {
			json_t *ex = json_array();
			size_t k;

			for (k = 0; k < x->nexamples; k++)
				json_array_append_new(ex, prose_json(x->examples[k].text,
				    x->examples[k].html));
			json_object_set_new(e, "examples", ex);
		}
		if (x->nattrs > 0) {
			json_t *at = json_object();
			size_t k;

			for (k = 0; k < x->nattrs; k++)
				json_object_set_new(at, x->attrs[k].name, str(x->attrs[k].value));
			json_object_set_new(e, "attributes", at);
		}
		json_object_set_new(e, "source", pos_json(x->pos));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "expectations", a);
	return o;
}

int
model_json_write(const struct model *m, struct buf *out)
{
	json_t *root = head_json(m), *a = json_array();
	char *text;
	size_t i;

	for (i = 0; i < m->ncompetencies; i++)
		json_array_append_new(a, competency_json(m->competencies[i]));
	json_object_set_new(root, "competencies", a);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(root);
	if (text == NULL)
		return -1;
	buf_puts(out, text);
	buf_putc(out, '\n');
	free(text);
	return 0;
}
