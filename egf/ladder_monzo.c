/*
 * ladder_monzo.c: Monzo progression-framework files (YAML front matter with
 * title, levels: N and topics[].content[] of criteria and exampleCriteria)
 * into one ladder directory.
 *
 * Each file is a track (its id the file name's slug, its title the file's
 * title, emoji kept) with levels TRACK-1 ... TRACK-N. Topics of the same
 * name are one competency across the files that have it, in order of first
 * appearance; its criteria at a level are that level's expectations, then
 * its exampleCriteria, whose examples become `Example:` items.
 */
#include "ladder_import.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "util.h"

struct mz_file {
	struct source s;
	int src;
	char *track;		/* owned */
	const char *title;	/* borrowed from s */
	long levels;
	yaml_node_t *topics;
};

struct mz_topic {
	const char *name;	/* borrowed from the first file that has it */
	const char *title;
	char *id;		/* owned */
	size_t first_file;
	yaml_node_t *first_node;
};

struct mz {
	struct mz_file *files;
	size_t nfiles;
	struct mz_topic *topics;
	size_t ntopics;
	struct diag_list *dl;
};

static const char *
scalar_at(struct mz_file *f, const yaml_node_t *map, const char *key)
{
	yaml_node_t *v = source_get(&f->s, map, key);

	return v ? source_scalar(&f->s, v, key) : NULL;
}

/* The file name without directory and extension, as a slug; caller frees. */
static char *
file_slug(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	char *stem, *slug;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	stem = xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
	slug = ladder_csv_slug(stem);
	free(stem);
	return slug;
}

/* Checks one content entry of a topic; 0 when it can be read. */
static int
check_content(struct mz_file *f, yaml_node_t *entry)
{
	static const char *const keys[] = { "level", "criteria", "exampleCriteria", NULL };
	yaml_node_t *v;
	const char *text;
	long level;
	char *end;
	size_t i;
	int ok = 1;

	if (entry->type != YAML_MAPPING_NODE) {
		source_diag(&f->s, DIAG_BAD_VALUE, entry, "a content entry is a mapping with level");
		return -1;
	}
	source_check_keys(&f->s, entry, keys);
	if ((v = source_require(&f->s, entry, "level", "content entry")) == NULL ||
	    (text = source_scalar(&f->s, v, "level")) == NULL)
		return -1;
	errno = 0;
	level = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0' || errno != 0 || level < 1 || level > f->levels) {
		source_diag(&f->s, DIAG_BAD_VALUE, v, "level '%s' is not a number from 1 to %ld",
		    text, f->levels);
		ok = 0;
	}
	if ((v = source_get(&f->s, entry, "criteria")) != NULL) {
		if (v->type != YAML_SEQUENCE_NODE) {
			source_diag(&f->s, DIAG_BAD_VALUE, v, "criteria is not a list");
			ok = 0;
		} else
			for (i = 0; i < source_count(v); i++)
				if (source_scalar(&f->s, source_item(&f->s, v, i), "a criterion") == NULL)
					ok = 0;
	}
	if ((v = source_get(&f->s, entry, "exampleCriteria")) != NULL) {
		if (v->type != YAML_SEQUENCE_NODE) {
			source_diag(&f->s, DIAG_BAD_VALUE, v, "exampleCriteria is not a list");
			return -1;
		}
		for (i = 0; i < source_count(v); i++) {
			static const char *const ekeys[] = { "criteria", "examples", NULL };
			yaml_node_t *ec = source_item(&f->s, v, i), *ex;
			size_t k;

			if (ec->type != YAML_MAPPING_NODE) {
				source_diag(&f->s, DIAG_BAD_VALUE, ec,
				    "an exampleCriteria entry is a mapping with criteria and examples");
				ok = 0;
				continue;
			}
			source_check_keys(&f->s, ec, ekeys);
			if (source_require(&f->s, ec, "criteria", "exampleCriteria entry") == NULL ||
			    scalar_at(f, ec, "criteria") == NULL)
				ok = 0;
			if ((ex = source_get(&f->s, ec, "examples")) == NULL)
				continue;
			if (ex->type != YAML_SEQUENCE_NODE) {
				source_diag(&f->s, DIAG_BAD_VALUE, ex, "examples is not a list");
				ok = 0;
				continue;
			}
			for (k = 0; k < source_count(ex); k++)
				if (source_scalar(&f->s, source_item(&f->s, ex, k), "an example") == NULL)
					ok = 0;
		}
	}
	return ok ? 0 : -1;
}

/* Reads and checks one framework file; registers its topics. 0 when it can be imported. */
static int
read_file(struct mz *mz, size_t fi, const char *path)
{
	static const char *const keys[] = { "path", "title", "sidebarTitle", "sidebarGroup",
	    "yaml", "levels", "homepage", "topics", NULL };
	struct mz_file *f = &mz->files[fi];
	yaml_node_t *v;
	const char *text;
	char *end;
	size_t i, k, j;
	int ok = 1;

	if (f->s.root == NULL) {
		diag_add(mz->dl, DIAG_MISSING_FIELD, path, 1, 1,
		    "not a framework file: no YAML front matter with title, levels and topics");
		return -1;
	}
	source_check_keys(&f->s, f->s.root, keys);
	f->title = scalar_at(f, f->s.root, "title");
	if (source_require(&f->s, f->s.root, "title", "the framework") == NULL || f->title == NULL)
		ok = 0;
	if ((v = source_require(&f->s, f->s.root, "levels", "the framework")) == NULL ||
	    (text = source_scalar(&f->s, v, "levels")) == NULL)
		return -1;
	errno = 0;
	f->levels = strtol(text, &end, 10);
	if (*text == '\0' || *end != '\0' || errno != 0 || f->levels < 1 || f->levels > 99) {
		source_diag(&f->s, DIAG_BAD_VALUE, v, "levels '%s' is not a number from 1 to 99", text);
		return -1;
	}
	if ((f->topics = source_require(&f->s, f->s.root, "topics", "the framework")) == NULL)
		return -1;
	if (f->topics->type != YAML_SEQUENCE_NODE) {
		source_diag(&f->s, DIAG_BAD_VALUE, f->topics, "topics is not a list");
		return -1;
	}
	for (i = 0; i < source_count(f->topics); i++) {
		static const char *const tkeys[] = { "name", "title", "content", NULL };
		yaml_node_t *t = source_item(&f->s, f->topics, i), *content;
		const char *name, *title;

		if (t->type != YAML_MAPPING_NODE) {
			source_diag(&f->s, DIAG_BAD_VALUE, t, "a topic is a mapping with name and content");
			ok = 0;
			continue;
		}
		source_check_keys(&f->s, t, tkeys);
		if (source_require(&f->s, t, "name", "topic") == NULL ||
		    (name = scalar_at(f, t, "name")) == NULL || *name == '\0') {
			ok = 0;
			continue;
		}
		title = scalar_at(f, t, "title");
		if ((content = source_require(&f->s, t, "content", "topic")) == NULL)
			ok = 0;
		else if (content->type != YAML_SEQUENCE_NODE) {
			source_diag(&f->s, DIAG_BAD_VALUE, content, "content is not a list");
			ok = 0;
		} else
			for (k = 0; k < source_count(content); k++)
				if (check_content(f, source_item(&f->s, content, k)) != 0)
					ok = 0;
		for (j = 0; j < mz->ntopics; j++)
			if (strcmp(mz->topics[j].name, name) == 0)
				break;
		if (j < mz->ntopics) {
			if (mz->topics[j].title == NULL || *mz->topics[j].title == '\0')
				mz->topics[j].title = title;
			continue;
		}
		mz->topics = xrealloc(mz->topics, (mz->ntopics + 1) * sizeof(*mz->topics));
		memset(&mz->topics[mz->ntopics], 0, sizeof(*mz->topics));
		mz->topics[mz->ntopics].name = name;
		mz->topics[mz->ntopics].title = title;
		mz->topics[mz->ntopics].first_file = fi;
		mz->topics[mz->ntopics].first_node = t;
		mz->ntopics++;
	}
	return ok ? 0 : -1;
}

/* The topic of this name in file f, or NULL. */
static yaml_node_t *
topic_in(struct mz_file *f, const char *name)
{
	size_t i;

	for (i = 0; f->topics != NULL && i < source_count(f->topics); i++) {
		yaml_node_t *t = source_item(&f->s, f->topics, i);
		const char *n;

		if (t->type == YAML_MAPPING_NODE && (n = scalar_at(f, t, "name")) != NULL &&
		    strcmp(n, name) == 0)
			return t;
	}
	return NULL;
}

/* One expectation item (criterion and its examples) from node. */
static void
write_item(struct mz_file *f, struct gen_file *g, yaml_node_t *node, const char *text,
    yaml_node_t *examples)
{
	struct buf b = {0};
	const char **list = NULL;
	size_t k, n = 0;

	buf_puts(&b, "- ");
	ladder_gen_md_item(&b, text, 1, NULL);
	if (examples != NULL && examples->type == YAML_SEQUENCE_NODE) {
		list = xcalloc(source_count(examples) + 1, sizeof(*list));
		for (k = 0; k < source_count(examples); k++) {
			const char *t = source_scalar(&f->s, source_item(&f->s, examples, k),
			    "an example");

			if (t != NULL && *t != '\0')
				list[n++] = t;
		}
		ladder_gen_md_examples(&b, list, n, 1);
	}
	ladder_gen_lines(g, f->src, source_line(&f->s, node), source_col(&f->s, node), b.data);
	free(list);
	buf_free(&b);
}

/* The level-N section of a topic in file f, if the topic has content there. */
static void
write_level(struct mz_file *f, struct gen_file *g, yaml_node_t *topic, long level)
{
	yaml_node_t *content = source_get(&f->s, topic, "content");
	size_t i, k;
	int head = 0;

	for (i = 0; i < source_count(content); i++) {
		yaml_node_t *e = source_item(&f->s, content, i), *lv, *list;
		const char *text;

		if ((lv = source_get(&f->s, e, "level")) == NULL ||
		    (text = source_scalar(&f->s, lv, "level")) == NULL || strtol(text, NULL, 10) != level)
			continue;
		if (!head) {
			struct buf b = {0};

			buf_printf(&b, "\n## %s-%ld\n", f->track, level);
			ladder_gen_lines(g, f->src, source_line(&f->s, lv), source_col(&f->s, lv),
			    b.data);
			buf_free(&b);
			head = 1;
		}
		if ((list = source_get(&f->s, e, "criteria")) != NULL)
			for (k = 0; k < source_count(list); k++) {
				yaml_node_t *c = source_item(&f->s, list, k);
				const char *t = source_scalar(&f->s, c, "a criterion");

				if (t != NULL && *t != '\0')
					write_item(f, g, c, t, NULL);
			}
		if ((list = source_get(&f->s, e, "exampleCriteria")) != NULL)
			for (k = 0; k < source_count(list); k++) {
				yaml_node_t *ec = source_item(&f->s, list, k);
				yaml_node_t *c = source_get(&f->s, ec, "criteria");
				const char *t = c ? source_scalar(&f->s, c, "criteria") : NULL;

				if (t != NULL && *t != '\0')
					write_item(f, g, c, t, source_get(&f->s, ec, "examples"));
			}
	}
}

/* The lowest level with content of a topic in a file, or 0. */
static long
first_level(struct mz_file *f, yaml_node_t *topic)
{
	yaml_node_t *content = source_get(&f->s, topic, "content");
	long best = 0;
	size_t i;

	for (i = 0; i < source_count(content); i++) {
		const char *text = scalar_at(f, source_item(&f->s, content, i), "level");
		long l = text ? strtol(text, NULL, 10) : 0;

		if (l > 0 && (best == 0 || l < best))
			best = l;
	}
	return best;
}

static void
write_topic(struct mz *mz, struct ladder_csv *lc, size_t ti)
{
	struct mz_topic *t = &mz->topics[ti];
	struct mz_file *first = &mz->files[t->first_file];
	struct buf b = {0}, tracks = {0}, from = {0};
	char *rel = xasprintf("competencies/%s.md", t->id);
	struct gen_file *g = ladder_gen_file(lc, rel);
	size_t fi, ntracks = 0, nfrom = 0;
	long l;

	free(rel);
	for (fi = 0; fi < mz->nfiles; fi++) {
		yaml_node_t *node = topic_in(&mz->files[fi], t->name);
		long low;

		if (node == NULL)
			continue;
		buf_printf(&tracks, "%s%s", ntracks++ ? ", " : "", mz->files[fi].track);
		if ((low = first_level(&mz->files[fi], node)) > 1)
			buf_printf(&from, "%s%s-%ld", nfrom++ ? ", " : "", mz->files[fi].track, low);
	}
	buf_printf(&b, "---\nid: %s\norder: %zu\n", t->id, ti + 1);
	if (ntracks < mz->nfiles)
		buf_printf(&b, "tracks: [%s]\n", tracks.data);
	if (nfrom > 0)
		buf_printf(&b, "from: [%s]\n", from.data);
	buf_puts(&b, "---\n# ");
	if (t->title != NULL && *t->title != '\0')
		ladder_csv_md_plain(&b, t->title);
	else {
		char *cap = xstrdup(t->name);

		if (cap[0] >= 'a' && cap[0] <= 'z')
			cap[0] = (char)(cap[0] - 'a' + 'A');
		ladder_csv_md_plain(&b, cap);
		free(cap);
	}
	ladder_gen_lines(g, first->src, source_line(&first->s, t->first_node),
	    source_col(&first->s, t->first_node), b.data);
	for (fi = 0; fi < mz->nfiles; fi++) {
		yaml_node_t *node = topic_in(&mz->files[fi], t->name);

		for (l = 1; node != NULL && l <= mz->files[fi].levels; l++)
			write_level(&mz->files[fi], g, node, l);
	}
	buf_free(&b);
	buf_free(&tracks);
	buf_free(&from);
}

/* The body of a file without blank lines at its ends; borrowed length. */
static const char *
body_of(struct mz_file *f, size_t *len)
{
	const char *p = f->s.body;
	size_t n = f->s.body_len;

	while (n > 0 && (*p == '\n' || *p == '\r')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' '))
		n--;
	*len = n;
	return p;
}

static void
write_ladder_md(struct mz *mz, struct ladder_csv *lc, char *const *paths)
{
	struct gen_file *g = ladder_gen_file(lc, "ladder.md");
	struct mz_file *f0 = &mz->files[0];
	struct buf b = {0};
	const char *intro, *dir_end;
	size_t i, intro_len;
	long l;
	char *dir, *id;

	dir_end = strrchr(paths[0], '/');
	dir = dir_end ? xstrndup(paths[0], (size_t)(dir_end - paths[0])) : xstrdup("monzo");
	if (strrchr(dir, '/') != NULL)
		memmove(dir, strrchr(dir, '/') + 1, strlen(strrchr(dir, '/') + 1) + 1);
	id = ladder_csv_slug(dir);
	if (*id == '\0') {
		free(id);
		id = xstrdup("monzo");
	}
	if (dir[0] >= 'a' && dir[0] <= 'z')
		dir[0] = (char)(dir[0] - 'a' + 'A');
	buf_printf(&b, "---\nid: %s\ntitle: ", id);
	{
		char *title = xasprintf("%s progression framework", dir);

		ladder_gen_yaml_string(&b, title);
		free(title);
	}
	buf_puts(&b, "\nversion: \"1\"");
	ladder_gen_lines(g, f0->src, 1, 1, b.data);
	ladder_import_default_rule(g, f0->src, paths[0], mz->dl);
	ladder_gen_lines(g, f0->src, 0, 0, "tracks:");
	intro = body_of(f0, &intro_len);
	for (i = 0; i < mz->nfiles; i++) {
		struct mz_file *f = &mz->files[i];
		const char *body;
		size_t len;

		b.len = 0;
		buf_printf(&b, "  - {id: %s, title: ", f->track);
		ladder_gen_yaml_string(&b, f->title ? f->title : f->track);
		body = body_of(f, &len);
		if (i > 0 && len > 0 && (len != intro_len || memcmp(body, intro, len) != 0)) {
			char *d = xstrndup(body, len);

			buf_puts(&b, ", description: ");
			ladder_gen_yaml_string(&b, d);
			free(d);
		}
		buf_puts(&b, "}");
		ladder_gen_lines(g, f->src, 1, 1, b.data);
	}
	ladder_gen_lines(g, f0->src, 0, 0, "levels:");
	for (i = 0; i < mz->nfiles; i++) {
		struct mz_file *f = &mz->files[i];
		yaml_node_t *v = source_get(&f->s, f->s.root, "levels");

		for (l = 1; l <= f->levels; l++) {
			b.len = 0;
			buf_printf(&b, "  - {id: %s-%ld, title: \"Level %ld\", track: %s}", f->track, l,
			    l, f->track);
			ladder_gen_lines(g, f->src, source_line(&f->s, v), source_col(&f->s, v), b.data);
		}
	}
	ladder_gen_lines(g, f0->src, 0, 0, "---");
	if (intro_len > 0) {
		char *text = xstrndup(intro, intro_len);

		ladder_gen_lines(g, f0->src, f0->s.body_line, 1, text);
		free(text);
		ladder_gen_lines(g, f0->src, 0, 0, "");
	}
	b.len = 0;
	buf_puts(&b, "Imported from ");
	for (i = 0; i < mz->nfiles; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		ladder_csv_md_plain(&b, paths[i]);
	}
	buf_puts(&b, " by egf import monzo.");
	ladder_gen_lines(g, f0->src, 0, 0, b.data);
	buf_free(&b);
	free(dir);
	free(id);
}

enum ladder_status
ladder_monzo_read(char *const *paths, size_t n, struct diag_list *dl, struct ladder_csv **out)
{
	struct mz mz;
	struct ladder_csv *lc = NULL;
	enum ladder_status st = LADDER_INVALID;
	size_t errors = diag_errors(dl), i, j;

	*out = NULL;
	memset(&mz, 0, sizeof(mz));
	mz.dl = dl;
	mz.files = xcalloc(n + 1, sizeof(*mz.files));
	for (i = 0; i < n; i++) {
		enum source_status sst = source_open(&mz.files[i].s, paths[i], dl);

		mz.nfiles = i + 1;
		if (sst == SOURCE_IO) {
			st = LADDER_IO;
			goto out;
		}
		if (sst != SOURCE_OK)
			continue;
		mz.files[i].track = file_slug(paths[i]);
		if (*mz.files[i].track == '\0') {
			free(mz.files[i].track);
			mz.files[i].track = xstrdup("track");
		}
		for (j = 0; j < i; j++)
			if (mz.files[j].track != NULL && strcmp(mz.files[j].track, mz.files[i].track) == 0) {
				char *again = xasprintf("%s-%zu", mz.files[i].track, i + 1);

				free(mz.files[i].track);
				mz.files[i].track = again;
			}
		read_file(&mz, i, paths[i]);
	}
	if (diag_errors(dl) > errors)
		goto out;
	for (i = 0; i < mz.ntopics; i++) {
		char *slug = ladder_csv_slug(mz.topics[i].name);

		mz.topics[i].id = *slug ? xstrdup(slug) : xasprintf("topic-%zu", i + 1);
		for (j = 0; j < i; j++)
			if (strcmp(mz.topics[j].id, mz.topics[i].id) == 0) {
				free(mz.topics[i].id);
				mz.topics[i].id = xasprintf("%s-%zu", *slug ? slug : "topic", i + 1);
			}
		free(slug);
	}
	lc = ladder_gen_new();
	for (i = 0; i < n; i++)
		mz.files[i].src = ladder_gen_source(lc, paths[i]);
	write_ladder_md(&mz, lc, paths);
	for (i = 0; i < mz.ntopics; i++)
		write_topic(&mz, lc, i);
	*out = lc;
	lc = NULL;
	st = LADDER_OK;
out:
	ladder_csv_free(lc);
	for (i = 0; i < mz.nfiles; i++) {
		source_close(&mz.files[i].s);
		free(mz.files[i].track);
	}
	for (i = 0; i < mz.ntopics; i++)
		free(mz.topics[i].id);
	free(mz.topics);
	free(mz.files);
	return st;
}
