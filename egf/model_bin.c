/*
 * model_bin.c: the binary form of a model (model_bin.h). The writer and the
 * reader walk the same fields in the same order; the reader rebuilds the
 * model with the calls model_xml.c's reader makes, so what it gives is what
 * the XML gives.
 */
#include "model_bin.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static const char magic[4] = { 'E', 'G', 'F', 'M' };

/* ---- writing ---- */

static void
put_u(struct buf *b, uint64_t v)
{
	unsigned char c[10];
	size_t n = 0;

	do {
		c[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			c[n] |= 0x80;
		n++;
	} while (v != 0);
	buf_add(b, c, n);
}

static void
put_s(struct buf *b, long v)
{
	uint64_t u = (uint64_t)(int64_t)v;

	put_u(b, (u << 1) ^ (v < 0 ? UINT64_MAX : 0));
}

static void
put_str(struct buf *b, const char *s)
{
	size_t n;

	if (s == NULL) {
		put_u(b, 0);
		return;
	}
	n = strlen(s);
	put_u(b, (uint64_t)n + 1);
	buf_add(b, s, n);
}

static void
put_f64(struct buf *b, double d)
{
	unsigned char c[8];
	uint64_t u;
	int i;

	memcpy(&u, &d, sizeof(u));
	for (i = 0; i < 8; i++)
		c[i] = (unsigned char)(u >> (8 * i));
	buf_add(b, c, 8);
}

/* A track's or a level's fields: id, the one it refers to, title, description, position. */
static void
put_step(struct buf *b, const char *id, const char *ref, const char *title, const char *text,
    const char *html, struct model_pos pos)
{
	put_str(b, id);
	put_str(b, ref);
	put_str(b, title);
	put_str(b, text);
	put_str(b, html);
	put_u(b, pos.line);
	put_u(b, pos.col);
}

static void
put_expectation(struct buf *b, const struct model_expectation *e)
{
	size_t i;

	put_str(b, e->id);
	put_str(b, e->level_id);
	put_u(b, e->position);
	put_u(b, e->explicit_id ? 1 : 0);
	put_u(b, e->pos.line);
	put_u(b, e->pos.col);
	put_str(b, e->text);
	put_str(b, e->html);
	put_u(b, e->nexamples);
	for (i = 0; i < e->nexamples; i++) {
		put_str(b, e->examples[i].text);
		put_str(b, e->examples[i].html);
	}
	put_u(b, e->nattrs);
	for (i = 0; i < e->nattrs; i++) {
		put_str(b, e->attrs[i].name);
		put_str(b, e->attrs[i].value);
	}
}

static void
put_competency(struct buf *b, const struct model_competency *c)
{
	size_t i;

	put_str(b, c->id);
	put_str(b, c->area);
	put_u(b, c->has_order ? 1 : 0);
	put_s(b, c->order);
	put_str(b, c->pos.file);
	put_u(b, c->id_pos.line);
	put_u(b, c->id_pos.col);
	put_str(b, c->title);
	put_u(b, c->ntracks);
	for (i = 0; i < c->ntracks; i++)
		put_str(b, c->track_ids[i]);
	put_u(b, c->nfrom);
	for (i = 0; i < c->nfrom; i++)
		put_str(b, c->from_ids[i]);
	put_str(b, c->description_text);
	put_str(b, c->description_html);
	put_u(b, c->nexpectations);
	for (i = 0; i < c->nexpectations; i++)
		put_expectation(b, c->expectations[i]);
}

void
model_bin_write(const struct model *m, struct buf *out)
{
	size_t i;

	buf_add(out, magic, sizeof(magic));
	put_u(out, MODEL_BIN_FORMAT);
	put_str(out, m->id);
	put_str(out, m->version);
	put_u(out, m->cumulative ? 1 : 0);
	put_u(out, m->id_pos.line);
	put_u(out, m->id_pos.col);
	put_str(out, m->title);
	put_str(out, m->meets);
	put_f64(out, m->threshold);
	put_str(out, m->intro_text);
	put_str(out, m->intro_html);
	put_u(out, m->nscale);
	for (i = 0; i < m->nscale; i++) {
		const struct model_scale_point *p = m->scale[i];

		put_str(out, p->id);
		put_str(out, p->label);
		put_s(out, p->value);
		put_u(out, p->pos.line);
		put_u(out, p->pos.col);
	}
	put_u(out, m->nrequired);
	for (i = 0; i < m->nrequired; i++)
		put_str(out, m->required[i]);
	put_u(out, m->nactivity_terms);
	for (i = 0; i < m->nactivity_terms; i++)
		put_str(out, m->activity_terms[i]);
	put_u(out, m->nchecks);
	for (i = 0; i < m->nchecks; i++) {
		put_str(out, m->checks[i].name);
		put_s(out, m->checks[i].level);
	}
	put_u(out, m->ntracks);
	for (i = 0; i < m->ntracks; i++) {
		const struct model_track *t = m->tracks[i];

		put_step(out, t->id, t->from_id, t->title, t->description_text,
		    t->description_html, t->pos);
	}
	put_u(out, m->nlevels);
	for (i = 0; i < m->nlevels; i++) {
		const struct model_level *l = m->levels[i];

		put_step(out, l->id, l->track_id, l->title, l->description_text,
		    l->description_html, l->pos);
	}
	put_u(out, m->ncompetencies);
	for (i = 0; i < m->ncompetencies; i++)
		put_competency(out, m->competencies[i]);
}

/* ---- reading ---- */

struct reader {
	const unsigned char *p, *end;
	struct model *m;
	int bad;		/* set at the first problem; every read after it gives 0 */
};

static uint64_t
get_u(struct reader *r)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (!r->bad) {
		unsigned char c;

		if (r->p == r->end || shift > 63) {
			r->bad = 1;
			break;
		}
		c = *r->p++;
		if (shift == 63 && (c & 0x7e) != 0) {	/* more than 64 bits */
			r->bad = 1;
			break;
		}
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
		shift += 7;
	}
	return 0;
}

static long
get_s(struct reader *r)
{
	uint64_t u = get_u(r);
	int64_t v = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);

	if (v < LONG_MIN || v > LONG_MAX) {
		r->bad = 1;
		return 0;
	}
	return (long)v;
}

static unsigned
get_uint(struct reader *r)
{
	uint64_t v = get_u(r);

	if (v > UINT_MAX) {
		r->bad = 1;
		return 0;
	}
	return (unsigned)v;
}

static int
get_flag(struct reader *r)
{
	uint64_t v = get_u(r);

	if (v > 1)
		r->bad = 1;
	return v == 1;
}

/*
 * How many items follow: each takes a byte at least, so a count above the
 * bytes left is no model (and never a huge allocation).
 */
static size_t
get_count(struct reader *r)
{
	uint64_t v = get_u(r);

	if (v > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return 0;
	}
	return (size_t)v;
}

/* A string in the model's memory, NULL, or "" after a problem. */
static const char *
get_str(struct reader *r)
{
	uint64_t v = get_u(r);
	size_t n;

	if (r->bad)
		return "";
	if (v == 0)
		return NULL;
	if (v - 1 > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return "";
	}
	n = (size_t)(v - 1);
	if (memchr(r->p, '\0', n) != NULL) {
		r->bad = 1;
		return "";
	}
	r->p += n;
	return model_strndup(r->m, (const char *)r->p - n, n);
}

/* A string the XML reader never leaves NULL (a required attribute, a content). */
static const char *
get_req(struct reader *r)
{
	const char *s = get_str(r);

	if (s == NULL) {
		r->bad = 1;
		return "";
	}
	return s;
}

static double
get_f64(struct reader *r)
{
	uint64_t u = 0;
	double d;
	int i;

	if (r->bad || r->end - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		u |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	memcpy(&d, &u, sizeof(d));
	return d;
}

/* put_step's fields; the reference may be NULL unless ref_required. */
static void
get_step(struct reader *r, const char **id, const char **ref, int ref_required,
    const char **title, const char **text, const char **html, struct model_pos *pos)
{
	*id = get_req(r);
	*ref = ref_required ? get_req(r) : get_str(r);
	*title = get_req(r);
	*text = get_str(r);
	*html = get_str(r);
	pos->file = "ladder.md";
	pos->line = get_uint(r);
	pos->col = get_uint(r);
}

static void
get_expectation(struct reader *r, struct model_competency *c)
{
	struct model_expectation *e = model_add_expectation(r->m, c);
	size_t i, n;

	e->id = get_req(r);
	e->level_id = get_req(r);
	e->position = (size_t)get_u(r);
	e->explicit_id = get_flag(r);
	e->pos.file = c->pos.file;
	e->pos.line = get_uint(r);
	e->pos.col = get_uint(r);
	e->id_pos = e->pos;
	e->text = get_req(r);
	e->html = get_req(r);
	n = get_count(r);
	for (i = 0; i < n && !r->bad; i++) {
		const char *text = get_req(r), *html = get_req(r);

		if (!r->bad)
			model_add_example(r->m, e, text, html, e->pos);
	}
	n = get_count(r);
	for (i = 0; i < n && !r->bad; i++) {
		const char *name = get_req(r), *value = get_req(r);

		if (!r->bad)
			model_add_attr(r->m, e, name, value);
	}
}

static void
get_competency(struct reader *r)
{
	struct model_competency *c = model_add_competency(r->m);
	const char **tracks;
	struct model_pos *tpos;
	size_t i, n;

	c->id = get_req(r);
	c->area = get_str(r);
	c->has_order = get_flag(r);
	c->order = get_s(r);
	c->pos.file = get_str(r);
	c->pos.line = c->pos.col = 1;
	c->id_pos.file = c->pos.file;
	c->id_pos.line = get_uint(r);
	c->id_pos.col = get_uint(r);
	c->area_pos = c->id_pos;
	c->title = get_req(r);
	n = get_count(r);
	tracks = xcalloc(n ? n : 1, sizeof(*tracks));
	tpos = xcalloc(n ? n : 1, sizeof(*tpos));
	for (i = 0; i < n && !r->bad; i++) {
		tracks[i] = get_req(r);
		tpos[i] = c->id_pos;
	}
	if (!r->bad)
		model_set_tracks(r->m, c, tracks, tpos, n);
	free(tracks);
	free(tpos);
	n = get_count(r);
	for (i = 0; i < n && !r->bad; i++) {
		const char *level = get_req(r);

		if (!r->bad)
			model_add_from(r->m, c, level, c->id_pos);
	}
	c->description_text = get_req(r);
	c->description_html = get_req(r);
	n = get_count(r);
	for (i = 0; i < n && !r->bad; i++)
		get_expectation(r, c);
}

struct model *
model_bin_read(const void *data, size_t len)
{
	struct reader r = { data, (const unsigned char *)data + len, NULL, 0 };
	struct model *m;
	size_t i, n;

	if (len < sizeof(magic) + 1 || memcmp(data, magic, sizeof(magic)) != 0)
		return NULL;
	r.p += sizeof(magic);
	if (get_u(&r) != MODEL_BIN_FORMAT || r.bad)
		return NULL;
	m = r.m = model_new();
	m->id = get_req(&r);
	m->version = get_req(&r);
	m->cumulative = get_flag(&r);
	m->id_pos.file = "ladder.md";
	m->id_pos.line = get_uint(&r);
	m->id_pos.col = get_uint(&r);
	m->title = get_req(&r);
	m->meets = get_req(&r);
	m->threshold = get_f64(&r);
	/* what model_xml.c refuses: the model could not be written back */
	if (!isfinite(m->threshold) || m->threshold <= 0 || m->threshold > 1)
		r.bad = 1;
	m->intro_text = get_req(&r);
	m->intro_html = get_req(&r);
	n = get_count(&r);
	for (i = 0; i < n && !r.bad; i++) {
		struct model_scale_point *p = model_add_scale_point(m);

		p->id = get_req(&r);
		p->label = get_req(&r);
		p->value = get_s(&r);
		p->pos.file = "ladder.md";
		p->pos.line = get_uint(&r);
		p->pos.col = get_uint(&r);
	}
	n = get_count(&r);
	for (i = 0; i < n && !r.bad; i++) {
		struct model_pos none = { NULL, 0, 0 };
		const char *id = get_req(&r);

		if (!r.bad)
			model_add_required(m, id, none);
	}
	n = get_count(&r);
	for (i = 0; i < n && !r.bad; i++) {
		const char *term = get_req(&r);

		if (!r.bad)
			model_add_activity_term(m, term);
	}
	n = get_count(&r);
	for (i = 0; i < n && !r.bad; i++) {
		const char *name = get_req(&r);
		long level = get_s(&r);
		int code = r.bad ? -1 : diag_lookup(name);
		struct model_check *c;

		/* as model_xml.c: a check names a warning, at off, warning or error */
		if (code < 0 || diag_code_level((enum diag_code)code) != DIAG_WARNING ||
		    level < 0 || level > 2) {
			r.bad = 1;
			break;
		}
		c = model_add_check(m, name);
		c->code = code;
		c->level = (int)level;
	}
	n = get_count(&r);
	for (i = 0; i < n && !r.bad; i++) {
		struct model_track *t = model_add_track(m);

		get_step(&r, &t->id, &t->from_id, 0, &t->title, &t->description_text,
		    &t->description_html, &t->pos);
		t->from_pos = t->pos;
	}
	n = get_count(&r);
	for (i = 0; i < n && !r.bad; i++) {
		struct model_level *l = model_add_level(m);

		get_step(&r, &l->id, &l->track_id, 1, &l->title, &l->description_text,
		    &l->description_html, &l->pos);
		l->track_pos = l->pos;
	}
	n = get_count(&r);
	for (i = 0; i < n && !r.bad; i++)
		get_competency(&r);
	if (r.bad || r.p != r.end) {
		model_free(m);
		return NULL;
	}
	return m;
}
