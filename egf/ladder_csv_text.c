/*
 * ladder_csv_text.c: the spreadsheet importer's text: cells normalised,
 * names folded, id slugs, and text escaped so that it reads back the same
 * as Markdown or YAML (ladder_csv.h, ladder_csv_int.h).
 */
#include "ladder_csv.h"
#include "ladder_csv_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
char *
lc_normalise_lines(const char *s, size_t *bad)
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
char *
lc_normalise(const char *s, size_t *bad)
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

char *
lc_fold_name(const char *s)
{
	char *f = xstrdup(s), *p;

	for (p = f; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return f;
}

void
lc_yaml_quoted(struct buf *b, const char *s)
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
int
lc_valid_level_id(const char *id)
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
