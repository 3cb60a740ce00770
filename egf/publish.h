/*
 * publish.h: publishing a ladder version, the operation behind `egf
 * publish` (and any other front-end that stores a compiled ladder). No
 * printing and no exit codes: the caller reports the result.
 */
#ifndef EGF_PUBLISH_H
#define EGF_PUBLISH_H

#include "diag.h"
#include "model.h"
#include "model_diff.h"
#include "store.h"

enum publish_status {
	PUBLISH_DONE,		/* stored as a new version */
	PUBLISH_SAME,		/* already published with the same content: nothing written */
	PUBLISH_CONFLICT,	/* already published with other content: nothing written */
	PUBLISH_SERIALISE,	/* the model could not be serialised (nothing reported) */
	PUBLISH_ERROR		/* a database error, reported through the store or dl */
};

/*
 * Stores m (borrowed) as version m->version of ladder m->id in st, in one
 * transaction, unless that version exists. On PUBLISH_CONFLICT *changes
 * lists how the published version differs from m (owned by the caller:
 * model_changes_free); on every other status it is left empty. Models read
 * back from the store report their diagnostics into dl.
 */
enum publish_status ladder_publish(struct store *st, struct diag_list *dl,
    const struct model *m, struct model_changes *changes);

#endif
