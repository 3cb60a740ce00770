/* cmd_compile.c: egf compile LADDER [-o FILE] */
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "ladder.h"
#include "model_json.h"
#include "model_xml.h"

enum { FORMAT_XML, FORMAT_JSON };

int
cmd_compile(struct egf_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const formats[] = { "xml", "json", NULL };
	const char *output = NULL, *format = NULL;
	struct model *m = NULL;
	struct buf out = {0};
	int ch, fmt, rc;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:f:W:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			output = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'W':
			if (cli_warning_option(ctx, optarg) != 0)
				return EXIT_USAGE;
			break;
		case 'h':
			return cli_help(ctx->command);
		default:
			return cli_option_error(ctx, argv, longopts);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(ctx, "expected one ladder directory or model file");
	if ((fmt = cli_format(ctx, format, output, formats, FORMAT_XML)) < 0)
		return EXIT_USAGE;

	if ((rc = cli_load_ladder(ctx, argv[optind], &m)) != EXIT_OK)
		return rc;
	if (fmt == FORMAT_XML) {
		/* Streamed: a large model's XML is never held whole in memory. */
		struct cli_output *o = cli_output_open(output, 0666);

		rc = o == NULL ? EXIT_USAGE :
		    cli_output_close(o, model_xml_write_to(m, 1, cli_output_write, o) == 0);
	} else if (model_json_write(m, &out) != 0) {
		fprintf(stderr, "egf compile: could not serialise the model\n");
		rc = EXIT_USAGE;
	} else
		rc = cli_write_output(output, &out);
	buf_free(&out);
	model_free(m);
	return rc;
}
