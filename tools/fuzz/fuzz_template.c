/* fuzz_template: the packet template reader (libxml2 without entities or network). */
#include <stdlib.h>

#include "diag.h"
#include "fuzz.h"
#include "packet_template.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = {0};
	struct packet_template t;
	char *path;

	fuzz_write("packet.xml", data, size);
	path = path_join(fuzz_dir(), "packet.xml");
	packet_template_load(path, &dl, &t);
	packet_template_clear(&t);
	diag_list_free(&dl);
	free(path);
	return 0;
}
