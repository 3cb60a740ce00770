/*
 * site_template.c: the layout of site pages and its slot language.
 *
 * A layout is HTML in which {{name}} (spaces allowed inside the braces)
 * stands for one of the slots of site.h; egf fills each with text it has
 * escaped or HTML it has built. A {{ that does not open such a name is
 * copied as is; a well-formed {{name}} with an unknown name is an error, so
 * that a typo cannot slip into every page.
 */
#include "site.h"
#include "diag.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SITE_TEMPLATE_MAX_SIZE (1024 * 1024)

static const char *const slot_names[SLOT__MAX] = { "title", "ladder", "version", "root",
	"page", "nav", "content", "scripts" };

const char *
site_slot_name(enum site_slot s)
{
	return slot_names[s];
}

char *
site_template_dir(void)
{
	/* Beside the binary: the source tree (build/egf), an installed tree (bin/egf). */
	static const char *const beside[] = { "../templates/site", "../share/egf/templates/site" };
	const char *env = getenv("EGF_TEMPLATE_DIR");
	char exe[PATH_MAX], real[PATH_MAX], *slash, *candidate;
	ssize_t n;
	size_t i;

	if (env != NULL && *env != '\0')
		return path_join(env, "site");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			for (i = 0; i < sizeof(beside) / sizeof(beside[0]); i++) {
				candidate = path_join(exe, beside[i]);
				if (realpath(candidate, real) != NULL && path_is_dir(real)) {
					free(candidate);
					return xstrdup(real);
				}
				free(candidate);
			}
		}
	}
#ifdef EGF_DATADIR
	return xstrdup(EGF_DATADIR "/templates/site");
#else
	return xstrdup("templates/site");
#endif
}

/* Reads one template file; diagnoses size and encoding. Returns -1 on an I/O error. */
static int
read_template(const char *dir, const char *name, struct diag_list *dl, char **data,
    size_t *len)
{
	char *path = path_join(dir, name);
	const char *what;
	size_t bad;
	unsigned line, col;
	int rc = 0;

	switch (file_read(path, SITE_TEMPLATE_MAX_SIZE, data, len)) {
	case FILE_OK:
		if (utf8_check(*data, *len, &bad, &what) != 0) {
			text_position(*data, bad, &line, &col);
			diag_add(dl, DIAG_ENCODING, path, line, col, "%s", what);
		}
		break;
	case FILE_TOO_LARGE:
		diag_add(dl, DIAG_TOO_LARGE, path, 0, 0, "template is larger than 1 MiB");
		break;
	case FILE_ERRNO:
		diag_report(NULL, DIAG_SYSTEM, NULL, "%s: %s", path, strerror(errno));
		rc = -1;
		break;
	}
	free(path);
	return rc;
}

static void
add_segment(struct site_templates *t, const char *text, size_t len, enum site_slot slot)
{
	struct site_segment *s;

	if (text != NULL && len == 0)
		return;
	xgrow((void **)&t->segments, &t->segments_cap, t->nsegments + 1, sizeof(*t->segments));
	s = &t->segments[t->nsegments++];
	s->text = text;
	s->len = len;
	s->slot = slot;
}

/*
 * At p (just after "{{"): the length of a slot reference "  name  }}" and its
 * name in *name and *nlen, or 0 when this is not one.
 */
static size_t
slot_ref(const char *p, const char **name, size_t *nlen)
{
	const char *q = p;

	while (*q == ' ')
		q++;
	*name = q;
	while (islower((unsigned char)*q))
		q++;
	*nlen = (size_t)(q - *name);
	while (*q == ' ')
		q++;
	if (*nlen == 0 || q[0] != '}' || q[1] != '}')
		return 0;
	return (size_t)(q + 2 - p);
}

/* Cuts the layout at its slots; diagnoses unknown names and a missing {{content}}. */
static void
parse_layout(struct site_templates *t, const char *path, struct diag_list *dl)
{
	const char *p = t->layout, *lit = t->layout, *name;
	size_t nlen, ref;
	int have_content = 0;

	while ((p = strstr(p, "{{")) != NULL) {
		int slot;

		if ((ref = slot_ref(p + 2, &name, &nlen)) == 0) {
			p += 2;
			continue;
		}
		for (slot = 0; slot < SLOT__MAX; slot++)
			if (strlen(slot_names[slot]) == nlen &&
			    strncmp(slot_names[slot], name, nlen) == 0)
				break;
		if (slot == SLOT__MAX) {
			unsigned line, col;

			text_position(t->layout, (size_t)(p - t->layout), &line, &col);
			diag_add(dl, DIAG_BAD_VALUE, path, line, col, "unknown slot '{{%.*s}}' "
			    "(title, ladder, version, root, page, nav, content or scripts)",
			    (int)nlen, name);
		}
		add_segment(t, lit, (size_t)(p - lit), SLOT__MAX);
		add_segment(t, NULL, 0, slot == SLOT__MAX ? SLOT_CONTENT : (enum site_slot)slot);
		have_content |= slot == SLOT_CONTENT;
		p += 2 + ref;
		lit = p;
	}
	add_segment(t, lit, strlen(lit), SLOT__MAX);
	if (!have_content)
		diag_add(dl, DIAG_MISSING_FIELD, path, 1, 1,
		    "the layout has no {{content}} slot");
}

int
site_templates_load(const char *dir, struct diag_list *dl, struct site_templates *t)
{
	size_t len;
	char *path;

	memset(t, 0, sizeof(*t));
	if (read_template(dir, "layout.html", dl, &t->layout, &len) != 0 ||
	    read_template(dir, "style.css", dl, &t->style, &t->style_len) != 0 ||
	    read_template(dir, "assess.js", dl, &t->script, &t->script_len) != 0)
		return -1;
	if (t->layout != NULL && diag_errors(dl) == 0) {
		path = path_join(dir, "layout.html");
		parse_layout(t, path, dl);
		free(path);
	}
	return 0;
}

void
site_templates_clear(struct site_templates *t)
{
	free(t->layout);
	free(t->segments);
	free(t->style);
	free(t->script);
	memset(t, 0, sizeof(*t));
}

void
site_layout_fill(const struct site_templates *t, const char *const vals[SLOT__MAX],
    struct buf *out)
{
	size_t i;

	for (i = 0; i < t->nsegments; i++) {
		const struct site_segment *s = &t->segments[i];

		if (s->text != NULL)
			buf_add(out, s->text, s->len);
		else if (vals[s->slot] != NULL)
			buf_puts(out, vals[s->slot]);
	}
}
