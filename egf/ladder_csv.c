/*
 * ladder_csv.c: a spreadsheet ladder (CSV) into a ladder directory.
 *
 * Reading builds the files in memory and remembers, for every line written,
 * the CSV cell or metadata line it comes from. Writing puts them into a
 * temporary directory beside the target and lets the ladder validator read
 * it: whatever it finds is reported where the user can fix it, and the
 * import is clean exactly when `egf lint` of the result would be.
 */
#include "ladder_csv.h"

#include "atomic_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "csv.h"
#include "source.h"
#include "strmap.h"

/* Where a line of a generated file comes from. */
enum { FROM_CSV, FROM_META };

struct origin {
	int src;		/* FROM_CSV or FROM_META */
	unsigned line, col;	/* line 0: the whole file */
	int verbatim;		/* copied as is: columns carry over */
};

struct gen_file {
	char *rel;		/* path inside the ladder directory */
	struct buf text;
	struct origin *lines;	/* one per line of text */
	size_t nlines, cap;
};

struct ladder_csv {
	char *csv_path;
	char *meta_path;	/* NULL without metadata */
	char **extra;		/* further sources of an importer: origin src 2 on */
	size_t nextra;
	struct gen_file *files;
	size_t nfiles, cap;
};

/* The path of the file an origin points into. */
static const char *
origin_path(const struct ladder_csv *lc, const struct origin *o)
{
	if (o->src == FROM_CSV)
		return lc->csv_path;
	if (o->src == FROM_META)
		return lc->meta_path;
	return (size_t)(o->src - 2) < lc->nextra ? lc->extra[o->src - 2] : lc->csv_path;
}

/* A level of the ladder; line 0 when only the metadata names it. */
struct lvl {
	char *id, *title, *track;
	unsigned line, col;
	unsigned title_line;	/* the row whose level_title gave the title, 0 when none */
};

/* One expectation row. */
struct cexp {
	size_t level;		/* index into the importer's levels */
	char *text;		/* may hold line breaks: paragraphs and list items */
	char *example;		/* the example cell, one example a line; NULL when empty */
	char **attr_values;	/* one per attribute column; NULL or "" when empty */
	unsigned line, col;		/* the expectation cell */
	unsigned level_line, level_col;	/* the level cell */
};

struct comp {
	char *title;		/* the name as first written */
	char *key;		/* the name folded: rows with the same key are one competency */
	char *id;
	char *area;		/* the first non-empty area cell */
	char *description;	/* the first non-empty description cell */
	unsigned desc_line, desc_col;
	int has_order;
	long order;
	unsigned order_line, order_col;
	unsigned line, col;		/* the first row's competency cell */
	unsigned area_line, area_col;	/* the first row's area cell */
	struct cexp *exps;
	size_t n, cap;
};

enum meta_key { MK_ID, MK_TITLE, MK_VERSION, MK_SCALE, MK_MEETS, MK_PROMOTION, MK_TRACKS,
	MK_LEVELS, MK__MAX };

static const char *const meta_keys[MK__MAX] = { "id", "title", "version", "scale", "meets",
	"promotion", "tracks", "levels" };

/* The metadata file: its YAML, kept verbatim, and what it says about levels. */
struct meta {
	const char *path;
	char *data;
	size_t len;
	int opener;		/* the file starts with a --- line */
	size_t yaml_start, yaml_end;	/* byte range of the YAML */
	unsigned yaml_line;	/* the file line of yaml_start */
	int has_body;		/* a ladder.md: text after the closing --- */
	size_t body_start;
	unsigned body_line;
	int present[MK__MAX];
	char **tracks;
	size_t ntracks, tracks_cap;
	struct lvl *levels;
	size_t nlevels, levels_cap;
};

struct importer {
	const char *csv_path;
	struct diag_list *dl;
	struct meta *meta;	/* NULL without */
	struct lvl *levels;	/* the ladder's levels in order */
	size_t nlevels, levels_cap;
	int csv_levels;		/* the CSV defines the levels */
	const char **tracks;	/* the ladder's track ids, borrowed */
	size_t ntracks;
	const char *level_track;	/* the track of levels the CSV defines */
	char **csv_tracks;	/* the track column's values, in order of first appearance */
	size_t ncsv_tracks;
	int track_col, title_col;	/* the CSV has a track, a level_title column */
	char **attr_names;	/* the extra columns, as attribute names */
	int *attr_cols;
	size_t nattrs;
	struct strmap *bad_levels;	/* level and track names already reported */
	char **bad_names;	/* its keys, owned */
	size_t nbad;
	struct comp *comps;
	size_t ncomps, comps_cap;
	struct strmap *by_key;	/* folded name -> index + 1 */
	struct strmap *ids;	/* competency ids taken */
	size_t rows;
};

static const char *const default_tracks[] = { "ic" };

/* Text helpers */

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The length of the UTF-8 line separator (U+0085, U+2028, U+2029) at p, or 0. */
static size_t
unicode_break(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] == 0xc2 && u[1] == 0x85)
		return 2;
	if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9))
		return 3;
	return 0;
}

/*
 * A cell as lines: each line's runs of white space as one space, none at
 * either end; runs of blank lines as one; none at the ends. NULL (with *bad
 * at the byte) when it holds another control character. Caller frees.
 */
static char *
normalise_lines(const char *s, size_t *bad)
{
	struct buf b = {0};
	const char *p = s;
	int space = 0, breaks = 0;

	while (*p != '\0') {
		size_t brk = unicode_break(p);

		if (brk > 0 || *p == '\n' || (*p == '\r' && p[1] != '\n')) {
			breaks += b.len > 0;
			space = 0;
			p += brk ? brk : 1;
			continue;
		}
		if (is_blank(*p)) {
			space = b.len > 0;
			p++;
			continue;
		}
		if ((unsigned char)*p < 0x20) {
			*bad = (size_t)(p - s);
			buf_free(&b);
			return NULL;
		}
		if (breaks > 0)
			buf_puts(&b, breaks > 1 ? "\n\n" : "\n");
		else if (space)
			buf_putc(&b, ' ');
		space = breaks = 0;
		buf_putc(&b, *p++);
	}
	if (b.data == NULL)
		buf_puts(&b, "");
	return buf_take(&b);
}

/*
 * A cell as one line: runs of white space and line breaks become one space,
 * none at either end. NULL (with *bad at the byte) when it holds another
 * control character. The caller frees it.
 */
static char *
normalise(const char *s, size_t *bad)
{
	struct buf b = {0};
	const char *p = s;
	int space = 0;

	while (*p != '\0') {
		size_t brk = unicode_break(p);

		if (brk > 0 || is_blank(*p)) {
			space = b.len > 0;
			p += brk ? brk : 1;
			continue;
		}
		if ((unsigned char)*p < 0x20) {
			*bad = (size_t)(p - s);
			buf_free(&b);
			return NULL;
		}
		if (space)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, *p++);
	}
	return buf_take(&b);
}

static char *
fold_name(const char *s)
{
	char *f = xstrdup(s), *p;

	for (p = f; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return f;
}

static void
yaml_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* [A-Za-z0-9][A-Za-z0-9._-]*, the level id pattern. */
static int
valid_level_id(const char *id)
{
	const char *p = id;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
		return 0;
	for (p++; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return 0;
	return 1;
}

/* Slugs */

/* Transliterations of U+00C0..U+017F; "" drops the letter, NULL separates words. */
static const char *const latin[] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* U+0386..U+03CE. */
static const char *const greek[] = {
	/* U+0386 */ "a", NULL, "e", "i", "i", NULL, "o", NULL, "y", "o",
	/* U+0390 */ "i", "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o",
	/* U+03A0 */ "p", "r", NULL, "s", "t", "y", "f", "ch", "ps", "o", "i", "y", "a", "e", "i", "i",
	/* U+03B0 */ "y", "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o",
	/* U+03C0 */ "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o", "i", "y", "o", "y", "o",
};

/* U+0400..U+045F. */
static const char *const cyrillic[] = {
	/* U+0400 */ "e", "e", "dj", "g", "ye", "dz", "i", "yi", "j", "lj", "nj", "c", "k", "i", "u", "dz",
	/* U+0410 */ "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
	/* U+0420 */ "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
	/* U+0430 */ "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
	/* U+0440 */ "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
	/* U+0450 */ "e", "e", "dj", "g", "ye", "dz", "i", "yi", "j", "lj", "nj", "c", "k", "i", "u", "dz",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Decodes one UTF-8 character (input is valid UTF-8); returns its length. */
static size_t
utf8_decode(const unsigned char *p, unsigned long *cp)
{
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0 && p[1] != '\0') {
		*cp = ((unsigned long)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
		return 2;
	}
	if ((p[0] & 0xf0) == 0xe0 && p[1] != '\0' && p[2] != '\0') {
		*cp = ((unsigned long)(p[0] & 0x0f) << 12) | ((unsigned long)(p[1] & 0x3f) << 6) |
		    (p[2] & 0x3f);
		return 3;
	}
	if ((p[0] & 0xf8) == 0xf0 && p[1] != '\0' && p[2] != '\0' && p[3] != '\0') {
		*cp = ((unsigned long)(p[0] & 0x07) << 18) | ((unsigned long)(p[1] & 0x3f) << 12) |
		    ((unsigned long)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

/* The ASCII for a character: "" to drop it, NULL for a word separator. */
static const char *
translit(unsigned long cp, char ascii[2])
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
		ascii[0] = (char)cp;
		return ascii;
	}
	if (cp >= 'A' && cp <= 'Z') {
		ascii[0] = (char)(cp - 'A' + 'a');
		return ascii;
	}
	if (cp == '\'' || cp == 0x2019)
		return "";	/* apostrophes join: "Engineer's" is "engineers" */
	if (cp >= 0xc0 && cp - 0xc0 < NELEM(latin))
		return latin[cp - 0xc0];
	if (cp >= 0x386 && cp - 0x386 < NELEM(greek))
		return greek[cp - 0x386];
	if (cp >= 0x400 && cp - 0x400 < NELEM(cyrillic))
		return cyrillic[cp - 0x400];
	return NULL;
}

char *
ladder_csv_slug(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	struct buf b = {0};
	int sep = 0;

	buf_add(&b, "", 0);
	while (*p != '\0') {
		char ascii[2] = { 0, 0 };
		unsigned long cp;
		const char *t;

		p += utf8_decode(p, &cp);
		if ((t = translit(cp, ascii)) == NULL) {
			sep = b.len > 0;
			continue;
		}
		if (*t == '\0')
			continue;
		if (sep)
			buf_putc(&b, '-');
		sep = 0;
		buf_puts(&b, t);
	}
	if (b.len > 64) {
		b.len = 64;
		while (b.len > 0 && b.data[b.len - 1] == '-')
			b.len--;
		b.data[b.len] = '\0';
	}
	return buf_take(&b);
}

/* Markdown */

/* "***", "- - -", "___": a thematic break of c (with blanks). */
static int
thematic_break(const char *s, char c)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (*s == c)
			n++;
		else if (*s != ' ' && *s != '\t')
			return 0;
	}
	return n >= 3;
}

/* "<scheme:...>" or "<user@host>": an autolink, not HTML. */
static int
autolink(const char *s)
{
	const char *p = s + 1;
	size_t n = 0;

	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	    *p == '+' || *p == '.' || *p == '-') {
		p++;
		n++;
	}
	if (*p == ':' && n >= 2 && n <= 32) {
		for (p++; *p != '>'; p++)
			if (*p == '\0' || *p == '<' || *p == ' ' || (unsigned char)*p < 0x20)
				return 0;
		return 1;
	}
	for (p = s + 1; *p != '>' && *p != '\0' && *p != ' ' && *p != '<'; p++)
		;
	return *p == '>' && memchr(s, '@', (size_t)(p - s)) != NULL;
}

/* "[label]: ..." would be a link reference definition, not text. */
static int
link_definition(const char *s)
{
	const char *close = strchr(s, ']');

	return close != NULL && close[1] == ':';
}

void
ladder_csv_md_item(struct buf *b, const char *text)
{
	const char *p = text;
	size_t n;

	if (*p == '`' || *p == '~') {
		n = strspn(p, *p == '`' ? "`" : "~");
		if (n >= 3)	/* a code fence: escape every mark of it */
			for (; n > 0; n--, p++) {
				buf_putc(b, '\\');
				buf_putc(b, *p);
			}
	} else if (*p == '#' || *p == '>' || *p == '+' || *p == '-' || *p == '=') {
		buf_putc(b, '\\');	/* heading, quote, list item, thematic break */
		buf_putc(b, *p++);
	} else if (*p == '*' || *p == '_') {
		if (p[1] == '\0' || p[1] == ' ' || p[1] == '\t' || thematic_break(p, *p)) {
			buf_putc(b, '\\');
			buf_putc(b, *p++);
		}
	} else if (*p >= '0' && *p <= '9') {
		n = strspn(p, "0123456789");
		if (n <= 9 && (p[n] == '.' || p[n] == ')') &&
		    (p[n + 1] == '\0' || p[n + 1] == ' ' || p[n + 1] == '\t')) {
			buf_add(b, p, n);	/* an ordered list item: escape its delimiter */
			buf_putc(b, '\\');
			p += n;
			buf_putc(b, *p++);
		}
	} else if (*p == '<') {
		if (((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '/' ||
		    p[1] == '!' || p[1] == '?') && !autolink(p)) {
			buf_putc(b, '\\');	/* an HTML block */
			buf_putc(b, *p++);
		}
	} else if (*p == '[' && link_definition(p)) {
		buf_putc(b, '\\');
		buf_putc(b, *p++);
	}
	buf_puts(b, p);
}

void
ladder_csv_md_plain(struct buf *b, const char *text)
{
	for (; *text != '\0'; text++) {
		if (strchr("\\`*_[]<>&#!~|", *text) != NULL)
			buf_putc(b, '\\');
		buf_putc(b, *text);
	}
}

/* Generated files */

static struct gen_file *
add_file(struct ladder_csv *lc, char *rel)
{
	struct gen_file *f;

	xgrow((void **)&lc->files, &lc->cap, lc->nfiles + 1, sizeof(*lc->files));
	f = &lc->files[lc->nfiles++];
	memset(f, 0, sizeof(*f));
	f->rel = rel;
	return f;
}

/* Appends one line (the formatted text and a line feed) that comes from o. */
static void emit(struct gen_file *f, struct origin o, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
emit(struct gen_file *f, struct origin o, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	buf_puts(&f->text, text);
	buf_putc(&f->text, '\n');
	free(text);
	xgrow((void **)&f->lines, &f->cap, f->nlines + 1, sizeof(*f->lines));
	f->lines[f->nlines++] = o;
}

static struct origin
at_csv(unsigned line, unsigned col)
{
	struct origin o = { FROM_CSV, line, col, 0 };

	return o;
}

static struct origin
at_meta(unsigned line, int verbatim)
{
	struct origin o = { FROM_META, line, line ? 1 : 0, verbatim };

	return o;
}

/* The metadata file */

static int
is_marker(const char *p, size_t n, const char *marker)
{
	if (n < 3 || memcmp(p, marker, 3) != 0)
		return 0;
	for (p += 3, n -= 3; n > 0; p++, n--)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

static size_t
line_len(const char *p, const char *end)
{
	const char *q = memchr(p, '\n', (size_t)(end - p));

	return q ? (size_t)(q - p) : (size_t)(end - p);
}

/* Finds the YAML (and a body) in the metadata file. */
static void
split_meta(struct meta *mt, struct diag_list *dl)
{
	const char *data = mt->data, *end = data + mt->len, *p = data;
	unsigned line = 1;
	size_t n;

	if (mt->len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	n = line_len(p, end);
	if (is_marker(p, n, "---")) {
		mt->opener = 1;
		p += n + (p + n < end);
		line++;
	}
	mt->yaml_start = (size_t)(p - data);
	mt->yaml_line = line;
	mt->yaml_end = mt->len;
	for (; p < end; line++) {
		n = line_len(p, end);
		if (is_marker(p, n, "---") || is_marker(p, n, "...")) {
			mt->yaml_end = (size_t)(p - data);
			p += n + (p + n < end);
			break;
		}
		p += n + (p + n < end);
	}
	if (mt->yaml_end == mt->len)
		return;
	if (mt->opener) {
		mt->has_body = 1;
		mt->body_start = (size_t)(p - data);
		mt->body_line = line + 1;
		return;
	}
	for (line++; p < end; line++) {
		n = line_len(p, end);
		if (strspn(p, " \t\r") < n) {
			diag_add(dl, DIAG_YAML_SYNTAX, mt->path, line, 1,
			    "the ladder metadata holds more than one YAML document");
			return;
		}
		p += n + (p + n < end);
	}
}

/* The file position of a libyaml mark in the YAML of the metadata (columns in bytes). */
static void
meta_pos(const struct meta *mt, yaml_mark_t mark, unsigned *line, unsigned *col)
{
	const char *p = mt->data + mt->yaml_start, *end = mt->data + mt->yaml_end;
	size_t k, chars = 0;

	for (k = 0; k < mark.line && p < end; k++)
		p += line_len(p, end) + 1;
	while (p < end && *p != '\n' && chars < mark.column) {
		p++;
		while (p < end && ((unsigned char)*p & 0xc0) == 0x80)
			p++;
		chars++;
	}
	text_position(mt->data, (size_t)(p - mt->data), line, col);
}

static void
meta_diag(const struct meta *mt, struct diag_list *dl, enum diag_code code,
    const yaml_node_t *node, const char *msg)
{
	unsigned line, col;

	meta_pos(mt, node->start_mark, &line, &col);
	diag_add(dl, code, mt->path, line, col, "%s", msg);
}

static const char *
scalar(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *pair;

	for (pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(doc, pair->value);

		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return v != NULL && v->type == YAML_SCALAR_NODE ?
			    (const char *)v->data.scalar.value : NULL;
	}
	return NULL;
}

/* The id of each mapping of a tracks or levels list, as far as the import needs it. */
static void
meta_list(struct meta *mt, struct diag_list *dl, yaml_document_t *doc, yaml_node_t *v,
    int levels)
{
	yaml_node_item_t *item;

	if (v->type != YAML_SEQUENCE_NODE) {
		meta_diag(mt, dl, DIAG_BAD_VALUE, v, levels ? "expected a list of levels" :
		    "expected a list of tracks");
		return;
	}
	for (item = v->data.sequence.items.start; item < v->data.sequence.items.top; item++) {
		yaml_node_t *n = yaml_document_get_node(doc, *item);
		const char *id;

		if (n == NULL)
			continue;
		if (n->type != YAML_MAPPING_NODE || (id = scalar(doc, n, "id")) == NULL) {
			meta_diag(mt, dl, DIAG_MISSING_FIELD, n, levels ? "level without an id" :
			    "track without an id");
			continue;
		}
		if (levels) {
			struct lvl *l;
			const char *title = scalar(doc, n, "title"), *track = scalar(doc, n, "track");

			xgrow((void **)&mt->levels, &mt->levels_cap, mt->nlevels + 1,
			    sizeof(*mt->levels));
			l = &mt->levels[mt->nlevels++];
			memset(l, 0, sizeof(*l));
			l->id = xstrdup(id);
			l->title = xstrdup(title ? title : id);
			l->track = xstrdup(track ? track : "");
		} else {
			xgrow((void **)&mt->tracks, &mt->tracks_cap, mt->ntracks + 1,
			    sizeof(*mt->tracks));
			mt->tracks[mt->ntracks++] = xstrdup(id);
		}
	}
}

static void
parse_meta(struct meta *mt, struct diag_list *dl)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_pair_t *pair;

	if (!yaml_parser_initialize(&parser)) {
		fputs("egf: out of memory\n", stderr);
		exit(2);
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)mt->data + mt->yaml_start,
	    mt->yaml_end - mt->yaml_start);
	if (!yaml_parser_load(&parser, &doc)) {
		unsigned line, col;

		meta_pos(mt, parser.problem_mark, &line, &col);
		diag_add(dl, DIAG_YAML_SYNTAX, mt->path, line, col, "%s%s%s",
		    parser.problem ? parser.problem : "malformed YAML",
		    parser.context ? " " : "", parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return;
	}
	yaml_parser_delete(&parser);
	root = yaml_document_get_root_node(&doc);
	if (root == NULL || (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
		;	/* empty: every field from the defaults */
	else if (root->type != YAML_MAPPING_NODE)
		meta_diag(mt, dl, DIAG_YAML_SYNTAX, root, "the ladder metadata is not a mapping");
	else if (root->data.mapping.style == YAML_FLOW_MAPPING_STYLE || root->start_mark.column != 0)
		meta_diag(mt, dl, DIAG_BAD_VALUE, root,
		    "write the ladder metadata as a block mapping, one key per line from column 1");
	else
		for (pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top;
		    pair++) {
			yaml_node_t *k = yaml_document_get_node(&doc, pair->key);
			yaml_node_t *v = yaml_document_get_node(&doc, pair->value);
			int key;

			if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE)
				continue;
			for (key = 0; key < MK__MAX; key++)
				if (strcmp((const char *)k->data.scalar.value, meta_keys[key]) == 0)
					break;
			if (key == MK__MAX || mt->present[key])
				continue;	/* the validator reports unknown and duplicate keys */
			mt->present[key] = 1;
			if (key == MK_TRACKS || key == MK_LEVELS)
				meta_list(mt, dl, &doc, v, key == MK_LEVELS);
		}
	yaml_document_delete(&doc);
}

static enum ladder_status
read_meta(struct meta *mt, const char *path, struct diag_list *dl)
{
	size_t errors = diag_errors(dl), bad;
	const char *what;

	mt->path = path;
	switch (file_read(path, SOURCE_MAX_SIZE, &mt->data, &mt->len)) {
	case FILE_OK:
		break;
	case FILE_TOO_LARGE:
		diag_add(dl, DIAG_TOO_LARGE, path, 0, 0, "file is larger than %d bytes",
		    SOURCE_MAX_SIZE);
		return LADDER_INVALID;
	case FILE_ERRNO:
		fprintf(stderr, "egf: %s: %s\n", path, strerror(errno));
		return LADDER_IO;
	}
	if (utf8_check(mt->data, mt->len, &bad, &what) != 0) {
		unsigned line, col;

		text_position(mt->data, bad, &line, &col);
		diag_add(dl, DIAG_ENCODING, path, line, col, "%s (byte 0x%02x)", what,
		    (unsigned char)mt->data[bad]);
		return LADDER_INVALID;
	}
	split_meta(mt, dl);
	parse_meta(mt, dl);
	return diag_errors(dl) > errors ? LADDER_INVALID : LADDER_OK;
}

static void
meta_clear(struct meta *mt)
{
	size_t i;

	for (i = 0; i < mt->ntracks; i++)
		free(mt->tracks[i]);
	free(mt->tracks);
	for (i = 0; i < mt->nlevels; i++) {
		free(mt->levels[i].id);
		free(mt->levels[i].title);
		free(mt->levels[i].track);
	}
	free(mt->levels);
	free(mt->data);
}

/* The CSV */

enum { COL_COMPETENCY, COL_AREA, COL_LEVEL, COL_EXPECTATION, COL_DESCRIPTION, COL_TRACK,
	COL_LEVEL_TITLE, COL_EXAMPLE, COL_ORDER, NCOLS };

static const char *const column_names[NCOLS] = { "competency", "area", "level", "expectation",
	"description", "track", "level_title", "example", "order" };
/* The columns a CSV must have; the others are optional. */
static const int column_required[NCOLS] = { 1, 0, 1, 1, 0, 0, 0, 0, 0 };

/*
 * Another column becomes an attribute of every row's expectation, named by
 * its header's slug; a header with no slug, or one of an attribute taken,
 * is warned about and ignored.
 */
static void
add_attr_column(struct importer *im, const struct csv_field *f, const char *name, int col)
{
	char *slug = ladder_csv_slug(name);
	size_t k;

	for (k = 0; *slug != '\0' && k < im->nattrs; k++)
		if (strcmp(im->attr_names[k], slug) == 0)
			break;
	if (*slug == '\0' || k < im->nattrs) {
		diag_add(im->dl, DIAG_UNKNOWN_KEY, im->csv_path, f->line, f->col,
		    "column '%s' %s (ignored)", name, *slug ? "names an attribute twice" :
		    "has no name to keep it under");
		free(slug);
		return;
	}
	im->attr_names = xrealloc(im->attr_names, (im->nattrs + 1) * sizeof(*im->attr_names));
	im->attr_cols = xrealloc(im->attr_cols, (im->nattrs + 1) * sizeof(*im->attr_cols));
	im->attr_names[im->nattrs] = slug;
	im->attr_cols[im->nattrs++] = col;
}

/* Maps the header's columns; -1 after diagnostics when one is missing. */
static int
read_header(struct importer *im, const struct csv_row *row, int map[NCOLS])
{
	size_t i;
	int c, rc = 0;

	for (c = 0; c < NCOLS; c++)
		map[c] = -1;
	for (i = 0; i < row->n; i++) {
		const struct csv_field *f = &row->fields[i];
		size_t bad;
		char *name = normalise(f->text, &bad);

		for (c = 0; name != NULL && c < NCOLS; c++)
			if (strcasecmp(name, column_names[c]) == 0)
				break;
		if (name == NULL)
			diag_add(im->dl, DIAG_UNKNOWN_KEY, im->csv_path, f->line, f->col,
			    "unknown column '%s' (ignored)", f->text);
		else if (c == NCOLS)
			add_attr_column(im, f, name, (int)i);
		else if (map[c] != -1)
			diag_add(im->dl, DIAG_DUPLICATE_ID, im->csv_path, f->line, f->col,
			    "column '%s' appears twice (first at column %u)", column_names[c],
			    row->fields[map[c]].col);
		else
			map[c] = (int)i;
		free(name);
	}
	for (c = 0; c < NCOLS; c++)
		if (map[c] == -1 && column_required[c]) {
			diag_add(im->dl, DIAG_MISSING_FIELD, im->csv_path, row->line, 1,
			    "the header has no '%s' column", column_names[c]);
			rc = -1;
		}
	im->track_col = map[COL_TRACK] >= 0;
	im->title_col = map[COL_LEVEL_TITLE] >= 0;
	return rc;
}

static struct lvl *
add_level(struct importer *im, const char *id, const char *title, const char *track)
{
	struct lvl *l;

	xgrow((void **)&im->levels, &im->levels_cap, im->nlevels + 1, sizeof(*im->levels));
	l = &im->levels[im->nlevels++];
	memset(l, 0, sizeof(*l));
	l->id = xstrdup(id);
	l->title = xstrdup(title);
	l->track = xstrdup(track);
	return l;
}

/* Records a bad name, reported once; the importer owns the copy. */
static void
remember_bad(struct importer *im, const char *name)
{
	char *copy = xstrdup(name);

	im->bad_names = xrealloc(im->bad_names, (im->nbad + 1) * sizeof(*im->bad_names));
	im->bad_names[im->nbad++] = copy;
	strmap_put(im->bad_levels, copy, copy);
}

/* The track a row's track cell names (the default when empty), or NULL after a diagnostic. */
static const char *
row_track(struct importer *im, const char *track, const struct csv_field *f)
{
	size_t i;

	if (track == NULL || *track == '\0') {
		if (!im->track_col || (im->meta != NULL && im->meta->present[MK_TRACKS]))
			return im->level_track;
		track = im->level_track;	/* listed among the CSV's tracks where first used */
	}
	if (im->meta != NULL && im->meta->present[MK_TRACKS]) {
		for (i = 0; i < im->ntracks; i++)
			if (strcmp(im->tracks[i], track) == 0)
				return im->tracks[i];
		diag_add(im->dl, DIAG_UNKNOWN_TRACK, im->csv_path, f->line, f->col,
		    "unknown track '%s' (not in %s)", track, im->meta->path);
		return NULL;
	}
	for (i = 0; i < im->ncsv_tracks; i++)
		if (strcmp(im->csv_tracks[i], track) == 0)
			return im->csv_tracks[i];
	if (!valid_level_id(track) || (*track >= 'A' && *track <= 'Z') ||
	    strpbrk(track, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != NULL) {
		if (strmap_get(im->bad_levels, track) == NULL) {
			remember_bad(im, track);
			diag_add(im->dl, DIAG_BAD_ID, im->csv_path, f->line, f->col,
			    "track '%s' does not match [a-z0-9][a-z0-9._-]*", track);
		}
		return NULL;
	}
	im->csv_tracks = xrealloc(im->csv_tracks, (im->ncsv_tracks + 1) * sizeof(*im->csv_tracks));
	im->csv_tracks[im->ncsv_tracks] = xstrdup(track);
	return im->csv_tracks[im->ncsv_tracks++];
}

/*
 * The index of the level a cell names, or -1 after a diagnostic. Where the
 * CSV defines the levels, the first row naming one gives its track and
 * title (track and level_title cells); a later row saying otherwise is an
 * error at its cell. A bad level name is reported once, at its first row.
 */
static long
resolve_level(struct importer *im, const char *name, const struct csv_field *f,
    const char *track, const struct csv_field *tf, const char *title,
    const struct csv_field *titf)
{
	size_t i;

	for (i = 0; i < im->nlevels; i++)
		if (strcmp(im->levels[i].id, name) == 0)
			break;
	if (i < im->nlevels && im->csv_levels) {
		struct lvl *l = &im->levels[i];

		if (track != NULL && *track != '\0' && strcmp(track, l->track) != 0) {
			diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, tf->line, tf->col,
			    "level '%s' is in track '%s' (line %u); this row says '%s'", name,
			    l->track, l->line, track);
			return -1;
		}
		if (title != NULL && *title != '\0' && strcmp(title, l->title) != 0) {
			if (l->title_line == 0) {
				free(l->title);
				l->title = xstrdup(title);
				l->title_line = titf->line;
			} else {
				diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, titf->line, titf->col,
				    "level '%s' is titled '%s' (line %u); this row says '%s'", name,
				    l->title, l->title_line, title);
				return -1;
			}
		}
		return (long)i;
	}
	if (i < im->nlevels)
		return (long)i;
	if (im->csv_levels) {
		struct lvl *l;
		const char *t;

		if (!valid_level_id(name)) {
			if (strmap_get(im->bad_levels, name) == NULL) {
				remember_bad(im, name);
				diag_add(im->dl, DIAG_BAD_ID, im->csv_path, f->line, f->col,
				    "level '%s' does not match [A-Za-z0-9][A-Za-z0-9._-]* (give levels "
				    "ids and titles with --ladder-meta)", name);
			}
			return -1;
		}
		if ((t = row_track(im, track, tf)) == NULL)
			return -1;
		l = add_level(im, name, title != NULL && *title != '\0' ? title : name, t);
		l->line = f->line;
		l->col = f->col;
		if (title != NULL && *title != '\0')
			l->title_line = titf->line;
		return (long)im->nlevels - 1;
	}
	for (i = 0; i < im->nlevels; i++)
		if (strcasecmp(im->levels[i].title, name) == 0) {
			size_t k;

			for (k = i + 1; k < im->nlevels; k++)
				if (strcasecmp(im->levels[k].title, name) == 0) {
					diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, f->line, f->col,
					    "'%s' is the title of levels %s and %s; name the level "
					    "by its id", name, im->levels[i].id, im->levels[k].id);
					return -1;
				}
			return (long)i;
		}
	for (i = 0; i < im->nlevels; i++)
		if (strcasecmp(im->levels[i].id, name) == 0)
			return (long)i;
	diag_add(im->dl, DIAG_UNKNOWN_LEVEL, im->csv_path, f->line, f->col,
	    "level '%s' is neither the id nor the title of a level in %s", name,
	    im->meta->path);
	return -1;
}

static struct comp *
find_competency(struct importer *im, const char *name, const struct csv_field *f,
    const struct csv_field *area)
{
	char *key = fold_name(name);
	void *found = strmap_get(im->by_key, key);
	struct comp *c;
	char *slug, *id;
	unsigned k;

	if (found != NULL) {
		free(key);
		return &im->comps[(uintptr_t)found - 1];
	}
	slug = ladder_csv_slug(name);
	if (*slug == '\0') {
		free(slug);
		slug = xstrdup("competency");
	}
	id = xstrdup(slug);
	for (k = 2; strmap_get(im->ids, id) != NULL; k++) {
		free(id);
		id = xasprintf("%s-%u", slug, k);
	}
	free(slug);
	xgrow((void **)&im->comps, &im->comps_cap, im->ncomps + 1, sizeof(*im->comps));
	c = &im->comps[im->ncomps++];
	memset(c, 0, sizeof(*c));
	c->title = xstrdup(name);
	c->key = key;
	c->id = id;
	c->line = f->line;
	c->col = f->col;
	c->area_line = area->line;
	c->area_col = area->col;
	strmap_put(im->by_key, c->key, (void *)(uintptr_t)im->ncomps);
	strmap_put(im->ids, c->id, (void *)(uintptr_t)im->ncomps);
	return c;
}

static void
set_area(struct importer *im, struct comp *c, const char *area, const struct csv_field *f)
{
	if (*area == '\0')
		return;
	if (c->area == NULL) {
		c->area = xstrdup(area);
		c->area_line = f->line;
		c->area_col = f->col;
	} else if (strcmp(c->area, area) != 0)
		diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, f->line, f->col,
		    "competency '%s' is in area '%s' (line %u); this row says '%s'", c->title,
		    c->area, c->area_line, area);
}

/* The first non-empty value of a per-competency cell; a different later one is an error. */
static void
set_once(struct importer *im, const struct comp *c, char **slot, unsigned *line,
    unsigned *col, const char *what, const char *value, const struct csv_field *f)
{
	if (value == NULL || *value == '\0')
		return;
	if (*slot == NULL) {
		*slot = xstrdup(value);
		*line = f->line;
		*col = f->col;
	} else if (strcmp(*slot, value) != 0)
		diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, f->line, f->col,
		    "competency '%s' has another %s at line %u", c->title, what, *line);
}

static void
set_order(struct importer *im, struct comp *c, const char *value, const struct csv_field *f)
{
	char *end;
	long n;

	if (value == NULL || *value == '\0')
		return;
	errno = 0;
	n = strtol(value, &end, 10);
	if (*end != '\0' || errno != 0) {
		diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, f->line, f->col,
		    "order '%s' is not a whole number", value);
		return;
	}
	if (!c->has_order) {
		c->has_order = 1;
		c->order = n;
		c->order_line = f->line;
		c->order_col = f->col;
	} else if (c->order != n)
		diag_add(im->dl, DIAG_BAD_VALUE, im->csv_path, f->line, f->col,
		    "competency '%s' has order %ld at line %u", c->title, c->order, c->order_line);
}

/* Cells that keep their line breaks: paragraphs, list items, one example a line. */
static const int column_lines[NCOLS] = { 0, 0, 0, 1, 1, 0, 0, 1, 0 };

/* A cell, normalised; NULL after a diagnostic. */
static char *
read_cell(struct importer *im, const struct csv_field *f, const char *name, int lines)
{
	size_t bad;
	char *cell = lines ? normalise_lines(f->text, &bad) : normalise(f->text, &bad);

	if (cell == NULL)
		diag_add(im->dl, DIAG_ENCODING, im->csv_path, f->line, f->col,
		    "control character (byte 0x%02x) in the %s cell",
		    (unsigned char)f->text[bad], name);
	return cell;
}

static void
read_row(struct importer *im, const struct csv_row *row, const int map[NCOLS], size_t ncols)
{
	const struct csv_field *f[NCOLS];
	char *cell[NCOLS];
	char **attrs = NULL;
	struct comp *c;
	struct cexp *e;
	long level;
	size_t k;
	int i, ok = 1;

	if (row->n != ncols) {
		diag_add(im->dl, DIAG_CSV_SYNTAX, im->csv_path, row->line, 1,
		    "row has %zu field%s; the header has %zu", row->n, row->n == 1 ? "" : "s",
		    ncols);
		return;
	}
	im->rows++;
	for (i = 0; i < NCOLS; i++) {
		f[i] = map[i] >= 0 ? &row->fields[map[i]] : NULL;
		cell[i] = NULL;
		if (f[i] == NULL)
			continue;
		if ((cell[i] = read_cell(im, f[i], column_names[i], column_lines[i])) == NULL)
			ok = 0;
		else if (*cell[i] == '\0' && column_required[i]) {
			diag_add(im->dl, DIAG_MISSING_FIELD, im->csv_path, f[i]->line, f[i]->col,
			    "empty %s cell", column_names[i]);
			ok = 0;
		}
	}
	if (im->nattrs > 0)
		attrs = xcalloc(im->nattrs, sizeof(*attrs));
	for (k = 0; k < im->nattrs; k++)
		if ((attrs[k] = read_cell(im, &row->fields[im->attr_cols[k]], im->attr_names[k],
		    0)) == NULL)
			ok = 0;
	if (ok && (level = resolve_level(im, cell[COL_LEVEL], f[COL_LEVEL], cell[COL_TRACK],
	    f[COL_TRACK], cell[COL_LEVEL_TITLE], f[COL_LEVEL_TITLE])) >= 0) {
		if (!im->csv_levels && cell[COL_TRACK] != NULL && *cell[COL_TRACK] != '\0' &&
		    strcmp(cell[COL_TRACK], im->levels[level].track) != 0)
			diag_add(im->dl, DIAG_TRACK_MISMATCH, im->csv_path, f[COL_TRACK]->line,
			    f[COL_TRACK]->col, "level '%s' is in track '%s', not '%s'",
			    im->levels[level].id, im->levels[level].track, cell[COL_TRACK]);
		c = find_competency(im, cell[COL_COMPETENCY], f[COL_COMPETENCY],
		    f[COL_AREA] ? f[COL_AREA] : f[COL_COMPETENCY]);
		if (f[COL_AREA] != NULL)
			set_area(im, c, cell[COL_AREA], f[COL_AREA]);
		if (f[COL_DESCRIPTION] != NULL)
			set_once(im, c, &c->description, &c->desc_line, &c->desc_col, "description",
			    cell[COL_DESCRIPTION], f[COL_DESCRIPTION]);
		if (f[COL_ORDER] != NULL)
			set_order(im, c, cell[COL_ORDER], f[COL_ORDER]);
		xgrow((void **)&c->exps, &c->cap, c->n + 1, sizeof(*c->exps));
		e = &c->exps[c->n++];
		memset(e, 0, sizeof(*e));
		e->level = (size_t)level;
		e->text = cell[COL_EXPECTATION];
		cell[COL_EXPECTATION] = NULL;
		if (cell[COL_EXAMPLE] != NULL && *cell[COL_EXAMPLE] != '\0') {
			e->example = cell[COL_EXAMPLE];
			cell[COL_EXAMPLE] = NULL;
		}
		e->attr_values = attrs;
		attrs = NULL;
		e->line = f[COL_EXPECTATION]->line;
		e->col = f[COL_EXPECTATION]->col;
		e->level_line = f[COL_LEVEL]->line;
		e->level_col = f[COL_LEVEL]->col;
	}
	for (i = 0; i < NCOLS; i++)
		free(cell[i]);
	for (k = 0; attrs != NULL && k < im->nattrs; k++)
		free(attrs[k]);
	free(attrs);
}

static enum ladder_status
read_rows(struct importer *im)
{
	struct csv_reader *r = csv_open(im->csv_path, im->dl);
	const struct csv_row *row;
	int map[NCOLS], rc, header = 0, header_ok = 0;
	size_t ncols = 0;
	unsigned header_line = 1;

	if (r == NULL)
		return LADDER_IO;
	while ((rc = csv_next(r, &row)) == 1) {
		if (header) {
			if (header_ok)
				read_row(im, row, map, ncols);
			continue;
		}
		header = 1;
		ncols = row->n;
		header_line = row->line;
		header_ok = read_header(im, row, map) == 0;
	}
	if (rc < 0 && csv_io_error(r)) {
		csv_close(r);
		return LADDER_IO;
	}
	csv_close(r);
	if (rc == 0 && !header)
		diag_add(im->dl, DIAG_MISSING_FIELD, im->csv_path, 1, 1,
		    "the file has no header row");
	else if (rc == 0 && header_ok && im->rows == 0)
		diag_add(im->dl, DIAG_MISSING_FIELD, im->csv_path, header_line, 1,
		    "the file has no rows after the header");
	return LADDER_OK;
}

/* Writing the files */

/* The file name of path; borrowed. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The file name of path without its extension; the caller frees it. */
static char *
stem(const char *path)
{
	const char *base = base_name(path), *dot = strrchr(base, '.');

	return xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

/* The default title: the file name without extension, '-' and '_' as spaces. */
static char *
default_title(const char *path)
{
	char *t = stem(path), *p;

	for (p = t; *p != '\0'; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

static void
emit_quoted(struct gen_file *f, struct origin o, const char *prefix, const char *value)
{
	struct buf b = {0};

	buf_puts(&b, prefix);
	yaml_quoted(&b, value);
	emit(f, o, "%s", b.data);
	buf_free(&b);
}

static void
emit_levels(const struct importer *im, struct gen_file *f, struct origin none)
{
	size_t i;

	emit(f, none, "levels:");
	for (i = 0; i < im->nlevels; i++) {
		const struct lvl *l = &im->levels[i];
		struct buf b = {0};

		buf_printf(&b, "  - {id: %s, title: ", l->id);
		yaml_quoted(&b, l->title);
		buf_printf(&b, ", track: %s}", l->track);
		emit(f, l->line ? at_csv(l->line, l->col) : none, "%s", b.data);
		buf_free(&b);
	}
}

/* The front matter fields the metadata does not give (all of them without metadata). */
static void
emit_defaults(const struct importer *im, struct gen_file *f, struct origin none)
{
	const struct meta *mt = im->meta;
	int has[MK__MAX] = { 0 };
	int k;

	for (k = 0; mt != NULL && k < MK__MAX; k++)
		has[k] = mt->present[k];
	if (!has[MK_ID]) {
		char *name = stem(im->csv_path);
		char *slug = ladder_csv_slug(name);

		emit(f, none, "id: %s", *slug ? slug : "ladder");
		free(slug);
		free(name);
	}
	if (!has[MK_TITLE]) {
		char *title = default_title(im->csv_path);

		emit_quoted(f, none, "title: ", title);
		free(title);
	}
	if (!has[MK_VERSION])
		emit(f, none, "version: \"1\"");
	if (!has[MK_SCALE] || !has[MK_PROMOTION])
		diag_add(im->dl, DIAG_DEFAULTED, mt && mt->present[MK_ID] ? mt->path : im->csv_path,
		    0, 0, "no %s given: egf's default%s written (%s); give %s with --ladder-meta",
		    !has[MK_SCALE] && !has[MK_PROMOTION] ? "rating scale or promotion rule" :
		    !has[MK_SCALE] ? "rating scale" : "promotion rule",
		    !has[MK_SCALE] && !has[MK_PROMOTION] ? "s are" : " is",
		    !has[MK_SCALE] && !has[MK_PROMOTION] ?
		    "not-yet, developing, meets, exceeds; ready at 80% rated meets" :
		    !has[MK_SCALE] ? "not-yet, developing, meets, exceeds" : "ready at 80% rated meets",
		    !has[MK_SCALE] && !has[MK_PROMOTION] ? "them" : "it");
	if (!has[MK_SCALE]) {
		emit(f, none, "scale:");
		emit(f, none, "  - {id: not-yet, label: Not yet, value: 0}");
		emit(f, none, "  - {id: developing, label: Developing, value: 1}");
		emit(f, none, "  - {id: meets, label: Meets, value: 2}");
		emit(f, none, "  - {id: exceeds, label: Exceeds, value: 3}");
		if (!has[MK_MEETS])
			emit(f, none, "meets: meets");
	}
	if (!has[MK_PROMOTION]) {
		emit(f, none, "promotion:");
		emit(f, none, "  threshold: 0.8");
	}
	if (!has[MK_TRACKS] && !has[MK_LEVELS]) {
		size_t t;

		emit(f, none, "tracks:");
		for (t = 0; t < im->ntracks; t++)
			emit(f, none, "  - {id: %s, title: %s}", im->tracks[t],
			    strcmp(im->tracks[t], default_tracks[0]) == 0 ? "Individual contributor" :
			    im->tracks[t]);
	}
	if (!has[MK_LEVELS])
		emit_levels(im, f, none);
}

/* Copies lines [start, end) of the metadata, each from its own line. */
static void
emit_verbatim(struct gen_file *f, const struct meta *mt, size_t start, size_t end,
    unsigned line)
{
	const char *p = mt->data + start, *stop = mt->data + end;

	while (p < stop) {
		size_t n = line_len(p, stop), keep = n;

		if (keep > 0 && p[keep - 1] == '\r')
			keep--;
		emit(f, at_meta(line++, 1), "%.*s", (int)keep, p);
		p += n + (p + n < stop);
	}
}

static void
build_ladder_md(const struct importer *im, struct ladder_csv *lc)
{
	struct gen_file *f = add_file(lc, xstrdup("ladder.md"));
	const struct meta *mt = im->meta;
	struct origin none = mt ? at_meta(0, 0) : at_csv(0, 0);

	emit(f, mt && mt->opener ? at_meta(1, 1) : none, "---");
	if (mt != NULL)
		emit_verbatim(f, mt, mt->yaml_start, mt->yaml_end, mt->yaml_line);
	emit_defaults(im, f, none);
	emit(f, none, "---");
	if (mt != NULL && mt->has_body)
		emit_verbatim(f, mt, mt->body_start, mt->len, mt->body_line);
	else {
		struct buf b = {0};

		buf_puts(&b, "Imported from ");
		ladder_csv_md_plain(&b, base_name(im->csv_path));
		buf_puts(&b, " by egf import-csv.");
		emit(f, none, "%s", b.data);
		buf_free(&b);
	}
}

/* The position of level i within its track. */
static size_t
level_rank(const struct importer *im, size_t i)
{
	size_t k, rank = 0;

	for (k = 0; k < i; k++)
		if (strcmp(im->levels[k].track, im->levels[i].track) == 0)
			rank++;
	return rank;
}

/* The tracks: and from: lines, where the defaults (all tracks, first levels) do not fit. */
static void
emit_applies(const struct importer *im, const struct comp *c, struct gen_file *f,
    struct origin at)
{
	struct buf tracks = {0}, from = {0};
	size_t t, i, ntracks = 0, nfrom = 0;

	for (t = 0; t < im->ntracks; t++) {
		long first = -1;

		for (i = 0; i < c->n; i++)
			if (strcmp(im->levels[c->exps[i].level].track, im->tracks[t]) == 0 &&
			    (first < 0 || c->exps[i].level < (size_t)first))
				first = (long)c->exps[i].level;
		if (first < 0)
			continue;
		buf_printf(&tracks, "%s%s", ntracks++ ? ", " : "", im->tracks[t]);
		if (level_rank(im, (size_t)first) > 0)
			buf_printf(&from, "%s%s", nfrom++ ? ", " : "", im->levels[first].id);
	}
	if (ntracks > 0 && ntracks < im->ntracks)
		emit(f, at, "tracks: [%s]", tracks.data);
	if (nfrom == 1)
		emit(f, at, "from: %s", from.data);
	else if (nfrom > 1)
		emit(f, at, "from: [%s]", from.data);
	buf_free(&tracks);
	buf_free(&from);
}

/*
 * The {...} ending an expectation's first line: its attribute columns'
 * values, and its id where its first line ends in '}' (which would
 * otherwise be read as attributes or an id). Empty when neither.
 */
static void
item_attrs(const struct importer *im, const struct comp *c, const struct cexp *e, size_t n,
    struct buf *b)
{
	size_t k, len = strcspn(e->text, "\n");
	int any = 0;

	b->len = 0;
	buf_puts(b, "{");
	if (len > 0 && e->text[len - 1] == '}') {
		char *id = xasprintf("%s.%s.%zu", c->id, im->levels[e->level].id, n), *p;

		for (p = id; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		buf_printf(b, "#%s", id);
		free(id);
		any = 1;
	}
	for (k = 0; e->attr_values != NULL && k < im->nattrs; k++) {
		if (e->attr_values[k] == NULL || *e->attr_values[k] == '\0')
			continue;
		buf_printf(b, "%s%s=\"", any ? " " : "", im->attr_names[k]);
		ladder_csv_md_plain(b, e->attr_values[k]);
		buf_putc(b, '"');
		any = 1;
	}
	buf_putc(b, '}');
	if (!any) {
		b->len = 0;
		b->data[0] = '\0';
	}
}

static void
build_competency(const struct importer *im, const struct comp *c, struct ladder_csv *lc)
{
	struct gen_file *f = add_file(lc, xasprintf("competencies/%s.md", c->id));
	struct origin at = at_csv(c->line, c->col);
	struct buf b = {0}, attrs = {0};
	size_t l, i;

	emit(f, at, "---");
	emit(f, at, "id: %s", c->id);
	if (c->area != NULL)
		emit_quoted(f, at_csv(c->area_line, c->area_col), "area: ", c->area);
	if (c->has_order)
		emit(f, at_csv(c->order_line, c->order_col), "order: %ld", c->order);
	else	/* the order in which the CSV first names them */
		emit(f, at, "order: %zu", (size_t)(c - im->comps) + 1);
	emit_applies(im, c, f, at);
	emit(f, at, "---");
	ladder_csv_md_plain(&b, c->title);
	emit(f, at, "# %s", b.data);
	if (c->description != NULL) {
		b.len = 0;
		buf_putc(&b, '\n');
		ladder_gen_md_item(&b, c->description, 0, NULL);
		ladder_gen_lines(f, FROM_CSV, c->desc_line, c->desc_col, b.data);
	}
	for (l = 0; l < im->nlevels; l++) {
		size_t n = 0;

		for (i = 0; i < c->n; i++) {
			const struct cexp *e = &c->exps[i];

			if (e->level != l)
				continue;
			if (n++ == 0) {
				struct origin head = at_csv(e->level_line, e->level_col);

				b.len = 0;
				ladder_csv_md_plain(&b, im->levels[l].id);
				emit(f, head, "%s", "");
				emit(f, head, "## %s", b.data);
				emit(f, head, "%s", "");
			}
			b.len = 0;
			buf_puts(&b, "- ");
			item_attrs(im, c, e, n, &attrs);
			ladder_gen_md_item(&b, e->text, 0, attrs.data);
			if (e->example != NULL) {
				char *copy = xstrdup(e->example), *line, *save = NULL;
				const char **list = xcalloc(strlen(copy) + 1, sizeof(*list));
				size_t nex = 0;

				for (line = strtok_r(copy, "\n", &save); line != NULL;
				    line = strtok_r(NULL, "\n", &save))
					list[nex++] = line;
				ladder_gen_md_examples(&b, list, nex, 0);
				free(list);
				free(copy);
			}
			ladder_gen_lines(f, FROM_CSV, e->line, e->col, b.data);
		}
	}
	buf_free(&b);
	buf_free(&attrs);
}

static void
importer_clear(struct importer *im)
{
	size_t i, k;

	for (i = 0; i < im->ncomps; i++) {
		struct comp *c = &im->comps[i];

		for (k = 0; k < c->n; k++) {
			size_t a;

			free(c->exps[k].text);
			free(c->exps[k].example);
			for (a = 0; c->exps[k].attr_values != NULL && a < im->nattrs; a++)
				free(c->exps[k].attr_values[a]);
			free(c->exps[k].attr_values);
		}
		free(c->exps);
		free(c->title);
		free(c->key);
		free(c->id);
		free(c->area);
		free(c->description);
	}
	free(im->comps);
	for (i = 0; i < im->ncsv_tracks; i++)
		free(im->csv_tracks[i]);
	free(im->csv_tracks);
	for (i = 0; i < im->nattrs; i++)
		free(im->attr_names[i]);
	free(im->attr_names);
	free(im->attr_cols);
	strmap_free(im->bad_levels);
	for (i = 0; i < im->nbad; i++)
		free(im->bad_names[i]);
	free(im->bad_names);
	for (i = 0; i < im->nlevels; i++) {
		free(im->levels[i].id);
		free(im->levels[i].title);
		free(im->levels[i].track);
	}
	free(im->levels);
	strmap_free(im->by_key);
	strmap_free(im->ids);
}

/* The levels and tracks the import works with, from the metadata or the defaults. */
static void
plan_levels(struct importer *im)
{
	const struct meta *mt = im->meta;
	size_t i;

	if (mt != NULL && mt->present[MK_TRACKS]) {
		im->tracks = (const char **)mt->tracks;
		im->ntracks = mt->ntracks;
	} else {
		im->tracks = (const char **)default_tracks;
		im->ntracks = NELEM(default_tracks);
	}
	im->level_track = im->ntracks > 0 ? im->tracks[0] : default_tracks[0];
	im->csv_levels = mt == NULL || !mt->present[MK_LEVELS];
	if (!im->csv_levels)
		for (i = 0; i < mt->nlevels; i++)
			add_level(im, mt->levels[i].id, mt->levels[i].title, mt->levels[i].track);
}

enum ladder_status
ladder_csv_read(const char *csv_path, const char *meta_path, struct diag_list *dl,
    struct ladder_csv **out)
{
	struct importer im;
	struct meta mt;
	struct ladder_csv *lc = NULL;
	size_t errors = diag_errors(dl), i;
	enum ladder_status st = LADDER_OK;

	*out = NULL;
	memset(&im, 0, sizeof(im));
	memset(&mt, 0, sizeof(mt));
	im.csv_path = csv_path;
	im.dl = dl;
	im.by_key = strmap_new();
	im.ids = strmap_new();
	im.bad_levels = strmap_new();
	if (meta_path != NULL) {
		im.meta = &mt;
		if ((st = read_meta(&mt, meta_path, dl)) != LADDER_OK)
			goto err;
	}
	plan_levels(&im);
	if ((st = read_rows(&im)) != LADDER_OK)
		goto err;
	if (im.track_col && (mt.present[MK_TRACKS] == 0) && im.ncsv_tracks > 0) {
		im.tracks = (const char **)im.csv_tracks;
		im.ntracks = im.ncsv_tracks;
	}
	if (diag_errors(dl) > errors) {
		st = LADDER_INVALID;
		goto err;
	}
	lc = xcalloc(1, sizeof(*lc));
	lc->csv_path = xstrdup(csv_path);
	lc->meta_path = meta_path ? xstrdup(meta_path) : NULL;
	build_ladder_md(&im, lc);
	for (i = 0; i < im.ncomps; i++)
		build_competency(&im, &im.comps[i], lc);
	*out = lc;
err:
	importer_clear(&im);
	meta_clear(&mt);
	return st;
}

void
ladder_csv_free(struct ladder_csv *lc)
{
	size_t i;

	if (lc == NULL)
		return;
	for (i = 0; i < lc->nfiles; i++) {
		free(lc->files[i].rel);
		buf_free(&lc->files[i].text);
		free(lc->files[i].lines);
	}
	free(lc->files);
	free(lc->csv_path);
	free(lc->meta_path);
	for (i = 0; i < lc->nextra; i++)
		free(lc->extra[i]);
	free(lc->extra);
	free(lc);
}

/* Ladders built by the importers */

struct ladder_csv *
ladder_gen_new(void)
{
	return xcalloc(1, sizeof(struct ladder_csv));
}

int
ladder_gen_source(struct ladder_csv *lc, const char *path)
{
	size_t cap = lc->nextra;

	if (lc->csv_path == NULL) {
		lc->csv_path = xstrdup(path);
		return FROM_CSV;
	}
	xgrow((void **)&lc->extra, &cap, lc->nextra + 1, sizeof(*lc->extra));
	lc->extra[lc->nextra++] = xstrdup(path);
	return (int)lc->nextra + 1;
}

struct gen_file *
ladder_gen_file(struct ladder_csv *lc, const char *rel)
{
	return add_file(lc, xstrdup(rel));
}

void
ladder_gen_lines(struct gen_file *f, int src, unsigned line, unsigned col, const char *text)
{
	struct origin o = { src, line, line ? col : 0, 0 };
	const char *p = text, *nl;

	for (;;) {
		nl = strchr(p, '\n');
		emit(f, o, "%.*s", (int)(nl ? (size_t)(nl - p) : strlen(p)), p);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

void
ladder_gen_yaml_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\t')
			buf_puts(b, "\\t");
		else if (c == '\r')
			continue;
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\x%02x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

/* 1 when the line opens a bullet list item ("- ", "* " or "+ "). */
static int
bullet_line(const char *s)
{
	return (*s == '-' || *s == '*' || *s == '+') && (s[1] == ' ' || s[1] == '\t');
}

/* A line of item text: inline Markdown (md_item), or plain text escaped to stay so. */
static void
item_line(struct buf *b, const char *line, int plain)
{
	struct buf esc = {0};

	if (!plain) {
		ladder_csv_md_item(b, line);
		return;
	}
	ladder_csv_md_plain(&esc, line);
	ladder_csv_md_item(b, esc.data);
	buf_free(&esc);
}

void
ladder_gen_md_item(struct buf *b, const char *text, int plain, const char *attrs)
{
	char *copy = xstrdup(text), *line, *next;
	int first = 1, in_para = 0, blank = 0;

	for (line = copy; line != NULL; line = next) {
		size_t n;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		n = strlen(line);
		while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0) {
			blank = 1;
			continue;
		}
		if (first) {
			item_line(b, line, plain);
			if (attrs != NULL && *attrs != '\0')
				buf_printf(b, " %s", attrs);
			first = 0;
			in_para = 1;
		} else if (bullet_line(line)) {
			line += 2;
			while (*line == ' ' || *line == '\t')
				line++;
			buf_puts(b, in_para || blank ? "\n\n  - " : "\n  - ");
			item_line(b, line, plain);
			in_para = 0;
		} else {
			/* a new paragraph after a blank line, a list, or a numbered line */
			size_t digits = strspn(line, "0123456789");
			int numbered = digits > 0 && (line[digits] == '.' || line[digits] == ')');

			buf_puts(b, blank || !in_para || numbered ? "\n\n  " : "\n  ");
			item_line(b, line, plain);
			in_para = 1;
		}
		blank = 0;
	}
	if (first && attrs != NULL && *attrs != '\0')
		buf_puts(b, attrs);
	free(copy);
}

void
ladder_gen_md_examples(struct buf *b, const char *const *examples, size_t n, int plain)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *one = xstrdup(examples[i]), *p;

		for (p = one; *p != '\0'; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		buf_puts(b, i == 0 ? "\n\n  - Example: " : "\n  - Example: ");
		for (p = one; *p == ' '; p++)
			;
		if (plain)
			ladder_csv_md_plain(b, p);
		else
			buf_puts(b, p);
		free(one);
	}
}

/* Directories */

int
ladder_csv_dir_state(const char *path)
{
	return atomic_dir_state(path);
}

/* Writes the generated files into the staging directory; -1 after printing why. */
static int
stage_files(const struct ladder_csv *lc, struct atomic_dir *d)
{
	char *path = path_join(atomic_dir_stage(d), "competencies");
	size_t i;

	/* there even when no competency was read, as a ladder directory has it */
	if (mkdir(path, 0777) != 0) {
		fprintf(stderr, "egf: %s: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	for (i = 0; i < lc->nfiles; i++) {
		const struct gen_file *f = &lc->files[i];

		if (atomic_dir_add(d, f->rel, f->text.data, f->text.len) != 0) {
			fprintf(stderr, "egf: %s/%s: %s\n", atomic_dir_stage(d), f->rel,
			    strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Where a line of a generated file comes from; NULL for a file the import did not write. */
static const struct origin *
origin_of(const struct ladder_csv *lc, const char *rel, unsigned line)
{
	size_t i;

	for (i = 0; i < lc->nfiles; i++) {
		const struct gen_file *f = &lc->files[i];

		if (strcmp(f->rel, rel) != 0 || f->nlines == 0)
			continue;
		if (line == 0)
			line = 1;
		return &f->lines[line <= f->nlines ? line - 1 : f->nlines - 1];
	}
	return NULL;
}

struct origin_arg {
	const struct ladder_csv *lc;
	const char *dir;
};

/*
 * The ladder_origin of the generated files: a position in one of them is
 * reported at the CSV cell, metadata or source line its line was made from
 * (the column carried over for lines copied verbatim).
 */
static char *
map_origin(void *arg, const char *rel, unsigned *line, unsigned *col)
{
	const struct origin_arg *a = arg;
	const struct origin *o = origin_of(a->lc, rel, *line);

	if (o == NULL)
		return path_join(a->dir, rel);
	if (o->line == 0 || *line == 0)
		*line = *col = 0;
	else {
		*line = o->line;
		if (!o->verbatim)
			*col = o->col;
	}
	return xstrdup(origin_path(a->lc, o));
}

/* Runs the ladder checks on the generated files in memory; reports at the origins. */
static void
check_files(const struct ladder_csv *lc, const char *dir, struct diag_list *dl)
{
	struct ladder_file *files = xcalloc(lc->nfiles ? lc->nfiles : 1, sizeof(*files));
	struct origin_arg arg = { lc, dir };
	struct ladder_origin origin = { map_origin, &arg };
	struct model *m = NULL;
	size_t i;

	for (i = 0; i < lc->nfiles; i++) {
		files[i].rel = lc->files[i].rel;
		files[i].data = lc->files[i].text.data ? lc->files[i].text.data : "";
		files[i].len = lc->files[i].text.len;
	}
	ladder_load_files(files, lc->nfiles, dir, &origin, dl, &m);
	model_free(m);
	free(files);
}

/* A non-empty directory that --force lets the import replace. */
static int
forced(const char *path)
{
	(void)path;
	return 1;
}

enum ladder_status
ladder_csv_write(const struct ladder_csv *lc, const char *dir, int replace,
    struct diag_list *dl)
{
	size_t errors = diag_errors(dl);
	struct atomic_dir *d;

	check_files(lc, dir, dl);
	if (diag_errors(dl) > errors)
		return LADDER_INVALID;
	if ((d = atomic_dir_open(dir)) == NULL) {
		fprintf(stderr, "egf: %s: cannot create a directory beside it: %s\n", dir,
		    strerror(errno));
		return LADDER_IO;
	}
	if (stage_files(lc, d) != 0) {
		atomic_dir_abort(d);
		return LADDER_IO;
	}
	if (atomic_dir_commit(d, replace ? forced : NULL) != 0) {
		if (errno == ENOTEMPTY && !replace)
			fprintf(stderr, "egf: %s exists and is not empty; use --force to replace it\n",
			    dir);
		else
			fprintf(stderr, "egf: %s: %s\n", dir, strerror(errno));
		return LADDER_IO;
	}
	return LADDER_OK;
}
