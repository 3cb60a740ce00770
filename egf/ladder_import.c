/* ladder_import.c: what the importers share. */
#include "ladder_import.h"

void
ladder_import_default_rule(struct gen_file *f, int src, const char *path,
    struct diag_list *dl)
{
	ladder_gen_lines(f, src, 0, 0,
	    "scale:\n"
	    "  - {id: not-yet, label: Not yet, value: 0}\n"
	    "  - {id: developing, label: Developing, value: 1}\n"
	    "  - {id: meets, label: Meets, value: 2}\n"
	    "  - {id: exceeds, label: Exceeds, value: 3}\n"
	    "meets: meets\n"
	    "promotion:\n"
	    "  threshold: 0.8");
	diag_add(dl, DIAG_DEFAULTED, path, 0, 0,
	    "no rating scale or promotion rule in the source: egf's defaults are written "
	    "(not-yet, developing, meets, exceeds; ready at 80%% rated meets); edit ladder.md "
	    "to give your own");
}
