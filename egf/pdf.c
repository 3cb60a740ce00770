/* pdf.c: layout over cairo's PDF surface and PangoCairo. */
#include "pdf.h"
#include "diag.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "strmap.h"
/* last: cairo's, Pango's and fontconfig's functions are called through the loaded table */
#define PDF_LIB_NAMES
#include "pdf_lib.h"

#ifndef EGF_VERSION
#define EGF_VERSION "unknown"
#endif

/*
 * The font directories egf's fontconfig configuration reads, with the
 * system's caches: DejaVu (fonts-dejavu-core), then the fallbacks of
 * tools/install-deps. Directories that do not exist are skipped.
 */
static const char font_config[] =
    "<?xml version=\"1.0\"?>\n"
    "<fontconfig>\n"
    "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
    "  <dir>/usr/share/fonts/opentype/noto</dir>\n"
    "  <dir>/usr/share/fonts/truetype/noto</dir>\n"
    "  <dir>/usr/share/fonts/truetype/wqy</dir>\n"
    "  <dir>/usr/share/fonts/truetype/ancient-scripts</dir>\n"
    "  <selectfont><rejectfont>\n"
    "    <glob>*/NotoSerif*</glob><glob>*/NotoKufi*</glob><glob>*/NotoNaskh*</glob>\n"
    "    <glob>*/NotoLooped*</glob><glob>*/NotoRashi*</glob><glob>*UI-*</glob>\n"
    "    <glob>*Display*</glob><glob>*/Noto*Italic*</glob><glob>*/Noto*Mono*</glob>\n"
    "  </rejectfont></selectfont>\n"
    "  <cachedir>/var/cache/fontconfig</cachedir>\n"
    "  <cachedir prefix=\"xdg\">fontconfig</cachedir>\n"
    "  <config><rescan><int>0</int></rescan></config>\n"
    "</fontconfig>\n";

/*
 * After the template's own font, the order in which the fallbacks are
 * tried for a character it lacks (fontconfig tries the rest of the
 * configuration's fonts after these).
 */
static const char fallback_families[] = "Noto Sans,Noto Sans CJK SC,WenQuanYi Zen Hei,"
    "Noto Sans Arabic,Noto Sans Hebrew,Noto Sans Devanagari,Noto Sans Thai,Symbola";

struct pdf_fonts {
	const struct packet_template *t;	/* borrowed */
	FcConfig *config;
	PangoFontMap *map;
	PangoFontDescription *desc[STYLE__MAX];
	PangoContext *ctx;
	char *family[2];			/* regular, bold */
	pthread_t loader;			/* pdf_fonts_start's thread */
	int joinable;				/* the loader has not been joined */
	pthread_mutex_t lock;			/* guards t and given for the loader */
	pthread_cond_t ready;			/* given became 1 */
	int given;				/* pdf_fonts_template was called */
	char *error;				/* why loading failed (owned), or NULL */
};

struct pdf_text {
	PangoLayout *layout;		/* NULL when the text is broken by pieces */
	const char *text;		/* the pieces' text (arena) */
	PangoLayoutLine **lines;	/* arena; NULL when the text is broken by pieces */
	PangoGlyphItem **pieces;	/* arena array of owned pieces, a line each, or NULL */
	size_t nlines;
	enum packet_style_id style;
	struct pdf_span *links;		/* arena; uri in the arena */
	size_t nlinks;
	float hang;			/* indent of lines that start no paragraph */
};

enum op_kind { OP_TEXT, OP_BOX, OP_STROKE, OP_LINK };

struct op {
	enum op_kind kind;
	const struct pdf_text *text;
	size_t line;
	float x, y, x2, y2, width;	/* OP_BOX: x, y, x2 = w, y2 = h */
	struct packet_color c;
	const char *uri;
};

struct page {
	struct op *ops;
	size_t n, cap;
};

struct outline {
	const char *title;
	int parent;
	size_t page;
	float y;
};

struct pdf_state {
	const struct pdf_fonts *f;
	struct page *pages;
	size_t npages, pages_cap, cur;
	struct outline *outlines;
	size_t noutlines, outlines_cap;
	struct pdf_text **texts;	/* for their layouts' release */
	size_t ntexts, texts_cap;
	/*
	 * The plain texts laid out so far, by style, width and text (keys in
	 * the arena): a text measured and then drawn, or repeated (a ratings
	 * line, a table heading, a scale label), is laid out once.
	 */
	struct strmap *plain;
	size_t nlinks;
};

/* ---- fonts ---- */

/* The configuration's pattern of the font file at path, or NULL (borrowed). */
static FcPattern *
font_known(FcConfig *config, const char *path)
{
	FcFontSet *fs = FcConfigGetFonts(config, FcSetSystem);
	FcChar8 *file;
	int i;

	for (i = 0; fs != NULL && i < fs->nfont; i++)
		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
		    strcmp((const char *)file, path) == 0)
			return fs->fonts[i];
	return NULL;
}

/*
 * The family name of a font file: from the configuration's cache when its
 * directories hold it (no file is read), else read from the file, which is
 * added to the configuration (fontconfig 2.14 loses some memory of every
 * font it adds this way: tests/lsan.supp).
 */
static char *
font_family(FcConfig *config, const char *path)
{
	FcPattern *p, *known = font_known(config, path);
	FcChar8 *family;
	int count = 0;
	char *s = NULL;

	if (known != NULL && FcPatternGetString(known, FC_FAMILY, 0, &family) == FcResultMatch)
		return xstrdup((const char *)family);
	if (known == NULL && !FcConfigAppFontAddFile(config, (const FcChar8 *)path))
		return NULL;
	p = FcFreeTypeQuery((const FcChar8 *)path, 0, NULL, &count);
	if (p != NULL && FcPatternGetString(p, FC_FAMILY, 0, &family) == FcResultMatch)
		s = xstrdup((const char *)family);
	if (p != NULL)
		FcPatternDestroy(p);
	return s;
}

/*
 * What needs no template: the PDF libraries (pdf_lib.h) and egf's font
 * configuration, into f; 0, or -1 with f->error saying why.
 */
static int
load_libraries(struct pdf_fonts *f)
{
	const char *why;

	if (pdf_lib_load(&why) != 0) {
		f->error = xstrdup(why);
		return -1;
	}
	f->config = FcConfigCreate();
	if (f->config == NULL || !FcConfigParseAndLoadFromMemory(f->config,
	    (const FcChar8 *)font_config, FcTrue) || !FcConfigBuildFonts(f->config)) {
		f->error = xstrdup("the font configuration could not be loaded");
		return -1;
	}
	return 0;
}

/*
 * After load_libraries, the template's font files, the font map, the
 * context and a description per style into f; 0, or -1 with f->error
 * saying why. Touches nothing outside f but fontconfig's current
 * configuration, so it may run in a thread of its own while the caller
 * does other work (pdf_fonts_start).
 */
static int
load_fonts(struct pdf_fonts *f)
{
	const struct packet_template *t = f->t;
	const char *files[2] = { t->font_regular, t->font_bold };
	cairo_font_options_t *opts;
	int i;

	for (i = 0; i < 2; i++) {
		char *path = packet_font_path(files[i]);

		if (path == NULL) {
			f->error = xasprintf("font %s not found (looked in $EGF_FONT_DIR and "
			    "/usr/share/fonts/truetype/dejavu); install fonts-dejavu-core", files[i]);
			return -1;
		}
		f->family[i] = font_family(f->config, path);
		if (f->family[i] == NULL) {
			f->error = xasprintf("%s is not a font file fontconfig can read", path);
			free(path);
			return -1;
		}
		free(path);
	}
	/*
	 * Pango starts a thread that runs FcInit, which reads the machine's
	 * whole configuration and font caches; with ours current it has
	 * nothing left to do (fontconfig's current configuration is the
	 * library's own process-wide state, and egf uses no other).
	 */
	if (!FcConfigSetCurrent(f->config)) {
		f->error = xstrdup("the font configuration could not be made current");
		return -1;
	}
	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (f->map == NULL) {
		f->error = xstrdup("Pango has no FreeType font map");
		return -1;
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
	/* One context for every document: its fontsets and shaping caches are kept. */
	f->ctx = pango_font_map_create_context(f->map);
	/* Unhinted metrics at 72 dpi: one unit is one point, on screen and paper alike. */
	pango_cairo_context_set_resolution(f->ctx, 72);
	opts = cairo_font_options_create();
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(f->ctx, opts);
	cairo_font_options_destroy(opts);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	pango_context_set_base_dir(f->ctx, PANGO_DIRECTION_LTR);
	for (i = 0; i < STYLE__MAX; i++) {
		const struct packet_style *s = &t->style[i];
		char *families = xasprintf("%s,%s", f->family[s->bold ? 1 : 0], fallback_families);

		f->desc[i] = pango_font_description_new();
		pango_font_description_set_family(f->desc[i], families);
		pango_font_description_set_weight(f->desc[i], s->bold ? PANGO_WEIGHT_BOLD :
		    PANGO_WEIGHT_NORMAL);
		pango_font_description_set_absolute_size(f->desc[i], s->size * PANGO_SCALE);
		free(families);
	}
	return 0;
}

/*
 * What every document's first lines would do, done ahead: each style's
 * fontset (fontconfig's match and sort of its pattern), its first font
 * (FreeType's face, cairo's scaled font) and HarfBuzz's shaping plan for
 * egf's features. The documents lay out the same either way.
 */
static void warm_style(struct pdf_fonts *f, int style);

static void *
loader(void *arg)
{
	struct pdf_fonts *f = arg;
	int ok = load_libraries(f) == 0, i;

	/* the template, which the caller reads meanwhile */
	pthread_mutex_lock(&f->lock);
	while (!f->given)
		pthread_cond_wait(&f->ready, &f->lock);
	pthread_mutex_unlock(&f->lock);
	if (ok && f->t != NULL && load_fonts(f) == 0)
		for (i = 0; i < STYLE__MAX; i++)
			warm_style(f, i);
	return NULL;
}

struct pdf_fonts *
pdf_fonts_start(void)
{
	struct pdf_fonts *f = xcalloc(1, sizeof(*f));

	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->ready, NULL);
	if (pthread_create(&f->loader, NULL, loader, f) == 0)
		f->joinable = 1;
	return f;
}

void
pdf_fonts_template(struct pdf_fonts *f, const struct packet_template *t)
{
	if (!f->joinable) {	/* no thread: load now; pdf_fonts_wait reports */
		f->t = t;
		f->given = 1;
		(void)loader(f);
		return;
	}
	pthread_mutex_lock(&f->lock);
	f->t = t;
	f->given = 1;
	pthread_cond_signal(&f->ready);
	pthread_mutex_unlock(&f->lock);
}

int
pdf_fonts_wait(struct pdf_fonts *f)
{
	if (f->joinable) {
		pthread_join(f->loader, NULL);
		f->joinable = 0;
	}
	if (f->error == NULL)
		return 0;
	diag_report(NULL, DIAG_SYSTEM, NULL, "%s", f->error);
	return -1;
}

struct pdf_fonts *
pdf_fonts_new(const struct packet_template *t)
{
	struct pdf_fonts *f = xcalloc(1, sizeof(*f));

	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->ready, NULL);
	f->t = t;
	f->given = 1;
	if (load_libraries(f) == 0 && load_fonts(f) == 0)
		return f;
	diag_report(NULL, DIAG_SYSTEM, NULL, "%s", f->error);
	pdf_fonts_free(f);
	return NULL;
}

void
pdf_fonts_free(struct pdf_fonts *f)
{
	int i;

	if (f == NULL)
		return;
	if (f->joinable) {
		if (!f->given)
			pdf_fonts_template(f, NULL);	/* no template is coming: the loader stops */
		pthread_join(f->loader, NULL);
	}
	pthread_cond_destroy(&f->ready);
	pthread_mutex_destroy(&f->lock);
	free(f->error);
	for (i = 0; i < STYLE__MAX; i++)
		if (f->desc[i] != NULL)
			pango_font_description_free(f->desc[i]);
	if (f->ctx != NULL)
		g_object_unref(f->ctx);
	if (f->map != NULL)
		g_object_unref(f->map);
	if (f->config != NULL)
		FcConfigDestroy(f->config);
	free(f->family[0]);
	free(f->family[1]);
	free(f);
}

/* ---- pages and the display list ---- */

static struct op *
add_op(struct pdf_doc *d, enum op_kind kind)
{
	struct page *pg = &d->s->pages[d->s->cur];
	struct op *o;

	xgrow((void **)&pg->ops, &pg->cap, pg->n + 1, sizeof(*pg->ops));
	o = &pg->ops[pg->n++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	return o;
}

void
pdf_new_page(struct pdf_doc *d)
{
	struct pdf_state *s = d->s;

	xgrow((void **)&s->pages, &s->pages_cap, s->npages + 1, sizeof(*s->pages));
	memset(&s->pages[s->npages], 0, sizeof(*s->pages));
	s->cur = s->npages++;
	d->y = d->top;
}

size_t
pdf_page_number(const struct pdf_doc *d)
{
	return d->s->cur + 1;
}

void
pdf_need(struct pdf_doc *d, float height)
{
	if (d->y - height < d->bottom && d->y < d->top)
		pdf_new_page(d);
}

void
pdf_space(struct pdf_doc *d, float points)
{
	if (d->y < d->top)	/* no space at the top of a page */
		d->y -= points;
	if (d->y < d->bottom)
		pdf_new_page(d);
}

float
pdf_leading(const struct pdf_doc *d, enum packet_style_id style)
{
	return d->t->style[style].size * 1.32f;
}

float
pdf_baseline(const struct pdf_doc *d, enum packet_style_id style, float y)
{
	return y - d->t->style[style].size * 0.95f;
}

/* ---- text ---- */

/*
 * The OpenType features egf turns off: pair kerning and standard ligatures,
 * which libharu never applied either. They are a tenth of a packet's
 * shaping time; the features a script needs (Arabic joining and required
 * ligatures, Indic conjuncts, mark positioning) stay on.
 */
static PangoAttrList *
base_attrs(void)
{
	PangoAttrList *a = pango_attr_list_new();

	pango_attr_list_insert(a, pango_attr_font_features_new("kern 0, liga 0"));
	return a;
}

/* A layout of the fonts' context in a style, with egf's features. */
static PangoLayout *
style_layout(const struct pdf_fonts *f, enum packet_style_id style)
{
	PangoLayout *l = pango_layout_new(f->ctx);
	PangoAttrList *attrs = base_attrs();

	pango_layout_set_font_description(l, f->desc[style]);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_set_auto_dir(l, FALSE);	/* the base direction stays left to right */
	return l;
}

static PangoLayout *
new_layout(struct pdf_doc *d, enum packet_style_id style, float width)
{
	PangoLayout *l = style_layout(d->s->f, style);

	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	return l;
}

static void
warm_style(struct pdf_fonts *f, int style)
{
	PangoLayout *l = style_layout(f, (enum packet_style_id)style);
	PangoLayoutLine *line;

	pango_layout_set_text(l, "Egf 0123456789", -1);
	(void)pango_layout_get_line_count(l);
	line = pango_layout_get_line_readonly(l, 0);
	/*
	 * The font's metrics, which Pango's own wrapping asks for (a text with
	 * line feeds): the first request lays out a sample text of their own.
	 */
	if (line != NULL && line->runs != NULL) {
		PangoGlyphItem *run = line->runs->data;
		PangoFontMetrics *fm = pango_font_get_metrics(run->item->analysis.font,
		    run->item->analysis.language);

		pango_font_metrics_unref(fm);
	}
	g_object_unref(l);
}

static struct pdf_text *
keep_text(struct pdf_doc *d, PangoLayout *l, enum packet_style_id style)
{
	struct pdf_state *s = d->s;
	struct pdf_text *t = arena_alloc(d->arena, sizeof(*t));
	GSList *it;
	size_t i = 0;

	t->layout = l;
	t->style = style;
	t->nlines = (size_t)pango_layout_get_line_count(l);
	t->lines = arena_alloc(d->arena, (t->nlines + 1) * sizeof(*t->lines));
	for (it = pango_layout_get_lines_readonly(l); it != NULL && i < t->nlines; it = it->next)
		t->lines[i++] = it->data;
	t->nlines = i;
	xgrow((void **)&s->texts, &s->texts_cap, s->ntexts + 1, sizeof(*s->texts));
	s->texts[s->ntexts++] = t;
	return t;
}

/*
 * Whether a plain text may be broken into lines by broken_text: no line
 * feeds, tabs, soft hyphens, line or paragraph separators or directional
 * controls, and no space at either end (where Pango's rules for spaces at
 * the end of a line would matter).
 */
static int
breakable(const char *text, size_t len)
{
	size_t i;

	if (len == 0 || text[0] == ' ' || text[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c < 0x20 || c == 0x7f)
			return 0;
		if (c == 0xc2 && i + 1 < len && (unsigned char)text[i + 1] == 0xad)
			return 0;	/* U+00AD SOFT HYPHEN */
		if (c == 0xe2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
		    (unsigned char)text[i + 2] >= 0xa8 && (unsigned char)text[i + 2] <= 0xaf)
			return 0;	/* U+2028 ... U+202F: separators, embeddings */
		if (c == 0xe2 && i + 2 < len && (unsigned char)text[i + 1] == 0x81 &&
		    (unsigned char)text[i + 2] >= 0xa6 && (unsigned char)text[i + 2] <= 0xa9)
			return 0;	/* U+2066 ... U+2069: isolates */
	}
	return 1;
}

/*
 * The space a line was broken after draws nothing and takes no width, as
 * in Pango's wrapped lines (its glyph is PANGO_GLYPH_EMPTY), unless it
 * shares its cluster with another glyph.
 */
static void
final_space(PangoGlyphString *g)
{
	int last = g->num_glyphs - 1;

	if (last < 0 || (last >= 1 && g->log_clusters[last] == g->log_clusters[last - 1]))
		return;
	g->glyphs[last].geometry.width = 0;
	g->glyphs[last].glyph = PANGO_GLYPH_EMPTY;
}

/*
 * A paragraph of plain text wrapped at units (Pango units) with one shaping
 * of its text: Pango's own wrapping shapes a paragraph whole, then each of
 * its lines again, which is most of a packet's layout time. The text is
 * laid out as one line, broken where Pango would break it (the last line
 * break opportunity after a space at which the line, without that space,
 * still fits; Pango's rule) and the shaped run is cut into a piece per line
 * (pango_glyph_item_split: no shaping again). Only text that Pango lays out
 * as one left-to-right run is broken this way, and only at spaces: NULL
 * for anything else (several fonts or scripts, right-to-left text, a word
 * wider than the line, a break at a hyphen), which the caller lays out
 * with Pango's wrapping. A text that fits on one line keeps its layout line.
 */
static struct pdf_text *
broken_text(struct pdf_doc *d, enum packet_style_id style, const char *text, size_t len,
    int units)
{
	PangoLayout *l;
	PangoLayoutLine *line;
	PangoGlyphItem *run, *rest;
	const PangoLogAttr *la;
	struct pdf_text *t;
	int *widths = NULL, *starts = NULL, n, nattrs, nstarts = 0, s, pos, width;
	size_t cap = 0;
	const char *lt;

	if (!breakable(text, len))
		return NULL;
	l = new_layout(d, style, 0);
	pango_layout_set_text(l, text, (int)len);
	if (pango_layout_get_line_count(l) != 1 || (line = pango_layout_get_line_readonly(l, 0)) ==
	    NULL || line->runs == NULL || line->runs->next != NULL) {
		g_object_unref(l);
		return NULL;
	}
	run = line->runs->data;
	la = pango_layout_get_log_attrs_readonly(l, &nattrs);
	n = nattrs - 1;
	lt = pango_layout_get_text(l);
	if (run->item->analysis.level != 0 || run->item->offset != 0 || run->item->num_chars != n ||
	    n < 1) {
		g_object_unref(l);
		return NULL;
	}
	widths = xcalloc((size_t)n, sizeof(*widths));
	pango_glyph_item_get_logical_widths(run, lt, widths);
	/* the char index at which each line starts */
	for (s = 0; s < n;) {
		int best = -1, rest_w = 0;

		for (pos = s; pos < n; pos++)
			rest_w += widths[pos];
		if (rest_w <= units)
			break;	/* the rest fits: the last line */
		for (pos = s + 1, width = widths[s]; pos < n; width += widths[pos], pos++) {
			if (!la[pos].is_line_break)
				continue;
			if (width - (la[pos - 1].is_white ? widths[pos - 1] : 0) > units)
				break;
			best = pos;
		}
		if (best < 0 || !la[best - 1].is_white || la[best].break_inserts_hyphen ||
		    la[best].break_removes_preceding) {
			free(widths);
			free(starts);
			g_object_unref(l);
			return NULL;
		}
		xgrow((void **)&starts, &cap, (size_t)nstarts + 1, sizeof(*starts));
		starts[nstarts++] = best;
		s = best;
	}
	free(widths);
	if (nstarts == 0) {
		free(starts);
		return keep_text(d, l, style);
	}
	t = keep_text(d, l, style);
	t->lines = NULL;
	t->nlines = (size_t)nstarts + 1;
	t->pieces = arena_alloc(d->arena, t->nlines * sizeof(*t->pieces));
	rest = pango_glyph_item_copy(run);
	for (pos = 0; pos < nstarts; pos++) {
		int at = (int)(g_utf8_offset_to_pointer(lt, starts[pos]) - lt) - rest->item->offset;

		t->pieces[pos] = pango_glyph_item_split(rest, lt, at);
		final_space(t->pieces[pos]->glyphs);
	}
	t->pieces[nstarts] = rest;
	free(starts);
	/* the pieces are all that is drawn: the one-line layout's glyphs go */
	t->text = arena_strdup(d->arena, lt);
	t->layout = NULL;
	g_object_unref(l);
	return t;
}

/*
 * The plain text (no marks, no hang) of len bytes laid out in a style and
 * width (0: one line per line feed), from the document's cache when the
 * same text was laid out before. A layout is never changed once its lines
 * are kept, so a text drawn twice shares one.
 */
static struct pdf_text *
plain_text(struct pdf_doc *d, enum packet_style_id style, const char *text, size_t len,
    float width)
{
	struct pdf_state *s = d->s;
	int units = width > 0 ? (int)(width * PANGO_SCALE) : -1;
	char head[32];
	size_t hlen = (size_t)snprintf(head, sizeof(head), "%d %d ", (int)style, units);
	char *key = arena_alloc(d->arena, hlen + len + 1);
	struct pdf_text *t;
	PangoLayout *l;

	memcpy(key, head, hlen);
	memcpy(key + hlen, text, len);
	key[hlen + len] = '\0';
	if ((t = strmap_get(s->plain, key)) != NULL)
		return t;
	if (units <= 0 || (t = broken_text(d, style, text, len, units)) == NULL) {
		l = new_layout(d, style, width);
		pango_layout_set_text(l, text, (int)len);
		t = keep_text(d, l, style);
	}
	strmap_put(s->plain, key, t);
	return t;
}

struct pdf_text *
pdf_wrap(struct pdf_doc *d, enum packet_style_id style, const char *text, float width)
{
	return plain_text(d, style, text, strlen(text), width);
}

static void
add_attr(PangoAttrList *list, PangoAttribute *a, size_t start, size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(list, a);
}

struct pdf_text *
pdf_wrap_rich(struct pdf_doc *d, enum packet_style_id style, const struct pdf_rich *r,
    float width, float hang)
{
	PangoLayout *l = new_layout(d, style, width);
	PangoAttrList *attrs = base_attrs();
	const struct packet_color *lc = &d->t->style[STYLE_HEADING].color;
	struct pdf_text *t;
	size_t i, nlinks = 0;

	for (i = 0; i < r->nspans; i++) {
		const struct pdf_span *sp = &r->spans[i];

		if (sp->marks & PDF_STRONG)
			add_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), sp->start, sp->end);
		if (sp->marks & PDF_EMPH)
			add_attr(attrs, pango_attr_style_new(PANGO_STYLE_OBLIQUE), sp->start, sp->end);
		if (sp->marks & PDF_CODE)
			add_attr(attrs, pango_attr_family_new("DejaVu Sans Mono,Noto Sans Mono"),
			    sp->start, sp->end);
		if (sp->uri != NULL) {
			add_attr(attrs, pango_attr_foreground_new((guint16)(lc->r * 65535),
			    (guint16)(lc->g * 65535), (guint16)(lc->b * 65535)), sp->start, sp->end);
			add_attr(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), sp->start,
			    sp->end);
			nlinks++;
		}
	}
	if (hang > 0)
		pango_layout_set_indent(l, (int)(-hang * PANGO_SCALE));
	pango_layout_set_text(l, r->text.data ? r->text.data : "", (int)r->text.len);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	t = keep_text(d, l, style);
	t->hang = hang;
	t->links = arena_alloc(d->arena, (nlinks + 1) * sizeof(*t->links));
	for (i = 0; i < r->nspans; i++)
		if (r->spans[i].uri != NULL) {
			t->links[t->nlinks] = r->spans[i];
			t->links[t->nlinks++].uri = arena_strdup(d->arena, r->spans[i].uri);
		}
	return t;
}

size_t
pdf_text_lines(const struct pdf_text *t)
{
	return t->nlines;
}

float
pdf_text_line_width(const struct pdf_text *t, size_t i)
{
	PangoRectangle logical;

	if (t->pieces != NULL)
		return (float)pango_glyph_string_get_width(t->pieces[i]->glyphs) / PANGO_SCALE;
	pango_layout_line_get_extents(t->lines[i], NULL, &logical);
	return (float)logical.width / PANGO_SCALE;
}

/* The link areas of line i, drawn at x with its baseline at y. */
static void
line_links(struct pdf_doc *d, const struct pdf_text *t, size_t i, float x, float y)
{
	PangoLayoutLine *line = t->lines[i];
	size_t ls = (size_t)line->start_index, le = ls + (size_t)line->length, k;
	float size = d->t->style[t->style].size;

	for (k = 0; k < t->nlinks; k++) {
		size_t s = t->links[k].start > ls ? t->links[k].start : ls;
		size_t e = t->links[k].end < le ? t->links[k].end : le;
		int *ranges = NULL, n = 0, j;

		if (s >= e)
			continue;
		pango_layout_line_get_x_ranges(line, (int)s, (int)e, &ranges, &n);
		for (j = 0; j < n; j++) {
			struct op *o = add_op(d, OP_LINK);

			o->x = x + (float)ranges[2 * j] / PANGO_SCALE;
			o->x2 = x + (float)ranges[2 * j + 1] / PANGO_SCALE;
			o->y = y - size * 0.25f;
			o->y2 = y + size * 0.95f;
			o->uri = t->links[k].uri;
			d->s->nlinks++;
		}
		g_free(ranges);
	}
}

void
pdf_text_line(struct pdf_doc *d, const struct pdf_text *t, size_t i, float x, float y)
{
	struct op *o;

	if (i >= t->nlines)
		return;
	if (t->lines != NULL && !t->lines[i]->is_paragraph_start)
		x += t->hang;
	o = add_op(d, OP_TEXT);
	o->text = t;
	o->line = i;
	o->x = x;
	o->y = y;
	o->c = d->t->style[t->style].color;
	if (t->nlinks > 0)
		line_links(d, t, i, x, y);
}

void
pdf_text_at(struct pdf_doc *d, enum packet_style_id style, float x, float y,
    const char *text, size_t len)
{
	struct pdf_text *t = plain_text(d, style, text, len, 0);
	size_t i;

	for (i = 0; i < t->nlines; i++)
		pdf_text_line(d, t, i, x, y - pdf_leading(d, style) * (float)i);
}

/* One line of text, cut with an ellipsis at width. */
static struct pdf_text *
fit_text(struct pdf_doc *d, enum packet_style_id style, const char *text, float width)
{
	PangoLayout *l = new_layout(d, style, 0);

	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_single_paragraph_mode(l, TRUE);
	pango_layout_set_text(l, text, -1);
	return keep_text(d, l, style);
}

void
pdf_text_fit(struct pdf_doc *d, enum packet_style_id style, float x, float y,
    const char *text, float width)
{
	pdf_text_line(d, fit_text(d, style, text, width), 0, x, y);
}

float
pdf_width(struct pdf_doc *d, enum packet_style_id style, const char *text, size_t len)
{
	PangoRectangle logical;

	if (len == 0)
		return 0;
	/* kept: what is measured is usually drawn next (a label placed by its width) */
	pango_layout_get_extents(plain_text(d, style, text, len, 0)->layout, NULL, &logical);
	return (float)logical.width / PANGO_SCALE;
}

static void
draw_line(struct pdf_doc *d, const struct pdf_text *t, size_t i, float x)
{
	pdf_text_line(d, t, i, x, pdf_baseline(d, t->style, d->y));
	d->y -= pdf_leading(d, t->style);
}

void
pdf_paragraph_text(struct pdf_doc *d, enum packet_style_id style, float indent,
    const struct pdf_text *t, size_t keep)
{
	float lead = pdf_leading(d, style), x = d->left + indent;
	size_t n = t->nlines, i;

	if (n == 0)
		return;
	if (keep > n)
		keep = n;
	if (keep > 0 && lead * (float)keep <= d->top - d->bottom)
		pdf_need(d, lead * (float)keep);
	for (i = 0; i < n; i++) {
		pdf_need(d, lead);
		draw_line(d, t, i, x);
	}
}

void
pdf_paragraph(struct pdf_doc *d, enum packet_style_id style, float indent,
    const char *text, size_t keep)
{
	if (*text == '\0')
		return;
	pdf_paragraph_text(d, style, indent, pdf_wrap(d, style, text,
	    d->right - d->left - indent), keep);
}

int
pdf_outline(struct pdf_doc *d, const char *title, int parent)
{
	struct pdf_state *s = d->s;
	struct outline *o;

	xgrow((void **)&s->outlines, &s->outlines_cap, s->noutlines + 1, sizeof(*s->outlines));
	o = &s->outlines[s->noutlines++];
	o->title = arena_strdup(d->arena, title);
	o->parent = parent;
	o->page = s->cur;
	o->y = d->y + 4;
	return (int)s->noutlines;
}

int
pdf_heading(struct pdf_doc *d, enum packet_style_id style, const char *text, float follow,
    int parent)
{
	float lead = pdf_leading(d, style);
	struct pdf_text *t = pdf_wrap(d, style, text, d->right - d->left);
	size_t i;
	int id;

	pdf_space(d, lead * 0.6f);
	pdf_need(d, lead * (float)t->nlines + follow);
	id = pdf_outline(d, text, parent);
	for (i = 0; i < t->nlines; i++)
		draw_line(d, t, i, d->left);
	d->y -= lead * 0.25f;
	return id;
}

/* ---- graphics ---- */

void
pdf_box(struct pdf_doc *d, float x, float y, float w, float h, struct packet_color c)
{
	struct op *o = add_op(d, OP_BOX);

	o->x = x;
	o->y = y;
	o->x2 = w;
	o->y2 = h;
	o->c = c;
}

void
pdf_line(struct pdf_doc *d, float x1, float y1, float x2, float y2, float width,
    struct packet_color c)
{
	struct op *o = add_op(d, OP_STROKE);

	o->x = x1;
	o->y = y1;
	o->x2 = x2;
	o->y2 = y2;
	o->width = width;
	o->c = c;
}

void
pdf_rule(struct pdf_doc *d)
{
	pdf_need(d, 8);
	d->y -= 3;
	pdf_line(d, d->left, d->y, d->right, d->y, 0.6f, d->t->rule);
	d->y -= 5;
}

/* ---- rich text ---- */

void
pdf_rich_add(struct pdf_rich *r, const char *text, size_t len, int marks, const char *uri)
{
	struct pdf_span *sp;

	if (len == 0)
		return;
	xgrow((void **)&r->spans, &r->spans_cap, r->nspans + 1, sizeof(*r->spans));
	sp = &r->spans[r->nspans++];
	sp->start = r->text.len;
	buf_add(&r->text, text, len);
	sp->end = r->text.len;
	sp->marks = marks;
	sp->uri = uri ? xstrdup(uri) : NULL;
}

void
pdf_rich_clear(struct pdf_rich *r)
{
	size_t i;

	for (i = 0; i < r->nspans; i++)
		free(r->spans[i].uri);
	free(r->spans);
	buf_free(&r->text);
	memset(r, 0, sizeof(*r));
}

/* ---- drawing ---- */

/*
 * "Page n of m" and the footer text on every page. The footer is laid out
 * once for each width it is given (the page numbers' widths change only
 * with their count of digits), and each page number once, measured from
 * its own layout.
 */
static void
footers(struct pdf_doc *d, const char *footer)
{
	enum packet_style_id s = STYLE_SMALL;
	float y = d->t->margin_bottom / 2, fit_width = -1;
	const struct pdf_text *fit = NULL;
	size_t i, n = d->s->npages;

	for (i = 0; i < n; i++) {
		char text[64];
		const struct pdf_text *t;
		float w;

		d->s->cur = i;
		snprintf(text, sizeof(text), "Page %zu of %zu", i + 1, n);
		t = pdf_wrap(d, s, text, 0);
		w = t->nlines > 0 ? pdf_text_line_width(t, 0) : 0;
		pdf_text_line(d, t, 0, d->right - w, y);
		if (footer == NULL)
			continue;
		if (fit == NULL || fit_width != d->right - d->left - w - 20) {
			fit_width = d->right - d->left - w - 20;
			fit = fit_text(d, s, footer, fit_width);
		}
		pdf_text_line(d, fit, 0, d->left, y);
	}
}

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A link target as a cairo attribute string: quotes and backslashes escaped. */
static char *
link_attrs(const char *uri, float x, float y, float w, float h)
{
	struct buf b = {0};
	const char *p;

	buf_puts(&b, "uri='");
	for (p = uri; *p; p++) {
		if (*p == '\'' || *p == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *p);
	}
	buf_printf(&b, "' rect=[%.2f %.2f %.2f %.2f]", x, y, w, h);
	return buf_take(&b);
}

static void
draw_page(cairo_t *cr, const struct page *pg, float height)
{
	size_t i;

	for (i = 0; i < pg->n; i++) {
		const struct op *o = &pg->ops[i];
		char *attrs;

		switch (o->kind) {
		case OP_TEXT:
			cairo_set_source_rgb(cr, o->c.r, o->c.g, o->c.b);
			cairo_move_to(cr, o->x, height - o->y);
			if (o->text->pieces != NULL)
				pango_cairo_show_glyph_item(cr, o->text->text, o->text->pieces[o->line]);
			else
				pango_cairo_show_layout_line(cr, o->text->lines[o->line]);
			break;
		case OP_BOX:
			cairo_set_source_rgb(cr, o->c.r, o->c.g, o->c.b);
			cairo_rectangle(cr, o->x, height - o->y - o->y2, o->x2, o->y2);
			cairo_fill(cr);
			break;
		case OP_STROKE:
			cairo_set_source_rgb(cr, o->c.r, o->c.g, o->c.b);
			cairo_set_line_width(cr, o->width);
			cairo_move_to(cr, o->x, height - o->y);
			cairo_line_to(cr, o->x2, height - o->y2);
			cairo_stroke(cr);
			break;
		case OP_LINK:
			attrs = link_attrs(o->uri, o->x, height - o->y2, o->x2 - o->x, o->y2 - o->y);
			cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
			cairo_tag_end(cr, CAIRO_TAG_LINK);
			free(attrs);
			break;
		}
	}
}

/* An ISO 8601 date for cairo: SOURCE_DATE_EPOCH when set (and valid), else now. */
static void
document_date(char *out, size_t size)
{
	time_t now = source_date_now();
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
set_info(cairo_surface_t *pdf, const struct pdf_info *info)
{
	char date[32];

	document_date(date, sizeof(date));
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "egf " EGF_VERSION);
	if (info->title)
		cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, info->title);
	if (info->author)
		cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_AUTHOR, info->author);
	if (info->subject)
		cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_SUBJECT, info->subject);
	if (info->keywords)
		cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_KEYWORDS, info->keywords);
}

/* Draws the laid out pages into out. */
static int
draw(struct pdf_doc *d, const struct pdf_info *info, struct buf *out)
{
	const struct packet_template *t = d->t;
	struct pdf_state *s = d->s;
	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(write_out, out, t->width,
	    t->height);
	cairo_t *cr = cairo_create(pdf);
	cairo_status_t st;
	int *ids = xcalloc(s->noutlines + 1, sizeof(*ids));
	size_t i;

	set_info(pdf, info);
	for (i = 0; i < s->npages; i++) {
		/*
		 * cairo 1.16 gives a link annotation a /StructParent but writes
		 * the structure tree only when there are structure tags: without
		 * one per page, a document with links refers to a missing object.
		 */
		if (s->nlinks > 0)
			cairo_tag_begin(cr, "Sect", "");
		draw_page(cr, &s->pages[i], t->height);
		if (s->nlinks > 0)
			cairo_tag_end(cr, "Sect");
		cairo_show_page(cr);
	}
	for (i = 0; i < s->noutlines; i++) {
		const struct outline *o = &s->outlines[i];
		char dest[64];

		snprintf(dest, sizeof(dest), "page=%zu pos=[%.2f %.2f]", o->page + 1,
		    (double)t->margin_left, (double)(t->height - o->y));
		ids[i + 1] = cairo_pdf_surface_add_outline(pdf, o->parent ? ids[o->parent] :
		    CAIRO_PDF_OUTLINE_ROOT, o->title, dest, 0);
	}
	free(ids);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(pdf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(pdf);
	cairo_surface_destroy(pdf);
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_report(NULL, DIAG_SYSTEM, NULL,
		    "the PDF could not be drawn: %s", cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int
pdf_render(const struct pdf_fonts *f, const struct pdf_info *info, const char *footer,
    void (*body)(struct pdf_doc *d, void *arg), void *arg, struct buf *out)
{
	const struct packet_template *t = f->t;
	struct pdf_state s;
	struct pdf_doc d;
	size_t i;
	int rc;

	memset(&s, 0, sizeof(s));
	memset(&d, 0, sizeof(d));
	s.f = f;
	s.plain = strmap_new();
	d.t = t;
	d.s = &s;
	d.arena = arena_new();
	d.left = t->margin_left;
	d.right = t->width - t->margin_right;
	d.top = t->height - t->margin_top;
	d.bottom = t->margin_bottom;
	pdf_new_page(&d);
	body(&d, arg);
	footers(&d, footer);
	rc = draw(&d, info, out);
	for (i = 0; i < s.ntexts; i++) {
		struct pdf_text *pt = s.texts[i];
		size_t k;

		for (k = 0; pt->pieces != NULL && k < pt->nlines; k++)
			pango_glyph_item_free(pt->pieces[k]);
		if (pt->layout != NULL)
			g_object_unref(pt->layout);
	}
	free(s.texts);
	strmap_free(s.plain);
	for (i = 0; i < s.npages; i++)
		free(s.pages[i].ops);
	free(s.pages);
	free(s.outlines);
	arena_free(d.arena);
	return rc;
}
