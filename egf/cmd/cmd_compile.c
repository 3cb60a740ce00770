/* cmd_compile.c: egf compile LADDER [-o FILE] */
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "ladder.h"
#include "model_json.h"
#include "model_xml.h"

enum { FORMAT_XML, FORMAT_JSON };

struct compile_opts {
	const char *output, *ladder;
	int format;
};

static const struct option compile_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 },
};

static int
compile_parse(struct egf_ctx *ctx, int argc, char **argv, void *arg)
{
	static const char *const formats[] = { "xml", "json", NULL };
	struct compile_opts *o = arg;
	const char *format = NULL, *v;
	int ch;

	while ((ch = cli_next_option(ctx, &v)) != -1) {
		if (ch == 'o')
			o->output = v;
		else if (ch == 'f')
			format = v;
	}
	if (argc != 1)
		return cli_usage_error(ctx, "expected one ladder directory or model file");
	if ((o->format = cli_format(ctx, format, o->output, formats, FORMAT_XML)) < 0)
		return EXIT_USAGE;
	o->ladder = argv[0];
	return EXIT_OK;
}

static int
compile_run(struct egf_ctx *ctx, void *arg)
{
	const struct compile_opts *o = arg;
	struct model *m = NULL;
	struct buf out = {0};
	int rc;

	if ((rc = cli_load_ladder(ctx, o->ladder, &m)) != EXIT_OK)
		return rc;
	if (o->format == FORMAT_XML) {
		/* Streamed: a large model's XML is never held whole in memory. */
		struct cli_output *w = cli_output_open(o->output, 0666);

		rc = w == NULL ? EXIT_USAGE :
		    cli_output_close(w, model_xml_write_to(m, 1, cli_output_write, w) == 0);
	} else if (model_json_write(m, &out) != 0) {
		cli_report(ctx, DIAG_SYSTEM, "could not serialise the model");
		rc = EXIT_USAGE;
	} else
		rc = cli_write_output(o->output, &out);
	buf_free(&out);
	model_free(m);
	return rc;
}

const struct cmd_ops cmd_compile = { compile_options, "o:f:", sizeof(struct compile_opts),
	compile_parse, compile_run, NULL, NULL };
