/* packet_template.c: reading the packet layout. */
#include "packet_template.h"
#include "diag.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "util.h"
#include "xmlsafe.h"

/* last: libxml2's functions are called through the loaded table */
#define XML_LIB_NAMES
#include "xml_lib.h"

#define TEMPLATE_NS "urn:x-egf:packet:1"
#define TEMPLATE_MAX_SIZE (1024 * 1024)

static const char *const section_names[SECTION__MAX] = { "cover", "summary", "team",
	"competencies", "calibration", "decision", "signoff" };
static const char *const audience_names[AUDIENCE__MAX] = { "committee", "employee" };
static const char *const style_names[STYLE__MAX] = { "title", "heading", "subheading",
	"body", "small", "private" };

const char *
packet_section_name(enum packet_section s)
{
	return section_names[s];
}

const char *
packet_audience_name(enum packet_audience a)
{
	return audience_names[a];
}

int
packet_audience_parse(const char *s)
{
	int i;

	for (i = 0; i < AUDIENCE__MAX; i++)
		if (strcmp(audience_names[i], s) == 0)
			return i;
	return -1;
}

struct treader {
	struct packet_template *t;
	struct diag_list *dl;
	const char *path;
};

static void
tdiag(struct treader *r, enum diag_code code, xmlNodePtr n, const char *fmt, const char *a,
    const char *b)
{
	diag_add(r->dl, code, r->path, n ? (unsigned)xmlGetLineNo(n) : 1, 1, fmt, a, b);
}

static int
is(xmlNodePtr n, const char *name)
{
	return xmlsafe_is(n, TEMPLATE_NS, name);
}

/* Warns about attributes not in allowed (NULL-terminated). */
static void
check_attrs(struct treader *r, xmlNodePtr n, const char *const allowed[])
{
	xmlAttrPtr a;
	size_t i;

	for (a = n->properties; a != NULL; a = a->next) {
		for (i = 0; allowed[i] != NULL; i++)
			if (xmlStrcmp(a->name, BAD_CAST allowed[i]) == 0)
				break;
		if (allowed[i] == NULL)
			tdiag(r, DIAG_UNKNOWN_KEY, n, "unknown attribute '%s' on <%s>",
			    (const char *)a->name, (const char *)n->name);
	}
}

/* An attribute's value (caller frees with xmlFree), or NULL after [missing-field]. */
static char *
need(struct treader *r, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);

	if (v == NULL)
		tdiag(r, DIAG_MISSING_FIELD, n, "<%s> has no '%s' attribute", (const char *)n->name,
		    name);
	return (char *)v;
}

/* A plain decimal: digits with at most one point, nothing else. */
static int
plain_decimal(const char *s)
{
	int digits = 0, points = 0;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && points++ == 0)
			continue;
		else
			return 0;
	}
	return digits > 0;
}

/*
 * A length in points within (0, max] (or [0, max] when zero_ok); *out kept
 * when absent or bad. Font sizes go up to 600 points, and pages up to the
 * 14400 points that PDF viewers accept (the PDF reference's limit).
 */
static void
length(struct treader *r, xmlNodePtr n, const char *name, float *out, int zero_ok, double max)
{
	char *v = (char *)xmlGetNoNsProp(n, BAD_CAST name);
	double d;

	if (v == NULL)
		return;
	d = plain_decimal(v) ? strtod(v, NULL) : -1;
	if (d < 0 || (!zero_ok && d == 0) || d > max) {
		char range[64];

		snprintf(range, sizeof(range), "a length in points up to %g ('%s')", max, v);
		tdiag(r, DIAG_BAD_VALUE, n, "'%s' is not %s", name, range);
	} else
		*out = (float)d;
	xmlFree(v);
}

static void
color(struct treader *r, xmlNodePtr n, const char *name, struct packet_color *out, int required)
{
	char *v = required ? need(r, n, name) : (char *)xmlGetNoNsProp(n, BAD_CAST name);
	unsigned rgb;
	char tail;

	if (v == NULL)
		return;
	if (strlen(v) != 7 || v[0] != '#' || strspn(v + 1, "0123456789abcdefABCDEF") != 6 ||
	    sscanf(v, "#%6x%c", &rgb, &tail) != 1)
		tdiag(r, DIAG_BAD_VALUE, n, "'%s' is not a colour #rrggbb ('%s')", name, v);
	else {
		out->r = (float)((rgb >> 16) & 0xff) / 255.0f;
		out->g = (float)((rgb >> 8) & 0xff) / 255.0f;
		out->b = (float)(rgb & 0xff) / 255.0f;
	}
	xmlFree(v);
}

static void
read_page(struct treader *r, xmlNodePtr n)
{
	static const char *const attrs[] = { "size", "width", "height", "margin-top",
	    "margin-right", "margin-bottom", "margin-left", NULL };
	struct packet_template *t = r->t;
	xmlChar *size = xmlGetNoNsProp(n, BAD_CAST "size");

	check_attrs(r, n, attrs);
	if (size != NULL) {
		if (xmlStrcmp(size, BAD_CAST "A4") == 0) {
			t->width = 595.276f;
			t->height = 841.89f;
		} else if (xmlStrcmp(size, BAD_CAST "Letter") == 0) {
			t->width = 612;
			t->height = 792;
		} else
			tdiag(r, DIAG_BAD_VALUE, n, "page size '%s' is not A4 or Letter%s",
			    (const char *)size, " (or give width and height)");
		xmlFree(size);
	}
	length(r, n, "width", &t->width, 0, 14400);
	length(r, n, "height", &t->height, 0, 14400);
	length(r, n, "margin-top", &t->margin_top, 1, 14400);
	length(r, n, "margin-right", &t->margin_right, 1, 14400);
	length(r, n, "margin-bottom", &t->margin_bottom, 1, 14400);
	length(r, n, "margin-left", &t->margin_left, 1, 14400);
	if (t->margin_left + t->margin_right > t->width - 144 ||
	    t->margin_top + t->margin_bottom > t->height - 144)
		tdiag(r, DIAG_BAD_VALUE, n, "the margins leave less than 2 inches of %s%s", "page",
		    "");
}

/* A font file name into *slot (replacing what was there). */
static void
font_name(struct treader *r, xmlNodePtr n, const char *which, char **slot)
{
	char *v = need(r, n, which);

	if (v == NULL)
		return;
	if (*v == '\0')
		tdiag(r, DIAG_BAD_VALUE, n, "the %s font has no file name%s", which, "");
	else {
		free(*slot);
		*slot = xstrdup(v);
	}
	xmlFree(v);
}

static void
read_fonts(struct treader *r, xmlNodePtr n)
{
	static const char *const attrs[] = { "regular", "bold", NULL };

	check_attrs(r, n, attrs);
	font_name(r, n, "regular", &r->t->font_regular);
	font_name(r, n, "bold", &r->t->font_bold);
}

static void
read_style(struct treader *r, xmlNodePtr n)
{
	static const char *const attrs[] = { "name", "font", "size", "color", NULL };
	char *name = need(r, n, "name"), *font;
	struct packet_style *s = NULL;
	int i;

	check_attrs(r, n, attrs);
	if (name == NULL)
		return;
	for (i = 0; i < STYLE__MAX; i++)
		if (strcmp(style_names[i], name) == 0)
			s = &r->t->style[i];
	if (s == NULL) {
		tdiag(r, DIAG_BAD_VALUE, n, "unknown style '%s'%s", name, "");
		xmlFree(name);
		return;
	}
	xmlFree(name);
	if ((font = (char *)xmlGetNoNsProp(n, BAD_CAST "font")) != NULL) {
		if (strcmp(font, "bold") == 0 || strcmp(font, "regular") == 0)
			s->bold = strcmp(font, "bold") == 0;
		else
			tdiag(r, DIAG_BAD_VALUE, n, "font '%s' is not regular or bold%s", font, "");
		xmlFree(font);
	}
	length(r, n, "size", &s->size, 0, 600);
	color(r, n, "color", &s->color, 0);
}

static void
read_colors(struct treader *r, xmlNodePtr n)
{
	static const char *const attrs[] = { "self", "manager", "peer", "rule", NULL };

	check_attrs(r, n, attrs);
	color(r, n, "self", &r->t->self, 0);
	color(r, n, "manager", &r->t->manager, 0);
	color(r, n, "peer", &r->t->peer, 0);
	color(r, n, "rule", &r->t->rule, 0);
}

static void
read_audience(struct treader *r, xmlNodePtr n)
{
	static const char *const attrs[] = { "name", NULL };
	char *name = need(r, n, "name");
	unsigned listed = 0;
	xmlNodePtr c;
	int a, s;

	check_attrs(r, n, attrs);
	if (name == NULL)
		return;
	if ((a = packet_audience_parse(name)) < 0) {
		tdiag(r, DIAG_BAD_VALUE, n, "audience '%s' is not committee or employee%s", name, "");
		xmlFree(name);
		return;
	}
	xmlFree(name);
	r->t->nsections[a] = 0;
	for (c = n->children; c != NULL; c = c->next) {
		char *sname;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is(c, "section")) {
			tdiag(r, DIAG_XML_SYNTAX, c, "unexpected element <%s> in <%s>",
			    (const char *)c->name, "audience");
			continue;
		}
		if ((sname = need(r, c, "name")) == NULL)
			continue;
		for (s = 0; s < SECTION__MAX; s++)
			if (strcmp(section_names[s], sname) == 0)
				break;
		if (s == SECTION__MAX)
			tdiag(r, DIAG_BAD_VALUE, c, "unknown section '%s'%s", sname, "");
		else if (listed & (1u << s))
			tdiag(r, DIAG_DUPLICATE_ID, c, "section '%s' is listed twice%s", sname, "");
		else {
			listed |= 1u << s;
			r->t->sections[a][r->t->nsections[a]++] = (enum packet_section)s;
		}
		xmlFree(sname);
	}
}

/* The built-in values the template overrides. */
static void
defaults(struct packet_template *t)
{
	static const struct packet_style styles[STYLE__MAX] = {
		{ 1, 24, { 0.12f, 0.23f, 0.37f } }, { 1, 15, { 0.12f, 0.23f, 0.37f } },
		{ 1, 10.5f, { 0.13f, 0.13f, 0.13f } }, { 0, 9.5f, { 0.13f, 0.13f, 0.13f } },
		{ 0, 8, { 0.33f, 0.33f, 0.33f } }, { 0, 9, { 0.54f, 0.11f, 0.11f } },
	};
	int a, s;

	memset(t, 0, sizeof(*t));
	t->width = 595.276f;
	t->height = 841.89f;
	t->margin_top = t->margin_right = t->margin_bottom = t->margin_left = 56;
	memcpy(t->style, styles, sizeof(styles));
	t->self = (struct packet_color){ 0.56f, 0.70f, 0.86f };
	t->manager = (struct packet_color){ 0.12f, 0.23f, 0.37f };
	t->peer = (struct packet_color){ 0.55f, 0.75f, 0.48f };
	t->rule = (struct packet_color){ 0.78f, 0.78f, 0.78f };
	for (a = 0; a < AUDIENCE__MAX; a++)
		for (s = 0; s < SECTION__MAX; s++)
			if (a == AUDIENCE_COMMITTEE || (s != SECTION_CALIBRATION && s != SECTION_SIGNOFF))
				t->sections[a][t->nsections[a]++] = (enum packet_section)s;
}

static void
read_root(struct treader *r, xmlNodePtr root)
{
	xmlNodePtr n;

	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "page"))
			read_page(r, n);
		else if (is(n, "fonts"))
			read_fonts(r, n);
		else if (is(n, "style"))
			read_style(r, n);
		else if (is(n, "colors"))
			read_colors(r, n);
		else if (is(n, "audience"))
			read_audience(r, n);
		else
			tdiag(r, DIAG_XML_SYNTAX, n, "unexpected element <%s> in <%s>",
			    (const char *)n->name, "packet");
	}
	if (r->t->font_regular == NULL || r->t->font_bold == NULL)
		tdiag(r, DIAG_MISSING_FIELD, root, "the template has no <%s>%s", "fonts", "");
}

int
packet_template_load(const char *path, struct diag_list *dl, struct packet_template *t)
{
	struct treader r = { t, dl, path };
	xmlDocPtr doc;
	xmlNodePtr root;
	char *data;
	size_t len;

	defaults(t);
	switch (file_read(path, TEMPLATE_MAX_SIZE, &data, &len)) {
	case FILE_OK:
		break;
	case FILE_TOO_LARGE:
		diag_add(dl, DIAG_TOO_LARGE, path, 0, 0, "template is larger than %d bytes",
		    TEMPLATE_MAX_SIZE);
		return 0;
	case FILE_ERRNO:
		diag_report(NULL, DIAG_SYSTEM, NULL, "%s: %s", path, strerror(errno));
		return -1;
	}
	doc = xmlsafe_read(data, len, path, "a template", dl);
	free(data);
	if (doc == NULL)
		return 0;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is(root, "packet"))
		diag_add(dl, DIAG_XML_SYNTAX, path, root ? (unsigned)xmlGetLineNo(root) : 1, 1,
		    "not a packet template: the root must be <packet xmlns=\"%s\">", TEMPLATE_NS);
	else
		read_root(&r, root);
	xmlFreeDoc(doc);
	return 0;
}

void
packet_template_clear(struct packet_template *t)
{
	free(t->font_regular);
	free(t->font_bold);
	memset(t, 0, sizeof(*t));
}

char *
packet_template_default(void)
{
	const char *env = getenv("EGF_TEMPLATE_DIR");
	char *dir, real[PATH_MAX];

	if (env != NULL && *env != '\0')
		return path_join(env, "packet.xml");
	/* a build tree: build/egf finds templates/ beside build/ */
	if ((dir = program_dir()) != NULL) {
		char *candidate = xasprintf("%s/../templates/packet.xml", dir);

		free(dir);
		if (realpath(candidate, real) != NULL) {
			free(candidate);
			return xstrdup(real);
		}
		free(candidate);
	}
#ifdef EGF_DATADIR
	return xstrdup(EGF_DATADIR "/templates/packet.xml");
#else
	return xstrdup("templates/packet.xml");
#endif
}

char *
packet_font_path(const char *name)
{
	static const char *const dirs[] = { "/usr/share/fonts/truetype/dejavu",
	    "/usr/local/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", NULL };
	const char *env = getenv("EGF_FONT_DIR");
	char *path;
	size_t i;

	if (strchr(name, '/') != NULL)
		return access(name, R_OK) == 0 ? xstrdup(name) : NULL;
	if (env != NULL && *env != '\0') {
		path = path_join(env, name);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	for (i = 0; dirs[i] != NULL; i++) {
		path = path_join(dirs[i], name);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	return NULL;
}
