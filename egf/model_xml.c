/*
 * model_xml.c: writing the model with egf's streaming XML writer (the bytes
 * libxml2's xmlTextWriter wrote, which published hashes depend on), reading
 * it back with libxml2's parser (no network, no DTD, no entity substitution).
 */
#include "model_xml.h"
#include "diag.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


#include "source.h"
#include "xml_writer.h"
#include "xmlsafe.h"

/* last: libxml2's functions are called through the loaded table */
#define XML_LIB_NAMES
#include "xml_lib.h"

/* ---- writing ---- */

/* Writes file (when with_file), line and col attributes; line and col only with positions. */
static void
write_pos(struct xml_writer *w, struct model_pos pos, int with_file, int positions)
{
	if (with_file && pos.file != NULL)
		xml_attr(w, "file", pos.file);
	if (!positions || pos.line == 0)
		return;
	xml_attr_ulong(w, "line", pos.line);
	xml_attr_ulong(w, "col", pos.col);
}

/* <name attr="value"/>, a reference to something defined elsewhere. */
static void
write_ref(struct xml_writer *w, const char *name, const char *attr, const char *value)
{
	xml_start(w, name);
	xml_attr(w, attr, value);
	xml_end(w);
}

/* <name><text>…</text><html>…</html></name> */
static void
write_prose(struct xml_writer *w, const char *name, const char *text, const char *html)
{
	xml_start(w, name);
	xml_element(w, "text", text);
	xml_element(w, "html", html);
	xml_end(w);
}

/*
 * A track's or level's title: its text content, or, with a description,
 * <title> and <description> (no mixed content, whose indentation would
 * change the title).
 */
/* Opens a track's or a level's element: its id, the one it refers to, its position. */
static void
write_step(struct xml_writer *w, const char *name, const char *id, const char *ref_attr,
    const char *ref, struct model_pos pos, int positions)
{
	xml_start(w, name);
	xml_attr(w, "id", id);
	xml_attr(w, ref_attr, ref);
	write_pos(w, pos, 0, positions);
}

static void
write_titled(struct xml_writer *w, const char *title, const char *text, const char *html)
{
	if (text == NULL) {
		xml_text(w, title);
		return;
	}
	xml_element(w, "title", title);
	write_prose(w, "description", text, html);
}

static void
write_head(struct xml_writer *w, const struct model *m, int positions)
{
	char threshold[64];
	size_t i;

	xml_element(w, "title", m->title);
	xml_start(w, "scale");
	xml_attr(w, "meets", m->meets);
	for (i = 0; i < m->nscale; i++) {
		xml_start(w, "point");
		xml_attr(w, "id", m->scale[i]->id);
		xml_attr_long(w, "value", m->scale[i]->value);
		write_pos(w, m->scale[i]->pos, 0, positions);
		xml_text(w, m->scale[i]->label);
		xml_end(w);
	}
	xml_end(w);
	xml_start(w, "promotion");
	snprintf(threshold, sizeof(threshold), "%.15g", m->threshold);
	xml_attr(w, "threshold", threshold);
	for (i = 0; i < m->nrequired; i++)
		write_ref(w, "required", "competency", m->required[i]);
	xml_end(w);
	/* only when given, so that the models of ladders without it keep their bytes */
	if (m->nactivity_terms > 0) {
		xml_start(w, "activity-terms");
		for (i = 0; i < m->nactivity_terms; i++)
			xml_element(w, "term", m->activity_terms[i]);
		xml_end(w);
	}
	if (m->nchecks > 0) {
		static const char *const level_names[] = { "off", "warning", "error" };

		xml_start(w, "checks");
		for (i = 0; i < m->nchecks; i++) {
			if (m->checks[i].code < 0 || m->checks[i].level < 0)
				continue;
			xml_start(w, "check");
			xml_attr(w, "name", m->checks[i].name);
			xml_attr(w, "level", level_names[m->checks[i].level]);
			xml_end(w);
		}
		xml_end(w);
	}
	xml_start(w, "tracks");
	for (i = 0; i < m->ntracks; i++) {
		const struct model_track *t = m->tracks[i];

		write_step(w, "track", t->id, "from", t->from_id, t->pos, positions);
		write_titled(w, t->title, t->description_text, t->description_html);
		xml_end(w);
	}
	xml_end(w);
	xml_start(w, "levels");
	for (i = 0; i < m->nlevels; i++) {
		const struct model_level *l = m->levels[i];

		write_step(w, "level", l->id, "track", l->track_id, l->pos, positions);
		write_titled(w, l->title, l->description_text, l->description_html);
		xml_end(w);
	}
	xml_end(w);
	xml_start(w, "areas");
	for (i = 0; i < m->nareas; i++)
		xml_element(w, "area", m->areas[i]);
	xml_end(w);
	write_prose(w, "introduction", m->intro_text, m->intro_html);
}

static void
write_competency(struct xml_writer *w, const struct model_competency *c, int positions)
{
	size_t i, k;

	xml_start(w, "competency");
	xml_attr(w, "id", c->id);
	xml_attr(w, "area", c->area);
	if (c->has_order)
		xml_attr_long(w, "order", c->order);
	write_pos(w, c->id_pos, 1, positions);
	xml_element(w, "title", c->title);
	for (i = 0; i < c->ntracks; i++)
		write_ref(w, "track", "ref", c->track_ids[i]);
	for (i = 0; i < c->nfrom; i++)
		write_ref(w, "from", "level", c->from_ids[i]);
	write_prose(w, "description", c->description_text, c->description_html);
	for (i = 0; i < c->nexpectations; i++) {
		const struct model_expectation *e = c->expectations[i];

		xml_start(w, "expectation");
		xml_attr(w, "id", e->id);
		xml_attr(w, "level", e->level_id);
		xml_attr_ulong(w, "position", e->position);
		if (e->explicit_id)
			xml_attr(w, "explicit", "true");
		write_pos(w, e->pos, 0, positions);
		xml_element(w, "text", e->text);
		xml_element(w, "html", e->html);
		for (k = 0; k < e->nexamples; k++)
			write_prose(w, "example", e->examples[k].text, e->examples[k].html);
		for (k = 0; k < e->nattrs; k++) {
			xml_start(w, "attr");
			xml_attr(w, "name", e->attrs[k].name);
			xml_text(w, e->attrs[k].value);
			xml_end(w);
		}
		xml_end(w);
	}
	xml_end(w);
}

static int
write_model(struct xml_writer *w, const struct model *m, int positions)
{
	size_t i;

	xml_start(w, "ladder");
	xml_attr(w, "id", m->id);
	xml_attr(w, "version", m->version);
	if (!m->cumulative)
		xml_attr(w, "cumulative", "false");
	write_pos(w, m->id_pos, 0, positions);
	xml_namespace(w, MODEL_XML_NS);
	write_head(w, m, positions);
	xml_start(w, "competencies");
	for (i = 0; i < m->ncompetencies; i++)
		write_competency(w, m->competencies[i], positions);
	xml_end(w);
	return xml_writer_finish(w);
}

int
model_xml_write(const struct model *m, int positions, struct buf *out)
{
	struct xml_writer w;

	xml_writer_begin(&w, out);
	return write_model(&w, m, positions);
}

int
model_xml_write_to(const struct model *m, int positions, xml_flush_fn flush, void *arg)
{
	struct xml_writer w;
	struct buf chunk = {0};
	int rc;

	xml_writer_begin(&w, &chunk);
	xml_writer_sink(&w, flush, arg);
	rc = write_model(&w, m, positions);
	buf_free(&chunk);
	return rc;
}

/* ---- reading ---- */

/* Compiled models may be far larger than a source file. */
#define MODEL_XML_MAX_SIZE (256 * 1024 * 1024)

struct xreader {
	struct model *m;
	struct diag_list *dl;
	const char *path;
};

static void
xml_diag(struct xreader *x, enum diag_code code, xmlNodePtr node, const char *fmt,
    const char *arg)
{
	diag_add(x->dl, code, x->path, node ? (unsigned)xmlGetLineNo(node) : 0, node ? 1 : 0,
	    fmt, arg);
}

static int
is_element(xmlNodePtr n, const char *name)
{
	return xmlsafe_is(n, MODEL_XML_NS, name);
}

/* The next element sibling from n on (n included), or NULL. */
static xmlNodePtr
element(xmlNodePtr n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

/* An attribute copied into the model; reports [missing-field] when absent. */
static const char *
attr(struct xreader *x, xmlNodePtr n, const char *name, int required)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
	const char *s;

	if (v == NULL) {
		if (required)
			diag_add(x->dl, DIAG_MISSING_FIELD, x->path, (unsigned)xmlGetLineNo(n), 1,
			    "<%s> has no '%s' attribute", (const char *)n->name, name);
		return NULL;
	}
	s = model_strdup(x->m, (const char *)v);
	xmlFree(v);
	return s;
}

static unsigned long
attr_number(struct xreader *x, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
	unsigned long value = 0;
	char *end;

	if (v == NULL)
		return 0;
	value = strtoul((const char *)v, &end, 10);
	if (*v == '\0' || *end != '\0')
		xml_diag(x, DIAG_BAD_VALUE, n, "attribute '%s' is not a number", name);
	xmlFree(v);
	return value;
}

static struct model_pos
attr_pos(struct xreader *x, xmlNodePtr n, const char *file)
{
	struct model_pos p;

	p.file = file;
	p.line = (unsigned)attr_number(x, n, "line");
	p.col = (unsigned)attr_number(x, n, "col");
	return p;
}

static const char *
content(struct xreader *x, xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *s = model_strdup(x->m, v ? (const char *)v : "");

	xmlFree(v);
	return s;
}

/* Reads <name><text/><html/></name>. */
static void
read_prose(struct xreader *x, xmlNodePtr n, const char **text, const char **html)
{
	xmlNodePtr c;

	*text = *html = "";
	for (c = element(n->children); c != NULL; c = element(c->next)) {
		if (is_element(c, "text"))
			*text = content(x, c);
		else if (is_element(c, "html"))
			*html = content(x, c);
		else
			xml_diag(x, DIAG_XML_SYNTAX, c, "unexpected element <%s>", (const char *)c->name);
	}
}

static void
read_list(struct xreader *x, xmlNodePtr n, const char *child,
    void (*fn)(struct xreader *, xmlNodePtr))
{
	xmlNodePtr c;

	for (c = element(n->children); c != NULL; c = element(c->next)) {
		if (is_element(c, child))
			fn(x, c);
		else
			xml_diag(x, DIAG_XML_SYNTAX, c, "unexpected element <%s>", (const char *)c->name);
	}
}

static void
read_point(struct xreader *x, xmlNodePtr n)
{
	struct model_scale_point *p = model_add_scale_point(x->m);
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST "value");

	p->id = attr(x, n, "id", 1);
	p->label = content(x, n);
	p->pos = attr_pos(x, n, "ladder.md");
	if (v == NULL)
		xml_diag(x, DIAG_MISSING_FIELD, n, "<point> has no '%s' attribute", "value");
	else {
		char *end;

		p->value = strtol((const char *)v, &end, 10);
		if (*v == '\0' || *end != '\0')
			xml_diag(x, DIAG_BAD_VALUE, n, "scale value '%s' is not a whole number",
			    (const char *)v);
		xmlFree(v);
	}
}

static void
read_required(struct xreader *x, xmlNodePtr n)
{
	struct model_pos none = { NULL, 0, 0 };
	const char *id = attr(x, n, "competency", 1);

	if (id != NULL)
		model_add_required(x->m, id, none);
}

/*
 * A track's or level's title: its content, or its <title> beside a
 * <description>, which goes to *text and *html (else both NULL).
 */
static const char *
titled(struct xreader *x, xmlNodePtr n, const char **text, const char **html)
{
	const char *title = NULL;
	xmlNodePtr c;

	*text = *html = NULL;
	if (element(n->children) == NULL)
		return content(x, n);
	for (c = element(n->children); c != NULL; c = element(c->next)) {
		if (is_element(c, "title"))
			title = content(x, c);
		else if (is_element(c, "description"))
			read_prose(x, c, text, html);
		else
			xml_diag(x, DIAG_XML_SYNTAX, c, "unexpected element <%s>", (const char *)c->name);
	}
	return title ? title : "";
}

static void
read_term(struct xreader *x, xmlNodePtr n)
{
	model_add_activity_term(x->m, content(x, n));
}

/*
 * A track's or a level's fields, in document order: its id, the attribute
 * it refers by (ref_attr), title and description, and its position, which
 * is the reference's too.
 */
static void
read_step(struct xreader *x, xmlNodePtr n, const char *ref_attr, int ref_required,
    const char **id, const char **ref, const char **title, const char **text,
    const char **html, struct model_pos *pos, struct model_pos *ref_pos)
{
	*id = attr(x, n, "id", 1);
	*ref = attr(x, n, ref_attr, ref_required);
	*title = titled(x, n, text, html);
	*pos = attr_pos(x, n, "ladder.md");
	*ref_pos = *pos;
}

static void
read_track(struct xreader *x, xmlNodePtr n)
{
	struct model_track *t = model_add_track(x->m);

	read_step(x, n, "from", 0, &t->id, &t->from_id, &t->title, &t->description_text,
	    &t->description_html, &t->pos, &t->from_pos);
}

static void
read_level(struct xreader *x, xmlNodePtr n)
{
	struct model_level *l = model_add_level(x->m);

	read_step(x, n, "track", 1, &l->id, &l->track_id, &l->title, &l->description_text,
	    &l->description_html, &l->pos, &l->track_pos);
}

static void
read_check(struct xreader *x, xmlNodePtr n)
{
	static const char *const levels[] = { "off", "warning", "error" };
	const char *name = attr(x, n, "name", 1), *level = attr(x, n, "level", 1);
	struct model_check *c;
	int k;

	if (name == NULL || level == NULL)
		return;
	c = model_add_check(x->m, name);
	c->code = diag_lookup(name);
	for (k = 0; k < 3; k++)
		if (strcmp(level, levels[k]) == 0)
			c->level = k;
	if (c->code < 0 || diag_code_level((enum diag_code)c->code) != DIAG_WARNING)
		xml_diag(x, DIAG_BAD_VALUE, n, "<check> names '%s', which is not a warning", name);
	else if (c->level < 0)
		xml_diag(x, DIAG_BAD_VALUE, n, "<check> level '%s' is not off, warning or error",
		    level);
}

static void
read_area(struct xreader *x, xmlNodePtr n)
{
	(void)x;
	(void)n;	/* areas are derived again from the competencies */
}

static void
read_expectation(struct xreader *x, struct model_competency *c, xmlNodePtr n)
{
	struct model_expectation *e = model_add_expectation(x->m, c);
	xmlChar *explicit_id = xmlGetNoNsProp(n, BAD_CAST "explicit");
	xmlNodePtr k;

	e->id = attr(x, n, "id", 1);
	e->level_id = attr(x, n, "level", 1);
	if (e->level_id == NULL)
		e->level_id = "";
	e->position = attr_number(x, n, "position");
	e->explicit_id = explicit_id != NULL && xmlStrcmp(explicit_id, BAD_CAST "true") == 0;
	xmlFree(explicit_id);
	e->pos = attr_pos(x, n, c->pos.file);
	e->id_pos = e->pos;
	e->text = e->html = "";
	for (k = element(n->children); k != NULL; k = element(k->next)) {
		if (is_element(k, "text"))
			e->text = content(x, k);
		else if (is_element(k, "html"))
			e->html = content(x, k);
		else if (is_element(k, "example")) {
			const char *text, *html;

			read_prose(x, k, &text, &html);
			model_add_example(x->m, e, text, html, e->pos);
		} else if (is_element(k, "attr")) {
			const char *name = attr(x, k, "name", 1);

			if (name != NULL)
				model_add_attr(x->m, e, name, content(x, k));
		} else
			xml_diag(x, DIAG_XML_SYNTAX, k, "unexpected element <%s>", (const char *)k->name);
	}
}

static void
read_competency(struct xreader *x, xmlNodePtr n)
{
	struct model_competency *c = model_add_competency(x->m);
	const char **tracks = NULL;
	struct model_pos *tpos = NULL;
	size_t ntracks = 0, cap = 0, pcap = 0;
	xmlNodePtr k;

	c->id = attr(x, n, "id", 1);
	c->area = attr(x, n, "area", 0);
	{
		xmlChar *o = xmlGetNoNsProp(n, BAD_CAST "order");

		if (o != NULL) {
			char *end;

			errno = 0;
			c->order = strtol((const char *)o, &end, 10);
			if (*o == '\0' || *end != '\0' || errno != 0)
				xml_diag(x, DIAG_BAD_VALUE, n, "order '%s' is not a whole number",
				    (const char *)o);
			c->has_order = 1;
			xmlFree(o);
		}
	}
	c->pos.file = attr(x, n, "file", 0);
	c->pos.line = c->pos.col = 1;
	c->id_pos = attr_pos(x, n, c->pos.file);
	c->area_pos = c->id_pos;
	c->description_text = c->description_html = "";
	for (k = element(n->children); k != NULL; k = element(k->next)) {
		if (is_element(k, "title"))
			c->title = content(x, k);
		else if (is_element(k, "track")) {
			const char *ref = attr(x, k, "ref", 1);

			if (ref == NULL)
				continue;
			xgrow((void **)&tracks, &cap, ntracks + 1, sizeof(*tracks));
			xgrow((void **)&tpos, &pcap, ntracks + 1, sizeof(*tpos));
			tpos[ntracks] = c->id_pos;
			tracks[ntracks++] = ref;
		} else if (is_element(k, "from")) {
			const char *level = attr(x, k, "level", 1);

			if (level != NULL)
				model_add_from(x->m, c, level, c->id_pos);
		} else if (is_element(k, "description"))
			read_prose(x, k, &c->description_text, &c->description_html);
		else if (is_element(k, "expectation"))
			read_expectation(x, c, k);
		else
			xml_diag(x, DIAG_XML_SYNTAX, k, "unexpected element <%s>", (const char *)k->name);
	}
	model_set_tracks(x->m, c, tracks, tpos, ntracks);
	free(tracks);
	free(tpos);
	if (c->title == NULL)
		c->title = c->id ? c->id : "";
}

/* The children docs/egf-model.rng requires of <ladder>, in its order. */
static const char *const root_children[] = {
	"title", "scale", "promotion", "tracks", "levels", "areas", "introduction",
	"competencies", NULL,
};

static void
read_root(struct xreader *x, xmlNodePtr root)
{
	struct model *m = x->m;
	xmlNodePtr n;
	unsigned seen = 0;
	size_t i;

	m->id = attr(x, root, "id", 1);
	m->version = attr(x, root, "version", 1);
	{
		const char *cum = attr(x, root, "cumulative", 0);

		if (cum != NULL && strcmp(cum, "false") == 0)
			m->cumulative = 0;
		else if (cum != NULL && strcmp(cum, "true") != 0)
			xml_diag(x, DIAG_BAD_VALUE, root, "cumulative '%s' is not true or false", cum);
	}
	m->id_pos = attr_pos(x, root, "ladder.md");
	m->intro_text = m->intro_html = "";
	for (n = element(root->children); n != NULL; n = element(n->next)) {
		for (i = 0; root_children[i] != NULL; i++)
			if (is_element(n, root_children[i]))
				seen |= 1u << i;
		if (is_element(n, "title"))
			m->title = content(x, n);
		else if (is_element(n, "scale")) {
			m->meets = attr(x, n, "meets", 1);
			read_list(x, n, "point", read_point);
		} else if (is_element(n, "promotion")) {
			xmlChar *t = xmlGetNoNsProp(n, BAD_CAST "threshold");
			char *end;

			if (t == NULL) {
				xml_diag(x, DIAG_MISSING_FIELD, n, "<promotion> has no '%s' attribute",
				    "threshold");
				continue;
			}
			m->threshold = strtod((const char *)t, &end);
			if (*t == '\0' || *end != '\0' || !isfinite(m->threshold) ||
			    m->threshold <= 0 || m->threshold > 1)
				xml_diag(x, DIAG_BAD_VALUE, n, "threshold '%s' is not above 0 and at most 1",
				    (const char *)t);
			xmlFree(t);
			read_list(x, n, "required", read_required);
		} else if (is_element(n, "activity-terms"))
			read_list(x, n, "term", read_term);
		else if (is_element(n, "checks"))
			read_list(x, n, "check", read_check);
		else if (is_element(n, "tracks"))
			read_list(x, n, "track", read_track);
		else if (is_element(n, "levels"))
			read_list(x, n, "level", read_level);
		else if (is_element(n, "areas"))
			read_list(x, n, "area", read_area);
		else if (is_element(n, "introduction"))
			read_prose(x, n, &m->intro_text, &m->intro_html);
		else if (is_element(n, "competencies"))
			read_list(x, n, "competency", read_competency);
		else
			xml_diag(x, DIAG_XML_SYNTAX, n, "unexpected element <%s>", (const char *)n->name);
	}
	/*
	 * Without <promotion> the threshold would be 0, which the model
	 * cannot be written with and read back (found by fuzz_model_xml).
	 */
	for (i = 0; root_children[i] != NULL; i++)
		if (!(seen & (1u << i)))
			xml_diag(x, DIAG_MISSING_FIELD, root, "<ladder> has no <%s>", root_children[i]);
}

struct model *
model_xml_parse(const char *data, size_t len, const char *name, struct diag_list *dl)
{
	struct xreader x = { NULL, dl, name };
	xmlDocPtr doc;
	xmlNodePtr root;
	size_t errors = diag_errors(dl);

	if ((doc = xmlsafe_read(data, len, name, "a model file", dl)) == NULL)
		return NULL;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !xmlsafe_is(root, MODEL_XML_NS, "ladder")) {
		diag_add(dl, DIAG_XML_SYNTAX, name, root ? (unsigned)xmlGetLineNo(root) : 1, 1,
		    "not an egf model: the root must be <ladder xmlns=\"%s\">", MODEL_XML_NS);
		xmlFreeDoc(doc);
		return NULL;
	}
	x.m = model_new();
	read_root(&x, root);
	xmlFreeDoc(doc);
	if (diag_errors(dl) > errors) {
		model_free(x.m);
		return NULL;
	}
	return x.m;
}

struct model *
model_xml_read(const char *path, struct diag_list *dl, int *io)
{
	struct model *m;
	char *data;
	size_t len;

	*io = 0;
	switch (diag_file_read(dl, path, MODEL_XML_MAX_SIZE, "model file", &data, &len)) {
	case FILE_OK:
		break;
	case FILE_TOO_LARGE:
		return NULL;
	case FILE_ERRNO:
		*io = 1;
		return NULL;
	}
	m = model_xml_parse(data, len, path, dl);
	free(data);
	return m;
}
