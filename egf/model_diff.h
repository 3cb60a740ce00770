/*
 * model_diff.h: what changed between two versions of a ladder, by id:
 * ladder fields, scale, promotion rule, tracks, levels, competencies and
 * expectations (added, removed, reworded, moved; their examples by
 * position and their attributes by name).
 */
#ifndef EGF_MODEL_DIFF_H
#define EGF_MODEL_DIFF_H

#include <stddef.h>

#include "model.h"

enum change_kind {
	CHANGE_ADDED,
	CHANGE_REMOVED,
	CHANGE_REWORDED,	/* same id, other text */
	CHANGE_MOVED,		/* same id, other level or competency */
	CHANGE_MODIFIED,	/* a field of the ladder, a level, a track, a competency;
				   an expectation's example or attribute */
};

/* One change; every pointer is borrowed from the two models. */
struct model_change {
	enum change_kind kind;
	const char *node;	/* "expectation", "level", "competency", "track", "scale", "ladder", "promotion" */
	const char *id;
	const char *field;	/* for CHANGE_MODIFIED: what changed, e.g. "title",
				   "example 2", "attribute proficiency" */
	const char *old_value, *new_value;	/* texts, levels or field values; NULL when none */
	const char *old_level, *new_level;	/* for expectations */
	const char *old_competency, *new_competency;
	char *owned[3];		/* formatted values (and field) the change owns */
};

struct model_changes {
	struct model_change *items;
	size_t n, cap;
};

/* Lists the changes from a to b in a stable order; free with model_changes_free. */
void model_diff(const struct model *a, const struct model *b, struct model_changes *out);
void model_changes_free(struct model_changes *c);
/* The word for a kind: "added", "removed", "reworded", "moved", "changed". */
const char *change_kind_name(enum change_kind kind);

#endif
