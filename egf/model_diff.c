/* model_diff.c: comparing two models by id. */
#include "model_diff.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

const char *
change_kind_name(enum change_kind kind)
{
	static const char *const names[] = { "added", "removed", "reworded", "moved", "changed" };

	return names[kind];
}

static struct model_change *
add(struct model_changes *c, enum change_kind kind, const char *node, const char *id)
{
	struct model_change *ch;

	xgrow((void **)&c->items, &c->cap, c->n + 1, sizeof(*c->items));
	ch = &c->items[c->n++];
	memset(ch, 0, sizeof(*ch));
	ch->kind = kind;
	ch->node = node;
	ch->id = id;
	return ch;
}

static int
differ(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

static void
field(struct model_changes *c, const char *node, const char *id, const char *name,
    const char *a, const char *b)
{
	if (differ(a, b)) {
		struct model_change *ch = add(c, CHANGE_MODIFIED, node, id);

		ch->field = name;
		ch->old_value = a;
		ch->new_value = b;
	}
}

/* A field whose values are formatted here; the change owns the strings. */
static void
field_owned(struct model_changes *c, const char *node, const char *id, const char *name,
    char *a, char *b)
{
	if (strcmp(a, b) != 0) {
		struct model_change *ch = add(c, CHANGE_MODIFIED, node, id);

		ch->field = name;
		ch->old_value = ch->owned[0] = a;
		ch->new_value = ch->owned[1] = b;
		return;
	}
	free(a);
	free(b);
}

static char *
join_ids(const char *const *ids, size_t n)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", ids[i]);
	return buf_take(&b);
}

static void
diff_ladder(const struct model *a, const struct model *b, struct model_changes *c)
{
	size_t i;

	field(c, "ladder", b->id, "id", a->id, b->id);
	field(c, "ladder", b->id, "version", a->version, b->version);
	field(c, "ladder", b->id, "title", a->title, b->title);
	field(c, "ladder", b->id, "introduction", a->intro_text, b->intro_text);
	field(c, "scale", "meets", "meets", a->meets, b->meets);
	for (i = 0; i < a->nscale || i < b->nscale; i++) {
		const struct model_scale_point *pa = i < a->nscale ? a->scale[i] : NULL;
		const struct model_scale_point *pb = i < b->nscale ? b->scale[i] : NULL;

		if (pa == NULL)
			add(c, CHANGE_ADDED, "scale", pb->id)->new_value = pb->label;
		else if (pb == NULL)
			add(c, CHANGE_REMOVED, "scale", pa->id)->old_value = pa->label;
		else {
			field(c, "scale", pb->id, "id", pa->id, pb->id);
			field(c, "scale", pb->id, "label", pa->label, pb->label);
			field_owned(c, "scale", pb->id, "value", xasprintf("%ld", pa->value),
			    xasprintf("%ld", pb->value));
		}
	}
	field_owned(c, "promotion", "threshold", "threshold", xasprintf("%.15g", a->threshold),
	    xasprintf("%.15g", b->threshold));
	field_owned(c, "promotion", "required", "required", join_ids(a->required, a->nrequired),
	    join_ids(b->required, b->nrequired));
	field_owned(c, "ladder", b->id, "activity_terms",
	    join_ids(a->activity_terms, a->nactivity_terms),
	    join_ids(b->activity_terms, b->nactivity_terms));
}

static void
diff_tracks_levels(const struct model *a, const struct model *b, struct model_changes *c)
{
	size_t i;

	for (i = 0; i < a->ntracks; i++)
		if (model_track(b, a->tracks[i]->id) == NULL)
			add(c, CHANGE_REMOVED, "track", a->tracks[i]->id)->old_value = a->tracks[i]->title;
	for (i = 0; i < b->ntracks; i++) {
		const struct model_track *old = model_track(a, b->tracks[i]->id);

		if (old == NULL)
			add(c, CHANGE_ADDED, "track", b->tracks[i]->id)->new_value = b->tracks[i]->title;
		else
			field(c, "track", old->id, "title", old->title, b->tracks[i]->title);
	}
	for (i = 0; i < a->nlevels; i++)
		if (model_level(b, a->levels[i]->id) == NULL)
			add(c, CHANGE_REMOVED, "level", a->levels[i]->id)->old_value = a->levels[i]->title;
	for (i = 0; i < b->nlevels; i++) {
		const struct model_level *nl = b->levels[i], *old = model_level(a, nl->id);

		if (old == NULL) {
			add(c, CHANGE_ADDED, "level", nl->id)->new_value = nl->title;
			continue;
		}
		field(c, "level", nl->id, "title", old->title, nl->title);
		field(c, "level", nl->id, "track", old->track_id, nl->track_id);
		field_owned(c, "level", nl->id, "position in its track", xasprintf("%zu", old->rank + 1),
		    xasprintf("%zu", nl->rank + 1));
	}
}

static void
diff_competencies(const struct model *a, const struct model *b, struct model_changes *c)
{
	size_t i;

	for (i = 0; i < a->ncompetencies; i++)
		if (model_competency(b, a->competencies[i]->id) == NULL)
			add(c, CHANGE_REMOVED, "competency", a->competencies[i]->id)->old_value =
			    a->competencies[i]->title;
	for (i = 0; i < b->ncompetencies; i++) {
		const struct model_competency *nc = b->competencies[i];
		const struct model_competency *old = model_competency(a, nc->id);

		if (old == NULL) {
			add(c, CHANGE_ADDED, "competency", nc->id)->new_value = nc->title;
			continue;
		}
		field(c, "competency", nc->id, "title", old->title, nc->title);
		field(c, "competency", nc->id, "area", old->area, nc->area);
		field(c, "competency", nc->id, "description", old->description_text,
		    nc->description_text);
		/* Which levels it applies to: its tracks and first levels. */
		field_owned(c, "competency", nc->id, "tracks", join_ids(old->track_ids, old->ntracks),
		    join_ids(nc->track_ids, nc->ntracks));
		field_owned(c, "competency", nc->id, "from", join_ids(old->from_ids, old->nfrom),
		    join_ids(nc->from_ids, nc->nfrom));
	}
}

/* The value of e's attribute name (the last one given), or NULL. */
static const char *
attr_value(const struct model_expectation *e, const char *name)
{
	const char *value = NULL;
	size_t i;

	for (i = 0; i < e->nattrs; i++)
		if (strcmp(e->attrs[i].name, name) == 0)
			value = e->attrs[i].value;
	return value;
}

/* Whether attrs[i] is the first of its name in e. */
static int
first_attr(const struct model_expectation *e, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(e->attrs[j].name, e->attrs[i].name) == 0)
			return 0;
	return 1;
}

/* An expectation's example or attribute that differs; the change owns its field name. */
static void
detail(struct model_changes *c, const struct model_expectation *e, char *name,
    const char *a, const char *b)
{
	struct model_change *ch;

	if (!differ(a, b)) {
		free(name);
		return;
	}
	ch = add(c, CHANGE_MODIFIED, "expectation", e->id);
	ch->field = ch->owned[2] = name;
	ch->old_value = a;
	ch->new_value = b;
	ch->old_level = ch->new_level = e->level_id;
	ch->old_competency = ch->new_competency = e->competency->id;
}

/*
 * The examples of one expectation compared by position ("example N"), its
 * attributes by name ("attribute NAME": the old ladder's names first, then
 * the new ones); NULL stands for an example or attribute one side lacks.
 */
static void
diff_details(const struct model_expectation *old, const struct model_expectation *e,
    struct model_changes *c)
{
	size_t i;

	for (i = 0; i < old->nexamples || i < e->nexamples; i++)
		detail(c, e, xasprintf("example %zu", i + 1),
		    i < old->nexamples ? old->examples[i].text : NULL,
		    i < e->nexamples ? e->examples[i].text : NULL);
	for (i = 0; i < old->nattrs; i++)
		if (first_attr(old, i))
			detail(c, e, xasprintf("attribute %s", old->attrs[i].name),
			    attr_value(old, old->attrs[i].name), attr_value(e, old->attrs[i].name));
	for (i = 0; i < e->nattrs; i++)
		if (first_attr(e, i) && attr_value(old, e->attrs[i].name) == NULL)
			detail(c, e, xasprintf("attribute %s", e->attrs[i].name), NULL,
			    attr_value(e, e->attrs[i].name));
}

static void
diff_expectations(const struct model *a, const struct model *b, struct model_changes *c)
{
	size_t i, j;

	for (i = 0; i < a->ncompetencies; i++)
		for (j = 0; j < a->competencies[i]->nexpectations; j++) {
			const struct model_expectation *e = a->competencies[i]->expectations[j];

			if (model_expectation(b, e->id) == NULL) {
				struct model_change *ch = add(c, CHANGE_REMOVED, "expectation", e->id);

				ch->old_value = e->text;
				ch->old_level = e->level_id;
				ch->old_competency = e->competency->id;
			}
		}
	for (i = 0; i < b->ncompetencies; i++)
		for (j = 0; j < b->competencies[i]->nexpectations; j++) {
			const struct model_expectation *e = b->competencies[i]->expectations[j];
			const struct model_expectation *old = model_expectation(a, e->id);
			struct model_change *ch;

			if (old == NULL) {
				ch = add(c, CHANGE_ADDED, "expectation", e->id);
				ch->new_value = e->text;
				ch->new_level = e->level_id;
				ch->new_competency = e->competency->id;
				continue;
			}
			if (differ(old->level_id, e->level_id) ||
			    differ(old->competency->id, e->competency->id)) {
				ch = add(c, CHANGE_MOVED, "expectation", e->id);
				ch->old_level = old->level_id;
				ch->new_level = e->level_id;
				ch->old_competency = old->competency->id;
				ch->new_competency = e->competency->id;
			}
			if (differ(old->text, e->text)) {
				ch = add(c, CHANGE_REWORDED, "expectation", e->id);
				ch->old_value = old->text;
				ch->new_value = e->text;
				ch->old_level = old->level_id;
				ch->new_level = e->level_id;
				ch->old_competency = old->competency->id;
				ch->new_competency = e->competency->id;
			}
			diff_details(old, e, c);
		}
}

void
model_diff(const struct model *a, const struct model *b, struct model_changes *out)
{
	memset(out, 0, sizeof(*out));
	diff_ladder(a, b, out);
	diff_tracks_levels(a, b, out);
	diff_competencies(a, b, out);
	diff_expectations(a, b, out);
}

void
model_changes_free(struct model_changes *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->items[i].owned[0]);
		free(c->items[i].owned[1]);
		free(c->items[i].owned[2]);
	}
	free(c->items);
	memset(c, 0, sizeof(*c));
}
