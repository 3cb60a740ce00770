/*
 * model_xml.c: writing the model with libxml2's xmlTextWriter, reading it
 * back with libxml2's parser (no network, no DTD, no entity substitution).
 */
#include "model_xml.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "source.h"
#include "xmlsafe.h"

/* ---- writing ---- */

#define W(call) do { if ((call) < 0) goto err; } while (0)

/* Writes file (when with_file), line and col attributes; line and col only with positions. */
static int
write_pos(xmlTextWriterPtr w, struct model_pos pos, int with_file, int positions)
{
	if (with_file && pos.file != NULL &&
	    xmlTextWriterWriteAttribute(w, BAD_CAST "file", BAD_CAST pos.file) < 0)
		return -1;
	if (!positions || pos.line == 0)
		return 0;
	if (xmlTextWriterWriteFormatAttribute(w, BAD_CAST "line", "%u", pos.line) < 0 ||
	    xmlTextWriterWriteFormatAttribute(w, BAD_CAST "col", "%u", pos.col) < 0)
		return -1;
	return 0;
}

static int
write_text(xmlTextWriterPtr w, const char *name, const char *text)
{
	return xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST(text ? text : ""));
}

/* <name><text>…</text><html>…</html></name> */
static int
write_prose(xmlTextWriterPtr w, const char *name, const char *text, const char *html)
{
	if (xmlTextWriterStartElement(w, BAD_CAST name) < 0 ||
	    write_text(w, "text", text) < 0 || write_text(w, "html", html) < 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

static int
write_head(xmlTextWriterPtr w, const struct model *m, int positions)
{
	size_t i;

	W(write_text(w, "title", m->title));
	W(xmlTextWriterStartElement(w, BAD_CAST "scale"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "meets", BAD_CAST m->meets));
	for (i = 0; i < m->nscale; i++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "point"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST m->scale[i]->id));
		W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "value", "%ld", m->scale[i]->value));
		W(write_pos(w, m->scale[i]->pos, 0, positions));
		W(xmlTextWriterWriteString(w, BAD_CAST m->scale[i]->label));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "promotion"));
	W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "threshold", "%.15g", m->threshold));
	for (i = 0; i < m->nrequired; i++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "required"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "competency", BAD_CAST m->required[i]));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "tracks"));
	for (i = 0; i < m->ntracks; i++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "track"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST m->tracks[i]->id));
		W(write_pos(w, m->tracks[i]->pos, 0, positions));
		W(xmlTextWriterWriteString(w, BAD_CAST m->tracks[i]->title));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "levels"));
	for (i = 0; i < m->nlevels; i++) {
		const struct model_level *l = m->levels[i];

		W(xmlTextWriterStartElement(w, BAD_CAST "level"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST l->id));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "track", BAD_CAST l->track_id));
		W(write_pos(w, l->pos, 0, positions));
		W(xmlTextWriterWriteString(w, BAD_CAST l->title));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "areas"));
	for (i = 0; i < m->nareas; i++)
		W(write_text(w, "area", m->areas[i]));
	W(xmlTextWriterEndElement(w));
	W(write_prose(w, "introduction", m->intro_text, m->intro_html));
	return 0;
err:
	return -1;
}

static int
write_competency(xmlTextWriterPtr w, const struct model_competency *c, int positions)
{
	size_t i;

	W(xmlTextWriterStartElement(w, BAD_CAST "competency"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST c->id));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "area", BAD_CAST c->area));
	W(write_pos(w, c->id_pos, 1, positions));
	W(write_text(w, "title", c->title));
	for (i = 0; i < c->ntracks; i++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "track"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "ref", BAD_CAST c->track_ids[i]));
		W(xmlTextWriterEndElement(w));
	}
	for (i = 0; i < c->nfrom; i++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "from"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "level", BAD_CAST c->from_ids[i]));
		W(xmlTextWriterEndElement(w));
	}
	W(write_prose(w, "description", c->description_text, c->description_html));
	for (i = 0; i < c->nexpectations; i++) {
		const struct model_expectation *e = c->expectations[i];

		W(xmlTextWriterStartElement(w, BAD_CAST "expectation"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST e->id));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "level", BAD_CAST e->level_id));
		W(xmlTextWriterWriteFormatAttribute(w, BAD_CAST "position", "%zu", e->position));
		if (e->explicit_id)
			W(xmlTextWriterWriteAttribute(w, BAD_CAST "explicit", BAD_CAST "true"));
		W(write_pos(w, e->pos, 0, positions));
		W(write_text(w, "text", e->text));
		W(write_text(w, "html", e->html));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	return 0;
err:
	return -1;
}

/* libxml2 output straight into our buffer (which grows by doubling). */
static int
append_output(void *arg, const char *data, int len)
{
	buf_add(arg, data, (size_t)len);
	return len;
}

int
model_xml_write(const struct model *m, int positions, struct buf *out)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(append_output, NULL, out, NULL);
	xmlTextWriterPtr w;
	size_t i;

	if (ob == NULL)
		return -1;
	if ((w = xmlNewTextWriter(ob)) == NULL) {
		xmlOutputBufferClose(ob);
		return -1;
	}
	W(xmlTextWriterSetIndent(w, 1));
	W(xmlTextWriterSetIndentString(w, BAD_CAST "  "));
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	W(xmlTextWriterStartElementNS(w, NULL, BAD_CAST "ladder", BAD_CAST MODEL_XML_NS));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST m->id));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST m->version));
	W(write_pos(w, m->id_pos, 0, positions));
	W(write_head(w, m, positions));
	W(xmlTextWriterStartElement(w, BAD_CAST "competencies"));
	for (i = 0; i < m->ncompetencies; i++)
		W(write_competency(w, m->competencies[i], positions));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);	/* flushes and closes the output buffer */
	return 0;
err:
	xmlFreeTextWriter(w);
	return -1;
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

static void
read_track(struct xreader *x, xmlNodePtr n)
{
	struct model_track *t = model_add_track(x->m);

	t->id = attr(x, n, "id", 1);
	t->title = content(x, n);
	t->pos = attr_pos(x, n, "ladder.md");
}

static void
read_level(struct xreader *x, xmlNodePtr n)
{
	struct model_level *l = model_add_level(x->m);

	l->id = attr(x, n, "id", 1);
	l->track_id = attr(x, n, "track", 1);
	l->title = content(x, n);
	l->pos = attr_pos(x, n, "ladder.md");
	l->track_pos = l->pos;
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
		else
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
	c->area = attr(x, n, "area", 1);
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

static void
read_root(struct xreader *x, xmlNodePtr root)
{
	struct model *m = x->m;
	xmlNodePtr n;

	m->id = attr(x, root, "id", 1);
	m->version = attr(x, root, "version", 1);
	m->id_pos = attr_pos(x, root, "ladder.md");
	m->intro_text = m->intro_html = "";
	for (n = element(root->children); n != NULL; n = element(n->next)) {
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
		} else if (is_element(n, "tracks"))
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
	if (m->title == NULL)
		xml_diag(x, DIAG_MISSING_FIELD, root, "<ladder> has no <%s>", "title");
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
	switch (file_read(path, MODEL_XML_MAX_SIZE, &data, &len)) {
	case FILE_OK:
		break;
	case FILE_TOO_LARGE:
		diag_add(dl, DIAG_TOO_LARGE, path, 0, 0, "model file is larger than %d bytes",
		    MODEL_XML_MAX_SIZE);
		return NULL;
	case FILE_ERRNO:
		fprintf(stderr, "egf: %s: %s\n", path, strerror(errno));
		*io = 1;
		return NULL;
	}
	m = model_xml_parse(data, len, path, dl);
	free(data);
	return m;
}
