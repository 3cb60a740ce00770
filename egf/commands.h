/*
 * commands.h: the entry points of the commands (egf/cmd_*.c) and their
 * usage texts. Each takes the command's own argv (argv[0] is its name).
 */
#ifndef EGF_COMMANDS_H
#define EGF_COMMANDS_H

#include "cli.h"

int cmd_compile(struct egf_ctx *ctx, int argc, char **argv);
#define CMD_COMPILE_USAGE \
	"usage: egf compile [-W error] [--format xml|json] [-o FILE] LADDER\n" \
	"\n" \
	"Validates the ladder (a directory, or a compiled model.xml) and writes its\n" \
	"model: XML conforming to docs/egf-model.rng, or JSON. The format follows\n" \
	"--format, else the extension of -o, else XML. Without -o the model goes to\n" \
	"standard output. On any error no output file is written.\n" \
	"\n" \
	"  -o, --output FILE   write the model to FILE (atomically)\n" \
	"  -f, --format FMT    xml or json\n" \
	"  -W error            treat warnings as errors\n" \
	"  -h, --help          show this help\n"

int cmd_lint(struct egf_ctx *ctx, int argc, char **argv);
#define CMD_LINT_USAGE \
	"usage: egf lint [-W error] LADDER...\n" \
	"\n" \
	"Checks each ladder (a directory, or a compiled model.xml) and prints every\n" \
	"diagnostic as file:line:col: level: message [check]. Exit status 0 when\n" \
	"there are no errors, 1 when there are.\n" \
	"\n" \
	"  -W error            treat warnings as errors\n" \
	"  -h, --help          show this help\n"

#endif
